//! Benchmarks of the authorization engine: one decision, and a whole access matrix of
//! 100 principals × 100 keys × 20 actions (200,000 decisions). Policies are compiled
//! once, outside the measured code.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "benchmark set-up"
)]

#[path = "support/realistic.rs"]
mod realistic;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kms_core::action::Action;
use kms_core::authz::{Request, authorize};
use kms_core::clock::Timestamp;
use kms_core::context::EncryptionContext;
use kms_core::policy::{Policy, PolicyKind};

fn decisions(c: &mut Criterion) {
    let m = realistic::build();
    let ctx: EncryptionContext = [("app", "billing"), ("tenant", "7")].into_iter().collect();
    let now = Timestamp::DEFAULT_START;

    // A key user decrypting with an encryption context: allowed by the key policy.
    let (alice, alice_iam) = &m.principals[0];
    let key_of_alice = (0..realistic::KEYS)
        .find(|k| m.keys[*k].1.text().contains(alice.arn()))
        .unwrap();
    let key = m.key(key_of_alice);
    let mut req = Request::new(alice, alice_iam, Action::Decrypt, now);
    req.encryption_context = Some(&ctx);
    c.bench_function("one decision: key user, allowed by the key policy", |b| {
        b.iter(|| black_box(authorize(black_box(&req), black_box(&key), &[])))
    });

    // Through IAM: a principal the key policy does not name, allowed via the account.
    let (bob, bob_iam) = &m.principals[99];
    let key = m.key(3);
    let mut req = Request::new(bob, bob_iam, Action::Encrypt, now);
    req.encryption_context = Some(&ctx);
    c.bench_function(
        "one decision: allowed through IAM (conditions evaluated)",
        |b| b.iter(|| black_box(authorize(black_box(&req), black_box(&key), &[]))),
    );

    // An implicit deny walks every statement of both policies.
    let req = Request::new(bob, bob_iam, Action::PutKeyPolicy, now);
    c.bench_function(
        "one decision: implicit deny (every statement checked)",
        |b| b.iter(|| black_box(authorize(black_box(&req), black_box(&key), &[]))),
    );

    let mut group = c.benchmark_group("access matrix");
    group.sample_size(20);
    group.bench_function("100 principals × 100 keys × 20 actions", |b| {
        b.iter(|| {
            let mut allowed = 0u32;
            for (p, iam) in &m.principals {
                for k in 0..realistic::KEYS {
                    let key = m.key(k);
                    for action in realistic::ACTIONS {
                        let mut req = Request::new(p, iam, action, now);
                        req.encryption_context = Some(&ctx);
                        allowed += u32::from(authorize(&req, &key, &[]).is_allowed());
                    }
                }
            }
            black_box(allowed)
        })
    });
    group.finish();

    // For comparison: what one decision would cost if the policies were parsed each time.
    let key_text = m.keys[3].1.text().to_string();
    let iam_text = bob_iam[0].text().to_string();
    c.bench_function(
        "one decision, parsing both policies first (what compiling once saves)",
        |b| {
            b.iter(|| {
                let kp = Policy::parse(black_box(&key_text), PolicyKind::Key).unwrap();
                let iam = [Policy::parse(black_box(&iam_text), PolicyKind::Identity).unwrap()];
                let req = Request::new(bob, &iam, Action::PutKeyPolicy, now);
                let mut key = m.key(3);
                key.policy = &kp;
                black_box(authorize(&req, &key, &[]).is_allowed())
            })
        },
    );
}

criterion_group!(benches, decisions);
criterion_main!(benches);
