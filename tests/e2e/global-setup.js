// Before any spec: the command line, built once. A spec that asks `kms-playground` whether
// a file the page exported is valid runs the binary; building it there would spend that
// spec's time on compiling (on a busy machine, all of it).
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export default function globalSetup() {
  execFileSync("cargo", ["build", "-q", "-p", "kms-cli", "--bin", "kms-playground", "--locked"], { cwd: root, stdio: "inherit" });
  // Seen by every spec (Playwright passes the setup's environment to its workers).
  process.env.KMS_PLAYGROUND = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "debug", "kms-playground");
}
