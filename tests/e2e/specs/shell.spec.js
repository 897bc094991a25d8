// The playground shell: loads from a sub-path, every panel opens by link and by click,
// the page never logs an error, and a screenshot is kept for the README.
import { test, expect } from "@playwright/test";
import { fileURLToPath } from "node:url";

const panels = [
  ["keys", "Keys"],
  ["policies", "Policies"],
  ["access", "Access"],
  ["encrypt", "Encrypt"],
  ["s3", "S3"],
  ["audit", "Audit"],
  ["scenarios", "Scenarios"],
];

// Any console error or uncaught exception fails the test that caused it.
test.beforeEach(async ({ page }, testInfo) => {
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  testInfo.problems = problems;
});
test.afterEach(async ({}, testInfo) => {
  expect(testInfo.problems, "the page logged errors").toEqual([]);
});

test("loads from a sub-path and shows the simulated world", async ({ page }) => {
  const response = await page.goto("./");
  expect(response.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe("/kms-playground/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keys");
  await expect(page.getByTestId("world-account")).toHaveText("111122223333");
  await expect(page.getByTestId("world-region")).toHaveText("us-east-1");
  await expect(page.getByTestId("world-clock")).toHaveText("2026-01-01T00:00:00Z");
  await expect(page.getByTestId("sim-notice")).toContainText("Do not paste real secrets");
  await expect(page).toHaveTitle("KMS Playground");
});

for (const [slug, title] of panels) {
  test(`a link to #/${slug} opens the ${title} panel`, async ({ page }) => {
    await page.goto(`./#/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByTestId(`panel-${slug}`)).toBeVisible();
    await expect(page.locator("nav a[aria-current=page]")).toHaveText(title);
  });
}

test("clicking through the navigation follows every panel, and Back returns", async ({ page }) => {
  await page.goto("./");
  for (const [slug, title] of panels) {
    await page.getByTestId(`nav-${slug}`).click();
    await expect(page).toHaveURL(new RegExp(`#/${slug}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  }
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit");
});

test("an unknown fragment opens the first panel", async ({ page }) => {
  await page.goto("./#/nowhere");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keys");
});

test("screenshot of the shell", async ({ page }) => {
  await page.goto("./#/access");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Access");
  const path = fileURLToPath(new URL("../artifacts/shell.png", import.meta.url));
  await page.screenshot({ path, fullPage: true });
});
