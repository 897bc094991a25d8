//! Scenario files (`kms-playground/scenario@1`): a whole simulated world plus a script.
//!
//! [`Scenario::load`] reads and validates a file, reporting every error at once with its
//! JSON path and position; [`Scenario::build_world`] makes the world it describes;
//! [`Runner`] plays its steps one at a time (the playground) or all at once (the command
//! line), resolving `${id.Path}` references and checking each `expect`.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use serde_json::{Map, Value, json};

use crate::action::{Action, ActionSet};
use crate::api::{ApiError, Caller};
use crate::authz::Decision;
use crate::clock::{Duration, Timestamp};
use crate::context::EncryptionContext;
use crate::entropy::Entropy;
use crate::grants::{Grant, GrantConstraints};
use crate::ids::{AccountId, Region, is_uuid};
use crate::json::{self, Json, Loc};
use crate::keys::KeyManager;
use crate::policy::{AnyPrincipalExists, Effect, Policy, PolicyKind};
use crate::principal::Principal;
use crate::world::World;

mod save;

/// The format this version reads and writes.
pub const FORMAT: &str = "kms-playground/scenario@1";
/// The largest scenario file accepted (bytes).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// An error in a scenario file: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// The JSON path (`steps[3].input.KeyId`).
    pub path: String,
    /// The position in the file.
    pub loc: Loc,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.loc, self.message)
        } else {
            write!(f, "{}: {}: {}", self.loc, self.path, self.message)
        }
    }
}

/// A principal of the scenario.
#[derive(Clone, Debug)]
pub struct PrincipalSpec {
    /// The ARN.
    pub arn: String,
    /// The handle.
    pub name: Option<String>,
    /// IAM identity policies.
    pub policies: Vec<Policy>,
}

/// A key of the scenario.
#[derive(Clone, Debug)]
pub struct KeySpec {
    /// The handle.
    pub name: Option<String>,
    /// A fixed key ID.
    pub key_id: Option<String>,
    /// The account.
    pub account: AccountId,
    /// The region.
    pub region: Region,
    /// The description.
    pub description: String,
    /// Alias names.
    pub aliases: Vec<String>,
    /// The key policy (`None`: the CreateKey default).
    pub policy: Option<Policy>,
    /// Enabled or disabled.
    pub enabled: bool,
    /// Customer or AWS managed.
    pub manager: KeyManager,
}

/// A grant of the scenario (in effect at once).
#[derive(Clone, Debug)]
pub struct GrantSpec {
    /// The key, by handle, ID, ARN or alias.
    pub key: String,
    /// Where `key` is in the file.
    pub key_loc: Loc,
    /// The name.
    pub name: Option<String>,
    /// The grantee.
    pub grantee: String,
    /// The retiring principal.
    pub retiring: Option<String>,
    /// The operations.
    pub operations: ActionSet,
    /// The constraints.
    pub constraints: GrantConstraints,
}

/// What a step expects.
#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    /// The call succeeds.
    Ok,
    /// The call succeeds and its output contains these fields.
    OkWith(Value),
    /// The call fails with this AWS error code.
    Error(String),
    /// The check allows.
    Allow,
    /// The check denies (either way).
    Deny,
    /// The check denies explicitly.
    ExplicitDeny,
    /// The check denies implicitly.
    ImplicitDeny,
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expect::Ok => f.write_str("ok"),
            Expect::OkWith(v) => write!(f, "ok with {v}"),
            Expect::Error(c) => f.write_str(c),
            Expect::Allow => f.write_str("allow"),
            Expect::Deny => f.write_str("deny"),
            Expect::ExplicitDeny => f.write_str("explicit-deny"),
            Expect::ImplicitDeny => f.write_str("implicit-deny"),
        }
    }
}

/// What a step does.
#[derive(Clone, Debug)]
pub enum StepKind {
    /// A KMS API call.
    Call {
        /// The caller (ARN).
        principal: String,
        /// The operation.
        operation: String,
        /// The request, references unresolved.
        input: Value,
        /// The service calling on the principal's behalf.
        via: Option<String>,
    },
    /// An authorization question.
    Check {
        /// The caller (ARN).
        principal: String,
        /// The action.
        action: Action,
        /// The key.
        key: Option<String>,
        /// The encryption context.
        context: Option<EncryptionContext>,
        /// The service.
        via: Option<String>,
    },
    /// A clock advance.
    Advance(Duration),
}

/// One step.
#[derive(Clone, Debug)]
pub struct Step {
    /// Its handle.
    pub id: Option<String>,
    /// The note shown when it plays.
    pub note: Option<String>,
    /// What it does.
    pub kind: StepKind,
    /// What it expects.
    pub expect: Option<Expect>,
}

/// A loaded, valid scenario.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The title.
    pub title: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// The default region.
    pub region: Region,
    /// The start time.
    pub clock: Timestamp,
    /// The seed, if any.
    pub seed: Option<u64>,
    /// The principals.
    pub principals: Vec<PrincipalSpec>,
    /// The keys.
    pub keys: Vec<KeySpec>,
    /// The grants.
    pub grants: Vec<GrantSpec>,
    /// The steps.
    pub steps: Vec<Step>,
    /// The file as plain JSON, for the `state` fields of a saved world.
    raw: Value,
}

struct Reader {
    errors: Vec<ScenarioError>,
}

impl Reader {
    fn err(&mut self, path: &str, loc: Loc, message: impl Into<String>) {
        self.errors.push(ScenarioError {
            path: String::from(path),
            loc,
            message: message.into(),
        });
    }

    fn fields(&mut self, v: &Json, path: &str, allowed: &[&str]) -> bool {
        let Some(members) = v.as_object() else {
            self.err(
                path,
                v.loc,
                format!("expected an object, found {}", v.kind()),
            );
            return false;
        };
        for m in members {
            if !allowed.contains(&m.key.as_str()) {
                let hint = allowed
                    .iter()
                    .find(|a| a.eq_ignore_ascii_case(&m.key))
                    .map(|a| format!(" (did you mean `{a}`?)"))
                    .unwrap_or_default();
                self.err(
                    &join(path, &m.key),
                    m.key_loc,
                    format!(
                        "unknown field `{}`{hint}; expected one of {}",
                        m.key,
                        allowed.join(", ")
                    ),
                );
            }
        }
        true
    }

    fn string(&mut self, v: &Json, key: &str, path: &str) -> Option<String> {
        let f = v.get(key)?;
        match f.as_str() {
            Some(s) => Some(String::from(s)),
            None => {
                self.err(
                    &join(path, key),
                    f.loc,
                    format!("expected a string, found {}", f.kind()),
                );
                None
            }
        }
    }

    fn required(&mut self, v: &Json, key: &str, path: &str) -> Option<String> {
        if v.get(key).is_none() {
            self.err(path, v.loc, format!("missing required field `{key}`"));
            return None;
        }
        self.string(v, key, path)
    }

    fn array<'j>(&mut self, v: &'j Json, key: &str, path: &str) -> &'j [Json] {
        match v.get(key).map(|f| (f, &f.value)) {
            None => &[],
            Some((_, json::Value::Array(items))) => items,
            Some((f, _)) => {
                self.err(
                    &join(path, key),
                    f.loc,
                    format!("expected an array, found {}", f.kind()),
                );
                &[]
            }
        }
    }

    fn policy(&mut self, v: &Json, kind: PolicyKind, path: &str) -> Option<Policy> {
        let checked = match &v.value {
            json::Value::String(text) => Policy::check(text, kind),
            json::Value::Object(_) => Policy::check_json(v, kind, &AnyPrincipalExists),
            _ => {
                self.err(
                    path,
                    v.loc,
                    format!(
                        "a policy must be a JSON object or a string of JSON, not {}",
                        v.kind()
                    ),
                );
                return None;
            }
        };
        for e in checked.errors() {
            let inner = if e.path.is_empty() {
                String::from(path)
            } else {
                format!("{path}.{}", e.path)
            };
            let loc = if matches!(v.value, json::Value::String(_)) {
                v.loc
            } else {
                e.loc
            };
            self.err(&inner, loc, e.message.clone());
        }
        checked.policy
    }

    fn context(&mut self, v: &Json, path: &str) -> Option<EncryptionContext> {
        let Some(members) = v.as_object() else {
            self.err(
                path,
                v.loc,
                format!(
                    "an encryption context must be an object of strings, not {}",
                    v.kind()
                ),
            );
            return None;
        };
        let mut ctx = EncryptionContext::new();
        for m in members {
            match m.value.as_str() {
                Some(s) => ctx.insert(m.key.clone(), s),
                None => self.err(
                    &join(path, &m.key),
                    m.value.loc,
                    format!("expected a string, found {}", m.value.kind()),
                ),
            }
        }
        Some(ctx)
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        String::from(key)
    } else {
        format!("{path}.{key}")
    }
}

/// Converts a located JSON value to a plain one.
pub fn to_value(v: &Json) -> Value {
    match &v.value {
        json::Value::Null => Value::Null,
        json::Value::Bool(b) => Value::Bool(*b),
        json::Value::Number(n) => serde_json::from_str(n).unwrap_or(Value::Null),
        json::Value::String(s) => Value::String(s.clone()),
        json::Value::Array(items) => Value::Array(items.iter().map(to_value).collect()),
        json::Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|m| (m.key.clone(), to_value(&m.value)))
                .collect::<Map<_, _>>(),
        ),
    }
}

const TOP: &[&str] = &[
    "format",
    "title",
    "description",
    "region",
    "clock",
    "seed",
    "principals",
    "keys",
    "grants",
    "steps",
    "state",
];
const PRINCIPAL: &[&str] = &["arn", "name", "policies"];
const KEY: &[&str] = &[
    "name",
    "keyId",
    "account",
    "region",
    "description",
    "aliases",
    "policy",
    "enabled",
    "keyManager",
    "state",
];
const GRANT: &[&str] = &[
    "key",
    "name",
    "granteePrincipal",
    "retiringPrincipal",
    "operations",
    "constraints",
    "state",
];
const CALL_STEP: &[&str] = &["id", "note", "as", "call", "input", "via", "expect"];
const CHECK_STEP: &[&str] = &[
    "id", "note", "as", "check", "key", "context", "via", "expect",
];
const ADVANCE_STEP: &[&str] = &["id", "note", "advance", "expect"];

impl Scenario {
    /// Reads and validates a scenario file. Every error is reported, each with its path.
    pub fn load(text: &str) -> Result<Scenario, Vec<ScenarioError>> {
        let start = Loc {
            line: 1,
            col: 1,
            offset: 0,
        };
        if text.len() > MAX_FILE_BYTES {
            return Err(Vec::from([ScenarioError {
                path: String::new(),
                loc: start,
                message: format!(
                    "the file is {} bytes; a scenario can be at most {MAX_FILE_BYTES} bytes",
                    text.len()
                ),
            }]));
        }
        let doc = json::parse(text).map_err(|e| {
            Vec::from([ScenarioError {
                path: String::new(),
                loc: e.loc,
                message: format!("not valid JSON: {}", e.message),
            }])
        })?;
        let mut r = Reader { errors: Vec::new() };
        if !r.fields(&doc, "", TOP) {
            return Err(r.errors);
        }
        match doc.get("format") {
            None => r.err(
                "",
                doc.loc,
                format!("missing required field `format`: it must be \"{FORMAT}\""),
            ),
            Some(f) if f.as_str() == Some(FORMAT) => {}
            Some(f) => r.err(
                "format",
                f.loc,
                format!(
                    "unsupported format {}: this version reads \"{FORMAT}\"",
                    to_value(f)
                ),
            ),
        }
        let title = r.string(&doc, "title", "");
        let description = r.string(&doc, "description", "");
        let region = match r.string(&doc, "region", "") {
            Some(s) => Region::parse(&s).unwrap_or_else(|e| {
                r.err(
                    "region",
                    doc.get("region").map_or(start, |v| v.loc),
                    e.to_string(),
                );
                Region::default_region()
            }),
            None => Region::default_region(),
        };
        let clock = match r.string(&doc, "clock", "") {
            Some(s) => Timestamp::parse(&s).unwrap_or_else(|e| {
                r.err(
                    "clock",
                    doc.get("clock").map_or(start, |v| v.loc),
                    e.to_string(),
                );
                Timestamp::DEFAULT_START
            }),
            None => Timestamp::DEFAULT_START,
        };
        let seed = doc.get("seed").and_then(|s| match &s.value {
            json::Value::Number(n) => match n.parse::<u64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    r.err(
                        "seed",
                        s.loc,
                        "the seed must be a whole number from 0 to 18446744073709551615",
                    );
                    None
                }
            },
            _ => {
                r.err(
                    "seed",
                    s.loc,
                    format!("the seed must be a number, not {}", s.kind()),
                );
                None
            }
        });

        let mut principals = Vec::new();
        for (i, p) in r.array(&doc, "principals", "").iter().enumerate() {
            let path = format!("principals[{i}]");
            if !r.fields(p, &path, PRINCIPAL) {
                continue;
            }
            let Some(arn) = r.required(p, "arn", &path) else {
                continue;
            };
            if let Err(e) = Principal::parse(&arn) {
                r.err(
                    &join(&path, "arn"),
                    p.get("arn").map_or(p.loc, |v| v.loc),
                    e.to_string(),
                );
                continue;
            }
            let name = r.string(p, "name", &path);
            let mut policies = Vec::new();
            for (j, pol) in r.array(p, "policies", &path).iter().enumerate() {
                if let Some(policy) =
                    r.policy(pol, PolicyKind::Identity, &format!("{path}.policies[{j}]"))
                {
                    policies.push(policy);
                }
            }
            if principals
                .iter()
                .any(|q: &PrincipalSpec| q.arn == arn || (name.is_some() && q.name == name))
            {
                r.err(
                    &path,
                    p.loc,
                    "a principal with this ARN or name is already defined",
                );
            }
            principals.push(PrincipalSpec {
                arn,
                name,
                policies,
            });
        }
        let default_account = principals
            .first()
            .and_then(|p| Principal::parse(&p.arn).ok())
            .map_or(AccountId::DEFAULT, |p| p.account());

        let mut keys = Vec::new();
        for (i, k) in r.array(&doc, "keys", "").iter().enumerate() {
            let path = format!("keys[{i}]");
            if !r.fields(k, &path, KEY) {
                continue;
            }
            let name = r.string(k, "name", &path);
            let key_id = r.string(k, "keyId", &path);
            if let Some(id) = key_id.as_ref().filter(|id| !is_uuid(id)) {
                r.err(&join(&path, "keyId"), k.get("keyId").map_or(k.loc, |v| v.loc), format!("`{id}` is not a key ID (a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab)"));
            }
            let account = match r.string(k, "account", &path) {
                Some(a) => AccountId::parse(&a).unwrap_or_else(|e| {
                    r.err(
                        &join(&path, "account"),
                        k.get("account").map_or(k.loc, |v| v.loc),
                        e.to_string(),
                    );
                    default_account
                }),
                None => default_account,
            };
            let key_region = match r.string(k, "region", &path) {
                Some(s) => Region::parse(&s).unwrap_or_else(|e| {
                    r.err(
                        &join(&path, "region"),
                        k.get("region").map_or(k.loc, |v| v.loc),
                        e.to_string(),
                    );
                    region.clone()
                }),
                None => region.clone(),
            };
            let description = r.string(k, "description", &path).unwrap_or_default();
            let mut aliases = Vec::new();
            for (j, a) in r.array(k, "aliases", &path).iter().enumerate() {
                match a.as_str() {
                    Some(s)
                        if s.starts_with("alias/")
                            && s.len() > 6
                            && s.len() <= 256
                            && s.chars()
                                .all(|c| c.is_ascii_alphanumeric() || "/_-:".contains(c)) =>
                    {
                        aliases.push(String::from(s))
                    }
                    _ => r.err(
                        &format!("{path}.aliases[{j}]"),
                        a.loc,
                        "an alias is `alias/` followed by letters, digits, `/`, `_`, `-` or `:`",
                    ),
                }
            }
            let policy = k
                .get("policy")
                .and_then(|p| r.policy(p, PolicyKind::Key, &join(&path, "policy")));
            let enabled = match k.get("enabled").map(|e| &e.value) {
                None => true,
                Some(json::Value::Bool(b)) => *b,
                Some(_) => {
                    r.err(
                        &join(&path, "enabled"),
                        k.get("enabled").map_or(k.loc, |v| v.loc),
                        "expected true or false",
                    );
                    true
                }
            };
            let manager = match r.string(k, "keyManager", &path).as_deref() {
                None | Some("CUSTOMER") => KeyManager::Customer,
                Some("AWS") => {
                    if !aliases.iter().any(|a| a.starts_with("alias/aws/")) {
                        r.err(
                            &join(&path, "aliases"),
                            k.loc,
                            "an AWS managed key needs an `alias/aws/...` alias",
                        );
                    }
                    KeyManager::Aws
                }
                Some(other) => {
                    r.err(
                        &join(&path, "keyManager"),
                        k.get("keyManager").map_or(k.loc, |v| v.loc),
                        format!("`{other}` is not a key manager: use CUSTOMER or AWS"),
                    );
                    KeyManager::Customer
                }
            };
            if manager == KeyManager::Customer
                && aliases.iter().any(|a| a.starts_with("alias/aws/"))
            {
                r.err(
                    &join(&path, "aliases"),
                    k.loc,
                    "alias/aws/ names are reserved for AWS managed keys",
                );
            }
            if name.is_some() && keys.iter().any(|q: &KeySpec| q.name == name) {
                r.err(
                    &join(&path, "name"),
                    k.loc,
                    "a key with this name is already defined",
                );
            }
            keys.push(KeySpec {
                name,
                key_id,
                account,
                region: key_region,
                description,
                aliases,
                policy,
                enabled,
                manager,
            });
        }

        let mut grants = Vec::new();
        for (i, g) in r.array(&doc, "grants", "").iter().enumerate() {
            let path = format!("grants[{i}]");
            if !r.fields(g, &path, GRANT) {
                continue;
            }
            let key = r.required(g, "key", &path);
            let grantee = r.required(g, "granteePrincipal", &path);
            let retiring = r.string(g, "retiringPrincipal", &path);
            let name = r.string(g, "name", &path);
            let mut operations = ActionSet::EMPTY;
            let ops = r.array(g, "operations", &path);
            if g.get("operations").is_none() || ops.is_empty() {
                r.err(&path, g.loc, "a grant needs at least one of `operations`");
            }
            for (j, o) in ops.iter().enumerate() {
                match o.as_str().and_then(Action::from_name).filter(|a| a.is_grant_operation()) {
                    Some(a) => operations.insert(a),
                    None => r.err(&format!("{path}.operations[{j}]"), o.loc, format!("{} is not a grant operation (Decrypt, Encrypt, GenerateDataKey, ReEncryptFrom, DescribeKey, CreateGrant, RetireGrant, ...)", to_value(o))),
                }
            }
            let mut constraints = GrantConstraints::default();
            if let Some(c) = g.get("constraints") {
                let cpath = join(&path, "constraints");
                if r.fields(
                    c,
                    &cpath,
                    &["EncryptionContextEquals", "EncryptionContextSubset"],
                ) {
                    constraints.equals = c
                        .get("EncryptionContextEquals")
                        .and_then(|v| r.context(v, &join(&cpath, "EncryptionContextEquals")));
                    constraints.subset = c
                        .get("EncryptionContextSubset")
                        .and_then(|v| r.context(v, &join(&cpath, "EncryptionContextSubset")));
                }
            }
            for (field, p) in [
                ("granteePrincipal", &grantee),
                ("retiringPrincipal", &retiring),
            ] {
                if let Some(p) = p.as_ref().filter(|p| Principal::parse(p).is_err()) {
                    r.err(
                        &join(&path, field),
                        g.get(field).map_or(g.loc, |v| v.loc),
                        format!("`{p}` is not a principal ARN"),
                    );
                }
            }
            if let (Some(key), Some(grantee)) = (key, grantee) {
                let key_loc = g.get("key").map_or(g.loc, |v| v.loc);
                grants.push(GrantSpec {
                    key,
                    key_loc,
                    name,
                    grantee,
                    retiring,
                    operations,
                    constraints,
                });
            }
        }

        let mut steps = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        for (i, s) in r.array(&doc, "steps", "").iter().enumerate() {
            let path = format!("steps[{i}]");
            if let Some(step) = read_step(&mut r, s, &path, &principals, &ids) {
                if let Some(id) = &step.id {
                    if ids.contains(id) {
                        r.err(
                            &join(&path, "id"),
                            s.loc,
                            format!("the step id `{id}` is already used"),
                        );
                    }
                    ids.push(id.clone());
                }
                steps.push(step);
            }
        }

        let scenario = Scenario {
            title,
            description,
            region,
            clock,
            seed,
            principals,
            keys,
            grants,
            steps,
            raw: to_value(&doc),
        };
        // Keys named by grants and steps must exist.
        let handles = scenario.key_handles();
        for g in &scenario.grants {
            if !handles.contains(&g.key) {
                let i = scenario
                    .grants
                    .iter()
                    .position(|x| core::ptr::eq(x, g))
                    .unwrap_or(0);
                r.err(&format!("grants[{i}].key"), g.key_loc, format!("unknown key \"{}\": name a key of this file by its name, key ID, ARN or alias", g.key));
            }
        }
        if r.errors.is_empty() {
            Ok(scenario)
        } else {
            Err(r.errors)
        }
    }

    /// Every way a step may name a key of this file.
    fn key_handles(&self) -> Vec<String> {
        let mut out = Vec::new();
        for k in &self.keys {
            out.extend(k.name.clone());
            if let Some(id) = &k.key_id {
                out.push(id.clone());
                out.push(format!("arn:aws:kms:{}:{}:key/{id}", k.region, k.account));
            }
            out.extend(k.aliases.iter().cloned());
            out.extend(
                k.aliases
                    .iter()
                    .map(|a| format!("arn:aws:kms:{}:{}:{a}", k.region, k.account)),
            );
        }
        out
    }

    /// Builds the world the file describes.
    pub fn build_world(&self) -> Result<World, ScenarioError> {
        let start = Loc::default();
        let fail = |m: String| ScenarioError {
            path: String::new(),
            loc: start,
            message: m,
        };
        let entropy = self.seed.map_or(Entropy::Platform, Entropy::seeded);
        let account = self
            .principals
            .first()
            .and_then(|p| Principal::parse(&p.arn).ok())
            .map_or(AccountId::DEFAULT, |p| p.account());
        let mut w = World::new(self.region.clone(), account, self.clock, entropy);
        for p in &self.principals {
            w.setup_principal(&p.arn, p.name.as_deref(), p.policies.clone())
                .map_err(|e| fail(e.to_string()))?;
        }
        for (i, k) in self.keys.iter().enumerate() {
            let policy = match &k.policy {
                Some(p) => p.clone(),
                None => Policy::parse(
                    &crate::policy::defaults::api_default(k.account),
                    PolicyKind::Key,
                )
                .map_err(|_| fail(String::from("the default key policy does not read")))?,
            };
            let arn = w
                .setup_key(
                    k.key_id.as_deref(),
                    k.account,
                    k.region.clone(),
                    &k.description,
                    policy,
                    k.enabled,
                    k.manager,
                    k.name.as_deref(),
                )
                .map_err(|e| ScenarioError {
                    path: format!("keys[{i}]"),
                    loc: start,
                    message: e.to_string(),
                })?;
            for a in &k.aliases {
                w.setup_alias(a, &arn);
            }
        }
        for (i, g) in self.grants.iter().enumerate() {
            let caller = Caller::new(g.grantee.as_str());
            let key_arn = w
                .key_arn_for(&caller, &g.key)
                .ok_or_else(|| ScenarioError {
                    path: format!("grants[{i}].key"),
                    loc: g.key_loc,
                    message: format!("unknown key \"{}\"", g.key),
                })?;
            let grant_id = w.new_grant_id().map_err(|e| fail(e.to_string()))?;
            let token = w.new_grant_token().map_err(|e| fail(e.to_string()))?;
            let issuing_account = key_arn
                .split(':')
                .nth(4)
                .and_then(|a| AccountId::parse(a).ok())
                .unwrap_or(account);
            w.setup_grant(Grant {
                grant_id,
                token,
                key_arn,
                name: g.name.clone(),
                grantee: g.grantee.clone(),
                retiring: g.retiring.clone(),
                operations: g.operations,
                constraints: g.constraints.clone(),
                issuing_account,
                created: self.clock,
                effective: self.clock,
            });
        }
        w.restore_state(&self.raw).map_err(|m| ScenarioError {
            path: String::from("state"),
            loc: start,
            message: m,
        })?;
        Ok(w)
    }
}

fn read_step(
    r: &mut Reader,
    s: &Json,
    path: &str,
    principals: &[PrincipalSpec],
    earlier_ids: &[String],
) -> Option<Step> {
    let Some(_) = s.as_object() else {
        r.err(
            path,
            s.loc,
            format!("a step must be an object, found {}", s.kind()),
        );
        return None;
    };
    let id = r.string(s, "id", path);
    let note = r.string(s, "note", path);
    let who = |r: &mut Reader| -> Option<String> {
        let name = r.required(s, "as", path)?;
        match principals
            .iter()
            .find(|p| p.name.as_deref() == Some(name.as_str()) || p.arn == name)
        {
            Some(p) => Some(p.arn.clone()),
            None => match Principal::parse(&name) {
                Ok(p) if *p.kind() == crate::principal::PrincipalKind::Root => Some(name),
                _ => {
                    r.err(&join(path, "as"), s.get("as").map_or(s.loc, |v| v.loc), format!("unknown principal \"{name}\": use the name or ARN of one of `principals`"));
                    None
                }
            },
        }
    };
    let via = r.string(s, "via", path);
    if s.get("call").is_some() {
        r.fields(s, path, CALL_STEP);
        let principal = who(r);
        let operation = r.string(s, "call", path)?;
        if let Some(op) = operation.strip_prefix("s3:") {
            if !crate::s3::OPERATIONS.contains(&op) {
                r.err(
                    &join(path, "call"),
                    s.get("call").map_or(s.loc, |v| v.loc),
                    format!(
                        "unknown S3 operation `{operation}`: the simulator offers s3:{}",
                        crate::s3::OPERATIONS.join(", s3:")
                    ),
                );
            }
        } else if crate::api::Operation::from_name(&operation).is_none() {
            let hint = crate::api::Operation::similar_to(&operation)
                .map(|o| format!(" (did you mean `{o}`?)"))
                .unwrap_or_default();
            r.err(
                &join(path, "call"),
                s.get("call").map_or(s.loc, |v| v.loc),
                format!("unknown operation `{operation}`{hint}"),
            );
        }
        let input = match s.get("input") {
            None => Value::Object(Map::new()),
            Some(i) if i.as_object().is_some() => {
                check_references(r, i, &join(path, "input"), earlier_ids);
                to_value(i)
            }
            Some(i) => {
                r.err(
                    &join(path, "input"),
                    i.loc,
                    format!(
                        "`input` must be an object (the request in the AWS JSON shape), not {}",
                        i.kind()
                    ),
                );
                Value::Null
            }
        };
        let expect = s
            .get("expect")
            .and_then(|e| read_call_expect(r, e, &join(path, "expect")));
        if let Some(e) = s.get("expect") {
            check_references(r, e, &join(path, "expect"), earlier_ids);
        }
        return Some(Step {
            id,
            note,
            kind: StepKind::Call {
                principal: principal?,
                operation,
                input,
                via,
            },
            expect,
        });
    }
    if s.get("check").is_some() {
        r.fields(s, path, CHECK_STEP);
        let principal = who(r);
        let check = r.string(s, "check", path)?;
        let Some(action) = Action::from_iam_name(&check) else {
            r.err(
                &join(path, "check"),
                s.get("check").map_or(s.loc, |v| v.loc),
                format!("`{check}` is not a KMS action such as kms:Decrypt"),
            );
            return None;
        };
        let key = r.string(s, "key", path);
        if key.is_none() && !action.is_iam_only() {
            r.err(path, s.loc, format!("a check of {action} needs a `key`"));
        }
        let context = s
            .get("context")
            .and_then(|c| r.context(c, &join(path, "context")));
        let expect = s.get("expect").and_then(|e| match e.as_str() {
            Some("allow") => Some(Expect::Allow),
            Some("deny") => Some(Expect::Deny),
            Some("explicit-deny") => Some(Expect::ExplicitDeny),
            Some("implicit-deny") => Some(Expect::ImplicitDeny),
            _ => {
                r.err(
                    &join(path, "expect"),
                    e.loc,
                    "a check expects \"allow\", \"deny\", \"explicit-deny\" or \"implicit-deny\"",
                );
                None
            }
        });
        return Some(Step {
            id,
            note,
            kind: StepKind::Check {
                principal: principal?,
                action,
                key,
                context,
                via,
            },
            expect,
        });
    }
    if let Some(a) = s.get("advance") {
        r.fields(s, path, ADVANCE_STEP);
        let Some(text) = a.as_str() else {
            r.err(
                &join(path, "advance"),
                a.loc,
                "`advance` is a duration such as \"30d\", \"12h\", \"15m\" or \"45s\"",
            );
            return None;
        };
        return match Duration::parse(text) {
            Ok(d) => Some(Step {
                id,
                note,
                kind: StepKind::Advance(d),
                expect: None,
            }),
            Err(e) => {
                r.err(&join(path, "advance"), a.loc, e.to_string());
                None
            }
        };
    }
    r.err(path, s.loc, "a step needs `call` (an API call), `check` (an authorization question) or `advance` (a clock step)");
    None
}

fn read_call_expect(r: &mut Reader, e: &Json, path: &str) -> Option<Expect> {
    match &e.value {
        json::Value::String(s) if s == "ok" => Some(Expect::Ok),
        json::Value::String(s)
            if s.ends_with("Exception")
                || s.starts_with("KMS")
                || s.contains('.')
                || s.chars().next().is_some_and(char::is_uppercase) =>
        {
            Some(Expect::Error(s.clone()))
        }
        json::Value::Object(_) => match e.get("ok") {
            Some(v) if e.as_object().is_some_and(|m| m.len() == 1) => {
                Some(Expect::OkWith(to_value(v)))
            }
            _ => {
                r.err(
                    path,
                    e.loc,
                    "an object `expect` is {\"ok\": {...fields the output must have...}}",
                );
                None
            }
        },
        _ => {
            r.err(path, e.loc, "`expect` is \"ok\", an AWS error code such as \"AccessDeniedException\", or {\"ok\": {...}}");
            None
        }
    }
}

/// Finds `${id.Path}` references in an input and checks that `id` is an earlier step.
fn check_references(r: &mut Reader, v: &Json, path: &str, earlier: &[String]) {
    match &v.value {
        json::Value::String(s) => {
            for reference in references(s) {
                let id = reference.split('.').next().unwrap_or("");
                if !earlier.iter().any(|e| e == id) {
                    r.err(path, v.loc, format!("`${{{reference}}}` refers to `{id}`, which is not the id of an earlier step"));
                }
            }
        }
        json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_references(r, item, &format!("{path}[{i}]"), earlier);
            }
        }
        json::Value::Object(members) => {
            for m in members {
                check_references(r, &m.value, &join(path, &m.key), earlier);
            }
        }
        _ => {}
    }
}

fn references(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        let after = rest.get(start + 2..).unwrap_or("");
        match after.find('}') {
            Some(end) => {
                out.push(after.get(..end).unwrap_or(""));
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => break,
        }
    }
    out
}

/// A failed call's error: the AWS (or S3) code and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepError {
    /// The code (`AccessDeniedException`, `NoSuchKey`, `KMS.DisabledException`, ...).
    pub code: String,
    /// The message.
    pub message: String,
}

impl From<ApiError> for StepError {
    fn from(e: ApiError) -> Self {
        StepError {
            code: String::from(e.code.as_str()),
            message: e.message,
        }
    }
}

/// What one step did.
#[derive(Clone, Debug)]
pub struct StepResult {
    /// The step's index.
    pub index: usize,
    /// Its id.
    pub id: Option<String>,
    /// Its note.
    pub note: Option<String>,
    /// Who (ARN), for calls and checks.
    pub principal: Option<String>,
    /// The operation, action or `advance`.
    pub what: String,
    /// The request as sent, references resolved.
    pub input: Value,
    /// The response, for a call that succeeded.
    pub output: Option<Value>,
    /// The error, for a call that failed.
    pub error: Option<StepError>,
    /// For an S3 call: the steps it took, for the animation.
    pub s3_steps: Vec<Value>,
    /// The (last) authorization decision.
    pub decision: Option<Decision>,
    /// The expectation, if any.
    pub expected: Option<Expect>,
    /// Whether it was met (`None` without an expectation).
    pub met: Option<bool>,
}

impl StepResult {
    /// The result as the command line's `--json` prints it.
    pub fn to_json(&self) -> Value {
        json!({
            "index": self.index,
            "id": self.id,
            "as": self.principal,
            "call": self.what,
            "input": self.input,
            "output": self.output,
            "error": self.error.as_ref().map(|e| json!({"code": e.code, "message": e.message})),
            "s3Steps": if self.s3_steps.is_empty() { Value::Null } else { Value::Array(self.s3_steps.clone()) },
            "decision": self.decision.as_ref().map(|d| json!({
                "effect": if d.effect == Effect::Allow { "allow" } else { "deny" },
                "rule": d.rule.as_str(),
                "reason": d.reason,
                "hint": d.hint,
            })),
            "expected": self.expected.as_ref().map(|e| match e { Expect::OkWith(v) => json!({"ok": v}), other => json!(other.to_string()) }),
            "met": self.met,
        })
    }
}

/// Plays a scenario's steps against its world.
#[derive(Clone, Debug)]
pub struct Runner {
    /// The world.
    pub world: World,
    steps: Vec<Step>,
    next: usize,
    outputs: BTreeMap<String, Value>,
}

impl Runner {
    /// A runner at the first step of `scenario`.
    pub fn new(scenario: &Scenario) -> Result<Runner, ScenarioError> {
        Ok(Runner {
            world: scenario.build_world()?,
            steps: scenario.steps.clone(),
            next: 0,
            outputs: BTreeMap::new(),
        })
    }

    /// The index of the next step.
    pub fn position(&self) -> usize {
        self.next
    }

    /// Whether every step has run.
    pub fn finished(&self) -> bool {
        self.next >= self.steps.len()
    }

    /// Runs the next step.
    pub fn step(&mut self) -> Option<StepResult> {
        let step = self.steps.get(self.next)?.clone();
        let index = self.next;
        self.next += 1;
        let mut res = StepResult {
            index,
            id: step.id.clone(),
            note: step.note.clone(),
            principal: None,
            what: String::new(),
            input: Value::Null,
            output: None,
            error: None,
            s3_steps: Vec::new(),
            decision: None,
            expected: step.expect.clone(),
            met: None,
        };
        match &step.kind {
            StepKind::Call {
                principal,
                operation,
                input,
                via,
            } => {
                let input = resolve(input, &self.outputs);
                let caller = Caller {
                    principal,
                    region: None,
                    via_service: via.as_deref(),
                };
                let output: Result<Value, StepError> = if operation.starts_with("s3:") {
                    let r = self.world.s3(&caller, operation, &input);
                    res.decision = r.decisions.last().cloned();
                    res.s3_steps = r.steps.iter().map(crate::s3::S3Step::to_json).collect();
                    r.output.map_err(|e| StepError {
                        code: e.code,
                        message: e.message,
                    })
                } else {
                    let r = self.world.call(&caller, operation, &input);
                    res.decision = r.decisions.last().cloned();
                    r.output.map_err(StepError::from)
                };
                res.principal = Some(principal.clone());
                res.what = operation.clone();
                res.input = input;
                match output {
                    Ok(v) => {
                        if let Some(id) = &step.id {
                            self.outputs.insert(id.clone(), v.clone());
                        }
                        res.met = step.expect.as_ref().map(|e| match e {
                            Expect::Ok => true,
                            // Expectations may refer to earlier steps too.
                            Expect::OkWith(want) => contains(&v, &resolve(want, &self.outputs)),
                            _ => false,
                        });
                        res.output = Some(v);
                    }
                    Err(e) => {
                        res.met = step
                            .expect
                            .as_ref()
                            .map(|x| matches!(x, Expect::Error(c) if *c == e.code));
                        res.error = Some(e);
                    }
                }
            }
            StepKind::Check {
                principal,
                action,
                key,
                context,
                via,
            } => {
                let caller = Caller {
                    principal,
                    region: None,
                    via_service: via.as_deref(),
                };
                res.principal = Some(principal.clone());
                res.what = action.to_string();
                res.input = json!({"key": key, "context": context.as_ref().map(|c| c.as_map().clone()), "via": via});
                match self
                    .world
                    .check_access(&caller, *action, key.as_deref(), context.as_ref())
                {
                    Ok(d) => {
                        res.met = step.expect.as_ref().map(|e| match e {
                            Expect::Allow => d.effect == Effect::Allow,
                            Expect::Deny => d.effect == Effect::Deny,
                            Expect::ExplicitDeny => d.rule == crate::authz::Rule::ExplicitDeny,
                            Expect::ImplicitDeny => d.rule == crate::authz::Rule::ImplicitDeny,
                            _ => false,
                        });
                        res.decision = Some(d);
                    }
                    Err(e) => {
                        res.met = step.expect.as_ref().map(|_| false);
                        res.error = Some(e.into());
                    }
                }
            }
            StepKind::Advance(d) => {
                res.what = String::from("advance");
                res.input = json!(d.to_string());
                match self.world.advance(*d) {
                    Ok(events) => {
                        res.output = Some(
                            json!({"now": self.world.now().to_string(), "events": events.iter().map(|e| e.to_json()).collect::<Vec<_>>()}),
                        )
                    }
                    Err(e) => {
                        res.error = Some(StepError {
                            code: String::from("KMSInternalException"),
                            message: e.to_string(),
                        })
                    }
                }
            }
        }
        Some(res)
    }

    /// Runs every remaining step.
    pub fn run_all(&mut self) -> Vec<StepResult> {
        let mut out = Vec::new();
        while let Some(r) = self.step() {
            out.push(r);
        }
        out
    }
}

/// `want` ⊆ `got`: objects as subsets; arrays of the same length, item by item; scalars
/// exactly.
fn contains(got: &Value, want: &Value) -> bool {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => w
            .iter()
            .all(|(k, wv)| g.get(k).is_some_and(|gv| contains(gv, wv))),
        (Value::Array(g), Value::Array(w)) => {
            g.len() == w.len() && g.iter().zip(w).all(|(gv, wv)| contains(gv, wv))
        }
        _ => got == want,
    }
}

/// Replaces `${id.Path}` in every string of `v` with the value at `Path` in step `id`'s
/// output. A string that is exactly one reference takes the referenced value as is.
fn resolve(v: &Value, outputs: &BTreeMap<String, Value>) -> Value {
    match v {
        Value::String(s) => {
            let refs = references(s);
            if let [only] = refs.as_slice()
                && s.len() == only.len() + 3
                && let Some(found) = lookup(only, outputs)
            {
                return found.clone();
            }
            let mut out = s.clone();
            for r in refs {
                if let Some(found) = lookup(r, outputs) {
                    let text = match found {
                        Value::String(t) => t.clone(),
                        other => other.to_string(),
                    };
                    out = out.replace(&format!("${{{r}}}"), &text);
                }
            }
            Value::String(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|i| resolve(i, outputs)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), resolve(v, outputs)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn lookup<'a>(reference: &str, outputs: &'a BTreeMap<String, Value>) -> Option<&'a Value> {
    let mut parts = reference.split('.');
    let mut v = outputs.get(parts.next()?)?;
    for p in parts {
        v = match v {
            Value::Object(m) => m.get(p)?,
            Value::Array(a) => a.get(p.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(v)
}

#[cfg(test)]
mod tests;
