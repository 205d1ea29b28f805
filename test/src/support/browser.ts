import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's chromium package; playwright-core drives it and never downloads a browser of its own. */
export const CHROMIUM = "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches headless Debian Chromium; fails (never skips) with the install command when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: the dashboard test needs Debian's chromium. Install it with ` +
        "`apt-get install -y chromium` (CI installs it); do not download a browser through playwright.",
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
}

/** What went wrong in the page: console errors and warnings, uncaught exceptions, failed or 4xx/5xx requests. */
export interface PageProblems {
  list: string[];
}

/**
 * Records every console error, uncaught page error, failed request and HTTP error response of `page`. Requests
 * the page aborted itself (navigation away, AbortController) are not problems.
 */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { list: [] };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.list.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (err) => problems.list.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (r) => {
    const why = r.failure()?.errorText ?? "";
    if (!why.includes("ERR_ABORTED")) problems.list.push(`requestfailed: ${r.method()} ${r.url()} ${why}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.list.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return problems;
}
