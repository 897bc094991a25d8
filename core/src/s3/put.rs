//! PutObject: the notes' four upload steps. The object arrives asking for SSE-KMS; S3
//! calls GenerateDataKey on the requester's behalf; KMS returns the data key in plaintext
//! and encrypted, and S3 encrypts the object; S3 stores the encrypted object beside the
//! encrypted key and drops the plaintext key.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use super::bucket_keys::{self, derive_object_key};
use super::steps::{Actor, S3Step, hex_prefix, kms_refused};
use super::{
    BUCKET_KEY_LIFETIME, MAX_OBJECT_BYTES, Object, ObjectEncryption, S3Error, etag, internal, store,
};
use crate::api::Caller;
use crate::api::Operation;
use crate::b64;
use crate::context::EncryptionContext;
use crate::crypto::{self, DataKey, Secret};
use crate::ids::KeyArn;
use crate::principal::Principal;
use crate::service::ChildCall;
use crate::world::World;

/// A PutObject request, read.
struct Put<'a> {
    bucket: usize,
    key: String,
    body: Vec<u8>,
    sse: Option<&'a str>,
    kms_key_id: Option<&'a str>,
    caller_context: Option<&'a str>,
    bucket_key: bool,
}

fn invalid(message: impl Into<String>) -> S3Error {
    S3Error::new("InvalidArgument", 400, message)
}

/// The caller's own context pairs: base64-encoded JSON of strings, as the S3 API sends
/// them.
fn caller_context(b64_json: &str) -> Result<EncryptionContext, S3Error> {
    let parsed: Option<Map<String, Value>> = b64::decode(b64_json)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let Some(map) = parsed else {
        return Err(invalid(
            "SSEKMSEncryptionContext must be base64-encoded JSON of string pairs",
        ));
    };
    let mut context = EncryptionContext::new();
    for (k, v) in map {
        let Some(v) = v.as_str() else {
            return Err(invalid("SSEKMSEncryptionContext values must be strings"));
        };
        context.insert(k, v);
    }
    Ok(context)
}

impl World {
    fn read_put<'a>(&self, input: &'a Value) -> Result<Put<'a>, S3Error> {
        let bucket = self.bucket_index(input)?;
        let key = String::from(World::object_key(input)?);
        let body = match input.get("Body") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(s)) => {
                b64::decode(s).map_err(|_| invalid("`Body` must be base64"))?
            }
            Some(_) => return Err(invalid("`Body` must be base64 text")),
        };
        if body.len() > MAX_OBJECT_BYTES {
            return Err(S3Error::new(
                "EntityTooLarge",
                400,
                format!("The playground keeps objects of at most {MAX_OBJECT_BYTES} bytes"),
            ));
        }
        let text = |name: &str| input.get(name).and_then(Value::as_str);
        Ok(Put {
            bucket,
            key,
            body,
            sse: text("ServerSideEncryption"),
            kms_key_id: text("SSEKMSKeyId"),
            caller_context: text("SSEKMSEncryptionContext"),
            bucket_key: input
                .get("BucketKeyEnabled")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        })
    }

    pub(super) fn put_object(
        &mut self,
        p: &Principal,
        input: &Value,
        steps: &mut Vec<S3Step>,
        children: &mut Vec<ChildCall>,
    ) -> Result<Value, S3Error> {
        let put = self.read_put(input)?;
        let (bucket_name, bucket_region, owner) = {
            let b = self.bucket(put.bucket)?;
            (b.name.clone(), b.region.clone(), b.owner)
        };
        let mut first = S3Step::new(
            Actor::Client,
            Actor::S3,
            "PutObject",
            format!(
                "The client uploads {} to {bucket_name}, asking for server-side encryption {}.",
                put.key,
                put.sse.unwrap_or("(default: SSE-S3)")
            ),
        )
        .with("bucket", bucket_name.clone())
        .with("key", put.key.clone())
        .with("size", format!("{} bytes", put.body.len()));
        if let Some(sse) = put.sse {
            first = first.with("x-amz-server-side-encryption", sse);
        }
        if let Some(k) = put.kms_key_id {
            first = first.with("SSEKMSKeyId", k);
        }
        steps.push(first);
        let arn_of_object = format!("arn:aws:s3:::{bucket_name}/{}", put.key);
        match put.sse {
            None | Some("AES256") => return self.put_sse_s3(put, &arn_of_object, steps),
            Some("aws:kms") => {}
            Some(other) => {
                return Err(invalid(format!(
                    "ServerSideEncryption {other} is not offered by the simulator: use aws:kms or AES256"
                )));
            }
        }
        let mut context = match put.caller_context {
            Some(c) => caller_context(c)?,
            None => EncryptionContext::new(),
        };
        context.insert(
            "aws:s3:arn",
            if put.bucket_key {
                format!("arn:aws:s3:::{bucket_name}")
            } else {
                arn_of_object.clone()
            },
        );
        let kms_key = match put.kms_key_id {
            Some(k) => String::from(k),
            None => {
                let existed = self.aliases.iter().any(|a| {
                    a.name == "alias/aws/s3" && a.account == owner && a.region == bucket_region
                });
                let arn = self
                    .aws_managed_key(owner, &bucket_region, "s3")
                    .map_err(internal)?;
                if !existed {
                    steps.push(S3Step::new(Actor::S3, Actor::Kms, "Create aws/s3", String::from("No key was named and the account has no AWS managed key for S3 yet: KMS creates aws/s3, with its policy (any principal of the account, through S3 only).")).with("key", arn.as_str()));
                }
                String::from(arn.as_str())
            }
        };
        let nonce: [u8; 12] = self.entropy.array().map_err(internal)?;
        let upload = Upload {
            p,
            bucket: put.bucket,
            kms_key: &kms_key,
            context: &context,
            bucket_key: put.bucket_key,
            nonce: &nonce,
        };
        let (data_key, encrypted, kms_arn) = self.upload_data_key(&upload, steps, children)?;
        let stored = crypto::aes256_gcm_seal(
            data_key.expose(),
            &nonce,
            arn_of_object.as_bytes(),
            &put.body,
        )
        .map_err(internal)?;
        drop(data_key);
        steps.push(
            S3Step::new(
                Actor::S3,
                Actor::S3,
                "Encrypt",
                String::from("S3 encrypts the object with the plaintext data key (AES-256-GCM)."),
            )
            .with("plaintext", format!("{} bytes", put.body.len()))
            .with("ciphertext", format!("{} bytes", stored.len())),
        );
        let tag = etag(&stored);
        let now = self.now();
        store(
            self.bucket_mut(put.bucket)?,
            Object {
                key: put.key.clone(),
                size: put.body.len() as u64,
                last_modified: now,
                etag: tag.clone(),
                encryption: ObjectEncryption::SseKms {
                    kms_key_arn: kms_arn.clone(),
                    encrypted_data_key: encrypted.clone(),
                    context: context.clone(),
                    bucket_key: put.bucket_key,
                    caller_context: put.caller_context.map(String::from),
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
            .with("SSEKMSKeyId", kms_arn.as_str()),
        );
        let mut out = Map::new();
        out.insert("ETag".into(), json!(tag));
        out.insert("ServerSideEncryption".into(), json!("aws:kms"));
        out.insert("SSEKMSKeyId".into(), json!(kms_arn));
        out.insert("BucketKeyEnabled".into(), json!(put.bucket_key));
        if let Some(c) = put.caller_context {
            out.insert("SSEKMSEncryptionContext".into(), json!(c));
        }
        Ok(Value::Object(out))
    }

    /// SSE-S3: S3 encrypts with a key it manages itself; KMS takes no part.
    fn put_sse_s3(
        &mut self,
        put: Put<'_>,
        arn_of_object: &str,
        steps: &mut Vec<S3Step>,
    ) -> Result<Value, S3Error> {
        if put.kms_key_id.is_some() || put.caller_context.is_some() {
            return Err(invalid(
                "SSEKMSKeyId and SSEKMSEncryptionContext need ServerSideEncryption aws:kms",
            ));
        }
        let nonce: [u8; 12] = self.entropy.array().map_err(internal)?;
        let now = self.now();
        let b = self.bucket_mut(put.bucket)?;
        let stored = crypto::aes256_gcm_seal(
            b.s3_managed_key.expose(),
            &nonce,
            arn_of_object.as_bytes(),
            &put.body,
        )
        .map_err(internal)?;
        steps.push(
            S3Step::new(
                Actor::S3,
                Actor::S3,
                "Encrypt (SSE-S3)",
                String::from(
                    "S3 encrypts the object with a key S3 manages itself; KMS is not involved.",
                ),
            )
            .with("ciphertext", format!("{} bytes", stored.len())),
        );
        let etag = etag(&stored);
        store(
            b,
            Object {
                key: put.key,
                size: put.body.len() as u64,
                last_modified: now,
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
        Ok(json!({"ETag": etag, "ServerSideEncryption": "AES256"}))
    }

    /// The data key for an upload: a bucket key S3 still holds (no KMS call), or a new
    /// one from GenerateDataKey. Returns the key that encrypts this object, the encrypted
    /// key stored beside it, and the KMS key's ARN.
    fn upload_data_key(
        &mut self,
        u: &Upload<'_>,
        steps: &mut Vec<S3Step>,
        children: &mut Vec<ChildCall>,
    ) -> Result<(DataKey, Vec<u8>, KeyArn), S3Error> {
        let region = self.bucket(u.bucket)?.region.clone();
        let via = format!("s3.{region}.amazonaws.com");
        let requester = String::from(u.p.arn());
        let caller = Caller {
            principal: &requester,
            region: Some(region.as_str()),
            via_service: Some(&via),
        };
        let now = self.now();
        if u.bucket_key
            && let Some(named) = self.key_arn_for(&caller, u.kms_key)
            && let Some(bk) =
                bucket_keys::cached(self.bucket(u.bucket)?, &named, &requester, None, now)
        {
            steps.push(S3Step::new(Actor::S3, Actor::S3, "Reuse bucket key", String::from("S3 already holds a bucket key for this KMS key: no call to KMS. It derives a unique key for this object from it.")).with("bucket key obtained", alloc::format!("{}", bk.obtained)).with("KMS calls saved", "1"));
            return Ok((
                derive_object_key(&bk.plaintext, u.nonce)?,
                bk.encrypted.clone(),
                bk.kms_key_arn.clone(),
            ));
        }
        let gdk = json!({"KeyId": u.kms_key, "KeySpec": "AES_256", "EncryptionContext": u.context.as_map()});
        let (output, decision) =
            self.kms_for_s3(&caller, Operation::GenerateDataKey, gdk, children);
        let mut call_step = S3Step::new(Actor::S3, Actor::Kms, "GenerateDataKey", format!("S3 asks KMS, on {}'s behalf, for a data key under {}, with the encryption context.", u.p.short_name(), u.kms_key))
            .with("KeyId", u.kms_key)
            .with("EncryptionContext", serde_json::to_string(u.context.as_map()).unwrap_or_default())
            .with("kms:ViaService", via.clone());
        call_step.decision = decision;
        let out = match output {
            Err(e) => return Err(kms_refused(steps, call_step, &e, "upload")),
            Ok(out) => out,
        };
        steps.push(call_step);
        let field = |name: &str| {
            out.get(name)
                .and_then(Value::as_str)
                .and_then(|s| b64::decode(s).ok())
                .ok_or_else(|| internal(format!("KMS's response has no {name}")))
        };
        let plain = Secret::new(field("Plaintext")?);
        let encrypted = field("CiphertextBlob")?;
        let arn = out
            .get("KeyId")
            .and_then(Value::as_str)
            .and_then(|a| KeyArn::parse(a).ok())
            .ok_or_else(|| internal("KMS's response names no key"))?;
        steps.push(S3Step::new(Actor::Kms, Actor::S3, "Data key", String::from("KMS returns the data key twice: in plaintext, and encrypted under the KMS key."))
            .with("plaintext data key", format!("{} bytes: {}", plain.len(), hex_prefix(plain.expose(), 4)))
            .with("encrypted data key", format!("{} bytes", encrypted.len())));
        let plain = plain.into_data_key().map_err(internal)?;
        if !u.bucket_key {
            return Ok((plain, encrypted, arn));
        }
        let kept = bucket_keys::bucket_key(arn.clone(), requester, encrypted.clone(), &plain, now);
        let derived = derive_object_key(&kept.plaintext, u.nonce)?;
        bucket_keys::remember(self.bucket_mut(u.bucket)?, kept);
        steps.push(S3Step::new(Actor::S3, Actor::S3, "Bucket key", String::from("This data key is the bucket key: S3 keeps it for a while and derives a unique key for each object from it, so later uploads need no KMS call.")).with("valid for", alloc::format!("{BUCKET_KEY_LIFETIME}")));
        Ok((derived, encrypted, arn))
    }
}

/// What an upload asks KMS for.
struct Upload<'a> {
    p: &'a Principal,
    bucket: usize,
    kms_key: &'a str,
    context: &'a EncryptionContext,
    bucket_key: bool,
    nonce: &'a [u8; 12],
}
