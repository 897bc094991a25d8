// axe-core scans every panel, and the states a learner opens (a key's detail, the wizard,
// the deletion dialog, the call drawer), in light and dark: no serious or critical
// violation.
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "../fixtures.js";

const states = [
  ["learn", async () => {}],
  ["learn lesson", async (pg, page) => {
    await page.goto("./#/learn/grants");
    await pg.ready();
    await page.getByTestId("lesson-start").click();
    await page.getByTestId("play-next").waitFor();
    await page.getByTestId("goal-delegate").getByTestId("hint").click();
  }],
  ["keys", async () => {}],
  ["policies", async () => {}],
  ["access", async () => {}],
  ["encrypt", async () => {}],
  ["s3", async () => {}],
  ["audit", async (pg) => {
    await pg.actAs("Bob");
    await pg.nav("Encrypt");
    await pg.encrypt.encrypt("x.bin", Buffer.from("x"));
    await pg.nav("Audit");
    await pg.audit.events().first().locator("summary").click();
  }],
  ["scenarios", async () => {}],
  ["terminal", async (pg, page) => {
    const input = page.getByLabel("AWS CLI command line");
    await input.fill("aws kms describe-key --key-id alias/cmk-a --profile bob");
    await input.press("Enter");
    await page.getByTestId("term-entry").locator("summary").click();
    await page.getByTestId("term-files").locator("summary").click();
  }],
  ["terminal dock", async (pg, page) => {
    await page.getByTestId("terminal-toggle").click();
    await page.getByTestId("terminal-dock").getByLabel("AWS CLI command line").waitFor();
  }],
  ["s3 stage", async (pg, page) => {
    await pg.s3.createBucket();
    await pg.s3.upload({ object: "a.txt" });
    await pg.s3.stage().getByRole("button", { name: /s3 → kms: GenerateDataKey/ }).click();
  }],
  ["s3 refused", async (pg, page) => {
    await pg.s3.createBucket();
    await pg.actAs("Bob");
    await pg.s3.upload({ object: "b.txt", key: "alias/cmk-a" });
  }],
  ["encrypt inspected", async (pg, page) => {
    await pg.encrypt.call("Encrypt", {});
    await pg.encrypt.workbench().getByRole("button", { name: "Take it apart in the inspector" }).click();
    await pg.encrypt.inspector().getByRole("button", { name: "Flip a byte of the nonce" }).click();
    await pg.encrypt.inspectorDecrypt();
    await pg.encrypt.steps().getByRole("button", { name: "All steps" }).click();
  }],
  ["scenarios playing", async (pg, page) => {
    await page.getByRole("button", { name: /^Play CMK access/ }).click();
    await page.getByTestId("play-next").getByRole("radio", { name: "allow", exact: true }).check();
    await page.getByTestId("play-reveal").click();
    await page.getByTestId("share").click();
    await page.getByTestId("embed-this").locator("summary").click();
  }],
  ["key detail", async (pg) => { await pg.keys.open("alias/cmk-a"); }],
  ["key grants", async (pg) => { await pg.keys.open("alias/cmk-a"); await pg.keys.tab("Grants"); }],
  ["key rotation", async (pg) => { await pg.keys.open("alias/cmk-a"); await pg.keys.tab("Key rotation"); }],
  ["create-key wizard", async (pg, page) => { await page.getByRole("link", { name: "Create key" }).click(); }],
  ["deletion dialog", async (pg, page) => {
    await pg.keys.open("alias/cmk-a");
    await pg.keys.detail().getByRole("button", { name: "Schedule key deletion" }).click();
  }],
  ["access cell", async (pg, page) => {
    await pg.nav("Access");
    await pg.access.cell("Bob", "alias/cmk-a").click();
    await page.getByTestId("cell-decision").waitFor();
  }],
  ["access revealed", async (pg, page) => {
    await pg.nav("Access");
    await page.getByTestId("exercise").getByRole("button", { name: "Start the exercise" }).click();
    await page.getByTestId("exercise").getByRole("button", { name: "Reveal" }).click();
  }],
  ["policy editor", async (pg, page) => {
    await pg.policies.openKeyPolicy("alias/cmk-a");
    await pg.policies.type('{"Version": "2012-10-17", "Statement": [{"Effect": "Alow"}]}');
  }],
  ["call drawer", async (pg, page) => {
    await pg.actAs("Bob");
    await pg.keys.open("alias/cmk-a");
    await pg.keys.detail().getByRole("button", { name: "Disable", exact: true }).click();
    await pg.drawer.open();
  }],
];

// At 360 px the header, the welcome, the exercise and the stage take another shape.
const narrow = ["learn", "learn lesson", "keys", "access revealed", "s3 stage", "access cell", "terminal", "terminal dock"];

for (const scheme of ["light", "dark"]) {
  for (const [name, reach] of [...states, ...states.filter(([n]) => narrow.includes(n)).map(([n, r]) => [`${n} at 360 px`, r])]) {
    test(`${name} (${scheme}): no serious or critical axe violation`, async ({ pg, page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      if (name.endsWith("at 360 px")) await page.setViewportSize({ width: 360, height: 780 });
      const base = name.replace(/ at 360 px$/, "");
      const panel = ["policies", "access", "encrypt", "s3", "scenarios", "terminal"].includes(base) ? base : base.startsWith("learn") ? "learn" : name.startsWith("s3") ? "s3" : name.startsWith("encrypt") ? "encrypt" : name.startsWith("scenarios") ? "scenarios" : "keys";
      await pg.open(`#/${panel}`);
      await reach(pg, page);
      const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
      const bad = result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
      expect(bad).toEqual([]);
    });
  }
}

// Embed mode, as a course page shows it: the example host page with the frame, playing.
for (const scheme of ["light", "dark"]) {
  test(`embed mode in the example host page (${scheme}): no serious or critical axe violation`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("./embed-example.html");
    await expect(page.locator("#log")).toContainText("ready:");
    await page.getByRole("button", { name: "Load the exercise" }).click();
    const frame = page.frameLocator("#playground");
    await frame.getByRole("radio", { name: "implicit deny" }).check();
    await frame.getByTestId("play-reveal").click();
    await expect(frame.getByTestId("played").locator("li")).toHaveCount(1);
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const bad = result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
    expect(bad).toEqual([]);
  });
}
