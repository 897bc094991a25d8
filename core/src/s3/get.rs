//! GetObject and HeadObject: the notes' four download steps. The client asks for the
//! object; S3 sends the stored encrypted data key to KMS's Decrypt on the requester's
//! behalf; KMS returns the plaintext data key; S3 decrypts the object, returns it and
//! drops the key.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use super::bucket_keys::{self, derive_object_key};
use super::steps::{Actor, S3Step, hex_prefix, kms_refused};
use super::{ObjectEncryption, S3Error, internal};
use crate::api::Caller;
use crate::api::Operation;
use crate::b64;
use crate::context::EncryptionContext;
use crate::crypto::{self, DataKey, Secret};
use crate::ids::KeyArn;
use crate::principal::Principal;
use crate::service::ChildCall;
use crate::world::World;

/// What a download asks KMS to decrypt.
struct Download<'a> {
    p: &'a Principal,
    bucket: usize,
    kms_key: &'a KeyArn,
    encrypted: &'a [u8],
    context: &'a EncryptionContext,
    bucket_key: bool,
    nonce: &'a [u8; 12],
}

impl World {
    pub(super) fn get_object(
        &mut self,
        p: &Principal,
        input: &Value,
        steps: &mut Vec<S3Step>,
        children: &mut Vec<ChildCall>,
        with_body: bool,
    ) -> Result<Value, S3Error> {
        let bi = self.bucket_index(input)?;
        let key = String::from(World::object_key(input)?);
        let b = self.bucket(bi)?;
        let bucket_name = b.name.clone();
        let s3_key = *b.s3_managed_key.expose();
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
        let data_key: DataKey = match &obj.encryption {
            ObjectEncryption::SseS3 => {
                meta.insert("ServerSideEncryption".into(), json!("AES256"));
                Secret::new(s3_key)
            }
            ObjectEncryption::SseKms {
                kms_key_arn,
                encrypted_data_key,
                context,
                bucket_key,
                // GetObject and HeadObject do not answer the encryption context (their
                // models have no SSEKMSEncryptionContext; PutObject's has).
                caller_context: _,
            } => {
                meta.insert("ServerSideEncryption".into(), json!("aws:kms"));
                meta.insert("SSEKMSKeyId".into(), json!(kms_key_arn));
                meta.insert("BucketKeyEnabled".into(), json!(bucket_key));
                if !with_body {
                    steps.push(S3Step::new(Actor::S3, Actor::Client, "200 OK", String::from("HeadObject returns the metadata only: S3 does not need the data key, so it does not call KMS.")));
                    return Ok(Value::Object(meta));
                }
                let download = Download {
                    p,
                    bucket: bi,
                    kms_key: kms_key_arn,
                    encrypted: encrypted_data_key,
                    context,
                    bucket_key: *bucket_key,
                    nonce: &obj.nonce,
                };
                self.download_data_key(&download, steps, children)?
            }
        };
        let body = crypto::aes256_gcm_open(
            data_key.expose(),
            &obj.nonce,
            format!("arn:aws:s3:::{bucket_name}/{key}").as_bytes(),
            &obj.stored,
        )
        .map_err(|_| internal("the object does not decrypt"))?;
        drop(data_key);
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

    /// The key that decrypts an SSE-KMS object: from a bucket key S3 still holds (no KMS
    /// call), or from KMS's Decrypt of the stored encrypted key.
    fn download_data_key(
        &mut self,
        d: &Download<'_>,
        steps: &mut Vec<S3Step>,
        children: &mut Vec<ChildCall>,
    ) -> Result<DataKey, S3Error> {
        let requester = String::from(d.p.arn());
        let now = self.now();
        if d.bucket_key
            && let Some(bk) = bucket_keys::cached(
                self.bucket(d.bucket)?,
                d.kms_key,
                &requester,
                Some(d.encrypted),
                now,
            )
        {
            steps.push(
                S3Step::new(
                    Actor::S3,
                    Actor::S3,
                    "Reuse bucket key",
                    String::from("S3 still holds this bucket key: no call to KMS."),
                )
                .with("KMS calls saved", "1"),
            );
            return derive_object_key(&bk.plaintext, d.nonce);
        }
        let region = self.bucket(d.bucket)?.region.clone();
        let via = format!("s3.{region}.amazonaws.com");
        let caller = Caller {
            principal: &requester,
            region: Some(region.as_str()),
            via_service: Some(&via),
        };
        let req = json!({"CiphertextBlob": b64::encode(d.encrypted), "EncryptionContext": d.context.as_map()});
        let (output, decision) = self.kms_for_s3(&caller, Operation::Decrypt, req, children);
        let mut call_step = S3Step::new(Actor::S3, Actor::Kms, "Decrypt", format!("S3 sends the stored encrypted data key to KMS, on {}'s behalf, with the same encryption context.", d.p.short_name()))
            .with("encrypted data key", format!("{} bytes", d.encrypted.len()))
            .with("EncryptionContext", serde_json::to_string(d.context.as_map()).unwrap_or_default());
        call_step.decision = decision;
        let out = match output {
            Err(e) => return Err(kms_refused(steps, call_step, &e, "download")),
            Ok(out) => out,
        };
        steps.push(call_step);
        let plain = Secret::new(
            out.get("Plaintext")
                .and_then(Value::as_str)
                .and_then(|s| b64::decode(s).ok())
                .ok_or_else(|| internal("KMS's response has no Plaintext"))?,
        );
        steps.push(
            S3Step::new(
                Actor::Kms,
                Actor::S3,
                "Plaintext data key",
                String::from("KMS decrypts the data key and returns it in plaintext."),
            )
            .with(
                "plaintext data key",
                format!("{} bytes: {}", plain.len(), hex_prefix(plain.expose(), 4)),
            ),
        );
        let plain = plain.into_data_key().map_err(internal)?;
        if !d.bucket_key {
            return Ok(plain);
        }
        let kept = bucket_keys::bucket_key(
            d.kms_key.clone(),
            requester,
            Vec::from(d.encrypted),
            &plain,
            now,
        );
        let derived = derive_object_key(&kept.plaintext, d.nonce)?;
        bucket_keys::remember(self.bucket_mut(d.bucket)?, kept);
        Ok(derived)
    }
}
