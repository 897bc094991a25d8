"""The real AWS CLI against `kms-playground serve`, through the config file the server
prints: `aws --profile alice kms …` as a developer types it.

    python3 awscli_suite.py PATH/TO/aws       (run by tests/endpoint/run.py)
"""

import base64
import json
import os
import subprocess
import sys

AWS = sys.argv[1]
from suite import ACCOUNT, check, failures, finish

def aws(profile, *args, ok=True):
    p = subprocess.run([AWS, "--profile", profile, "--output", "json", *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        print(f"FAIL aws --profile {profile} {' '.join(args)}: exit {p.returncode}\n{p.stderr}")
        failures.append(" ".join(args[:2]))
        return {}
    if not ok:
        return p
    return json.loads(p.stdout) if p.stdout.strip() else {}


with open("plain.txt", "wb") as f:
    f.write(b"hello from the AWS CLI")

# (awscli v1 exits 255 on a service error; v2 exits 254.)
# A key, its alias and its key policy.
key = aws("root", "kms", "create-key", "--description", "awscli suite").get("KeyMetadata", {})
check("create-key answers metadata", key.get("KeyState") == "Enabled", key)
key_id, key_arn = key.get("KeyId", ""), key.get("Arn", "")
aws("root", "kms", "create-alias", "--alias-name", "alias/awscli-suite", "--target-key-id", key_id)
policy = {
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "Alice", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:user/Alice"},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant"], "Resource": "*"},
    ],
}
with open("policy.json", "w") as f:
    json.dump(policy, f)
aws("root", "kms", "put-key-policy", "--key-id", key_id, "--policy-name", "default", "--policy", "file://policy.json")
got = aws("root", "kms", "get-key-policy", "--key-id", key_id, "--policy-name", "default")
check("get-key-policy gives the policy put", json.loads(got.get("Policy", "{}")) == policy, got)

# Encrypt and Decrypt with an encryption context.
enc = aws("alice", "kms", "encrypt", "--key-id", "alias/awscli-suite", "--plaintext", "fileb://plain.txt",
          "--encryption-context", "purpose=awscli,tenant=7")
with open("blob.bin", "wb") as f:
    f.write(base64.b64decode(enc.get("CiphertextBlob", "")))
dec = aws("alice", "kms", "decrypt", "--ciphertext-blob", "fileb://blob.bin", "--encryption-context", "purpose=awscli,tenant=7")
check("decrypt gives the plaintext back", base64.b64decode(dec.get("Plaintext", "")) == b"hello from the AWS CLI", dec)
wrong = aws("alice", "kms", "decrypt", "--ciphertext-blob", "fileb://blob.bin", ok=False)
check("without its context the ciphertext does not decrypt", wrong.returncode == 255 and "InvalidCiphertextException" in wrong.stderr, wrong.stderr)

# GenerateDataKey.
dk = aws("alice", "kms", "generate-data-key", "--key-id", key_id, "--key-spec", "AES_256")
check("generate-data-key gives a 32-byte key", len(base64.b64decode(dk.get("Plaintext", ""))) == 32, dk.keys())

# A grant, and its token used at once.
grant = aws("alice", "kms", "create-grant", "--key-id", key_id, "--grantee-principal",
            f"arn:aws:iam::{ACCOUNT}:user/Bob", "--operations", "Decrypt")
bob = aws("bob", "kms", "decrypt", "--ciphertext-blob", "fileb://blob.bin", "--encryption-context",
          "purpose=awscli,tenant=7", "--grant-tokens", grant.get("GrantToken", ""))
check("Bob decrypts with the grant token at once", base64.b64decode(bob.get("Plaintext", "")) == b"hello from the AWS CLI", bob)

# AccessDeniedException for the wrong principal, with AWS's message.
denied = aws("charlie", "kms", "decrypt", "--ciphertext-blob", "fileb://blob.bin", "--encryption-context",
             "purpose=awscli,tenant=7", ok=False)
expected = (f"An error occurred (AccessDeniedException) when calling the Decrypt operation: User: "
            f"arn:aws:iam::{ACCOUNT}:user/Charlie is not authorized to perform: kms:Decrypt on resource: {key_arn}")
check("Charlie is refused, with AWS's message", denied.returncode == 255 and expected in denied.stderr, denied.stderr)

# IAM: a policy put on Bob lets him encrypt (the key policy lets IAM policies work).
doc = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Encrypt", "Resource": key_arn}]}
aws("root", "iam", "put-user-policy", "--user-name", "Bob", "--policy-name", "encrypt", "--policy-document", json.dumps(doc))
bob_enc = aws("bob", "kms", "encrypt", "--key-id", key_id, "--plaintext", "fileb://plain.txt", ok=False)
check("after put-user-policy Bob may encrypt", bob_enc.returncode == 0, bob_enc.stderr)
user = aws("root", "iam", "create-user", "--user-name", "Erin").get("User", {})
check("iam create-user answers the user", user.get("Arn") == f"arn:aws:iam::{ACCOUNT}:user/Erin", user)
again = aws("root", "iam", "create-user", "--user-name", "Erin", ok=False)
check("a second Erin is EntityAlreadyExists", "EntityAlreadyExists" in again.stderr, again.stderr)

# Pagination: the CLI walks every page of one key at a time.
keys = aws("root", "kms", "list-keys", "--page-size", "1").get("Keys", [])
check("list-keys --page-size 1 walks all keys", key_id in [k["KeyId"] for k in keys] and len(keys) >= 4, keys)

# S3 with SSE-KMS: s3api and the high-level `aws s3 cp`.
aws("root", "s3api", "create-bucket", "--bucket", "awscli-suite")
put = aws("root", "s3api", "put-object", "--bucket", "awscli-suite", "--key", "a.txt", "--body", "plain.txt",
          "--server-side-encryption", "aws:kms", "--ssekms-key-id", key_id)
check("s3api put-object encrypts with the key", put.get("SSEKMSKeyId") == key_arn, put)
got = aws("root", "s3api", "get-object", "--bucket", "awscli-suite", "--key", "a.txt", "out.txt")
with open("out.txt", "rb") as f:
    check("s3api get-object writes the object back", f.read() == b"hello from the AWS CLI" and got.get("ServerSideEncryption") == "aws:kms", got)
cp = aws("root", "s3", "cp", "plain.txt", "s3://awscli-suite/b.txt", "--sse", "aws:kms", "--sse-kms-key-id", key_id, ok=False)
check("aws s3 cp uploads with SSE-KMS", cp.returncode == 0, cp.stderr)
down = aws("root", "s3", "cp", "s3://awscli-suite/b.txt", "b.txt", ok=False)
check("aws s3 cp downloads it", down.returncode == 0 and open("b.txt", "rb").read() == b"hello from the AWS CLI", down.stderr)
aws("root", "s3", "cp", "plain.txt", "s3://awscli-suite/docs/c.txt", ok=False)
ls = aws("root", "s3", "ls", "s3://awscli-suite/", ok=False)
lines = ls.stdout.splitlines()
check("aws s3 ls lists the objects and the folder (S3's common prefix)",
      any(l.endswith(" a.txt") for l in lines) and any(l.endswith(" b.txt") for l in lines)
      and any(l.split() == ["PRE", "docs/"] for l in lines) and not any("c.txt" in l for l in lines), ls.stdout + ls.stderr)
ls = aws("root", "s3", "ls", "s3://awscli-suite/", "--recursive", ok=False)
check("aws s3 ls --recursive lists every key", "docs/c.txt" in ls.stdout, ls.stdout + ls.stderr)

# A malformed request: a key ID longer than KMS takes (the CLI does not check the length).
long = aws("alice", "kms", "describe-key", "--key-id", "k" * 3000, ok=False)
check("an over-long key ID is a ValidationException", "ValidationException" in long.stderr, long.stderr)

# An unknown access key.
env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY="x")
stranger = subprocess.run([AWS, "--endpoint-url", os.environ["KMS_PLAYGROUND_ENDPOINT"], "--region", "us-east-1",
                           "kms", "list-keys"], capture_output=True, text=True, env=env)
check("an unknown access key is UnrecognizedClientException", "UnrecognizedClientException" in stranger.stderr, stranger.stderr)

version = subprocess.run([AWS, "--version"], capture_output=True, text=True)
finish((version.stdout or version.stderr).split()[0])
