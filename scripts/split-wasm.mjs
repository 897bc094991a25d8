// Code splitting, run by trunk after it has built the site (a post_build hook, see
// Trunk.toml). Trunk builds kms-web with the `split` feature (index.html) and cargo links
// it with --emit-relocs (.cargo/config.toml); this splits the wasm at the `lazily`
// boundaries of kms-web (wasm-split-cli), runs wasm-bindgen on the main module (keeping
// the exports the chunks link against), optimizes every module with wasm-opt -Oz in a
// release build, and puts the result in trunk's staging folder under trunk's names, with
// index.html's integrity hashes brought up to date. A release build's JavaScript and
// stylesheet are minified (esbuild). A build without split points (no `split` feature)
// only gets wasm-opt and the minifier.
//
//   node scripts/split-wasm.mjs [<staging dir> <raw wasm from cargo>]
// With no arguments it reads trunk's environment (TRUNK_STAGING_DIR, TRUNK_PROFILE).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const profile = process.env.TRUNK_PROFILE ?? "release";
const release = profile === "release";
const [staging = process.env.TRUNK_STAGING_DIR, raw = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "wasm32-unknown-unknown", profile, "kms-web.wasm")] = process.argv.slice(2);
if (!staging) {
  console.error("usage: split-wasm.mjs <staging dir> <raw wasm>");
  process.exit(2);
}
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });

const glue = readdirSync(staging).find((f) => /^kms-web-[0-9a-f]+\.js$/.test(f));
if (!glue) throw new Error(`no kms-web-<hash>.js in ${staging}`);
const name = glue.slice(0, -3);
const opt = (from, to) => {
  if (release) {
    // KEEP_NAMES=1 keeps function names, for profiling.
    const names = process.env.KEEP_NAMES ? ["-g"] : ["--strip-debug"];
    run("wasm-opt", ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
      "--enable-sign-ext", "--enable-mutable-globals", ...names, from, "-o", to]);
  } else if (from !== to) {
    copyFileSync(from, to);
  }
};
if (!readFileSync(raw).includes("__wasm_split_placeholder__")) {
  // No split points: trunk's build is whole; optimize it in place.
  const main = join(staging, `${name}_bg.wasm`);
  opt(main, main);
  minify();
  refreshIntegrity();
  addCsp();
  console.log("no split points: the wasm is one module");
  printSize();
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), "kms-split-"));
try {
  run("wasm-split-cli", [raw, work, "--out-name", name, "--target", "web"]);
  const bg = join(work, "bg");
  run("wasm-bindgen", ["--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript",
    "--out-name", name, "--out-dir", bg, join(work, `${name}.wasm`)]);
  opt(join(bg, `${name}_bg.wasm`), join(staging, `${name}_bg.wasm`));
  copyFileSync(join(bg, `${name}.js`), join(staging, `${name}.js`));
  const chunks = readdirSync(work).filter((f) => f.endsWith(".wasm") && f !== `${name}.wasm`);
  for (const c of chunks) opt(join(work, c), join(staging, c));
  copyFileSync(join(work, "__wasm_split.js"), join(staging, "__wasm_split.js"));

  minify();
  refreshIntegrity();
  addCsp();
  console.log(`split the wasm into the main module and ${chunks.length} chunks loaded on first use`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
printSize();

// What a first visit downloads, gzipped (release builds only: that is what visitors get).
function printSize() {
  if (release) execFileSync("bash", [join(root, "scripts/size"), staging], { stdio: "inherit" });
}

// A strict Content-Security-Policy in every page of the build, as a <meta> tag (a static
// host may set no headers): scripts only from this site and the inline module trunk writes
// (by its hash, computed here because its text names the hashed file names), wasm
// compiled by the page ('wasm-unsafe-eval'), the Web Worker from a blob: URL, no plugins,
// no <base>, no form posts, and fetches only to this site (and the page's own blob: URLs). Styles allow inline `style`
// attributes, which the page sets for the S3 stage's tokens; no script can come from them.
function addCsp() {
  for (const page of readdirSync(staging).filter((f) => f.endsWith(".html"))) {
    const file = join(staging, page);
    let text = readFileSync(file, "utf8");
    const hashes = [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
      .map((m) => `'sha256-${createHash("sha256").update(m[1]).digest("base64")}'`);
    const policy = [
      "default-src 'self'",
      `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
      "worker-src 'self' blob:",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "connect-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join("; ");
    text = text.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, "");
    text = text.replace(/(<meta charset="utf-8">)/, `$1\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
    writeFileSync(file, text);
  }
}

// A release build's JavaScript (wasm-bindgen's glue, the split loader) and stylesheet,
// minified with esbuild: what a first visit downloads. Names the page or the chunks look
// up (exports, imports) are kept; only whitespace, comments and local names go.
function minify() {
  if (!release) return;
  const esbuild = createRequire(join(root, "tests/e2e/package.json"))("esbuild");
  for (const f of readdirSync(staging)) {
    const loader = f.endsWith(".css") ? "css" : f.endsWith(".js") ? "js" : null;
    if (!loader || f.startsWith("embed-example")) continue;
    const file = join(staging, f);
    const out = esbuild.transformSync(readFileSync(file, "utf8"), {
      loader, minify: true, format: loader === "js" ? "esm" : undefined, legalComments: "none",
      target: loader === "js" ? "es2022" : undefined,
    });
    writeFileSync(file, out.code);
  }
}

// The glue, the stylesheet and the main module changed: index.html's integrity hashes
// follow.
function refreshIntegrity() {
  const sri = (f) => "sha384-" + createHash("sha384").update(readFileSync(join(staging, f))).digest("base64");
  const html = join(staging, "index.html");
  let text = readFileSync(html, "utf8");
  const css = readdirSync(staging).filter((f) => /^style-[0-9a-f]+\.css$/.test(f));
  for (const f of [`${name}.js`, `${name}_bg.wasm`, ...css]) {
    const pattern = new RegExp(`(href="\\./${f.replace(/\./g, "\\.")}"[^>]*integrity=")[^"]*(")`);
    if (pattern.test(text)) text = text.replace(pattern, `$1${sri(f)}$2`);
  }
  writeFileSync(html, text);
}
