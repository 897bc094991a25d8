//! Editing a policy's text as a learner would: a statement added to its `Statement` list
//! or taken out, the rest kept as written (members in their order), re-indented. Used to
//! draft fixes (`crate::fix`) by the page, and by the command line and a terminal alike.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::json::{self, Json, Loc, Member, Value};

/// A JSON object of `members`, in that order.
pub fn object(members: Vec<(&str, Value)>) -> Json {
    Json {
        value: Value::Object(
            members
                .into_iter()
                .map(|(k, v)| Member {
                    key: String::from(k),
                    key_loc: Loc::default(),
                    value: Json {
                        value: v,
                        loc: Loc::default(),
                    },
                })
                .collect(),
        ),
        loc: Loc::default(),
    }
}

/// A JSON string.
pub fn string(s: &str) -> Value {
    Value::String(String::from(s))
}

/// `text` with `statement` added to its `Statement` list, re-indented (members keep their
/// order); `None` when `text` is not a JSON object.
pub fn add_statement(text: &str, statement: Json) -> Option<String> {
    let mut doc = json::parse(text).ok()?;
    let Value::Object(members) = &mut doc.value else {
        return None;
    };
    match members.iter_mut().find(|m| m.key == "Statement") {
        Some(m) => match &mut m.value.value {
            Value::Array(items) => items.push(statement),
            _ => {
                let old = m.value.clone();
                m.value.value = Value::Array(vec![old, statement]);
            }
        },
        None => members.push(Member {
            key: String::from("Statement"),
            key_loc: Loc::default(),
            value: Json {
                value: Value::Array(vec![statement]),
                loc: Loc::default(),
            },
        }),
    }
    Some(json::to_pretty(&doc))
}

/// `text` without statement `index` (of its `Statement` list, or the statement itself);
/// `None` when there is no such statement.
pub fn remove_statement(text: &str, index: usize) -> Option<String> {
    let mut doc = json::parse(text).ok()?;
    let Value::Object(members) = &mut doc.value else {
        return None;
    };
    let m = members.iter_mut().find(|m| m.key == "Statement")?;
    match &mut m.value.value {
        Value::Array(items) if index < items.len() => {
            items.remove(index);
        }
        Value::Object(_) if index == 0 => m.value.value = Value::Array(Vec::new()),
        _ => return None,
    }
    Some(json::to_pretty(&doc))
}
