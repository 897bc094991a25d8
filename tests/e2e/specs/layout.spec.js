// The frame holds still and everything stays on screen, at 360 px (a phone, a course
// page's iframe) and at 1280 px: the header's height, the tabs, the matrices' columns and
// the exercise's keys.
import { test, expect } from "../fixtures.js";

const box = async (locator) => {
  const b = await locator.boundingBox();
  expect(b, "the element is laid out").not.toBeNull();
  return b;
};

for (const width of [360, 1280]) {
  test(`at ${width} px the header keeps its height when an event falls due and calls fail`, async ({ pg, page }) => {
    await page.setViewportSize({ width, height: 800 });
    await pg.open("#/keys");
    await pg.dismissWelcome();
    const header = page.locator("header.top");
    const before = (await box(header)).height;
    // Something falls due: the rotation of CMK-C, a year away.
    await pg.actAs("root of 123412341234");
    await pg.keys.open("alias/cmk-c");
    await pg.keys.tab("Key rotation");
    await page.getByRole("button", { name: "Enable automatic rotation" }).click();
    await expect(page.getByTestId("next-due")).toHaveText(" · next: rotation of CMK-C in 365 days");
    await expect(page.getByTestId("advance-next")).toBeEnabled();
    expect((await box(header)).height).toBe(before);
    // A refused call: the calls button counts it.
    await pg.actAs("Bob");
    await pg.nav("Keys");
    await pg.keys.open("alias/cmk-a");
    await pg.keys.detail().getByRole("button", { name: "Disable", exact: true }).click();
    await expect(page.getByTestId("calls-toggle")).toHaveText(/failed/);
    expect((await box(header)).height).toBe(before);
    // The whole of what falls due is in the button's name and title.
    await expect(page.getByTestId("advance-next")).toHaveAttribute("title", /rotation of CMK-C, 2027-01-01 00:00 UTC/);
  });
}

test("at 360 px every tab is on screen, and the first screen reaches the panel under the welcome", async ({ pg, page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await pg.open("#/keys");
  const links = page.getByRole("navigation", { name: "Panels" }).getByRole("link");
  await expect(links).toHaveCount(9);
  for (const link of await links.all()) {
    const b = await box(link);
    expect(b.x, `${await link.textContent()} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, `${await link.textContent()} ends on screen`).toBeLessThanOrEqual(360);
  }
  await expect(page.getByTestId("welcome")).toBeVisible();
  // The welcome's three starts and the panel's title are all on the first screen.
  for (const start of await page.getByTestId("welcome").getByRole("link").all()) {
    const b = await box(start);
    expect(b.y + b.height, `${await start.textContent()} is on the first screen`).toBeLessThanOrEqual(780);
  }
  const title = await box(page.getByRole("heading", { level: 1 }));
  expect(title.y + title.height, "the panel's title is on the first screen").toBeLessThanOrEqual(780);
  // The short notice still says the two things that matter.
  await expect(page.getByTestId("sim-notice")).toContainText("Nothing is sent to AWS. Do not paste real secrets.");
  // Undo and Redo are icons there, named in full.
  await expect(page.getByTestId("undo")).toHaveAccessibleName("↶ Undo");
  // A key's tabs wrap too: none is off screen.
  await pg.dismissWelcome();
  await pg.keys.open("alias/cmk-a");
  const tabs = pg.keys.detail().getByRole("tab");
  await expect(tabs).toHaveCount(6);
  for (const tab of await tabs.all()) {
    const b = await box(tab);
    expect(b.x + b.width, `the ${await tab.textContent()} tab is on screen`).toBeLessThanOrEqual(360);
  }
});

test("at 1280 px a key's 20 actions fit the card, their names whole", async ({ pg, page }) => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await pg.open("#/access");
  await pg.dismissWelcome();
  await page.getByLabel("View").selectOption({ label: "Everyone × one key's actions" });
  const matrix = pg.access.matrix();
  await expect(matrix.locator("thead th[scope=col]")).toHaveCount(20);
  const wrap = page.getByTestId("access-matrix").locator(".matrix-wrap");
  const [scroll, client] = await wrap.evaluate((e) => [e.scrollWidth, e.clientWidth]);
  expect(scroll, "no column is cut off").toBeLessThanOrEqual(client);
  await expect(page.getByTestId("access-matrix").getByTestId("scroll-hint")).toHaveCount(0);
  // The last column (a grant's) is inside the card, and every label shows whole.
  const card = await box(page.getByTestId("access-matrix"));
  const last = await box(matrix.locator("tbody tr").last().getByRole("button").last());
  expect(last.x + last.width).toBeLessThanOrEqual(card.x + card.width);
  for (const label of await matrix.locator(".col-label").all()) {
    const [full, shown] = await label.evaluate((e) => [e.scrollHeight, e.clientHeight]);
    expect(shown, `${await label.textContent()} is not clipped`).toBeGreaterThanOrEqual(full);
  }
});

test("at 360 px CMK-C is on screen in the matrix and in the exercise, and a wider table says it scrolls", async ({ pg, page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await pg.open("#/access");
  await pg.dismissWelcome();
  const cell = await box(pg.access.cell("David", "alias/cmk-c"));
  expect(cell.x + cell.width, "CMK-C's column is on screen").toBeLessThanOrEqual(360);
  await expect(page.getByTestId("access-matrix").getByTestId("scroll-hint")).toHaveCount(0);
  // A key's 20 actions cannot fit: the table scrolls inside its card, and says so.
  await page.getByLabel("View").selectOption({ label: "Everyone × one key's actions" });
  await expect(page.getByTestId("access-matrix").getByTestId("scroll-hint")).toHaveText(/scroll the table sideways/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // Back to the keys: the hint goes.
  await page.getByLabel("View").selectOption({ label: "Everyone × every key, for one action" });
  await expect(page.getByTestId("access-matrix").getByTestId("scroll-hint")).toHaveCount(0);

  await page.getByTestId("exercise-start").click();
  const group = page.getByRole("group", { name: "David decrypts with CMK-C" });
  for (const choice of await group.getByRole("button").all()) {
    const b = await box(choice);
    expect(b.x + b.width, "CMK-C's choices are on screen").toBeLessThanOrEqual(360);
  }
  await group.getByRole("button", { name: "✕ Denied" }).click();
  await expect(group.getByRole("button", { name: "✕ Denied" })).toHaveAttribute("aria-pressed", "true");
  // Closing the exercise shows the matrix again, its hint measured afresh.
  await page.getByRole("button", { name: "Close the exercise" }).click();
  await page.getByLabel("View").selectOption({ label: "Everyone × one key's actions" });
  await expect(page.getByTestId("access-matrix").getByTestId("scroll-hint")).toBeVisible();
});
