/** Build task: writes api/openapi.json from the route declarations (run: tsx scripts/write-openapi.ts). */
import { writeFileSync } from "node:fs";
import { OPENAPI_FILE, renderOpenApi } from "../src/openapi-file.ts";

writeFileSync(OPENAPI_FILE, renderOpenApi());
console.log(`wrote ${OPENAPI_FILE}`);
