#!/usr/bin/env python3
"""The operation shapes of the simulated services, from AWS's own service models.

botocore (PyPI) ships the models AWS publishes for KMS, S3 and IAM. This script writes
`core/src/service/model/{kms,s3,iam}.rs` from them: for each simulated operation, the
input and output members the simulator handles, with AWS's types, required members,
length and range limits, enum values, sensitivity, wire locations, and the error codes
the model lists. The simulator's own facts about each operation (read-only,
cryptographic, which parts of the world it changes, its handler) are written by hand in
`core/src/service/{kms,s3,iam}.rs`.

    scripts/models.py generate   write the files
    scripts/models.py check      fail when the files differ from what the model gives

`check` runs in scripts/test with the botocore version pinned in scripts/setup, so a
member, limit or enum value that is not AWS's cannot land.
"""

import gzip
import json
import os
import subprocess
import sys
import tempfile

import botocore

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "core", "src", "service", "model")

# What the simulator handles: operation -> (input members, output members or None for
# every member of the model's output). Every name must be in the model; the check fails
# otherwise.
KMS = {
    "CancelKeyDeletion": (["KeyId"], None),
    "CreateAlias": (["AliasName", "TargetKeyId"], None),
    "CreateGrant": (["KeyId", "GranteePrincipal", "RetiringPrincipal", "Operations",
                     "Constraints", "GrantTokens", "Name", "DryRun"], None),
    "CreateKey": (["Policy", "Description", "KeyUsage", "KeySpec", "CustomerMasterKeySpec",
                   "Origin", "BypassPolicyLockoutSafetyCheck", "Tags", "MultiRegion",
                   "CustomKeyStoreId", "XksKeyId"], None),
    "Decrypt": (["CiphertextBlob", "EncryptionContext", "GrantTokens", "KeyId",
                 "EncryptionAlgorithm", "DryRun", "DryRunModifiers", "Recipient"], None),
    "DeleteAlias": (["AliasName"], None),
    "DescribeKey": (["KeyId", "GrantTokens"], None),
    "DisableKey": (["KeyId"], None),
    "DisableKeyRotation": (["KeyId"], None),
    "EnableKey": (["KeyId"], None),
    "EnableKeyRotation": (["KeyId", "RotationPeriodInDays"], None),
    "Encrypt": (["KeyId", "Plaintext", "EncryptionContext", "GrantTokens",
                 "EncryptionAlgorithm", "DryRun"], None),
    "GenerateDataKey": (["KeyId", "EncryptionContext", "NumberOfBytes", "KeySpec",
                         "GrantTokens", "DryRun", "Recipient"], None),
    "GenerateDataKeyWithoutPlaintext": (["KeyId", "EncryptionContext", "NumberOfBytes",
                                         "KeySpec", "GrantTokens", "DryRun"], None),
    "GenerateRandom": (["NumberOfBytes", "CustomKeyStoreId", "Recipient"], None),
    "GetKeyPolicy": (["KeyId", "PolicyName"], None),
    "GetKeyRotationStatus": (["KeyId"], None),
    "ListAliases": (["KeyId", "Limit", "Marker"], None),
    "ListGrants": (["KeyId", "Limit", "Marker", "GrantId", "GranteePrincipal"], None),
    "ListKeyPolicies": (["KeyId", "Limit", "Marker"], None),
    "ListKeyRotations": (["KeyId", "Limit", "Marker", "IncludeKeyMaterial"], None),
    "ListKeys": (["Limit", "Marker"], None),
    "ListResourceTags": (["KeyId", "Limit", "Marker"], None),
    "ListRetirableGrants": (["RetiringPrincipal", "Limit", "Marker"], None),
    "PutKeyPolicy": (["KeyId", "PolicyName", "Policy", "BypassPolicyLockoutSafetyCheck"], None),
    "ReEncrypt": (["CiphertextBlob", "SourceEncryptionContext", "SourceKeyId",
                   "DestinationKeyId", "DestinationEncryptionContext",
                   "SourceEncryptionAlgorithm", "DestinationEncryptionAlgorithm",
                   "GrantTokens", "DryRun"], None),
    "RetireGrant": (["GrantToken", "KeyId", "GrantId", "DryRun"], None),
    "RevokeGrant": (["KeyId", "GrantId", "DryRun"], None),
    "RotateKeyOnDemand": (["KeyId"], None),
    "ScheduleKeyDeletion": (["KeyId", "PendingWindowInDays"], None),
    "TagResource": (["KeyId", "Tags"], None),
    "UntagResource": (["KeyId", "TagKeys"], None),
    "UpdateAlias": (["AliasName", "TargetKeyId"], None),
    "UpdateKeyDescription": (["KeyId", "Description"], None),
}

S3 = {
    "CreateBucket": (["Bucket", "CreateBucketConfiguration"], ["Location"]),
    "DeleteObject": (["Bucket", "Key"], []),
    "GetObject": (["Bucket", "Key"],
                  ["Body", "LastModified", "ContentLength", "ETag", "ServerSideEncryption",
                   "SSEKMSKeyId", "BucketKeyEnabled"]),
    "HeadObject": (["Bucket", "Key"],
                   ["LastModified", "ContentLength", "ETag", "ServerSideEncryption",
                    "SSEKMSKeyId", "BucketKeyEnabled"]),
    "ListObjectsV2": (["Bucket", "Prefix", "Delimiter", "MaxKeys", "ContinuationToken"],
                      ["IsTruncated", "Contents", "Name", "Prefix", "Delimiter", "MaxKeys",
                       "CommonPrefixes", "KeyCount", "ContinuationToken",
                       "NextContinuationToken"]),
    "PutObject": (["Bucket", "Key", "Body", "ServerSideEncryption", "SSEKMSKeyId",
                   "SSEKMSEncryptionContext", "BucketKeyEnabled"],
                  ["ETag", "ServerSideEncryption", "SSEKMSKeyId", "SSEKMSEncryptionContext",
                   "BucketKeyEnabled"]),
}

IAM = {
    "CreateRole": (["Path", "RoleName", "AssumeRolePolicyDocument"], None),
    "CreateUser": (["Path", "UserName"], None),
    "DeleteRole": (["RoleName"], None),
    "DeleteRolePolicy": (["RoleName", "PolicyName"], None),
    "DeleteUser": (["UserName"], None),
    "DeleteUserPolicy": (["UserName", "PolicyName"], None),
    "PutRolePolicy": (["RoleName", "PolicyName", "PolicyDocument"], None),
    "PutUserPolicy": (["UserName", "PolicyName", "PolicyDocument"], None),
}

SERVICES = [("kms", "2014-11-01", KMS), ("s3", "2006-03-01", S3), ("iam", "2010-05-08", IAM)]

# Structures the simulator handles only in part: the members it reads (in a request) or
# fills (in a response; a test holds every response to them, so a new one cannot go
# unlisted).
STRUCTURE_MEMBERS = {
    "s3": {
        "CreateBucketConfiguration": ["LocationConstraint"],
    },
    "kms": {
        "KeyMetadata": ["AWSAccountId", "KeyId", "Arn", "CreationDate", "Enabled",
                        "Description", "KeyUsage", "KeyState", "DeletionDate", "Origin",
                        "KeyManager", "CustomerMasterKeySpec", "KeySpec",
                        "EncryptionAlgorithms", "MultiRegion", "PendingDeletionWindowInDays",
                        "CurrentKeyMaterialId"],
    },
}

# Shapes whose values CloudTrail never records and the page never shows in full, beyond
# those the model marks sensitive: ciphertexts and grant tokens (AWS's example records of
# Decrypt and CreateGrant leave them out).
ALSO_SECRET = {"kms": {"CiphertextType", "GrantTokenType"}}

KINDS = {"string": "String", "blob": "Blob", "integer": "Integer", "long": "Long",
         "boolean": "Boolean", "timestamp": "Timestamp"}
LOCATIONS = {None: "Body", "uri": "Uri", "header": "Header", "headers": "Headers",
             "querystring": "Query", "statusCode": "Status"}


def load(service, version):
    path = os.path.join(os.path.dirname(botocore.__file__), "data", service, version,
                        "service-2.json.gz")
    with gzip.open(path) as f:
        return json.load(f)


def snake(name):
    out = []
    for i, c in enumerate(name):
        if c.isupper() and i and (not name[i - 1].isupper() or
                                  (i + 1 < len(name) and name[i + 1].islower())):
            out.append("_")
        out.append(c.upper())
    return "".join(out).replace("__", "_")


def rust_str(s):
    return json.dumps(s)


class Writer:
    def __init__(self, service, model):
        self.service = service
        self.model = model
        self.shapes = model["shapes"]
        self.emitted = {}   # shape name -> static name
        self.order = []     # (static name, code)
        self.errors = []
        self.wires = {}      # (operation, member) -> its name on the wire
        self.outputs = []    # (operation, static of its output members)
        self.error_lists = []
        self.current_op = None

    def fail(self, msg):
        self.errors.append(f"{self.service}: {msg}")

    def shape(self, name):
        if name in self.emitted:
            return self.emitted[name]
        static = "S_" + snake(name)
        self.emitted[name] = static
        s = self.shapes[name]
        t = s["type"]
        secret = bool(s.get("sensitive")) or name in ALSO_SECRET.get(self.service, set())
        lo = s.get("min")
        hi = s.get("max")
        enums = s.get("enum", [])
        if t in KINDS:
            kind = f"Kind::{KINDS[t]}"
        elif t == "list":
            kind = f"Kind::List(&{self.shape(s['member']['shape'])})"
        elif t == "map":
            kind = f"Kind::Map(&{self.shape(s['key']['shape'])}, &{self.shape(s['value']['shape'])})"
        elif t == "structure":
            names = STRUCTURE_MEMBERS.get(self.service, {}).get(name, list(s["members"]))
            kind = f"Kind::Structure(&{self.members(name, names, static + '_M')})"
        else:
            self.fail(f"shape {name} has type {t}")
            kind = "Kind::String"
        for v in (lo, hi):
            if v is not None and not 0 <= v <= 0xFFFF_FFFF:
                self.fail(f"shape {name} has a limit {v} outside u32")
        opt = lambda v: f"Some({v})" if v is not None else "None"
        enum_list = "&[" + ", ".join(rust_str(e) for e in enums) + "]"
        code = (f"pub(crate) static {static}: Shape = Shape {{ kind: {kind}, "
                f"min: {opt(lo)}, max: {opt(hi)}, enums: {enum_list}, sensitive: {str(secret).lower()} }};")
        self.order.append((static, code))
        return static

    def members(self, struct_name, names, static):
        s = self.shapes[struct_name]
        required = set(s.get("required", []))
        rows = []
        for n in names:
            m = s["members"].get(n)
            if m is None:
                self.fail(f"{struct_name} has no member {n}")
                continue
            loc = LOCATIONS.get(m.get("location"))
            if loc is None:
                self.fail(f"{struct_name}.{n} has location {m.get('location')}")
                loc = "Body"
            wire = m.get("locationName", "")
            if m.get("streaming") or self.shapes[m["shape"]].get("streaming"):
                loc = "Payload"
            elif s.get("payload") == n:
                loc = "Payload"
            if wire and wire != n:
                self.wires.setdefault((self.current_op, n), wire)
            rows.append(f"Member {{ name: {rust_str(n)}, shape: &{self.shape(m['shape'])}, "
                        f"required: {str(n in required).lower()}, location: Location::{loc} }},")
        self.order.append((static, f"pub(crate) static {static}: [Member; {len(rows)}] = [\n" +
                           "\n".join(rows) + "\n];"))
        return static

    def error_code(self, shape_name):
        s = self.shapes.get(shape_name, {})
        e = s.get("error", {})
        return e.get("code", shape_name), e.get("httpStatusCode")

    def operation(self, op, inputs, outputs):
        o = self.model["operations"].get(op)
        if o is None:
            self.fail(f"no operation {op}")
            return
        prefix = "OP_" + snake(op)
        self.current_op = op
        if "input" in o:
            self.members(o["input"]["shape"], inputs, prefix + "_IN")
        else:
            if inputs:
                self.fail(f"{op} has no input")
            self.order.append((prefix + "_IN", f"pub(crate) static {prefix}_IN: [Member; 0] = [];"))
        if "output" in o:
            out_shape = o["output"]["shape"]
            names = outputs if outputs is not None else list(self.shapes[out_shape]["members"])
            self.members(out_shape, names, prefix + "_OUT")
        else:
            if outputs:
                self.fail(f"{op} has no output")
            self.order.append((prefix + "_OUT", f"pub(crate) static {prefix}_OUT: [Member; 0] = [];"))
        self.outputs.append((op, prefix + "_OUT"))
        errs = []
        for e in o.get("errors", []):
            code, status = self.error_code(e["shape"])
            errs.append(rust_str(code))
        self.error_lists.append((op, errs))
        # The response members the audit log leaves out, so that the page need not link
        # the whole response shapes to redact a response.
        secret = []
        if "output" in o:
            out_shape = self.shapes[o["output"]["shape"]]
            for n in (outputs if outputs is not None else list(out_shape["members"])):
                sh = self.shapes[out_shape["members"][n]["shape"]]
                item = self.shapes[sh["member"]["shape"]] if sh["type"] == "list" else {}
                if sh.get("sensitive") or item.get("sensitive") or \
                        out_shape["members"][n]["shape"] in ALSO_SECRET.get(self.service, set()):
                    secret.append(rust_str(n))
        self.order.append((prefix, f"pub(crate) static {prefix}: OperationModel = OperationModel {{ "
                           f"name: {rust_str(op)}, input: &{prefix}_IN, "
                           f"sensitive_output: &[{', '.join(secret)}] }};"))

    def tail(self):
        """Functions that reach what the page's first load need not link: the response
        members, the error codes and the wire names, each linked only where it is used."""
        out = ["/// The response members of the operation `name`.",
               "pub(crate) fn output(name: &str) -> &'static [Member] {", "match name {"]
        out += [f"{rust_str(op)} => &{static}," for op, static in self.outputs]
        out += ["_ => &[],", "}", "}", "",
                "/// The error codes AWS's model lists for the operation `name`.",
                "pub(crate) fn errors(name: &str) -> &'static [&'static str] {", "match name {"]
        out += [f"{rust_str(op)} => &[{', '.join(errs)}]," for op, errs in self.error_lists]
        out += ["_ => &[],", "}", "}", "",
                "/// A member's name on the wire (a header, a query parameter), where it is not its own.",
                "pub(crate) fn wire(operation: &str, member: &str) -> Option<&'static str> {"]
        if self.wires:
            out += ["match (operation, member) {"]
            out += [f"({rust_str(op)}, {rust_str(m)}) => Some({rust_str(w)})," for (op, m), w in sorted(self.wires.items())]
            out += ["_ => None,", "}", "}"]
        else:
            out += ["let _ = (operation, member);", "None", "}"]
        return "\n".join(out)


def render(service, version, table):
    model = load(service, version)
    w = Writer(service, model)
    for op in sorted(table):
        inputs, outputs = table[op]
        w.operation(op, inputs, outputs)
    head = (f"//! AWS's {model['metadata']['serviceFullName']} model ({service} {version}), "
            f"from botocore {botocore.__version__}:\n"
            f"//! the members the simulator handles. Written by `scripts/models.py generate`; "
            f"do not edit.\n\n"
            "use crate::service::shape::{Kind, Location, Member, OperationModel, Shape};\n\n")
    body = "\n\n".join(code for _, code in w.order) + "\n\n" + w.tail() + "\n"
    return head + body, w.errors


def rustfmt(text):
    r = subprocess.run(["rustfmt", "--edition", "2024", "--emit", "stdout"], input=text,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"models: rustfmt failed:\n{r.stderr}")
    return r.stdout


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "check"
    problems = []
    stale = []
    for service, version, table in SERVICES:
        text, errors = render(service, version, table)
        problems += errors
        text = rustfmt(text)
        path = os.path.join(OUT, f"{service}.rs")
        if mode == "generate":
            os.makedirs(OUT, exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        else:
            have = open(path).read() if os.path.exists(path) else ""
            if have != text:
                stale.append(path)
    for p in problems:
        print(f"models: {p}", file=sys.stderr)
    for p in stale:
        print(f"models: {os.path.relpath(p, ROOT)} is not what botocore {botocore.__version__}'s model gives; "
              f"run scripts/models.py generate and look at the diff", file=sys.stderr)
    if problems or stale:
        sys.exit(1)
    n = sum(len(t) for _, _, t in SERVICES)
    print(f"models: {n} operations match botocore {botocore.__version__}'s KMS, S3 and IAM models")


if __name__ == "__main__":
    main()
