// Screenshots of every panel and the states a learner opens, at 360 px and 1280 px, light
// and dark, kept in artifacts/screens/ to be looked at. The README's screenshot is
// artifacts/screens/readme.png (copied to docs/screenshot.png when it changes).
import { fileURLToPath } from "node:url";
import { test, expect } from "../fixtures.js";
import { Playground } from "../pages/playground.js";

const dir = fileURLToPath(new URL("../artifacts/screens/", import.meta.url));

const views = [
  ["learn-welcome", "", async () => {}],
  ["learn", "#/learn", async (pg) => { await pg.dismissWelcome(); }],
  ["lesson", "#/learn/grants", async (pg, page) => {
    await pg.dismissWelcome();
    await page.getByTestId("lesson-start").click();
    await page.getByTestId("play-next").waitFor();
    await page.getByTestId("goal-delegate").getByTestId("hint").click();
  }],
  ["lesson-done", "#/learn/cmk-access", async (pg, page) => {
    await pg.dismissWelcome();
    await page.getByTestId("lesson-start").click();
    await page.getByTestId("show-me").click();
    await page.getByTestId("goal-bob-c").getByText("✓ Shown").waitFor();
    await page.getByTestId("lesson-goals").scrollIntoViewIfNeeded();
  }],
  ["welcome", "#/keys", async () => {}],
  ["keys", "#/keys", async (pg) => { await pg.dismissWelcome(); }],
  ["key-detail", "#/keys", async (pg) => { await pg.dismissWelcome(); await pg.keys.open("alias/cmk-c"); }],
  ["key-grants", "#/keys", async (pg) => { await pg.dismissWelcome(); await pg.keys.open("alias/cmk-a"); await pg.keys.tab("Grants"); }],
  ["create-key", "#/keys/create", async (pg, page) => {
    await pg.dismissWelcome();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByRole("button", { name: "Next", exact: true }).click();
  }],
  ["policies", "#/policies", async (pg) => { await pg.dismissWelcome(); }],
  ["policy-editor", "#/policies/key/aaaaaaaa-0000-4000-8000-00000000000a", async (pg) => {
    await pg.dismissWelcome();
    await pg.policies.type('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123412341234:user/Bob"}, "Action": "kms:*", "Resource": "*"}\n  ]\n}');
  }],
  ["access", "#/access", async (pg) => { await pg.dismissWelcome(); }],
  ["access-cell", "#/access", async (pg) => {
    await pg.dismissWelcome();
    await pg.access.cell("Bob", "alias/cmk-a").click();
  }],
  ["access-actions", "#/access", async (pg, page) => {
    await pg.dismissWelcome();
    await page.getByLabel("View").selectOption({ label: "Everyone × one key's actions" });
  }],
  ["access-exercise", "#/access", async (pg, page) => {
    await pg.dismissWelcome();
    await page.getByTestId("exercise-start").click();
    await page.getByRole("group", { name: "Bob decrypts with CMK-A" }).getByRole("button", { name: "✕ Denied" }).click();
    await page.getByRole("button", { name: "Reveal" }).click();
  }],
  ["clock-due", "#/keys", async (pg, page) => {
    await pg.dismissWelcome();
    await pg.actAs("root of 123412341234");
    await pg.keys.open("alias/cmk-c");
    await pg.keys.tab("Key rotation");
    await page.getByRole("button", { name: "Enable automatic rotation" }).click();
  }],
  ["encrypt", "#/encrypt", async (pg) => { await pg.dismissWelcome(); }],
  ["encrypt-inspector", "#/encrypt", async (pg, page) => {
    await pg.dismissWelcome();
    await pg.encrypt.call("Encrypt", {});
    await pg.encrypt.workbench().getByRole("button", { name: "Take it apart in the inspector" }).click();
    await pg.encrypt.inspector().getByRole("button", { name: "Flip a byte of the nonce" }).click();
    await pg.encrypt.inspectorDecrypt();
  }],
  ["encrypt-steps", "#/encrypt", async (pg, page) => {
    await pg.dismissWelcome();
    await pg.encrypt.steps().getByRole("button", { name: "All steps" }).click();
  }],
  ["scenarios-play", "#/scenarios", async (pg, page) => {
    await pg.dismissWelcome();
    await page.getByRole("button", { name: /^Play CMK access/ }).click();
    await page.getByTestId("play-next").getByRole("radio", { name: "allow", exact: true }).check();
    await page.getByTestId("play-reveal").click();
    await page.getByTestId("play-next").getByRole("radio", { name: "allow", exact: true }).check();
    await page.getByTestId("play-reveal").click();
  }],
  ["s3-upload", "#/s3", async (pg, page) => {
    await pg.dismissWelcome();
    await pg.s3.createBucket();
    await pg.s3.upload({ object: "notes-1.txt", body: "Meet at noon." });
    await pg.s3.stage().getByRole("button", { name: /s3 → s3: Encrypt/ }).click();
  }],
  ["s3-download", "#/s3", async (pg, page) => {
    await pg.dismissWelcome();
    await pg.s3.createBucket();
    await pg.s3.upload({ object: "notes-1.txt", body: "Meet at noon.", key: "alias/cmk-a" });
    await pg.s3.download("notes-1.txt");
    await pg.s3.stage().getByRole("button", { name: /kms → s3: Plaintext data key/ }).click();
  }],
  ["s3-refused", "#/s3", async (pg, page) => {
    await pg.dismissWelcome();
    await pg.s3.createBucket();
    await pg.actAs("Bob");
    await pg.s3.upload({ object: "bob.txt", key: "alias/cmk-a" });
    await pg.s3.stage().getByRole("button", { name: /s3 → kms: GenerateDataKey/ }).click();
  }],
  ["audit", "#/audit", async (pg, page) => {
    await pg.dismissWelcome();
    await pg.actAs("Bob");
    await pg.nav("Encrypt");
    await pg.encrypt.encrypt("x.bin", Buffer.from("x"));
    await pg.nav("Audit");
  }],
  ["terminal", "#/terminal", async (pg, page) => {
    await pg.dismissWelcome();
    const input = page.getByLabel("AWS CLI command line");
    for (const line of [
      "aws kms encrypt --key-id alias/cmk-a --plaintext fileb://note.txt --encryption-context dept=ops",
      "aws kms describe-key --key-id alias/cmk-a --profile bob",
      "aws kms list-aliases --query 'Aliases[].[AliasName,TargetKeyId]' --output table --profile root",
    ]) {
      const n = await page.getByTestId("term-entry").count();
      await input.fill(line);
      await input.press("Enter");
      await expect(page.getByTestId("term-entry")).toHaveCount(n + 1);
    }
    await page.getByTestId("term-entry").nth(1).locator("summary").click();
    await input.fill("aws kms enc");
    await input.press("Tab");
  }],
  ["terminal-dock", "#/s3", async (pg, page) => {
    await pg.dismissWelcome();
    await pg.s3.createBucket();
    await page.getByTestId("terminal-toggle").click();
    const input = page.getByTestId("terminal-dock").getByLabel("AWS CLI command line");
    await input.fill("aws s3 cp note.txt s3://learning-bucket/ --sse aws:kms --sse-kms-key-id alias/cmk-a");
    await input.press("Enter");
    await expect(page.getByTestId("term-entry")).toHaveCount(1);
  }],
  ["drawer", "#/encrypt", async (pg, page) => {
    await pg.dismissWelcome();
    await pg.actAs("Bob");
    await pg.encrypt.encrypt("notes.txt", Buffer.from("hello"));
    await pg.drawer.open();
  }],
];

for (const scheme of ["light", "dark"]) {
  for (const width of [360, 1280]) {
    test(`screenshots at ${width} px, ${scheme}`, async ({ browser }) => {
      // Two dozen fresh visits in one test: on a busy machine that is more than 30 s.
      test.setTimeout(180_000);
      for (const [name, fragment, reach] of views) {
        // Each view from a fresh visit: its own context, so its own storage.
        const context = await browser.newContext({
          viewport: { width, height: width < 800 ? 780 : 860 },
          colorScheme: scheme,
          reducedMotion: "reduce",
        });
        const page = await context.newPage();
        const errors = [];
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
        const pg = new Playground(page);
        await pg.open(fragment);
        await reach(pg, page);
        await page.waitForTimeout(100);
        await page.screenshot({ path: `${dir}${name}-${width}-${scheme}.png`, fullPage: !["drawer", "terminal-dock"].includes(name) });
        // Nothing sticks out sideways at any width.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} overflows horizontally at ${width} px`).toBeLessThanOrEqual(0);
        expect(errors).toEqual([]);
        await context.close();
      }
    });
  }
}

test("the README's screenshot: a refusal explained", async ({ pg, page }) => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await pg.open("#/keys");
  await pg.dismissWelcome();
  await pg.actAs("Bob");
  await pg.keys.open("alias/cmk-a");
  await pg.keys.detail().getByRole("button", { name: "Disable", exact: true }).click();
  await pg.drawer.open();
  await expect(pg.drawer.detail()).toContainText("AccessDeniedException");
  await page.screenshot({ path: `${dir}readme.png` });
});

test("the README's screenshot of the SSE-KMS stage, mid-upload", async ({ pg, page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.setViewportSize({ width: 1280, height: 860 });
  await pg.open("#/s3");
  await pg.dismissWelcome();
  await pg.s3.createBucket();
  await pg.s3.upload({ object: "notes-1.txt", body: "Meet at noon.", key: "alias/cmk-a", context: "project=alpha" });
  await pg.s3.stage().getByRole("button", { name: /kms → s3: Data key/ }).click();
  await expect(pg.s3.now()).toContainText("step 3 of 4");
  await pg.s3.stage().screenshot({ path: `${dir}readme-stage.png` });
});
