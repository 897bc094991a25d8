// Playwright runs the release build (dist/) from a sub-path in Debian's Chromium.
// Browsers are never downloaded here: the executable is /usr/bin/chromium.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 4173);
export const prefix = "/kms-playground/";
// The benchmark bundle (dist-bench: a debug build with the benchmark's exports).
export const benchPort = port + 1;

export default defineConfig({
  testDir: "specs",
  // Builds the command line once, before the specs that run it.
  globalSetup: "./global-setup.js",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}${prefix}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    },
    viewport: { width: 1280, height: 800 },
  },
  webServer: [
    {
      command: `node serve.mjs --dir ../../dist --port ${port} --prefix ${prefix}`,
      url: `http://127.0.0.1:${port}${prefix}`,
      reuseExistingServer: false,
      timeout: 15_000,
    },
    {
      command: `node serve.mjs --dir ../../dist-bench --port ${benchPort} --prefix /bench/`,
      url: `http://127.0.0.1:${benchPort}/bench/`,
      reuseExistingServer: false,
      timeout: 15_000,
    },
  ],
});
