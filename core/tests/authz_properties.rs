//! Properties of the authorization engine on generated policies, grants and requests:
//! - it agrees with a deliberately simple reference evaluator written from the rules as
//!   AWS documents them (working on the JSON documents directly);
//! - adding a Deny never turns a denial into an allow;
//! - adding an Allow never turns an allow into a denial;
//! - adding a grant never denies.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use kms_core::action::{Action, ActionSet};
use kms_core::authz::{self, KeyFacts, Request, Rule};
use kms_core::clock::Timestamp;
use kms_core::context::EncryptionContext;
use kms_core::grants::{Grant, GrantConstraints};
use kms_core::ids::{AccountId, GrantId, KeyArn};
use kms_core::policy::{Policy, PolicyKind};
use kms_core::principal::Principal;
use proptest::prelude::*;
use serde_json::{Value, json};

const A: &str = "111122223333";

const KEY: &str = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const OTHER_KEY: &str =
    "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";

const CALLERS: &[&str] = &[
    "arn:aws:iam::111122223333:user/Alice",
    "arn:aws:iam::111122223333:user/Bob",
    "arn:aws:iam::111122223333:root",
    "arn:aws:sts::111122223333:assumed-role/Ops/session1",
    "arn:aws:iam::444455556666:user/Eve",
];

const PRINCIPALS: &[&str] = &[
    "*",
    "arn:aws:iam::111122223333:root",
    "111122223333",
    "arn:aws:iam::111122223333:user/Alice",
    "arn:aws:iam::111122223333:user/Bob",
    "arn:aws:iam::111122223333:role/Ops",
    "arn:aws:iam::444455556666:root",
    "arn:aws:iam::444455556666:user/Eve",
];

const ACTION_PATTERNS: &[&str] = &[
    "kms:*",
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:Get*",
    "kms:*crypt",
    "kms:PutKeyPolicy",
    "kms:ReEncrypt*",
    "kms:CreateGrant",
    "kms:Describe*",
    "KMS:decrypt",
    "*",
];

const ACTIONS: &[Action] = &[
    Action::Encrypt,
    Action::Decrypt,
    Action::PutKeyPolicy,
    Action::ReEncryptFrom,
    Action::CreateGrant,
    Action::DescribeKey,
    Action::ScheduleKeyDeletion,
    Action::GetKeyPolicy,
];

const RESOURCES: &[&str] = &[
    "*",
    KEY,
    OTHER_KEY,
    "arn:aws:kms:*:111122223333:key/*",
    "arn:aws:kms:*:444455556666:key/*",
];

fn conditions() -> Vec<Value> {
    vec![
        json!({"StringEquals": {"kms:EncryptionContext:dept": "IT"}}),
        json!({"StringEquals": {"kms:EncryptionContext:dept": ["IT", "HR"]}}),
        json!({"StringNotEquals": {"kms:EncryptionContext:dept": "HR"}}),
        json!({"StringLike": {"kms:ViaService": "s3.*"}}),
        json!({"Null": {"kms:EncryptionContextKeys": "true"}}),
        json!({"Null": {"kms:EncryptionContextKeys": "false"}}),
        json!({"ForAnyValue:StringEquals": {"kms:EncryptionContextKeys": "dept"}}),
        json!({"ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["dept", "app"]}}),
        json!({"StringEquals": {"kms:CallerAccount": A}}),
        json!({"Bool": {"aws:ViaAWSService": "true"}}),
        json!({"StringEqualsIfExists": {"kms:EncryptionContext:app": "x"}}),
        json!({"StringEquals": {"kms:EncryptionContext:dept": "IT"}, "StringLike": {"kms:ViaService": "s3.*"}}),
    ]
}

fn statement(key_policy: bool, effect: Option<&'static str>) -> impl Strategy<Value = Value> {
    let effect = match effect {
        Some(e) => Just(e).boxed(),
        None => prop_oneof![4 => Just("Allow"), 1 => Just("Deny")].boxed(),
    };
    (
        effect,
        proptest::sample::subsequence(PRINCIPALS.to_vec(), 1..3),
        0..10u8,
        proptest::sample::subsequence(ACTION_PATTERNS.to_vec(), 1..3),
        any::<bool>(),
        proptest::option::weighted(0.9, proptest::sample::subsequence(RESOURCES.to_vec(), 1..3)),
        proptest::option::weighted(0.3, proptest::sample::select(conditions())),
    )
        .prop_map(
            move |(effect, principals, pkind, actions, not_action, resources, condition)| {
                let mut s = serde_json::Map::new();
                s.insert("Effect".into(), json!(effect));
                if key_policy {
                    let p = if principals.contains(&"*") && pkind < 3 {
                        json!("*")
                    } else {
                        json!({"AWS": principals})
                    };
                    s.insert(
                        if pkind == 9 {
                            "NotPrincipal"
                        } else {
                            "Principal"
                        }
                        .into(),
                        p,
                    );
                }
                s.insert(
                    if not_action && actions.len() == 1 {
                        "NotAction"
                    } else {
                        "Action"
                    }
                    .into(),
                    json!(actions),
                );
                // A key policy statement without Resource has no effect (KMS accepts it);
                // IAM refuses an identity policy statement without one.
                match (resources, key_policy) {
                    (Some(r), _) => {
                        s.insert("Resource".into(), json!(r));
                    }
                    (None, false) => {
                        s.insert("Resource".into(), json!("*"));
                    }
                    (None, true) => {}
                }
                if let Some(c) = condition {
                    s.insert("Condition".into(), c);
                }
                Value::Object(s)
            },
        )
}

fn document(statements: Vec<Value>) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

#[derive(Clone, Debug)]
struct GenGrant {
    grantee: &'static str,
    operations: Vec<Action>,
    subset: Option<(&'static str, &'static str)>,
    effective: bool,
    token_presented: bool,
}

fn grant() -> impl Strategy<Value = GenGrant> {
    (
        proptest::sample::select(
            CALLERS
                .iter()
                .copied()
                .filter(|c| !c.ends_with(":root"))
                .collect::<Vec<_>>(),
        ),
        proptest::sample::subsequence(
            vec![
                Action::Encrypt,
                Action::Decrypt,
                Action::DescribeKey,
                Action::ReEncryptFrom,
            ],
            1..4,
        ),
        proptest::option::of(proptest::sample::select(vec![("dept", "IT"), ("app", "x")])),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(grantee, operations, subset, effective, token_presented)| GenGrant {
                grantee,
                operations,
                subset,
                effective,
                token_presented,
            },
        )
}

#[derive(Clone, Debug)]
struct World {
    key_policy: Value,
    iam: Vec<Vec<Value>>, // per caller
    grants: Vec<GenGrant>,
    caller: usize,
    action: Action,
    context: Option<Vec<(&'static str, &'static str)>>,
    via: bool,
}

fn world() -> impl Strategy<Value = World> {
    (
        proptest::collection::vec(statement(true, None), 0..4),
        proptest::collection::vec(proptest::collection::vec(statement(false, None), 0..4), CALLERS.len()),
        proptest::collection::vec(grant(), 0..5),
        0..CALLERS.len(),
        proptest::sample::select(ACTIONS.to_vec()),
        proptest::option::of(proptest::sample::select(vec![vec![], vec![("dept", "IT")], vec![("dept", "HR"), ("app", "x")], vec![("app", "x")]])),
        any::<bool>(),
    )
        .prop_map(|(mut kp, iam, grants, caller, action, context, via)| World {
            key_policy: {
                // Half the keys have the API default statement that enables IAM policies.
                if caller % 2 == 0 || kp.len() % 2 == 1 {
                    kp.insert(0, json!({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}));
                }
                document(kp)
            },
            iam: iam.into_iter().map(|stmts| if stmts.is_empty() { vec![] } else { vec![document(stmts)] }).collect(),
            grants,
            caller,
            action,
            context,
            via,
        })
}

// ---------------------------------------------------------------------------------------
// The engine under test
// ---------------------------------------------------------------------------------------

fn real(w: &World) -> Rule {
    let key_policy = Policy::parse(&w.key_policy.to_string(), PolicyKind::Key).unwrap();
    let iam: Vec<Policy> = w.iam[w.caller]
        .iter()
        .map(|p| Policy::parse(&p.to_string(), PolicyKind::Identity).unwrap())
        .collect();
    let caller = Principal::parse(CALLERS[w.caller]).unwrap();
    let ctx: Option<EncryptionContext> = w.context.as_ref().map(|c| c.iter().copied().collect());
    let now = Timestamp::DEFAULT_START;
    let grants: Vec<Grant> = w
        .grants
        .iter()
        .enumerate()
        .map(|(i, g)| Grant {
            grant_id: GrantId::parse(&format!("g{i}")).unwrap(),
            tokens: vec![format!("t{i}")],
            key_arn: KeyArn::parse(KEY).unwrap(),
            name: None,
            grantee: g.grantee.replace(
                "arn:aws:sts::111122223333:assumed-role/Ops/session1",
                "arn:aws:iam::111122223333:role/Ops",
            ),
            retiring: None,
            operations: ActionSet::from_actions(&g.operations),
            constraints: GrantConstraints {
                equals: None,
                subset: g.subset.map(|p| [p].into_iter().collect()),
            },
            issuing_account: AccountId::parse(A).unwrap(),
            created: now,
            effective: if g.effective {
                now
            } else {
                now.plus(kms_core::clock::Duration::minutes(5))
            },
        })
        .collect();
    let tokens: Vec<String> = w
        .grants
        .iter()
        .enumerate()
        .filter(|(_, g)| g.token_presented)
        .map(|(i, _)| format!("t{i}"))
        .collect();
    let mut req = Request::new(&caller, &iam, w.action, now);
    req.encryption_context = ctx.as_ref();
    req.via_service = w.via.then_some("s3.us-east-1.amazonaws.com");
    req.grant_tokens = &tokens;
    let key = KeyFacts::symmetric(KEY, AccountId::parse(A).unwrap(), &key_policy);
    authz::authorize(&req, &key, &grants).rule
}

// ---------------------------------------------------------------------------------------
// The reference evaluator: plain, literal, slow; shares no code with the engine
// ---------------------------------------------------------------------------------------

fn glob(p: &str, t: &str, ci: bool) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = if ci {
        (
            p.to_lowercase().chars().collect(),
            t.to_lowercase().chars().collect(),
        )
    } else {
        (p.chars().collect(), t.chars().collect())
    };
    fn go(p: &[char], t: &[char]) -> bool {
        match p.first() {
            None => t.is_empty(),
            Some('*') => (0..=t.len()).any(|i| go(&p[1..], &t[i..])),
            Some('?') => !t.is_empty() && go(&p[1..], &t[1..]),
            Some(c) => t.first() == Some(c) && go(&p[1..], &t[1..]),
        }
    }
    go(&p, &t)
}

fn list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().map(|x| x.as_str().unwrap().to_string()).collect(),
        Value::String(s) => vec![s.clone()],
        _ => vec![],
    }
}

fn account_of(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap()
}

#[derive(PartialEq, Clone, Copy)]
enum Pm {
    Me,
    MyAccount,
    No,
}

fn one_principal(p: &str, caller: &str) -> Pm {
    let is_root = caller.ends_with(":root");
    if p == "*" {
        return Pm::Me;
    }
    if p.len() == 12 || p.ends_with(":root") {
        let acct = if p.len() == 12 { p } else { account_of(p) };
        return if acct != account_of(caller) {
            Pm::No
        } else if is_root {
            Pm::Me
        } else {
            Pm::MyAccount
        };
    }
    if p == caller {
        return Pm::Me;
    }
    let role = p.split(":role/").nth(1);
    let session_role = caller
        .split(":assumed-role/")
        .nth(1)
        .and_then(|s| s.split('/').next());
    if role.is_some() && role == session_role && account_of(p) == account_of(caller) {
        return Pm::Me;
    }
    Pm::No
}

fn principal_match(s: &Value, caller: &str) -> Pm {
    let values = |v: &Value| {
        if v.as_str() == Some("*") {
            vec!["*".to_string()]
        } else {
            list(&v["AWS"])
        }
    };
    if let Some(p) = s.get("Principal") {
        let ms: Vec<Pm> = values(p).iter().map(|x| one_principal(x, caller)).collect();
        if ms.contains(&Pm::Me) {
            Pm::Me
        } else if ms.contains(&Pm::MyAccount) {
            Pm::MyAccount
        } else {
            Pm::No
        }
    } else if let Some(np) = s.get("NotPrincipal") {
        let ms: Vec<Pm> = values(np)
            .iter()
            .map(|x| one_principal(x, caller))
            .collect();
        let excepted =
            ms.contains(&Pm::Me) && (caller.ends_with(":root") || ms.contains(&Pm::MyAccount));
        if excepted { Pm::No } else { Pm::Me }
    } else {
        Pm::Me // identity policy
    }
}

fn action_matches(s: &Value, action: Action) -> bool {
    let name = format!("kms:{}", action.name());
    if let Some(a) = s.get("Action") {
        list(a).iter().any(|p| glob(p, &name, true))
    } else {
        !list(&s["NotAction"]).iter().any(|p| glob(p, &name, true))
    }
}

fn resource_matches(s: &Value) -> bool {
    s.get("Resource")
        .is_some_and(|r| list(r).iter().any(|p| glob(p, KEY, false)))
}

fn conditions_hold(s: &Value, w: &World) -> bool {
    let Some(c) = s.get("Condition") else {
        return true;
    };
    let ctx = w.context.clone();
    let via = w.via.then_some("s3.us-east-1.amazonaws.com");
    c.as_object().unwrap().iter().all(|(op, keys)| {
        keys.as_object().unwrap().iter().all(|(key, values)| {
            let vals = list(values);
            let ec = |k: &str| {
                ctx.as_ref().and_then(|c| {
                    c.iter()
                        .find(|(ck, _)| *ck == k)
                        .map(|(_, v)| v.to_string())
                })
            };
            let single: Option<String> = match key.as_str() {
                k if k.starts_with("kms:EncryptionContext:") => {
                    ec(&k["kms:EncryptionContext:".len()..])
                }
                "kms:ViaService" => via.map(String::from),
                "kms:CallerAccount" => Some(account_of(CALLERS[w.caller]).to_string()),
                "aws:ViaAWSService" => Some(w.via.to_string()),
                _ => None,
            };
            let keys_present: Vec<String> =
                ctx.iter().flatten().map(|(k, _)| k.to_string()).collect();
            match op.as_str() {
                "StringEquals" => single.is_some_and(|v| vals.contains(&v)),
                "StringNotEquals" => single.is_none_or(|v| !vals.contains(&v)),
                "StringEqualsIfExists" => single.is_none_or(|v| vals.contains(&v)),
                "StringLike" => single.is_some_and(|v| vals.iter().any(|p| glob(p, &v, false))),
                "Bool" => single.is_some_and(|v| vals.contains(&v)),
                "Null" => {
                    let absent = keys_present.is_empty();
                    vals.contains(&absent.to_string())
                }
                "ForAnyValue:StringEquals" => keys_present.iter().any(|k| vals.contains(k)),
                "ForAllValues:StringEquals" => keys_present.iter().all(|k| vals.contains(k)),
                other => panic!("reference evaluator does not know {other}"),
            }
        })
    })
}

fn applies(s: &Value, w: &World, caller: &str) -> Option<Pm> {
    let pm = principal_match(s, caller);
    (pm != Pm::No && action_matches(s, w.action) && resource_matches(s) && conditions_hold(s, w))
        .then_some(pm)
}

fn statements(doc: &Value) -> Vec<Value> {
    doc["Statement"].as_array().cloned().unwrap_or_default()
}

fn reference(w: &World) -> Rule {
    let caller = CALLERS[w.caller];
    let cross = account_of(caller) != A;
    let mut deny = false;
    let (mut kp_me, mut kp_acct, mut iam_allow) = (false, false, false);
    for s in statements(&w.key_policy) {
        match (s["Effect"].as_str(), applies(&s, w, caller)) {
            (Some("Deny"), Some(_)) => deny = true,
            (Some("Allow"), Some(Pm::Me)) => kp_me = true,
            (Some("Allow"), Some(_)) => kp_acct = true,
            _ => {}
        }
    }
    for doc in &w.iam[w.caller] {
        for s in statements(doc) {
            match (s["Effect"].as_str(), applies(&s, w, caller)) {
                (Some("Deny"), Some(_)) => deny = true,
                (Some("Allow"), Some(_)) => iam_allow = true,
                _ => {}
            }
        }
    }
    let grant = w.grants.iter().any(|g| {
        let grantee_ok = g.grantee == caller;
        let ctx_ok = match (g.subset, &w.context) {
            (None, _) => true,
            (Some(_), None) => !matches!(
                w.action,
                Action::Encrypt | Action::Decrypt | Action::ReEncryptFrom
            ),
            (Some(pair), Some(c)) => c.contains(&pair),
        };
        grantee_ok
            && g.operations.contains(&w.action)
            && (g.effective || g.token_presented)
            && ctx_ok
    });
    if deny {
        return Rule::ExplicitDeny;
    }
    if cross {
        if w.action.works_across_accounts() && (kp_me || kp_acct) && iam_allow {
            return Rule::Iam;
        }
    } else if kp_me {
        return Rule::KeyPolicy;
    } else if kp_acct && iam_allow {
        return Rule::Iam;
    }
    if grant {
        Rule::Grant
    } else {
        Rule::ImplicitDeny
    }
}

fn allowed(r: Rule) -> bool {
    matches!(r, Rule::KeyPolicy | Rule::Iam | Rule::Grant)
}

/// The world with one more statement: in the caller's IAM policies (without a
/// principal), or in the key policy.
fn with_statement(w: &World, mut s: Value, into_iam: bool) -> World {
    let mut w2 = w.clone();
    if into_iam {
        s.as_object_mut().unwrap().remove("Principal");
        s.as_object_mut().unwrap().remove("NotPrincipal");
        // IAM refuses an identity policy statement without a resource.
        s.as_object_mut()
            .unwrap()
            .entry("Resource")
            .or_insert(json!("*"));
        w2.iam[w.caller].push(document(vec![s]));
    } else {
        w2.key_policy["Statement"].as_array_mut().unwrap().push(s);
    }
    w2
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn agrees_with_the_reference_evaluator(w in world()) {
        prop_assert_eq!(real(&w), reference(&w), "{:#?}", w);
    }

    #[test]
    fn adding_a_deny_never_allows(w in world(), s in statement(true, Some("Deny")), into_iam in any::<bool>()) {
        let before = real(&w);
        let w2 = with_statement(&w, s, into_iam);
        let after = real(&w2);
        if !allowed(before) { prop_assert!(!allowed(after), "{:?} -> {:?}", before, after); }
        if before == Rule::ExplicitDeny { prop_assert_eq!(after, Rule::ExplicitDeny); }
    }

    #[test]
    fn adding_an_allow_never_denies(w in world(), s in statement(true, Some("Allow")), into_iam in any::<bool>()) {
        let before = real(&w);
        let w2 = with_statement(&w, s, into_iam);
        if allowed(before) { prop_assert!(allowed(real(&w2))); }
    }

    #[test]
    fn a_grant_never_denies(w in world(), g in grant()) {
        let before = real(&w);
        let mut w2 = w.clone();
        w2.grants.push(g);
        let after = real(&w2);
        if allowed(before) { prop_assert!(allowed(after)); }
        if before == Rule::ExplicitDeny { prop_assert_eq!(after, Rule::ExplicitDeny); }
    }
}

/// The generated worlds reach every rule often enough for the properties above to mean
/// something.
#[test]
fn generated_worlds_reach_every_rule() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = world();
    let mut counts = std::collections::BTreeMap::new();
    for _ in 0..2000 {
        let w = strategy.new_tree(&mut runner).unwrap().current();
        *counts.entry(real(&w).as_str()).or_insert(0) += 1;
    }
    for rule in [
        "explicit-deny",
        "key-policy",
        "iam",
        "grant",
        "implicit-deny",
    ] {
        let n = counts.get(rule).copied().unwrap_or(0);
        assert!(
            n >= 40,
            "only {n} of 2000 generated worlds decided by {rule}: {counts:?}"
        );
    }
}
