import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { startApiServer, type ApiServer } from "./api-server.ts";
import { launchChromium } from "./browser.ts";

/** What a Chromium test file shares: the browser, the real API server and its temporary storage. */
export interface E2e {
  browser: Browser;
  server: ApiServer;
  storageDir: string;
  /** Set when setup failed; each test rethrows it, so a missing browser fails every test with its message. */
  setupError: unknown;
  /** Throws the setup error, if any. */
  ready(): void;
}

/**
 * Registers beforeAll/afterAll that launch Debian Chromium (first: a missing browser fails fast), start the real API
 * on a fresh `file://` storage under `prefix`, and tear both down. Tests read the returned object's fields.
 */
export function useE2e(prefix: string): E2e {
  const e2e = {
    setupError: null as unknown,
    ready() {
      if (e2e.setupError) throw e2e.setupError;
    },
  } as E2e;
  beforeAll(async () => {
    try {
      e2e.browser = await launchChromium();
      e2e.storageDir = mkdtempSync(path.join(os.tmpdir(), prefix));
      e2e.server = await startApiServer(e2e.storageDir);
    } catch (err) {
      e2e.setupError = err;
    }
  }, 120_000);
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.server?.stop();
    if (e2e.storageDir) rmSync(e2e.storageDir, { recursive: true, force: true });
  }, 30_000);
  return e2e;
}
