//! `authorize` does no allocation: the access matrix can be recomputed on every keystroke.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    dead_code,
    reason = "test set-up"
)]

#[path = "../benches/support/realistic.rs"]
mod realistic;

use kms_core::authz::{Request, authorize};
use kms_core::clock::Timestamp;
use kms_core::context::EncryptionContext;

#[test]
fn a_whole_access_matrix_allocates_nothing() {
    // The counter counts: one Vec is one allocation.
    let probe = allocation_counter::measure(|| {
        std::hint::black_box(Vec::<u8>::with_capacity(8));
    });
    assert_eq!(probe.count_total, 1);

    let m = realistic::build();
    let ctx: EncryptionContext = [("app", "billing"), ("tenant", "7")].into_iter().collect();
    let now = Timestamp::DEFAULT_START;
    let mut outcomes = [0u32; 5];
    let info = allocation_counter::measure(|| {
        for (p, iam) in &m.principals {
            for k in 0..realistic::KEYS {
                let key = m.key(k);
                for action in realistic::ACTIONS {
                    let mut req = Request::new(p, iam, action, now);
                    req.encryption_context = Some(&ctx);
                    let out = authorize(&req, &key, &[]);
                    outcomes[out.rule as usize] += 1;
                }
            }
        }
    });
    assert_eq!(
        info.count_total, 0,
        "authorize allocated {} times",
        info.count_total
    );
    assert_eq!(outcomes.iter().sum::<u32>(), 200_000);
    // The matrix is not trivial: several rules decide its cells.
    assert!(
        outcomes.iter().filter(|n| **n > 0).count() >= 3,
        "{outcomes:?}"
    );
}
