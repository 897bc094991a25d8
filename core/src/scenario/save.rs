//! Saving a world as a scenario file: world → file → world gives the same world. The file
//! is a `kms-playground/scenario@1` file (so any version reads its principals, keys,
//! aliases, policies and grants); what the contract has no field for — key material
//! versions, key states and dates, grant IDs and tokens, the audit log, the position of
//! the random stream — travels in additional `state` fields (read by `state.rs`).
//!
//! A *shared* world ([`World::to_shared_scenario`]) is different: it is the world's
//! definition alone, with no `state` and no seed, so it carries no key material, data,
//! grant tokens or random stream that a link in a browser history or a forum post could
//! give away.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use crate::audit::AuditEvent;
use crate::b64;
use crate::clock::Timestamp;
use crate::crypto::KeyMaterial;
use crate::entropy::Entropy;
use crate::keys::{Key, KeyManager, KeyState, MaterialOrigin};
use crate::policy::{Policy, PolicyKind};
use crate::world::{World, default_policy_name};

use super::FORMAT;

fn t(ts: Timestamp) -> Value {
    json!(ts.to_string())
}

/// A policy as a file holds it: its text, as the learner wrote it — unless that text is
/// over a key policy's 32 KB (which a policy given as a JSON object may be, since it is
/// measured without its indentation), then as the JSON object itself.
fn policy_json(p: &Policy) -> Value {
    if p.kind() == PolicyKind::Key && p.text().len() > crate::policy::MAX_KEY_POLICY_BYTES {
        serde_json::from_str(p.text()).unwrap_or_else(|_| json!(p.text()))
    } else {
        json!(p.text())
    }
}

/// Whether a world is written whole (to save it) or as its definition alone (to share it).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Saved,
    Shared,
}

impl World {
    /// The world as a scenario file (with no steps), to save it. It holds the simulated
    /// key material, grant tokens and the random stream's seed and position: a saved world
    /// is as secret as the world itself.
    pub fn to_scenario(&self, title: Option<&str>) -> Value {
        self.scenario_file(title, Form::Saved)
    }

    /// The world as a scenario file to *share* (a link, a course page): its definition
    /// alone — principals and their policies, keys with their IDs, aliases, policies, tags,
    /// enabled flag and rotation period, grants — with no `state` and no seed. Opening it
    /// gives fresh randomness. What does not travel: key material (ciphertexts made in the
    /// original do not decrypt in the copy), older key material versions, deletions in
    /// progress (such a key is shared disabled), grant IDs and tokens, S3 buckets and
    /// objects, and the audit log.
    pub fn to_shared_scenario(&self, title: Option<&str>) -> Value {
        self.scenario_file(title, Form::Shared)
    }

    fn scenario_file(&self, title: Option<&str>, form: Form) -> Value {
        let saved = form == Form::Saved;
        let mut doc = Map::new();
        doc.insert("format".into(), json!(FORMAT));
        if let Some(title) = title {
            doc.insert("title".into(), json!(title));
        }
        doc.insert("region".into(), json!(self.region.as_str()));
        doc.insert("clock".into(), t(self.now()));
        if let (true, Entropy::Seeded { seed, .. }) = (saved, &self.entropy) {
            doc.insert("seed".into(), json!(seed));
        }
        let principals: Vec<Value> = self
            .principals
            .iter()
            .map(|p| {
                let mut m = Map::new();
                if let Some(n) = &p.name {
                    m.insert("name".into(), json!(n));
                }
                m.insert("arn".into(), json!(p.principal.arn()));
                let policies = p.policies.iter().zip(&p.policy_names).enumerate();
                m.insert(
                    "policies".into(),
                    Value::Array(
                        policies
                            .map(|(i, (policy, name))| {
                                if *name == default_policy_name(i) {
                                    policy_json(policy)
                                } else {
                                    json!({"PolicyName": name, "PolicyDocument": policy_json(policy)})
                                }
                            })
                            .collect(),
                    ),
                );
                Value::Object(m)
            })
            .collect();
        doc.insert("principals".into(), Value::Array(principals));
        let keys: Vec<Value> = self.keys.iter().map(|k| self.key_json(k, form)).collect();
        doc.insert("keys".into(), Value::Array(keys));
        let grants: Vec<Value> = self
            .grants
            .iter()
            .map(|g| {
                let mut m = Map::new();
                m.insert("key".into(), json!(g.key_arn));
                if let Some(n) = &g.name {
                    m.insert("name".into(), json!(n));
                }
                m.insert("granteePrincipal".into(), json!(g.grantee));
                if let Some(r) = &g.retiring {
                    m.insert("retiringPrincipal".into(), json!(r));
                }
                m.insert("operations".into(), Value::Array(g.operations.iter().map(|a| json!(a.name())).collect()));
                let mut c = Map::new();
                if let Some(e) = &g.constraints.equals {
                    c.insert("EncryptionContextEquals".into(), json!(e.as_map()));
                }
                if let Some(s) = &g.constraints.subset {
                    c.insert("EncryptionContextSubset".into(), json!(s.as_map()));
                }
                if !c.is_empty() {
                    m.insert("constraints".into(), Value::Object(c));
                }
                if saved {
                    m.insert(
                        "state".into(),
                        json!({"grantId": g.grant_id, "grantTokens": g.tokens, "created": t(g.created), "effective": t(g.effective), "issuingAccount": g.issuing_account.as_str()}),
                    );
                }
                Value::Object(m)
            })
            .collect();
        doc.insert("grants".into(), Value::Array(grants));
        doc.insert("steps".into(), json!([]));
        if saved {
            let mut state = json!({
                    "account": self.account.as_str(),
                    "aliases": self.aliases.iter().map(|a| json!({"name": a.name, "account": a.account.as_str(), "region": a.region.as_str(), "targetKeyId": a.target_key_id, "created": t(a.created), "updated": t(a.updated)})).collect::<Vec<_>>(),
                    "deletedKeys": self.deleted_keys,
                    "buckets": self.buckets.iter().map(bucket_json).collect::<Vec<_>>(),
                    "audit": self.audit.iter().map(AuditEvent::to_saved).collect::<Vec<_>>(),
            });
            // A world with the platform's randomness has no position to keep.
            if let (Entropy::Seeded { position, .. }, Some(m)) =
                (&self.entropy, state.as_object_mut())
                && let Ok(p) = u64::try_from(*position)
            {
                m.insert("entropyPosition".into(), json!(p));
            }
            doc.insert("state".into(), state);
        }
        Value::Object(doc)
    }

    fn key_json(&self, k: &Key, form: Form) -> Value {
        let mut m = Map::new();
        if let Some(h) = self.key_handle(&k.arn) {
            m.insert("name".into(), json!(h));
        }
        m.insert("keyId".into(), json!(k.key_id));
        m.insert("account".into(), json!(k.account.as_str()));
        m.insert("region".into(), json!(k.region.as_str()));
        m.insert("description".into(), json!(k.description));
        m.insert("aliases".into(), json!(self.alias_names_of(k)));
        m.insert("policy".into(), policy_json(&k.policy));
        m.insert("enabled".into(), json!(k.state == KeyState::Enabled));
        m.insert("keyManager".into(), json!(k.manager.as_str()));
        if !k.tags.is_empty() {
            m.insert(
                "tags".into(),
                Value::Object(k.tags.iter().map(|(a, b)| (a.clone(), json!(b))).collect()),
            );
        }
        if form == Form::Shared {
            if let (Some(r), KeyManager::Customer) = (k.rotation, k.manager) {
                m.insert("rotationPeriodInDays".into(), json!(r.period_days));
            }
            return Value::Object(m);
        }
        m.insert(
            "state".into(),
            json!({
                "keyState": k.state.as_str(),
                "created": t(k.created),
                "deletionDate": k.deletion_date.map(t),
                "pendingWindowInDays": k.pending_window_days,
                "rotation": k.rotation.map(|r| json!({"periodInDays": r.period_days, "next": t(r.next)})),
                "onDemandRotations": k.on_demand_rotations,
                "materials": k.materials.iter().map(|mv| json!({
                    "version": mv.version,
                    "id": mv.material_id,
                    "created": t(mv.created),
                    "origin": match mv.origin { MaterialOrigin::Initial => "INITIAL", MaterialOrigin::Automatic => "AUTOMATIC", MaterialOrigin::OnDemand => "ON_DEMAND" },
                    "material": b64::encode(mv.material.expose()),
                })).collect::<Vec<_>>(),
            }),
        );
        Value::Object(m)
    }
}

fn material(v: Option<&Value>) -> Option<KeyMaterial> {
    let b = b64::decode(v?.as_str()?).ok()?;
    Some(KeyMaterial::from_bytes(
        <[u8; 32]>::try_from(b.as_slice()).ok()?,
    ))
}

fn bytes(v: Option<&Value>) -> Option<Vec<u8>> {
    b64::decode(v?.as_str()?).ok()
}

fn time(v: Option<&Value>) -> Option<Timestamp> {
    Timestamp::parse(v?.as_str()?).ok()
}

fn bucket_json(b: &crate::s3::Bucket) -> Value {
    use crate::s3::ObjectEncryption;
    json!({
        "name": b.name,
        "owner": b.owner.as_str(),
        "region": b.region.as_str(),
        "created": t(b.created),
        "s3ManagedKey": b64::encode(b.s3_managed_key.expose()),
        "objects": b.objects.iter().map(|o| {
            let enc = match &o.encryption {
                ObjectEncryption::SseS3 => json!({"type": "AES256"}),
                ObjectEncryption::SseKms { kms_key_arn, encrypted_data_key, context, bucket_key, caller_context } => json!({
                    "type": "aws:kms", "kmsKeyArn": kms_key_arn, "encryptedDataKey": b64::encode(encrypted_data_key),
                    "context": context.as_map(), "bucketKey": bucket_key, "callerContext": caller_context,
                }),
            };
            json!({"key": o.key, "size": o.size, "lastModified": t(o.last_modified), "etag": o.etag, "encryption": enc, "nonce": b64::encode(&o.nonce), "stored": b64::encode(&o.stored)})
        }).collect::<Vec<_>>(),
        "bucketKeys": b.bucket_keys.iter().map(|k| json!({"kmsKeyArn": k.kms_key_arn, "requester": k.requester, "encrypted": b64::encode(&k.encrypted), "plaintext": b64::encode(k.plaintext.expose()), "obtained": t(k.obtained)})).collect::<Vec<_>>(),
    })
}

/// Reads a bucket back from a saved world; the error names what is missing or wrong.
pub(super) fn bucket_from_json(v: &Value) -> Result<crate::s3::Bucket, String> {
    use crate::s3::{Bucket, BucketKey, MAX_OBJECT_BYTES, Object, ObjectEncryption};
    let s = |o: &Value, k: &str| {
        o.get(k)
            .and_then(Value::as_str)
            .map(String::from)
            .ok_or_else(|| alloc::format!("a bucket needs `{k}` (a string)"))
    };
    let missing = |k: &str| alloc::format!("this bucket does not read: `{k}` is missing or wrong");
    let name = s(v, "name")?;
    if !crate::s3::bucket_name_ok(&name) {
        return Err(alloc::format!("`{name}` is not a bucket name"));
    }
    let mut objects: Vec<Object> = Vec::new();
    for o in v
        .get("objects")
        .and_then(Value::as_array)
        .ok_or_else(|| missing("objects"))?
    {
        let e = o.get("encryption").ok_or_else(|| missing("encryption"))?;
        let encryption = match e.get("type").and_then(Value::as_str) {
            Some("AES256") => ObjectEncryption::SseS3,
            Some("aws:kms") => ObjectEncryption::SseKms {
                kms_key_arn: e
                    .get("kmsKeyArn")
                    .and_then(Value::as_str)
                    .and_then(|a| crate::ids::KeyArn::parse(a).ok())
                    .ok_or_else(|| missing("kmsKeyArn"))?,
                encrypted_data_key: bytes(e.get("encryptedDataKey"))
                    .ok_or_else(|| missing("encryptedDataKey"))?,
                context: e
                    .get("context")
                    .and_then(Value::as_object)
                    .and_then(|m| {
                        m.iter()
                            .map(|(k, v)| Some((k.clone(), String::from(v.as_str()?))))
                            .collect::<Option<crate::context::EncryptionContext>>()
                    })
                    .ok_or_else(|| missing("context"))?,
                bucket_key: e
                    .get("bucketKey")
                    .and_then(Value::as_bool)
                    .ok_or_else(|| missing("bucketKey"))?,
                caller_context: e
                    .get("callerContext")
                    .and_then(Value::as_str)
                    .map(String::from),
            },
            _ => return Err(missing("encryption.type")),
        };
        let key = s(o, "key")?;
        if key.is_empty() || key.len() > 1024 || objects.iter().any(|x| x.key == key) {
            return Err(alloc::format!(
                "the object key `{key}` is empty, too long or repeated"
            ));
        }
        let stored = bytes(o.get("stored")).ok_or_else(|| missing("stored"))?;
        if stored.len() > MAX_OBJECT_BYTES + crate::crypto::TAG_BYTES {
            return Err(String::from(
                "an object is larger than the simulated S3 keeps",
            ));
        }
        objects.push(Object {
            key,
            size: o
                .get("size")
                .and_then(Value::as_u64)
                .ok_or_else(|| missing("size"))?,
            last_modified: time(o.get("lastModified")).ok_or_else(|| missing("lastModified"))?,
            etag: s(o, "etag")?,
            encryption,
            nonce: bytes(o.get("nonce"))
                .and_then(|b| <[u8; 12]>::try_from(b.as_slice()).ok())
                .ok_or_else(|| missing("nonce"))?,
            stored,
        });
    }
    objects.sort_by(|a, b| a.key.cmp(&b.key));
    let mut bucket_keys = Vec::new();
    for k in v
        .get("bucketKeys")
        .and_then(Value::as_array)
        .ok_or_else(|| missing("bucketKeys"))?
    {
        bucket_keys.push(BucketKey {
            kms_key_arn: k
                .get("kmsKeyArn")
                .and_then(Value::as_str)
                .and_then(|a| crate::ids::KeyArn::parse(a).ok())
                .ok_or_else(|| missing("bucketKeys.kmsKeyArn"))?,
            requester: s(k, "requester")?,
            encrypted: bytes(k.get("encrypted")).ok_or_else(|| missing("bucketKeys.encrypted"))?,
            plaintext: material(k.get("plaintext"))
                .ok_or_else(|| missing("bucketKeys.plaintext"))?,
            obtained: time(k.get("obtained")).ok_or_else(|| missing("bucketKeys.obtained"))?,
        });
    }
    Ok(Bucket {
        name,
        owner: v
            .get("owner")
            .and_then(Value::as_str)
            .and_then(|a| crate::ids::AccountId::parse(a).ok())
            .ok_or_else(|| missing("owner"))?,
        region: v
            .get("region")
            .and_then(Value::as_str)
            .and_then(|r| crate::ids::Region::parse(r).ok())
            .ok_or_else(|| missing("region"))?,
        created: time(v.get("created")).ok_or_else(|| missing("created"))?,
        s3_managed_key: material(v.get("s3ManagedKey")).ok_or_else(|| missing("s3ManagedKey"))?,
        objects,
        bucket_keys,
    })
}
