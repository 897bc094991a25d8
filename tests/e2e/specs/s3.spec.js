// The S3 panel and its SSE-KMS stage, as a learner meets them: upload with the AWS managed
// key and watch the notes' four steps; download and watch the other four; be refused as
// Bob; turn on Bucket Keys and count the calls to KMS; and with reduced motion, nothing moves.
import { test, expect } from "../fixtures.js";

test.beforeEach(async ({ pg }) => {
  await pg.open("#/s3");
  await pg.dismissWelcome();
  await pg.s3.createBucket("learning-bucket");
});

// The step numbers and titles the stage announced, in the order it announced them.
const phasesOf = (said) => said.map((t) => t.match(/step (\d) of 4 — ([^.]+)\./)).map((m) => `${m[1]} ${m[2]}`);
const distinct = (xs) => xs.filter((x, i) => x !== xs[i - 1]);

test("an upload and a download play the notes' four steps each, in order, with their KMS calls", async ({ pg, page }) => {
  // aws/s3 does not exist until S3 first needs it.
  await pg.nav("Keys");
  await page.getByLabel("Key manager").selectOption({ label: "AWS managed keys" });
  await expect(page.getByRole("region", { name: "KMS keys" })).toContainText("No keys here.");
  await pg.nav("S3");

  await pg.s3.upload({ object: "notes-1.txt", body: "Meet at noon.", context: "project=alpha" });
  await expect(pg.s3.stage().getByRole("heading", { level: 2 })).toHaveText("Upload: Alice completed");
  const up = await pg.s3.stepThrough();
  expect(distinct(phasesOf(up))).toEqual([
    "1 The object arrives",
    "2 S3 asks KMS for a data key",
    "3 KMS returns the data key; S3 encrypts",
    "4 S3 stores; the plaintext key is dropped",
  ]);
  expect(up.join("\n")).toContain("GenerateDataKey (done)");
  expect(up.at(-1)).toContain("200 OK");
  // Every phase was reached, and the plaintext key was dropped at the end.
  await expect(pg.s3.stage().getByTestId("phase").and(page.locator(".reached"))).toHaveCount(4);
  await expect(pg.s3.stage().locator("svg")).toContainText("plaintext key dropped");
  await expect(pg.s3.stage().locator("svg")).toContainText("stored in the bucket");

  // The GenerateDataKey S3 made opens in the call drawer, with the context S3 sent.
  await pg.s3.stage().getByRole("button", { name: /Open this KMS call \(#\d+\) in the call drawer/ }).click();
  await expect(pg.drawer.detail()).toContainText("GenerateDataKey");
  await expect(pg.drawer.detail()).toContainText("aws:s3:arn");
  await expect(pg.drawer.detail()).toContainText("project");
  // What KMS really returned to S3: the encrypted data key S3 stores, and the plaintext
  // data key masked (S3 uses it and never returns it).
  await expect(pg.drawer.detail()).toContainText("CiphertextBlob");
  await expect(pg.drawer.detail()).toContainText("sensitive: S3 keeps it to itself; the caller never sees it");
  if (process.env.SHOT) await page.screenshot({ path: `${process.env.SHOT}/drawer-child.png` });
  await page.getByRole("button", { name: "Close the call drawer" }).click();

  // The object is listed with its encryption.
  const row = page.getByRole("table", { name: "Objects and how they are encrypted" }).getByRole("row").filter({ hasText: "notes-1.txt" });
  await expect(row).toContainText("SSE-KMS");
  await expect(row).toContainText("alias/aws/s3");
  await expect(row).toContainText("aws:s3:arn=arn:aws:s3:::learning-bucket/notes-1.txt");

  await pg.s3.download("notes-1.txt");
  await expect(pg.s3.stage().getByRole("heading", { level: 2 })).toHaveText("Download: Alice completed");
  const down = await pg.s3.stepThrough();
  expect(distinct(phasesOf(down))).toEqual([
    "1 The client asks for the object",
    "2 S3 sends the encrypted key to KMS",
    "3 KMS returns the plaintext key; S3 decrypts",
    "4 S3 returns the object; the key is dropped",
  ]);
  expect(down.join("\n")).toContain("Decrypt (done)");

  // Stepping back goes back.
  await pg.s3.stage().getByRole("button", { name: "◀ Back" }).click();
  await expect(pg.s3.now()).toHaveText(down.at(-2));

  // The first use created the AWS managed key, which the Keys panel now lists.
  await pg.nav("Keys");
  await page.getByLabel("Key manager").selectOption({ label: "AWS managed keys" });
  await expect(pg.keys.list().getByRole("link", { name: "alias/aws/s3" })).toBeVisible();
  // Opening it keeps the list on AWS managed keys, so the open key is in the list.
  await pg.keys.open("alias/aws/s3");
  await expect(page.getByLabel("Key manager")).toHaveValue("aws");
  await expect(pg.keys.list().getByRole("row", { name: /alias\/aws\/s3/ })).toHaveClass(/selected/);
  // Reached by a link while the list shows customer managed keys, it turns the list too.
  const href = await pg.keys.list().getByRole("link", { name: "alias/aws/s3" }).getAttribute("href");
  await pg.nav("Keys");
  await page.getByLabel("Key manager").selectOption({ label: "Customer managed keys" });
  await expect(pg.keys.list().getByRole("link", { name: "alias/aws/s3" })).toHaveCount(0);
  await page.evaluate((h) => { location.hash = h.slice(h.indexOf("#")); }, href);
  await expect(pg.keys.detail().getByRole("heading", { level: 2 })).toHaveText("alias/aws/s3");
  await expect(page.getByLabel("Key manager")).toHaveValue("aws");
  await expect(pg.keys.list().getByRole("link", { name: "alias/aws/s3" })).toBeVisible();

  // Back on the S3 panel, the stage still shows the download, where it ended.
  await pg.nav("S3");
  await expect(pg.s3.stage().getByRole("heading", { level: 2 })).toHaveText("Download: Alice completed");
  await expect(pg.s3.stage().getByTestId("stage-forward")).toBeDisabled();
  await expect(pg.s3.now()).toHaveText(down.at(-1));
});

test("the stage builds up the sequence of messages, keeps its labels whole, and a download shows the text coming back", async ({ pg, page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await pg.s3.upload({ object: "noon.txt", body: "Meet at noon.", key: "alias/cmk-a" });
  const stage = pg.s3.stage();
  const messages = stage.getByTestId("stage-message");
  const steps = stage.getByTestId("phases").locator(".substeps button.btn-link");
  const n = await steps.count();
  expect(n).toBeGreaterThanOrEqual(6);
  await stage.getByRole("button", { name: "↺ Restart" }).click();
  await expect(messages).toHaveCount(1);
  await expect(messages.first()).toHaveClass(/now/);
  // Each step adds its message below the ones before; only the newest is current.
  for (let i = 2; i <= n; i++) {
    await stage.getByTestId("stage-forward").click();
    await expect(messages).toHaveCount(i);
    await expect(messages.nth(i - 1)).toHaveClass(/now/);
    await expect(messages.nth(i - 2)).not.toHaveClass(/now/);
    const [above, below] = [await messages.nth(i - 2).locator("text").boundingBox(), await messages.nth(i - 1).locator("text").boundingBox()];
    expect(below.y, "the newer message is drawn below").toBeGreaterThan(above.y + above.height - 1);
  }
  // The first and last messages are numbered as the steps are.
  await expect(messages.first()).toContainText("1. PutObject");
  await expect(messages.last()).toContainText(`${n}. `);
  // "stored in the bucket" lies inside the bucket's outline.
  const bucket = await stage.locator("svg .bucket.stored rect").boundingBox();
  const label = await stage.locator("svg .bucket.stored text").boundingBox();
  expect(label.y).toBeGreaterThanOrEqual(bucket.y);
  expect(label.y + label.height).toBeLessThanOrEqual(bucket.y + bucket.height);
  expect(label.x).toBeGreaterThanOrEqual(bucket.x);
  expect(label.x + label.width).toBeLessThanOrEqual(bucket.x + bucket.width);
  // An upload gives nothing back to read.
  await expect(stage.getByTestId("stage-returned")).toHaveCount(0);

  await pg.s3.download("noon.txt");
  await stage.getByRole("button", { name: "↺ Restart" }).click();
  await expect(stage.getByTestId("stage-returned")).toHaveCount(0);
  // Once S3 has replied, the client holds the decrypted text.
  await stage.getByRole("button", { name: /s3 → client: 200 OK/ }).click();
  await expect(stage.getByTestId("stage-returned")).toContainText("“Meet at noon.”");
  await expect(stage.getByTestId("stage-returned")).toContainText("decrypted object");
});

test("Bob, without access to CMK-A, is stopped at GenerateDataKey with S3's error and KMS's reason", async ({ pg, page }) => {
  await pg.actAs("Bob");
  await pg.s3.upload({ object: "bob.txt", key: "alias/cmk-a" });
  const stage = pg.s3.stage();
  await expect(stage.getByRole("heading", { level: 2 })).toContainText("Upload: Bob stopped: AccessDenied");
  const said = await pg.s3.stepThrough();
  const refused = said.find((t) => t.includes("refused"));
  expect(refused).toContain("step 2 of 4");
  expect(refused).toContain("GenerateDataKey (refused)");
  // Steps 3 and 4 never happen, and the stage says why KMS refused.
  await expect(stage.getByTestId("phase").filter({ hasText: "Not reached" })).toHaveCount(2);
  await expect(stage.locator(".why-says")).toContainText("Bob");
  await expect(stage.locator("svg")).not.toContainText("plaintext data key");
  await expect(page.getByRole("region", { name: "Buckets and objects" })).toContainText("No objects yet.");
  // The refused call is in the drawer as KMS refused it.
  await pg.drawer.open();
  await expect(pg.drawer.rows().filter({ hasText: "KMS GenerateDataKey" }).filter({ hasText: "Bob through S3" })).toContainText("AccessDeniedException");
});

test("with S3 Bucket Keys, ten uploads make one call to KMS instead of ten", async ({ pg, page }) => {
  const kmsCalls = () => pg.drawer.rows().filter({ hasText: "KMS GenerateDataKey" });
  for (let i = 1; i <= 10; i++) await pg.s3.upload({ object: `plain-${i}.txt`, key: "alias/cmk-a" });
  await expect(page.getByTestId("kms-counts")).toHaveText(
    "Uploads to learning-bucket so far: 10. Calls S3 made to KMS for them: 10. Calls a Bucket Key saved: 0.",
  );
  await pg.drawer.open();
  await expect(kmsCalls()).toHaveCount(10);
  await page.getByRole("button", { name: "Close the call drawer" }).click();

  const another = page.locator("details").filter({ hasText: "Create another bucket" });
  await another.getByText("Create another bucket").click();
  await another.getByLabel("Bucket name").fill("bucket-key-bucket");
  await another.getByRole("button", { name: "Create bucket" }).click();
  await page.getByLabel("Bucket", { exact: true }).selectOption("bucket-key-bucket");
  for (let i = 1; i <= 10; i++) await pg.s3.upload({ object: `bk-${i}.txt`, key: "alias/cmk-a", bucketKey: true });
  await expect(page.getByTestId("kms-counts")).toHaveText(
    "Uploads to bucket-key-bucket so far: 10. Calls S3 made to KMS for them: 1. Calls a Bucket Key saved: 9.",
  );
  await pg.drawer.open();
  await expect(kmsCalls()).toHaveCount(11);
  // The objects say they used a Bucket Key.
  const rows = page.getByRole("table", { name: "Objects and how they are encrypted" }).getByRole("row").filter({ hasText: "bk-" });
  await expect(rows).toHaveCount(10);
  for (const r of await rows.all()) await expect(r.getByRole("cell").nth(4)).toHaveText("Yes");
});

test("a bucket made outside us-east-1 names its Region, as S3 asks", async ({ pg, page }) => {
  await pg.region("eu-west-1");
  const another = page.locator("details").filter({ hasText: "Create another bucket" });
  await another.getByText("Create another bucket").click();
  await another.getByLabel("Bucket name").fill("irish-bucket");
  await another.getByRole("button", { name: "Create bucket" }).click();
  // It was made: it can be chosen.
  await page.getByLabel("Bucket", { exact: true }).selectOption("irish-bucket");
  await pg.drawer.open();
  await pg.drawer.rows().filter({ hasText: "S3 CreateBucket" }).first().click();
  await expect(pg.drawer.detail()).toContainText("--create-bucket-configuration LocationConstraint=eu-west-1 --region eu-west-1");
});

test("with reduced motion the stage does not play by itself, and the token does not travel", async ({ pg, page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await pg.s3.upload({ object: "still.txt" });
  await expect(pg.s3.now()).toContainText("step 1 of 4");
  await page.waitForTimeout(1800); // longer than one autoplay step at 1×
  await expect(pg.s3.now()).toContainText("step 1 of 4");
  await expect(pg.s3.stage().getByTestId("stage-play")).toHaveText(/Play/);
  await pg.s3.stage().getByTestId("stage-forward").click();
  const animation = await pg.s3.stage().locator("svg .token").evaluate((el) => getComputedStyle(el).animationName);
  expect(animation).toBe("none");
});

test("the same text encrypted client-side and server-side: who held the data key, what crossed the network, what CloudTrail recorded", async ({ pg, page }) => {
  const compare = page.getByTestId("compare");
  await compare.getByLabel("Text", { exact: true }).fill("Compare me.");
  await compare.getByLabel("KMS key").selectOption({ label: "alias/cmk-a" });
  await compare.getByTestId("compare-run").click();
  const table = page.getByTestId("compare-table");
  await expect(table.getByRole("row", { name: /Where the encryption ran/ })).toContainText("Here, in this page");
  await expect(table.getByRole("row", { name: /Who held the plaintext data key/ })).toContainText("S3 alone");
  await expect(table.getByRole("row", { name: /What crossed the network/ })).toContainText("Your text never left the page");
  await expect(table.getByRole("row", { name: /What crossed the network/ })).toContainText("11 bytes in plaintext");
  await expect(table).toContainText("s3://learning-bucket/compare-1.txt");
  // Alice asked KMS herself on one side; on the other, S3 asked on her behalf.
  await expect(page.getByTestId("compare-client-trail")).toContainText("kms GenerateDataKey by Alice");
  await expect(page.getByTestId("compare-client-trail")).not.toContainText("invoked by");
  await expect(page.getByTestId("compare-server-trail")).toContainText("kms GenerateDataKey by Alice, invoked by s3.amazonaws.com");
  if (process.env.SHOT) await page.screenshot({ path: `${process.env.SHOT}/compare.png`, fullPage: true });
});
