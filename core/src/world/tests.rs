use super::*;
use crate::service::Service;
use alloc::string::ToString;

#[test]
fn default_world_matches_the_scenario_defaults() {
    let w = World::default();
    assert_eq!(w.region().as_str(), "us-east-1");
    assert_eq!(w.account().as_str(), "111122223333");
    assert_eq!(w.now().to_string(), "2026-01-01T00:00:00Z");
    assert!(w.keys().is_empty() && w.principals().is_empty() && w.audit_log().is_empty());
}

#[test]
fn the_next_due_event_is_the_earliest_rotation_deletion_or_grant() {
    use crate::api::Caller;
    use serde_json::json;
    let mut w = World::new(
        Region::default_region(),
        AccountId::DEFAULT,
        Timestamp::DEFAULT_START,
        Entropy::seeded(1),
    );
    let root = Caller::new("arn:aws:iam::111122223333:root");
    let mut key = || {
        let out = w
            .request(&root, Service::Kms, "CreateKey", &json!({}))
            .output
            .unwrap();
        KeyArn::parse(out["KeyMetadata"]["Arn"].as_str().unwrap()).unwrap()
    };
    let (a, b) = (key(), key());
    assert_eq!(w.next_due(), None, "nothing is scheduled");
    w.request(
        &root,
        Service::Kms,
        "EnableKeyRotation",
        &json!({"KeyId": a.as_str(), "RotationPeriodInDays": 90}),
    )
    .output
    .unwrap();
    w.request(
        &root,
        Service::Kms,
        "ScheduleKeyDeletion",
        &json!({"KeyId": b.as_str(), "PendingWindowInDays": 7}),
    )
    .output
    .unwrap();
    let due = w.next_due().unwrap();
    assert_eq!((due.kind, &due.key_arn), (DueKind::Deletion, &b));
    assert_eq!(due.at, w.now().plus(Duration::days(7)));
    let grant = w
        .request(&root, Service::Kms,
            "CreateGrant",
            &json!({"KeyId": a.as_str(), "GranteePrincipal": "arn:aws:iam::111122223333:root", "Operations": ["Encrypt"]}),
        )
        .output
        .unwrap();
    let id = GrantId::parse(grant["GrantId"].as_str().unwrap()).unwrap();
    let due = w.next_due().unwrap();
    assert_eq!(due.kind, DueKind::GrantEffective(id));
    assert_eq!(due.at, w.now().plus(Duration::minutes(5)));
    // Advancing to each in turn: the grant, the deletion, then the rotation.
    w.advance(Duration::minutes(5)).unwrap();
    assert_eq!(w.next_due().unwrap().kind, DueKind::Deletion);
    w.advance(Duration::days(7)).unwrap();
    let due = w.next_due().unwrap();
    assert_eq!((due.kind, &due.key_arn), (DueKind::Rotation, &a));
}

#[test]
fn worlds_compare_by_everything_they_hold() {
    // Undo and what-if previews rely on a clone being equal until one of them moves.
    let w = World::new(
        Region::default_region(),
        AccountId::DEFAULT,
        Timestamp::DEFAULT_START,
        Entropy::seeded(1),
    );
    let mut moved = w.clone();
    assert_eq!(moved, w);
    moved.advance(Duration::seconds(1)).unwrap();
    assert_ne!(moved, w, "the clock is part of the world");
    let mut drew = w.clone();
    drew.new_key_id().unwrap();
    assert_ne!(drew, w, "so is the position of the random stream");
}

#[test]
fn uuids_are_version_4_and_seeded_worlds_repeat() {
    let mut a = World::new(
        Region::default_region(),
        AccountId::DEFAULT,
        Timestamp::DEFAULT_START,
        Entropy::seeded(3),
    );
    let mut b = a.clone();
    let u = a.new_uuid().unwrap();
    assert_eq!(u, b.new_uuid().unwrap());
    assert_eq!(u.len(), 36);
    assert_eq!(&u[14..15], "4");
    assert!("89ab".contains(&u[19..20]));
}
