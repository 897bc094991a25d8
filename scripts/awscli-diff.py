#!/usr/bin/env python3
"""The playground's AWS CLI checked against the real one (awscli, from PyPI).

Usage: scripts/awscli-diff.py PATH/TO/kms-playground

1. Parsing. A corpus of command lines, made from AWS's own model of KMS (botocore's
   service-2.json, not from our descriptors): every operation we simulate, each member in
   each of its forms (shorthand, JSON, lists as words and as JSON, maps, structures,
   booleans as --flag and --no-flag, integers, blobs as text and as fileb://, text as
   file://). Each line goes through the real `aws` against a local capture endpoint
   (--endpoint-url, dummy credentials), and through `kms-playground aws … --show-request`.
   The operation and the request body must be the same.
2. Usage errors: the same lines broken (a required option missing, an unknown option, an
   option without its value, a number that is not one) exit 252 in both.
2b. s3api and iam (S3's REST and IAM's query protocols): the same corpus from botocore's
   models of S3 and IAM; the real CLI's parameters are recorded by a CLI plugin at
   `before-parameter-build`, before they are written for the wire, and compared.
3. Output. Commands run in the study notes' world by `kms-playground aws`; their response is
   served to the real `aws` by the capture endpoint; `--output json|text|table` and
   `--query` must print the same, byte for byte.

Where v1 (the AWS CLI on PyPI) and v2 (what the playground follows) differ, this says so:
- blobs given as text: v1 takes the text's bytes, v2 takes base64. Ours is run with
  --cli-binary-format raw-in-base64-out, which is v1's reading, for those lines;
- timestamps: v1 prints them as they come over the wire unless `cli_timestamp_format =
  iso8601` is set, which v2 does by default; the real CLI runs with that setting (and TZ=UTC);
- exit status of a usage error: v1 2 or 255, v2 252 (ours); of a service error: v1 255,
  v2 254 (ours; not compared: the capture endpoint answers no errors);
- botocore adds ChecksumMode=ENABLED to GetObject and EncodingType=url to ListObjectsV2 by
  itself: not compared (the simulated S3 keeps no checksums, and its keys are not encoded;
  botocore decodes them before printing);
- `--query` keeps the keys of objects it builds in their order (multiselect hashes as
  written) in Python; the JMESPath crate sorts them. Text and table output sort keys in
  both; JSON output of an object built by a query is not compared.
"""

import json
import shlex
import os
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import botocore.session

KMS = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/debug/kms-playground")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AWS = os.path.join(ROOT, ".tools/python/bin/aws")


class Capture(BaseHTTPRequestHandler):
    """Records each request, and answers with the reply it was given."""

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n)
        self.server.seen.append({"target": self.headers.get("X-Amz-Target"), "body": body})
        reply = json.dumps(self.server.reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    # S3's REST calls (`aws s3 cp`, `aws s3 ls`): recorded the same way; the reply is the
    # server's `s3` dict: {"headers": {...}, "body": bytes}.
    def s3(self, method):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        if self.headers.get("Content-Encoding") == "aws-chunked" or "aws-chunked" in (self.headers.get("Content-Encoding") or ""):
            body = unchunk(body)
        self.server.seen.append({"method": method, "path": self.path,
                                 "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
        reply = self.server.s3_replies.pop(0) if self.server.s3_replies else {"headers": {}, "body": b""}
        self.send_response(reply.get("status", 200))
        for k, v in reply["headers"].items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(reply["body"])))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(reply["body"])

    def do_PUT(self):
        self.s3("PUT")

    def do_GET(self):
        self.s3("GET")

    def do_HEAD(self):
        self.s3("HEAD")

    def log_message(self, *args):
        pass


def unchunk(body):
    """The payload of an `aws-chunked` body (botocore sends one with a checksum trailer)."""
    out = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2:]
    return out


server = ThreadingHTTPServer(("127.0.0.1", 0), Capture)
server.seen = []
server.reply = {}
server.s3_replies = []
threading.Thread(target=server.serve_forever, daemon=True).start()
endpoint = f"http://127.0.0.1:{server.server_address[1]}"

work = tempfile.mkdtemp(prefix="awscli-diff-")
config = os.path.join(work, "config")
with open(config, "w") as f:
    f.write("[default]\nregion = us-east-1\ncli_timestamp_format = iso8601\n")
with open(os.path.join(work, "note.bin"), "wb") as f:
    f.write(b"\x00\xffMeet at noon.\x07")
with open(os.path.join(work, "policy.json"), "w") as f:
    f.write('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}')
ENV = dict(
    os.environ,
    AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    AWS_CONFIG_FILE=config,
    AWS_SHARED_CREDENTIALS_FILE=os.path.join(work, "none"),
    AWS_MAX_ATTEMPTS="1",
    AWS_EC2_METADATA_DISABLED="true",
    AWS_PAGER="",
    TZ="UTC",
)


def real(args, reply=None):
    server.seen.clear()
    server.reply = reply if reply is not None else {}
    p = subprocess.run([AWS, *args, "--endpoint-url", endpoint], env=ENV, cwd=work,
                       capture_output=True, text=True)
    return p, list(server.seen)


def ours(args):
    return subprocess.run([KMS, "aws", *args], cwd=work, capture_output=True, text=True)


model = botocore.session.get_session().get_service_model("kms")


def our_members(op, service="kms"):
    """The options our help lists for an operation: the members we simulate."""
    text = ours([service, op, "help"]).stdout
    return [line.split()[0][2:] for line in text.splitlines() if line.startswith("       --")]


def kebab(name):
    return botocore.xform_name(name, "-")


SAMPLES = {
    "KeyId": "alias/cmk-a", "TargetKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab",
    "AliasName": "alias/example", "GranteePrincipal": "arn:aws:iam::123412341234:user/Bob",
    "RetiringPrincipal": "arn:aws:iam::123412341234:user/Alice", "GrantId": "0123456789abcdef",
    "GrantToken": "token-1", "PolicyName": "default", "Description": "a key, for tests",
    "DestinationKeyId": "alias/cmk-b", "SourceKeyId": "alias/cmk-a", "Name": "grant-1",
    "Bucket": "notes", "Key": "docs/a.txt", "UserName": "Erin", "RoleName": "auditor",
    "Prefix": "docs/", "LocationConstraint": "eu-west-1",
}
POLICIES = ("Policy", "PolicyDocument", "AssumeRolePolicyDocument")


def scalar(name, shape):
    t = shape.type_name
    if t == "string":
        if shape.enum:
            return [shape.enum[0]]
        if name in POLICIES:
            return ["file://policy.json", '{"Version":"2012-10-17","Statement":[]}']
        return [SAMPLES.get(name, "sample text")]
    if t in ("integer", "long"):
        lo = shape.metadata.get("min", 1)
        return [str(max(int(lo), 7))]
    if t == "blob" and shape.serialization.get("streaming"):
        # A streaming body (s3api put-object --body) is a file's path.
        return ["note.bin"]
    if t == "blob":
        return ["fileb://note.bin", "Meet at noon."]
    return None


def forms(name, shape):
    """Each way to write a value of `shape` on the command line: (words, raw_blob)."""
    t = shape.type_name
    if t == "boolean":
        return [([f"--{kebab(name)}"], False), ([f"--no-{kebab(name)}"], False)]
    opt = f"--{kebab(name)}"
    if t in ("string", "integer", "long", "blob"):
        return [([opt, v], t == "blob" and not v.startswith("fileb://") and v != "note.bin") for v in scalar(name, shape)]
    if t == "list":
        m = shape.member
        if m.type_name == "string":
            vals = m.enum[:2] if m.enum else ["token-1", "token-2"]
            return [([opt, *vals], False), ([opt, json.dumps(vals)], False), ([opt, vals[0]], False)]
        if m.type_name == "structure":
            names = list(m.members)[:2]
            items = [{n: f"{n.lower()}{i}" for n in names} for i in (1, 2)]
            short = [",".join(f"{k}={v}" for k, v in it.items()) for it in items]
            return [([opt, *short], False), ([opt, json.dumps(items)], False)]
    if t == "map":
        return [([opt, "Department=IT,Project=Alpha"], False),
                ([opt, json.dumps({"Department": "IT", "Project": "Alpha beta"})], False)]
    if t == "structure":
        out = []
        for mname, mshape in shape.members.items():
            if mshape.type_name == "map":
                out.append(([opt, f"{mname}={{dept=hr,team=a}}"], False))
                out.append(([opt, json.dumps({mname: {"dept": "hr"}})], False))
            elif mshape.type_name == "string":
                v = SAMPLES.get(mname, "sample text")
                out.append(([opt, f"{mname}={v}"], False))
                out.append(([opt, json.dumps({mname: v})], False))
        return out
    return []


def corpus(service="kms", model=model):
    lines = []
    for op in model.operation_names:
        cli = kebab(op)
        ours_members = our_members(cli, service)
        if not ours_members:
            continue
        shape = model.operation_model(op).input_shape
        members = {n: s for n, s in shape.members.items() if kebab(n) in ours_members}
        required = [n for n in shape.required_members if n in members]
        base, raw = [], False
        for n in required:
            words, r = forms(n, members[n])[0]
            base += words
            raw = raw or r
        # s3api get-object writes the body to a file it must be given.
        out = ["out.bin"] if (service, op) == ("s3api", "GetObject") else []
        lines.append(([service, cli, *base, *out], raw))
        for n, s in members.items():
            for words, r in forms(n, s):
                rest = [w for n2 in required if n2 != n for w in forms(n2, members[n2])[0][0]]
                lines.append(([service, cli, *rest, *words, *out], raw or r))
    return lines


failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)


# Forms people write by hand: quoting, JSON with spaces, `--option=value`, repeated list
# words, shorthand with quoted values, nested structures.
HAND = [
    ("kms encrypt --key-id=alias/cmk-a --plaintext 'Meet at noon.'", True),
    ("kms encrypt --key-id alias/cmk-a --plaintext fileb://note.bin --encryption-context '{\"dept\": \"hr\", \"n\": \"1\"}'", False),
    ("kms encrypt --key-id alias/cmk-a --plaintext fileb://note.bin --encryption-context \"dept=hr,project='a,b'\"", False),
    ("kms encrypt --key-id alias/cmk-a --plaintext fileb://note.bin --encryption-context 'dept=hr, team=blue'", False),
    ("kms decrypt --ciphertext-blob fileb://note.bin --grant-tokens t1 t2 t3", False),
    ("kms decrypt --ciphertext-blob fileb://note.bin --key-id alias/cmk-a --encryption-algorithm SYMMETRIC_DEFAULT", False),
    ("kms create-key --tags TagKey=Env,TagValue=prod TagKey=Team,TagValue=sec --description 'two words'", False),
    ("kms create-key --tags '[{\"TagKey\":\"a\",\"TagValue\":\"b\"}]' --key-usage ENCRYPT_DECRYPT --no-bypass-policy-lockout-safety-check", False),
    ("kms create-key --policy file://policy.json --bypass-policy-lockout-safety-check", False),
    ("kms create-grant --key-id alias/cmk-a --grantee-principal arn:aws:iam::123412341234:user/Bob --operations Encrypt Decrypt GenerateDataKey --constraints 'EncryptionContextEquals={k=v,k2=v2}'", False),
    ("kms create-grant --key-id alias/cmk-a --grantee-principal arn:aws:iam::123412341234:user/Bob --operations '[\"Decrypt\"]' --name g1 --grant-tokens a", False),
    ("kms re-encrypt --ciphertext-blob fileb://note.bin --destination-key-id alias/cmk-b --source-encryption-context a=b --destination-encryption-context c=d", False),
    ("kms generate-data-key --key-id alias/cmk-a --number-of-bytes 64", False),
    ("kms generate-data-key --key-id alias/cmk-a --key-spec AES_128 --encryption-context purpose=test", False),
    ("kms generate-data-key-without-plaintext --key-id alias/cmk-a --key-spec AES_256", False),
    ("kms generate-random --number-of-bytes 32", False),
    ("kms schedule-key-deletion --key-id alias/cmk-a --pending-window-in-days 7", False),
    ("kms enable-key-rotation --key-id alias/cmk-a --rotation-period-in-days 90", False),
    ("kms put-key-policy --key-id alias/cmk-a --policy-name default --policy file://policy.json", False),
    ("kms list-grants --key-id alias/cmk-a --limit 5 --marker m1", False),
    ("kms tag-resource --key-id alias/cmk-a --tags TagKey=a,TagValue=\"b c\"", False),
    ("kms untag-resource --key-id alias/cmk-a --tag-keys a b", False),
    ("kms update-alias --alias-name alias/x --target-key-id 1234abcd-12ab-34cd-56ef-1234567890ab", False),
    ("kms describe-key --key-id alias/cmk-a --region eu-west-1", False),
]
lines = corpus() + [(shlex.split(line), raw) for line, raw in HAND]
compared = 0
for words, raw in lines:
    p, seen = real(words)
    extra = ["--cli-binary-format", "raw-in-base64-out"] if raw else []
    o = ours([*words, *extra, "--show-request"])
    line = " ".join(words)
    if p.returncode != 0 or len(seen) != 1:
        # Refused by both, before any request: v1 exits 2 or 255, v2 (ours) 252.
        check(not seen and o.returncode == 252, f"{line}: real aws exit {p.returncode} ({p.stderr.strip()[-200:]}), ours {o.returncode}")
        continue
    if o.returncode != 0:
        check(False, f"{line}: ours refused it: {o.stderr.strip()[-300:]}")
        continue
    mine = json.loads(o.stdout)
    theirs_op = seen[0]["target"].split(".", 1)[1]
    theirs = json.loads(seen[0]["body"] or b"{}")
    check(mine["operation"] == theirs_op, f"{line}: operation {mine['operation']} vs {theirs_op}")
    check(mine["input"] == theirs, f"{line}: request\n  ours:  {json.dumps(mine['input'], sort_keys=True)}\n  aws:   {json.dumps(theirs, sort_keys=True)}")
    compared += 1

# Usage errors: both refuse, with the CLI's status.
broken = [
    ["kms", "encrypt", "--plaintext", "aGk="],
    ["kms", "encrypt", "--key-id", "alias/a", "--plaintext", "aGk=", "--colour", "blue"],
    ["kms", "describe-key", "--key-id"],
    ["kms", "schedule-key-deletion", "--key-id", "alias/a", "--pending-window-in-days", "many"],
    ["kms", "not-an-operation"],
    ["kms", "describe-key", "--key-id", "alias/a", "--output", "xml"],
    ["kms", "encrypt", "--key-id", "alias/a", "--plaintext", "fileb://nowhere.bin"],
    ["kms", "describe-key", "--key-id", "alias/a", "--query", "KeyMetadata.["],
    ["kms", "encrypt", "--key-idd", "alias/a", "--plaintext", "aGk="],
    ["s3", "cp", "note.txt"],
    ["s3", "cp", "nowhere.txt", "s3://notes/x"],
]
# Where v1's message is v2's too, the last line printed must be the same.
SAME_MESSAGE = (0, 1, 2, 8, 9, 10)
for i, words in enumerate(broken):
    p, seen = real(words)
    o = ours(words)
    if i in SAME_MESSAGE:
        last = lambda t: (t.strip().splitlines() or [""])[-1]
        check(last(p.stderr) == last(o.stderr), f"{' '.join(words)}: aws says {last(p.stderr)!r}, ours {last(o.stderr)!r}")
    # v2 exits 252 for every usage error; v1 exits 2 (argparse) or 255 (a bad value).
    # (A local file that is not there is 255 in both: the CLI's own error, not a usage one.)
    want = 255 if "nowhere.txt" in words else 252
    check(p.returncode in (2, 252, 255) and o.returncode == want and not seen,
          f"{' '.join(words)}: real {p.returncode}, ours {o.returncode}")

# Output: the same response printed the same way.
outputs = [
    ["kms", "describe-key", "--key-id", "alias/cmk-c"],
    ["kms", "list-aliases", "--profile", "root"],
    ["kms", "list-keys", "--profile", "root"],
    ["kms", "list-grants", "--key-id", "aaaaaaaa-0000-4000-8000-00000000000a", "--profile", "root"],
    ["kms", "get-key-policy", "--key-id", "cccccccc-0000-4000-8000-00000000000c", "--profile", "root"],
    ["kms", "get-key-rotation-status", "--key-id", "aaaaaaaa-0000-4000-8000-00000000000a", "--profile", "root"],
    ["kms", "encrypt", "--key-id", "alias/cmk-a", "--plaintext", "TWVldCBhdCBub29uLg==", "--encryption-context", "dept=hr"],
    ["kms", "generate-data-key", "--key-id", "alias/cmk-a", "--key-spec", "AES_256"],
    ["kms", "list-resource-tags", "--key-id", "aaaaaaaa-0000-4000-8000-00000000000a", "--profile", "root"],
]
views = [[], ["--output", "text"], ["--output", "table"], ["--query", "KeyMetadata.[KeyId,KeyState]", "--output", "text"],
         ["--query", "Aliases[].AliasName"], ["--query", "Aliases[?starts_with(AliasName, 'alias/cmk')].TargetKeyId", "--output", "text"],
         ["--query", "Keys[0]", "--output", "table"], ["--query", "CiphertextBlob", "--output", "text"],
         ["--query", "length(Grants)"], ["--query", "Policy", "--output", "text"], ["--query", "KeyRotationEnabled"]]
printed = 0
for words in outputs:
    answer = ours([*words, "--output", "json"])
    check(answer.returncode == 0, f"{' '.join(words)}: ours failed: {answer.stderr}")
    response = json.loads(answer.stdout or "{}")
    for view in views:
        o = ours([*words, *view])
        plain = [w for i, w in enumerate(words) if w != "--profile" and (i == 0 or words[i - 1] != "--profile")]
        p, _ = real([*plain, *view], reply=response)
        line = " ".join([*words, *view])
        check(p.stdout == o.stdout, f"{line}: printed differently\n--- aws\n{p.stdout}--- ours\n{o.stdout}")
        printed += 1


# aws s3 cp and aws s3 ls: the same calls (method, path, SSE headers, body) and the same
# lines printed. Ours runs in a world with a bucket; the real one gets S3's answers
# written from ours.
world = os.path.join(work, "s3-world.json")
with open(os.path.join(ROOT, "tests/scenarios/cmk-access.json")) as f:
    open(world, "w").write(f.read())
with open(os.path.join(work, "note.txt"), "w") as f:
    f.write("Meet at noon.")


def ours_s3(args, save=True):
    return ours([*args, "--world", world, *(["--save"] if save else [])])


check(ours_s3(["s3api", "create-bucket", "--bucket", "notes"]).returncode == 0, "s3: our bucket")
s3_compared = 0
uploads = [
    ["s3", "cp", "note.txt", "s3://notes/"],
    ["s3", "cp", "note.txt", "s3://notes/docs/a.txt", "--sse", "aws:kms", "--sse-kms-key-id", "alias/cmk-a"],
    ["s3", "cp", "./note.txt", "s3://notes/docs/b.txt", "--sse", "aws:kms"],
    ["s3", "cp", "note.txt", "s3://notes/c.txt", "--sse", "AES256"],
    ["s3", "cp", "note.txt", "s3://notes/d.txt", "--sse"],
]
for words in uploads:
    o = ours_s3(words)
    # (Progress lines are a terminal's: the CLI rewrites them in place; the page shows none.)
    p, seen = real([*words, "--no-progress"])
    line = " ".join(words)
    check(o.returncode == 0 and p.returncode == 0, f"{line}: exit ours {o.returncode} ({o.stderr.strip()}), aws {p.returncode} ({p.stderr.strip()[-200:]})")
    check(p.stdout == o.stdout, f"{line}: printed differently\n--- aws\n{p.stdout}--- ours\n{o.stdout}")
    put = [r for r in seen if r["method"] == "PUT"]
    check(len(put) == 1, f"{line}: aws made {[(r['method'], r['path']) for r in seen]}")
    if put:
        req = put[0]
        shown = json.loads(subprocess.run([KMS, "aws", "s3api", "head-object", "--bucket", "notes", "--key",
                                           req["path"].split("/", 2)[2], "--world", world],
                                          capture_output=True, text=True).stdout or "{}")
        check(req["body"] == b"Meet at noon.", f"{line}: aws sent {req['body'][:60]!r}")
        check(req["headers"].get("x-amz-server-side-encryption") == shown.get("ServerSideEncryption")
              or ("--sse" not in words and shown.get("ServerSideEncryption") in (None, "AES256")),
              f"{line}: SSE header {req['headers'].get('x-amz-server-side-encryption')} vs ours {shown.get('ServerSideEncryption')}")
        key_id = req["headers"].get("x-amz-server-side-encryption-aws-kms-key-id")
        check(key_id == (words[words.index("--sse-kms-key-id") + 1] if "--sse-kms-key-id" in words else None),
              f"{line}: KMS key header {key_id}")
        s3_compared += 1

# A download: HEAD then GET, the same line printed, the same bytes written.
head = json.loads(ours_s3(["s3api", "head-object", "--bucket", "notes", "--key", "docs/a.txt"], save=False).stdout)
for words in (["s3", "cp", "s3://notes/docs/a.txt", "back.txt"], ["s3", "cp", "s3://notes/docs/a.txt", "."],
              ["s3", "cp", "s3://notes/docs/a.txt", "-"]):
    o = ours_s3(words, save=False)
    mine = open(os.path.join(work, "a.txt" if words[-1] == "." else words[-1]), "rb").read() if words[-1] != "-" else None
    for f in ("back.txt", "a.txt"):
        if os.path.exists(os.path.join(work, f)):
            os.remove(os.path.join(work, f))
    headers = {"Content-Type": "binary/octet-stream", "ETag": '"0123456789abcdef0123456789abcdef"',
               "Last-Modified": "Thu, 01 Jan 2026 00:00:00 GMT",
               "x-amz-server-side-encryption": head["ServerSideEncryption"],
               "x-amz-server-side-encryption-aws-kms-key-id": head.get("SSEKMSKeyId", "")}
    server.s3_replies = [{"headers": headers, "body": b""}, {"headers": headers, "body": b"Meet at noon."}]
    server.seen.clear()
    p = subprocess.run([AWS, *words, "--no-progress", "--endpoint-url", endpoint], env=ENV, cwd=work, capture_output=True, text=True)
    seen = list(server.seen)
    server.s3_replies = []
    line = " ".join(words)
    check([r["method"] for r in seen] == ["HEAD", "GET"], f"{line}: aws made {[(r['method'], r['path']) for r in seen]}")
    check(p.stdout == o.stdout, f"{line}: printed differently\n--- aws\n{p.stdout}--- ours\n{o.stdout}")
    if words[-1] != "-":
        theirs = open(os.path.join(work, "a.txt" if words[-1] == "." else words[-1]), "rb").read()
        check(theirs == mine == b"Meet at noon.", f"{line}: wrote {theirs!r} and ours {mine!r}")
    s3_compared += 1

# A listing: S3's answer (with the common prefixes S3 gathers) written from our objects.
listed = json.loads(ours_s3(["s3api", "list-objects-v2", "--bucket", "notes"], save=False).stdout)
for words, prefix, delimiter in ((["s3", "ls", "s3://notes"], "", "/"), (["s3", "ls", "s3://notes/docs/"], "docs/", "/"),
                                 (["s3", "ls", "s3://notes", "--recursive"], "", None)):
    contents, prefixes = [], []
    for obj in listed["Contents"]:
        below = obj["Key"][len(prefix):]
        if not obj["Key"].startswith(prefix):
            continue
        if delimiter and "/" in below:
            p_ = prefix + below.split("/")[0] + "/"
            if p_ not in prefixes:
                prefixes.append(p_)
        else:
            contents.append(obj)
    xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
    xml += f"<Name>notes</Name><Prefix>{prefix}</Prefix><KeyCount>{len(contents) + len(prefixes)}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
    for obj in contents:
        xml += (f"<Contents><Key>{obj['Key']}</Key><LastModified>{obj['LastModified'].replace('+00:00', '.000Z')}</LastModified>"
                f"<ETag>&quot;x&quot;</ETag><Size>{obj['Size']}</Size><StorageClass>STANDARD</StorageClass></Contents>")
    for p_ in prefixes:
        xml += f"<CommonPrefixes><Prefix>{p_}</Prefix></CommonPrefixes>"
    xml += "</ListBucketResult>"
    server.s3_replies = [{"headers": {"Content-Type": "application/xml"}, "body": xml.encode()}]
    server.seen.clear()
    p = subprocess.run([AWS, *words, "--endpoint-url", endpoint], env=ENV, cwd=work, capture_output=True, text=True)
    server.s3_replies = []
    o = ours_s3(words, save=False)
    line = " ".join(words)
    check(p.returncode == o.returncode == 0, f"{line}: exit aws {p.returncode} ({p.stderr.strip()[-200:]}), ours {o.returncode}")
    check(p.stdout == o.stdout, f"{line}: printed differently\n--- aws\n{p.stdout}--- ours\n{o.stdout}")
    s3_compared += 1

# s3api and iam: their protocols are S3's REST and IAM's query, so the real CLI's request is
# taken before it is written for the wire: a plugin (the CLI's own mechanism) records the
# parameters at `before-parameter-build` and stops the call there.
PLUGIN = """
import base64, json, os

class Captured(Exception):
    pass

def _plain(v):
    if isinstance(v, bytes):
        return base64.b64encode(v).decode()
    if hasattr(v, "read"):
        return base64.b64encode(v.read()).decode()
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v

def _capture(params, model, **kwargs):
    with open(os.environ["CAPTURE_OUT"], "w") as f:
        json.dump({"operation": model.name, "params": _plain(params)}, f)
    raise Captured("captured")

def awscli_initialize(cli):
    cli.register("before-parameter-build", _capture)
"""
with open(os.path.join(work, "capture_plugin.py"), "w") as f:
    f.write(PLUGIN)
plugin_config = os.path.join(work, "config-plugin")
with open(plugin_config, "w") as f:
    f.write("[default]\nregion = us-east-1\n[plugins]\ncapture = capture_plugin\n")
captured = os.path.join(work, "captured.json")


def real_params(words):
    if os.path.exists(captured):
        os.remove(captured)
    env = dict(ENV, AWS_CONFIG_FILE=plugin_config, PYTHONPATH=work, CAPTURE_OUT=captured)
    p = subprocess.run([AWS, *words, "--endpoint-url", endpoint], env=env, cwd=work, capture_output=True, text=True)
    if not os.path.exists(captured):
        return p, None
    with open(captured) as f:
        return p, json.load(f)


session = botocore.session.get_session()
other_lines = corpus("s3api", session.get_service_model("s3")) + corpus("iam", session.get_service_model("iam"))
other_compared = 0
for words, raw in other_lines:
    p, theirs = real_params(words)
    o = ours([*words, "--show-request"])
    line = " ".join(words)
    if theirs is None:
        check(o.returncode == 252, f"{line}: real aws exit {p.returncode} ({p.stderr.strip()[-200:]}), ours {o.returncode}")
        continue
    if o.returncode != 0:
        check(False, f"{line}: ours refused it: {o.stderr.strip()[-300:]}")
        continue
    mine = json.loads(o.stdout)
    # botocore asks S3 to check GetObject's response checksum (ChecksumMode=ENABLED) on
    # its own; the simulated S3 keeps no checksums, and the terminal does not send it.
    if theirs["operation"] == "GetObject" and "--checksum-mode" not in words:
        theirs["params"].pop("ChecksumMode", None)
    # And asks ListObjectsV2 for URL-encoded keys (EncodingType=url), which it decodes
    # before printing: what the learner sees is the same.
    if theirs["operation"] == "ListObjectsV2" and "--encoding-type" not in words:
        theirs["params"].pop("EncodingType", None)
    check(mine["operation"] == theirs["operation"], f"{line}: operation {mine['operation']} vs {theirs['operation']}")
    check(mine["input"] == theirs["params"], f"{line}: request\n  ours:  {json.dumps(mine['input'], sort_keys=True)}\n  aws:   {json.dumps(theirs['params'], sort_keys=True)}")
    other_compared += 1
compared += other_compared
lines += other_lines

print(f"awscli differential: {compared} of {len(lines)} command lines parsed to the same request, "
      f"{len(broken)} usage errors, {printed} printed outputs compared, {s3_compared} aws s3 commands "
      f"(calls and lines); {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
