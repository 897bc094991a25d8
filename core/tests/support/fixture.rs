//! A small world for authorization tests: one key, principals with IAM policies, grants.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers fail loudly; each test file uses part of them"
)]

use std::collections::BTreeMap;

use kms_core::action::Action;
use kms_core::authz::{self, Decision, KeyFacts, Names, Outcome, Request};
use kms_core::clock::Timestamp;
use kms_core::context::EncryptionContext;
use kms_core::grants::Grant;
use kms_core::ids::AccountId;
use kms_core::policy::{Policy, PolicyKind};
use kms_core::principal::Principal;

pub struct Fixture {
    pub key_name: String,
    pub key_arn: String,
    pub account: AccountId,
    pub key_policy: Policy,
    pub aliases: Vec<String>,
    pub tags: Vec<(String, String)>,
    pub iam: BTreeMap<String, Vec<Policy>>,
    pub grants: Vec<Grant>,
    pub now: Timestamp,
}

#[derive(Default, Clone)]
pub struct Facts {
    pub context: Option<EncryptionContext>,
    pub via: Option<String>,
    pub request_alias: Option<String>,
    pub tokens: Vec<String>,
}

pub fn policy(json: &str, kind: PolicyKind) -> Policy {
    match Policy::parse(json, kind) {
        Ok(p) => p,
        Err(d) => panic!("policy does not parse: {d:?}\n{json}"),
    }
}

impl Fixture {
    pub fn new(key_name: &str, key_arn: &str, key_policy: &str) -> Fixture {
        let account = AccountId::parse(key_arn.split(':').nth(4).unwrap()).unwrap();
        Fixture {
            key_name: key_name.to_string(),
            key_arn: key_arn.to_string(),
            account,
            key_policy: policy(key_policy, PolicyKind::Key),
            aliases: Vec::new(),
            tags: Vec::new(),
            iam: BTreeMap::new(),
            grants: Vec::new(),
            now: Timestamp::DEFAULT_START,
        }
    }

    pub fn with_iam(mut self, principal: &str, json: &str) -> Fixture {
        self.iam
            .entry(principal.to_string())
            .or_default()
            .push(policy(json, PolicyKind::Identity));
        self
    }

    fn iam_for(&self, p: &Principal) -> &[Policy] {
        // A role session uses its role's policies.
        let arn = p.principal_arn_for_conditions();
        self.iam
            .iter()
            .find(|(k, _)| k.as_str() == arn || k.as_str() == p.arn() || roles_match(k, arn))
            .map_or(&[], |(_, v)| v.as_slice())
    }

    pub fn decide(&self, principal: &str, action: &str, facts: &Facts) -> (Outcome, Decision) {
        let p = Principal::parse(principal).unwrap();
        let action =
            Action::from_iam_name(action).unwrap_or_else(|| panic!("unknown action {action}"));
        let mut req = Request::new(&p, self.iam_for(&p), action, self.now);
        req.encryption_context = facts.context.as_ref();
        req.via_service = facts.via.as_deref();
        req.request_alias = facts.request_alias.as_deref();
        req.grant_tokens = &facts.tokens;
        let key = self.key_facts();
        let out = authz::authorize(&req, &key, &self.grants);
        let short = p.short_name();
        let names = Names {
            principal: &short,
            key: &self.key_name,
        };
        let d = authz::explain(&out, &req, Some(&key), &self.grants, &names);
        (out, d)
    }

    pub fn key_facts(&self) -> KeyFacts<'_> {
        KeyFacts {
            aliases: &self.aliases,
            tags: &self.tags,
            ..KeyFacts::symmetric(&self.key_arn, self.account, &self.key_policy)
        }
    }
}

/// `arn:aws:iam::A:role/path/Name` names the same role as `arn:aws:iam::A:role/Name`.
fn roles_match(a: &str, b: &str) -> bool {
    let split = |s: &str| {
        s.split_once(":role/").map(|(acct, path)| {
            (
                acct.to_string(),
                path.rsplit('/').next().unwrap_or("").to_string(),
            )
        })
    };
    matches!((split(a), split(b)), (Some(x), Some(y)) if x == y)
}
