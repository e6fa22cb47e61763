/*
 * CloudFront Functions (cloudfront-js-2.0), as source text. Each is plain JavaScript that the
 * test also runs, with events of CloudFront's shape.
 */

/**
 * The storefront is a single-page app: a path without a file extension is a page of it, so
 * it gets index.html (React Router takes it from there). A missing file stays a 404, and no
 * `/api` path reaches this function (its behaviours come first).
 */
export const spaFallbackCode = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * A WebSocket API answers only on its stage's own path (anything after it is a 403), so the
 * shop's `/api/live` becomes `/<stage>`; the query (`?token=`) passes as it is.
 */
export const liveRewriteCode = (stageName: string) => `function handler(event) {
  var request = event.request;
  request.uri = '/${stageName}';
  return request;
}`;
