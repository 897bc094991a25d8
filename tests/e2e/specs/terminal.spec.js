// The terminal, tried as a new user would: the AWS CLI typed in the page, as at work.
// Files from the file area, the documentation's `| base64 --decode`, another principal's
// refusal with the CLI's error line and the playground's "why" apart, grants and their
// tokens, Tab and the history, the drawer's "Run in terminal", undo, and the dock.
import { test, expect } from "../fixtures.js";
import { Playground } from "../pages/playground.js";

// Runs `line` in the terminal and gives its entry.
const run = (page, line) => new Playground(page).terminal(line);

test.beforeEach(async ({ pg }) => {
  await pg.open("#/terminal");
  await pg.dismissWelcome();
  await expect(pg.page.getByLabel("AWS CLI command line")).toBeVisible();
});

test("Alice encrypts a file she wrote and decrypts it with --query Plaintext --output text: the text comes back", async ({ pg, page }) => {
  // A file of her own, written in the file area.
  const files = page.getByTestId("term-files");
  await files.getByText(/^Files \(\d+\)$/).click();
  await files.getByLabel("New file").fill("secret.txt");
  await files.getByLabel("Its text").fill("The vault opens at dawn.");
  await files.getByRole("button", { name: "Save the file" }).click();
  await expect(files.getByText("secret.txt")).toBeVisible();

  const enc = await run(page, "aws kms encrypt --key-id alias/cmk-a --plaintext fileb://secret.txt --encryption-context dept=ops");
  await expect(enc.getByTestId("term-status")).toContainText("exit 0");
  const out = JSON.parse(await enc.getByTestId("term-out").textContent());
  expect(out.KeyId).toMatch(/^arn:aws:kms:us-east-1:123412341234:key\//);
  expect(out.EncryptionAlgorithm).toBe("SYMMETRIC_DEFAULT");
  expect(Object.keys(out)).toEqual(["CiphertextBlob", "KeyId", "EncryptionAlgorithm"]);

  // The base64 the CLI prints is what v2 takes back; the documentation's pipe decodes.
  const dec = await run(page, `aws kms decrypt --ciphertext-blob ${out.CiphertextBlob} --encryption-context dept=ops --query Plaintext --output text | base64 --decode`);
  await expect(dec.getByTestId("term-out")).toHaveText("The vault opens at dawn.");
  // Or through a file, as the AWS documentation's examples do.
  await run(page, "aws kms encrypt --key-id alias/cmk-a --plaintext fileb://secret.txt --query CiphertextBlob --output text | base64 --decode > ct.bin");
  const back = await run(page, "aws kms decrypt --ciphertext-blob fileb://ct.bin --query Plaintext --output text");
  await expect(back.getByTestId("term-out")).toHaveText(Buffer.from("The vault opens at dawn.").toString("base64"));
  // Without the context it was made with, KMS refuses, as AWS does.
  const wrong = await run(page, `aws kms decrypt --ciphertext-blob ${out.CiphertextBlob}`);
  await expect(wrong.getByTestId("term-err")).toHaveText(/^An error occurred \(InvalidCiphertextException\) when calling the Decrypt operation/);
  await expect(wrong.getByTestId("term-status")).toContainText("exit 254");

  // Every command was a call: in the drawer, with its twin.
  await pg.drawer.open();
  await expect(pg.drawer.rows()).toHaveCount(5);
});

test("Bob's describe-key on CMK-A prints the AWS CLI's error line; the playground's why is apart", async ({ page }) => {
  const e = await run(page, "aws kms describe-key --key-id alias/cmk-a --profile bob");
  await expect(e.getByTestId("term-err")).toHaveText(
    /^An error occurred \(AccessDeniedException\) when calling the DescribeKey operation: User: arn:aws:iam::123412341234:user\/Bob is not authorized to perform: kms:DescribeKey on resource: arn:aws:kms:us-east-1:123412341234:key\/aaaaaaaa-0000-4000-8000-00000000000a/,
  );
  await expect(e.getByTestId("term-out")).toHaveCount(0);
  await expect(e.getByTestId("term-status")).toContainText("exit 254");
  await expect(e.getByTestId("term-status")).toContainText("as Bob · us-east-1");
  const why = e.getByText("Why (the playground's explanation)");
  await why.click();
  await expect(e.locator(".term-why")).toContainText("Bob");
  await e.getByRole("button", { name: /^Open call #1 in Calls$/ }).click();
  await expect(page.getByTestId("call-detail")).toContainText("DescribeKey");
});

test("Alice grants Bob Encrypt; Bob encrypts with the grant token at once", async ({ page }) => {
  const g = await run(page, "aws kms create-grant --key-id aaaaaaaa-0000-4000-8000-00000000000a --grantee-principal arn:aws:iam::123412341234:user/Bob --operations Encrypt --query GrantToken --output text");
  const token = (await g.getByTestId("term-out").textContent()).trim();
  expect(token.length).toBeGreaterThan(20);
  // Without the token the grant has not yet taken effect (propagation), with it at once.
  const before = await run(page, "aws kms encrypt --key-id alias/cmk-a --plaintext aGk= --profile bob");
  await expect(before.getByTestId("term-err")).toContainText("(AccessDeniedException)");
  const with_ = await run(page, `aws kms encrypt --key-id alias/cmk-a --plaintext aGk= --profile bob --grant-tokens ${token} --output text --query KeyId`);
  await expect(with_.getByTestId("term-out")).toHaveText(/^arn:aws:kms:us-east-1:123412341234:key\/aaaaaaaa/);
  await expect(with_.getByTestId("term-status")).toContainText("exit 0");
});

test("aws s3 cp with --sse aws:kms uploads, plays on the S3 stage, and downloads; Bob's download fails as the CLI says", async ({ pg, page }) => {
  await run(page, "aws s3api create-bucket --bucket learning-bucket");
  const up = await run(page, "aws s3 cp note.txt s3://learning-bucket/ --sse aws:kms --sse-kms-key-id alias/cmk-a");
  await expect(up.getByTestId("term-out")).toHaveText("upload: ./note.txt to s3://learning-bucket/note.txt");
  await expect(up.getByTestId("term-status")).toContainText("exit 0");
  const ls = await run(page, "aws s3 ls s3://learning-bucket");
  await expect(ls.getByTestId("term-out")).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +13 note\.txt\n?$/);
  // Bob may not have KMS decrypt the object's data key: the CLI's own failure line.
  const bob = await run(page, "aws s3 cp s3://learning-bucket/note.txt bob.txt --profile bob");
  await expect(bob.getByTestId("term-err")).toHaveText(/^download failed: s3:\/\/learning-bucket\/note\.txt to \.\/bob\.txt An error occurred \(AccessDenied\) when calling the GetObject operation: .*kms:Decrypt/);
  await expect(bob.getByTestId("term-status")).toContainText("exit 1");
  const back = await run(page, "aws s3 cp s3://learning-bucket/note.txt back.txt");
  await expect(back.getByTestId("term-out")).toHaveText("download: s3://learning-bucket/note.txt to ./back.txt");
  const cat = await run(page, "cat back.txt");
  await expect(cat.getByTestId("term-out")).toHaveText("Meet at noon.");
  // s3api get-object writes the body to the file it is given, and prints the rest.
  const got = await run(page, "aws s3api get-object --bucket learning-bucket --key note.txt got.txt");
  const meta = JSON.parse(await got.getByTestId("term-out").textContent());
  expect(meta.ServerSideEncryption).toBe("aws:kms");
  expect(meta.Body).toBeUndefined();
  await expect((await run(page, "cat got.txt")).getByTestId("term-out")).toHaveText("Meet at noon.");

  // The upload plays on the S3 stage: S3 asked KMS for a data key on Alice's behalf.
  await up.getByTestId("term-watch").click();
  await expect(page).toHaveURL(/#\/s3/);
  await expect(pg.s3.stage().getByRole("heading", { level: 2 })).toHaveText("Upload: Alice completed");
  // It plays from the start (step 1 of 4 first), and ends with the object stored.
  await expect(pg.s3.now()).toContainText(/Upload, step \d of 4/);
  const said = await pg.s3.stepThrough();
  expect(said.length).toBeGreaterThanOrEqual(4);
  await expect(pg.s3.stage().locator("svg.stage-svg")).toContainText("stored in the bucket");
});

test("usage errors, help, text and table output, as the AWS CLI prints them", async ({ page }) => {
  const missing = await run(page, "aws kms encrypt --plaintext aGk=");
  await expect(missing.getByTestId("term-err")).toContainText("aws: error: the following arguments are required: --key-id");
  await expect(missing.getByTestId("term-status")).toContainText("exit 252");
  // A mistyped option: the CLI reads the real one as missing.
  const typo = await run(page, "aws kms encrypt --key-idd alias/cmk-a --plaintext aGk=");
  await expect(typo.getByTestId("term-err")).toHaveText(/aws: error: the following arguments are required: --key-id\n?$/);
  await expect(typo.getByTestId("term-status")).toContainText("exit 252");
  const extra = await run(page, "aws kms encrypt --key-id alias/cmk-a --plaintext aGk= --colour blue");
  await expect(extra.getByTestId("term-err")).toHaveText(/Unknown options: --colour, blue\n?$/);
  const help = await run(page, "aws kms encrypt help");
  await expect(help.getByTestId("term-out")).toContainText("--key-id (string) [required]");
  const text = await run(page, "aws kms list-aliases --profile root --output text --query 'Aliases[].AliasName'");
  await expect(text.getByTestId("term-out")).toHaveText("alias/cmk-a\talias/cmk-b\talias/cmk-c");
  const table = await run(page, "aws kms describe-key --key-id alias/cmk-a --query KeyMetadata.[KeyId,KeyState] --output table");
  await expect(table.getByTestId("term-out")).toContainText("|  aaaaaaaa-0000-4000-8000-00000000000a  |");
  const other = await run(page, "ls -la");
  await expect(other.getByTestId("term-err")).toContainText("command not found");
});

test("Tab completes, ↑ recalls across a reload, and a command's change is undone", async ({ pg, page }) => {
  const input = page.getByLabel("AWS CLI command line");
  // Tab completes an alias: the choices show when several fit.
  await input.fill("aws kms desc");
  await input.press("Tab");
  await expect(input).toHaveValue("aws kms describe-key ");
  await input.pressSequentially("--key-id alias/cmk-");
  await input.press("Tab");
  await expect(page.getByTestId("term-choices")).toContainText("alias/cmk-a");
  await expect(page.getByTestId("term-choices")).toContainText("alias/cmk-c");
  await input.pressSequentially("a");
  await input.press("Tab");
  await expect(input).toHaveValue("aws kms describe-key --key-id alias/cmk-a ");
  await input.pressSequentially("--query KeyMetadata.KeyId --output text");
  await input.press("Enter");
  const id = page.getByTestId("term-entry").last();
  await expect(id.getByTestId("term-status")).toContainText("exit 0");
  const keyId = (await id.getByTestId("term-out").textContent()).trim();
  expect(keyId).toMatch(/^[0-9a-f-]{36}$/);

  // An alias points at a key ID (AWS refuses an alias there): Tab offers key IDs only.
  // (Alice may not create aliases: the account's root does.)
  await input.fill("aws kms create-al");
  await input.press("Tab");
  await expect(input).toHaveValue("aws kms create-alias ");
  await input.pressSequentially("--alias-name alias/notes --tar");
  await input.press("Tab");
  await expect(input).toHaveValue("aws kms create-alias --alias-name alias/notes --target-key-id ");
  await input.press("Tab");
  await expect(page.getByTestId("term-choices")).toContainText(keyId);
  await expect(page.getByTestId("term-choices")).not.toContainText("alias/");
  await input.pressSequentially(`${keyId} --profile root`);
  await input.press("Enter");
  await expect(page.getByTestId("term-entry").last().getByTestId("term-status")).toContainText("exit 0");
  const list = await run(page, "aws kms list-aliases --profile root --query 'Aliases[].AliasName' --output text");
  await expect(list.getByTestId("term-out")).toContainText("alias/notes");

  // The change is the world's: Undo takes it back.
  await pg.undo();
  const after = await run(page, "aws kms list-aliases --profile root --query 'Aliases[].AliasName' --output text");
  await expect(after.getByTestId("term-out")).not.toContainText("alias/notes");

  // The history outlives a reload.
  await page.reload();
  await pg.ready();
  const again = page.getByLabel("AWS CLI command line");
  await again.press("ArrowUp");
  await expect(again).toHaveValue("aws kms list-aliases --profile root --query 'Aliases[].AliasName' --output text");
  // (The same line twice is kept once, newest first.)
  await again.press("ArrowUp");
  await expect(again).toHaveValue(`aws kms create-alias --alias-name alias/notes --target-key-id ${keyId} --profile root`);
  await again.press("ArrowUp");
  await expect(again).toHaveValue("aws kms describe-key --key-id alias/cmk-a --query KeyMetadata.KeyId --output text");
  await again.press("ArrowDown");
  await again.press("ArrowDown");
  await again.press("ArrowDown");
  await expect(again).toHaveValue("");
});

test("a call made in a panel runs again from the drawer's 'Run in terminal', in the dock, as who made it", async ({ pg, page }) => {
  await pg.nav("Encrypt");
  await pg.encrypt.call("Encrypt", { "Plaintext (Plaintext)": "From the panel." });
  // Acting as someone else now: the twin names who made the call.
  await pg.actAs("Bob");
  await pg.drawer.open();
  await page.getByTestId("run-in-terminal").click();
  const dock = page.getByTestId("terminal-dock");
  await expect(dock).toBeVisible();
  await expect(page.getByTestId("call-drawer")).toBeHidden();
  const input = dock.getByLabel("AWS CLI command line");
  await expect(input).toHaveValue(/^aws kms encrypt --key-id alias\/cmk-a .*--plaintext 'From the panel\.' --cli-binary-format raw-in-base64-out --region us-east-1 --profile alice$/);
  await expect(input).toBeFocused();
  await input.press("Enter");
  const entry = dock.getByTestId("term-entry").last();
  await expect(entry.getByTestId("term-status")).toContainText("exit 0");
  await expect(entry.getByTestId("term-status")).toContainText("as Alice · us-east-1");
  await expect(page.getByTestId("calls-toggle")).toContainText("Calls (2)");
  // The header's toggle closes and opens the dock; the session is the same.
  await page.getByTestId("terminal-toggle").click();
  await expect(dock).toHaveCount(0);
  await page.getByTestId("terminal-toggle").click();
  await expect(page.getByTestId("terminal-dock").getByTestId("term-entry")).toHaveCount(1);
});

test("Tab on an empty line leaves it: the terminal is used by keyboard like the rest", async ({ page }) => {
  const input = page.getByLabel("AWS CLI command line");
  await input.focus();
  await page.keyboard.press("Tab");
  await expect(input).not.toBeFocused();
  await expect(page.getByRole("button", { name: "Run" })).toBeFocused();
});
