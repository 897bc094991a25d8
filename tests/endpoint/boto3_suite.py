"""boto3 against `kms-playground serve`: the study notes' world, called as its principals.

Run by tests/endpoint/run.py, which starts the server and writes the AWS config file the
server prints (profiles alice, bob, charlie, david, root, each with its endpoint_url).
"""

import base64
import json
import sys

import boto3
import botocore.exceptions

from suite import ACCOUNT, check, failures, finish

def client(profile, service="kms"):
    return boto3.Session(profile_name=profile).client(service)


def error_of(call):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    return None, None, None


root, alice, bob, charlie = (client(p) for p in ("root", "alice", "bob", "charlie"))

# A key, its alias and its key policy.
key = root.create_key(Description="boto3 suite")["KeyMetadata"]
check("create_key answers metadata", key["KeyState"] == "Enabled" and key["Arn"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT}:key/"), key)
key_id = key["KeyId"]
root.create_alias(AliasName="alias/boto3-suite", TargetKeyId=key_id)
policy = {
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "Alice", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:user/Alice"},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:DescribeKey"], "Resource": "*"},
    ],
}
root.put_key_policy(KeyId=key_id, PolicyName="default", Policy=json.dumps(policy))
got = json.loads(root.get_key_policy(KeyId=key_id, PolicyName="default")["Policy"])
check("the key policy is the one put", got == policy, got)
described = alice.describe_key(KeyId="alias/boto3-suite")["KeyMetadata"]
check("describe_key by alias finds the key", described["KeyId"] == key_id, described)

# Encrypt and Decrypt with an encryption context.
context = {"purpose": "boto3-suite", "tenant": "42"}
blob = alice.encrypt(KeyId="alias/boto3-suite", Plaintext=b"hello, world", EncryptionContext=context)["CiphertextBlob"]
plain = alice.decrypt(CiphertextBlob=blob, EncryptionContext=context)
check("decrypt gives the plaintext back", plain["Plaintext"] == b"hello, world", plain)
check("decrypt names the key", plain["KeyId"] == key["Arn"], plain.get("KeyId"))
code, message, status = error_of(lambda: alice.decrypt(CiphertextBlob=blob, EncryptionContext={"purpose": "other"}))
check("another encryption context is refused", (code, status) == ("InvalidCiphertextException", 400), (code, message, status))

# GenerateDataKey: the plaintext key and its encrypted copy.
dk = alice.generate_data_key(KeyId=key_id, KeySpec="AES_256", EncryptionContext=context)
check("generate_data_key gives 32 bytes", len(dk["Plaintext"]) == 32, len(dk["Plaintext"]))
again = alice.decrypt(CiphertextBlob=dk["CiphertextBlob"], EncryptionContext=context)["Plaintext"]
check("the encrypted data key decrypts to the same key", again == dk["Plaintext"])

# A grant, and its token used at once.
grant = alice.create_grant(KeyId=key_id, GranteePrincipal=f"arn:aws:iam::{ACCOUNT}:user/Bob", Operations=["Decrypt"])
code, _, _ = error_of(lambda: bob.decrypt(CiphertextBlob=blob, EncryptionContext=context))
check("without the token (the grant not yet spread) Bob is refused", code == "AccessDeniedException", code)
with_token = bob.decrypt(CiphertextBlob=blob, EncryptionContext=context, GrantTokens=[grant["GrantToken"]])
check("with the grant token Bob decrypts at once", with_token["Plaintext"] == b"hello, world")

# AccessDeniedException for the wrong principal, with AWS's message.
code, message, status = error_of(lambda: charlie.decrypt(CiphertextBlob=blob, EncryptionContext=context))
check("Charlie is refused with AccessDeniedException (400)", (code, status) == ("AccessDeniedException", 400), (code, status))
expected = f"User: arn:aws:iam::{ACCOUNT}:user/Charlie is not authorized to perform: kms:Decrypt on resource: {key['Arn']}"
check("with AWS's message", message.startswith(expected), message)

# Paginators over ListKeys, ListAliases and ListGrants, a page of 1 at a time.
for n in range(3):
    alice.create_grant(KeyId=key_id, GranteePrincipal=f"arn:aws:iam::{ACCOUNT}:user/David", Operations=["Encrypt"], Name=f"g{n}")
keys = [k["KeyId"] for page in root.get_paginator("list_keys").paginate(PaginationConfig={"PageSize": 1}) for k in page["Keys"]]
check("the list_keys paginator walks every key", key_id in keys and len(keys) == len(set(keys)) >= 4, keys)
aliases = [a["AliasName"] for page in root.get_paginator("list_aliases").paginate(PaginationConfig={"PageSize": 2}) for a in page["Aliases"]]
check("the list_aliases paginator finds the new alias", "alias/boto3-suite" in aliases and "alias/cmk-a" in aliases, aliases)
grants = [g["GrantId"] for page in root.get_paginator("list_grants").paginate(KeyId=key_id, PaginationConfig={"PageSize": 1}) for g in page["Grants"]]
check("the list_grants paginator walks all 4 grants", len(grants) == 4 and len(set(grants)) == 4, grants)

# S3: put_object with SSE-KMS, then get_object.
s3 = client("root", "s3")
s3.create_bucket(Bucket="boto3-suite")
put = s3.put_object(Bucket="boto3-suite", Key="notes/a.txt", Body=b"an object", ServerSideEncryption="aws:kms", SSEKMSKeyId=key_id)
check("put_object encrypts with the key", put["ServerSideEncryption"] == "aws:kms" and put["SSEKMSKeyId"] == key["Arn"], put)
obj = s3.get_object(Bucket="boto3-suite", Key="notes/a.txt")
check("get_object decrypts it", obj["Body"].read() == b"an object" and obj["SSEKMSKeyId"] == key["Arn"], obj.get("SSEKMSKeyId"))
head = s3.head_object(Bucket="boto3-suite", Key="notes/a.txt")
check("head_object says its size and encryption", head["ContentLength"] == 9 and head["ServerSideEncryption"] == "aws:kms", head)
listed = s3.list_objects_v2(Bucket="boto3-suite")
check("list_objects_v2 lists it", [o["Key"] for o in listed.get("Contents", [])] == ["notes/a.txt"], listed)
# boto3 asks for URL-encoded keys (encoding-type=url) and decodes them: a key with a space,
# a plus and an accent comes back as it went in; with a delimiter, folders are prefixes.
s3.put_object(Bucket="boto3-suite", Key="notes/b c+é.txt", Body=b"2")
s3.put_object(Bucket="boto3-suite", Key="top.txt", Body=b"3")
listed = s3.list_objects_v2(Bucket="boto3-suite", Prefix="notes/")
check("keys come back as they were put", [o["Key"] for o in listed["Contents"]] == ["notes/a.txt", "notes/b c+é.txt"], listed)
folders = s3.list_objects_v2(Bucket="boto3-suite", Delimiter="/")
check("a delimiter rolls keys up into common prefixes",
      [p["Prefix"] for p in folders.get("CommonPrefixes", [])] == ["notes/"] and [o["Key"] for o in folders["Contents"]] == ["top.txt"], folders)
pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket="boto3-suite", PaginationConfig={"PageSize": 1}))
check("the list_objects_v2 paginator walks all 3 objects", sum(len(p.get("Contents", [])) for p in pages) == 3, len(pages))
code, message, status = error_of(lambda: s3.get_object(Bucket="boto3-suite", Key="missing"))
check("a missing object is NoSuchKey (404)", (code, status) == ("NoSuchKey", 404), (code, message, status))
charlie_s3 = client("charlie", "s3")
code, _, status = error_of(lambda: charlie_s3.get_object(Bucket="boto3-suite", Key="notes/a.txt"))
check("Charlie may not read it", code == "AccessDenied" and status == 403, (code, status))

# A malformed request: signed as botocore signs, with a body that is not JSON.
import urllib.error
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

endpoint = alice.meta.endpoint_url
request = AWSRequest(method="POST", url=endpoint + "/", data=b"{not json",
                     headers={"X-Amz-Target": "TrentService.Encrypt", "Content-Type": "application/x-amz-json-1.1"})
SigV4Auth(boto3.Session(profile_name="alice").get_credentials(), "kms", "us-east-1").add_auth(request)
try:
    urllib.request.urlopen(urllib.request.Request(endpoint + "/", data=b"{not json", headers=dict(request.headers), method="POST"))
    status, body = 200, {}
except urllib.error.HTTPError as e:
    status, body = e.code, json.loads(e.read())
check("a body that is not JSON is a SerializationException (400)", (status, body.get("__type")) == (400, "SerializationException"), (status, body))

# An unknown access key.
stranger = boto3.client("kms", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="x")
code, message, status = error_of(lambda: stranger.list_keys())
check("an unknown access key is UnrecognizedClientException", code == "UnrecognizedClientException" and status == 400, (code, message, status))

finish(f"boto3 {boto3.__version__}")
