// The course, walked as a learner does: a newcomer lands on it, starts lesson 1 from the
// welcome, gets a goal wrong, takes a hint, meets the goals with the terminal, and finds
// the progress after a reload. Lesson 8 (grants) from its own link; lesson 9 (Alice, Bob,
// Charlie and David) with a wrong prediction; and lesson 9 embedded in a course page,
// which hears of each goal and of the lesson's completion.
import { test, expect } from "../fixtures.js";
import { Playground } from "../pages/playground.js";

const FOUR_KB_AND_ONE = Buffer.alloc(4097, "x").toString("base64");

// Runs `line` in the terminal and gives its entry.
const run = (page, line) => new Playground(page).terminal(line);

const goal = (page, id) => page.getByTestId(`goal-${id}`);

async function openTerminalDock(page) {
  await page.getByTestId("terminal-toggle").click();
  await expect(page.getByLabel("AWS CLI command line")).toBeVisible();
}

test("lesson 1 for a newcomer: from the welcome to every goal, a wrong attempt and a hint on the way, kept across a reload", async ({ pg, page }) => {
  await pg.open();
  // A newcomer lands on the course.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Learn");
  await expect(page.getByTestId("course-progress")).toContainText("0 of 13 lessons done");
  await expect(page.getByTestId("lessons").getByRole("listitem")).toHaveCount(13);
  await page.getByTestId("welcome").getByRole("link", { name: /Start the course: lesson 1/ }).click();
  await expect(page.getByRole("heading", { name: "1. One key to lock and unlock" })).toBeVisible();
  await expect(page.getByTestId("lesson-status")).toHaveText("Not started");
  await pg.dismissWelcome();

  await page.getByTestId("lesson-start").click();
  await expect(page.getByTestId("lesson-active")).toBeVisible();
  await expect(page.getByTestId("play")).toContainText("Playing: 1. One key to lock and unlock");
  await expect(page.getByTestId("play-next")).toContainText("(4,097 bytes)");
  await expect(page.getByTestId("lesson-status")).toHaveText("In progress");
  await expect(goal(page, "encrypt").getByTestId("goal-state")).toHaveText("○ To do");

  // A wrong attempt: Bob encrypts. Refused, and the goal (Alice's) is not met.
  await openTerminalDock(page);
  await pg.actAs("Bob");
  const refused = await run(page, "aws kms encrypt --key-id alias/first-key --plaintext aGVsbG8=");
  await expect(refused.getByTestId("term-err")).toContainText("(AccessDeniedException)");
  await expect(goal(page, "encrypt").getByTestId("goal-state")).toHaveText("○ To do");

  // A hint, one at a time.
  await goal(page, "encrypt").getByTestId("hint").click();
  await expect(goal(page, "encrypt").locator(".hint")).toHaveCount(1);
  await expect(goal(page, "encrypt").getByTestId("hint")).toHaveText("Show a hint (2 of 2)");

  // As Alice: encrypt, decrypt, and one byte over the limit.
  await pg.actAs("Alice");
  const enc = await run(page, "aws kms encrypt --key-id alias/first-key --plaintext aGVsbG8= --query CiphertextBlob --output text");
  await expect(goal(page, "encrypt").getByTestId("goal-state")).toHaveText("✓ Done");
  const blob = (await enc.getByTestId("term-out").textContent()).trim();
  const dec = await run(page, `aws kms decrypt --ciphertext-blob ${blob} --query Plaintext --output text`);
  await expect(dec.getByTestId("term-out")).toHaveText("aGVsbG8=");
  await expect(goal(page, "decrypt").getByTestId("goal-state")).toHaveText("✓ Done");
  await expect(goal(page, "limit").getByTestId("goal-state")).toHaveText("○ To do");
  const big = await run(page, `aws kms encrypt --key-id alias/first-key --plaintext ${FOUR_KB_AND_ONE}`);
  await expect(big.getByTestId("term-err")).toContainText("(ValidationException)");
  await expect(goal(page, "limit").getByTestId("goal-state")).toHaveText("✓ Done");
  await expect(page.getByTestId("lesson-status")).toHaveText("Done");
  await expect(page.getByTestId("status")).toContainText("Lesson done");

  // Kept across a reload: the lesson, and the map.
  await page.reload();
  await pg.ready();
  await expect(goal(page, "limit").getByTestId("goal-state")).toHaveText("✓ Done");
  await expect(page.getByTestId("lesson-status")).toHaveText("Done");
  await page.getByRole("link", { name: "The course" }).click();
  await expect(page.getByTestId("course-progress")).toContainText("1 of 13 lessons done · 3 of ");
  await expect(page.getByTestId("lesson-symmetric-encryption").getByTestId("lesson-status")).toHaveText("Done");
  await expect(page.getByTestId("continue")).toHaveText("Start lesson 2");
});

test("lesson 8 from its own link: a grant, its token at once, retired — refused first, a hint, kept across a reload, reset alone", async ({ pg, page }) => {
  await pg.open("#/learn/grants");
  await pg.dismissWelcome();
  await expect(page.getByRole("heading", { name: "8. Grants: lending part of a key" })).toBeVisible();
  await page.getByTestId("lesson-start").click();
  await expect(page.getByTestId("lesson-active")).toBeVisible();
  await openTerminalDock(page);

  // A wrong attempt: the Reporting role tries before any grant.
  await pg.actAs("Reporting");
  const before = await run(page, "aws kms encrypt --key-id alias/cmk-a --plaintext aGk=");
  await expect(before.getByTestId("term-err")).toContainText("(AccessDeniedException)");
  await expect(goal(page, "token").getByTestId("goal-state")).toHaveText("○ To do");
  await goal(page, "delegate").getByTestId("hint").click();
  await expect(goal(page, "delegate").locator(".hint").first()).toContainText("Create a grant as Alice");

  // Alice grants Encrypt; the role uses the token at once.
  await pg.actAs("Alice");
  const grant = await run(page, "aws kms create-grant --key-id aaaaaaaa-0000-4000-8000-000000000008 --grantee-principal arn:aws:iam::111122223333:role/Reporting --operations Encrypt --query [GrantToken,GrantId] --output text");
  const [token, grantId] = (await grant.getByTestId("term-out").textContent()).trim().split("\t");
  await pg.actAs("Reporting");
  await run(page, `aws kms encrypt --key-id alias/cmk-a --plaintext aGk= --grant-tokens ${token}`);
  await expect(goal(page, "token").getByTestId("goal-state")).toHaveText("✓ Done");
  // Delegation holds once the grant is in effect everywhere (a few minutes).
  await expect(goal(page, "delegate").getByTestId("goal-state")).toHaveText("○ To do");
  await pg.advance("by 1 hour");
  await expect(goal(page, "delegate").getByTestId("goal-state")).toHaveText("✓ Done");

  // Kept across a reload, before the last goal.
  await page.reload();
  await pg.ready();
  await expect(goal(page, "delegate").getByTestId("goal-state")).toHaveText("✓ Done");
  await expect(goal(page, "retire").getByTestId("goal-state")).toHaveText("○ To do");
  await openTerminalDock(page);
  await pg.actAs("Alice");
  await run(page, `aws kms revoke-grant --key-id aaaaaaaa-0000-4000-8000-000000000008 --grant-id ${grantId}`);
  await expect(goal(page, "retire").getByTestId("goal-state")).toHaveText("✓ Done");
  await expect(page.getByTestId("lesson-status")).toHaveText("Done");

  // Reset alone: this lesson's progress goes, the course map says so.
  await page.getByTestId("lesson-reset").click();
  await expect(goal(page, "retire").getByTestId("goal-state")).toHaveText("○ To do");
  await page.getByRole("link", { name: "The course" }).click();
  await expect(page.getByTestId("lesson-grants").getByTestId("lesson-status")).toHaveText("Not started");
});

test("lesson 9: a wrong prediction, a hint, Charlie's IAM policy widened, kept across a reload; Show me marks the rest shown", async ({ pg, page }) => {
  await pg.open("#/learn/cmk-access");
  await pg.dismissWelcome();
  await page.getByTestId("lesson-start").click();
  // The first question, predicted wrong: Alice may decrypt with CMK-A.
  const next = page.getByTestId("play-next");
  await expect(next).toContainText("Alice");
  await next.getByLabel("implicit deny").check();
  await page.getByTestId("play-reveal").click();
  await expect(page.getByTestId("played")).toContainText("not quite");

  await goal(page, "charlie-decrypts").getByTestId("hint").click();
  await expect(goal(page, "charlie-decrypts").locator(".hint")).toContainText("Charlie's IAM policy decides");
  await openTerminalDock(page);
  await pg.actAs("root of 123412341234");
  const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:123412341234:key/aaaaaaaa-0000-4000-8000-00000000000a" }] });
  const put = await run(page, `aws iam put-user-policy --user-name Charlie --policy-name decrypt-a --policy-document '${policy}'`);
  await expect(put.getByTestId("term-status")).toContainText("exit 0");
  await expect(goal(page, "charlie-decrypts").getByTestId("goal-state")).toHaveText("✓ Done");

  await page.reload();
  await pg.ready();
  await expect(goal(page, "charlie-decrypts").getByTestId("goal-state")).toHaveText("✓ Done");
  await page.getByTestId("show-me").click();
  await expect(goal(page, "david-b").getByTestId("goal-state")).toHaveText("✓ Shown");
  await expect(goal(page, "bob-c").getByTestId("goal-state")).toHaveText("✓ Shown");
  await expect(goal(page, "charlie-decrypts").getByTestId("goal-state")).toHaveText("✓ Done");
  // Show me's calls are in the call drawer, with their twins.
  await expect(page.getByTestId("calls-toggle")).toContainText(/Calls \(\d+/);
});

test("lesson 9 embedded in a course page: Show me, and the host hears of each goal and of the lesson done", async ({ page, baseURL }) => {
  await page.setContent(`<!DOCTYPE html><title>Course</title><script>window.heard = []; addEventListener("message", (e) => window.heard.push(e.data));</script>
    <iframe id="lesson" title="Lesson 9" src="${baseURL}?embed#/learn/cmk-access" width="1000" height="900"></iframe>`);
  const frame = page.frameLocator("#lesson");
  await frame.getByTestId("lesson-start").click();
  await expect(frame.getByTestId("lesson-active")).toBeVisible();
  await frame.getByTestId("show-me").click();
  for (const id of ["charlie-decrypts", "david-b", "bob-c"]) {
    await expect(frame.getByTestId(`goal-${id}`).getByTestId("goal-state")).toHaveText("✓ Shown");
  }
  await expect.poll(() => page.evaluate(() => window.heard.filter((m) => m.event === "lessonCompleted").length)).toBe(1);
  const heard = await page.evaluate(() => window.heard);
  const goals = heard.filter((m) => m.type === "kms-playground" && m.event === "goal");
  expect(goals.map((m) => m.goal).sort()).toEqual(["bob-c", "charlie-decrypts", "david-b"]);
  expect(goals.every((m) => m.lesson === "cmk-access" && m.how === "shown" && m.version === 1)).toBe(true);
  const done = heard.find((m) => m.event === "lessonCompleted");
  expect(done).toMatchObject({ lesson: "cmk-access", goals: 3, shown: 3 });
});

test("lesson 11 has a history: replaying its questions keeps it, and the lesson still follows the world", async ({ pg, page }) => {
  await pg.open("#/learn/cloudtrail");
  await pg.dismissWelcome();
  await page.getByTestId("lesson-start").click();
  await expect(page.getByTestId("lesson-active")).toBeVisible();
  // Yesterday's events are in the world the lesson starts with.
  await pg.nav("Audit");
  await expect(page.getByTestId("panel-audit")).toContainText("Charlie");
  await page.goBack();
  await page.getByTestId("play-next").getByLabel("allow", { exact: true }).check();
  await page.getByTestId("play-reveal").click();
  await expect(page.getByTestId("played")).toContainText("right");
  await page.getByRole("button", { name: "Replay from step 1" }).click();
  await expect(page.getByTestId("play-next")).toBeVisible();
  await expect(page.getByTestId("lesson-active")).toBeVisible();
  await page.getByTestId("show-me").click();
  await expect(goal(page, "who").getByTestId("goal-state")).toHaveText("✓ Shown");
  await expect(goal(page, "on-behalf").getByTestId("goal-state")).toHaveText("✓ Shown");
  await expect(page.getByTestId("lesson-status")).toHaveText("Done");
});
