// The AWS SDK for JavaScript (v3) against `kms-playground serve`, with the credentials of
// the config file the server prints (fromIni) and its endpoint. Run by tests/endpoint/run.py.

import {
  KMSClient, CreateKeyCommand, CreateAliasCommand, PutKeyPolicyCommand, GetKeyPolicyCommand,
  EncryptCommand, DecryptCommand, GenerateDataKeyCommand, CreateGrantCommand,
  paginateListKeys, paginateListAliases, paginateListGrants,
} from "@aws-sdk/client-kms";
import {
  S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand,
} from "@aws-sdk/client-s3";
import { fromIni } from "@aws-sdk/credential-provider-ini";
import { readFileSync } from "node:fs";
import { Agent } from "node:http";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const endpoint = process.env.KMS_PLAYGROUND_ENDPOINT;
const ACCOUNT = "123412341234";
const region = "us-east-1";
let failed = 0;

function check(name, condition, detail = "") {
  console.log(`${condition ? "ok  " : "FAIL"} ${name}${condition ? "" : `: ${JSON.stringify(detail)}`}`);
  if (!condition) failed++;
}

const kms = (profile) => new KMSClient({ region, endpoint, credentials: fromIni({ profile }) });
const root = kms("root"), alice = kms("alice"), bob = kms("bob"), charlie = kms("charlie");

async function errorOf(promise) {
  try {
    await promise;
    return {};
  } catch (e) {
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
}

const same = (a, b) => Buffer.from(a).equals(Buffer.from(b));

// A key, its alias and its key policy.
const { KeyMetadata: key } = await root.send(new CreateKeyCommand({ Description: "JavaScript suite" }));
check("CreateKey answers metadata", key.KeyState === "Enabled" && key.CreationDate instanceof Date, key);
await root.send(new CreateAliasCommand({ AliasName: "alias/js-suite", TargetKeyId: key.KeyId }));
const policy = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
    { Sid: "Alice", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/Alice` },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant"], Resource: "*" },
  ],
};
await root.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: "default", Policy: JSON.stringify(policy) }));
const got = await root.send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: "default" }));
check("GetKeyPolicy gives the policy put", JSON.stringify(JSON.parse(got.Policy)) === JSON.stringify(policy), got.Policy);

// Encrypt and Decrypt with an encryption context.
const context = { purpose: "js-suite" };
const plaintext = new TextEncoder().encode("hello from JavaScript");
const { CiphertextBlob: blob } = await alice.send(new EncryptCommand({ KeyId: "alias/js-suite", Plaintext: plaintext, EncryptionContext: context }));
const dec = await alice.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }));
check("Decrypt gives the plaintext back", same(dec.Plaintext, plaintext), dec);
const wrongContext = await errorOf(alice.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { purpose: "other" } })));
check("another context is InvalidCiphertextException", wrongContext.name === "InvalidCiphertextException", wrongContext);

// GenerateDataKey.
const dk = await alice.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: "AES_256" }));
check("GenerateDataKey gives a 32-byte key", dk.Plaintext.length === 32, dk.Plaintext.length);
const back = await alice.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob }));
check("its encrypted copy decrypts to it", same(back.Plaintext, dk.Plaintext));

// A grant, and its token used at once.
const grant = await alice.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:user/Bob`, Operations: ["Decrypt"] }));
const bobDec = await bob.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context, GrantTokens: [grant.GrantToken] }));
check("Bob decrypts with the grant token at once", same(bobDec.Plaintext, plaintext));

// AccessDeniedException for the wrong principal, with AWS's message.
const denied = await errorOf(charlie.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context })));
check("Charlie is refused: AccessDeniedException, 400", denied.name === "AccessDeniedException" && denied.status === 400, denied);
check("with AWS's message", denied.message?.startsWith(`User: arn:aws:iam::${ACCOUNT}:user/Charlie is not authorized to perform: kms:Decrypt on resource: ${key.Arn}`), denied.message);

// Paginators, one item a page.
const all = async (pages, member) => { const out = []; for await (const p of pages) out.push(...p[member]); return out; };
const keys = await all(paginateListKeys({ client: root, pageSize: 1 }, {}), "Keys");
check("paginateListKeys walks every key", keys.some((k) => k.KeyId === key.KeyId) && keys.length >= 4, keys.length);
const aliases = await all(paginateListAliases({ client: root, pageSize: 1 }, {}), "Aliases");
check("paginateListAliases finds the new alias", aliases.some((a) => a.AliasName === "alias/js-suite"), aliases.length);
const grants = await all(paginateListGrants({ client: root, pageSize: 1 }, { KeyId: key.KeyId }), "Grants");
check("paginateListGrants finds the grant", grants.length === 1 && grants[0].GrantId === grant.GrantId, grants);

// S3: PutObject with SSE-KMS, then GetObject; path style and virtual-hosted style.
for (const forcePathStyle of [true, false]) {
  // Virtual-hosted style puts the bucket in the host name (js-virtual.s3.localhost): every
  // name resolves to the server here, as a wildcard DNS entry would.
  const lookup = (_host, options, callback) =>
    options.all ? callback(null, [{ address: "127.0.0.1", family: 4 }]) : callback(null, "127.0.0.1", 4);
  const s3 = new S3Client({
    region, forcePathStyle, credentials: fromIni({ profile: "root" }),
    endpoint: forcePathStyle ? endpoint : endpoint.replace("127.0.0.1", "s3.localhost"),
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ lookup }) }),
  });
  const bucket = forcePathStyle ? "js-path" : "js-virtual";
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "dir/a b.txt", Body: "an object from JavaScript", ServerSideEncryption: "aws:kms", SSEKMSKeyId: key.KeyId }));
  check(`PutObject encrypts with the key (${forcePathStyle ? "path" : "virtual-hosted"} style)`, put.ServerSideEncryption === "aws:kms" && put.SSEKMSKeyId === key.Arn, put);
  const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "dir/a b.txt" }));
  check(`GetObject decrypts it (${forcePathStyle ? "path" : "virtual-hosted"} style)`, (await obj.Body.transformToString()) === "an object from JavaScript" && obj.SSEKMSKeyId === key.Arn, obj.SSEKMSKeyId);
}

// A streamed upload: the SDK sends it aws-chunked, with a checksum trailer.
{
  const { Readable } = await import("node:stream");
  const s3 = new S3Client({ region, endpoint, forcePathStyle: true, credentials: fromIni({ profile: "root" }) });
  const text = "streamed ".repeat(1000);
  await s3.send(new PutObjectCommand({ Bucket: "js-path", Key: "streamed", Body: Readable.from([Buffer.from(text)]), ContentLength: text.length, ServerSideEncryption: "aws:kms", SSEKMSKeyId: key.KeyId }));
  const obj = await s3.send(new GetObjectCommand({ Bucket: "js-path", Key: "streamed" }));
  check("a streamed (aws-chunked) upload is stored as sent", (await obj.Body.transformToString()) === text);
}

// A malformed request: a grant token list longer than KMS takes (10), refused by the server.
const tooMany = await errorOf(alice.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext, GrantTokens: Array(11).fill("t") })));
check("eleven grant tokens are a ValidationException", tooMany.name === "ValidationException" && tooMany.status === 400, tooMany);

// An unknown access key.
const stranger = new KMSClient({ region, endpoint, credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x" } });
const unknown = await errorOf(stranger.send(new DecryptCommand({ CiphertextBlob: blob })));
check("an unknown access key is UnrecognizedClientException", unknown.name === "UnrecognizedClientException", unknown);

const version = JSON.parse(readFileSync(new URL("node_modules/@aws-sdk/client-kms/package.json", import.meta.url))).version;
console.log(`@aws-sdk/client-kms ${version}: ${failed} failed`);
process.exit(failed ? 1 : 0);
