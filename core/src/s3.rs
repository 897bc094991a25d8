//! A simulated Amazon S3 with server-side encryption under KMS keys (SSE-KMS), step by
//! step.
//!
//! S3's calls to KMS go through the API door as calls made on the requester's behalf
//! (`kms:ViaService` = `s3.<region>.amazonaws.com`), so they are authorized, audited
//! ("invoked by s3.amazonaws.com") and can be denied exactly as on AWS. Every request
//! returns the ordered [`S3Step`]s it took — what travelled between the client, S3 and
//! KMS — which the playground animates; it never invents them.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use crate::api::{ApiError, Caller};
use crate::authz::Decision;
use crate::b64;
use crate::clock::{Duration, Timestamp};
use crate::context::EncryptionContext;
use crate::crypto::{self, KeyMaterial, Secret};
use crate::ids::{AccountId, Region};
use crate::principal::Principal;
use crate::world::World;

/// The S3 operations the simulator offers (without the `s3:` prefix).
pub const OPERATIONS: &[&str] = &[
    "CreateBucket",
    "PutObject",
    "GetObject",
    "HeadObject",
    "ListObjectsV2",
    "DeleteObject",
];

/// How long S3 reuses a bucket key before asking KMS for a new one (simulated time).
pub const BUCKET_KEY_LIFETIME: Duration = Duration::hours(1);

/// The largest object body accepted (the playground keeps objects in memory).
pub const MAX_OBJECT_BYTES: usize = 64 * 1024 * 1024;

/// An S3 bucket.
#[derive(Clone, Debug, PartialEq)]
pub struct Bucket {
    /// The bucket name.
    pub name: String,
    /// The owning account.
    pub owner: AccountId,
    /// The region.
    pub region: Region,
    /// When it was created.
    pub created: Timestamp,
    /// The S3-managed key of SSE-S3 objects.
    pub s3_managed_key: KeyMaterial,
    /// The objects, in key order.
    pub objects: Vec<Object>,
    /// Bucket keys S3 holds in memory, per KMS key and requester.
    pub bucket_keys: Vec<BucketKey>,
}

/// A bucket key S3 holds for a while.
#[derive(Clone, Debug, PartialEq)]
pub struct BucketKey {
    /// The KMS key.
    pub kms_key_arn: String,
    /// Who it was obtained for.
    pub requester: String,
    /// The bucket key encrypted under the KMS key.
    pub encrypted: Vec<u8>,
    /// The plaintext bucket key (S3's memory).
    pub plaintext: KeyMaterial,
    /// When S3 got it.
    pub obtained: Timestamp,
}

/// How an object is encrypted.
#[derive(Clone, Debug, PartialEq)]
pub enum ObjectEncryption {
    /// With an S3-managed key (`AES256`).
    SseS3,
    /// With a data key from KMS (`aws:kms`).
    SseKms {
        /// The KMS key.
        kms_key_arn: String,
        /// The data key (or, with a bucket key, the bucket key) encrypted under the KMS key.
        encrypted_data_key: Vec<u8>,
        /// The encryption context S3 used with KMS.
        context: EncryptionContext,
        /// Whether an S3 Bucket Key was used (the object key is derived from it).
        bucket_key: bool,
        /// The caller's own context pairs, as sent (base64 JSON), if any.
        caller_context: Option<String>,
    },
}

/// An object: its ciphertext and how to decrypt it.
#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    /// The object key.
    pub key: String,
    /// The plaintext size.
    pub size: u64,
    /// When it was written.
    pub last_modified: Timestamp,
    /// The ETag.
    pub etag: String,
    /// The encryption.
    pub encryption: ObjectEncryption,
    /// The nonce of the body's AES-GCM (and the salt of a bucket-key derivation).
    pub nonce: [u8; 12],
    /// The encrypted body (ciphertext and tag).
    pub stored: Vec<u8>,
}

/// Who a step goes between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The requester.
    Client,
    /// Amazon S3.
    S3,
    /// AWS KMS.
    Kms,
}

impl Actor {
    /// `client`, `s3` or `kms`.
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Client => "client",
            Actor::S3 => "s3",
            Actor::Kms => "kms",
        }
    }
}

/// One step of an S3 request, for the animation.
#[derive(Clone, Debug)]
pub struct S3Step {
    /// From.
    pub from: Actor,
    /// To (the same actor for work it does itself).
    pub to: Actor,
    /// A short title (`GenerateDataKey`).
    pub title: String,
    /// One sentence on what happens.
    pub detail: String,
    /// What travels: labelled values (sizes, key IDs, small bytes in hex).
    pub data: Vec<(String, String)>,
    /// The authorization decision, for a KMS call.
    pub decision: Option<Decision>,
    /// Whether the step succeeded.
    pub ok: bool,
}

impl S3Step {
    fn new(from: Actor, to: Actor, title: &str, detail: String) -> S3Step {
        S3Step {
            from,
            to,
            title: String::from(title),
            detail,
            data: Vec::new(),
            decision: None,
            ok: true,
        }
    }

    fn with(mut self, label: &str, value: impl Into<String>) -> S3Step {
        self.data.push((String::from(label), value.into()));
        self
    }

    /// The step as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "from": self.from.as_str(),
            "to": self.to.as_str(),
            "title": self.title,
            "detail": self.detail,
            "data": self.data.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
            "decision": self.decision.as_ref().map(|d| json!({"rule": d.rule.as_str(), "reason": d.reason, "hint": d.hint})),
            "ok": self.ok,
        })
    }
}

/// An S3 error response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct S3Error {
    /// S3's code (`AccessDenied`, `NoSuchKey`, `KMS.DisabledException`, ...).
    pub code: String,
    /// The message.
    pub message: String,
    /// The HTTP status.
    pub status: u16,
}

impl S3Error {
    fn new(code: &str, status: u16, message: impl Into<String>) -> S3Error {
        S3Error {
            code: String::from(code),
            message: message.into(),
            status,
        }
    }

    /// How S3 reports a failed call to KMS.
    fn from_kms(e: &ApiError) -> S3Error {
        match e.code.as_str() {
            "AccessDeniedException" => S3Error::new("AccessDenied", 403, e.message.clone()),
            "DisabledException" => S3Error::new("KMS.DisabledException", 400, e.message.clone()),
            "KMSInvalidStateException" => {
                S3Error::new("KMS.KMSInvalidStateException", 400, e.message.clone())
            }
            "NotFoundException" => S3Error::new("KMS.NotFoundException", 400, e.message.clone()),
            "InvalidCiphertextException" => {
                S3Error::new("KMS.InvalidCiphertextException", 400, e.message.clone())
            }
            other => S3Error::new(&format!("KMS.{other}"), 400, e.message.clone()),
        }
    }
}

/// The result of an S3 request.
#[derive(Clone, Debug)]
pub struct S3Result {
    /// The response (S3's field names, `Body` base64), or the error.
    pub output: Result<Value, S3Error>,
    /// The steps it took.
    pub steps: Vec<S3Step>,
    /// The KMS authorization decisions made on the way.
    pub decisions: Vec<Decision>,
}

fn hex_prefix(bytes: &[u8], n: usize) -> String {
    let mut s: String = bytes.iter().take(n).map(|b| format!("{b:02x}")).collect();
    if bytes.len() > n {
        s.push('…');
    }
    s
}

fn bucket_name_ok(name: &str) -> bool {
    (3..=63).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && !name.contains("..")
}

/// The per-object key S3 derives from a bucket key: AES-256 in counter mode over zeros
/// (AES-GCM's keystream) with the object's salt.
fn derive_object_key(bucket_key: &KeyMaterial, salt: &[u8; 12]) -> [u8; 32] {
    let stream = crypto::aes256_gcm_seal(
        bucket_key.expose(),
        salt,
        b"kms-playground/s3-bucket-key",
        &[0u8; 32],
    );
    let mut out = [0u8; 32];
    for (o, s) in out.iter_mut().zip(stream.iter()) {
        *o = *s;
    }
    out
}

impl World {
    /// The buckets.
    pub fn buckets(&self) -> &[Bucket] {
        &self.buckets
    }

    /// Calls an S3 operation (`PutObject`, with or without the `s3:` prefix) as `caller`.
    pub fn s3(&mut self, caller: &Caller<'_>, operation: &str, input: &Value) -> S3Result {
        let op = operation.strip_prefix("s3:").unwrap_or(operation);
        let mut steps = Vec::new();
        let mut decisions = Vec::new();
        let output = match Principal::parse(caller.principal).ok().or_else(|| {
            self.principal(caller.principal)
                .map(|p| p.principal.clone())
        }) {
            None => Err(S3Error::new(
                "InvalidAccessKeyId",
                403,
                format!("`{}` is not a principal of this world", caller.principal),
            )),
            Some(p)
                if self.principal(p.arn()).is_none()
                    && *p.kind() != crate::principal::PrincipalKind::Root =>
            {
                Err(S3Error::new(
                    "InvalidAccessKeyId",
                    403,
                    format!("`{}` is not a principal of this world", caller.principal),
                ))
            }
            Some(p) => {
                let region = Region::parse(caller.region.unwrap_or(self.region.as_str()))
                    .unwrap_or_else(|_| self.region.clone());
                match op {
                    "CreateBucket" => self.create_bucket(&p, &region, input),
                    "PutObject" => self.put_object(&p, input, &mut steps, &mut decisions),
                    "GetObject" => self.get_object(&p, input, &mut steps, &mut decisions, true),
                    "HeadObject" => self.get_object(&p, input, &mut steps, &mut decisions, false),
                    "ListObjectsV2" => self.list_objects(input),
                    "DeleteObject" => self.delete_object(input),
                    other => Err(S3Error::new(
                        "NotImplemented",
                        501,
                        format!(
                            "the simulator offers {} , not s3:{other}",
                            OPERATIONS.join(", ")
                        ),
                    )),
                }
            }
        };
        S3Result {
            output,
            steps,
            decisions,
        }
    }

    fn bucket_index(&self, input: &Value) -> Result<usize, S3Error> {
        let name = input.get("Bucket").and_then(Value::as_str).ok_or_else(|| {
            S3Error::new("InvalidRequest", 400, "Missing required parameter `Bucket`")
        })?;
        self.buckets
            .iter()
            .position(|b| b.name == name)
            .ok_or_else(|| {
                S3Error::new(
                    "NoSuchBucket",
                    404,
                    format!("The specified bucket does not exist: {name}"),
                )
            })
    }

    fn object_key(input: &Value) -> Result<&str, S3Error> {
        match input.get("Key").and_then(Value::as_str) {
            Some(k) if !k.is_empty() && k.len() <= 1024 => Ok(k),
            _ => Err(S3Error::new(
                "InvalidRequest",
                400,
                "`Key` must be 1 to 1024 characters",
            )),
        }
    }

    fn create_bucket(
        &mut self,
        p: &Principal,
        region: &Region,
        input: &Value,
    ) -> Result<Value, S3Error> {
        let name = input.get("Bucket").and_then(Value::as_str).ok_or_else(|| {
            S3Error::new("InvalidRequest", 400, "Missing required parameter `Bucket`")
        })?;
        if !bucket_name_ok(name) {
            return Err(S3Error::new(
                "InvalidBucketName",
                400,
                format!(
                    "The specified bucket is not valid: {name} (3–63 lowercase letters, digits, dots and hyphens)"
                ),
            ));
        }
        if let Some(b) = self.buckets.iter().find(|b| b.name == name) {
            return Err(if b.owner == p.account() {
                S3Error::new(
                    "BucketAlreadyOwnedByYou",
                    409,
                    format!(
                        "Your previous request to create the named bucket succeeded and you already own it: {name}"
                    ),
                )
            } else {
                S3Error::new(
                    "BucketAlreadyExists",
                    409,
                    format!("The requested bucket name is not available: {name}"),
                )
            });
        }
        let key = KeyMaterial::generate(&mut self.entropy)
            .map_err(|e| S3Error::new("InternalError", 500, e.to_string()))?;
        self.buckets.push(Bucket {
            name: String::from(name),
            owner: p.account(),
            region: region.clone(),
            created: self.now(),
            s3_managed_key: key,
            objects: Vec::new(),
            bucket_keys: Vec::new(),
        });
        Ok(json!({"Location": format!("/{name}")}))
    }

    fn put_object(
        &mut self,
        p: &Principal,
        input: &Value,
        steps: &mut Vec<S3Step>,
        decisions: &mut Vec<Decision>,
    ) -> Result<Value, S3Error> {
        const FIELDS: &[&str] = &[
            "Bucket",
            "Key",
            "Body",
            "ServerSideEncryption",
            "SSEKMSKeyId",
            "SSEKMSEncryptionContext",
            "BucketKeyEnabled",
        ];
        if let Some(unknown) = input
            .as_object()
            .and_then(|m| m.keys().find(|k| !FIELDS.contains(&k.as_str())))
        {
            return Err(S3Error::new(
                "InvalidArgument",
                400,
                format!(
                    "Unknown parameter in input: \"{unknown}\", must be one of: {}",
                    FIELDS.join(", ")
                ),
            ));
        }
        let bi = self.bucket_index(input)?;
        let key = String::from(World::object_key(input)?);
        let body = match input.get("Body") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(s)) => b64::decode(s)
                .map_err(|_| S3Error::new("InvalidArgument", 400, "`Body` must be base64"))?,
            Some(_) => {
                return Err(S3Error::new(
                    "InvalidArgument",
                    400,
                    "`Body` must be base64 text",
                ));
            }
        };
        if body.len() > MAX_OBJECT_BYTES {
            return Err(S3Error::new(
                "EntityTooLarge",
                400,
                format!("The playground keeps objects of at most {MAX_OBJECT_BYTES} bytes"),
            ));
        }
        let sse = input.get("ServerSideEncryption").and_then(Value::as_str);
        let kms_key_id = input.get("SSEKMSKeyId").and_then(Value::as_str);
        let caller_ctx_b64 = input.get("SSEKMSEncryptionContext").and_then(Value::as_str);
        let bucket_key = input
            .get("BucketKeyEnabled")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let (bucket_name, bucket_region, owner) = {
            let b = self
                .buckets
                .get(bi)
                .ok_or_else(|| S3Error::new("NoSuchBucket", 404, "no bucket"))?;
            (b.name.clone(), b.region.clone(), b.owner)
        };
        let mut first = S3Step::new(
            Actor::Client,
            Actor::S3,
            "PutObject",
            format!(
                "The client uploads {key} to {bucket_name}, asking for server-side encryption {}.",
                sse.unwrap_or("(default: SSE-S3)")
            ),
        )
        .with("bucket", bucket_name.clone())
        .with("key", key.clone())
        .with("size", format!("{} bytes", body.len()));
        if let Some(k) = kms_key_id {
            first = first.with("SSEKMSKeyId", k);
        }
        steps.push(first);
        let arn_of_object = format!("arn:aws:s3:::{bucket_name}/{key}");
        match sse {
            None | Some("AES256") => {
                if kms_key_id.is_some() || caller_ctx_b64.is_some() {
                    return Err(S3Error::new(
                        "InvalidArgument",
                        400,
                        "SSEKMSKeyId and SSEKMSEncryptionContext need ServerSideEncryption aws:kms",
                    ));
                }
                let nonce: [u8; 12] = self
                    .entropy
                    .array()
                    .map_err(|e| S3Error::new("InternalError", 500, e.to_string()))?;
                let b = self
                    .buckets
                    .get_mut(bi)
                    .ok_or_else(|| S3Error::new("NoSuchBucket", 404, "no bucket"))?;
                let stored = crypto::aes256_gcm_seal(
                    b.s3_managed_key.expose(),
                    &nonce,
                    arn_of_object.as_bytes(),
                    &body,
                );
                steps.push(S3Step::new(Actor::S3, Actor::S3, "Encrypt (SSE-S3)", String::from("S3 encrypts the object with a key S3 manages itself; KMS is not involved.")).with("ciphertext", format!("{} bytes", stored.len())));
                let etag = etag(&stored);
                store(
                    b,
                    Object {
                        key,
                        size: body.len() as u64,
                        last_modified: self.clock.now(),
                        etag: etag.clone(),
                        encryption: ObjectEncryption::SseS3,
                        nonce,
                        stored,
                    },
                );
                steps.push(
                    S3Step::new(
                        Actor::S3,
                        Actor::Client,
                        "200 OK",
                        String::from("S3 answers with the object's ETag."),
                    )
                    .with("ServerSideEncryption", "AES256"),
                );
                return Ok(json!({"ETag": etag, "ServerSideEncryption": "AES256"}));
            }
            Some("aws:kms") => {}
            Some(other) => {
                return Err(S3Error::new(
                    "InvalidArgument",
                    400,
                    format!(
                        "ServerSideEncryption {other} is not offered by the simulator: use aws:kms or AES256"
                    ),
                ));
            }
        }
        // The caller's context pairs, base64 JSON as the S3 API sends them.
        let mut context = EncryptionContext::new();
        if let Some(c) = caller_ctx_b64 {
            let parsed: Option<Map<String, Value>> = b64::decode(c)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok());
            let Some(map) = parsed else {
                return Err(S3Error::new(
                    "InvalidArgument",
                    400,
                    "SSEKMSEncryptionContext must be base64-encoded JSON of string pairs",
                ));
            };
            for (k, v) in map {
                let Some(v) = v.as_str() else {
                    return Err(S3Error::new(
                        "InvalidArgument",
                        400,
                        "SSEKMSEncryptionContext values must be strings",
                    ));
                };
                context.insert(k, v);
            }
        }
        let arn_of_bucket = format!("arn:aws:s3:::{bucket_name}");
        context.insert(
            "aws:s3:arn",
            if bucket_key {
                arn_of_bucket.clone()
            } else {
                arn_of_object.clone()
            },
        );
        let kms_key = match kms_key_id {
            Some(k) => String::from(k),
            None => {
                let existed = self.aliases.iter().any(|a| {
                    a.name == "alias/aws/s3" && a.account == owner && a.region == bucket_region
                });
                let arn = self
                    .aws_managed_key(owner, &bucket_region, "s3")
                    .map_err(|e| S3Error::new("InternalError", 500, e.to_string()))?;
                if !existed {
                    steps.push(S3Step::new(Actor::S3, Actor::Kms, "Create aws/s3", String::from("No key was named and the account has no AWS managed key for S3 yet: KMS creates aws/s3, with its policy (any principal of the account, through S3 only).")).with("key", arn.clone()));
                }
                arn
            }
        };
        let via = format!("s3.{bucket_region}.amazonaws.com");
        let requester = String::from(p.arn());
        let caller = Caller {
            principal: &requester,
            region: Some(bucket_region.as_str()),
            via_service: Some(&via),
        };
        let now = self.now();
        let nonce: [u8; 12] = self
            .entropy
            .array()
            .map_err(|e| S3Error::new("InternalError", 500, e.to_string()))?;

        // With a bucket key: reuse S3's cached one for this KMS key and requester.
        let kms_arn_resolved = self.key_arn_for(&caller, &kms_key);
        let cached = if bucket_key {
            self.buckets.get(bi).and_then(|b| {
                b.bucket_keys
                    .iter()
                    .find(|k| {
                        Some(&k.kms_key_arn) == kms_arn_resolved.as_ref()
                            && k.requester == requester
                            && now < k.obtained.plus(BUCKET_KEY_LIFETIME)
                    })
                    .cloned()
            })
        } else {
            None
        };
        let (data_key, encrypted, kms_arn) = match cached {
            Some(bk) => {
                steps.push(S3Step::new(Actor::S3, Actor::S3, "Reuse bucket key", String::from("S3 already holds a bucket key for this KMS key: no call to KMS. It derives a unique key for this object from it.")).with("bucket key obtained", bk.obtained.to_string()).with("KMS calls saved", "1"));
                (
                    derive_object_key(&bk.plaintext, &nonce),
                    bk.encrypted.clone(),
                    bk.kms_key_arn.clone(),
                )
            }
            None => {
                let gdk = json!({"KeyId": kms_key, "KeySpec": "AES_256", "EncryptionContext": context.as_map()});
                let r = self.call(&caller, "GenerateDataKey", &gdk);
                let decision = r.decisions.last().cloned();
                decisions.extend(r.decisions);
                let mut call_step = S3Step::new(Actor::S3, Actor::Kms, "GenerateDataKey", format!("S3 asks KMS, on {}'s behalf, for a data key under {kms_key}, with the encryption context.", p.short_name()))
                    .with("KeyId", kms_key.clone())
                    .with("EncryptionContext", serde_json::to_string(context.as_map()).unwrap_or_default())
                    .with("kms:ViaService", via.clone());
                call_step.decision = decision;
                match r.output {
                    Err(e) => return Err(kms_refused(steps, call_step, &e, "upload")),
                    Ok(out) => {
                        steps.push(call_step);
                        let plain = out
                            .get("Plaintext")
                            .and_then(Value::as_str)
                            .and_then(|s| b64::decode(s).ok())
                            .unwrap_or_default();
                        let enc = out
                            .get("CiphertextBlob")
                            .and_then(Value::as_str)
                            .and_then(|s| b64::decode(s).ok())
                            .unwrap_or_default();
                        let arn = String::from(
                            out.get("KeyId").and_then(Value::as_str).unwrap_or_default(),
                        );
                        steps.push(S3Step::new(Actor::Kms, Actor::S3, "Data key", String::from("KMS returns the data key twice: in plaintext, and encrypted under the KMS key."))
                            .with("plaintext data key", format!("{} bytes: {}", plain.len(), hex_prefix(&plain, 4)))
                            .with("encrypted data key", format!("{} bytes", enc.len())));
                        let plain = Secret::new(plain);
                        let material = KeyMaterial::from_bytes(
                            <[u8; 32]>::try_from(plain.expose()).unwrap_or([0; 32]),
                        );
                        if bucket_key {
                            if let Some(b) = self.buckets.get_mut(bi) {
                                b.bucket_keys.retain(|k| {
                                    !(k.kms_key_arn == arn && k.requester == requester)
                                });
                                b.bucket_keys.push(BucketKey {
                                    kms_key_arn: arn.clone(),
                                    requester: requester.clone(),
                                    encrypted: enc.clone(),
                                    plaintext: material.clone(),
                                    obtained: now,
                                });
                            }
                            steps.push(S3Step::new(Actor::S3, Actor::S3, "Bucket key", String::from("This data key is the bucket key: S3 keeps it for a while and derives a unique key for each object from it, so later uploads need no KMS call.")).with("valid for", BUCKET_KEY_LIFETIME.to_string()));
                            (derive_object_key(&material, &nonce), enc, arn)
                        } else {
                            (*material.expose(), enc, arn)
                        }
                    }
                }
            }
        };
        let stored = crypto::aes256_gcm_seal(&data_key, &nonce, arn_of_object.as_bytes(), &body);
        steps.push(
            S3Step::new(
                Actor::S3,
                Actor::S3,
                "Encrypt",
                String::from("S3 encrypts the object with the plaintext data key (AES-256-GCM)."),
            )
            .with("plaintext", format!("{} bytes", body.len()))
            .with("ciphertext", format!("{} bytes", stored.len())),
        );
        let tag = etag(&stored);
        let b = self
            .buckets
            .get_mut(bi)
            .ok_or_else(|| S3Error::new("NoSuchBucket", 404, "no bucket"))?;
        store(
            b,
            Object {
                key: key.clone(),
                size: body.len() as u64,
                last_modified: now,
                etag: tag.clone(),
                encryption: ObjectEncryption::SseKms {
                    kms_key_arn: kms_arn.clone(),
                    encrypted_data_key: encrypted.clone(),
                    context: context.clone(),
                    bucket_key,
                    caller_context: caller_ctx_b64.map(String::from),
                },
                nonce,
                stored,
            },
        );
        steps.push(
            S3Step::new(
                Actor::S3,
                Actor::S3,
                "Store",
                String::from(
                    "S3 stores the encrypted object and, beside it, the encrypted data key.",
                ),
            )
            .with("encrypted data key", format!("{} bytes", encrypted.len())),
        );
        steps.push(S3Step::new(
            Actor::S3,
            Actor::S3,
            "Drop the plaintext key",
            String::from("S3 deletes the plaintext data key from memory."),
        ));
        steps.push(
            S3Step::new(
                Actor::S3,
                Actor::Client,
                "200 OK",
                String::from("S3 answers with the ETag and the encryption it used."),
            )
            .with("SSEKMSKeyId", kms_arn.clone()),
        );
        let mut out = Map::new();
        out.insert("ETag".into(), json!(tag));
        out.insert("ServerSideEncryption".into(), json!("aws:kms"));
        out.insert("SSEKMSKeyId".into(), json!(kms_arn));
        out.insert("BucketKeyEnabled".into(), json!(bucket_key));
        if let Some(c) = caller_ctx_b64 {
            out.insert("SSEKMSEncryptionContext".into(), json!(c));
        }
        Ok(Value::Object(out))
    }

    fn get_object(
        &mut self,
        p: &Principal,
        input: &Value,
        steps: &mut Vec<S3Step>,
        decisions: &mut Vec<Decision>,
        with_body: bool,
    ) -> Result<Value, S3Error> {
        let bi = self.bucket_index(input)?;
        let key = String::from(World::object_key(input)?);
        let b = self
            .buckets
            .get(bi)
            .ok_or_else(|| S3Error::new("NoSuchBucket", 404, "no bucket"))?;
        let region = b.region.clone();
        let bucket_name = b.name.clone();
        let obj = b
            .objects
            .iter()
            .find(|o| o.key == key)
            .cloned()
            .ok_or_else(|| {
                S3Error::new(
                    "NoSuchKey",
                    404,
                    format!("The specified key does not exist: {key}"),
                )
            })?;
        let op = if with_body { "GetObject" } else { "HeadObject" };
        steps.push(
            S3Step::new(
                Actor::Client,
                Actor::S3,
                op,
                format!("The client asks for {key} in {bucket_name}."),
            )
            .with("bucket", bucket_name.clone())
            .with("key", key.clone()),
        );
        let mut meta = Map::new();
        meta.insert("ContentLength".into(), json!(obj.size));
        meta.insert("ETag".into(), json!(obj.etag));
        meta.insert("LastModified".into(), json!(obj.last_modified.to_string()));
        let data_key: [u8; 32] = match &obj.encryption {
            ObjectEncryption::SseS3 => {
                meta.insert("ServerSideEncryption".into(), json!("AES256"));
                *b.s3_managed_key.expose()
            }
            ObjectEncryption::SseKms {
                kms_key_arn,
                encrypted_data_key,
                context,
                bucket_key,
                caller_context,
            } => {
                meta.insert("ServerSideEncryption".into(), json!("aws:kms"));
                meta.insert("SSEKMSKeyId".into(), json!(kms_key_arn));
                meta.insert("BucketKeyEnabled".into(), json!(bucket_key));
                if let Some(c) = caller_context {
                    meta.insert("SSEKMSEncryptionContext".into(), json!(c));
                }
                if !with_body {
                    steps.push(S3Step::new(Actor::S3, Actor::Client, "200 OK", String::from("HeadObject returns the metadata only: S3 does not need the data key, so it does not call KMS.")));
                    return Ok(Value::Object(meta));
                }
                let requester = String::from(p.arn());
                let now = self.now();
                let cached = bucket_key
                    .then(|| {
                        b.bucket_keys
                            .iter()
                            .find(|k| {
                                k.kms_key_arn == *kms_key_arn
                                    && k.requester == requester
                                    && k.encrypted == *encrypted_data_key
                                    && now < k.obtained.plus(BUCKET_KEY_LIFETIME)
                            })
                            .cloned()
                    })
                    .flatten();
                if let Some(bk) = cached {
                    steps.push(
                        S3Step::new(
                            Actor::S3,
                            Actor::S3,
                            "Reuse bucket key",
                            String::from("S3 still holds this bucket key: no call to KMS."),
                        )
                        .with("KMS calls saved", "1"),
                    );
                    derive_object_key(&bk.plaintext, &obj.nonce)
                } else {
                    let via = format!("s3.{region}.amazonaws.com");
                    let caller = Caller {
                        principal: &requester,
                        region: Some(region.as_str()),
                        via_service: Some(&via),
                    };
                    let req = json!({"CiphertextBlob": b64::encode(encrypted_data_key), "EncryptionContext": context.as_map()});
                    let r = self.call(&caller, "Decrypt", &req);
                    let decision = r.decisions.last().cloned();
                    decisions.extend(r.decisions);
                    let mut call_step = S3Step::new(Actor::S3, Actor::Kms, "Decrypt", format!("S3 sends the stored encrypted data key to KMS, on {}'s behalf, with the same encryption context.", p.short_name()))
                        .with("encrypted data key", format!("{} bytes", encrypted_data_key.len()))
                        .with("EncryptionContext", serde_json::to_string(context.as_map()).unwrap_or_default());
                    call_step.decision = decision;
                    match r.output {
                        Err(e) => return Err(kms_refused(steps, call_step, &e, "download")),
                        Ok(out) => {
                            steps.push(call_step);
                            let plain = Secret::new(
                                out.get("Plaintext")
                                    .and_then(Value::as_str)
                                    .and_then(|s| b64::decode(s).ok())
                                    .unwrap_or_default(),
                            );
                            steps.push(
                                S3Step::new(
                                    Actor::Kms,
                                    Actor::S3,
                                    "Plaintext data key",
                                    String::from(
                                        "KMS decrypts the data key and returns it in plaintext.",
                                    ),
                                )
                                .with(
                                    "plaintext data key",
                                    format!(
                                        "{} bytes: {}",
                                        plain.len(),
                                        hex_prefix(plain.expose(), 4)
                                    ),
                                ),
                            );
                            let material = KeyMaterial::from_bytes(
                                <[u8; 32]>::try_from(plain.expose()).unwrap_or([0; 32]),
                            );
                            if *bucket_key {
                                if let Some(bm) = self.buckets.get_mut(bi) {
                                    bm.bucket_keys.retain(|k| {
                                        !(k.kms_key_arn == *kms_key_arn && k.requester == requester)
                                    });
                                    bm.bucket_keys.push(BucketKey {
                                        kms_key_arn: kms_key_arn.clone(),
                                        requester: requester.clone(),
                                        encrypted: encrypted_data_key.clone(),
                                        plaintext: material.clone(),
                                        obtained: now,
                                    });
                                }
                                derive_object_key(&material, &obj.nonce)
                            } else {
                                *material.expose()
                            }
                        }
                    }
                }
            }
        };
        let body = crypto::aes256_gcm_open(
            &data_key,
            &obj.nonce,
            format!("arn:aws:s3:::{bucket_name}/{key}").as_bytes(),
            &obj.stored,
        )
        .map_err(|_| S3Error::new("InternalError", 500, "the object does not decrypt"))?;
        steps.push(
            S3Step::new(
                Actor::S3,
                Actor::S3,
                "Decrypt",
                String::from("S3 decrypts the object with the plaintext data key."),
            )
            .with("plaintext", format!("{} bytes", body.len())),
        );
        steps.push(
            S3Step::new(
                Actor::S3,
                Actor::Client,
                "200 OK",
                String::from("S3 returns the decrypted object."),
            )
            .with("size", format!("{} bytes", body.len())),
        );
        steps.push(S3Step::new(
            Actor::S3,
            Actor::S3,
            "Drop the plaintext key",
            String::from("S3 deletes the plaintext data key from memory."),
        ));
        meta.insert("Body".into(), json!(b64::encode(body.expose())));
        Ok(Value::Object(meta))
    }

    fn list_objects(&self, input: &Value) -> Result<Value, S3Error> {
        let bi = self.bucket_index(input)?;
        let b = self
            .buckets
            .get(bi)
            .ok_or_else(|| S3Error::new("NoSuchBucket", 404, "no bucket"))?;
        let prefix = input.get("Prefix").and_then(Value::as_str).unwrap_or("");
        let max = input
            .get("MaxKeys")
            .and_then(Value::as_u64)
            .unwrap_or(1000)
            .min(1000) as usize;
        let after = input
            .get("ContinuationToken")
            .and_then(Value::as_str)
            .and_then(|t| b64::decode(t).ok())
            .and_then(|b| String::from_utf8(b).ok());
        let matching: Vec<&Object> = b
            .objects
            .iter()
            .filter(|o| {
                o.key.starts_with(prefix)
                    && after.as_ref().is_none_or(|a| o.key.as_str() > a.as_str())
            })
            .collect();
        let page: Vec<&&Object> = matching.iter().take(max).collect();
        let mut out = Map::new();
        out.insert("Name".into(), json!(b.name));
        out.insert("Prefix".into(), json!(prefix));
        out.insert("KeyCount".into(), json!(page.len()));
        out.insert("MaxKeys".into(), json!(max));
        out.insert("IsTruncated".into(), json!(matching.len() > page.len()));
        out.insert("Contents".into(), Value::Array(page.iter().map(|o| json!({"Key": o.key, "Size": o.size, "ETag": o.etag, "LastModified": o.last_modified.to_string()})).collect()));
        if let Some(last) = page.last().filter(|_| matching.len() > page.len()) {
            out.insert(
                "NextContinuationToken".into(),
                json!(b64::encode(last.key.as_bytes())),
            );
        }
        Ok(Value::Object(out))
    }

    fn delete_object(&mut self, input: &Value) -> Result<Value, S3Error> {
        let bi = self.bucket_index(input)?;
        let key = String::from(World::object_key(input)?);
        if let Some(b) = self.buckets.get_mut(bi) {
            b.objects.retain(|o| o.key != key);
        }
        Ok(json!({}))
    }
}

/// The steps of a KMS call that failed, and the error S3 answers with.
fn kms_refused(
    steps: &mut Vec<S3Step>,
    mut call_step: S3Step,
    e: &ApiError,
    what: &str,
) -> S3Error {
    call_step.ok = false;
    steps.push(call_step);
    steps.push(S3Step {
        ok: false,
        ..S3Step::new(Actor::Kms, Actor::S3, e.code.as_str(), e.message.clone())
    });
    let err = S3Error::from_kms(e);
    let detail = format!("S3 refuses the {what} ({} {}).", err.status, err.code);
    steps.push(S3Step {
        ok: false,
        ..S3Step::new(Actor::S3, Actor::Client, &err.code, detail)
    });
    err
}

fn store(b: &mut Bucket, o: Object) {
    match b.objects.binary_search_by(|x| x.key.cmp(&o.key)) {
        Ok(i) => {
            if let Some(slot) = b.objects.get_mut(i) {
                *slot = o;
            }
        }
        Err(i) => b.objects.insert(i, o),
    }
}

fn etag(stored: &[u8]) -> String {
    // A stable fingerprint of the stored bytes (S3's ETag is an MD5; any fingerprint
    // serves in the simulator).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in stored {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("\"{h:016x}\"")
}

#[cfg(test)]
mod tests;
