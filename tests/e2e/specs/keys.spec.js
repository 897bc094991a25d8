// The Keys panel, walked as a new user would: create a key through the wizard, use it,
// be refused, disable it, delete it on the simulated clock, grant it, undo, reload.
import { test, expect } from "../fixtures.js";

const ROOT = "root of 123412341234";
const file = (n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) & 0xff));

test.beforeEach(async ({ pg }) => {
  await pg.open("#/keys");
  await pg.dismissWelcome();
});

test("as root, create a key with Alice as key user; Alice encrypts with it, Bob is refused CMK-A", async ({ pg, page }) => {
  await pg.actAs(ROOT);
  await pg.keys.create({ alias: "team-key", description: "For the team", users: ["Alice"] });
  await expect(pg.keys.detail()).toContainText("Enabled");
  await expect(pg.keys.list().getByRole("link", { name: "alias/team-key" })).toBeVisible();

  // The wizard's calls are in the drawer, with the command a learner would type.
  await pg.drawer.open();
  await expect(pg.drawer.rows()).toHaveCount(2);
  await pg.drawer.rows().filter({ hasText: "CreateKey" }).click();
  await expect(pg.drawer.detail()).toContainText("aws kms create-key --description 'For the team' --policy file://policy.json --region us-east-1");
  // The policy the CLI line reads from file://policy.json is shown as that file.
  await expect(pg.drawer.detail().getByLabel("policy.json")).toContainText('"Sid": "Allow use of the key"');
  await page.getByRole("button", { name: "Close the call drawer" }).click();

  await pg.actAs("Alice");
  await pg.nav("Encrypt");
  await expect(page.getByTestId("env-acting")).toContainText("Alice");
  await pg.encrypt.chooseKey("alias/team-key");
  await pg.encrypt.encrypt("notes.txt", file(1000));
  await expect(page.getByTestId("env-result")).toContainText("GenerateDataKey under arn:aws:kms:us-east-1:123412341234:key/");

  await pg.actAs("Bob");
  await pg.encrypt.chooseKey("alias/cmk-a");
  await pg.encrypt.encrypt("notes.txt", file(1000));
  const error = page.getByTestId("env-error");
  await expect(error).toContainText("AWS says: AccessDeniedException: User: arn:aws:iam::123412341234:user/Bob is not authorized to perform: kms:GenerateDataKey");
  await expect(error).toContainText("Why:");

  // The drawer keeps AWS's words and the playground's explanation apart.
  await pg.drawer.open();
  await pg.drawer.rows().first().click();
  const detail = pg.drawer.detail();
  await expect(detail.getByText("AWS says")).toBeVisible();
  await expect(detail.locator(".err-code")).toHaveText("AccessDeniedException");
  await expect(detail.locator(".why-block")).toContainText("Implicit deny");
  await expect(detail.locator(".why-block")).toContainText("What would allow it");
});

test("a disabled key refuses with DisabledException; a deletion ends on the simulated clock", async ({ pg, page }) => {
  await pg.actAs(ROOT);
  await pg.keys.open("alias/cmk-a");
  await pg.keys.detail().getByRole("button", { name: "Disable", exact: true }).click();
  await expect(pg.outcome()).toContainText("DisableKey succeeded");
  await expect(pg.keys.detail()).toContainText("Disabled");

  await pg.actAs("Alice");
  await pg.nav("Encrypt");
  await pg.encrypt.chooseKey("alias/cmk-a");
  await pg.encrypt.encrypt("a.bin", file(10));
  const refused = page.getByTestId("env-error");
  await expect(refused).toContainText("DisabledException");
  // Authorization allowed Alice; the key's state refused her. The "why" says which.
  await expect(refused).toContainText("Why: Authorization allowed the call");
  await expect(refused).toContainText("the key's state refused it");

  await pg.actAs(ROOT);
  await pg.nav("Keys");
  await pg.keys.open("alias/cmk-a");
  await pg.keys.scheduleDeletion(7);
  await expect(page.getByTestId("deletion-countdown")).toContainText("in 7 days on the simulated clock");
  await pg.advance("by 1 day");
  await expect(page.getByTestId("deletion-countdown")).toContainText("in 6 days");
  await pg.advance("by 7 days");
  await expect(page.getByTestId("status")).toContainText("1 event fired (DeleteKey)");
  await expect(pg.keys.detail().getByRole("heading", { name: "No such key" })).toBeVisible();
  await expect(pg.keys.list().getByRole("link", { name: "alias/cmk-a" })).toHaveCount(0);

  await pg.nav("Audit");
  await expect(pg.audit.events().filter({ hasText: "ScheduleKeyDeletion" })).toHaveCount(1);
  await pg.audit.filter("Outcome", "Service events");
  await expect(pg.audit.events()).toHaveCount(1);
  await expect(pg.audit.events().first()).toContainText("DeleteKey");
  await expect(pg.audit.events().first()).toContainText("AWS KMS");
  // Each event opens to its CloudTrail JSON.
  await pg.audit.events().first().locator("summary").click();
  await expect(pg.audit.events().first()).toContainText('"eventType": "AwsServiceEvent"');
  // A call's record is CloudTrail's alone; the playground's "why" sits beside it, marked.
  await pg.audit.filter("Outcome", "Failed");
  const failed = pg.audit.events().filter({ hasText: "GenerateDataKey" }).first();
  await failed.locator("summary").click();
  await expect(failed.getByLabel("CloudTrail event")).toContainText('"errorCode": "DisabledException"');
  await expect(failed.getByLabel("CloudTrail event")).not.toContainText("simulator");
  await expect(failed.getByTestId("audit-rule")).toContainText("CloudTrail does not record why");
});

test("a waiting period outside 7 to 30 days gets AWS's error, and nothing typed is lost", async ({ pg, page }) => {
  await pg.actAs(ROOT);
  await pg.keys.open("alias/cmk-c");
  await pg.keys.detail().getByRole("button", { name: "Schedule key deletion" }).click();
  const dialog = page.getByRole("dialog", { name: "Schedule key deletion" });
  // The destructive button looks destructive.
  const destroy = dialog.getByRole("button", { name: "Schedule deletion" });
  expect(await destroy.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(196, 28, 28)");
  await dialog.getByLabel("Waiting period (in days)").fill("3");
  await dialog.getByLabel(/Confirm that you want to schedule/).check();
  await dialog.getByRole("button", { name: "Schedule deletion" }).click();
  await expect(dialog).toContainText("ValidationException");
  await expect(dialog.getByLabel("Waiting period (in days)")).toHaveValue("3");
});

test("a grant for Bob: its token works at once, then Bob retires it", async ({ pg, page }) => {
  await pg.actAs(ROOT);
  await pg.keys.open("alias/cmk-a");
  await pg.keys.tab("Grants");
  const form = page.locator("form").filter({ hasText: "Grantee principal" });
  await form.getByLabel("Grantee principal").selectOption({ label: "Bob — arn:aws:iam::123412341234:user/Bob" });
  // A grantee may retire its grant only if the grant allows RetireGrant, or if it is the
  // retiring principal: here Bob is both grantee and retiring principal.
  await form.getByLabel("Retiring principal (optional)").selectOption({ label: "Bob — arn:aws:iam::123412341234:user/Bob" });
  await form.getByRole("button", { name: "Create grant" }).click();
  const created = page.getByRole("status").filter({ hasText: "Grant created" });
  await expect(created).toContainText("takes effect in 5 minutes");
  await expect(page.getByRole("table", { name: "Grants" })).toContainText("retiring: Bob");

  await pg.actAs("Bob");
  const tryIt = created.locator("form");
  // Without the token the grant is not in effect yet: refused.
  await tryIt.getByLabel("with the grant token").uncheck();
  await tryIt.getByRole("button", { name: "Call" }).click();
  await expect(created).toContainText("AccessDeniedException");
  // With it, KMS honours the grant at once.
  await tryIt.getByLabel("with the grant token").check();
  await tryIt.getByRole("button", { name: "Call" }).click();
  await expect(created.getByTestId("outcome")).toContainText("Encrypt succeeded as Bob");
  // Once the clock passes its time, the box says the grant is in effect, not "in 5 minutes".
  await pg.advance("by 1 hour");
  await expect(created.getByTestId("grant-when")).toContainText("The grant is in effect");
  await expect(created).not.toContainText("takes effect in 5 minutes");

  await page.getByRole("table", { name: "Grants" }).getByRole("button", { name: "Retire" }).click();
  await expect(page.getByTestId("outcome").filter({ hasText: "RetireGrant" })).toContainText("RetireGrant succeeded as Bob");
  await expect(page.getByText("No grants on this key.")).toBeVisible();
});

test("undo takes back the last three changes; the world persists across a reload", async ({ pg, page }) => {
  await pg.actAs(ROOT);
  await pg.keys.open("alias/cmk-c");
  await pg.keys.detail().getByRole("button", { name: "Disable", exact: true }).click();
  await pg.keys.tab("Tags");
  await page.getByLabel("Tag key").fill("team");
  await page.getByLabel("Tag value").fill("blue");
  await page.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByRole("table", { name: "Tags" })).toContainText("blue");
  await pg.keys.tab("Aliases");
  await page.getByLabel("Alias name").fill("third");
  await page.getByRole("button", { name: "Create alias" }).click();
  await expect(page.getByRole("table", { name: "Aliases" })).toContainText("alias/third");
  // A disabled key refuses rotation, as AWS does; its description can still change.
  await pg.keys.tab("Key rotation");
  await page.getByRole("button", { name: "Enable automatic rotation" }).click();
  await expect(pg.outcome()).toContainText("DisabledException");
  await expect(pg.outcome().locator(".why-says")).toContainText("the key's state refused it");
  await pg.keys.tab("General configuration");
  await page.getByLabel("Description").fill("Renamed");
  await page.getByRole("button", { name: "Save description" }).click();
  await expect(pg.outcome()).toContainText("UpdateKeyDescription succeeded");

  for (let i = 0; i < 3; i++) await pg.undo();
  await expect(page.getByTestId("status")).toContainText("Undone: TagResource");
  await expect(pg.keys.list()).not.toContainText("alias/third");
  const row = pg.keys.list().getByRole("row").filter({ hasText: "alias/cmk-c" });
  await expect(row).toContainText("Disabled");
  await pg.keys.tab("Tags");
  await expect(page.getByText("No tags.")).toBeVisible();

  // A reload keeps the world as it is now, and who the page acts as.
  await page.reload();
  await pg.ready();
  await expect(page.getByLabel("Acting as")).toHaveValue("arn:aws:iam::123412341234:root");
  await expect(pg.keys.detail().getByRole("heading", { level: 2 })).toHaveText("alias/cmk-c");
  await expect(pg.keys.detail()).toContainText("Disabled");
  await expect(pg.keys.list()).not.toContainText("alias/third");
  // And the page keeps working.
  await pg.keys.detail().getByRole("button", { name: "Enable", exact: true }).click();
  await expect(pg.outcome()).toContainText("EnableKey succeeded");
});

test("the Key policy tab leads to its editor; an AWS managed key's policy is AWS's and cannot be changed", async ({ pg, page }) => {
  await pg.actAs(ROOT);
  await pg.keys.open("alias/cmk-a");
  await pg.keys.tab("Key policy");
  await expect(pg.keys.detail()).not.toContainText("arrives with");
  await pg.keys.detail().getByRole("link", { name: "Edit this key policy" }).click();
  await expect(page.getByRole("heading", { name: "Key policy of alias/cmk-a" })).toBeVisible();
  await expect(page.getByTestId("aws-managed-policy")).toHaveCount(0);

  // aws/s3 appears when S3 first encrypts for the account.
  await pg.nav("S3");
  await pg.s3.createBucket("learning-bucket");
  await pg.s3.upload({ object: "a.txt" });
  await expect(pg.s3.stage().getByRole("heading", { level: 2 })).toHaveText(/^Upload: .* completed$/);
  await pg.nav("Keys");
  await page.getByLabel("Key manager").selectOption({ label: "AWS managed keys" });
  await pg.keys.open("alias/aws/s3");
  await pg.keys.tab("Key policy");
  await expect(pg.keys.detail()).toContainText("nobody can change it");
  await expect(pg.keys.detail().getByRole("link", { name: "Edit this key policy" })).toHaveCount(0);

  // Even root is refused: the policy AWS wrote allows no one kms:PutKeyPolicy.
  await pg.policies.openKeyPolicy("alias/aws/s3");
  await expect(page.getByTestId("aws-managed-policy")).toContainText("AWS sets its key policy");
  await page.getByTestId("save-policy").click();
  await expect(pg.outcome()).toContainText("AccessDeniedException");
});

test("what the notes teach is findable where it applies: keys never leave KMS, lockout, grants without PutKeyPolicy, at rest versus in transit", async ({ pg, page }) => {
  await expect(page.getByTestId("never-leaves")).toContainText("never leaves KMS unencrypted");
  await pg.keys.open("alias/cmk-b");
  await pg.keys.tab("Key policy");
  await expect(page.getByTestId("lockout")).toContainText("only AWS Support can restore access");
  await pg.keys.tab("Grants");
  await expect(pg.keys.detail()).toContainText("Grants delegate without handing out kms:PutKeyPolicy");
  await pg.nav("S3");
  await expect(page.getByTestId("at-rest")).toContainText("encryption at rest");
  await expect(page.getByTestId("at-rest")).toContainText("in transit");
});

test("with a key open, the key list keeps one line per key ID and whole aliases", async ({ pg, page }) => {
  await pg.keys.open("alias/cmk-c");
  const row = pg.keys.list().getByRole("row").filter({ hasText: "alias/cmk-c" });
  // The list beside the detail shows aliases, IDs and states; rotation and dates wait.
  await expect(pg.keys.list().getByRole("columnheader", { name: "Created" })).toBeHidden();
  const lines = async (cell) => cell.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
  expect(await lines(row.getByRole("link", { name: "alias/cmk-c" }))).toBe(1);
  expect(await lines(row.getByRole("link").nth(1))).toBe(1);
});
