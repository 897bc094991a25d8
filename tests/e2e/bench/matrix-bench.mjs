// The access matrix's browser benchmark on its own (scripts/bench-browser runs it first).
// Usage: node tests/e2e/bench/matrix-bench.mjs [--principals 100] [--keys 100]
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { matrixBench } from "./matrix.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const here = fileURLToPath(new URL(".", import.meta.url));
const port = arg("port", 4181);
const server = spawn("node", [`${here}/../serve.mjs`, "--dir", `${here}/../../../dist-bench`, "--port", String(port), "--prefix", "/bench/"], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => server.stdout.once("data", resolve));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage();
  const p = arg("principals", 100), k = arg("keys", 100);
  const r = await matrixBench(page, `http://127.0.0.1:${port}/bench/`, { principals: p, keys: k, rounds: 7, strokes: 40 });
  const verdict = (ok) => (ok ? "met" : "NOT met");
  console.log(`Access matrix — Chromium ${browser.version()}`);
  console.log(`  whole matrix ${p} × ${k} × 20 (${r.cells} decisions, ${r.allowed} allowed) in wasm: ${r.fullMs.toFixed(1)} ms (median of 7)  goal ≤ 200 ms: ${verdict(r.fullMs <= 200)}`);
  console.log(`  keystroke → matrix updated and laid out, 10 × 10 × 20, saved and draft: ${r.keystrokeMs.toFixed(1)} ms median, ${r.keystrokeMaxMs.toFixed(1)} ms worst of ${r.keystrokes.length}  goal ≤ 16 ms: ${verdict(r.keystrokeMs <= 16)}`);
  console.log(`    painted in the very next frame: ${r.nextFrame} of ${r.keystrokes.length} keystrokes`);
} finally {
  await browser.close();
  server.kill();
}
