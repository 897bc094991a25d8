// Browser benchmark of KMS Playground, in headless Chromium, all in one run:
//   raw WebCrypto AES-GCM, the playground's file envelope path (WebCrypto), and the core's
//   AES-GCM compiled to wasm (MiB/s), plus the memory above idle while envelope-encrypting
//   a generated file of --file-mib MiB (default 1024 = 1 GiB).
// Usage: scripts/bench-browser [--mib 256] [--file-mib 1024] [--rounds 3]
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const mib = arg("mib", 256);
const fileMib = arg("file-mib", 1024);
const rounds = arg("rounds", 3);
const port = arg("port", 4180);
const here = fileURLToPath(new URL(".", import.meta.url));

const server = spawn("node", [`${here}/../serve.mjs`, "--dir", `${here}/../../../dist`, "--port", String(port), "--prefix", "/bench/"], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => server.stdout.once("data", resolve));

// A persistent (not off-the-record) profile, so Chromium may page a large Blob to disk.
const { mkdtempSync, rmSync } = await import("node:fs");
const profile = mkdtempSync("/tmp/kms-bench-profile-");
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-precise-memory-info", "--js-flags=--expose-gc"],
});
const browser = { version: () => context.browser()?.version() ?? "(persistent context)" };
try {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/bench/`);
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.bench_envelope);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results = { raw: [], envelope: [], core: [] };
  for (let r = 0; r < rounds; r++) {
    results.raw.push(await page.evaluate((m) => window.wasmBindings.bench_raw_webcrypto(m), mib));
    results.envelope.push((await page.evaluate((m) => window.wasmBindings.bench_envelope(m), mib)).mibPerSecond);
    results.core.push(await page.evaluate((m) => window.wasmBindings.bench_core_aes_gcm(m), Math.min(mib, 64)));
  }
  await page.evaluate(() => window.gc && window.gc());
  // The big file is a real file on disk, chosen through a file input as a user would.
  const bigPath = `${profile}/generated-${fileMib}MiB.bin`;
  {
    const { openSync, writeSync, closeSync } = await import("node:fs");
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 2654435761) >>> 24;
    const fd = openSync(bigPath, "w");
    for (let i = 0; i < fileMib; i++) writeSync(fd, chunk);
    closeSync(fd);
  }
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.type = "file";
    input.id = "bench-file";
    document.body.append(input);
  });
  await page.setInputFiles("#bench-file", bigPath);
  await page.evaluate(() => window.gc && window.gc());
  const big = await page.evaluate(() => window.wasmBindings.bench_envelope_blob(document.getElementById("bench-file").files[0]));
  const identical = await page.evaluate(() => window.wasmBindings.check_webcrypto_matches_core(3 * 1024 * 1024 + 17, 1024 * 1024));
  const raw = median(results.raw), env = median(results.envelope), core = median(results.core);
  const f = (x) => x.toFixed(1).padStart(8);
  console.log(`KMS Playground browser benchmark — Chromium ${browser.version()}, median of ${rounds} rounds`);
  console.log(`  raw WebCrypto AES-256-GCM      ${f(raw)} MiB/s   (${mib} MiB in memory, 256 KiB calls, 64 in flight)`);
  console.log(`  envelope, file path (WebCrypto)${f(env)} MiB/s   (${mib} MiB generated file, 256 KiB frames)  = ${(env / raw).toFixed(2)}× raw`);
  console.log(`  core aes-gcm compiled to wasm  ${f(core)} MiB/s   (1 MiB calls)`);
  console.log(`  ${fileMib} MiB file: ${f(big.mibPerSecond)} MiB/s, peak memory above idle ${big.peakMemoryAboveIdleMiB.toFixed(1)} MiB (JS heap + wasm), ${big.bytesOut} bytes out`);
  console.log(`  WebCrypto frames identical to the core's: ${identical}`);
  if (!identical) process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.kill();
}
