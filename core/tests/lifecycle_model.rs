//! A model-based test of the key lifecycle: random sequences of operations and clock
//! advances run against the real world (through the door) and against a small model of
//! key states; every result and every state must agree.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code"
)]

#[path = "support/door.rs"]
mod support;

use kms_core::clock::{Duration, Timestamp};
use proptest::prelude::*;
use serde_json::json;
use support::*;

#[derive(Clone, Debug)]
enum Op {
    Enable,
    Disable,
    Schedule(i64),
    Cancel,
    EnableRotation(i64),
    DisableRotation,
    RotateOnDemand,
    Encrypt,
    Advance(i64), // hours
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => Just(Op::Enable),
        2 => Just(Op::Disable),
        1 => (5i64..33).prop_map(Op::Schedule),
        2 => Just(Op::Cancel),
        2 => prop_oneof![Just(90i64), Just(365), (80i64..2600)].prop_map(Op::EnableRotation),
        1 => Just(Op::DisableRotation),
        2 => Just(Op::RotateOnDemand),
        3 => Just(Op::Encrypt),
        4 => prop_oneof![(0i64..48), (24i64 * 5..24 * 40), (24i64 * 80..24 * 800)].prop_map(Op::Advance),
    ]
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    Enabled,
    Disabled,
    Pending,
}

#[derive(Debug)]
struct Model {
    exists: bool,
    state: State,
    deletion: Option<Timestamp>,
    rotation: Option<(i64, Timestamp)>,
    versions: usize,
    on_demand: u32,
    now: Timestamp,
}

impl Model {
    fn apply(&mut self, op: &Op) -> Result<(), &'static str> {
        let validation = match op {
            Op::Schedule(d) => !(7..=30).contains(d),
            Op::EnableRotation(d) => !(90..=2560).contains(d),
            _ => false,
        };
        if validation {
            return Err("ValidationException");
        }
        if let Op::Advance(h) = op {
            let target = self.now.plus(Duration::hours(*h));
            loop {
                match (self.exists, self.state, self.deletion, self.rotation) {
                    (true, State::Pending, Some(t), _) if t <= target => {
                        self.now = t;
                        self.exists = false;
                    }
                    (true, State::Enabled, _, Some((p, next))) if next <= target => {
                        self.now = next;
                        self.versions += 1;
                        self.rotation = Some((p, next.plus(Duration::days(p))));
                    }
                    _ => break,
                }
            }
            self.now = target;
            return Ok(());
        }
        if !self.exists {
            return Err("NotFoundException");
        }
        let crypto_like = |s: State| match s {
            State::Enabled => Ok(()),
            State::Disabled => Err("DisabledException"),
            State::Pending => Err("KMSInvalidStateException"),
        };
        match op {
            Op::Enable | Op::Disable => {
                if self.state == State::Pending {
                    return Err("KMSInvalidStateException");
                }
                if matches!(op, Op::Enable) {
                    self.state = State::Enabled;
                    if let Some((p, next)) = self.rotation
                        && next <= self.now
                    {
                        self.versions += 1;
                        self.rotation = Some((p, self.now.plus(Duration::days(p))));
                    }
                } else {
                    self.state = State::Disabled;
                }
                Ok(())
            }
            Op::Schedule(d) => {
                if self.state == State::Pending {
                    return Err("KMSInvalidStateException");
                }
                self.state = State::Pending;
                self.deletion = Some(self.now.plus(Duration::days(*d)));
                Ok(())
            }
            Op::Cancel => {
                if self.state != State::Pending {
                    return Err("KMSInvalidStateException");
                }
                self.state = State::Disabled;
                self.deletion = None;
                Ok(())
            }
            Op::EnableRotation(d) => {
                crypto_like(self.state)?;
                self.rotation = Some((*d, self.now.plus(Duration::days(*d))));
                Ok(())
            }
            Op::DisableRotation => {
                crypto_like(self.state)?;
                self.rotation = None;
                Ok(())
            }
            Op::RotateOnDemand => {
                crypto_like(self.state)?;
                if self.on_demand >= 25 {
                    return Err("LimitExceededException");
                }
                self.on_demand += 1;
                self.versions += 1;
                Ok(())
            }
            Op::Encrypt => crypto_like(self.state),
            Op::Advance(_) => unreachable!(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn the_lifecycle_follows_the_model(ops in proptest::collection::vec(op(), 1..60)) {
        let mut w = world(99);
        let k = new_key(&mut w);
        let mut m = Model { exists: true, state: State::Enabled, deletion: None, rotation: None, versions: 1, on_demand: 0, now: w.now() };
        let mut ciphertexts = Vec::new();
        for (step, o) in ops.iter().enumerate() {
            let (name, input) = match o {
                Op::Enable => ("EnableKey", json!({"KeyId": k})),
                Op::Disable => ("DisableKey", json!({"KeyId": k})),
                Op::Schedule(d) => ("ScheduleKeyDeletion", json!({"KeyId": k, "PendingWindowInDays": d})),
                Op::Cancel => ("CancelKeyDeletion", json!({"KeyId": k})),
                Op::EnableRotation(d) => ("EnableKeyRotation", json!({"KeyId": k, "RotationPeriodInDays": d})),
                Op::DisableRotation => ("DisableKeyRotation", json!({"KeyId": k})),
                Op::RotateOnDemand => ("RotateKeyOnDemand", json!({"KeyId": k})),
                Op::Encrypt => ("Encrypt", json!({"KeyId": k, "Plaintext": b64(&[step as u8; 3])})),
                Op::Advance(h) => {
                    w.advance(Duration::hours(*h)).unwrap();
                    m.apply(o).unwrap();
                    prop_assert_eq!(w.now(), m.now);
                    continue;
                }
            };
            let expected = m.apply(o);
            let got = call(&mut w, ALICE, name, input).output;
            match (&expected, &got) {
                (Ok(()), Ok(v)) => {
                    if let Op::Encrypt = o {
                        ciphertexts.push((v["CiphertextBlob"].clone(), step as u8));
                    }
                }
                (Err(code), Err(e)) => prop_assert_eq!(*code, e.code.as_str(), "step {} {:?}: {}", step, o, e.message),
                _ => prop_assert!(false, "step {step} {o:?}: model {expected:?}, world {got:?}"),
            }
            // The states agree.
            let key = w.keys().iter().find(|key| key.key_id == k);
            prop_assert_eq!(key.is_some(), m.exists);
            if let Some(key) = key {
                let state = match key.state {
                    kms_core::keys::KeyState::Enabled => State::Enabled,
                    kms_core::keys::KeyState::Disabled => State::Disabled,
                    kms_core::keys::KeyState::PendingDeletion => State::Pending,
                };
                prop_assert_eq!(state, m.state);
                prop_assert_eq!(key.materials.len(), m.versions);
                prop_assert_eq!(key.next_rotation(), m.rotation.map(|r| r.1));
            }
        }
        // Whatever happened, the world survives a save and a load unchanged.
        let saved = serde_json::to_string(&w.to_scenario(None)).unwrap();
        let back = kms_core::scenario::Scenario::load(&saved).unwrap().build_world().unwrap();
        prop_assert_eq!(&back, &w);
        // Every ciphertext ever made still decrypts while the key is enabled, whatever
        // rotations happened since.
        if m.exists && m.state == State::Enabled {
            for (blob, byte) in ciphertexts {
                let out = ok(&mut w, ALICE, "Decrypt", json!({"CiphertextBlob": blob}));
                prop_assert_eq!(unb64(&out["Plaintext"]), vec![byte; 3]);
            }
        }
    }
}
