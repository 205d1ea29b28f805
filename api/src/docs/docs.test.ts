import { describe, expect, it } from "vitest";
import { DOCS_CSP, SWAGGER_UI_VERSION, docsRoutes } from "./index.ts";

describe("/docs", () => {
  const app = docsRoutes();

  it("serves a page whose every script and stylesheet comes from this server", async () => {
    const res = await app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(DOCS_CSP);
    const html = await res.text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs).toEqual(["docs/swagger-ui.css", "docs/swagger-ui-bundle.js", "docs/init.js", "openapi.json"]);
    expect(html).not.toMatch(/https?:\/\//);
    for (const ref of refs.filter((r) => r.startsWith("docs/"))) {
      const asset = await app.request(`/${ref}`);
      expect(asset.status, ref).toBe(200);
      expect(asset.headers.get("content-type"), ref).toMatch(ref.endsWith(".css") ? /^text\/css/ : /^text\/javascript/);
    }
  });

  it("serves the pinned swagger-ui-dist bundle and turns the outside validator off", async () => {
    expect(SWAGGER_UI_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    const bundle = await (await app.request("/docs/swagger-ui-bundle.js")).text();
    expect(bundle.length).toBeGreaterThan(500_000);
    expect(bundle).toContain("SwaggerUIBundle");
    const init = await (await app.request("/docs/init.js")).text();
    expect(init).toContain("validatorUrl: null");
    expect(init).toContain('new URL("openapi.json", document.baseURI)');
  });

  it("answers 404 for files it does not serve and sends /docs/ to /docs", async () => {
    expect((await app.request("/docs/index.html")).status).toBe(404);
    expect((await app.request("/docs/..%2Fpackage.json")).status).toBe(404);
    const slash = await app.request("/docs/");
    expect(slash.status).toBe(301);
    expect(slash.headers.get("location")).toBe("../docs");
  });
});
