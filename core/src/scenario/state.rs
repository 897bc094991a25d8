//! The `state` fields of a saved world: what the contract has no field for (key states
//! and dates, key material versions, grant IDs and tokens, aliases' dates, S3 buckets, the
//! audit log, the position of the random stream). They are read and checked like every
//! other field, with positions, when the file is loaded, so a file whose state would not
//! build is refused by [`Scenario::load`](super::Scenario::load) itself.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::read::{Reader, join, to_value};
use crate::audit::AuditEvent;
use crate::b64;
use crate::clock::Timestamp;
use crate::crypto::KeyMaterial;
use crate::grants::MAX_TOKENS_PER_GRANT;
use crate::ids::{AccountId, AliasName, GrantId, KeyArn, KeyId, Region};
use crate::json::Json;
use crate::keys::{
    KeyManager, KeyState, MAX_ON_DEMAND_ROTATIONS, MAX_ROTATION_DAYS, MIN_ROTATION_DAYS,
    MaterialOrigin, MaterialVersion, Rotation,
};
use crate::s3::Bucket;
use crate::world::{Alias, MAX_AUDIT_EVENTS};

/// The saved state of a key.
#[derive(Clone, Debug)]
pub struct KeyStateSpec {
    /// The key's state.
    pub key_state: KeyState,
    /// When it was created.
    pub created: Timestamp,
    /// When a key pending deletion is deleted.
    pub deletion_date: Option<Timestamp>,
    /// The waiting period chosen.
    pub pending_window_days: Option<u32>,
    /// Automatic rotation.
    pub rotation: Option<Rotation>,
    /// On-demand rotations made.
    pub on_demand_rotations: u32,
    /// Tags (older saves kept them here).
    pub tags: Option<Vec<(String, String)>>,
    /// Every material version, oldest first.
    pub materials: Vec<MaterialVersion>,
}

/// The saved state of a grant.
#[derive(Clone, Debug)]
pub struct GrantStateSpec {
    /// The grant ID.
    pub grant_id: GrantId,
    /// Its tokens.
    pub tokens: Vec<String>,
    /// When it was created.
    pub created: Timestamp,
    /// When it takes effect without a token.
    pub effective: Timestamp,
    /// The issuing account.
    pub issuing_account: AccountId,
}

/// The saved state of the world as a whole.
#[derive(Clone, Debug, Default)]
pub struct WorldStateSpec {
    /// The playground user's account.
    pub account: Option<AccountId>,
    /// How far into the seeded random stream the world has drawn.
    pub entropy_position: Option<u128>,
    /// Every alias (replaces the aliases of `keys[]`).
    pub aliases: Option<Vec<Alias>>,
    /// ARNs of deleted keys.
    pub deleted_keys: Vec<KeyArn>,
    /// S3 buckets.
    pub buckets: Vec<Bucket>,
    /// The audit log, oldest first.
    pub audit: Vec<AuditEvent>,
}

const KEY_STATE: &[&str] = &[
    "keyState",
    "created",
    "deletionDate",
    "pendingWindowInDays",
    "rotation",
    "onDemandRotations",
    "tags",
    "materials",
];
const MATERIAL: &[&str] = &["version", "id", "created", "origin", "material"];
const GRANT_STATE: &[&str] = &[
    "grantId",
    "grantToken",
    "grantTokens",
    "created",
    "effective",
    "issuingAccount",
];
const WORLD_STATE: &[&str] = &[
    "account",
    "entropyPosition",
    "entropyBlocks",
    "aliases",
    "deletedKeys",
    "buckets",
    "audit",
];
const ALIAS_STATE: &[&str] = &[
    "name",
    "account",
    "region",
    "targetKeyId",
    "created",
    "updated",
];

/// The most material versions one saved key may have: a 90-day rotation over the longest
/// a scenario's clock may run, and every on-demand rotation.
pub const MAX_MATERIAL_VERSIONS: usize = 500;

impl Reader {
    fn required_time(&mut self, v: &Json, key: &str, path: &str) -> Option<Timestamp> {
        if v.get(key).is_none() {
            self.err(path, v.loc, format!("missing required field `{key}`"));
            return None;
        }
        self.time(v, key, path)
    }

    /// `keys[i].state`.
    pub(super) fn key_state(
        &mut self,
        v: &Json,
        path: &str,
        manager: KeyManager,
    ) -> Option<KeyStateSpec> {
        if !self.fields(v, path, KEY_STATE) {
            return None;
        }
        let key_state = match v.get("keyState") {
            None => {
                self.err(path, v.loc, "missing required field `keyState`");
                None
            }
            Some(s) => match s.as_str() {
                Some("Enabled") => Some(KeyState::Enabled),
                Some("Disabled") => Some(KeyState::Disabled),
                Some("PendingDeletion") => Some(KeyState::PendingDeletion),
                _ => {
                    self.err(
                        &join(path, "keyState"),
                        s.loc,
                        "expected \"Enabled\", \"Disabled\" or \"PendingDeletion\"",
                    );
                    None
                }
            },
        };
        let created = self.required_time(v, "created", path);
        let deletion_date = match v.get("deletionDate") {
            Some(d) if !matches!(d.value, crate::json::Value::Null) => {
                self.time(v, "deletionDate", path)
            }
            _ => None,
        };
        let pending_window_days = match v.get("pendingWindowInDays") {
            Some(d) if !matches!(d.value, crate::json::Value::Null) => self
                .number(v, "pendingWindowInDays", path, 7, 30)
                .and_then(|n| u32::try_from(n).ok()),
            _ => None,
        };
        if key_state == Some(KeyState::PendingDeletion) && deletion_date.is_none() {
            self.err(
                path,
                v.loc,
                "a key pending deletion needs its `deletionDate`",
            );
        }
        let rotation = match v.get("rotation") {
            Some(r) if !matches!(r.value, crate::json::Value::Null) => {
                let rp = join(path, "rotation");
                if self.fields(r, &rp, &["periodInDays", "next"]) {
                    let period = self
                        .number(
                            r,
                            "periodInDays",
                            &rp,
                            i64::from(MIN_ROTATION_DAYS),
                            i64::from(MAX_ROTATION_DAYS),
                        )
                        .and_then(|n| u32::try_from(n).ok());
                    if r.get("periodInDays").is_none() {
                        self.err(&rp, r.loc, "missing required field `periodInDays`");
                    }
                    let next = self.required_time(r, "next", &rp);
                    period
                        .zip(next)
                        .map(|(period_days, next)| Rotation { period_days, next })
                } else {
                    None
                }
            }
            _ => None,
        };
        if manager == KeyManager::Aws && rotation.is_none() {
            self.err(
                path,
                v.loc,
                "an AWS managed key rotates every year: its `rotation` is needed",
            );
        }
        let on_demand_rotations = self
            .number(
                v,
                "onDemandRotations",
                path,
                0,
                i64::from(MAX_ON_DEMAND_ROTATIONS),
            )
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0);
        let tags = v
            .get("tags")
            .and_then(|t| self.legacy_tags(t, &join(path, "tags")));
        let materials = self.materials(v, path);
        Some(KeyStateSpec {
            key_state: key_state?,
            created: created?,
            deletion_date,
            pending_window_days,
            rotation,
            on_demand_rotations,
            tags,
            materials: materials?,
        })
    }

    /// Tags as older saves wrote them: `[["key", "value"], …]`.
    fn legacy_tags(&mut self, v: &Json, path: &str) -> Option<Vec<(String, String)>> {
        let crate::json::Value::Array(items) = &v.value else {
            return self.tags(v, path);
        };
        let mut out = Vec::new();
        for (i, pair) in items.iter().enumerate() {
            match &pair.value {
                crate::json::Value::Array(kv) => match (kv.first(), kv.get(1), kv.len()) {
                    (Some(k), Some(val), 2) => match (k.as_str(), val.as_str()) {
                        (Some(k), Some(val)) => out.push((String::from(k), String::from(val))),
                        _ => self.err(&format!("{path}[{i}]"), pair.loc, "a tag is [key, value]"),
                    },
                    _ => self.err(&format!("{path}[{i}]"), pair.loc, "a tag is [key, value]"),
                },
                _ => self.err(&format!("{path}[{i}]"), pair.loc, "a tag is [key, value]"),
            }
        }
        if out.len() > crate::api::MAX_TAGS_PER_KEY {
            self.err(path, v.loc, "Too many tags: a KMS key can have at most 50");
        }
        Some(out)
    }

    /// `keys[i].state.materials`: versions 1, 2, 3, … in order, each 32 bytes.
    fn materials(&mut self, v: &Json, path: &str) -> Option<Vec<MaterialVersion>> {
        let mp = join(path, "materials");
        let items = self.array(v, "materials", path);
        if items.is_empty() {
            self.err(&mp, v.loc, "a key has at least one key material version");
            return None;
        }
        if items.len() > MAX_MATERIAL_VERSIONS {
            self.err(
                &mp,
                v.loc,
                format!("at most {MAX_MATERIAL_VERSIONS} key material versions"),
            );
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, m) in items.iter().enumerate() {
            let p = format!("{mp}[{i}]");
            if !self.fields(m, &p, MATERIAL) {
                continue;
            }
            let want = i as i64 + 1;
            let version = self.number(m, "version", &p, 1, MAX_MATERIAL_VERSIONS as i64);
            if version.is_some_and(|n| n != want) {
                self.err(
                    &join(&p, "version"),
                    m.get("version").map_or(m.loc, |x| x.loc),
                    format!("material versions are numbered 1, 2, 3, … in order: this one must be {want}"),
                );
            }
            let id = self.required(m, "id", &p);
            if id
                .as_ref()
                .is_some_and(|id| id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()))
            {
                self.err(
                    &join(&p, "id"),
                    m.get("id").map_or(m.loc, |x| x.loc),
                    "a key material ID is 64 hexadecimal digits",
                );
            }
            let created = self.required_time(m, "created", &p);
            let origin = match self.string(m, "origin", &p).as_deref() {
                None | Some("INITIAL") => MaterialOrigin::Initial,
                Some("AUTOMATIC") => MaterialOrigin::Automatic,
                Some("ON_DEMAND") => MaterialOrigin::OnDemand,
                Some(_) => {
                    self.err(
                        &join(&p, "origin"),
                        m.get("origin").map_or(m.loc, |x| x.loc),
                        "expected \"INITIAL\", \"AUTOMATIC\" or \"ON_DEMAND\"",
                    );
                    MaterialOrigin::Initial
                }
            };
            let material = self
                .required(m, "material", &p)
                .and_then(|s| b64::decode(&s).ok())
                .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok());
            if material.is_none() {
                self.err(
                    &join(&p, "material"),
                    m.get("material").map_or(m.loc, |x| x.loc),
                    "key material must be 32 bytes in base64",
                );
            }
            if let (Some(_), Some(id), Some(created), Some(bytes)) =
                (version, id, created, material)
            {
                out.push(MaterialVersion {
                    version: want as u32,
                    material_id: id,
                    material: KeyMaterial::from_bytes(bytes),
                    created,
                    origin,
                });
            }
        }
        (out.len() == items.len()).then_some(out)
    }

    /// `grants[i].state`.
    pub(super) fn grant_state(&mut self, v: &Json, path: &str) -> Option<GrantStateSpec> {
        if !self.fields(v, path, GRANT_STATE) {
            return None;
        }
        let grant_id = self.required(v, "grantId", path).and_then(|id| {
            GrantId::parse(&id)
                .map_err(|e| {
                    self.err(
                        &join(path, "grantId"),
                        v.get("grantId").map_or(v.loc, |x| x.loc),
                        e.to_string(),
                    );
                })
                .ok()
        });
        let mut tokens = Vec::new();
        if let Some(t) = self.string(v, "grantToken", path) {
            tokens.push(t);
        }
        for (i, t) in self.array(v, "grantTokens", path).iter().enumerate() {
            match t.as_str() {
                Some(s) if !s.is_empty() && s.len() <= 8192 => tokens.push(String::from(s)),
                _ => self.err(
                    &format!("{path}.grantTokens[{i}]"),
                    t.loc,
                    "a grant token is a string of 1 to 8192 characters",
                ),
            }
        }
        if tokens.is_empty() || tokens.len() > MAX_TOKENS_PER_GRANT {
            self.err(
                path,
                v.loc,
                format!("a grant has 1 to {MAX_TOKENS_PER_GRANT} grant tokens"),
            );
        }
        let created = self.required_time(v, "created", path);
        let effective = self.required_time(v, "effective", path);
        let issuing_account = self.account(v, "issuingAccount", path);
        Some(GrantStateSpec {
            grant_id: grant_id?,
            tokens,
            created: created?,
            effective: effective?,
            issuing_account: issuing_account?,
        })
    }

    fn account(&mut self, v: &Json, key: &str, path: &str) -> Option<AccountId> {
        let text = self.required(v, key, path)?;
        AccountId::parse(&text)
            .map_err(|e| {
                self.err(
                    &join(path, key),
                    v.get(key).map_or(v.loc, |x| x.loc),
                    e.to_string(),
                );
            })
            .ok()
    }

    /// The top-level `state`.
    pub(super) fn world_state(&mut self, v: &Json) -> Option<WorldStateSpec> {
        let path = "state";
        if !self.fields(v, path, WORLD_STATE) {
            return None;
        }
        let mut out = WorldStateSpec {
            account: v
                .get("account")
                .and_then(|_| self.account(v, "account", path)),
            entropy_position: self
                .number(v, "entropyPosition", path, 0, i64::MAX)
                .map(|n| n.unsigned_abs().into()),
            ..WorldStateSpec::default()
        };
        if v.get("aliases").is_some() {
            let mut aliases = Vec::new();
            for (i, a) in self.array(v, "aliases", path).iter().enumerate() {
                let p = format!("state.aliases[{i}]");
                if let Some(alias) = self.alias(a, &p) {
                    aliases.push(alias);
                }
            }
            out.aliases = Some(aliases);
        }
        for (i, d) in self.array(v, "deletedKeys", path).iter().enumerate() {
            match d.as_str().map(KeyArn::parse) {
                Some(Ok(arn)) => out.deleted_keys.push(arn),
                _ => self.err(
                    &format!("state.deletedKeys[{i}]"),
                    d.loc,
                    "expected a key ARN",
                ),
            }
        }
        for (i, b) in self.array(v, "buckets", path).iter().enumerate() {
            let p = format!("state.buckets[{i}]");
            match to_value(b)
                .map_err(|(_, m)| m)
                .and_then(|plain| crate::scenario::save::bucket_from_json(&plain))
            {
                Ok(bucket) if out.buckets.iter().any(|o: &Bucket| o.name == bucket.name) => {
                    self.err(
                        &p,
                        b.loc,
                        format!("the bucket `{}` appears twice", bucket.name),
                    );
                }
                Ok(bucket) => out.buckets.push(bucket),
                Err(message) => self.err(&p, b.loc, message),
            }
        }
        let audit = self.array(v, "audit", path);
        if audit.len() > MAX_AUDIT_EVENTS {
            self.err(
                "state.audit",
                v.get("audit").map_or(v.loc, |a| a.loc),
                format!("at most {MAX_AUDIT_EVENTS} audit events"),
            );
        } else {
            for (i, e) in audit.iter().enumerate() {
                match to_value(e).ok().as_ref().and_then(AuditEvent::from_json) {
                    Some(event) => out.audit.push(event),
                    None => self.err(
                        &format!("state.audit[{i}]"),
                        e.loc,
                        "this audit event does not read: it needs eventTime, eventName, awsRegion, userIdentity.type, resources, eventID, readOnly, eventType and recipientAccountId",
                    ),
                }
            }
        }
        Some(out)
    }

    fn alias(&mut self, a: &Json, path: &str) -> Option<Alias> {
        if !self.fields(a, path, ALIAS_STATE) {
            return None;
        }
        let name = self.required(a, "name", path).and_then(|n| {
            AliasName::parse(&n)
                .map_err(|e| {
                    self.err(
                        &join(path, "name"),
                        a.get("name").map_or(a.loc, |x| x.loc),
                        e.to_string(),
                    );
                })
                .ok()
        });
        let account = self.account(a, "account", path);
        let region = self.required(a, "region", path).and_then(|r| {
            Region::parse(&r)
                .map_err(|e| {
                    self.err(
                        &join(path, "region"),
                        a.get("region").map_or(a.loc, |x| x.loc),
                        e.to_string(),
                    );
                })
                .ok()
        });
        let target = self.required(a, "targetKeyId", path).and_then(|k| {
            KeyId::parse(&k)
                .map_err(|e| {
                    self.err(
                        &join(path, "targetKeyId"),
                        a.get("targetKeyId").map_or(a.loc, |x| x.loc),
                        e.to_string(),
                    );
                })
                .ok()
        });
        let created = self.required_time(a, "created", path);
        let updated = self.required_time(a, "updated", path);
        Some(Alias {
            name: name?,
            account: account?,
            region: region?,
            target_key_id: target?,
            created: created?,
            updated: updated?,
        })
    }
}
