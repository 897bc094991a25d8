// A small static server for the built playground (dist/), with no dependencies.
// Serves the folder under a path prefix (default "/") so tests can prove the site works
// from a sub-path, as on GitHub Pages. Usage:
//   node serve.mjs [--dir DIST] [--host 127.0.0.1] [--port 8080] [--prefix /kms/]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const root = resolve(opt("dir", "dist"));
const host = opt("host", "127.0.0.1");
const port = Number(opt("port", "8080"));
let prefix = opt("prefix", "/");
if (!prefix.startsWith("/")) prefix = "/" + prefix;
if (!prefix.endsWith("/")) prefix += "/";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === prefix.slice(0, -1)) {
    res.writeHead(301, { Location: prefix }).end();
    return;
  }
  if (!url.pathname.startsWith(prefix)) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end(`not found: the playground is under ${prefix}\n`);
    return;
  }
  let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || "index.html";
  const file = normalize(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const path = (await stat(file)).isDirectory() ? join(file, "index.html") : file;
    const body = await readFile(path);
    res.writeHead(200, {
      "Content-Type": types[extname(path)] ?? "application/octet-stream",
      "Cache-Control": "no-cache",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n");
  }
});

server.listen(port, host, () => {
  console.log(`KMS Playground: http://${host}:${port}${prefix}  (serving ${root}; Ctrl+C stops)`);
});
