// The policy editor and the access matrix, tried as a new user would: a syntax error
// underlined at its line, the matrix changing while a policy is typed, Alice losing CMK-A
// when its root statement goes, an explicit deny, a denied cell explained and fixed, the
// lockout refusal, and the study notes' exercise.
import { test, expect } from "../fixtures.js";

const ALICE = "arn:aws:iam::123412341234:user/Alice";
const BOB = "arn:aws:iam::123412341234:user/Bob";

const policy = (statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);

test.beforeEach(async ({ pg }) => {
  await pg.open("#/keys");
  await pg.dismissWelcome();
});

test("a syntax error is underlined at its line, and the matrix changes while the fix is typed", async ({ pg, page }) => {
  await pg.policies.openKeyPolicy("alias/cmk-a");
  await expect(pg.policies.summary()).toHaveText("✓ The policy checker finds nothing to report.");
  // A missing comma at the end of line 2.
  await pg.policies.type('{\n  "Version": "2012-10-17"\n  "Statement": []\n}');
  await expect(pg.policies.summary()).toContainText("1 error");
  await expect(pg.policies.findings().first()).toContainText("line 3, column 3");
  await expect(page.locator(".editor .paint .mark-error")).toHaveCount(1);
  await expect(page.locator(".editor .paint .mark-error")).toHaveText('"Statement"');
  // While the draft is broken the matrix keeps its last valid results, marked stale.
  await expect(pg.policies.whatIf()).toContainText("out of date until it is fixed");
  // Fixed: no root statement, only Bob. Alice's access through IAM would go.
  await pg.policies.type(policy([{ Sid: "Bob only", Effect: "Allow", Principal: { AWS: BOB }, Action: "kms:*", Resource: "*" }]));
  await expect(pg.policies.summary()).toHaveText("✓ The policy checker finds nothing to report.");
  await expect(pg.policies.whatIf()).toContainText(/The draft changes \d+ decisions/);
  await expect(page.getByTestId("what-if").getByRole("button", { name: /^Alice, Decrypt: Allowed \(IAM policy\); with the draft: Implicit deny/ })).toBeVisible();
  // Clicking a finding jumps to its place: the textarea's caret moves there.
  await pg.policies.type('{"Version": "2012-10-17", "Statement": [{"Effect": "Alow", "Principal": "*", "Action": "kms:*", "Resource": "*"}]}');
  await pg.policies.findings().filter({ hasText: "invalid-effect" }).getByRole("button").click();
  const caret = await pg.policies.editor().evaluate((el) => el.selectionStart);
  expect(caret).toBe('{"Version": "2012-10-17", "Statement": [{"Effect": '.length);
  await expect(page.getByTestId("finding-at-caret")).toContainText("Error");
});

test("a 60-line policy is edited where it is clicked: its last line takes the caret and the typing", async ({ pg, page }) => {
  await pg.policies.openKeyPolicy("alias/cmk-c");
  // 60 lines: 6 of frame, and 6 statements of 8 lines with a closing line between them.
  const stmt = (i) => [
    "    {", `      "Sid": "S${i}",`, '      "Effect": "Allow",', '      "Principal": {',
    `        "AWS": "${BOB}"`, "      },", '      "Action": "kms:DescribeKey",', `      "Resource": "*"`,
  ];
  const lines = ["{", '  "Version": "2012-10-17",', '  "Id": "sixty-lines",', '  "Statement": ['];
  for (let i = 0; i < 6; i++) lines.push(...stmt(i));
  const text = lines.join("\n").replace(/"Resource": "\*"\n {4}\{/g, '"Resource": "*"\n    },\n    {');
  const full = `${text}\n    }\n  ]\n}`;
  expect(full.split("\n")).toHaveLength(60);
  await pg.policies.type(full);
  await expect(pg.policies.summary()).toHaveText(/^0 errors/); // a warning: no statement lets the account decide
  // The painted last line is under the source: a click there puts the caret on it.
  const painted = page.locator(".editor .paint .pl").last();
  await expect(painted).toHaveText("}");
  await painted.scrollIntoViewIfNeeded();
  const box = await painted.boundingBox();
  await page.mouse.click(box.x + 40, box.y + box.height / 2);
  await page.keyboard.type(" ");
  await expect(pg.policies.editor()).toHaveValue(/\n\} $/);
  const editor = await pg.policies.editor().boundingBox();
  expect(box.y + box.height).toBeLessThanOrEqual(editor.y + editor.height);
  // Ctrl+End goes to the end without scrolling the source away from its painting.
  await pg.policies.editor().press("Control+Home");
  await pg.policies.editor().press("Control+End");
  await page.keyboard.type("\n");
  expect(await pg.policies.editor().evaluate((a) => a.scrollTop)).toBe(0);
  await expect(page.locator(".editor .paint .pl")).toHaveCount(61);
  await expect(page.locator(".editor .gutter")).toContainText("61");
});

test("removing CMK-A's root statement takes Alice's IAM path; a lockout is refused", async ({ pg, page }) => {
  await pg.actAs("Alice");
  await pg.policies.openKeyPolicy("alias/cmk-a");
  // First, a policy that would lock Alice (the caller) out: AWS refuses it.
  await pg.policies.type(policy([{ Sid: "Bob only", Effect: "Allow", Principal: { AWS: BOB }, Action: "kms:*", Resource: "*" }]));
  await pg.policies.save();
  await expect(pg.outcome()).toContainText("MalformedPolicyDocumentException");
  await expect(pg.outcome()).toContainText("The new key policy will not allow you to update the key policy in the future");
  // The playground says what that protects against, and who could help otherwise.
  await expect(pg.outcome().locator(".why-says")).toContainText("lockout safety check");
  await expect(pg.outcome().locator(".why-says")).toContainText("only AWS Support can restore access");
  // Keep Alice able to manage the policy, but not to use the key.
  await pg.policies.type(policy([
    { Sid: "Alice manages", Effect: "Allow", Principal: { AWS: ALICE }, Action: ["kms:PutKeyPolicy", "kms:GetKeyPolicy", "kms:DescribeKey"], Resource: "*" },
  ]));
  await pg.policies.save();
  await expect(pg.outcome()).toContainText("PutKeyPolicy succeeded as Alice");
  await pg.nav("Access");
  await expect(pg.access.cell("Alice", "alias/cmk-a")).toHaveAccessibleName(/Implicit deny/);
  await expect(pg.access.cell("Alice", "alias/cmk-a")).toContainText("none");
});

test("a Deny for Alice on CMK-C shows ✕ with explicit deny", async ({ pg, page }) => {
  await pg.actAs("Alice");
  await pg.policies.openKeyPolicy("alias/cmk-c");
  const current = await pg.policies.editor().inputValue();
  const doc = JSON.parse(current);
  doc.Statement.push({ Sid: "No decrypting for Alice", Effect: "Deny", Principal: { AWS: ALICE }, Action: "kms:Decrypt", Resource: "*" });
  await pg.policies.type(JSON.stringify(doc, null, 2));
  await expect(page.getByTestId("what-if").getByRole("button", { name: /^Alice, Decrypt: Allowed \(key policy\); with the draft: Explicit deny/ })).toBeVisible();
  await pg.policies.save();
  await expect(pg.outcome()).toContainText("PutKeyPolicy succeeded");
  await pg.nav("Access");
  const cell = pg.access.cell("Alice", "alias/cmk-c");
  await expect(cell).toContainText("✕ deny");
  await cell.click();
  await expect(pg.access.decision()).toContainText("Explicit deny");
  await expect(pg.access.decision()).toContainText("No decrypting for Alice");
});

test("a denied cell explains itself; its drafted fix, saved, turns it to allow", async ({ pg, page }) => {
  await pg.nav("Access");
  const cell = pg.access.cell("Bob", "alias/cmk-a");
  await expect(cell).toHaveAccessibleName("Bob, alias/cmk-a: Implicit deny");
  await cell.click();
  const d = pg.access.decision();
  await expect(d.getByRole("heading", { level: 2 })).toHaveText("Bob · alias/cmk-a · kms:Decrypt");
  await expect(d).toContainText("What would allow it");
  // The statements, element by element, and the policies side by side.
  await expect(d.getByRole("table", { name: "Each statement against the request" })).toContainText("Enable IAM User Permissions");
  await expect(d.getByLabel("Key policy of alias/cmk-a")).toBeVisible();
  await d.getByRole("button", { name: "Draft a fix" }).click();
  await expect(page.getByRole("heading", { name: "New IAM policy kms-access of Bob" })).toBeVisible();
  await expect(page.getByText("A drafted fix, not saved")).toBeVisible();
  await expect(pg.policies.editor()).toHaveValue(/"kms:Decrypt"/);
  await pg.policies.save();
  await expect(pg.outcome()).toContainText("PutUserPolicy succeeded");
  await pg.nav("Access");
  await expect(pg.access.cell("Bob", "alias/cmk-a")).toHaveAccessibleName("Bob, alias/cmk-a: Allowed (IAM policy)");
});

test("the matrix is used by keyboard: arrows move between cells, Enter opens one", async ({ pg, page }) => {
  await pg.nav("Access");
  const first = pg.access.cell("root of 123412341234", "alias/cmk-a");
  await first.focus();
  await page.keyboard.press("ArrowDown");
  await expect(pg.access.cell("Alice", "alias/cmk-a")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(pg.access.cell("Alice", "alias/cmk-b")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(pg.access.decision().getByRole("heading", { level: 2 })).toHaveText("Alice · alias/cmk-b · kms:Decrypt");
});

test("predict, then reveal: the study notes' exercise is scored and explained", async ({ pg, page }) => {
  await pg.nav("Access");
  const quiz = page.getByTestId("exercise");
  await expect(page.getByTestId("access-matrix")).toBeVisible();
  await quiz.getByRole("button", { name: "Start the exercise" }).click();
  // While the learner answers, the matrix that shows the answers is hidden.
  await expect(page.getByTestId("access-matrix")).toBeHidden();
  await expect(page.getByTestId("matrix-hidden")).toContainText("it would give the answers away");
  // Predict "allowed" everywhere: right only where the notes allow (4 of 12).
  await expect(quiz.getByRole("group")).toHaveCount(12);
  for (const group of await quiz.getByRole("group").all()) {
    await group.getByRole("button", { name: "✓ Allowed" }).click();
  }
  await quiz.getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByTestId("quiz-score")).toHaveText("4 of 12 right.");
  await expect(page.getByTestId("access-matrix")).toBeVisible();
  const bobOnC = quiz.getByTestId("quiz-item").filter({ has: page.getByRole("group", { name: "Bob decrypts with CMK-C" }) });
  await expect(bobOnC).toContainText("✕ Wrong");
  await expect(bobOnC).toContainText("an explicit deny beats every allow");
  const aliceOnA = quiz.getByTestId("quiz-item").filter({ has: page.getByRole("group", { name: "Alice decrypts with CMK-A" }) });
  await expect(aliceOnA).toContainText("✓ Right");
  // Each explanation stands alone: it names who and which key, never "…but".
  const charlieOnA = quiz.getByTestId("quiz-item").filter({ has: page.getByRole("group", { name: "Charlie decrypts with CMK-A" }) });
  await expect(charlieOnA).toContainText("Charlie's IAM policy allows only kms:Encrypt on CMK-A");
  for (const text of await quiz.getByTestId("quiz-result").allTextContents()) {
    expect(text).not.toMatch(/\.\.\.|…/);
  }
});
