//! Saving a world as a scenario file, and restoring it: world → file → world gives the
//! same world. The file is a `kms-playground/scenario@1` file (so any version reads its
//! principals, keys, aliases, policies and grants); what the contract has no field for —
//! key material versions, key states and dates, grant IDs and tokens, the audit log, the
//! position of the random stream — travels in additional `state` fields.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use crate::audit::AuditEvent;
use crate::b64;
use crate::clock::Timestamp;
use crate::crypto::KeyMaterial;
use crate::entropy::Entropy;
use crate::keys::{KeyManager, KeyState, MaterialOrigin, MaterialVersion, Rotation};
use crate::world::{Alias, World};

use super::FORMAT;

fn t(ts: Timestamp) -> Value {
    json!(ts.to_string())
}

impl World {
    /// The world as a scenario file (with no steps). It holds the simulated key material:
    /// a saved world is as secret as the world itself.
    pub fn to_scenario(&self, title: Option<&str>) -> Value {
        let mut doc = Map::new();
        doc.insert("format".into(), json!(FORMAT));
        if let Some(title) = title {
            doc.insert("title".into(), json!(title));
        }
        doc.insert("region".into(), json!(self.region.as_str()));
        doc.insert("clock".into(), t(self.now()));
        if let Entropy::Seeded { seed, .. } = self.entropy {
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
                m.insert(
                    "policies".into(),
                    Value::Array(p.policies.iter().map(|pol| json!(pol.text())).collect()),
                );
                Value::Object(m)
            })
            .collect();
        doc.insert("principals".into(), Value::Array(principals));
        let keys: Vec<Value> = self
            .keys
            .iter()
            .map(|k| {
                let mut m = Map::new();
                if let Some(h) = self.key_handle(&k.arn) {
                    m.insert("name".into(), json!(h));
                }
                m.insert("keyId".into(), json!(k.key_id));
                m.insert("account".into(), json!(k.account.as_str()));
                m.insert("region".into(), json!(k.region.as_str()));
                m.insert("description".into(), json!(k.description));
                m.insert("aliases".into(), json!(self.alias_names_of(k)));
                m.insert("policy".into(), json!(k.policy.text()));
                m.insert("enabled".into(), json!(k.state == KeyState::Enabled));
                m.insert("keyManager".into(), json!(k.manager.as_str()));
                m.insert(
                    "state".into(),
                    json!({
                        "keyState": k.state.as_str(),
                        "created": t(k.created),
                        "deletionDate": k.deletion_date.map(t),
                        "pendingWindowInDays": k.pending_window_days,
                        "rotation": k.rotation.map(|r| json!({"periodInDays": r.period_days, "next": t(r.next)})),
                        "onDemandRotations": k.on_demand_rotations,
                        "tags": k.tags.iter().map(|(a, b)| json!([a, b])).collect::<Vec<_>>(),
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
            })
            .collect();
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
                m.insert(
                    "state".into(),
                    json!({"grantId": g.grant_id, "grantToken": g.token, "created": t(g.created), "effective": t(g.effective), "issuingAccount": g.issuing_account.as_str()}),
                );
                Value::Object(m)
            })
            .collect();
        doc.insert("grants".into(), Value::Array(grants));
        doc.insert("steps".into(), json!([]));
        doc.insert(
            "state".into(),
            json!({
                "account": self.account.as_str(),
                "entropyPosition": match self.entropy { Entropy::Seeded { position, .. } => u64::try_from(position).ok(), Entropy::Platform => None },
                "aliases": self.aliases.iter().map(|a| json!({"name": a.name, "account": a.account.as_str(), "region": a.region.as_str(), "targetKeyId": a.target_key_id, "created": t(a.created), "updated": t(a.updated)})).collect::<Vec<_>>(),
                "deletedKeys": self.deleted_keys,
                "buckets": self.buckets.iter().map(bucket_json).collect::<Vec<_>>(),
                "audit": self.audit.iter().map(AuditEvent::to_json).collect::<Vec<_>>(),
            }),
        );
        Value::Object(doc)
    }

    /// Applies the `state` fields of a saved world (see [`World::to_scenario`]) on top of
    /// the world its contract fields built. Returns a message for the first field that
    /// does not read.
    pub(crate) fn restore_state(&mut self, doc: &Value) -> Result<(), String> {
        let ts = |v: &Value, what: &str| -> Result<Timestamp, String> {
            v.as_str()
                .and_then(|s| Timestamp::parse(s).ok())
                .ok_or_else(|| alloc::format!("{what}: expected an RFC 3339 time"))
        };
        if let Some(state) = doc.get("state") {
            if let Some(a) = state.get("account").and_then(Value::as_str) {
                self.account = crate::ids::AccountId::parse(a).map_err(|e| e.to_string())?;
            }
            if let (Some(words), Entropy::Seeded { position, .. }) = (
                state.get("entropyPosition").and_then(Value::as_u64),
                &mut self.entropy,
            ) {
                *position = u128::from(words);
            }
            if let Some(aliases) = state.get("aliases").and_then(Value::as_array) {
                let mut out = Vec::new();
                for a in aliases {
                    let s = |k: &str| {
                        a.get(k)
                            .and_then(Value::as_str)
                            .ok_or_else(|| alloc::format!("state.aliases: missing {k}"))
                    };
                    out.push(Alias {
                        name: String::from(s("name")?),
                        account: crate::ids::AccountId::parse(s("account")?)
                            .map_err(|e| e.to_string())?,
                        region: crate::ids::Region::parse(s("region")?)
                            .map_err(|e| e.to_string())?,
                        target_key_id: String::from(s("targetKeyId")?),
                        created: ts(
                            a.get("created").unwrap_or(&Value::Null),
                            "state.aliases.created",
                        )?,
                        updated: ts(
                            a.get("updated").unwrap_or(&Value::Null),
                            "state.aliases.updated",
                        )?,
                    });
                }
                self.aliases = out;
            }
            if let Some(d) = state.get("deletedKeys").and_then(Value::as_array) {
                self.deleted_keys = d
                    .iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect();
            }
            if let Some(buckets) = state.get("buckets").and_then(Value::as_array) {
                self.buckets = buckets
                    .iter()
                    .map(bucket_from_json)
                    .collect::<Option<Vec<_>>>()
                    .ok_or("state.buckets: a bucket does not read")?;
            }
            if let Some(events) = state.get("audit").and_then(Value::as_array) {
                self.audit = events
                    .iter()
                    .map(|e| {
                        AuditEvent::from_json(e)
                            .ok_or_else(|| String::from("state.audit: an event does not read"))
                    })
                    .collect::<Result<_, _>>()?;
            }
        }
        for (i, k) in doc
            .get("keys")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let Some(st) = k.get("state") else { continue };
            let key = self.keys.get_mut(i).ok_or("keys: fewer keys than states")?;
            key.state = match st.get("keyState").and_then(Value::as_str) {
                Some("Enabled") => KeyState::Enabled,
                Some("Disabled") => KeyState::Disabled,
                Some("PendingDeletion") => KeyState::PendingDeletion,
                _ => {
                    return Err(alloc::format!(
                        "keys[{i}].state.keyState: expected Enabled, Disabled or PendingDeletion"
                    ));
                }
            };
            key.created = ts(st.get("created").unwrap_or(&Value::Null), "created")?;
            key.deletion_date = match st.get("deletionDate") {
                None | Some(Value::Null) => None,
                Some(v) => Some(ts(v, "deletionDate")?),
            };
            key.pending_window_days = st
                .get("pendingWindowInDays")
                .and_then(Value::as_u64)
                .map(|d| d as u32);
            key.rotation = match st.get("rotation") {
                None | Some(Value::Null) => None,
                Some(r) => Some(Rotation {
                    period_days: r
                        .get("periodInDays")
                        .and_then(Value::as_u64)
                        .ok_or("rotation.periodInDays")? as u32,
                    next: ts(r.get("next").unwrap_or(&Value::Null), "rotation.next")?,
                }),
            };
            key.on_demand_rotations = st
                .get("onDemandRotations")
                .and_then(Value::as_u64)
                .unwrap_or(0) as u32;
            key.tags = st
                .get("tags")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|p| {
                    Some((
                        String::from(p.get(0)?.as_str()?),
                        String::from(p.get(1)?.as_str()?),
                    ))
                })
                .collect();
            let mut materials = Vec::new();
            for m in st
                .get("materials")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let bytes: [u8; 32] = m
                    .get("material")
                    .and_then(Value::as_str)
                    .and_then(|s| b64::decode(s).ok())
                    .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
                    .ok_or_else(|| {
                        alloc::format!(
                            "keys[{i}].state.materials: material must be 32 bytes in base64"
                        )
                    })?;
                materials.push(MaterialVersion {
                    version: m
                        .get("version")
                        .and_then(Value::as_u64)
                        .ok_or("material version")? as u32,
                    material_id: String::from(
                        m.get("id").and_then(Value::as_str).ok_or("material id")?,
                    ),
                    material: KeyMaterial::from_bytes(bytes),
                    created: ts(m.get("created").unwrap_or(&Value::Null), "material created")?,
                    origin: match m.get("origin").and_then(Value::as_str) {
                        Some("AUTOMATIC") => MaterialOrigin::Automatic,
                        Some("ON_DEMAND") => MaterialOrigin::OnDemand,
                        _ => MaterialOrigin::Initial,
                    },
                });
            }
            if !materials.is_empty() {
                key.materials = materials;
            }
            if key.manager == KeyManager::Aws && key.rotation.is_none() {
                return Err(alloc::format!(
                    "keys[{i}]: an AWS managed key rotates yearly"
                ));
            }
        }
        for (i, g) in doc
            .get("grants")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let Some(st) = g.get("state") else { continue };
            let grant = self
                .grants
                .get_mut(i)
                .ok_or("grants: fewer grants than states")?;
            let s = |k: &str| {
                st.get(k)
                    .and_then(Value::as_str)
                    .ok_or_else(|| alloc::format!("grants[{i}].state.{k}"))
            };
            grant.grant_id = String::from(s("grantId")?);
            grant.token = String::from(s("grantToken")?);
            grant.created = ts(st.get("created").unwrap_or(&Value::Null), "grant created")?;
            grant.effective = ts(
                st.get("effective").unwrap_or(&Value::Null),
                "grant effective",
            )?;
            grant.issuing_account =
                crate::ids::AccountId::parse(s("issuingAccount")?).map_err(|e| e.to_string())?;
        }
        Ok(())
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

fn bucket_from_json(v: &Value) -> Option<crate::s3::Bucket> {
    use crate::s3::{Bucket, BucketKey, Object, ObjectEncryption};
    let s = |o: &Value, k: &str| o.get(k).and_then(Value::as_str).map(String::from);
    let mut objects = Vec::new();
    for o in v.get("objects")?.as_array()? {
        let e = o.get("encryption")?;
        let encryption = match e.get("type")?.as_str()? {
            "AES256" => ObjectEncryption::SseS3,
            _ => ObjectEncryption::SseKms {
                kms_key_arn: s(e, "kmsKeyArn")?,
                encrypted_data_key: bytes(e.get("encryptedDataKey"))?,
                context: e
                    .get("context")?
                    .as_object()?
                    .iter()
                    .map(|(k, v)| Some((k.clone(), String::from(v.as_str()?))))
                    .collect::<Option<crate::context::EncryptionContext>>()?,
                bucket_key: e.get("bucketKey")?.as_bool()?,
                caller_context: s(e, "callerContext"),
            },
        };
        objects.push(Object {
            key: s(o, "key")?,
            size: o.get("size")?.as_u64()?,
            last_modified: time(o.get("lastModified"))?,
            etag: s(o, "etag")?,
            encryption,
            nonce: <[u8; 12]>::try_from(bytes(o.get("nonce"))?.as_slice()).ok()?,
            stored: bytes(o.get("stored"))?,
        });
    }
    let mut bucket_keys = Vec::new();
    for k in v.get("bucketKeys")?.as_array()? {
        bucket_keys.push(BucketKey {
            kms_key_arn: s(k, "kmsKeyArn")?,
            requester: s(k, "requester")?,
            encrypted: bytes(k.get("encrypted"))?,
            plaintext: material(k.get("plaintext"))?,
            obtained: time(k.get("obtained"))?,
        });
    }
    Some(Bucket {
        name: s(v, "name")?,
        owner: crate::ids::AccountId::parse(v.get("owner")?.as_str()?).ok()?,
        region: crate::ids::Region::parse(v.get("region")?.as_str()?).ok()?,
        created: time(v.get("created"))?,
        s3_managed_key: material(v.get("s3ManagedKey"))?,
        objects,
        bucket_keys,
    })
}
