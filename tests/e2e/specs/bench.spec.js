// A smoke run of the browser benchmark's functions on small sizes: the benchmark bundle
// exports them, WebCrypto frames equal the core's, and every figure is a real number.
import { test, expect } from "@playwright/test";
import { benchPort } from "../playwright.config.js";
import { matrixBench } from "../bench/matrix.mjs";

// The benchmark's exports live in their own bundle (dist-bench): visitors never download them.
test.use({ baseURL: `http://127.0.0.1:${benchPort}/bench/` });

test("the benchmark functions run in the benchmark bundle", async ({ page }) => {
  await page.goto("./");
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.bench_envelope_bytes);
  expect(await page.evaluate(() => window.wasmBindings.check_webcrypto_matches_core(300_000, 65_536))).toBe(true);
  const single = await page.evaluate(() => window.wasmBindings.bench_raw_webcrypto(4, 1024, 1));
  const parallel = await page.evaluate(() => window.wasmBindings.bench_raw_webcrypto(4, 256, 8));
  const env = await page.evaluate(() => window.wasmBindings.bench_envelope_bytes(4, {}));
  const held = await page.evaluate(() => window.wasmBindings.bench_envelope_bytes(4, { liveOnly: true, framesPerSlice: 4, readAhead: 1, inFlight: 4 }));
  const file = await page.evaluate(async () => {
    const blob = new Blob([new Uint8Array(3 * 1024 * 1024 + 5)]);
    const b = window.wasmBindings;
    return [await b.bench_read_only(blob, {}), await b.bench_envelope_blob(blob, {}),
      await b.bench_read_only(blob, { slices: true }), await b.bench_envelope_blob(blob, { slices: true, keep: true }),
      await b.bench_raw_webcrypto_file(blob, {}), await b.bench_panel_path(blob), await b.bench_raw_worker(blob)];
  });
  const core = await page.evaluate(() => window.wasmBindings.bench_core_aes_gcm(2));
  const decrypt = await page.evaluate(() => window.wasmBindings.bench_decrypt_bytes(4));
  for (const x of [decrypt, single, parallel, env.mibPerSecond, held.mibPerSecond, file[0], file[1].mibPerSecond, file[2], file[3].mibPerSecond, file[4], core]) {
    expect(Number.isFinite(x) && x > 0).toBe(true);
  }
  // 4 MiB in 256 KiB frames: header + 16 full frames + an empty final frame.
  expect(env.parts).toBe(1 + 2 * 17);
  expect(env.bytesOut).toBeGreaterThan(4 * 1024 * 1024);
  expect(held.pipeline).toBe("4 frames per slice, 1 slice(s) read ahead, 4 frames in flight");
  // 3 MiB + 5 bytes: header + 12 full frames + a final frame of 5 bytes.
  expect(file[1].parts).toBe(1 + 2 * 13);
  // Read in slices and kept in a Blob, as the Encrypt panel keeps it: the same bytes, all kept.
  expect(file[3].bytesOut).toBe(file[1].bytesOut);
  expect(file[3].bytesKept).toBe(file[3].bytesOut);
  expect(file[1].bytesKept).toBe(0);
  // Its baseline, raw WebCrypto kept in a Blob in a Web Worker, runs there too.
  expect(file[6].inWorker).toBe(true);
  expect(file[6].bytesOut).toBe(3 * 1024 * 1024 + 5);
  expect(Number.isFinite(file[6].mibPerSecond) && file[6].mibPerSecond > 0).toBe(true);
  // The panel's path, in a Web Worker: the same bytes.
  expect(file[5].inWorker).toBe(true);
  expect(file[5].bytesOut).toBe(file[1].bytesOut);
  expect(Number.isFinite(file[5].mibPerSecond) && file[5].mibPerSecond > 0).toBe(true);
});

test("the access matrix benchmark runs: the whole matrix in wasm, and a policy keystroke repainted", async ({ page }) => {
  const r = await matrixBench(page, "./", { principals: 20, keys: 20, rounds: 1, strokes: 4 });
  expect(r.cells).toBe(20 * 20 * 20);
  expect(r.allowed).toBeGreaterThan(0);
  expect(r.allowed).toBeLessThan(r.cells);
  expect(Number.isFinite(r.fullMs) && r.fullMs >= 0).toBe(true);
  expect(r.keystrokes).toHaveLength(4);
  console.log(`smoke: matrix 20 × 20 × 20 in ${r.fullMs.toFixed(1)} ms; keystroke → repaint ${r.keystrokeMs.toFixed(1)} ms (debug build)`);
});
