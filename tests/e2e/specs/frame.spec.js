// The playground's frame: it loads from a sub-path into the study notes' world, every
// panel opens by link and by click, the welcome goes for good once dismissed, Acting as
// and the clock are in the header.
import { test, expect } from "../fixtures.js";

const panels = [
  ["learn", "Learn"],
  ["keys", "Keys"],
  ["policies", "Policies"],
  ["access", "Access"],
  ["encrypt", "Encrypt"],
  ["s3", "S3"],
  ["audit", "Audit"],
  ["scenarios", "Scenarios"],
];

test("loads from a sub-path into the study notes' world, on the course", async ({ pg, page }) => {
  const response = await page.goto("./");
  expect(response.status()).toBe(200);
  await pg.ready();
  expect(new URL(page.url()).pathname).toBe("/kms-playground/");
  await expect(page).toHaveTitle("KMS Playground");
  // A newcomer lands on the course; the world is the study notes'.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Learn");
  await pg.nav("Keys");
  await expect(page.getByTestId("sim-notice")).toContainText("Do not paste real secrets");
  await expect(page.getByTestId("world-clock")).toHaveText("2026-01-01 00:00 UTC");
  // Acting as: everyone of the world, Alice first; the root user of the account too.
  const acting = page.getByLabel("Acting as");
  await expect(acting).toHaveValue("arn:aws:iam::123412341234:user/Alice");
  await expect(acting.locator("option")).toHaveText(["root of 123412341234", "Alice (user)", "Bob (user)", "Charlie (user)", "David (user)"]);
  for (const alias of ["alias/cmk-a", "alias/cmk-b", "alias/cmk-c"]) {
    await expect(pg.keys.list().getByRole("link", { name: alias })).toBeVisible();
  }
});

test("the welcome offers three starts and, dismissed, stays gone", async ({ pg, page }) => {
  await pg.open();
  const welcome = page.getByRole("region", { name: "Welcome to KMS Playground" });
  await expect(welcome).toContainText("nothing is sent to AWS");
  await expect(welcome.getByRole("link")).toHaveText([/Start the course: lesson 1/, /Who can use which key/, /Encrypt something/]);
  await welcome.getByRole("link", { name: /Encrypt something/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Encrypt");
  await pg.dismissWelcome();
  await expect(welcome).toHaveCount(0);
  await page.reload();
  await pg.ready();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Encrypt");
  await expect(welcome).toHaveCount(0);
});

for (const [slug, title] of panels) {
  test(`a link to #/${slug} opens the ${title} panel`, async ({ pg, page }) => {
    await pg.open(`#/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByTestId(`panel-${slug}`)).toBeVisible();
    await expect(page.locator("nav a[aria-current=page]")).toHaveText(title);
  });
}

test("clicking through the navigation follows every panel, and Back returns", async ({ pg, page }) => {
  await pg.open();
  for (const [slug, title] of panels) {
    await pg.nav(title);
    await expect(page).toHaveURL(new RegExp(`#/${slug}$`));
  }
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit");
});

test("an unknown fragment opens the first panel, the course", async ({ pg, page }) => {
  await pg.open("#/nowhere");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Learn");
});

test("the clock advances by the buttons and to the next due event", async ({ pg, page }) => {
  await pg.open("#/keys");
  await expect(page.getByTestId("advance-next")).toBeDisabled();
  await pg.advance("by 1 hour");
  await expect(page.getByTestId("world-clock")).toHaveText("2026-01-01 01:00 UTC");
  await pg.advance("by 30 days");
  await expect(page.getByTestId("world-clock")).toHaveText("2026-01-31 01:00 UTC");
  await expect(page.getByTestId("status")).toContainText("Nothing fell due");
  // Turn on rotation: the next event is that rotation, 365 days on.
  await pg.actAs("root of 123412341234");
  await pg.keys.open("alias/cmk-c");
  await pg.keys.tab("Key rotation");
  await page.getByRole("button", { name: "Enable automatic rotation" }).click();
  await expect(page.getByTestId("next-due")).toHaveText(" · next: rotation of CMK-C in 365 days");
  await expect(page.getByTestId("advance-next")).toHaveAccessibleName(/^Advance the clock to the next event: rotation of CMK-C, /);
  await page.getByTestId("advance-next").click();
  await expect(page.getByTestId("status")).toContainText("1 event fired (RotateKey)");
  await expect(page.getByRole("table", { name: "Key material versions" })).toContainText("Automatic rotation");
});

test("the theme follows the system and the menu, and is kept", async ({ pg, page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await pg.open();
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const dark = await bg();
  await page.getByTestId("theme").selectOption("light");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await bg()).not.toBe(dark);
  await page.reload();
  await pg.ready();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
});
