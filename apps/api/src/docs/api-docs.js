// Starts Swagger UI on the shop's own OpenAPI document. A file rather than an inline script, so
// the page works under a Content-Security-Policy without 'unsafe-inline'.
window.addEventListener('DOMContentLoaded', () => {
  window.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#api-reference',
    deepLinking: true,
    displayOperationId: true,
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false,
    // The online validator badge would send the document to a third party.
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
