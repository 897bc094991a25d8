//! What the Keys panel shows, as pure functions of the world: the key list, a key's
//! names, its rotation and material versions, its grants.

use kms_core::World;
use kms_core::action::ActionSet;
use kms_core::clock::Timestamp;
use kms_core::grants::Grant;
use kms_core::keys::{Key, KeyManager, KeyState, MaterialOrigin};
use kms_core::keys::{KeySpec, KeyUsage, Origin};
use kms_core::principal::Principal;

use crate::format;

/// A row of the key list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRow {
    /// The key ID.
    pub key_id: String,
    /// The key ARN.
    pub arn: String,
    /// Its aliases.
    pub aliases: Vec<String>,
    /// How the page names it: its first alias, its scenario handle, or its key ID.
    pub name: String,
    /// The description.
    pub description: String,
    /// The state.
    pub state: KeyState,
    /// `Enabled (every 365 days)`, `Disabled`.
    pub rotation: String,
    /// The creation date.
    pub created: String,
    /// For a key pending deletion: when, and how long until then.
    pub deletion: Option<(String, String)>,
    /// Its key spec, usage and origin, as AWS names them.
    pub kind: (KeySpec, KeyUsage, Origin),
}

/// The aliases of `k`, sorted.
pub fn aliases_of(w: &World, k: &Key) -> Vec<String> {
    let mut out: Vec<String> = w
        .aliases()
        .iter()
        .filter(|a| a.target_key_id == k.key_id && a.account == k.account && a.region == k.region)
        .map(|a| a.name.as_str().to_string())
        .collect();
    out.sort();
    out
}

/// How the page names `k`: its first alias, its scenario handle, or its key ID.
pub fn key_name(w: &World, k: &Key) -> String {
    let name = aliases_of(w, k)
        .into_iter()
        .next()
        .or_else(|| w.key_handle(&k.arn).map(String::from))
        .unwrap_or_else(|| k.key_id.as_str().to_string());
    kms_core::text::isolate(&name).into_owned()
}

/// The rotation column: `Enabled (every 365 days)` or `Disabled`.
pub fn rotation_words(k: &Key) -> String {
    match &k.rotation {
        Some(r) => format!("Enabled (every {} days)", r.period_days),
        None => String::from("Disabled"),
    }
}

/// The keys of `account` in `region` managed by `manager`, whose names, IDs or
/// descriptions contain `filter` (any case), in the order they were created.
pub fn key_rows(
    w: &World,
    account: &str,
    region: &str,
    manager: KeyManager,
    filter: &str,
) -> Vec<KeyRow> {
    let needle = filter.trim().to_lowercase();
    w.keys()
        .iter()
        .filter(|k| k.account.as_str() == account && k.region.as_str() == region)
        .filter(|k| k.manager == manager)
        .map(|k| KeyRow {
            key_id: k.key_id.as_str().to_string(),
            arn: k.arn.as_str().to_string(),
            aliases: aliases_of(w, k),
            name: key_name(w, k),
            description: k.description.clone(),
            state: k.state,
            rotation: rotation_words(k),
            created: format::time(k.created),
            deletion: k
                .deletion_date
                .map(|d| (format::time(d), format::until(w.now(), d))),
            kind: (k.spec, k.usage, k.origin),
        })
        .filter(|r| {
            needle.is_empty()
                || r.key_id.contains(&needle)
                || r.name.to_lowercase().contains(&needle)
                || r.description.to_lowercase().contains(&needle)
                || r.aliases.iter().any(|a| a.to_lowercase().contains(&needle))
        })
        .collect()
}

/// How many keys the world holds outside `account` and `region`.
pub fn keys_elsewhere(w: &World, account: &str, region: &str) -> Vec<Elsewhere> {
    // This account's other Regions first, then other accounts; each in the world's order.
    let (mut mine, others): (Vec<Elsewhere>, Vec<Elsewhere>) = w
        .keys()
        .iter()
        .filter(|k| is_elsewhere(k, account, region))
        .map(|k| Elsewhere {
            name: key_name(w, k),
            key_id: k.key_id.as_str().to_string(),
            account: k.account.to_string(),
            region: k.region.to_string(),
            same_account: k.account.as_str() == account,
        })
        .partition(|e| e.same_account);
    mine.extend(others);
    mine
}

/// Whether the Keys list of `account` in `region` leaves `k` out.
pub fn is_elsewhere(k: &Key, account: &str, region: &str) -> bool {
    k.account.as_str() != account || k.region.as_str() != region
}

/// A key the Keys list leaves out: in another Region, or another account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Elsewhere {
    /// How the page names it.
    pub name: String,
    /// Its key ID.
    pub key_id: String,
    /// Its account.
    pub account: String,
    /// Its Region.
    pub region: String,
    /// Whether it is in the acting principal's account.
    pub same_account: bool,
}

/// Where the key that `reference` names lives, when not in `region`: the key's name and
/// its Region. `reference` is a key ID, key ARN, alias name (of `account`) or alias ARN.
pub fn in_another_region(
    w: &World,
    reference: &str,
    account: &str,
    region: &str,
) -> Option<(String, String)> {
    let (account, name) = match reference.strip_prefix("arn:aws:kms:") {
        // arn:aws:kms:<region>:<account>:key/<id> or …:alias/<name>
        Some(rest) => {
            let mut parts = rest.splitn(3, ':');
            let (_, acct, resource) = (parts.next()?, parts.next()?, parts.next()?);
            (acct, resource.strip_prefix("key/").unwrap_or(resource))
        }
        None => (account, reference),
    };
    let found = if name.starts_with("alias/") {
        w.aliases()
            .iter()
            .filter(|a| a.name.as_str() == name && a.account.as_str() == account)
            .filter(|a| a.region.as_str() != region)
            .find_map(|a| {
                w.keys()
                    .iter()
                    .find(|k| k.key_id == a.target_key_id && k.region == a.region)
            })
    } else {
        w.keys()
            .iter()
            .find(|k| k.key_id.as_str() == name && k.account.as_str() == account)
    }?;
    (found.region.as_str() != region).then(|| (key_name(w, found), found.region.to_string()))
}

/// Why a call failed to find its key, when the key is in another Region than the call's:
/// the request members that name a key, looked up across Regions.
pub fn wrong_region(
    w: &World,
    caller_account: &str,
    call_region: &str,
    input: &serde_json::Value,
) -> Option<(String, String)> {
    ["KeyId", "DestinationKeyId", "TargetKeyId", "SSEKMSKeyId"]
        .iter()
        .filter_map(|m| input.get(*m)?.as_str())
        .find_map(|r| in_another_region(w, r, caller_account, call_region))
        .map(|(name, there)| {
            (
                format!(
                    "{name} is a key of {there}, and this call went to KMS in {call_region}. A KMS key lives in one Region: each Region's KMS knows only its own keys, so from {call_region} the key does not exist."
                ),
                format!("choose {there} as the Region in the header, or use a key of {call_region}."),
            )
        })
}

/// The key a route names: by key ID or key ARN.
pub fn find_key<'w>(w: &'w World, id: &str) -> Option<&'w Key> {
    w.keys()
        .iter()
        .find(|k| k.key_id.as_str() == id || k.arn.as_str() == id)
}

/// A key as its detail shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyView {
    /// What the list shows.
    pub row: KeyRow,
    /// Customer or AWS managed.
    pub manager: KeyManager,
    /// The account.
    pub account: String,
    /// The region.
    pub region: String,
    /// Automatic rotation: the period in days and the next rotation date.
    pub rotation: Option<(u32, String)>,
    /// How many on-demand rotations were made.
    pub on_demand: u32,
    /// The key material versions, newest first.
    pub materials: Vec<MaterialRow>,
    /// The tags.
    pub tags: Vec<(String, String)>,
    /// The waiting period of a scheduled deletion.
    pub pending_days: Option<u32>,
}

/// The key a route names, as its detail shows it.
pub fn key_view(w: &World, id: &str) -> Option<KeyView> {
    let k = find_key(w, id)?;
    let row = key_rows(
        w,
        k.account.as_str(),
        k.region.as_str(),
        k.manager,
        k.key_id.as_str(),
    )
    .into_iter()
    .find(|r| r.key_id == k.key_id.as_str())?;
    Some(KeyView {
        row,
        manager: k.manager,
        account: k.account.as_str().to_string(),
        region: k.region.as_str().to_string(),
        rotation: k.rotation.map(|r| (r.period_days, format::time(r.next))),
        on_demand: k.on_demand_rotations,
        materials: materials(k),
        tags: k.tags.clone(),
        pending_days: k.pending_window_days,
    })
}

/// A key material version, as the Key rotation tab lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaterialRow {
    /// The version, from 1.
    pub version: u32,
    /// The key material ID.
    pub id: String,
    /// When it was made.
    pub created: String,
    /// `Initial`, `Automatic rotation`, `On-demand rotation`.
    pub origin: &'static str,
    /// Whether it encrypts now (the newest).
    pub current: bool,
}

/// Every key material version of `k`, newest first.
pub fn materials(k: &Key) -> Vec<MaterialRow> {
    let newest = k.materials.iter().map(|m| m.version).max().unwrap_or(0);
    let mut out: Vec<MaterialRow> = k
        .materials
        .iter()
        .map(|m| MaterialRow {
            version: m.version,
            id: m.material_id.clone(),
            created: format::time(m.created),
            origin: match m.origin {
                MaterialOrigin::Initial => "Initial",
                MaterialOrigin::Automatic => "Automatic rotation",
                MaterialOrigin::OnDemand => "On-demand rotation",
            },
            current: m.version == newest,
        })
        .collect();
    out.reverse();
    out
}

/// How the page names a principal ARN: its handle or short name.
pub fn principal_label(w: &World, arn: &str) -> String {
    let label = w
        .principal(arn)
        .map(|p| p.name.clone().unwrap_or_else(|| p.principal.short_name()))
        .or_else(|| Principal::parse(arn).ok().map(|p| p.short_name()))
        .unwrap_or_else(|| String::from(arn));
    // A right-to-left name cannot reorder the sentence or row around it.
    kms_core::text::isolate(&label).into_owned()
}

/// A grant as the Grants tab lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantRow {
    /// The grant ID.
    pub id: String,
    /// Its name, if any.
    pub name: Option<String>,
    /// The grantee (label, ARN).
    pub grantee: (String, String),
    /// The retiring principal (label, ARN).
    pub retiring: Option<(String, String)>,
    /// The operations.
    pub operations: Vec<&'static str>,
    /// The constraints, in words.
    pub constraints: Option<String>,
    /// When it was created.
    pub created: String,
    /// Whether it is in effect without its token, or from when.
    pub effective: Result<(), String>,
}

/// The operations of a grant, by name.
pub fn operation_names(ops: ActionSet) -> Vec<&'static str> {
    ops.iter().map(|a| a.name()).collect()
}

/// The grants on `k`.
pub fn grants_of(w: &World, k: &Key) -> Vec<GrantRow> {
    w.grants()
        .iter()
        .filter(|g| g.key_arn == k.arn)
        .map(|g| grant_row(w, g))
        .collect()
}

fn grant_row(w: &World, g: &Grant) -> GrantRow {
    let context = |c: &kms_core::context::EncryptionContext| {
        c.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let constraints = match (&g.constraints.equals, &g.constraints.subset) {
        (Some(e), _) => Some(format!("EncryptionContextEquals: {}", context(e))),
        (None, Some(s)) => Some(format!("EncryptionContextSubset: {}", context(s))),
        (None, None) => None,
    };
    GrantRow {
        id: g.grant_id.as_str().to_string(),
        name: g.name.clone(),
        grantee: (principal_label(w, &g.grantee), g.grantee.clone()),
        retiring: g
            .retiring
            .as_ref()
            .map(|r| (principal_label(w, r), r.clone())),
        operations: operation_names(g.operations),
        constraints,
        created: format::time(g.created),
        effective: effective(w.now(), g.effective),
    }
}

/// `Ok` when a grant made effective at `at` is in effect at `now`; otherwise when it will be.
pub fn effective(now: Timestamp, at: Timestamp) -> Result<(), String> {
    if at <= now {
        Ok(())
    } else {
        Err(format!(
            "takes effect {} ({}) on the simulated clock",
            format::until(now, at),
            format::time(at)
        ))
    }
}

/// Principals of `account` that can be key administrators or users: its users and roles.
pub fn account_principals(w: &World, account: &str) -> Vec<(String, String)> {
    w.principals()
        .iter()
        .filter(|p| p.principal.account_str() == account)
        .filter(|p| kms_core::iam::is_iam_entity(&p.principal))
        .map(|p| {
            (
                p.principal.arn().to_string(),
                p.name.clone().unwrap_or_else(|| p.principal.short_name()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kms_core::api::Caller;
    use kms_core::service::Service;
    use serde_json::json;

    const ROOT: &str = "arn:aws:iam::123412341234:root";

    fn world() -> World {
        crate::starting_world().unwrap()
    }

    #[test]
    fn the_list_shows_the_seed_keys_by_alias_with_their_state() {
        let w = world();
        let rows = key_rows(&w, "123412341234", "us-east-1", KeyManager::Customer, "");
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["alias/cmk-a", "alias/cmk-b", "alias/cmk-c"]);
        assert!(
            rows.iter()
                .all(|r| r.state == KeyState::Enabled && r.deletion.is_none())
        );
        assert_eq!(rows[0].rotation, "Disabled");
        assert!(key_rows(&w, "123412341234", "us-east-1", KeyManager::Aws, "").is_empty());
        assert!(key_rows(&w, "123412341234", "eu-west-1", KeyManager::Customer, "").is_empty());
        let elsewhere = keys_elsewhere(&w, "123412341234", "eu-west-1");
        let named: Vec<(&str, &str, bool)> = elsewhere
            .iter()
            .map(|e| (e.name.as_str(), e.region.as_str(), e.same_account))
            .collect();
        assert_eq!(
            named,
            [
                ("alias/cmk-a", "us-east-1", true),
                ("alias/cmk-b", "us-east-1", true),
                ("alias/cmk-c", "us-east-1", true)
            ]
        );
        // A key named from the wrong Region is found where it lives, by every kind of name.
        let a = &rows[0];
        for reference in [
            String::from("alias/cmk-a"),
            a.key_id.clone(),
            a.arn.clone(),
            String::from("arn:aws:kms:us-east-1:123412341234:alias/cmk-a"),
        ] {
            assert_eq!(
                in_another_region(&w, &reference, "123412341234", "eu-west-1"),
                Some((String::from("alias/cmk-a"), String::from("us-east-1"))),
                "{reference}"
            );
            // From its own Region there is nothing to explain.
            assert_eq!(
                in_another_region(&w, &reference, "123412341234", "us-east-1"),
                None
            );
        }
        let (why, hint) = wrong_region(
            &w,
            "123412341234",
            "eu-west-1",
            &serde_json::json!({"KeyId": "alias/cmk-b"}),
        )
        .unwrap();
        assert!(
            why.starts_with(
                "alias/cmk-b is a key of us-east-1, and this call went to KMS in eu-west-1."
            ),
            "{why}"
        );
        assert_eq!(
            hint,
            "choose us-east-1 as the Region in the header, or use a key of eu-west-1."
        );
        assert_eq!(
            wrong_region(
                &w,
                "123412341234",
                "eu-west-1",
                &serde_json::json!({"KeyId": "alias/none"})
            ),
            None
        );
        let filtered = key_rows(
            &w,
            "123412341234",
            "us-east-1",
            KeyManager::Customer,
            "DENY",
        );
        assert_eq!(filtered.len(), 1, "the description of CMK-C says deny");
        assert_eq!(filtered[0].name, "alias/cmk-c");
    }

    #[test]
    fn deletion_and_rotation_read_as_the_console_words_them() {
        let mut w = world();
        let root = Caller::new(ROOT);
        let a = "aaaaaaaa-0000-4000-8000-00000000000a";
        w.request(
            &root,
            Service::Kms,
            "ScheduleKeyDeletion",
            &json!({"KeyId": a, "PendingWindowInDays": 7}),
        )
        .output
        .unwrap();
        w.request(
            &root,
            Service::Kms,
            "EnableKeyRotation",
            &json!({"KeyId": "cccccccc-0000-4000-8000-00000000000c", "RotationPeriodInDays": 90}),
        )
        .output
        .unwrap();
        w.request(
            &root,
            Service::Kms,
            "RotateKeyOnDemand",
            &json!({"KeyId": "cccccccc-0000-4000-8000-00000000000c"}),
        )
        .output
        .unwrap();
        w.advance(kms_core::clock::Duration::days(1)).unwrap();
        let rows = key_rows(&w, "123412341234", "us-east-1", KeyManager::Customer, "");
        assert_eq!(rows[0].state, KeyState::PendingDeletion);
        assert_eq!(
            rows[0].deletion,
            Some((
                String::from("2026-01-08 00:00 UTC"),
                String::from("in 6 days")
            ))
        );
        assert_eq!(rows[2].rotation, "Enabled (every 90 days)");
        let c = find_key(&w, "cccccccc-0000-4000-8000-00000000000c").unwrap();
        let versions = materials(c);
        assert_eq!(versions.len(), 2);
        assert_eq!(
            (versions[0].version, versions[0].origin, versions[0].current),
            (2, "On-demand rotation", true)
        );
        assert_eq!(
            (versions[1].version, versions[1].origin, versions[1].current),
            (1, "Initial", false)
        );
    }

    #[test]
    fn grants_say_who_what_and_when_they_take_effect() {
        let mut w = world();
        let out = w
            .request(&Caller::new(ROOT), Service::Kms,
                "CreateGrant",
                &json!({"KeyId": "aaaaaaaa-0000-4000-8000-00000000000a", "GranteePrincipal": "arn:aws:iam::123412341234:user/Bob",
                        "Operations": ["Encrypt", "Decrypt"], "Constraints": {"EncryptionContextSubset": {"app": "notes"}}, "Name": "bob-notes"}),
            )
            .output
            .unwrap();
        let k = find_key(&w, "aaaaaaaa-0000-4000-8000-00000000000a").unwrap();
        let rows = grants_of(&w, k);
        assert_eq!(rows.len(), 1);
        let g = &rows[0];
        assert_eq!(g.id, out["GrantId"].as_str().unwrap());
        assert_eq!(g.grantee.0, "Bob");
        assert_eq!(g.operations, ["Decrypt", "Encrypt"]);
        assert_eq!(
            g.constraints.as_deref(),
            Some("EncryptionContextSubset: app=notes")
        );
        assert_eq!(
            g.effective,
            Err(String::from(
                "takes effect in 5 minutes (2026-01-01 00:05 UTC) on the simulated clock"
            ))
        );
        w.advance(kms_core::clock::Duration::minutes(5)).unwrap();
        let k = find_key(&w, "aaaaaaaa-0000-4000-8000-00000000000a").unwrap();
        assert_eq!(grants_of(&w, k)[0].effective, Ok(()));
        assert_eq!(
            account_principals(&w, "123412341234")
                .iter()
                .map(|p| p.1.as_str())
                .collect::<Vec<_>>(),
            ["Alice", "Bob", "Charlie", "David"]
        );
    }
}
