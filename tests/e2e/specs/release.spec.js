// What visitors download is the playground alone: the release build carries none of the
// benchmark's or the test oracles' exports.
import { test, expect } from "../fixtures.js";

test("the release build exports no benchmark functions", async ({ pg, page }) => {
  await pg.open();
  const exported = await page.evaluate(() => Object.keys(window.wasmBindings ?? {}));
  expect(exported.length).toBeGreaterThan(0);
  expect(exported.filter((k) => k.startsWith("bench_") || k.startsWith("check_"))).toEqual([]);
});

// Scenario text comes from strangers: the page ships a strict Content-Security-Policy, and
// the whole suite runs under it (the fixture fails a test on any console error, which is
// where a violation is reported). The Web Worker and the wasm chunks still load.
test("the release build ships a strict Content-Security-Policy, and the page works under it", async ({ pg, page }) => {
  const violations = [];
  await page.exposeFunction("__cspViolation", (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await pg.open("#/encrypt");
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(csp).toContain("worker-src 'self' blob:");
  expect(csp).toContain("object-src 'none'");
  await pg.encrypt.encrypt("a.bin", Buffer.alloc(1000, 1));
  await expect(page.getByTestId("env-result")).toContainText("in a background Web Worker");
  for (const panel of ["Keys", "Policies", "Access", "S3", "Audit", "Scenarios"]) await pg.nav(panel);
  await expect(page.getByTestId("gallery").getByTestId("scenario-card")).toHaveCount(7);
  expect(violations).toEqual([]);
});
