/**
 * Whether a request path belongs to the API, as a client or an intermediary could read it:
 * case-insensitively, with percent-encoding (an encoded slash included) decoded, and with
 * repeated or backward slashes taken as one. `/API/x`, `/%2fapi/x` and `//api/x` are API paths
 * the API does not serve — a JSON 404 — never a storefront page answered with 200.
 */
export const isApiPath = (path: string) => {
  // Decoding and folding keep a leading `/api/` as it is: nearly every request stops here.
  if (path.startsWith('/api/')) return true;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape is not a route of either; the raw path decides.
  }
  const normalized = decoded.replace(/[/\\]+/g, '/').toLowerCase();
  return normalized === '/api' || normalized.startsWith('/api/');
};
