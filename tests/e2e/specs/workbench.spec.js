// The Encrypt panel's workbench, envelope steps and ciphertext inspector, as a learner uses
// them: encrypt with a context and be refused with another; meet the 4 KB limit and its way
// round; name a key four ways; encrypt typed text with a data key step by step; take a blob
// and an envelope apart, flip a byte, change the context, and see Decrypt refuse.
import { test, expect } from "../fixtures.js";

test.beforeEach(async ({ pg }) => {
  await pg.open("#/encrypt");
  await pg.dismissWelcome();
});

test("encrypt text with a context; decrypting with another context is refused, with the same one it opens", async ({ pg, page }) => {
  const result = await pg.encrypt.call("Encrypt", {
    "Plaintext (Plaintext)": "The safe's code is 4-8-15-16.",
    "Encryption context (key=value per line)": "purpose=notes",
  });
  await expect(result.getByTestId("outcome")).toContainText("Encrypt succeeded as Alice");
  const out = await pg.encrypt.response();
  expect(out.KeyId).toMatch(/^arn:aws:kms:us-east-1:123412341234:key\//);
  expect(out.EncryptionAlgorithm).toBe("SYMMETRIC_DEFAULT");

  // The response's blob goes to Decrypt with its context; the learner changes the context.
  await result.getByRole("button", { name: "Decrypt this ciphertext" }).click();
  const wb = pg.encrypt.workbench();
  await expect(wb.getByLabel("Operation")).toHaveValue("Decrypt");
  await expect(wb.getByLabel("Ciphertext (CiphertextBlob, base64)")).toHaveValue(out.CiphertextBlob);
  await expect(wb.getByLabel("Encryption context (key=value per line)")).toHaveValue("purpose=notes");
  await wb.getByLabel("Encryption context (key=value per line)").fill("purpose=other");
  await wb.getByRole("button", { name: "Call Decrypt" }).click();
  await expect(wb.getByTestId("outcome")).toContainText("InvalidCiphertextException");
  await expect(wb.getByTestId("wb-plaintext")).toHaveCount(0);

  await wb.getByLabel("Encryption context (key=value per line)").fill("purpose=notes");
  await wb.getByRole("button", { name: "Call Decrypt" }).click();
  await expect(wb.getByTestId("outcome")).toContainText("Decrypt succeeded as Alice");
  await expect(wb.getByTestId("wb-plaintext")).toContainText("The safe's code is 4-8-15-16.");

  // All three calls are in the drawer, the refused one marked.
  await pg.drawer.open();
  await expect(pg.drawer.rows()).toHaveCount(3);
  await expect(pg.drawer.rows().nth(1)).toContainText("InvalidCiphertextException");
});

test("Encrypt takes 4 KB: more is refused with AWS's error and the way round it, a data key", async ({ pg }) => {
  const result = await pg.encrypt.call("Encrypt", { "Plaintext (Plaintext)": "x".repeat(5000) });
  await expect(pg.encrypt.workbench().getByTestId("wb-size")).toHaveText("5000 bytes of the 4,096 Encrypt takes.");
  await expect(result.getByTestId("outcome")).toContainText("ValidationException");
  await expect(result.getByTestId("wb-limit")).toContainText("at most 4,096 bytes");
  await expect(result.getByTestId("wb-limit")).toContainText("GenerateDataKey");
});

test("a key is named by alias, alias ARN, key ID or key ARN; data keys and random bytes come back in AWS's shape", async ({ pg }) => {
  const wb = pg.encrypt.workbench();
  // The list offers every way to name each key.
  // (Waited for: on a busy machine the list fills after the form shows.)
  const offered = () => wb.locator("datalist option").evaluateAll((os) => os.map((o) => o.value));
  await expect.poll(offered).toEqual(expect.arrayContaining(["alias/cmk-a", "arn:aws:kms:us-east-1:123412341234:alias/cmk-a"]));

  await pg.encrypt.call("GenerateDataKey", { "Key (KeyId)": "arn:aws:kms:us-east-1:123412341234:alias/cmk-a" });
  const byAliasArn = await pg.encrypt.response();
  expect(Buffer.from(byAliasArn.Plaintext, "base64")).toHaveLength(32);
  expect(byAliasArn.CiphertextBlob.length).toBeGreaterThan(100);
  const keyArn = byAliasArn.KeyId;
  const keyId = keyArn.split("/")[1];

  await pg.encrypt.call("GenerateDataKeyWithoutPlaintext", { "Key (KeyId)": keyId });
  const byId = await pg.encrypt.response();
  expect(byId.KeyId).toBe(keyArn);
  expect(byId.Plaintext).toBeUndefined();

  // GenerateRandom uses no key, so only IAM can allow it: Alice has no such policy.
  let result = await pg.encrypt.call("GenerateRandom", { "Number of bytes (NumberOfBytes)": "16" });
  await expect(result.getByTestId("outcome")).toContainText("AccessDeniedException");
  await expect(result.getByTestId("outcome")).toContainText("no IAM policy of Alice allows kms:GenerateRandom");
  await pg.actAs("root of 123412341234");
  await wb.getByRole("button", { name: "Call GenerateRandom" }).click();
  expect(Buffer.from((await pg.encrypt.response()).Plaintext, "base64")).toHaveLength(16);
  await pg.actAs("Alice");

  // A typo in the key's name gets AWS's error, and the form keeps what was typed.
  result = await pg.encrypt.call("Encrypt", { "Key (KeyId)": "alias/cmk-typo" });
  await expect(result.getByTestId("outcome")).toContainText("NotFoundException");
  await expect(wb.getByLabel("Key (KeyId)")).toHaveValue("alias/cmk-typo");
});

test("envelope encryption of typed text, step by step: the plaintext key is dropped, KMS gives it back", async ({ pg, page }) => {
  const steps = pg.encrypt.steps();
  // A context that does not read stops "All steps" at once, with the reason.
  await steps.getByLabel("Encryption context (key=value per line)").fill("nope");
  await steps.getByRole("button", { name: "All steps" }).click();
  await expect(steps).toContainText("Line 1 is not key=value: nope");
  await expect(steps.getByTestId("steps-list").locator("li")).toHaveCount(0);
  await steps.getByLabel("Encryption context (key=value per line)").fill("purpose=envelope-demo");
  await steps.getByLabel("Text to encrypt").fill("Meet at the usual place at noon.");
  await steps.getByRole("button", { name: "Start: step 1" }).click();
  for (let n = 2; n <= 6; n++) await steps.getByRole("button", { name: `Next: step ${n} of 6` }).click();
  const items = steps.getByTestId("steps-list").locator("li");
  await expect(items).toHaveCount(6);
  await expect(items.nth(0)).toContainText("Ask KMS for a data key");
  await expect(items.nth(0)).toContainText("GenerateDataKey succeeded as Alice");
  await expect(items.nth(1)).toContainText("No call to KMS");
  await expect(items.nth(2)).toContainText("gone: its 32 bytes overwritten with zeros");
  await expect(items.nth(3)).toContainText("The envelope (KPE1");
  await expect(items.nth(4)).toContainText("Decrypt succeeded as Alice");
  await expect(items.nth(5)).toContainText("Meet at the usual place at noon.");
  await expect(steps.getByRole("button", { name: "All 6 steps done" })).toBeDisabled();

  // The envelope, taken apart: its header, the encrypted data key inside it, its frame.
  await steps.getByRole("button", { name: "Take the envelope apart in the inspector" }).click();
  const ins = pg.encrypt.inspector();
  await expect(ins.getByTestId("inspect-summary")).toContainText("A KPE1 envelope");
  await expect(ins.getByTestId("fields")).toContainText("encrypted data key: key ARN");
  await expect(ins.getByTestId("fields")).toContainText("frame 0: encrypted bytes");
  await expect(ins.getByTestId("fields")).toContainText("purpose=envelope-demo");
  let result = await pg.encrypt.inspectorDecrypt();
  await expect(result.getByTestId("inspect-opened")).toContainText("Meet at the usual place at noon.");

  // A flipped byte in the data: KMS gives the data key, the frame's own tag refuses.
  await ins.getByRole("button", { name: "Flip a byte of the frame 0: encrypted bytes" }).click();
  result = await pg.encrypt.inspectorDecrypt();
  await expect(result.getByTestId("inspect-why")).toContainText("does not open here: the message was altered");
  // Another context: KMS refuses the data key itself.
  await ins.getByRole("button", { name: "Undo the flips" }).click();
  result = await pg.encrypt.inspectorDecrypt("purpose=something-else");
  await expect(result.getByTestId("outcome")).toContainText("InvalidCiphertextException");
  await expect(result.getByTestId("inspect-why")).toContainText("authenticated, not encrypted");

  // As Bob, who may not use CMK-A, the steps stop at the first, with the reason.
  await pg.actAs("Bob");
  await steps.getByRole("button", { name: "Start over" }).click();
  await steps.getByRole("button", { name: "Start: step 1" }).click();
  await expect(steps.getByTestId("steps-refused")).toContainText("Stopped at step 1: KMS refused GenerateDataKey");
  await expect(steps.getByTestId("steps-refused")).toContainText("AccessDeniedException");
  await expect(steps.getByTestId("steps-refused")).toContainText("Why:");
});

test("the workbench keeps its ciphertext across tab changes: rotate CMK-A, come back, and the old ciphertext decrypts with the version that made it", async ({ pg, page }) => {
  let result = await pg.encrypt.call("Encrypt", { "Plaintext (Plaintext)": "Written before the rotation." });
  await expect(result.getByTestId("outcome")).toContainText("Encrypt succeeded as Alice");
  const sealed = (await pg.encrypt.response()).CiphertextBlob;
  // The steps' and the inspector's work is kept too.
  const steps = pg.encrypt.steps();
  await steps.getByLabel("Text to encrypt").fill("Kept while I rotate.");
  await steps.getByRole("button", { name: "Start: step 1" }).click();
  await expect(steps.getByTestId("steps-list").locator("li")).toHaveCount(1);

  // Away to the Keys panel: root rotates CMK-A on demand.
  await pg.actAs("root of 123412341234");
  await pg.nav("Keys");
  await pg.keys.open("alias/cmk-a");
  await pg.keys.tab("Key rotation");
  await pg.keys.detail().getByRole("button", { name: "Rotate now (on demand)" }).click();
  await expect(pg.outcome()).toContainText("RotateKeyOnDemand succeeded");
  await expect(page.getByRole("table", { name: "Key material versions" })).toContainText("2 (current)");

  // Back: the result, its ciphertext and the half-done steps are where they were.
  await pg.actAs("Alice");
  await pg.nav("Encrypt");
  const wb = pg.encrypt.workbench();
  await expect(wb.getByTestId("wb-result").getByTestId("outcome")).toContainText("Encrypt succeeded as Alice");
  expect((await pg.encrypt.response()).CiphertextBlob).toBe(sealed);
  await expect(steps.getByLabel("Text to encrypt")).toHaveValue("Kept while I rotate.");
  await expect(steps.getByTestId("steps-list").locator("li")).toHaveCount(1);
  await steps.getByRole("button", { name: "Next: step 2 of 6" }).click();
  await expect(steps.getByTestId("steps-list").locator("li")).toHaveCount(2);

  // The old ciphertext still decrypts, and the page says with which key material.
  await wb.getByRole("button", { name: "Decrypt this ciphertext" }).click();
  await expect(wb.getByLabel("Ciphertext (CiphertextBlob, base64)")).toHaveValue(sealed);
  await wb.getByRole("button", { name: "Call Decrypt" }).click();
  result = wb.getByTestId("wb-result");
  await expect(result.getByTestId("outcome")).toContainText("Decrypt succeeded as Alice");
  await expect(result.getByTestId("wb-plaintext")).toContainText("Written before the rotation.");
  const material = result.getByTestId("wb-material");
  await expect(material).toContainText("Opened with key material version 1 of 2 (initial");
  await expect(material).toContainText("no longer current");
  await expect(material).toContainText((await pg.encrypt.response()).KeyMaterialId);
  // A new data key comes from the current version.
  await pg.encrypt.call("GenerateDataKey", { "Key (KeyId)": "alias/cmk-a" });
  await expect(result.getByTestId("wb-material")).toContainText("Encrypted with key material version 2 of 2 (on-demand rotation");
});

test("paste a blob into the inspector, flip a byte, and Decrypt refuses it", async ({ pg }) => {
  await pg.encrypt.call("Encrypt", { "Plaintext (Plaintext)": "hello", "Encryption context (key=value per line)": "app=notes" });
  const blob = (await pg.encrypt.response()).CiphertextBlob;
  await pg.encrypt.inspect(blob);
  const ins = pg.encrypt.inspector();
  await expect(ins.getByTestId("inspect-summary")).toContainText("A KMS ciphertext blob of");
  const fields = ins.getByTestId("fields").locator("tbody tr");
  await expect(fields.locator("th")).toHaveText(["format version", "key ARN length", "key ARN", "key material version", "nonce", "encrypted bytes", "authentication tag"]);
  await expect(fields.nth(5)).toContainText("(5)");

  // Pasted, the context is not known: presented as it was encrypted, it opens.
  let result = await pg.encrypt.inspectorDecrypt("app=notes");
  await expect(result.getByTestId("outcome")).toContainText("Decrypt succeeded");

  // One byte of the tag flipped: refused, and the page says which byte it was.
  await ins.getByLabel("Flip the byte at offset").fill(String((await ins.getByTestId("bytemap").locator(".byte").count()) - 1));
  await ins.getByRole("button", { name: "Flip it" }).click();
  await expect(ins.getByTestId("inspect-flips")).toContainText("(authentication tag)");
  result = await pg.encrypt.inspectorDecrypt();
  await expect(result.getByTestId("outcome")).toContainText("InvalidCiphertextException");
  await expect(result.getByTestId("inspect-why")).toContainText("(authentication tag)");

  // What is not a blob says so, and keeps what was pasted.
  await pg.encrypt.inspect("bm90IGEgYmxvYg==");
  await expect(ins.getByTestId("inspect-problem")).toContainText("neither a ciphertext blob");
  await expect(ins.getByLabel("Ciphertext (base64)")).toHaveValue("bm90IGEgYmxvYg==");
});
