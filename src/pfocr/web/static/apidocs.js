// pfocr: start Swagger UI on the API page (its bundle is served from the package's files).
(function () {
  "use strict";
  if (typeof window.SwaggerUIBundle !== "function") { return; }
  window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: true
  });
})();
