// The suite's `test`: every page must load without a console error, an uncaught
// exception, a failed request or an HTTP error — any of them fails the test that caused it.
// Each test starts from a fresh browser context, so storage is empty unless a test fills it.
import { test as base, expect } from "@playwright/test";
import { Playground } from "./pages/playground.js";

export const test = base.extend({
  problems: [async ({ page }, use) => {
    const problems = [];
    // (A revoked blob: URL, fetched on purpose, is "not found": not a problem.)
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().includes("net::ERR_FILE_NOT_FOUND")) problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    // A blob: URL fails once its object URL is revoked, as the page means it to. A request
    // the browser itself cancelled (net::ERR_ABORTED: a chunk being prefetched when the
    // page reloads, navigates or closes — on a busy machine that is often) is not a
    // failure of the page; a file that is missing still fails the test, by its HTTP status.
    page.on("requestfailed", (r) => {
      if (r.url().startsWith("blob:")) return;
      if (r.failure()?.errorText === "net::ERR_ABORTED") return;
      problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
    });
    page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    await use(problems);
    expect(problems, "the page logged errors").toEqual([]);
  }, { auto: true }],
  pg: async ({ page }, use) => {
    await use(new Playground(page));
  },
});

export { expect };
