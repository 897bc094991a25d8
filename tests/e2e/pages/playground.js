// Page objects of the playground: the frame (header, navigation, call drawer) and one
// object per panel. Specs speak as a learner does — roles, labels and visible text.
import { expect } from "@playwright/test";

export class Playground {
  constructor(page) {
    this.page = page;
    this.keys = new KeysPanel(page, this);
    this.policies = new PoliciesPanel(page, this);
    this.access = new AccessPanel(page, this);
    this.audit = new AuditPanel(page, this);
    this.encrypt = new EncryptPanel(page, this);
    this.s3 = new S3Panel(page, this);
    this.drawer = new CallDrawer(page, this);
  }

  // Opens the playground at `fragment` and waits until it is interactive.
  async open(fragment = "") {
    await this.page.goto(`./${fragment}`);
    await this.ready();
  }

  async ready() {
    await expect(this.page.locator("html[data-interactive]")).toHaveCount(1);
  }

  async dismissWelcome() {
    await this.page.getByRole("button", { name: "Dismiss the welcome" }).click();
  }

  // Acts as the principal whose option label starts with `label` ("Bob", "root of ...").
  async actAs(label) {
    const select = this.page.getByLabel("Acting as");
    const value = await select.locator("option").filter({ hasText: new RegExp(`^${label}`) }).first().getAttribute("value");
    await select.selectOption(value);
    await expect(select).toHaveValue(value);
  }

  async region(name) {
    await this.page.getByLabel("Region", { exact: true }).selectOption(name);
  }

  async advance(words) {
    await this.page.getByRole("button", { name: `Advance the clock ${words}` }).click();
  }

  async clock() {
    return this.page.getByTestId("world-clock").textContent();
  }

  async undo() {
    await this.page.getByRole("button", { name: "↶ Undo" }).click();
  }

  // Runs `line` in the terminal (the panel or the dock) and gives its entry on the screen.
  async terminal(line) {
    const entries = this.page.getByTestId("term-entry");
    const before = await entries.count();
    const input = this.page.getByLabel("AWS CLI command line");
    await input.fill(line);
    await input.press("Enter");
    await expect(entries).toHaveCount(before + 1);
    await expect(input).toHaveValue("");
    return entries.nth(before);
  }

  async nav(title) {
    await this.page.getByRole("navigation", { name: "Panels" }).getByRole("link", { name: title, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(title);
  }

  // The outcome of the last call made from a form (role alert or status).
  outcome() {
    return this.page.getByTestId("outcome").last();
  }
}

export class KeysPanel {
  constructor(page, pg) {
    this.page = page;
    this.pg = pg;
  }

  list() {
    return this.page.getByRole("table", { name: "KMS keys" });
  }

  detail() {
    return this.page.getByTestId("key-detail");
  }

  async open(alias) {
    await this.list().getByRole("link", { name: alias, exact: true }).click();
    await expect(this.detail().getByRole("heading", { level: 2 })).toHaveText(alias);
  }

  async tab(name) {
    await this.detail().getByRole("tab", { name }).click();
  }

  // The create-key wizard, as the console's: alias, then administrators, then users.
  async create({ alias, description = "", admins = [], users = [] }) {
    await this.page.getByRole("link", { name: "Create key" }).click();
    const wizard = this.page.getByTestId("create-key-wizard");
    await wizard.getByRole("button", { name: "Next" }).click();
    await wizard.getByLabel("Alias").fill(alias);
    if (description) await wizard.getByLabel("Description (optional)").fill(description);
    await wizard.getByRole("button", { name: "Next" }).click();
    for (const a of admins) await wizard.getByRole("group", { name: "Key administrators" }).getByLabel(a).check();
    await wizard.getByRole("button", { name: "Next" }).click();
    for (const u of users) await wizard.getByRole("group", { name: "Key users" }).getByLabel(u).check();
    await wizard.getByRole("button", { name: "Next" }).click();
    await expect(wizard.getByRole("heading", { name: "Review" })).toBeVisible();
    await wizard.getByRole("button", { name: "Finish" }).click();
    await expect(this.detail().getByRole("heading", { level: 2 })).toHaveText(`alias/${alias}`);
  }

  async scheduleDeletion(days) {
    await this.detail().getByRole("button", { name: "Schedule key deletion" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Schedule key deletion" });
    await dialog.getByLabel("Waiting period (in days)").fill(String(days));
    await dialog.getByLabel(/Confirm that you want to schedule/).check();
    await dialog.getByRole("button", { name: "Schedule deletion" }).click();
    await expect(dialog).toBeHidden();
  }
}

export class PoliciesPanel {
  constructor(page, pg) {
    this.page = page;
    this.pg = pg;
  }

  async openKeyPolicy(alias) {
    await this.pg.nav("Policies");
    await this.page.getByRole("link", { name: `Edit the key policy of ${alias}` }).click();
    await expect(this.page.getByRole("heading", { name: `Key policy of ${alias}` })).toBeVisible();
  }

  editor() {
    return this.page.getByLabel("Policy document (JSON)");
  }

  async type(text) {
    await this.editor().fill(text);
  }

  findings() {
    return this.page.getByTestId("finding");
  }

  summary() {
    return this.page.getByTestId("findings-summary");
  }

  whatIf() {
    return this.page.getByTestId("what-if-summary");
  }

  async save() {
    await this.page.getByTestId("save-policy").click();
  }
}

export class AccessPanel {
  constructor(page, pg) {
    this.page = page;
    this.pg = pg;
  }

  matrix() {
    return this.page.getByTestId("access-matrix").getByTestId("matrix");
  }

  // The cell whose accessible name starts with "<row>, <col>:".
  cell(row, col) {
    return this.matrix().getByRole("button", { name: new RegExp(`^${row}, ${col.replace(/[/]/g, "\\/")}:`) });
  }

  decision() {
    return this.page.getByTestId("cell-decision");
  }
}

export class AuditPanel {
  constructor(page, pg) {
    this.page = page;
    this.pg = pg;
  }

  events() {
    return this.page.getByTestId("audit-event");
  }

  async filter(label, option) {
    await this.page.getByLabel(label).selectOption({ label: option });
  }
}

export class EncryptPanel {
  constructor(page, pg) {
    this.page = page;
    this.pg = pg;
  }

  async chooseKey(name) {
    await this.page.getByTestId("env-key").selectOption({ label: name });
  }

  async encrypt(name, buffer) {
    await this.page.getByTestId("env-plain-file").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
    await this.page.getByTestId("env-encrypt").click();
  }

  // The workbench: one operation, its fields by their labels, then "Call <operation>".
  workbench() {
    return this.page.getByTestId("workbench");
  }

  async call(operation, fields = {}) {
    const wb = this.workbench();
    await wb.getByLabel("Operation").selectOption(operation);
    for (const [label, value] of Object.entries(fields)) {
      await wb.getByLabel(label, { exact: true }).fill(value);
    }
    await wb.getByRole("button", { name: `Call ${operation}` }).click();
    return wb.getByTestId("wb-result");
  }

  // The response JSON of the workbench's last call, parsed.
  async response() {
    return JSON.parse(await this.workbench().getByLabel("Response", { exact: true }).textContent());
  }

  inspector() {
    return this.page.getByTestId("inspector");
  }

  async inspect(base64) {
    await this.inspector().getByLabel("Ciphertext (base64)").fill(base64);
    await this.inspector().getByRole("button", { name: "Take it apart" }).click();
  }

  // Decrypts what the inspector holds, presenting `context` (key=value lines) when given.
  async inspectorDecrypt(context) {
    const ins = this.inspector();
    if (context !== undefined) await ins.getByLabel("Encryption context to present (key=value per line)").fill(context);
    await ins.getByRole("button", { name: "Decrypt it" }).click();
    return ins.getByTestId("inspect-result");
  }

  steps() {
    return this.page.getByTestId("envelope-steps");
  }
}

export class S3Panel {
  constructor(page, pg) {
    this.page = page;
    this.pg = pg;
  }

  async createBucket(name = "learning-bucket") {
    await this.page.getByLabel("Bucket name").first().fill(name);
    await this.page.getByRole("button", { name: "Create bucket" }).first().click();
    await expect(this.page.getByLabel("Bucket", { exact: true })).toHaveValue(name);
  }

  // Uploads with SSE-KMS: `key` is "aws/s3" or a key's alias shown in the list.
  async upload({ object, body = "hello", key = "aws/s3", context = "", bucketKey = false }) {
    if (object) await this.page.getByLabel("Object key").fill(object);
    await this.page.getByLabel("Object body (text)").fill(body);
    if (key === "aws/s3") {
      await this.page.getByLabel("Encryption", { exact: true }).selectOption({ label: "SSE-KMS with the AWS managed key aws/s3" });
    } else {
      await this.page.getByLabel("Encryption", { exact: true }).selectOption({ label: "SSE-KMS with a key of yours" });
      await this.page.getByLabel("KMS key (when it is a key of yours)").selectOption({ label: key });
    }
    await this.page.getByLabel(/Your encryption context/).fill(context);
    await this.page.getByLabel("Use an S3 Bucket Key (fewer calls to KMS)").setChecked(bucketKey);
    await this.page.getByRole("button", { name: "Upload (PutObject)" }).click();
  }

  async download(object) {
    await this.page.getByRole("button", { name: `Download ${object}` }).click();
  }

  stage() {
    return this.page.getByTestId("stage");
  }

  // The current step, as assistive technology reads it.
  now() {
    return this.page.getByTestId("stage-now");
  }

  // Steps the stage from its start to its end without waiting on the animation; returns
  // what it said at each step.
  async stepThrough() {
    const stage = this.stage();
    if ((await stage.getByTestId("stage-play").textContent()).includes("Pause")) await stage.getByTestId("stage-play").click();
    await stage.getByRole("button", { name: "↺ Restart" }).click();
    const said = [await this.now().textContent()];
    const forward = stage.getByTestId("stage-forward");
    while (await forward.isEnabled()) {
      await forward.click();
      said.push(await this.now().textContent());
    }
    return said;
  }
}

export class CallDrawer {
  constructor(page, pg) {
    this.page = page;
    this.pg = pg;
  }

  root() {
    return this.page.getByTestId("call-drawer");
  }

  async open() {
    const toggle = this.page.getByTestId("calls-toggle");
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
    await expect(this.root()).toBeVisible();
  }

  rows() {
    return this.root().getByTestId("call-row");
  }

  detail() {
    return this.root().getByTestId("call-detail");
  }
}
