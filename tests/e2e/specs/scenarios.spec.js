// The Scenarios panel as learners and course authors use it: the gallery, guided play with
// predictions, replay and progress kept across a reload; export checked by the command
// line; import with every error located; share links, in a fresh browser; a world too big
// for a link; hostile text shown as text; storage blocked and a corrupt save.
import { test, expect } from "../fixtures.js";
import { execFileSync } from "node:child_process";
import { deflateRawSync } from "node:zlib";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const link = (scenario) => `v1.${deflateRawSync(Buffer.from(JSON.stringify(scenario))).toString("base64url")}`;

const gallery = (page) => page.getByTestId("gallery");
const play = (page) => page.getByTestId("play");

async function predict(page, answer) {
  await play(page).getByTestId("play-next").getByRole("radio", { name: answer, exact: true }).check();
  await play(page).getByTestId("play-reveal").click();
}

test("the gallery's presets; a guided play: predict, reveal, replay, and a reload resumes it", async ({ pg, page }) => {
  await pg.open("#/scenarios");
  await pg.dismissWelcome();
  await expect(gallery(page).getByTestId("scenario-card")).toHaveCount(7);
  await expect(gallery(page)).toContainText("22 steps, 22 to predict · 4 principals, 3 keys");
  await gallery(page).getByRole("button", { name: /^Play CMK access/ }).click();
  await expect(play(page).getByRole("heading", { level: 2 })).toHaveText("Playing: CMK access: key policies, IAM policies and explicit deny");
  await expect(page.getByTestId("play-progress")).toContainText("Step 1 of 22");

  await expect(play(page).getByTestId("play-next")).toContainText("May Alice kms:Decrypt with CMK-A?");
  await expect(play(page).getByTestId("play-reveal")).toBeDisabled();
  await predict(page, "allow");
  // The keyboard goes on from the next question.
  await expect(page.locator("#play-next-heading")).toBeFocused();
  await predict(page, "allow"); // CMK-B: the notes' trap — it is an implicit deny
  const played = play(page).getByTestId("played").locator("li");
  await expect(played).toHaveCount(2);
  await expect(played.nth(0)).toContainText("right (you said allow)");
  await expect(played.nth(1)).toContainText("implicit deny");
  await expect(played.nth(1)).toContainText("not quite (you said allow)");
  await expect(played.nth(1)).toContainText("CMK-B's key policy does not trust the account");
  await expect(page.getByTestId("play-progress")).toContainText("Step 3 of 22 · predictions right: 1 of 2");

  // Replay from step 2: back there, the first answer kept.
  await played.nth(1).getByRole("button", { name: "Replay from step 2" }).click();
  await expect(played).toHaveCount(1);
  await expect(page.getByTestId("play-progress")).toContainText("Step 2 of 22 · predictions right: 1 of 1");
  await predict(page, "implicit deny");
  await expect(played.nth(1)).toContainText("right (you said implicit deny)");

  // Where the learner is survives a reload.
  await page.reload();
  await pg.ready();
  await expect(page.getByTestId("play-progress")).toContainText("Step 3 of 22 · predictions right: 2 of 2");
  await expect(play(page).getByTestId("play-next")).toContainText("May Alice kms:Decrypt with CMK-C?");

  // To the end, answering as the notes teach (the file's own expectations).
  const preset = JSON.parse(readFileSync(join(root, "tests/scenarios/cmk-access.json"), "utf8"));
  const words = { "allow": "allow", "explicit-deny": "explicit deny", "implicit-deny": "implicit deny", "ok": "succeeds" };
  for (const step of preset.steps.slice(2)) {
    const expected = typeof step.expect === "string" ? (words[step.expect] ?? step.expect) : "succeeds";
    await expect(play(page).getByTestId("play-next")).toContainText(`Step ${preset.steps.indexOf(step) + 1}:`);
    await predict(page, expected);
  }
  await expect(play(page).getByTestId("play-finished")).toHaveText("Finished. Predictions right: 22 of 22. Every step went as the scenario expects.");
  await expect(play(page).getByTestId("played").locator("li")).toHaveCount(22);
});

test("every question shows what it asks, and offers the same choices whatever its answer", async ({ pg, page }) => {
  await pg.open("#/scenarios");
  await pg.dismissWelcome();
  const steps = JSON.parse(readFileSync(join(root, "tests/scenarios/sse-kms.json"), "utf8")).steps.length;
  await gallery(page).getByRole("button", { name: /^Play S3 server-side encryption/ }).click();
  const next = play(page).getByTestId("play-next");
  const offered = () => next.locator(".predict label").allTextContents().then((l) => l.map((o) => o.trim()));
  const seen = new Map();
  // Through every step: each question shows its request (a call, with its aws twin) or
  // its request facts (a check), and a kind of question always offers one set of choices.
  for (let i = 0; i < steps; i++) {
    await expect(next.locator("h3")).toContainText(`Step ${i + 1}:`);
    const title = await next.locator("h3").textContent();
    const asked = next.getByTestId("play-asked");
    const kind = title.includes(" calls ") ? title.replace(/^.* calls (\S+).*$/, "$1") : "check";
    if (kind === "check") {
      await expect(asked.getByTestId("play-facts")).toContainText("kms:ViaService");
    } else {
      await expect(asked.locator(".cli")).toContainText(/aws (kms|s3api) /);
      await expect(asked.getByLabel("The request")).toBeVisible();
    }
    const choices = await offered();
    if (choices.length) {
      if (seen.has(kind)) expect(choices, `${kind} at step ${i + 1}`).toEqual(seen.get(kind));
      seen.set(kind, choices);
      await next.getByRole("radio").first().check();
    }
    if (title.includes("May Bob kms:Decrypt with alias/aws/s3")) {
      // The two questions that read alike say how the call comes: through S3, or directly.
      await expect(asked).toContainText(title.includes("through S3") ? "s3.us-east-1.amazonaws.com" : "the principal calls KMS directly");
    }
    await play(page).getByTestId("play-reveal").click();
  }
  expect(seen.get("check")).toEqual(["allow", "implicit deny", "explicit deny"]);
  expect(seen.get("s3:PutObject").slice(0, 2)).toEqual(["succeeds", "AccessDenied"]);
  await expect(play(page).getByTestId("play-finished")).toBeVisible();
});

test("playing a scenario over a changed world asks first and keeps it; Reset says which world; the study notes' world has its own way back", async ({ pg, page }) => {
  await pg.open("#/scenarios");
  await pg.dismissWelcome();
  const reset = page.getByTestId("reset");
  await expect(reset).toHaveAccessibleName("Reset to the start of the study notes' world");
  await expect(page.getByTestId("notes-world-here")).toHaveText("You are in it, as it starts.");

  // An unchanged world is replaced at once.
  await gallery(page).getByRole("button", { name: /^Play CMK access/ }).click();
  await expect(play(page).getByRole("heading", { level: 2 })).toHaveText("Playing: CMK access: key policies, IAM policies and explicit deny");
  await expect(reset).toHaveAccessibleName("Reset to the start of “CMK access: key policies, IAM policies and explicit deny”");

  // The learner changes this world, then asks for another: the page asks first.
  await pg.advance("by 1 day");
  await gallery(page).getByRole("button", { name: /^Play Grants/ }).click();
  const ask = page.getByTestId("replace-ask");
  await expect(ask).toContainText("Your world has changes");
  await expect(ask).toContainText("Playing “Grants");
  await expect(page.locator("#replace-ask-heading")).toBeFocused();
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(ask).toHaveCount(0);
  await expect(play(page).getByRole("heading", { level: 2 })).toHaveText("Playing: CMK access: key policies, IAM policies and explicit deny");

  // Back to the study notes' world: asked, kept aside, and restorable.
  await page.getByTestId("notes-world-back").click();
  await expect(ask).toContainText("Going back to the study notes' world replaces your world");
  await ask.getByRole("button", { name: "Keep mine aside and go on" }).click();
  await expect(play(page)).toHaveCount(0);
  await expect(page.getByTestId("notes-world-here")).toBeVisible();
  await expect(reset).toHaveAccessibleName("Reset to the start of the study notes' world");
  await expect(page.getByTestId("previous-world")).toContainText("the study notes' world");

  // Reset says where it went.
  await pg.advance("by 1 day");
  await reset.click();
  await expect(page.getByTestId("status")).toContainText("The world is back to the start of the study notes' world.");
});

test("a guided step's call lands in the call drawer; an unmet expectation is said plainly", async ({ pg, page }) => {
  const scenario = JSON.parse(readFileSync(join(root, "tests/scenarios/envelope-basics.json"), "utf8"));
  // The author expects the wrong thing of the second step.
  const calls = scenario.steps.map((s, i) => [s, i]).filter(([s]) => s.call);
  calls[0][0].expect = "ok";
  await pg.open(`#s=${link(scenario)}`);
  await pg.dismissWelcome();
  await expect(play(page).getByRole("heading", { level: 2 })).toHaveText("Playing: Envelope encryption: data keys");
  // The link was taken out of the address: a reload keeps what is done from now on.
  await expect.poll(() => page.url()).toMatch(/#\/scenarios$/);
  for (let i = 0; i <= calls[0][1]; i++) {
    const radios = play(page).getByTestId("play-next").getByRole("radio");
    if (await radios.count()) await radios.first().check();
    await play(page).getByTestId("play-reveal").click();
  }
  const step = play(page).getByTestId("played").locator("li").last();
  await expect(step.getByTestId("unmet")).toHaveText("Not as the scenario expects: it expected ok, and the step gave ValidationException.");
  await step.getByRole("button", { name: /Call #\d+ in the call drawer/ }).click();
  await expect(pg.drawer.detail()).toContainText("ValidationException");
  await expect(pg.drawer.detail()).toContainText("aws kms encrypt");

  // Undo moves the world under the play: the play ends and says why.
  await pg.undo();
  await expect(play(page)).toHaveCount(0);
  await expect(page.getByTestId("status")).toContainText("The guided play ended: its world changed under it.");
});

test("export is a file the command line validates; an invalid import lists every error and changes nothing", async ({ pg, page }) => {
  const dir = mkdtempSync(join(tmpdir(), "kms-e2e-"));
  await pg.open("#/keys");
  await pg.dismissWelcome();
  await pg.actAs("root of 123412341234");
  await pg.keys.create({ alias: "exported-key", description: "made before export" });
  await pg.nav("Scenarios");
  await page.getByTestId("export").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-download").click()]);
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));
  expect(exported.format).toBe("kms-playground/scenario@1");
  expect(JSON.stringify(exported)).toContain("alias/exported-key");
  const said = execFileSync(process.env.KMS_PLAYGROUND, ["validate", file], { cwd: root, encoding: "utf8" });
  expect(said).toMatch(/: valid — /);

  // An invalid file: every error with its path and line:column, and the world unchanged.
  const bad = join(dir, "bad.json");
  writeFileSync(bad, '{\n  "format": "kms-playground/scenario@1",\n  "keys": [{"name": "k", "keyState": "Exploded"}],\n  "principals": 7\n}\n');
  await page.getByTestId("import-file").setInputFiles(bad);
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("Nothing changed");
  await expect(errors.locator("li")).toHaveCount(2);
  await expect(errors).toContainText("4:17: principals: expected an array, found a number");
  await expect(errors).toContainText("3:26: keys[0].keyState: unknown field `keyState`");
  await pg.nav("Keys");
  await expect(page.getByRole("region", { name: "KMS keys" })).toContainText("alias/exported-key");

  // A change after the export, then the exported file imported back: the world as exported.
  await pg.keys.create({ alias: "made-after-export" });
  await pg.nav("Scenarios");
  // Dropped on the box this time, as a learner drags it from their files.
  const dropped = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "exported.json", { type: "application/json" }));
    return dt;
  }, readFileSync(file, "utf8"));
  await page.getByTestId("world-file").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(page.getByTestId("imported")).toContainText("from exported.json");
  await pg.nav("Keys");
  const keys = page.getByRole("region", { name: "KMS keys" });
  await expect(keys).toContainText("alias/exported-key");
  await expect(keys).not.toContainText("alias/made-after-export");
  await expect(keys.locator("tbody tr")).toHaveCount(4);
  // Undo takes the import back.
  await pg.undo();
  await expect(keys).toContainText("alias/made-after-export");
});

test("a share link opens the same world in a fresh browser; a world too large for a link is refused", async ({ pg, page, browser }) => {
  await pg.open("#/keys");
  await pg.dismissWelcome();
  await pg.actAs("root of 123412341234");
  await pg.keys.create({ alias: "shared-key", description: "travels in the link" });
  await pg.nav("Scenarios");
  await page.getByTestId("share").click();
  const url = await page.getByTestId("share-link").getByRole("textbox").inputValue();
  expect(url).toMatch(/#s=v1\./);
  await expect(page.getByTestId("embed-this")).toContainText("Embed this");

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.locator("html[data-interactive]")).toHaveCount(1);
  await expect(other.getByRole("region", { name: "KMS keys" })).toContainText("alias/shared-key");
  await expect(other.getByRole("region", { name: "KMS keys" })).toContainText("alias/cmk-a");
  await fresh.close();

  // Sixty keys with long random descriptions do not compress into 16,384 characters.
  const big = { format: "kms-playground/scenario@1", title: "Too big", keys: [] };
  for (let i = 0; i < 60; i++) {
    big.keys.push({ name: `k${i}`, description: Array.from({ length: 60 }, () => Math.random().toString(36).slice(2)).join("").slice(0, 600) });
  }
  const dir = mkdtempSync(join(tmpdir(), "kms-e2e-"));
  writeFileSync(join(dir, "big.json"), JSON.stringify(big));
  await page.getByTestId("import-file").setInputFiles(join(dir, "big.json"));
  await expect(page.getByTestId("imported")).toContainText("Too big");
  await page.getByTestId("share").click();
  await expect(page.getByTestId("share-refused")).toContainText("too large for a link");
  await expect(page.getByTestId("share-refused")).toContainText("export it as a file instead");

  // A damaged link says so, and the world stays as it was.
  await page.goto("./#s=v1.AAECAwQFBgcICQ");
  await pg.ready();
  await expect(page.getByTestId("link-problem")).toContainText("This link could not be opened: this link is damaged");
  await pg.nav("Keys");
  await expect(page.getByRole("region", { name: "KMS keys" }).locator("tbody tr")).toHaveCount(60);
});

test("a malicious scenario, imported and opened from a link, is shown as text and runs nothing", async ({ pg, page }) => {
  const evil = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2"><a href="javascript:window.__xss=3">x</a>`;
  const js = "javascript:window.__xss=4";
  const scenario = {
    format: "kms-playground/scenario@1",
    title: `Title ${evil}`,
    description: `${evil} ${js}`,
    principals: [
      { name: `Mallory ${evil}`, arn: "arn:aws:iam::123412341234:user/Mallory",
        policies: [{ Version: "2012-10-17", Statement: [{ Sid: "x", Effect: "Allow", Action: "kms:DescribeKey", Resource: "*" }] }] },
    ],
    keys: [{ name: js, description: `${evil} ${js}`, tags: [{ TagKey: js, TagValue: evil }],
      policy: { Version: "2012-10-17", Statement: [{ Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123412341234:root" }, Action: "kms:*", Resource: "*" }] } }],
    steps: [
      { as: `Mallory ${evil}`, check: "kms:Decrypt", key: js, expect: "implicit-deny", note: `${evil} ${js}` },
      { as: `Mallory ${evil}`, call: "DescribeKey", input: { KeyId: evil }, expect: "NotFoundException", note: js },
    ],
  };
  page.on("dialog", (d) => { throw new Error(`a dialog opened: ${d.message()}`); });
  // Imported as a file.
  const dir = mkdtempSync(join(tmpdir(), "kms-e2e-"));
  writeFileSync(join(dir, "evil.json"), JSON.stringify(scenario));
  await pg.open("#/scenarios");
  await pg.dismissWelcome();
  await page.getByTestId("import-file").setInputFiles(join(dir, "evil.json"));
  await expect(page.getByTestId("imported")).toContainText(`Imported “Title ${evil}”`);
  for (const panel of ["Keys", "Policies", "Access", "Encrypt", "S3", "Audit"]) await pg.nav(panel);
  const acting = await page.getByLabel("Acting as").locator("option").allTextContents();
  expect(acting.some((o) => o.includes(`Mallory ${evil}`))).toBe(true);

  // Opened from a link (put in the open page's address: it asks first) and played: every
  // string shown as it is.
  await page.goto(`./#s=${link(scenario)}`);
  await pg.ready();
  await expect(page.getByTestId("link-offer")).toContainText(`Open the shared world “Title ${evil}”?`);
  await page.getByTestId("link-offer-open").click();
  await expect(play(page).getByRole("heading", { level: 2 })).toContainText(`Title ${evil}`);
  await play(page).getByRole("radio", { name: "implicit deny" }).check();
  await play(page).getByTestId("play-reveal").click();
  await play(page).getByRole("radio", { name: "NotFoundException" }).check();
  await play(page).getByTestId("play-reveal").click();
  await expect(play(page).getByTestId("played")).toContainText(evil);
  await expect(play(page).getByTestId("played")).toContainText(js);
  await expect(play(page).getByTestId("play-finished")).toContainText("Predictions right: 2 of 2");
  await pg.nav("Keys");
  await pg.nav("Audit");

  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"], a[href^="javascript:"], script:not([type="module"]):not([src])').count()).toBe(0);
});

test("with storage blocked the page says so and works; a corrupt save is offered back and a fresh world starts", async ({ browser }) => {
  const blocked = await browser.newContext();
  await blocked.addInitScript(() => {
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
  });
  const page = await blocked.newPage();
  await page.goto("./#/keys");
  await expect(page.locator("html[data-interactive]")).toHaveCount(1);
  await expect(page.getByTestId("not-saved")).toContainText("Not saved in this browser");
  await expect(page.getByRole("region", { name: "KMS keys" })).toContainText("alias/cmk-a");
  await blocked.close();

  const corrupt = await browser.newContext();
  await corrupt.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem("kms-playground/save", '{"format":"kms-playground/save","version":2,"world":{"format":"kms-playground/scenario@1","keys":[{"name":"k","keyState":"Exploded"}]}}');
    }
  });
  const p2 = await corrupt.newPage();
  await p2.goto("./#/keys");
  await expect(p2.getByTestId("recovery")).toContainText("Your saved world could not be opened");
  await expect(p2.getByTestId("recovery")).toContainText("damaged");
  await expect(p2.getByRole("region", { name: "KMS keys" })).toContainText("alias/cmk-a");
  const [download] = await Promise.all([p2.waitForEvent("download"), p2.getByTestId("recovery-download").click()]);
  expect(readFileSync(await download.path(), "utf8")).toContain("Exploded");
  await corrupt.close();
});

test("embedded in a course page: the host loads a scenario, the frame reports each step and the end", async ({ page }) => {
  await page.goto("./embed-example.html");
  const frame = page.frameLocator("#playground");
  await expect(page.locator("#log")).toContainText("ready:");
  // Embed mode: no welcome, no tabs, a way out.
  await expect(frame.getByTestId("embed-bar")).toContainText("Open in the full playground");
  await expect(frame.getByRole("navigation", { name: "Panels" })).toBeHidden();
  await expect(frame.getByRole("button", { name: "Dismiss the welcome" })).toHaveCount(0);

  // Only the embedding page may command the frame: a sibling frame's message is ignored.
  await page.evaluate(() => {
    const sibling = document.createElement("iframe");
    sibling.name = "sibling";
    document.body.append(sibling);
  });
  const sibling = page.frames().find((f) => f.name() === "sibling");
  await sibling.evaluate(() => parent.frames[0].postMessage({ type: "kms-playground", version: 1, command: "load", play: true,
    scenario: { format: "kms-playground/scenario@1", title: "Hijacked", steps: [{ advance: "1d" }] } }, "*"));
  await page.waitForTimeout(300);
  await expect(frame.getByTestId("play")).toHaveCount(0);
  await expect(page.locator("#log")).not.toContainText("Hijacked");

  // A malformed message is answered with an error and changes nothing.
  await page.getByRole("button", { name: "Send a malformed message" }).click();
  await expect(page.locator("#log")).toContainText('"event":"error","message":"unknown command “explode”: the commands are load and show"');

  await page.getByRole("button", { name: "Load the exercise" }).click();
  await expect(page.locator("#log")).toContainText("started:");
  await expect(frame.getByTestId("play")).toContainText("Playing: Who may decrypt with the payroll key?");
  // In the frame, the exercise is all there is: no gallery, no file tools.
  await expect(frame.getByTestId("gallery")).toHaveCount(0);
  await frame.getByRole("radio", { name: "implicit deny" }).check();
  await frame.getByTestId("play-reveal").click();
  await expect(page.locator("#log")).toContainText('"event":"step"');
  await frame.getByRole("radio", { name: "allow" }).check();
  await frame.getByTestId("play-reveal").click();
  await expect(page.locator("#status")).toHaveText("Lesson done: 1 of 2 predictions right.");
  const href = await frame.getByTestId("open-full").getAttribute("href");
  expect(href).toMatch(/#s=v1\./);
});
