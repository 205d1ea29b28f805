import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";

/**
 * The API reference at /docs: Swagger UI from the installed, version-pinned `swagger-ui-dist` package, served by
 * this process. Nothing is loaded from a CDN, so the page renders every operation offline and behind firewalls.
 */

const require = createRequire(import.meta.url);
const DIST = require.resolve("swagger-ui-dist/package.json").replace(/package\.json$/, "");
export const SWAGGER_UI_VERSION: string = (require("swagger-ui-dist/package.json") as { version: string }).version;

/**
 * Swagger UI sets inline style attributes and shows inline SVG icons as data: URIs; everything else is same-origin.
 * Scripts stay 'self' only, so the initialiser is a file rather than an inline script.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

// Relative paths: /docs resolves "docs/…" to /docs/… and "openapi.json" to /openapi.json, also under a path prefix.
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Gantry API reference</title>
  <link rel="stylesheet" href="docs/swagger-ui.css">
  <script src="docs/swagger-ui-bundle.js" defer></script>
  <script src="docs/init.js" defer></script>
</head>
<body>
  <main id="swagger-ui" aria-label="API reference"><noscript>The API reference needs JavaScript; the document itself is at <a href="openapi.json">/openapi.json</a>.</noscript></main>
</body>
</html>
`;

// validatorUrl null: the default sends the document to validator.swagger.io for a badge, an outside request.
const INIT = `window.ui = SwaggerUIBundle({
  url: new URL("openapi.json", document.baseURI).href,
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: false,
});
`;

interface File {
  body: string;
  type: string;
}

let files: Map<string, File> | null = null;
// Read on first request: 2 MB that API-only processes (tests, Lambda cold starts) need not load.
function docsFiles(): Map<string, File> {
  files ??= new Map<string, File>([
    ["swagger-ui.css", { body: readFileSync(`${DIST}swagger-ui.css`, "utf8"), type: "text/css; charset=utf-8" }],
    ["swagger-ui-bundle.js", { body: readFileSync(`${DIST}swagger-ui-bundle.js`, "utf8"), type: "text/javascript; charset=utf-8" }],
    ["init.js", { body: INIT, type: "text/javascript; charset=utf-8" }],
  ]);
  return files;
}

const headers = (type: string, cache: string): Record<string, string> => ({
  "Content-Type": type,
  "Content-Security-Policy": DOCS_CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": cache,
});

/** GET /docs and GET /docs/<file>. Mount at the root. */
export function docsRoutes(): Hono {
  const app = new Hono();
  app.get("/docs", (c) => c.body(PAGE, 200, headers("text/html; charset=utf-8", "no-cache")));
  app.get("/docs/", (c) => c.redirect("../docs", 301));
  app.get("/docs/:file", (c) => {
    const file = docsFiles().get(c.req.param("file"));
    if (!file) return c.body("not found", 404, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
    // The package version is pinned, so the files change only with a deploy; an hour of caching is safe.
    return c.body(file.body, 200, headers(file.type, "public, max-age=3600"));
  });
  return app;
}
