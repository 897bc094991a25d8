// What visitors download is the playground alone: the release build carries none of the
// benchmark's or the test oracles' exports.
import { test, expect } from "../fixtures.js";

test("the release build exports no benchmark functions", async ({ pg, page }) => {
  await pg.open();
  const exported = await page.evaluate(() => Object.keys(window.wasmBindings ?? {}));
  expect(exported.length).toBeGreaterThan(0);
  expect(exported.filter((k) => k.startsWith("bench_") || k.startsWith("check_"))).toEqual([]);
});
