//! [`Scenario::load`]: a file read, checked and typed, with every error located. What
//! loading accepts, building and running accept too: keys, aliases and grants are checked
//! against each other here, not discovered to clash later.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::read::{Reader, join};
use super::{
    FORMAT, GrantSpec, KeySpec, MAX_FILE_BYTES, MAX_GRANTS, MAX_KEYS, MAX_PRINCIPALS, MAX_STEPS,
    PrincipalSpec, Scenario, ScenarioError,
};
use crate::action::{Action, ActionSet};
use crate::api::MAX_ALIASES_PER_KEY;
use crate::clock::Timestamp;
use crate::grants::{self, GrantConstraints};
use crate::ids::{AccountId, AliasName, KeyArn, KeyId, Region};
use crate::json::{self, Json, Loc};
use crate::keys::{KeyManager, MAX_ROTATION_DAYS, MIN_ROTATION_DAYS};
use crate::policy::{MAX_POLICIES_PER_PRINCIPAL, Policy, PolicyKind};
use crate::principal::Principal;
use crate::world::default_policy_name;

mod consistency;
mod steps;

use consistency::check_state_against_keys;
use steps::read_steps;
pub(super) use steps::{read_step, read_step_list};

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
    // Read by `Lesson::load`; a plain load leaves it alone.
    "lesson",
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
    "tags",
    "rotationPeriodInDays",
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

fn start() -> Loc {
    Loc {
        line: 1,
        col: 1,
        offset: 0,
    }
}

/// Where a list refuses more items than its budget allows.
fn too_many(r: &mut Reader, doc: &Json, field: &str, max: usize) -> bool {
    let n = match doc.get(field).map(|f| &f.value) {
        Some(json::Value::Array(items)) => items.len(),
        _ => return false,
    };
    if n > max {
        r.err(
            field,
            doc.get(field).map_or(doc.loc, |f| f.loc),
            format!("{n} {field}: a scenario can have at most {max}"),
        );
        return true;
    }
    false
}

/// The file's JSON, or the error that says where it is not JSON.
pub(super) fn parse(text: &str) -> Result<Json, Vec<ScenarioError>> {
    json::parse(text).map_err(|e| {
        Vec::from([ScenarioError {
            path: String::new(),
            loc: e.loc,
            message: format!("not valid JSON: {}", e.message),
        }])
    })
}

impl Scenario {
    /// Reads and validates a scenario file. Every error is reported (up to
    /// [`MAX_ERRORS`](super::MAX_ERRORS), then a count of the rest), each with its path
    /// and position; a file that loads builds and runs.
    pub fn load(text: &str) -> Result<Scenario, Vec<ScenarioError>> {
        if text.len() > MAX_FILE_BYTES {
            return Err(Vec::from([ScenarioError {
                path: String::new(),
                loc: start(),
                message: format!(
                    "the file is {} bytes; a scenario can be at most {MAX_FILE_BYTES} bytes",
                    text.len()
                ),
            }]));
        }
        let doc = parse(text)?;
        let mut r = Reader::new();
        if !r.fields(&doc, "", TOP) {
            return Err(r.finish());
        }
        let over_budget = [
            ("principals", MAX_PRINCIPALS),
            ("keys", MAX_KEYS),
            ("grants", MAX_GRANTS),
            ("steps", MAX_STEPS),
        ]
        .into_iter()
        .fold(false, |acc, (field, max)| {
            too_many(&mut r, &doc, field, max) || acc
        });
        if over_budget {
            return Err(r.finish());
        }
        let s = read_scenario(&mut r, &doc);
        if r.clean() {
            s.ok_or_else(|| r.finish())
        } else {
            Err(r.finish())
        }
    }
}

fn read_scenario(r: &mut Reader, doc: &Json) -> Option<Scenario> {
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
                json::to_compact(f)
            ),
        ),
    }
    let title = r.string(doc, "title", "");
    let description = r.string(doc, "description", "");
    let region = match r.string(doc, "region", "") {
        Some(s) => Region::parse(&s).unwrap_or_else(|e| {
            r.err(
                "region",
                doc.get("region").map_or(start(), |v| v.loc),
                e.to_string(),
            );
            Region::default_region()
        }),
        None => Region::default_region(),
    };
    let clock = r.time(doc, "clock", "").unwrap_or(Timestamp::DEFAULT_START);
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
    let principals = read_principals(r, doc);
    let default_account = principals
        .first()
        .and_then(|p| Principal::parse(&p.arn).ok())
        .map_or(AccountId::DEFAULT, |p| p.account());
    let (keys, handles) = read_keys(r, doc, &region, default_account);
    let grants = read_grants(r, doc, &handles, &principals);
    let steps = read_steps(r, doc, &principals);
    let state = doc.get("state").and_then(|v| r.world_state(v));
    if let Some(st) = &state {
        check_state_against_keys(r, doc, st, &keys);
    }
    Some(Scenario {
        title,
        description,
        region,
        clock,
        seed,
        principals,
        keys,
        grants,
        steps,
        state,
    })
}

fn read_principals(r: &mut Reader, doc: &Json) -> Vec<PrincipalSpec> {
    let mut principals: Vec<PrincipalSpec> = Vec::new();
    for (i, p) in r.array(doc, "principals", "").iter().enumerate() {
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
        let name = r.name(p, &path);
        let listed = r.array(p, "policies", &path);
        if listed.len() > MAX_POLICIES_PER_PRINCIPAL {
            r.err(
                &join(&path, "policies"),
                p.get("policies").map_or(p.loc, |v| v.loc),
                format!(
                    "a principal can have at most {MAX_POLICIES_PER_PRINCIPAL} IAM policies (\"You can attach up to 10 managed policies to an IAM identity\")"
                ),
            );
        }
        let mut policies: Vec<(String, Policy)> = Vec::new();
        for (j, pol) in listed.iter().enumerate() {
            let at = format!("{path}.policies[{j}]");
            // A policy is a document, or `{"PolicyName", "PolicyDocument"}` as IAM's
            // PutUserPolicy takes it.
            let (name, doc, doc_at) = match pol.get("PolicyDocument") {
                Some(doc) => {
                    let name = r.string(pol, "PolicyName", &at);
                    if name.is_none() {
                        r.err(&at, pol.loc, "a named policy needs a `PolicyName`");
                    }
                    (name, doc, join(&at, "PolicyDocument"))
                }
                None => (Some(default_policy_name(j)), pol, at.clone()),
            };
            let Some(name) = name else { continue };
            if let Err(e) = crate::iam::check_policy_name(&name) {
                r.err(&join(&at, "PolicyName"), pol.loc, e);
            } else if policies.iter().any(|(n, _)| *n == name) {
                r.err(
                    &join(&at, "PolicyName"),
                    pol.loc,
                    format!("the principal already has a policy named `{name}`"),
                );
            }
            if let Some(policy) = r.policy(doc, PolicyKind::Identity, &doc_at) {
                policies.push((name, policy));
            }
        }
        if principals
            .iter()
            .any(|q| q.arn == arn || (name.is_some() && q.name == name))
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
    principals
}

/// Every way a step or grant may name key `index` of the file.
fn names_of(k: &KeySpec, index: usize, out: &mut Vec<(String, usize)>) {
    if let Some(n) = &k.name {
        out.push((n.clone(), index));
    }
    if let Some(id) = &k.key_id {
        out.push((String::from(id.as_str()), index));
        out.push((
            String::from(KeyArn::new(&k.region, k.account, id).as_str()),
            index,
        ));
    }
    for a in &k.aliases {
        out.push((String::from(a.as_str()), index));
        out.push((a.arn(&k.region, k.account), index));
    }
}

fn read_keys(
    r: &mut Reader,
    doc: &Json,
    region: &Region,
    default_account: AccountId,
) -> (Vec<KeySpec>, Vec<(String, usize)>) {
    let mut keys: Vec<KeySpec> = Vec::new();
    let mut handles = Vec::new();
    for (i, k) in r.array(doc, "keys", "").iter().enumerate() {
        let path = format!("keys[{i}]");
        if !r.fields(k, &path, KEY) {
            continue;
        }
        let at = |field: &str| k.get(field).map_or(k.loc, |v| v.loc);
        let name = r.name(k, &path);
        let key_id = r.string(k, "keyId", &path).and_then(|id| {
            KeyId::parse(&id)
                .map_err(|_| {
                    r.err(&join(&path, "keyId"), at("keyId"), format!("`{id}` is not a key ID (a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab)"));
                })
                .ok()
        });
        let account = match r.string(k, "account", &path) {
            Some(a) => AccountId::parse(&a).unwrap_or_else(|e| {
                r.err(&join(&path, "account"), at("account"), e.to_string());
                default_account
            }),
            None => default_account,
        };
        let key_region = match r.string(k, "region", &path) {
            Some(s) => Region::parse(&s).unwrap_or_else(|e| {
                r.err(&join(&path, "region"), at("region"), e.to_string());
                region.clone()
            }),
            None => region.clone(),
        };
        let description = r.string(k, "description", &path).unwrap_or_default();
        if description.chars().count() > 8192 {
            r.err(
                &join(&path, "description"),
                at("description"),
                "a key description is at most 8192 characters",
            );
        }
        let mut aliases: Vec<AliasName> = Vec::new();
        for (j, a) in r.array(k, "aliases", &path).iter().enumerate() {
            let ap = format!("{path}.aliases[{j}]");
            match a.as_str().map(AliasName::parse) {
                Some(Ok(name)) if aliases.contains(&name) => {
                    r.err(&ap, a.loc, format!("the alias `{name}` is listed twice"));
                }
                Some(Ok(name)) => aliases.push(name),
                Some(Err(e)) => r.err(&ap, a.loc, e.to_string()),
                None => r.err(&ap, a.loc, "an alias is a string such as \"alias/finance\""),
            }
        }
        if aliases.len() > MAX_ALIASES_PER_KEY {
            r.err(
                &join(&path, "aliases"),
                at("aliases"),
                format!("a KMS key can have at most {MAX_ALIASES_PER_KEY} aliases"),
            );
        }
        let policy = k
            .get("policy")
            .and_then(|p| r.policy(p, PolicyKind::Key, &join(&path, "policy")));
        let enabled = r.boolean(k, "enabled", &path).unwrap_or(true);
        let manager = match r.string(k, "keyManager", &path).as_deref() {
            None | Some("CUSTOMER") => KeyManager::Customer,
            Some("AWS") => {
                if !aliases.iter().any(AliasName::is_aws_managed) {
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
                    at("keyManager"),
                    format!("`{other}` is not a key manager: use CUSTOMER or AWS"),
                );
                KeyManager::Customer
            }
        };
        if manager == KeyManager::Customer && aliases.iter().any(AliasName::is_aws_managed) {
            r.err(
                &join(&path, "aliases"),
                k.loc,
                "alias/aws/ names are reserved for AWS managed keys",
            );
        }
        let tags = k
            .get("tags")
            .and_then(|t| r.tags(t, &join(&path, "tags")))
            .unwrap_or_default();
        let rotation_period_days = r
            .number(
                k,
                "rotationPeriodInDays",
                &path,
                i64::from(MIN_ROTATION_DAYS),
                i64::from(MAX_ROTATION_DAYS),
            )
            .and_then(|n| u32::try_from(n).ok());
        let state = k
            .get("state")
            .and_then(|s| r.key_state(s, &join(&path, "state"), manager));
        if name.is_some() && keys.iter().any(|q| q.name == name) {
            r.err(
                &join(&path, "name"),
                at("name"),
                "a key with this name is already defined",
            );
        }
        if let Some(id) = &key_id
            && keys.iter().any(|q| {
                q.key_id.as_ref() == Some(id) && q.account == account && q.region == key_region
            })
        {
            r.err(
                &join(&path, "keyId"),
                at("keyId"),
                format!("another key already has the key ID {id} in this account and region"),
            );
        }
        for a in &aliases {
            if keys
                .iter()
                .any(|q| q.account == account && q.region == key_region && q.aliases.contains(a))
            {
                r.err(
                    &join(&path, "aliases"),
                    at("aliases"),
                    format!("the alias `{a}` already names another key in this account and region"),
                );
            }
        }
        let spec = KeySpec {
            name,
            key_id,
            account,
            region: key_region,
            description,
            aliases,
            policy,
            enabled,
            manager,
            tags,
            rotation_period_days,
            state,
        };
        names_of(&spec, keys.len(), &mut handles);
        keys.push(spec);
    }
    (keys, handles)
}

fn read_grants(
    r: &mut Reader,
    doc: &Json,
    handles: &[(String, usize)],
    principals: &[PrincipalSpec],
) -> Vec<GrantSpec> {
    let _ = principals;
    let mut grants = Vec::new();
    for (i, g) in r.array(doc, "grants", "").iter().enumerate() {
        let path = format!("grants[{i}]");
        if !r.fields(g, &path, GRANT) {
            continue;
        }
        let at = |field: &str| g.get(field).map_or(g.loc, |v| v.loc);
        let key = r.required(g, "key", &path).and_then(|k| {
            let found = handles.iter().find(|(h, _)| *h == k).map(|(_, i)| *i);
            if found.is_none() {
                r.err(&join(&path, "key"), at("key"), format!("unknown key \"{k}\": name a key of this file by its name, key ID, ARN or alias"));
            }
            found
        });
        let grantee = r.required(g, "granteePrincipal", &path);
        let retiring = r.string(g, "retiringPrincipal", &path);
        let name = r.string(g, "name", &path);
        if name.as_deref().is_some_and(|n| {
            !(1..=256).contains(&n.len())
                || !n
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ":/_-".contains(c))
        }) {
            r.err(
                &join(&path, "name"),
                at("name"),
                "a grant name is 1 to 256 of letters, digits, `:`, `/`, `_` and `-`",
            );
        }
        let mut operations = ActionSet::EMPTY;
        let ops = r.array(g, "operations", &path);
        if g.get("operations").is_none() || ops.is_empty() {
            r.err(&path, g.loc, "a grant needs at least one of `operations`");
        }
        for (j, o) in ops.iter().enumerate() {
            match o.as_str().and_then(Action::from_name).filter(|a| a.is_grant_operation()) {
                Some(a) => operations.insert(a),
                None => r.err(&format!("{path}.operations[{j}]"), o.loc, format!("{} is not a grant operation (Decrypt, Encrypt, GenerateDataKey, ReEncryptFrom, DescribeKey, CreateGrant, RetireGrant, ...)", json::to_compact(o))),
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
                for (field, slot) in [
                    ("EncryptionContextEquals", &mut constraints.equals),
                    ("EncryptionContextSubset", &mut constraints.subset),
                ] {
                    let Some(v) = c.get(field) else { continue };
                    let fp = join(&cpath, field);
                    *slot = r.context(v, &fp);
                    if slot.as_ref().is_some_and(|ctx| {
                        ctx.len() > grants::MAX_CONSTRAINT_PAIRS
                            || ctx.iter().any(|(_, val)| {
                                val.chars().count() > grants::MAX_CONSTRAINT_VALUE_CHARS
                            })
                    }) {
                        r.err(&fp, v.loc, "a grant constraint has at most 8 pairs, each value at most 384 characters");
                    }
                }
                if constraints.equals.is_some() && constraints.subset.is_some() {
                    r.err(
                        &cpath,
                        c.loc,
                        "use EncryptionContextEquals or EncryptionContextSubset, not both",
                    );
                }
            }
        }
        for field in ["granteePrincipal", "retiringPrincipal"] {
            let given = if field == "granteePrincipal" {
                &grantee
            } else {
                &retiring
            };
            if let Some(p) = given
                .as_ref()
                .filter(|p| Principal::parse(p).is_err() && !p.ends_with(".amazonaws.com"))
            {
                r.err(
                    &join(&path, field),
                    at(field),
                    format!(
                        "`{p}` is not a principal ARN (or a service such as `s3.amazonaws.com`)"
                    ),
                );
            }
        }
        let state = g
            .get("state")
            .and_then(|s| r.grant_state(s, &join(&path, "state")));
        if let (Some(key), Some(grantee)) = (key, grantee) {
            grants.push(GrantSpec {
                key,
                name,
                grantee,
                retiring,
                operations,
                constraints,
                state,
            });
        }
    }
    grants
}
