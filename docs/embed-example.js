// The host side of docs/embed-example.html: sends a scenario to the embedded playground
// and listens to what it reports. A course page does the same (docs/EMBEDDING.md).
const frame = document.getElementById("playground");
const log = document.getElementById("log");
const status = document.getElementById("status");

// The exercise: two questions about one key.
const exercise = {
  format: "kms-playground/scenario@1",
  title: "Who may decrypt with the payroll key?",
  principals: [
    { name: "Alice", arn: "arn:aws:iam::111122223333:user/Alice" },
    { name: "Bob", arn: "arn:aws:iam::111122223333:user/Bob" },
  ],
  keys: [{
    name: "payroll", aliases: ["alias/payroll"],
    policy: { Version: "2012-10-17", Statement: [
      { Sid: "Admins", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
      { Sid: "Not Bob", Effect: "Deny", Principal: { AWS: "arn:aws:iam::111122223333:user/Bob" }, Action: "kms:Decrypt", Resource: "*" },
    ] },
  }],
  steps: [
    { as: "Alice", check: "kms:Decrypt", key: "payroll", expect: "implicit-deny", note: "The key policy trusts the account, but Alice has no IAM policy: nothing allows her." },
    { as: "Bob", check: "kms:Decrypt", key: "payroll", expect: "explicit-deny", note: "An explicit deny always wins." },
  ],
};

function say(text) {
  log.textContent += text + "\n";
}

window.addEventListener("message", (event) => {
  if (event.source !== frame.contentWindow) return;
  const m = event.data;
  if (!m || m.type !== "kms-playground") return;
  say(`${m.event}: ${JSON.stringify(m)}`);
  if (m.event === "finished") {
    status.textContent = `Lesson done: ${m.right} of ${m.predicted} predictions right.`;
    status.className = "done";
  }
});

document.getElementById("load").addEventListener("click", () => {
  frame.contentWindow.postMessage(
    { type: "kms-playground", version: 1, command: "load", scenario: exercise, play: true },
    "*",
  );
});

document.getElementById("bad").addEventListener("click", () => {
  frame.contentWindow.postMessage({ type: "kms-playground", version: 1, command: "explode" }, "*");
});
