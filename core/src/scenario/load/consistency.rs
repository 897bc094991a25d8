//! Checks across a file's parts: a saved world's state must agree with its keys.

use alloc::format;

use super::super::KeySpec;
use super::super::read::Reader;
use crate::api::MAX_ALIASES_PER_KEY;
use crate::json::Json;

/// The saved state must agree with the keys: aliases point to keys of the file, each
/// alias once, at most 50 on a key.
pub(super) fn check_state_against_keys(
    r: &mut Reader,
    doc: &Json,
    st: &crate::scenario::WorldStateSpec,
    keys: &[KeySpec],
) {
    let Some(aliases) = &st.aliases else { return };
    let loc = doc
        .get("state")
        .and_then(|s| s.get("aliases"))
        .map_or(doc.loc, |a| a.loc);
    for (i, a) in aliases.iter().enumerate() {
        let path = format!("state.aliases[{i}]");
        let target = keys.iter().position(|k| {
            k.key_id.as_ref() == Some(&a.target_key_id)
                && k.account == a.account
                && k.region == a.region
        });
        if target.is_none() {
            r.err(
                &path,
                loc,
                format!("the alias `{}` points to no key of this file", a.name),
            );
        }
        if aliases
            .iter()
            .take(i)
            .any(|o| o.name == a.name && o.account == a.account && o.region == a.region)
        {
            r.err(&path, loc, format!("the alias `{}` appears twice", a.name));
        }
    }
    for k in keys {
        let n = aliases
            .iter()
            .filter(|a| {
                k.key_id.as_ref() == Some(&a.target_key_id)
                    && k.account == a.account
                    && k.region == a.region
            })
            .count();
        if n > MAX_ALIASES_PER_KEY {
            r.err(
                "state.aliases",
                loc,
                format!("a KMS key can have at most {MAX_ALIASES_PER_KEY} aliases"),
            );
        }
        // The key's own `aliases` are what a reader sees and what the rules on AWS managed
        // aliases were checked against: the saved table must say the same.
        let mismatch = aliases.iter().find(|a| {
            let same_place = k.account == a.account && k.region == a.region;
            let targets = same_place && k.key_id.as_ref() == Some(&a.target_key_id);
            same_place && targets != k.aliases.contains(&a.name)
        });
        let missing = k.aliases.iter().find(|name| {
            !aliases.iter().any(|a| {
                &a.name == *name
                    && k.key_id.as_ref() == Some(&a.target_key_id)
                    && k.account == a.account
                    && k.region == a.region
            })
        });
        if let Some(name) = mismatch.map(|a| &a.name).or(missing) {
            r.err(
                "state.aliases",
                loc,
                format!(
                    "the saved aliases disagree with the key `{}` about `{name}`: keys[].aliases and state.aliases must list the same aliases",
                    k.key_id.as_ref().map_or("?", |id| id.as_str())
                ),
            );
        }
    }
}
