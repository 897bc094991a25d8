// The envelope tool of the Encrypt panel: a learner encrypts a file with a data key from the
// simulated KMS, downloads the .kpe1 file, decrypts it again, and sees a tampered file
// refused.
import { test, expect } from "../fixtures.js";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const original = Buffer.from(Array.from({ length: 600 * 1024 }, (_, i) => (i * 31 + (i >> 9)) & 0xff));

async function encryptAndDownload(page, name, buffer, dir) {
  await page.getByTestId("env-plain-file").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
  await page.getByTestId("env-encrypt").click();
  await expect(page.getByTestId("env-result")).toBeVisible();
  await expect(page.getByTestId("env-progress-text")).toHaveText("100%");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("env-download").click()]);
  expect(download.suggestedFilename()).toBe(`${name}.kpe1`);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

// Offers `bytes` to Decrypt as the file `name` and expects it refused with `why`.
async function decryptRefused(page, dir, name, bytes, why) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  await page.getByTestId("env-sealed-file").setInputFiles(path);
  await page.getByTestId("env-decrypt").click();
  await expect(page.getByTestId("env-error")).toContainText(why);
}

test("encrypt a file with a data key, download it, decrypt it back", async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), "kms-e2e-"));
  await page.goto("./#/encrypt");
  await expect(page.getByTestId("env-acting")).toContainText("Alice");
  await expect(page.getByTestId("env-key")).toContainText("alias/cmk-a");

  const sealedPath = await encryptAndDownload(page, "report.bin", original, dir);
  const sealed = readFileSync(sealedPath);
  expect(sealed.subarray(0, 4).toString()).toBe("KPE1");
  expect(sealed.length).toBeGreaterThan(original.length);
  await expect(page.getByTestId("env-result")).toContainText("GenerateDataKey under arn:aws:kms:us-east-1:123412341234:key/");
  await expect(page.getByTestId("env-result")).toContainText("3 frame(s)");
  // Sealed off the main thread, so the page stays responsive on large files.
  await expect(page.getByTestId("env-result")).toContainText("in a background Web Worker");

  const sealedUrl = await page.getByTestId("env-download").getAttribute("href");
  await page.getByTestId("env-sealed-file").setInputFiles(sealedPath);
  await page.getByTestId("env-decrypt").click();
  await expect(page.getByTestId("env-result")).toContainText("Every frame authenticated");
  await expect(page.getByTestId("env-result")).toContainText("in a background Web Worker");
  // The previous result's file was given back when the new one replaced it.
  expect(sealedUrl).toMatch(/^blob:/);
  expect(await page.evaluate((url) => fetch(url).then(() => "still there", () => "revoked"), sealedUrl)).toBe("revoked");
  const [plainDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("env-download").click()]);
  expect(plainDownload.suggestedFilename()).toBe("report.bin");
  const back = readFileSync(await plainDownload.path());
  expect(Buffer.compare(back, original)).toBe(0);

  // A flipped bit in the last frame: refused, nothing to download.
  const tampered = Buffer.from(sealed);
  tampered[tampered.length - 20] ^= 1;
  await decryptRefused(page, dir, "tampered.kpe1", tampered, "does not decrypt: the message was altered");

  // Two frames altered: refused, and the frame still being opened when the first one
  // failed is let go quietly (no unhandled rejection in the page or its worker).
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.context().on("weberror", (e) => pageErrors.push(String(e.error())));
  const twice = Buffer.from(sealed);
  twice[twice.length - 300 * 1024] ^= 1;
  twice[twice.length - 20] ^= 1;
  await decryptRefused(page, dir, "twice.kpe1", twice, "does not decrypt: the message was altered");
  await page.waitForTimeout(300);
  expect(pageErrors).toEqual([]);

  // Cut short before its final frame: refused as truncated.
  await decryptRefused(page, dir, "cut.kpe1", sealed.subarray(0, sealed.length - 300), "does not decrypt: the message is truncated");
});

test("small text files show a preview; asking without a file says what to do", async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), "kms-e2e-"));
  await page.goto("./#/encrypt");
  await page.getByTestId("env-encrypt").click();
  await expect(page.getByTestId("env-error")).toHaveText("Choose a file first.");
  const sealedPath = await encryptAndDownload(page, "note.txt", Buffer.from("Meet at the usual place at noon.\n"), dir);
  await page.getByTestId("env-sealed-file").setInputFiles(sealedPath);
  await page.getByTestId("env-decrypt").click();
  await expect(page.getByTestId("env-preview")).toHaveText("Meet at the usual place at noon.\n");
  const shot = fileURLToPath(new URL("../artifacts/encrypt.png", import.meta.url));
  await page.screenshot({ path: shot, fullPage: true });
});

test("where no Web Worker can start, the page seals and opens the file itself", async ({ page }) => {
  await page.addInitScript(() => { delete window.Worker; });
  const dir = mkdtempSync(join(tmpdir(), "kms-e2e-"));
  await page.goto("./#/encrypt");
  const sealedPath = await encryptAndDownload(page, "report.bin", original, dir);
  await expect(page.getByTestId("env-result")).toContainText("on the page itself (no Web Worker could start)");
  await page.getByTestId("env-sealed-file").setInputFiles(sealedPath);
  await page.getByTestId("env-decrypt").click();
  await expect(page.getByTestId("env-result")).toContainText("Every frame authenticated");
  await expect(page.getByTestId("env-result")).toContainText("on the page itself");
  const [plainDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("env-download").click()]);
  expect(Buffer.compare(readFileSync(await plainDownload.path()), original)).toBe(0);
});

test("a generated 6 MiB file: GenerateDataKey, sealed in 25 frames (the last, empty, ends it), downloaded, and decrypted byte-identical", async ({ page, pg }) => {
  const dir = mkdtempSync(join(tmpdir(), "kms-e2e-"));
  // Pseudo-random bytes, so no frame repeats another.
  let x = 2463534242;
  const big = Buffer.alloc(6 * 1024 * 1024);
  for (let i = 0; i < big.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    big[i] = x & 0xff;
  }
  await page.goto("./#/encrypt");
  const sealedPath = await encryptAndDownload(page, "big.bin", big, dir);
  await expect(page.getByTestId("env-result")).toContainText("GenerateDataKey under arn:aws:kms:us-east-1:123412341234:key/");
  await expect(page.getByTestId("env-result")).toContainText("25 frame(s)");
  await expect(page.getByTestId("env-result")).toContainText("6.0 MiB in");
  await page.getByTestId("env-sealed-file").setInputFiles(sealedPath);
  await page.getByTestId("env-decrypt").click();
  await expect(page.getByTestId("env-result")).toContainText("Every frame authenticated");
  const [plainDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("env-download").click()]);
  expect(plainDownload.suggestedFilename()).toBe("big.bin");
  expect(Buffer.compare(readFileSync(await plainDownload.path()), big)).toBe(0);
  // Both calls to KMS are in the drawer: the data key asked for, and given back.
  await pg.drawer.open();
  await expect(pg.drawer.rows()).toHaveCount(2);
  await expect(pg.drawer.rows().filter({ hasText: "GenerateDataKey" })).toHaveCount(1);
  await expect(pg.drawer.rows().filter({ hasText: "Decrypt" })).toHaveCount(1);
});
