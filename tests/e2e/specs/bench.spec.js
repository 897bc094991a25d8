// A smoke run of the browser benchmark's functions on small sizes: the release build
// exports them, WebCrypto frames equal the core's, and every figure is a real number.
import { test, expect } from "@playwright/test";

test("the benchmark functions run in the release build", async ({ page }) => {
  await page.goto("./");
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.bench_envelope);
  expect(await page.evaluate(() => window.wasmBindings.check_webcrypto_matches_core(300_000, 65_536))).toBe(true);
  const raw = await page.evaluate(() => window.wasmBindings.bench_raw_webcrypto(4));
  const env = await page.evaluate(() => window.wasmBindings.bench_envelope(4));
  const core = await page.evaluate(() => window.wasmBindings.bench_core_aes_gcm(2));
  for (const x of [raw, env.mibPerSecond, core]) {
    expect(Number.isFinite(x) && x > 0).toBe(true);
  }
  // 4 MiB in 256 KiB frames: header + 16 full frames + an empty final frame.
  expect(env.parts).toBe(1 + 2 * 17);
  expect(env.bytesOut).toBeGreaterThan(4 * 1024 * 1024);
});
