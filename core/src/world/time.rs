//! Time on the simulated clock: what falls due (automatic rotations, the end of a
//! deletion's waiting period, grants taking effect) and moving the clock to fire it.

use alloc::collections::BinaryHeap;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Reverse;

use super::World;
use crate::audit::{AuditEvent, EventType, UserIdentity};
use crate::clock::{Duration, Timestamp};
use crate::entropy::EntropyError;
use crate::ids::{GrantId, KeyArn};
use crate::keys::{Key, KeyState, MaterialOrigin};
use crate::service::Parts;

impl World {
    /// Moves the clock forward by `d`, firing on the way, in time order, every automatic
    /// rotation that falls due and every deletion whose waiting period ends. Returns what
    /// fired (the events themselves are in the audit log; the first
    /// [`Advanced::REPORTED`] are returned too).
    ///
    /// Time ends at 9999-12-31T23:59:59Z, the last second RFC 3339 can write: a rotation
    /// that would fall due there never does.
    pub fn advance(&mut self, d: Duration) -> Result<Advanced, EntropyError> {
        let target = self.now().plus(d);
        let mut out = Advanced::default();
        // The due events, earliest first (ties: the key listed first). A rotation puts the
        // key's next one back; a deletion shifts the keys after it, so the queue is made
        // again (deletions are rare; rotations can be many).
        let mut due = self.due_events(target);
        while let Some(Reverse((when, index, is_deletion))) = due.pop() {
            self.clock.advance_to(when);
            // An index the queue holds is always a key's; should it not be, nothing fires.
            let event = if is_deletion {
                let Some(e) = self.delete_key_now(index)? else {
                    continue;
                };
                due = self.due_events(target);
                e
            } else {
                let Some(e) = self.rotate_automatically(index)? else {
                    continue;
                };
                if let Some((when, is_deletion)) = self.keys.get(index).and_then(Self::next_event)
                    && when <= target
                {
                    due.push(Reverse((when, index, is_deletion)));
                }
                e
            };
            out.fired += 1;
            if out.events.len() < Advanced::REPORTED {
                out.events.push(event);
            }
        }
        if target > self.now() || out.fired > 0 {
            self.touch(Parts::CLOCK);
        }
        self.clock.advance_to(target);
        Ok(out)
    }

    /// What falls due next on the simulated clock after now: an automatic rotation, the end
    /// of a deletion waiting period, or a grant taking effect (the earliest; ties: the
    /// key listed first, then grants).
    pub fn next_due(&self) -> Option<Due> {
        let now = self.now();
        let keys = self.keys.iter().filter_map(|k| {
            Self::next_event(k).map(|(at, deletion)| Due {
                at,
                kind: if deletion {
                    DueKind::Deletion
                } else {
                    DueKind::Rotation
                },
                key_arn: k.arn.clone(),
            })
        });
        let grants = self
            .grants
            .iter()
            .filter(|g| g.effective > now)
            .map(|g| Due {
                at: g.effective,
                kind: DueKind::GrantEffective(g.grant_id.clone()),
                key_arn: g.key_arn.clone(),
            });
        keys.chain(grants)
            .filter(|d| d.at > now)
            .min_by_key(|d| d.at)
    }

    /// A key's next time-driven event: its deletion, or its next automatic rotation (time
    /// ends at [`Timestamp::LATEST`]: a rotation that would fall due there never does).
    fn next_event(k: &Key) -> Option<(Timestamp, bool)> {
        match k.state {
            KeyState::PendingDeletion => k.deletion_date.map(|t| (t, true)),
            KeyState::Enabled => k
                .rotation
                .filter(|r| r.next < Timestamp::LATEST)
                .map(|r| (r.next, false)),
            KeyState::Disabled => None,
        }
    }

    fn due_events(&self, target: Timestamp) -> BinaryHeap<Reverse<(Timestamp, usize, bool)>> {
        self.keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| Self::next_event(k).map(|(t, del)| Reverse((t, i, del))))
            .filter(|Reverse((t, _, _))| *t <= target)
            .collect()
    }

    /// Deletes the key at `index` (`None`: there is none).
    fn delete_key_now(&mut self, index: usize) -> Result<Option<AuditEvent>, EntropyError> {
        if index >= self.keys.len() {
            return Ok(None);
        }
        self.touch(Parts::KEYS.and(Parts::POLICIES).and(Parts::GRANTS));
        let key = self.keys.remove(index);
        self.grants.retain(|g| g.key_arn != key.arn);
        self.aliases.retain(|a| {
            !(a.target_key_id == key.key_id && a.account == key.account && a.region == key.region)
        });
        self.deleted_keys.push(key.arn.clone());
        let details = serde_json::json!({ "keyId": key.key_id.as_str() });
        self.service_event("DeleteKey", &key.arn, details).map(Some)
    }

    /// Rotates the key at `index` (`None`: there is none).
    fn rotate_automatically(&mut self, index: usize) -> Result<Option<AuditEvent>, EntropyError> {
        let version = self
            .keys
            .get(index)
            .map_or(1, |k| k.materials.len() as u32 + 1);
        let material = self.new_material(version, MaterialOrigin::Automatic)?;
        self.versions.touch(Parts::KEYS);
        let Some(key) = self.keys.get_mut(index) else {
            return Ok(None);
        };
        key.materials.push(material);
        if let Some(r) = key.rotation.as_mut() {
            r.next = r.next.plus(Duration::days(i64::from(r.period_days)));
        }
        let arn = key.arn.clone();
        let details =
            serde_json::json!({ "rotationType": "AUTOMATIC", "keyId": key.key_id.as_str() });
        self.service_event("RotateKey", &arn, details).map(Some)
    }

    /// Records what KMS did on its own, as the Developer Guide's example records show
    /// (ct-rotatekey, ct-deletekey): no caller but the account, "AWS Internal", no request
    /// or response, and the details in `serviceEventDetails`.
    pub(crate) fn service_event(
        &mut self,
        name: &str,
        arn: &KeyArn,
        details: serde_json::Value,
    ) -> Result<AuditEvent, EntropyError> {
        let event = AuditEvent {
            event_time: self.now(),
            event_source: String::from("kms.amazonaws.com"),
            event_name: String::from(name),
            aws_region: String::from(arn.region_str()),
            user_identity: UserIdentity {
                kind: String::new(),
                arn: None,
                account_id: Some(String::from(arn.account_str())),
                invoked_by: Some(String::from("AWS Internal")),
            },
            request_parameters: serde_json::Value::Null,
            response_elements: serde_json::Value::Null,
            error_code: None,
            error_message: None,
            resources: Vec::from([String::from(arn.as_str())]),
            event_id: self.new_uuid()?,
            read_only: false,
            event_type: EventType::AwsServiceEvent,
            recipient_account_id: String::from(arn.account_str()),
            decision_rule: None,
            service_event_details: details,
        };
        self.log(event.clone());
        Ok(event)
    }
}

/// Something that falls due on the simulated clock ([`World::next_due`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    /// When.
    pub at: Timestamp,
    /// What.
    pub kind: DueKind,
    /// The key concerned.
    pub key_arn: KeyArn,
}

/// What falls due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DueKind {
    /// An automatic rotation of the key material.
    Rotation,
    /// The end of the waiting period of a scheduled deletion: the key is deleted.
    Deletion,
    /// A grant takes effect without its token (grant propagation).
    GrantEffective(GrantId),
}

/// What [`World::advance`] fired.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Advanced {
    /// How many service events fired (rotations and deletions).
    pub fired: usize,
    /// The first [`Advanced::REPORTED`] of them.
    pub events: Vec<AuditEvent>,
}

impl Advanced {
    /// How many fired events are returned (all are in the audit log).
    pub const REPORTED: usize = 100;
}
