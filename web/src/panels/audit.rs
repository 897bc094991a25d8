//! The Audit panel: every CloudTrail-shaped event, newest first, filtered by principal,
//! key, operation and outcome; denied calls stand out; each opens to its CloudTrail JSON.

use kms_core::World;
use kms_core::audit::{AuditEvent, EventType};
use leptos::prelude::*;

use super::keys::vm;
use crate::format;
use crate::kept;
use crate::store::Slice;
use crate::widgets::{JsonView, use_pg};

/// Which events to show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// A caller's ARN, or empty for all.
    pub principal: String,
    /// A key ARN, or empty for all.
    pub key: String,
    /// An event name, or empty for all.
    pub operation: String,
    /// `ok`, `failed`, `denied`, `service`, or empty for all.
    pub outcome: String,
    /// A Region, or empty for all.
    pub region: String,
}

/// An event as the log lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRow {
    /// Its position in the log (stable while it is kept).
    pub id: String,
    /// `2026-01-01 00:00 UTC`.
    pub time: String,
    /// `kms` or `iam`.
    pub source: String,
    /// The event name.
    pub name: String,
    /// Who: a principal's name, or `AWS KMS` for a service event.
    pub who: String,
    /// The keys it names, by name.
    pub keys: Vec<String>,
    /// The error code, if it failed.
    pub error: Option<String>,
    /// Whether it was an access denial.
    pub denied: bool,
    /// Whether the service did it on its own.
    pub service_event: bool,
    /// `via s3.amazonaws.com`.
    pub via: Option<String>,
    /// The Region whose endpoint took the call (`awsRegion`).
    pub region: String,
}

fn matches(e: &AuditEvent, f: &Filter) -> bool {
    let principal_ok =
        f.principal.is_empty() || e.user_identity.arn.as_deref() == Some(f.principal.as_str());
    let key_ok = f.key.is_empty() || e.resources.contains(&f.key);
    let op_ok = f.operation.is_empty() || e.event_name == f.operation;
    let region_ok = f.region.is_empty() || e.aws_region == f.region;
    let outcome_ok = match f.outcome.as_str() {
        "ok" => e.error_code.is_none(),
        "failed" => e.error_code.is_some(),
        "denied" => e.error_code.as_deref().is_some_and(is_denial),
        "service" => e.event_type == EventType::AwsServiceEvent,
        _ => true,
    };
    principal_ok && key_ok && op_ok && outcome_ok && region_ok
}

/// The Regions the log's events happened in, sorted.
pub fn regions_of(w: &World) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in w.audit_log() {
        if !out.contains(&e.aws_region) {
            out.push(e.aws_region.clone());
        }
    }
    out.sort();
    out
}

/// Whether an error code is an access denial.
pub fn is_denial(code: &str) -> bool {
    code.starts_with("AccessDenied")
}

/// The events that pass `f`, newest first, at most `limit`; and how many passed.
pub fn audit_rows(w: &World, f: &Filter, limit: usize) -> (Vec<AuditRow>, usize) {
    let key_name = |arn: &str| {
        w.keys()
            .iter()
            .find(|k| k.arn.as_str() == arn)
            .map_or_else(|| String::from(arn), |k| vm::key_name(w, k))
    };
    let passing: Vec<&AuditEvent> = w
        .audit_log()
        .iter()
        .rev()
        .filter(|e| matches(e, f))
        .collect();
    let total = passing.len();
    let rows = passing
        .into_iter()
        .take(limit)
        .map(|e| AuditRow {
            id: e.event_id.clone(),
            time: format::time(e.event_time),
            source: e
                .event_source
                .trim_end_matches(".amazonaws.com")
                .to_string(),
            name: e.event_name.clone(),
            who: match (&e.user_identity.arn, e.event_type) {
                (Some(arn), _) => vm::principal_label(w, arn),
                (None, _) => String::from("AWS KMS"),
            },
            keys: e.resources.iter().map(|r| key_name(r)).collect(),
            error: e.error_code.clone(),
            denied: e.error_code.as_deref().is_some_and(is_denial),
            service_event: e.event_type == EventType::AwsServiceEvent,
            // A service event is KMS's own ("AWS Internal"), not a call through a service.
            via: e
                .user_identity
                .invoked_by
                .as_ref()
                .filter(|_| e.event_type == EventType::AwsApiCall)
                .map(|v| format!("via {v}")),
            region: e.aws_region.clone(),
        })
        .collect();
    (rows, total)
}

/// The choices of the filters, from what the log holds: (value, label) each.
/// Options of a filter: value and label.
pub type Choices = Vec<(String, String)>;

/// The principals, keys and operations the log holds, for the filters.
pub fn filter_choices(w: &World) -> (Choices, Choices, Vec<String>) {
    let mut principals: Vec<(String, String)> = Vec::new();
    let mut keys: Vec<(String, String)> = Vec::new();
    let mut ops: Vec<String> = Vec::new();
    for e in w.audit_log() {
        if let Some(arn) = &e.user_identity.arn
            && !principals.iter().any(|(a, _)| a == arn)
        {
            principals.push((arn.clone(), vm::principal_label(w, arn)));
        }
        for r in &e.resources {
            if !keys.iter().any(|(a, _)| a == r) {
                let name = w
                    .keys()
                    .iter()
                    .find(|k| k.arn.as_str() == r)
                    .map_or_else(|| format!("{r} (deleted)"), |k| vm::key_name(w, k));
                keys.push((r.clone(), name));
            }
        }
        if !ops.contains(&e.event_name) {
            ops.push(e.event_name.clone());
        }
    }
    principals.sort_by(|a, b| a.1.cmp(&b.1));
    keys.sort_by(|a, b| a.1.cmp(&b.1));
    ops.sort();
    (principals, keys, ops)
}

/// How many events the panel draws at a time.
const PAGE: usize = 100;

/// The Audit panel.
#[component]
pub fn AuditPanel() -> impl IntoView {
    let pg = use_pg();
    let filter = kept::signal("audit.filter", Filter::default);
    let limit = kept::signal("audit.limit", || PAGE);
    let choices = Memo::new(move |_| pg.store.read(&[Slice::Audit], filter_choices));
    let rows = Memo::new(move |_| {
        let f = filter.get();
        let n = limit.get();
        pg.store
            .read(&[Slice::Audit, Slice::Keys, Slice::Principals], |w| {
                audit_rows(w, &f, n)
            })
    });
    let regions = Memo::new(move |_| pg.store.read(&[Slice::Audit], regions_of));
    let select = move |label: &'static str,
                       id: &'static str,
                       options: Signal<Vec<(String, String)>>,
                       get: fn(&Filter) -> &str,
                       set: fn(&mut Filter, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id prop:value=move || { options.track(); filter.with(|f| get(f).to_string()) } on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| set(f, v));
                    limit.set(PAGE);
                }>
                    <option value="">"All"</option>
                    {move || options.get().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let principals = Signal::derive(move || choices.get().0);
    let keys = Signal::derive(move || choices.get().1);
    let ops = Signal::derive(move || {
        choices
            .get()
            .2
            .into_iter()
            .map(|o| (o.clone(), o))
            .collect::<Vec<_>>()
    });
    let outcomes = Signal::derive(|| {
        [
            ("ok", "Succeeded"),
            ("failed", "Failed"),
            ("denied", "Access denied"),
            ("service", "Service events"),
        ]
        .into_iter()
        .map(|(v, l)| (String::from(v), String::from(l)))
        .collect::<Vec<_>>()
    });
    view! {
        <section class="card" aria-labelledby="audit-heading">
            <h2 id="audit-heading">"Event history"</h2>
            <div class="filters inline-form row">
                {select("Principal", "audit-principal", principals, |f| &f.principal, |f, v| f.principal = v)}
                {select("Key", "audit-key", keys, |f| &f.key, |f, v| f.key = v)}
                {select("Event name", "audit-operation", ops, |f| &f.operation, |f, v| f.operation = v)}
                {select("Outcome", "audit-outcome", outcomes, |f| &f.outcome, |f, v| f.outcome = v)}
                {select("AWS Region", "audit-region", Signal::derive(move || regions.get().into_iter().map(|r| (r.clone(), r)).collect()), |f| &f.region, |f, v| f.region = v)}
            </div>
            <p class="muted small" aria-live="polite" data-testid="audit-count">
                {move || {
                    let (shown, total) = (rows.get().0.len(), rows.get().1);
                    if total == 0 { String::from("No events match.") } else { format!("{total} event{} (newest first){}", if total == 1 { "" } else { "s" }, if shown < total { format!(", showing {shown}") } else { String::new() }) }
                }}
            </p>
            <ol class="events" data-testid="audit-events">
                <For
                    each=move || rows.get().0
                    key=|r| r.id.clone()
                    children=move |r| {
                        let id = r.id.clone();
                        let json = Memo::new(move |_| pg.store.read(&[Slice::Audit], |w| {
                            w.audit_log().iter().find(|e| e.event_id == id).map(|e| (e.to_json(), e.decision_rule))
                        }));
                        let class = if r.denied { "event denied" } else if r.error.is_some() { "event failed" } else if r.service_event { "event service" } else { "event" };
                        let outcome = match &r.error {
                            Some(code) => view! { <span class="result failed"><span aria-hidden="true">"✕ "</span>{code.clone()}</span> }.into_any(),
                            None => view! { <span class="result ok"><span aria-hidden="true">"✓ "</span>"OK"</span> }.into_any(),
                        };
                        view! {
                            <li class=class data-testid="audit-event">
                                <details>
                                    <summary>
                                        <span class="time">{r.time.clone()}</span>
                                        <span class="op"><span class="muted">{format!("{} ", r.source)}</span>{r.name.clone()}</span>
                                        <span class="who">{r.who.clone()}{r.via.clone().map(|v| view! { <span class="muted small">{format!(" {v}")}</span> })}</span>
                                        <span class="keys">{r.keys.join(", ")}</span>
                                        <span class="region mono small" title="The Region whose endpoint took the call (awsRegion)">{r.region.clone()}</span>
                                        {outcome}
                                    </summary>
                                    {move || json.get().map(|(v, rule)| view! {
                                        <JsonView value=v label="CloudTrail event"/>
                                        {rule.map(|r| view! {
                                            <p class="why-says small" data-testid="audit-rule">
                                                <span class="tag why">"Why:"</span>" "
                                                {format!("{}: {}.", format::verdict(r).word, format::rule_words(r))}
                                                <span class="muted">" (The playground's note: CloudTrail does not record why.)"</span>
                                            </p>
                                        })}
                                    })}
                                </details>
                            </li>
                        }
                    }
                />
            </ol>
            <Show when=move || { let (r, t) = rows.get(); r.len() < t }>
                <button type="button" class="btn" on:click=move |_| limit.update(|l| *l += PAGE)>"Show older events"</button>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kms_core::api::Caller;
    use kms_core::service::Service;
    use serde_json::json;

    #[test]
    fn the_log_filters_by_who_what_and_outcome_newest_first() {
        let mut w = crate::starting_world().unwrap();
        let alice = Caller::new("arn:aws:iam::123412341234:user/Alice");
        let bob = Caller::new("arn:aws:iam::123412341234:user/Bob");
        w.request(
            &alice,
            Service::Kms,
            "Encrypt",
            &json!({"KeyId": "alias/cmk-a", "Plaintext": "aGk="}),
        );
        w.request(
            &bob,
            Service::Kms,
            "Encrypt",
            &json!({"KeyId": "alias/cmk-a", "Plaintext": "aGk="}),
        );
        w.request(
            &alice,
            Service::Kms,
            "DescribeKey",
            &json!({"KeyId": "alias/cmk-c"}),
        );
        let (all, total) = audit_rows(&w, &Filter::default(), 10);
        assert_eq!(total, 3);
        assert_eq!(all[0].name, "DescribeKey", "newest first");
        assert_eq!(all[1].who, "Bob");
        assert!(all[1].denied && all[1].error.as_deref() == Some("AccessDeniedException"));
        assert_eq!(all[2].keys, ["alias/cmk-a"]);
        let denied = Filter {
            outcome: String::from("denied"),
            ..Filter::default()
        };
        assert_eq!(audit_rows(&w, &denied, 10).1, 1);
        let alices = Filter {
            principal: String::from("arn:aws:iam::123412341234:user/Alice"),
            ..Filter::default()
        };
        assert_eq!(audit_rows(&w, &alices, 10).1, 2);
        let on_c = Filter {
            key: String::from(
                "arn:aws:kms:us-east-1:123412341234:key/cccccccc-0000-4000-8000-00000000000c",
            ),
            ..Filter::default()
        };
        assert_eq!(audit_rows(&w, &on_c, 10).0[0].name, "DescribeKey");
        assert_eq!(
            audit_rows(&w, &Filter::default(), 1).0.len(),
            1,
            "the limit holds"
        );
        let (principals, keys, ops) = filter_choices(&w);
        assert_eq!(
            principals.iter().map(|p| p.1.as_str()).collect::<Vec<_>>(),
            ["Alice", "Bob"]
        );
        assert_eq!(keys.len(), 2);
        assert_eq!(ops, ["DescribeKey", "Encrypt"]);

        // A call to another Region's endpoint is told apart by its Region, and filtered.
        let in_ireland = Caller {
            region: Some("eu-west-1"),
            ..alice
        };
        w.request(
            &in_ireland,
            Service::Kms,
            "DescribeKey",
            &json!({"KeyId": "alias/cmk-a"}),
        );
        assert_eq!(regions_of(&w), ["eu-west-1", "us-east-1"]);
        let ireland = Filter {
            region: String::from("eu-west-1"),
            ..Filter::default()
        };
        let (rows, n) = audit_rows(&w, &ireland, 10);
        assert_eq!(n, 1);
        assert_eq!(rows[0].region, "eu-west-1");
        assert_eq!(rows[0].error.as_deref(), Some("NotFoundException"));
        assert_eq!(
            audit_rows(&w, &Filter::default(), 10).0[1].region,
            "us-east-1"
        );
    }

    #[test]
    fn service_events_are_told_apart() {
        let mut w = crate::starting_world().unwrap();
        let root = Caller::new("arn:aws:iam::123412341234:root");
        w.request(
            &root,
            Service::Kms,
            "ScheduleKeyDeletion",
            &json!({"KeyId": "aaaaaaaa-0000-4000-8000-00000000000a", "PendingWindowInDays": 7}),
        )
        .output
        .unwrap();
        w.advance(kms_core::clock::Duration::days(8)).unwrap();
        let f = Filter {
            outcome: String::from("service"),
            ..Filter::default()
        };
        let (rows, _) = audit_rows(&w, &f, 10);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].name.as_str(), rows[0].who.as_str()),
            ("DeleteKey", "AWS KMS")
        );
        assert!(rows[0].service_event);
        let (_, keys, _) = filter_choices(&w);
        assert!(keys.iter().any(|k| k.1.ends_with("(deleted)")));
    }
}
