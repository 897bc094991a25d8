//! Fuzzes authorization questions (a scenario's `check` steps, the access matrix): any
//! caller, action, key name and request facts give a decision or an error, never a panic,
//! and a decision's effect agrees with its rule.
#![no_main]

use kms_core::action::Action;
use kms_core::api::{Caller, RequestFacts};
use kms_core::authz::{RequestTags, Rule};
use kms_core::context::EncryptionContext;
use kms_core::policy::Effect;
use kms_core::scenario::Scenario;
use kms_core::world::World;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let text = include_str!("../../tests/scenarios/cmk-access.json");
        Scenario::load(text).expect("the preset loads").build_world().expect("and builds")
    })
}

const WHO: [&str; 6] = ["Alice", "Bob", "Charlie", "David", "arn:aws:iam::123412341234:root", "arn:aws:iam::999999999999:root"];

fuzz_target!(|data: &[u8]| {
    let w = world();
    let Some((&a, rest)) = data.split_first() else { return };
    let Some((&b, rest)) = rest.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.split('\u{0}');
    let key = parts.next().unwrap_or("");
    let via = parts.next().filter(|v| !v.is_empty());
    let pairs: Vec<(String, String)> = parts
        .clone()
        .take(8)
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (p.to_string(), String::new()),
        })
        .collect();
    let context: EncryptionContext = pairs.iter().cloned().collect();
    let tokens: Vec<String> = parts.take(3).map(String::from).collect();
    let caller = Caller { principal: WHO[usize::from(a) % WHO.len()], region: None, via_service: via };
    let action = Action::ALL[usize::from(b) % Action::ALL.len()];
    let facts = RequestFacts {
        context: (a & 1 == 0).then_some(&context),
        // The caller says which service it comes through (`via`, above).
        via_service: None,
        tags: (a & 2 == 0).then_some(RequestTags::Pairs(&pairs)),
        grant_tokens: &tokens,
        rotation_period_days: (a & 4 == 0).then_some(i64::from(b) * 11),
        pending_window_days: (a & 8 == 0).then_some(i64::from(b) % 40),
        bypass_lockout_check: (a & 16 == 0).then_some(b & 1 == 0),
    };
    for k in [key, "CMK-A", "alias/cmk-b"] {
        if let Ok(d) = w.check_access(&caller, action, Some(k), &facts) {
            let allowed = matches!(d.rule, Rule::KeyPolicy | Rule::Iam | Rule::Grant);
            assert_eq!(d.effect == Effect::Allow, allowed, "{d:?}");
            assert!(d.effect == Effect::Allow || d.hint.is_some() || d.rule == Rule::ExplicitDeny);
        }
    }
});
