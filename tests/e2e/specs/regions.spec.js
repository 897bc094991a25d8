// Regions, as a learner meets them after choosing eu-west-1 in the header: the keys of
// us-east-1 are named where they live, a call to one of them fails with a "why", the
// envelope tools say there is no key here instead of failing, and the audit log tells
// the Regions apart.
import { test, expect } from "../fixtures.js";

test.beforeEach(async ({ pg }) => {
  await pg.open("#/keys");
  await pg.dismissWelcome();
  await pg.region("eu-west-1");
});

test("in eu-west-1 the keys of us-east-1 are listed with their Region, and one click goes there", async ({ pg, page }) => {
  await expect(page.getByRole("region", { name: "KMS keys" })).toContainText("No keys here.");
  const elsewhere = page.getByTestId("keys-elsewhere");
  await expect(elsewhere).toContainText("in other Regions of this account");
  for (const k of ["alias/cmk-a", "alias/cmk-b", "alias/cmk-c"]) {
    await expect(elsewhere.getByRole("listitem").filter({ hasText: k })).toContainText("in us-east-1");
  }
  await elsewhere.getByRole("button", { name: "Switch to us-east-1" }).first().click();
  await expect(page.getByLabel("Region", { exact: true })).toHaveValue("us-east-1");
  await expect(pg.keys.list().getByRole("link", { name: "alias/cmk-a" })).toBeVisible();
});

test("a call from eu-west-1 to a key of us-east-1 fails with a why; the envelope tools say there is no key here", async ({ pg, page }) => {
  await pg.nav("Encrypt");
  const result = await pg.encrypt.call("Encrypt", { "Key (KeyId)": "alias/cmk-a", "Plaintext (Plaintext)": "hello" });
  const outcome = result.getByTestId("outcome");
  await expect(outcome).toContainText("NotFoundException");
  await expect(outcome.locator(".why-says")).toContainText("alias/cmk-a is a key of us-east-1, and this call went to KMS in eu-west-1");
  await expect(outcome.locator(".why-says")).toContainText("choose us-east-1 as the Region in the header");
  // The drawer says it too, apart from AWS's words.
  await outcome.getByRole("button", { name: /in the call drawer/ }).click();
  await expect(pg.drawer.detail().getByTestId("why-after")).toContainText("A KMS key lives in one Region");
  await page.getByRole("button", { name: "Close the call drawer" }).click();

  // No key here: the steps do not start, and say why.
  const steps = pg.encrypt.steps();
  await expect(steps.getByTestId("steps-no-key")).toContainText("No customer managed key of this account in eu-west-1");
  await expect(steps.getByRole("button", { name: "Start: step 1" })).toBeDisabled();
  await expect(page.getByTestId("env-no-key")).toContainText("No KMS key in eu-west-1");
  await expect(page.getByTestId("env-encrypt")).toBeDisabled();
  // The note stands where the key lists were: no empty list beside it.
  await expect(steps.getByLabel("KMS key")).toHaveCount(0);
  await expect(page.getByTestId("env-key")).toHaveCount(0);
  // Back in us-east-1, they work again.
  await pg.region("us-east-1");
  await expect(steps.getByTestId("steps-no-key")).toHaveCount(0);
  await expect(steps.getByLabel("KMS key")).toHaveValue(/cmk-a|aaaaaaaa/);
  await steps.getByRole("button", { name: "Start: step 1" }).click();
  await expect(steps.getByTestId("steps-list").locator("li")).toHaveCount(1);

  // The audit log has a Region column and filter.
  await pg.nav("Audit");
  await pg.audit.filter("AWS Region", "eu-west-1");
  await expect(pg.audit.events()).toHaveCount(1);
  await expect(pg.audit.events().first()).toContainText("Encrypt");
  await expect(pg.audit.events().first().locator(".region")).toHaveText("eu-west-1");
  await pg.audit.filter("AWS Region", "us-east-1");
  await expect(pg.audit.events().first().locator(".region")).toHaveText("us-east-1");
  await expect(pg.audit.events().first()).toContainText("GenerateDataKey");
});
