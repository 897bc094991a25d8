//! Fuzzes the policy reader and the evaluator: any text read as a key policy and as an IAM
//! policy must give a policy or located errors, never a panic; any policy that reads must
//! evaluate (and explain) any request without a panic, and explaining must agree with the
//! decision.
#![no_main]

use kms_core::action::Action;
use kms_core::authz::{self, KeyFacts, Names, Request};
use kms_core::clock::Timestamp;
use kms_core::context::EncryptionContext;
use kms_core::ids::AccountId;
use kms_core::policy::{Policy, PolicyKind};
use kms_core::principal::Principal;
use libfuzzer_sys::fuzz_target;

const CALLERS: [&str; 4] = [
    "arn:aws:iam::111122223333:user/Alice",
    "arn:aws:iam::111122223333:root",
    "arn:aws:sts::111122223333:assumed-role/Ops/s",
    "arn:aws:iam::444455556666:user/Eve",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let key_checked = Policy::check(text, PolicyKind::Key);
    let iam_checked = Policy::check(text, PolicyKind::Identity);
    for checked in [&key_checked, &iam_checked] {
        // Every diagnostic points inside the text.
        for d in &checked.diagnostics {
            assert!(d.loc.offset as usize <= text.len());
            assert!(!d.message.is_empty());
        }
        assert_eq!(checked.policy.is_some(), checked.errors().next().is_none());
    }
    let fallback = Policy::parse(r#"{"Version":"2012-10-17","Statement":[]}"#, PolicyKind::Key).ok();
    let Some(key_policy) = key_checked.policy.or(fallback) else { return };
    let iam: Vec<Policy> = iam_checked.policy.into_iter().collect();
    let account = AccountId::parse("111122223333").unwrap_or(AccountId::DEFAULT);
    let aliases = vec![String::from("alias/fuzz")];
    let key = KeyFacts {
        aliases: &aliases,
        ..KeyFacts::symmetric(
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            account,
            &key_policy,
        )
    };
    let seed = data.first().copied().unwrap_or(0) as usize;
    let ctx: EncryptionContext = [("dept", "IT"), ("app", text.get(..text.len().min(8)).unwrap_or(""))].into_iter().collect();
    for (i, caller) in CALLERS.iter().enumerate() {
        let Ok(p) = Principal::parse(caller) else { continue };
        let action = Action::ALL[(seed + i * 7) % Action::ALL.len()];
        let mut req = Request::new(&p, &iam, action, Timestamp::DEFAULT_START);
        if seed % 2 == 0 {
            req.encryption_context = Some(&ctx);
        }
        if seed % 3 == 0 {
            req.via_service = Some("s3.us-east-1.amazonaws.com");
        }
        let out = authz::authorize(&req, &key, &[]);
        let d = authz::explain(&out, &req, Some(&key), &[], &Names { principal: "P", key: "K" });
        assert_eq!(d.effect, out.effect);
        assert_eq!(d.rule, out.rule);
        let iam_only = authz::authorize_iam_only(&req, "*");
        let _ = authz::explain(&iam_only, &req, None, &[], &Names { principal: "P", key: "K" });
    }
});
