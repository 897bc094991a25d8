//! Unit tests of the decision rules that the seed example does not reach.

use super::*;
use crate::action::Action;
use crate::grants::PROPAGATION_DELAY;
use crate::policy::PolicyKind;
use alloc::vec;
use alloc::vec::Vec;

const KEY: &str = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

fn pol(text: &str, kind: PolicyKind) -> Policy {
    Policy::parse(text, kind).unwrap()
}

fn key<'a>(policy: &'a Policy) -> KeyFacts<'a> {
    KeyFacts::symmetric(KEY, AccountId::parse("111122223333").unwrap(), policy)
}

fn p(arn: &str) -> Principal {
    Principal::parse(arn).unwrap()
}

const CROSS_KEY_POLICY: &str = r#"{"Version":"2012-10-17","Statement":[
  {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
  {"Sid":"Allow use by 444455556666","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":["kms:Decrypt","kms:DescribeKey","kms:ScheduleKeyDeletion"],"Resource":"*"}]}"#;

#[test]
fn cross_account_needs_key_policy_and_the_callers_iam_policy() {
    let kp = pol(CROSS_KEY_POLICY, PolicyKind::Key);
    let k = key(&kp);
    let bob = p("arn:aws:iam::444455556666:user/Bob");
    let iam = [pol(
        &alloc::format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":["kms:Decrypt","kms:ScheduleKeyDeletion","kms:Encrypt"],"Resource":"{KEY}"}}]}}"#
        ),
        PolicyKind::Identity,
    )];
    let now = Timestamp::DEFAULT_START;
    let names = Names {
        principal: "Bob",
        key: "shared-key",
    };

    let out = authorize(&Request::new(&bob, &iam, Action::Decrypt, now), &k, &[]);
    assert_eq!(
        (out.effect, out.rule, out.cross_account),
        (Effect::Allow, Rule::Iam, true)
    );
    let d = explain(
        &out,
        &Request::new(&bob, &iam, Action::Decrypt, now),
        Some(&k),
        &[],
        &names,
    );
    assert!(
        d.reason.starts_with("Allowed across accounts"),
        "{}",
        d.reason
    );

    // Without its own IAM policy, the key policy alone does not let another account in.
    let out = authorize(&Request::new(&bob, &[], Action::Decrypt, now), &k, &[]);
    assert_eq!(out.rule, Rule::ImplicitDeny);
    let d = explain(
        &out,
        &Request::new(&bob, &[], Action::Decrypt, now),
        Some(&k),
        &[],
        &names,
    );
    assert!(d.hint.unwrap().contains("also needs its own IAM policy"));

    // The key policy does not allow Encrypt to the other account.
    let out = authorize(&Request::new(&bob, &iam, Action::Encrypt, now), &k, &[]);
    assert_eq!(out.rule, Rule::ImplicitDeny);

    // ScheduleKeyDeletion never works across accounts, whatever the policies say.
    let req = Request::new(&bob, &iam, Action::ScheduleKeyDeletion, now);
    let out = authorize(&req, &k, &[]);
    assert_eq!(out.rule, Rule::ImplicitDeny);
    assert!(
        explain(&out, &req, Some(&k), &[], &names)
            .hint
            .unwrap()
            .contains("cannot be used on a key in another account")
    );
}

#[test]
fn iam_deny_works_even_when_the_key_policy_does_not_enable_iam() {
    let kp = pol(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/Alice"},"Action":"kms:*","Resource":"*"}]}"#,
        PolicyKind::Key,
    );
    let alice = p("arn:aws:iam::111122223333:user/Alice");
    let iam = [pol(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"kms:Decrypt","Resource":"*"}]}"#,
        PolicyKind::Identity,
    )];
    let now = Timestamp::DEFAULT_START;
    let out = authorize(
        &Request::new(&alice, &iam, Action::Decrypt, now),
        &key(&kp),
        &[],
    );
    assert_eq!(out.rule, Rule::ExplicitDeny);
    assert_eq!(
        out.deny,
        Some(StatementRef {
            source: Source::Iam(0),
            statement: 0
        })
    );
    assert!(
        access_denied_message(&out, alice.arn(), Action::Decrypt, KEY)
            .ends_with("with an explicit deny in an identity-based policy")
    );
    let out = authorize(
        &Request::new(&alice, &iam, Action::Encrypt, now),
        &key(&kp),
        &[],
    );
    assert_eq!(out.rule, Rule::KeyPolicy);
}

#[test]
fn a_deny_naming_the_account_denies_its_users_and_roles() {
    let kp = pol(
        r#"{"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"},
      {"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"kms:Decrypt","Resource":"*"}]}"#,
        PolicyKind::Key,
    );
    let session = p("arn:aws:sts::111122223333:assumed-role/App/s1");
    let out = authorize(
        &Request::new(&session, &[], Action::Decrypt, Timestamp::DEFAULT_START),
        &key(&kp),
        &[],
    );
    assert_eq!(out.rule, Rule::ExplicitDeny);
    let out = authorize(
        &Request::new(&session, &[], Action::Encrypt, Timestamp::DEFAULT_START),
        &key(&kp),
        &[],
    );
    assert_eq!(out.rule, Rule::KeyPolicy);
}

#[test]
fn deny_with_not_principal_spares_only_those_named_with_their_account() {
    let kp = pol(
        r#"{"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"},
      {"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:user/Admin","arn:aws:iam::111122223333:root"]},"Action":"kms:PutKeyPolicy","Resource":"*"},
      {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/Ops"},"Action":"kms:ScheduleKeyDeletion","Resource":"*"}]}"#,
        PolicyKind::Key,
    );
    let now = Timestamp::DEFAULT_START;
    let admin = p("arn:aws:iam::111122223333:user/Admin");
    let ops = p("arn:aws:iam::111122223333:user/Ops");
    let bob = p("arn:aws:iam::111122223333:user/Bob");
    let k = key(&kp);
    assert_eq!(
        authorize(
            &Request::new(&admin, &[], Action::PutKeyPolicy, now),
            &k,
            &[]
        )
        .rule,
        Rule::KeyPolicy
    );
    assert_eq!(
        authorize(&Request::new(&bob, &[], Action::PutKeyPolicy, now), &k, &[]).rule,
        Rule::ExplicitDeny
    );
    // Ops is named without its account: still denied, as AWS documents.
    assert_eq!(
        authorize(
            &Request::new(&ops, &[], Action::ScheduleKeyDeletion, now),
            &k,
            &[]
        )
        .rule,
        Rule::ExplicitDeny
    );
}

#[test]
fn grants_allow_after_propagation_or_with_a_token_and_never_deny() {
    let kp = pol(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}"#,
        PolicyKind::Key,
    );
    let k = key(&kp);
    let bob = p("arn:aws:iam::111122223333:user/Bob");
    let now = Timestamp::DEFAULT_START;
    let g = Grant {
        grant_id: crate::ids::GrantId::parse(
            "0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60",
        )
        .unwrap(),
        tokens: alloc::vec![String::from(
            "AQpAM2RhZTk1MGMyNTk2ZmZmMzEyYWVhOWViN2I1MWM4Mzc0MWFiYjc0ZDE1ODkyNGFlNTIzODZhMzgyZjBlNGY3NiKIAgEBAgB4Pa6VDCWW__MSrqnre1HIN"
        )],
        key_arn: crate::ids::KeyArn::parse(KEY).unwrap(),
        name: Some("bob-decrypt".into()),
        grantee: bob.arn().into(),
        retiring: None,
        operations: ActionSet::from_actions(&[Action::Decrypt]),
        constraints: GrantConstraints {
            equals: None,
            subset: Some([("Dept", "IT")].into_iter().collect()),
        },
        issuing_account: k.account,
        created: now,
        effective: now.plus(PROPAGATION_DELAY),
    };
    let grants = vec![g.clone()];
    let it: EncryptionContext = [("Dept", "IT"), ("Doc", "1")].into_iter().collect();
    let hr: EncryptionContext = [("Dept", "HR")].into_iter().collect();
    let names = Names {
        principal: "Bob",
        key: "CMK",
    };

    let mut req = Request::new(&bob, &[], Action::Decrypt, now);
    req.encryption_context = Some(&it);
    let out = authorize(&req, &k, &grants);
    assert_eq!(out.rule, Rule::ImplicitDeny, "not propagated yet");
    let hint = explain(&out, &req, Some(&k), &grants, &names).hint.unwrap();
    assert!(
        hint.contains("takes effect only at 2026-01-01T00:05:00Z"),
        "{hint}"
    );

    let tokens = g.tokens.clone();
    req.grant_tokens = &tokens;
    let out = authorize(&req, &k, &grants);
    assert_eq!((out.rule, out.grant), (Rule::Grant, Some(0)));
    let d = explain(&out, &req, Some(&k), &grants, &names);
    assert!(d.reason.contains("grant \"bob-decrypt\""), "{}", d.reason);
    assert_eq!(d.grant_id.as_ref(), Some(&g.grant_id));

    req.grant_tokens = &[];
    req.now = now.plus(PROPAGATION_DELAY);
    assert_eq!(authorize(&req, &k, &grants).rule, Rule::Grant);
    req.encryption_context = Some(&hr);
    assert_eq!(
        authorize(&req, &k, &grants).rule,
        Rule::ImplicitDeny,
        "constraint not met"
    );
    req.action = Action::Encrypt;
    req.encryption_context = Some(&it);
    assert_eq!(
        authorize(&req, &k, &grants).rule,
        Rule::ImplicitDeny,
        "operation not in the grant"
    );
}

#[test]
fn iam_only_actions_ignore_key_policies_and_root_is_allowed() {
    let now = Timestamp::DEFAULT_START;
    let alice = p("arn:aws:iam::111122223333:user/Alice");
    let root = Principal::root(AccountId::parse("111122223333").unwrap());
    let allow_create = [pol(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:CreateKey","Resource":"*"}]}"#,
        PolicyKind::Identity,
    )];
    let key_arns_only = [pol(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"arn:aws:kms:*:111122223333:key/*"}]}"#,
        PolicyKind::Identity,
    )];
    assert_eq!(
        authorize_iam_only(
            &Request::new(&alice, &allow_create, Action::CreateKey, now),
            "*"
        )
        .rule,
        Rule::Iam
    );
    assert_eq!(
        authorize_iam_only(
            &Request::new(&alice, &key_arns_only, Action::CreateKey, now),
            "*"
        )
        .rule,
        Rule::ImplicitDeny
    );
    assert_eq!(
        authorize_iam_only(&Request::new(&alice, &[], Action::CreateKey, now), "*").rule,
        Rule::ImplicitDeny
    );
    let req = Request::new(&root, &[], Action::CreateKey, now);
    let out = authorize_iam_only(&req, "*");
    assert_eq!(out.rule, Rule::Iam);
    assert!(
        explain(
            &out,
            &req,
            None,
            &[],
            &Names {
                principal: "root",
                key: ""
            }
        )
        .reason
        .contains("root user")
    );
}

#[test]
fn conditions_see_the_request_facts() {
    let kp = pol(
        r#"{"Version":"2012-10-17","Statement":[
      {"Sid":"ViaS3","Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"*",
       "Condition":{"StringEquals":{"kms:CallerAccount":"111122223333","kms:ViaService":"s3.us-east-1.amazonaws.com"}}},
      {"Sid":"Grants for AWS resources","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/Alice"},"Action":"kms:CreateGrant","Resource":"*",
       "Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"}}}]}"#,
        PolicyKind::Key,
    );
    let k = key(&kp);
    let alice = p("arn:aws:iam::111122223333:user/Alice");
    let other = p("arn:aws:iam::444455556666:user/Eve");
    let now = Timestamp::DEFAULT_START;
    let mut req = Request::new(&alice, &[], Action::Decrypt, now);
    assert_eq!(authorize(&req, &k, &[]).rule, Rule::ImplicitDeny);
    let d = explain(
        &authorize(&req, &k, &[]),
        &req,
        Some(&k),
        &[],
        &Names {
            principal: "Alice",
            key: "aws/s3",
        },
    );
    assert!(
        d.hint
            .unwrap()
            .contains("`StringEquals` on `kms:ViaService`")
    );
    req.via_service = Some("s3.us-east-1.amazonaws.com");
    assert_eq!(authorize(&req, &k, &[]).rule, Rule::KeyPolicy);
    let mut req2 = Request::new(&other, &[], Action::Decrypt, now);
    req2.via_service = Some("s3.us-east-1.amazonaws.com");
    assert_eq!(
        authorize(&req2, &k, &[]).rule,
        Rule::ImplicitDeny,
        "kms:CallerAccount differs"
    );

    let cons = GrantConstraints::default();
    let mut g = Request::new(&alice, &[], Action::CreateGrant, now);
    g.grant = Some(GrantRequest {
        operations: ActionSet::from_actions(&[Action::Decrypt]),
        grantee: "arn:aws:iam::111122223333:role/Ec2",
        retiring: None,
        constraints: &cons,
    });
    assert_eq!(
        authorize(&g, &k, &[]).rule,
        Rule::ImplicitDeny,
        "direct call: GrantIsForAWSResource is false"
    );
    g.via_service = Some("ec2.us-east-1.amazonaws.com");
    assert_eq!(authorize(&g, &k, &[]).rule, Rule::KeyPolicy);
}

#[test]
fn the_trace_lists_every_statement() {
    let kp = pol(CROSS_KEY_POLICY, PolicyKind::Key);
    let alice = p("arn:aws:iam::111122223333:user/Alice");
    let req = Request::new(&alice, &[], Action::Encrypt, Timestamp::DEFAULT_START);
    let k = key(&kp);
    let d = explain(
        &authorize(&req, &k, &[]),
        &req,
        Some(&k),
        &[],
        &Names {
            principal: "Alice",
            key: "K",
        },
    );
    assert_eq!(d.trace.len(), 2);
    assert!(
        d.trace[0].applies && d.trace[0].note.contains("lets IAM policies decide"),
        "{:?}",
        d.trace[0]
    );
    assert!(
        !d.trace[1].applies && d.trace[1].note.contains("does not name Alice"),
        "{:?}",
        d.trace[1]
    );
}

#[test]
fn the_trace_is_bounded_but_the_decision_sees_every_statement() {
    // A 30,000-statement policy once kept 8.8 MB of trace per decision. The trace keeps
    // the first MAX_TRACE statements and counts the rest; the decision still reads all,
    // so a deny at the very end still decides.
    let mut statements: Vec<String> = (0..250)
        .map(|_| {
            String::from(
                r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/Bob"},"Action":"kms:Decrypt","Resource":"*"}"#,
            )
        })
        .collect();
    statements.push(String::from(
        r#"{"Sid":"Last","Effect":"Deny","Principal":"*","Action":"kms:Encrypt","Resource":"*"}"#,
    ));
    let text = alloc::format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    );
    let kp = pol(&text, PolicyKind::Key);
    let alice = p("arn:aws:iam::111122223333:user/Alice");
    let req = Request::new(&alice, &[], Action::Encrypt, Timestamp::DEFAULT_START);
    let k = key(&kp);
    let out = authorize(&req, &k, &[]);
    assert_eq!(out.rule, Rule::ExplicitDeny);
    let d = explain(
        &out,
        &req,
        Some(&k),
        &[],
        &Names {
            principal: "Alice",
            key: "K",
        },
    );
    assert_eq!(d.trace.len(), MAX_TRACE);
    assert_eq!(d.trace.len() + d.trace_omitted, 251);
    assert!(d.reason.contains("\"Last\""), "{}", d.reason);
}

#[test]
fn a_decision_whose_matching_runs_out_of_budget_refuses_rather_than_guesses() {
    // A `?` pattern against a long context value would take billions of steps. The
    // decision stops at its budget: a Deny it could not finish counts, an Allow does not.
    let slow = alloc::format!("*{}b*", "?a".repeat(2_000));
    let policy = |effect: &str| {
        pol(
            &alloc::format!(
                r#"{{"Version":"2012-10-17","Statement":[
  {{"Sid":"Root","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::111122223333:root"}},"Action":"kms:*","Resource":"*"}},
  {{"Sid":"Slow","Effect":"{effect}","Principal":{{"AWS":"arn:aws:iam::111122223333:user/Alice"}},"Action":"kms:Encrypt","Resource":"*",
    "Condition":{{"StringLike":{{"kms:EncryptionContext:app":"{slow}"}}}}}}]}}"#
            ),
            PolicyKind::Key,
        )
    };
    let alice = p("arn:aws:iam::111122223333:user/Alice");
    let iam = [pol(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}]}"#,
        PolicyKind::Identity,
    )];
    let mut ctx = EncryptionContext::new();
    ctx.insert("app", "a".repeat(40_000));
    let names = Names {
        principal: "Alice",
        key: "K",
    };
    let mut req = Request::new(&alice, &iam, Action::Encrypt, Timestamp::DEFAULT_START);
    req.encryption_context = Some(&ctx);

    let deny = policy("Deny");
    let out = authorize(&req, &key(&deny), &[]);
    assert_eq!((out.effect, out.rule), (Effect::Deny, Rule::ExplicitDeny));
    let d = explain(&out, &req, Some(&key(&deny)), &[], &names);
    assert!(
        d.reason.contains("counts this Deny as applying"),
        "{}",
        d.reason
    );
    assert!(
        d.trace
            .iter()
            .any(|t| t.check == Some(StatementCheck::CutShort) && t.applies)
    );

    let allow = policy("Allow");
    // The root statement and Alice's IAM policy still allow: the cut Allow is not needed.
    let out = authorize(&req, &key(&allow), &[]);
    assert_eq!((out.effect, out.rule), (Effect::Allow, Rule::Iam));
    let d = explain(&out, &req, Some(&key(&allow)), &[], &names);
    assert!(
        d.reason.contains("counted it as not applying"),
        "{}",
        d.reason
    );
    // Without the IAM path, the cut Allow alone allows nothing.
    let out = authorize(
        &Request {
            iam_policies: &[],
            ..req
        },
        &key(&allow),
        &[],
    );
    assert_eq!(out.rule, Rule::ImplicitDeny);

    // A short value is matched to the end, as AWS would.
    let mut short = EncryptionContext::new();
    short.insert("app", "aaab");
    let req = Request {
        encryption_context: Some(&short),
        iam_policies: &[],
        ..req
    };
    assert_eq!(authorize(&req, &key(&allow), &[]).rule, Rule::ImplicitDeny);
    let mut fits = EncryptionContext::new();
    fits.insert("app", alloc::format!("{}b", "xa".repeat(2_000)));
    let req = Request {
        encryption_context: Some(&fits),
        ..req
    };
    assert_eq!(authorize(&req, &key(&allow), &[]).rule, Rule::KeyPolicy);
}
