// Browser benchmark of KMS Playground, in headless Chromium, all in one run:
//   - raw WebCrypto AES-256-GCM on bytes in memory, two ways: one 16 MiB call at a time (as
//     ../shared/TOOLCHAIN.md measures it) and 256 KiB calls with many in flight (all cores);
//   - the envelope (KPE1, 256 KiB frames, WebCrypto) on the same kind of bytes in memory;
//   - a generated file of --file-mib MiB (default 1 GiB) on disk, chosen through a file
//     input as a user would: reading it alone (the browser's file-read ceiling), raw
//     WebCrypto over the file read the same way (the like-for-like baseline), and the
//     playground's envelope file path, with its memory above idle; the output kept in a
//     Blob on the page and in a Web Worker (the Encrypt panel's path), with how long the
//     page's main thread had to wait meanwhile;
//   - the core's AES-GCM compiled to wasm.
// Usage: scripts/bench-browser [--mib 256] [--file-mib 1024] [--rounds 3]
//                              [--tune [framesPerSlice/readAhead/inFlight[r],...]]
import { chromium } from "@playwright/test";
import { spawn, execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { fileURLToPath } from "node:url";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const mib = arg("mib", 256);
const fileMib = arg("file-mib", 1024);
const rounds = arg("rounds", 3);
const port = arg("port", 4180);
const tune = process.argv.includes("--tune");
const here = fileURLToPath(new URL(".", import.meta.url));

const server = spawn("node", [`${here}/../serve.mjs`, "--dir", `${here}/../../../dist-bench`, "--port", String(port), "--prefix", "/bench/"], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => server.stdout.once("data", resolve));

// A persistent (not off-the-record) profile, so Chromium may page a large Blob to disk.
const profile = mkdtempSync("/tmp/kms-bench-profile-");
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-precise-memory-info", "--js-flags=--expose-gc"],
});

// The processes of this browser, found by its profile directory.
const browserPids = () => {
  try {
    return execFileSync("pgrep", ["-f", profile]).toString().trim().split(/\s+/);
  } catch {
    return [];
  }
};
// Resident memory of `pids`, MiB.
const residentMiB = (pids) => {
  let kib = 0;
  for (const pid of pids) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return kib / 1024;
};

// CPU time used by every process of this browser (all threads, user and system), seconds.
const cpuSeconds = () => {
  let ticks = 0;
  for (const pid of browserPids()) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while we looked
    }
  }
  return ticks / 100; // USER_HZ
};
const cores = (await import("node:os")).cpus().length;

try {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/bench/`);
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.bench_envelope_bytes);
  const gc = () => page.evaluate(() => window.gc && window.gc());
  // Runs `fn` while sampling the browser's resident memory (the process list is read once,
  // before, so that sampling costs little); gives its result and the peak above the level
  // just before (after a collection).
  const withResident = async (fn) => {
    await gc();
    await new Promise((r) => setTimeout(r, 200));
    const pids = browserPids();
    const idle = residentMiB(pids);
    let peak = idle;
    const timer = setInterval(() => { peak = Math.max(peak, residentMiB(pids)); }, 50);
    const result = await fn();
    clearInterval(timer);
    return { result, residentAboveIdleMiB: Math.max(peak, residentMiB(pids)) - idle };
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // Runs `fn` and gives the browser's CPU seconds per GiB of `mibDone`.
  const cpuPerGiB = async (mibDone, fn) => {
    await gc();
    const before = cpuSeconds();
    await fn();
    return ((cpuSeconds() - before) * 1024) / mibDone;
  };

  const results = { single: [], parallel: [], bytes: [], decrypt: [], core: [] };
  for (let r = 0; r < rounds; r++) {
    results.single.push(await page.evaluate((m) => window.wasmBindings.bench_raw_webcrypto(m, 16 * 1024, 1), mib));
    results.parallel.push(await page.evaluate((m) => window.wasmBindings.bench_raw_webcrypto(m, 256, 32), mib));
    results.bytes.push((await page.evaluate((m) => window.wasmBindings.bench_envelope_bytes(m, {}), mib)).mibPerSecond);
    results.decrypt.push(await page.evaluate((m) => window.wasmBindings.bench_decrypt_bytes(m), mib));
    results.core.push(await page.evaluate((m) => window.wasmBindings.bench_core_aes_gcm(m), Math.min(mib, 64)));
    await gc();
  }

  // The big file is a real file on disk, chosen through a file input as a user would.
  const bigPath = `${profile}/generated-${fileMib}MiB.bin`;
  {
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
  const onFile = (fn, options) => page.evaluate(([fn, options]) =>
    window.wasmBindings[fn](document.getElementById("bench-file").files[0], options), [fn, options]);
  // The same, while a 10 ms timer on the page's main thread notes how late it fires: how
  // long a click or the progress bar would wait. Gives { result, worstLateMs }.
  const onFileTimed = (fn, options) => page.evaluate(async ([fn, options]) => {
    let worst = 0, last = performance.now();
    const timer = setInterval(() => { const t = performance.now(); worst = Math.max(worst, t - last - 10); last = t; }, 10);
    const result = await window.wasmBindings[fn](document.getElementById("bench-file").files[0], options);
    clearInterval(timer);
    return { result, worstLateMs: worst };
  }, [fn, options]);

  if (tune) {
    // Pipeline shapes "framesPerSlice/readAhead/inFlight", streamed into reused buffers
    // as the playground does, or with a trailing "r" read in slices, each into a new buffer
    // (readAhead counts only then); each run --rounds times.
    const list = process.argv[process.argv.indexOf("--tune") + 1] ?? "";
    const shapes = list.includes("/")
      ? list.split(",")
      : ["16/1/32", "32/1/16", "32/1/32", "32/1/64", "64/1/32", "32/2/32r", "32/3/32r", "64/2/32r"];
    console.log(`Pipeline shapes on the file, median of ${rounds} (MiB/s: read alone, envelope; MiB above idle: held, resident):`);
    for (const shape of shapes) {
      const [framesPerSlice, readAhead, inFlight] = shape.replace("r", "").split("/").map(Number);
      const options = { framesPerSlice, readAhead, inFlight, slices: shape.endsWith("r") };
      const read = [], env = [];
      for (let r = 0; r < rounds; r++) {
        await gc();
        read.push(await onFile("bench_read_only", options));
        await gc();
        env.push((await onFile("bench_envelope_blob", options)).mibPerSecond);
      }
      await gc();
      const held = await onFile("bench_envelope_blob", { ...options, liveOnly: true });
      const resident = (await withResident(() => onFile("bench_envelope_blob", options))).residentAboveIdleMiB;
      console.log(`  ${shape.padEnd(9)} ${median(read).toFixed(0).padStart(5)} ${median(env).toFixed(0).padStart(5)} ${held.peakMemoryAboveIdleMiB.toFixed(1).padStart(6)} ${resident.toFixed(1).padStart(6)}   [envelope runs: ${env.map((x) => x.toFixed(0)).join(", ")}]`);
    }
  }

  const reads = [], rawFiles = [], files = [], sliced = [], kept = [], panel = [], rawKept = [], late = { kept: [], panel: [] };
  const slicedShape = { slices: true, framesPerSlice: 32, readAhead: 3, inFlight: 32 };
  for (let r = 0; r < rounds; r++) {
    await gc();
    reads.push(await onFile("bench_read_only", {}));
    await gc();
    rawFiles.push(await onFile("bench_raw_webcrypto_file", {}));
    await gc();
    files.push(await onFile("bench_envelope_blob", {}));
    await gc();
    sliced.push((await onFile("bench_envelope_blob", slicedShape)).mibPerSecond);
    await gc();
    const k = await onFileTimed("bench_envelope_blob", { keep: true });
    if (k.result.bytesKept !== k.result.bytesOut) throw new Error(`kept ${k.result.bytesKept} of ${k.result.bytesOut} bytes`);
    kept.push(k.result.mibPerSecond);
    late.kept.push(k.worstLateMs);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    await gc();
    const w = await onFileTimed("bench_panel_path", undefined);
    if (!w.result.inWorker) throw new Error("the panel's path did not run in a Web Worker");
    panel.push(w.result.mibPerSecond);
    late.panel.push(w.worstLateMs);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    await gc();
    // The panel's baseline: raw WebCrypto over the same file, its output kept the same way.
    const rw = await onFile("bench_raw_worker", undefined);
    if (!rw.inWorker) throw new Error("the raw baseline did not run in a Web Worker");
    rawKept.push(rw.mibPerSecond);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  }
  // Resident memory: the envelope on the whole file and on its first quarter (a bounded
  // pipeline gives about the same peak), and raw WebCrypto alone over as many bytes.
  const fileResident = (await withResident(() => onFile("bench_envelope_blob", {}))).residentAboveIdleMiB;
  const quarterResident = (await withResident(() => page.evaluate(() => {
    const file = document.getElementById("bench-file").files[0];
    return window.wasmBindings.bench_envelope_blob(file.slice(0, file.size / 4), {});
  }))).residentAboveIdleMiB;
  const rawResident = (await withResident(() => page.evaluate((m) => window.wasmBindings.bench_raw_webcrypto(m, 256, 32), fileMib))).residentAboveIdleMiB;
  const rawFileResident = (await withResident(() => onFile("bench_raw_webcrypto_file", {}))).residentAboveIdleMiB;
  const readResident = (await withResident(() => onFile("bench_read_only", {}))).residentAboveIdleMiB;
  await gc();
  const live = await onFile("bench_envelope_blob", { liveOnly: true });
  const cpu = {
    read: await cpuPerGiB(fileMib, () => onFile("bench_read_only", {})),
    seal: await cpuPerGiB(fileMib, () => page.evaluate((m) => window.wasmBindings.bench_raw_webcrypto(m, 256, 32), fileMib)),
    rawFile: await cpuPerGiB(fileMib, () => onFile("bench_raw_webcrypto_file", {})),
    envelope: await cpuPerGiB(fileMib, () => onFile("bench_envelope_blob", {})),
  };
  // Reading and sealing share the machine's cores: at what each costs alone, both fit
  // this many MiB/s on all cores (an estimate: together they may cost a little less).
  const bound = (cores * 1024) / (cpu.read + cpu.seal);
  const identical = await page.evaluate(() => window.wasmBindings.check_webcrypto_matches_core(3 * 1024 * 1024 + 17, 256 * 1024));

  const single = median(results.single), parallel = median(results.parallel), bytes = median(results.bytes), decrypt = median(results.decrypt), core = median(results.core);
  const read = median(reads), rawFile = median(rawFiles);
  const file = files.map((f) => f.mibPerSecond);
  const fileMedian = median(file);
  const heapPeak = Math.max(...files.map((f) => f.peakMemoryAboveIdleMiB));
  const f = (x) => x.toFixed(0).padStart(6);
  const ratio = (x, y) => `${(x / y).toFixed(2)}×`;
  console.log(`KMS Playground browser benchmark — Chromium ${context.browser()?.version() ?? "(persistent context)"}, median of ${rounds} rounds`);
  console.log(`Pipeline: the file streamed into reused buffers, ${files[0].pipeline}; frames of 256 KiB.`);
  console.log(`In memory (${mib} MiB):`);
  console.log(`  raw WebCrypto, one 16 MiB call at a time     ${f(single)} MiB/s`);
  console.log(`  raw WebCrypto, 256 KiB calls, 32 in flight   ${f(parallel)} MiB/s`);
  console.log(`  envelope (KPE1) over the same kind of bytes  ${f(bytes)} MiB/s  = ${ratio(bytes, parallel)} raw in flight, ${ratio(bytes, single)} raw one call at a time`);
  console.log(`  envelope decrypt (WebCrypto) of such bytes    ${f(decrypt)} MiB/s  = ${ratio(decrypt, parallel)} raw in flight`);
  console.log(`  core aes-gcm compiled to wasm (1 MiB calls)  ${f(core)} MiB/s`);
  console.log(`A ${fileMib} MiB file on disk, through a file input:`);
  console.log(`  reading it alone (the browser's ceiling)     ${f(read)} MiB/s`);
  console.log(`  raw WebCrypto over the file, read the same way ${f(rawFile)} MiB/s   [runs: ${rawFiles.map((x) => x.toFixed(0)).join(", ")}]`);
  console.log(`  envelope file path (the playground)          ${f(fileMedian)} MiB/s  = ${ratio(fileMedian, rawFile)} raw over the file, ${ratio(fileMedian, read)} reading alone, ${ratio(fileMedian, parallel)} raw in flight in memory, ${ratio(fileMedian, single)} raw one call at a time   [runs: ${file.map((x) => x.toFixed(0)).join(", ")}]`);
  console.log(`  (the same, reading 8 MiB slices 3 ahead into new buffers ${f(median(sliced))} MiB/s)`);
  console.log(`  the same, keeping the output in a Blob to download, on the page ${f(median(kept))} MiB/s   [runs: ${kept.map((x) => x.toFixed(0)).join(", ")}]; the page's main thread waited up to ${median(late.kept).toFixed(0)} ms`);
  console.log(`  the Encrypt panel's path: the same in a Web Worker   ${f(median(panel))} MiB/s   [runs: ${panel.map((x) => x.toFixed(0)).join(", ")}]; the page's main thread waited up to ${median(late.panel).toFixed(0)} ms`);
  console.log(`  its baseline: raw WebCrypto over the file, output kept in a Blob in a Web Worker   ${f(median(rawKept))} MiB/s   [runs: ${rawKept.map((x) => x.toFixed(0)).join(", ")}]`);
  console.log(`  CPU time per GiB, all browser processes: reading ${cpu.read.toFixed(2)} s, raw WebCrypto in flight ${cpu.seal.toFixed(2)} s, raw over the file ${cpu.rawFile.toFixed(2)} s, envelope file path ${cpu.envelope.toFixed(2)} s`);
  console.log(`  at those costs, reading + sealing fit about ${f(bound)} MiB/s on ${cores} cores; the envelope file path reached ${ratio(fileMedian, bound)} of that, keeping ${((cpu.envelope * fileMedian) / 1024).toFixed(1)} of ${cores} cores busy`);
  console.log(`  memory above idle while encrypting it:`);
  console.log(`    held by the pipeline (collected before each sample)      ${live.peakMemoryAboveIdleMiB.toFixed(1).padStart(6)} MiB`);
  console.log(`    JS heap + wasm, garbage included (peak of ${rounds} runs)      ${heapPeak.toFixed(1).padStart(6)} MiB`);
  console.log(`    resident, all browser processes (one more run)             ${fileResident.toFixed(1).padStart(6)} MiB`);
  console.log(`      the same for the first ${fileMib / 4} MiB of the file                ${quarterResident.toFixed(1).padStart(6)} MiB`);
  console.log(`      raw WebCrypto over the file, read the same way              ${rawFileResident.toFixed(1).padStart(6)} MiB`);
  console.log(`      reading the file alone                                       ${readResident.toFixed(1).padStart(6)} MiB`);
  console.log(`      raw WebCrypto in flight over ${fileMib} MiB in memory, nothing else ${rawResident.toFixed(1).padStart(6)} MiB`);
  console.log(`  output: ${files[0].bytesOut} bytes in ${files[0].parts} parts`);
  console.log(`WebCrypto frames identical to the core's: ${identical}`);
  // The goals, each against every baseline the benchmark measures.
  const verdict = (ok) => (ok ? "met" : "NOT met");
  console.log(`Goals (issue 6): envelope ≥ 0.8× raw WebCrypto; memory < 64 MiB above idle`);
  console.log(`  bytes in memory vs raw in flight:                ${ratio(bytes, parallel)}  ${verdict(bytes >= 0.8 * parallel)}`);
  console.log(`  the file vs raw WebCrypto over the same file:    ${ratio(fileMedian, rawFile)}  ${verdict(fileMedian >= 0.8 * rawFile)}`);
  console.log(`  the file vs raw one call at a time (TOOLCHAIN.md): ${ratio(fileMedian, single)}  ${verdict(fileMedian >= 0.8 * single)}`);
  console.log(`  the file vs raw in flight over bytes in memory:  ${ratio(fileMedian, parallel)}  ${verdict(fileMedian >= 0.8 * parallel)} (reading the file shares the ${cores} cores)`);
  console.log(`  the Encrypt panel's path vs its baseline (issue 15, goal ≥ 0.8×): ${ratio(median(panel), median(rawKept))}  ${verdict(median(panel) >= 0.8 * median(rawKept))}`);
  console.log(`  memory held by the pipeline:                     ${live.peakMemoryAboveIdleMiB.toFixed(1)} MiB  ${verdict(live.peakMemoryAboveIdleMiB < 64)}`);
  console.log(`  resident, envelope on the file:                  ${fileResident.toFixed(1)} MiB  ${verdict(fileResident < 64)} (raw over the same file: ${rawFileResident.toFixed(1)} MiB; reading it alone: ${readResident.toFixed(1)} MiB)`);
  if (!identical) process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.kill();
}
