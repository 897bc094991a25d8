//! The `steps` of a scenario: calls, checks and clock steps, each read and checked with
//! its references, its expectation and, for clock steps, the clock's budget.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value};

use crate::action::Action;
use crate::clock::Duration;
use crate::json::{self, Json};
use crate::principal::{Principal, PrincipalKind};
use crate::scenario::read::{Reader, join};
use crate::scenario::refs::check_references;
use crate::scenario::{CheckFacts, Expect, MAX_ADVANCE_DAYS, PrincipalSpec, Step, StepKind};

const CALL_STEP: &[&str] = &[
    "id", "note", "as", "call", "input", "via", "region", "expect",
];
const CHECK_STEP: &[&str] = &[
    "id",
    "note",
    "as",
    "check",
    "key",
    "context",
    "via",
    "tags",
    "tagKeys",
    "grantTokens",
    "parameters",
    "expect",
];
const CHECK_PARAMETERS: &[&str] = &[
    "RotationPeriodInDays",
    "PendingWindowInDays",
    "BypassPolicyLockoutSafetyCheck",
];
const ADVANCE_STEP: &[&str] = &["id", "note", "advance", "expect"];

pub(super) fn read_steps(r: &mut Reader, doc: &Json, principals: &[PrincipalSpec]) -> Vec<Step> {
    read_step_list(r, doc, "steps", "", principals)
}

/// The list of steps at `parent.field` (a scenario's `steps`, a lesson's `setup` and
/// `solution`): each step's references may name the steps before it in the same list.
pub(crate) fn read_step_list(
    r: &mut Reader,
    doc: &Json,
    field: &str,
    parent: &str,
    principals: &[PrincipalSpec],
) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let mut advanced = 0i64;
    let list = join(parent, field);
    for (i, s) in r.array(doc, field, parent).iter().enumerate() {
        let path = format!("{list}[{i}]");
        let Some(step) = read_step(r, s, &path, principals, &ids) else {
            continue;
        };
        if let Some(id) = &step.id {
            if ids.contains(id) {
                r.err(
                    &join(&path, "id"),
                    s.loc,
                    format!("the step id `{id}` is already used"),
                );
            }
            ids.push(id.clone());
        }
        if let StepKind::Advance(d) = step.kind {
            advanced = advanced.saturating_add(d.as_seconds());
            if advanced > Duration::days(MAX_ADVANCE_DAYS).as_seconds() {
                r.err(&join(&path, "advance"), s.loc, format!("the clock steps of a scenario may move the clock at most {MAX_ADVANCE_DAYS} days (100 years) in all"));
            }
        }
        steps.push(step);
    }
    steps
}

pub(crate) fn read_step(
    r: &mut Reader,
    s: &Json,
    path: &str,
    principals: &[PrincipalSpec],
    earlier_ids: &[String],
) -> Option<Step> {
    let Some(_) = s.as_object() else {
        r.err(
            path,
            s.loc,
            format!("a step must be an object, found {}", s.kind()),
        );
        return None;
    };
    let at = |field: &str| s.get(field).map_or(s.loc, |v| v.loc);
    let id = r.string(s, "id", path);
    let note = r.string(s, "note", path);
    let who = |r: &mut Reader| -> Option<String> {
        let name = r.required(s, "as", path)?;
        match principals
            .iter()
            .find(|p| p.name.as_deref() == Some(name.as_str()) || p.arn == name)
        {
            Some(p) => Some(p.arn.clone()),
            None => match Principal::parse(&name) {
                Ok(p) if *p.kind() == PrincipalKind::Root => Some(name),
                _ => {
                    r.err(&join(path, "as"), at("as"), format!("unknown principal \"{name}\": use the name or ARN of one of `principals`"));
                    None
                }
            },
        }
    };
    let via = r.string(s, "via", path);
    if s.get("call").is_some() {
        r.fields(s, path, CALL_STEP);
        let principal = who(r);
        let operation = r.string(s, "call", path)?;
        let (service, op) = crate::service::Service::split(&operation);
        if service.operation(op).is_none() {
            let hint = service
                .similar_to(op)
                .map(|d| match service {
                    crate::service::Service::Kms => format!(" (did you mean `{}`?)", d.name()),
                    s => format!(" (did you mean `{}:{}`?)", s.prefix(), d.name()),
                })
                .unwrap_or_default();
            let offered = match service {
                crate::service::Service::Kms => String::new(),
                s => format!(
                    ": the simulator offers {}",
                    s.operations()
                        .iter()
                        .map(|d| format!("{}:{}", s.prefix(), d.name()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            r.err(
                &join(path, "call"),
                at("call"),
                format!(
                    "unknown {} operation `{operation}`{hint}{offered}",
                    service.label()
                ),
            );
        }
        let input = match s.get("input") {
            None => Value::Object(Map::new()),
            Some(i) if i.as_object().is_some() => {
                check_references(r, i, &join(path, "input"), earlier_ids);
                r.value(i, &join(path, "input"))
            }
            Some(i) => {
                r.err(
                    &join(path, "input"),
                    i.loc,
                    format!(
                        "`input` must be an object (the request in the AWS JSON shape), not {}",
                        i.kind()
                    ),
                );
                Value::Null
            }
        };
        let expect = s
            .get("expect")
            .and_then(|e| read_call_expect(r, e, &join(path, "expect")));
        if let Some(e) = s.get("expect") {
            check_references(r, e, &join(path, "expect"), earlier_ids);
        }
        let region =
            r.string(s, "region", path)
                .and_then(|name| match crate::ids::Region::parse(&name) {
                    Ok(_) => Some(name),
                    Err(e) => {
                        r.err(&join(path, "region"), at("region"), e.to_string());
                        None
                    }
                });
        return Some(Step {
            id,
            note,
            kind: StepKind::Call {
                principal: principal?,
                operation,
                input,
                via,
                region,
            },
            expect,
        });
    }
    if s.get("check").is_some() {
        r.fields(s, path, CHECK_STEP);
        let principal = who(r);
        let check = r.string(s, "check", path)?;
        let Some(action) = Action::from_iam_name(&check) else {
            r.err(
                &join(path, "check"),
                at("check"),
                format!("`{check}` is not a KMS action such as kms:Decrypt"),
            );
            return None;
        };
        let key = r.string(s, "key", path);
        if key.is_none() && !action.is_iam_only() {
            r.err(path, s.loc, format!("a check of {action} needs a `key`"));
        }
        let facts = read_check_facts(r, s, path, via);
        let expect = s.get("expect").and_then(|e| match e.as_str() {
            Some("allow") => Some(Expect::Allow),
            Some("deny") => Some(Expect::Deny),
            Some("explicit-deny") => Some(Expect::ExplicitDeny),
            Some("implicit-deny") => Some(Expect::ImplicitDeny),
            _ => {
                r.err(
                    &join(path, "expect"),
                    e.loc,
                    "a check expects \"allow\", \"deny\", \"explicit-deny\" or \"implicit-deny\"",
                );
                None
            }
        });
        return Some(Step {
            id,
            note,
            kind: StepKind::Check {
                principal: principal?,
                action,
                key,
                facts,
            },
            expect,
        });
    }
    if let Some(a) = s.get("advance") {
        r.fields(s, path, ADVANCE_STEP);
        let Some(text) = a.as_str() else {
            r.err(
                &join(path, "advance"),
                a.loc,
                "`advance` is a duration such as \"30d\", \"12h\", \"15m\" or \"45s\"",
            );
            return None;
        };
        return match Duration::parse(text) {
            Ok(d) => Some(Step {
                id,
                note,
                kind: StepKind::Advance(d),
                expect: None,
            }),
            Err(e) => {
                r.err(&join(path, "advance"), a.loc, e.to_string());
                None
            }
        };
    }
    r.err(path, s.loc, "a step needs `call` (an API call), `check` (an authorization question) or `advance` (a clock step)");
    None
}

/// The request facts a `check` step may carry.
fn read_check_facts(r: &mut Reader, s: &Json, path: &str, via: Option<String>) -> CheckFacts {
    let mut facts = CheckFacts {
        context: s
            .get("context")
            .and_then(|c| r.context(c, &join(path, "context"))),
        via,
        tags: s.get("tags").and_then(|t| r.tags(t, &join(path, "tags"))),
        ..CheckFacts::default()
    };
    if s.get("tagKeys").is_some() {
        let mut keys = Vec::new();
        for (i, k) in r.array(s, "tagKeys", path).iter().enumerate() {
            match k.as_str() {
                Some(k) => keys.push(String::from(k)),
                None => r.err(
                    &format!("{path}.tagKeys[{i}]"),
                    k.loc,
                    "a tag key is a string",
                ),
            }
        }
        facts.tag_keys = Some(keys);
    }
    for (i, t) in r.array(s, "grantTokens", path).iter().enumerate() {
        match t.as_str() {
            Some(t) => facts.grant_tokens.push(String::from(t)),
            None => r.err(
                &format!("{path}.grantTokens[{i}]"),
                t.loc,
                "a grant token is a string",
            ),
        }
    }
    if let Some(p) = s.get("parameters") {
        let pp = join(path, "parameters");
        if r.fields(p, &pp, CHECK_PARAMETERS) {
            facts.rotation_period_days = r.number(p, "RotationPeriodInDays", &pp, 0, 100_000);
            facts.pending_window_days = r.number(p, "PendingWindowInDays", &pp, 0, 100_000);
            facts.bypass_lockout_check = r.boolean(p, "BypassPolicyLockoutSafetyCheck", &pp);
        }
    }
    facts
}

fn read_call_expect(r: &mut Reader, e: &Json, path: &str) -> Option<Expect> {
    match &e.value {
        json::Value::String(s) if s == "ok" => Some(Expect::Ok),
        json::Value::String(s) if s == "error" => Some(Expect::AnyError),
        json::Value::String(s)
            if s.ends_with("Exception")
                || s.starts_with("KMS")
                || s.contains('.')
                || s.chars().next().is_some_and(char::is_uppercase) =>
        {
            Some(Expect::Error(s.clone()))
        }
        json::Value::Object(_) => match e.get("ok") {
            Some(v) if e.as_object().is_some_and(|m| m.len() == 1) => {
                Some(Expect::OkWith(r.value(v, path)))
            }
            _ => {
                r.err(
                    path,
                    e.loc,
                    "an object `expect` is {\"ok\": {...fields the output must have...}}",
                );
                None
            }
        },
        _ => {
            r.err(path, e.loc, "`expect` is \"ok\", \"error\", an AWS error code such as \"AccessDeniedException\", or {\"ok\": {...}}");
            None
        }
    }
}
