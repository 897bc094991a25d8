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

use crate::api::{ApiError, Caller, Operation, identity_of};
use crate::audit::{AuditEvent, EventType};
use crate::authz::Decision;
use crate::b64;
use crate::clock::{Duration, Timestamp};
use crate::context::EncryptionContext;
use crate::crypto::KeyMaterial;
use crate::ids::{AccountId, KeyArn, Region};
use crate::principal::Principal;
use crate::service::check::refusal;
use crate::service::{ChildCall, Descriptor, Parts, Service, ServiceError, check_input};
use crate::world::World;

mod bucket_keys;
mod error;
mod get;
mod put;
mod steps;

pub use error::S3Error;
pub use steps::{Actor, S3Result, S3Step};

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
    pub kms_key_arn: KeyArn,
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
        kms_key_arn: KeyArn,
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

/// Whether `name` is a bucket name S3 accepts: 3–63 lower-case letters, digits, dots and
/// hyphens, beginning and ending with a letter or digit, with no `..`.
pub(crate) fn bucket_name_ok(name: &str) -> bool {
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

impl World {
    /// The buckets.
    pub fn buckets(&self) -> &[Bucket] {
        &self.buckets
    }

    /// Answers the S3 request `d` describes as `caller` (through [`World::request`]).
    pub(crate) fn s3(&mut self, caller: &Caller<'_>, d: &Descriptor, input: &Value) -> S3Result {
        let mut steps = Vec::new();
        let mut children = Vec::new();
        // The caller is resolved as the KMS door resolves it (a principal of the world, or
        // an account's root user); S3 names a stranger with its own code.
        let output = match self.open_call(caller).map(|c| c.principal) {
            Err(_) => Err(S3Error::new(
                "InvalidAccessKeyId",
                403,
                format!("`{}` is not a principal of this world", caller.principal),
            )),
            Ok(p) => match check_input(d, input) {
                Err(v) => {
                    let e = refusal(Service::S3, &v);
                    Err(S3Error::new(&e.code, e.status, e.message))
                }
                Ok(()) => {
                    let region = Region::parse(caller.region.unwrap_or(self.region.as_str()))
                        .unwrap_or_else(|_| self.region.clone());
                    match d.name() {
                        "CreateBucket" => self.create_bucket_audited(caller, &p, &region, d, input),
                        "PutObject" => self.put_object(&p, input, &mut steps, &mut children),
                        "GetObject" => self.get_object(&p, input, &mut steps, &mut children, true),
                        "HeadObject" => {
                            self.get_object(&p, input, &mut steps, &mut children, false)
                        }
                        "ListObjectsV2" => self.list_objects(input),
                        "DeleteObject" => self.delete_object(input),
                        other => Err(S3Error::new(
                            "NotImplemented",
                            501,
                            format!("the simulator has no handler for s3:{other}"),
                        )),
                    }
                }
            },
        };
        S3Result {
            output,
            steps,
            children,
        }
    }

    /// CreateBucket, recorded in the audit log as CloudTrail records S3's management
    /// events (object reads and writes are data events, which a trail leaves out unless
    /// asked: docs/FIDELITY.md).
    fn create_bucket_audited(
        &mut self,
        caller: &Caller<'_>,
        p: &Principal,
        region: &Region,
        d: &Descriptor,
        input: &Value,
    ) -> Result<Value, S3Error> {
        let event_id = self.new_uuid().map_err(internal)?;
        let out = self.create_bucket(p, region, d, input);
        let name = input
            .get("Bucket")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let (code, message) = match &out {
            Ok(_) => (None, None),
            Err(e) => (Some(e.code.clone()), Some(e.message.clone())),
        };
        self.log(AuditEvent {
            event_time: self.now(),
            event_source: String::from("s3.amazonaws.com"),
            event_name: String::from("CreateBucket"),
            aws_region: region.as_str().to_string(),
            user_identity: identity_of(p, caller.via_service),
            request_parameters: {
                let mut r = Map::new();
                r.insert("bucketName".into(), json!(name));
                r.insert(
                    "Host".into(),
                    json!(format!("{name}.s3.{}.amazonaws.com", region.as_str())),
                );
                if let Some(c) = input.get("CreateBucketConfiguration") {
                    r.insert("CreateBucketConfiguration".into(), c.clone());
                }
                Value::Object(r)
            },
            response_elements: Value::Null,
            error_code: code,
            error_message: message,
            resources: alloc::vec![format!("arn:aws:s3:::{name}")],
            event_id,
            read_only: false,
            event_type: EventType::AwsApiCall,
            recipient_account_id: p.account_str().to_string(),
            decision_rule: None,
            service_event_details: Value::Null,
        });
        out
    }

    /// Calls KMS on the requester's behalf, as S3 does, and keeps the call as a child of
    /// the S3 request with its real input and output. Gives KMS's answer and the decision
    /// that settled it.
    pub(crate) fn kms_for_s3(
        &mut self,
        caller: &Caller<'_>,
        op: Operation,
        input: Value,
        children: &mut Vec<ChildCall>,
    ) -> (Result<Value, ApiError>, Option<Decision>) {
        let r = self.call_op(caller, op, &input);
        let decision = r.decisions.last().cloned();
        children.push(ChildCall {
            service: Service::Kms,
            operation: op.name(),
            via: "s3.amazonaws.com",
            region: String::from(caller.region.unwrap_or(self.region.as_str())),
            input,
            output: r.output.clone().map_err(ServiceError::from),
            decisions: r.decisions,
        });
        (r.output, decision)
    }

    fn bucket(&self, index: usize) -> Result<&Bucket, S3Error> {
        self.buckets
            .get(index)
            .ok_or_else(|| S3Error::new("NoSuchBucket", 404, "no bucket"))
    }

    fn bucket_mut(&mut self, index: usize) -> Result<&mut Bucket, S3Error> {
        self.touch(Parts::S3);
        self.buckets
            .get_mut(index)
            .ok_or_else(|| S3Error::new("NoSuchBucket", 404, "no bucket"))
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
        d: &Descriptor,
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
        // The Region of the endpoint decides, as the S3 API Reference says: a bucket made
        // outside us-east-1 names its Region as its LocationConstraint.
        let constraint = input
            .get("CreateBucketConfiguration")
            .and_then(|c| c.get("LocationConstraint"))
            .and_then(Value::as_str);
        // The Regions AWS's model lists for a LocationConstraint (us-east-1 is not one).
        let regions = crate::service::member(d.input(), "CreateBucketConfiguration")
            .and_then(|m| match m.shape.kind {
                crate::service::Kind::Structure(ms) => {
                    crate::service::member(ms, "LocationConstraint")
                }
                _ => None,
            })
            .map_or(&[][..], |m| m.shape.enums);
        if let Some(c) = constraint.filter(|c| *c != "us-east-1" && !regions.contains(c)) {
            return Err(S3Error::new(
                "InvalidLocationConstraint",
                400,
                format!("The specified location-constraint is not valid: {c} is not a Region"),
            ));
        }
        match (region.as_str(), constraint) {
            ("us-east-1", None) => {}
            ("us-east-1", Some("us-east-1")) => {
                return Err(S3Error::new(
                    "InvalidLocationConstraint",
                    400,
                    "The specified location-constraint is not valid: us-east-1 is the default, sent without a LocationConstraint",
                ));
            }
            (r, Some(c)) if c == r => {}
            (_, c) => {
                return Err(S3Error::new(
                    "IllegalLocationConstraintException",
                    400,
                    format!(
                        "The {} location constraint is incompatible for the region specific endpoint this request was sent to ({}).",
                        c.unwrap_or("unspecified"),
                        region.as_str()
                    ),
                ));
            }
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
        let key = KeyMaterial::generate(&mut self.entropy).map_err(internal)?;
        self.touch(Parts::S3);
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
        let delimiter = input
            .get("Delimiter")
            .and_then(Value::as_str)
            .filter(|d| !d.is_empty());
        // The entries of the listing in key order: objects, and (with a delimiter) the
        // common prefixes that stand for the keys under them, each once.
        let mut entries: Vec<Entry<'_>> = Vec::new();
        for o in b.objects.iter().filter(|o| o.key.starts_with(prefix)) {
            let rolled = delimiter.and_then(|d| {
                let rest = o.key.get(prefix.len()..)?;
                rest.find(d)
                    .and_then(|i| o.key.get(..prefix.len() + i + d.len()))
            });
            let entry = match rolled {
                Some(p) => Entry::Prefix(p),
                None => Entry::Object(o),
            };
            if let (Entry::Prefix(p), Some(Entry::Prefix(last))) = (&entry, entries.last())
                && p == last
            {
                continue;
            }
            entries.push(entry);
        }
        // The token is the last entry of the previous page: what sorts after it, and
        // nothing under a common prefix already listed.
        let matching: Vec<&Entry<'_>> = entries
            .iter()
            .filter(|e| {
                after.as_deref().is_none_or(|a| {
                    e.name() > a
                        && !(delimiter.is_some_and(|d| a.ends_with(d)) && e.name().starts_with(a))
                })
            })
            .collect();
        let page: Vec<&&Entry<'_>> = matching.iter().take(max).collect();
        let mut out = Map::new();
        out.insert("Name".into(), json!(b.name));
        out.insert("Prefix".into(), json!(prefix));
        if let Some(d) = delimiter {
            out.insert("Delimiter".into(), json!(d));
        }
        out.insert("KeyCount".into(), json!(page.len()));
        out.insert("MaxKeys".into(), json!(max));
        out.insert("IsTruncated".into(), json!(matching.len() > page.len()));
        out.insert("Contents".into(), Value::Array(page.iter().filter_map(|e| match e {
            Entry::Object(o) => Some(json!({"Key": o.key, "Size": o.size, "ETag": o.etag, "LastModified": o.last_modified.to_string()})),
            Entry::Prefix(_) => None,
        }).collect()));
        let prefixes: Vec<Value> = page
            .iter()
            .filter_map(|e| match e {
                Entry::Prefix(p) => Some(json!({"Prefix": p})),
                Entry::Object(_) => None,
            })
            .collect();
        if !prefixes.is_empty() {
            out.insert("CommonPrefixes".into(), Value::Array(prefixes));
        }
        if let Some(last) = page.last().filter(|_| matching.len() > page.len()) {
            out.insert(
                "NextContinuationToken".into(),
                json!(b64::encode(last.name().as_bytes())),
            );
        }
        Ok(Value::Object(out))
    }

    fn delete_object(&mut self, input: &Value) -> Result<Value, S3Error> {
        let bi = self.bucket_index(input)?;
        let key = String::from(World::object_key(input)?);
        self.touch(Parts::S3);
        if let Some(b) = self.buckets.get_mut(bi) {
            b.objects.retain(|o| o.key != key);
        }
        Ok(json!({}))
    }
}

/// S3's `InternalError` (500) for what the simulator could not do.
fn internal(cause: impl core::fmt::Display) -> S3Error {
    S3Error::new("InternalError", 500, alloc::format!("{cause}"))
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

/// An entry of a listing: an object, or a common prefix rolling up the keys under it.
enum Entry<'a> {
    Object(&'a Object),
    Prefix(&'a str),
}

impl Entry<'_> {
    fn name(&self) -> &str {
        match self {
            Entry::Object(o) => &o.key,
            Entry::Prefix(p) => p,
        }
    }
}
