//! Editing one policy: a key policy (with the console's default view while the policy is
//! still the console's form) or an IAM policy, checked as it is typed, saved through the
//! door, and beside it what the draft would change in the access matrix.

use std::sync::Arc;

use kms_core::World;
use kms_core::api::RequestFacts;
use kms_core::authz::Rule;
use kms_core::ids::AccountId;
use kms_core::keys::KeyManager;
use kms_core::matrix::Draft;
use kms_core::policy::defaults::{ConsoleForm, console};
use kms_core::policy::{Policy, PolicyKind};
use leptos::prelude::*;
use serde_json::{Value, json};

use crate::editor::PolicyEditor;
use crate::kit::{Field, Fields, Input};
use crate::panels::access::sliced::Sliced;
use crate::panels::access::vm::{self as access, Grid, View};
use crate::panels::access::{Legend, Matrix, PendingFix};
use crate::panels::keys::vm::{account_principals, key_name};
use crate::route::{Panel, Route};
use crate::store::{CallRecord, Service, Slice};
use crate::widgets::{CallOutcome, use_pg};

/// The policy a screen edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A key's policy, by key ID.
    Key(String),
    /// An IAM policy of a user or role; `policy` `None` for a new one.
    Iam {
        /// The account.
        account: String,
        /// `user` or `role`.
        kind: String,
        /// The user's or role's name.
        name: String,
        /// The policy's name.
        policy: Option<String>,
    },
}

impl Target {
    /// The target a route detail names: `key/<key-id>` or
    /// `iam/<account>/<user|role>/<name>/<policy>` (`+` for a new policy).
    pub fn parse(detail: &str) -> Option<Target> {
        let parts: Vec<&str> = detail.split('/').collect();
        match parts.as_slice() {
            ["key", id] => Some(Target::Key(String::from(*id))),
            ["iam", account, kind @ ("user" | "role"), name, policy] => Some(Target::Iam {
                account: String::from(*account),
                kind: String::from(*kind),
                name: String::from(*name),
                policy: (*policy != "+").then(|| String::from(*policy)),
            }),
            _ => None,
        }
    }

    /// The principal's ARN, for an IAM policy.
    fn principal(&self) -> Option<String> {
        match self {
            Target::Iam {
                account,
                kind,
                name,
                ..
            } => Some(format!("arn:aws:iam::{account}:{kind}/{name}")),
            Target::Key(_) => None,
        }
    }
}

/// The text a new IAM policy starts from.
const STARTER: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"kms:Encrypt\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";

/// The saved text of the target's policy (a new IAM policy's starting text), and its title.
fn saved(w: &World, target: &Target) -> Option<(String, String)> {
    match target {
        Target::Key(id) => {
            let k = w.keys().iter().find(|k| k.key_id.as_str() == id)?;
            Some((
                String::from(k.policy.text()),
                format!("Key policy of {}", key_name(w, k)),
            ))
        }
        Target::Iam {
            policy: None, name, ..
        } => Some((
            String::from(STARTER),
            format!("A new IAM policy for {name}"),
        )),
        Target::Iam {
            policy: Some(p),
            name,
            ..
        } => {
            let r = w.principal(&target.principal()?)?;
            match r.policy_names.iter().position(|n| n == p) {
                Some(i) => Some((
                    String::from(r.policies.get(i)?.text()),
                    format!("IAM policy {p} of {name}"),
                )),
                // Not there yet (a fix that adds a policy): a new one by that name.
                None => Some((
                    String::from(STARTER),
                    format!("New IAM policy {p} of {name}"),
                )),
            }
        }
    }
}

/// The console's form, when `text` is exactly the policy the console writes from one.
pub fn console_form(text: &str, account: AccountId) -> Option<ConsoleForm> {
    let doc: Value = serde_json::from_str(text).ok()?;
    let statements = match doc.get("Statement")? {
        Value::Array(a) => a.clone(),
        one => vec![one.clone()],
    };
    let principals = |sid: &str| -> Option<Vec<String>> {
        let s = statements
            .iter()
            .find(|s| s.get("Sid").and_then(Value::as_str) == Some(sid))?;
        Some(match s.pointer("/Principal/AWS")? {
            Value::String(one) => vec![one.clone()],
            Value::Array(many) => many
                .iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect(),
            _ => return None,
        })
    };
    let admins = principals("Allow access for Key Administrators").unwrap_or_default();
    let can_delete = statements.iter().any(|s| {
        s.get("Sid").and_then(Value::as_str) == Some("Allow access for Key Administrators")
            && s.to_string().contains("kms:ScheduleKeyDeletion")
    });
    let form = ConsoleForm {
        administrators: admins,
        administrators_can_delete: can_delete,
        users: principals("Allow use of the key").unwrap_or_default(),
        users_grant_for_aws_resources: principals("Allow attachment of persistent resources")
            .is_some(),
    };
    let written: Value = serde_json::from_str(&console(account, &form)).ok()?;
    (written == doc).then_some(form)
}

/// The screen.
#[component]
pub fn PolicyScreen(target: Target) -> impl IntoView {
    let pg = use_pg();
    let pending = use_context::<RwSignal<Option<PendingFix>>>();
    let detail = pg.ui.route.get_untracked().detail.unwrap_or_default();
    let t1 = target.clone();
    let start = pg.store.peek(|w| saved(w, &t1));
    let Some((saved_text, title)) = start else {
        return view! {
            <section class="card">
                <h2>"No such policy"</h2>
                <p>"This world has no such key or principal policy (it may have been deleted)."</p>
                <a href=Panel::Policies.href()>"Back to the policies"</a>
            </section>
        }
        .into_any();
    };
    // A drafted fix for this policy opens as the unsaved text.
    let fix = pending
        .and_then(|p| p.get_untracked())
        .filter(|f| f.detail == detail);
    if let Some(p) = pending {
        p.set(None);
    }
    let draft = RwSignal::new(
        fix.as_ref()
            .map_or_else(|| saved_text.clone(), |f| f.text.clone()),
    );
    let kind = match target {
        Target::Key(_) => PolicyKind::Key,
        Target::Iam { .. } => PolicyKind::Identity,
    };
    let t2 = target.clone();
    let saved_now = Memo::new(move |_| {
        pg.store
            .read(&[Slice::Policies], |w| saved(w, &t2).map(|s| s.0))
    });
    let policy_name = RwSignal::new(match &target {
        Target::Iam {
            policy: Some(p), ..
        } => p.clone(),
        _ => String::new(),
    });
    let last: RwSignal<Option<Arc<CallRecord>>> = RwSignal::new(None);
    let t3 = target.clone();
    let save = move |_| {
        let text = draft.get_untracked();
        let record = match &t3 {
            Target::Key(id) => pg.kms(
                "PutKeyPolicy",
                &json!({"KeyId": id, "PolicyName": "default", "Policy": text}),
            ),
            Target::Iam { kind, name, .. } => {
                let (member, op) = if kind == "role" {
                    ("RoleName", "PutRolePolicy")
                } else {
                    ("UserName", "PutUserPolicy")
                };
                let pname = policy_name.get_untracked().trim().to_string();
                let r = pg.call(
                    Service::Iam,
                    op,
                    &json!({member: name, "PolicyName": pname, "PolicyDocument": text}),
                );
                if r.ok() {
                    let account = match &t3 {
                        Target::Iam { account, .. } => account.clone(),
                        Target::Key(_) => String::new(),
                    };
                    pg.go(Route::to(
                        Panel::Policies,
                        &format!("iam/{account}/{kind}/{name}/{pname}"),
                    ));
                }
                r
            }
        };
        last.set(Some(record));
    };
    // What the draft changes: the key's column of the matrix, or the principal's row.
    let view = match &target {
        Target::Key(id) => pg.store.peek(|w| {
            w.keys()
                .iter()
                .find(|k| k.key_id.as_str() == id)
                .map(|k| View::Key(k.arn.clone()))
        }),
        Target::Iam { .. } => target.principal().map(View::Principal),
    };
    let Some(view) = view else {
        return ().into_any();
    };
    let v1 = view.clone();
    let saved_grid = Memo::new(move |_| {
        pg.store.read(&Slice::DECISIONS, |w| {
            access::grid(w, &v1, &RequestFacts::default(), false, None)
        })
    });
    let parsed = Memo::new(move |_| Policy::check(&draft.get(), kind).policy);
    let last_good: StoredValue<Option<Grid>> = StoredValue::new(None);
    let t4 = target.clone();
    let v2 = view.clone();
    let v3 = view.clone();
    let draft_grid = Memo::new(move |_| {
        let Some(policy) = parsed.get() else {
            return last_good.get_value();
        };
        let g = pg.store.read(&Slice::DECISIONS, |w| {
            let facts = RequestFacts::default();
            match (&t4, &v2) {
                (Target::Key(_), View::Key(arn)) => access::grid(
                    w,
                    &v2,
                    &facts,
                    false,
                    Some(Draft::KeyPolicy {
                        key: arn,
                        policy: &policy,
                    }),
                ),
                (Target::Iam { .. }, View::Principal(who)) => {
                    let name = policy_name.get();
                    access::grid(
                        w,
                        &v2,
                        &facts,
                        false,
                        Some(Draft::IamPolicy {
                            principal: who,
                            name: &name,
                            policy: &policy,
                        }),
                    )
                }
                _ => access::grid(w, &v2, &facts, false, None),
            }
        });
        last_good.set_value(Some(g.clone()));
        Some(g)
    });
    let stale = Signal::derive(move || parsed.get().is_none());
    // Over the whole matrix (every principal × every key × the 20 actions), how many
    // decisions the draft changes; the grid below shows the policy's own slice. A large
    // world's count is made in slices, the editor answering meanwhile.
    let full_saved = Sliced::<Vec<Option<Rule>>>::default();
    Effect::new(move |_| {
        let job = pg.store.read(&Slice::DECISIONS, access::GridJob::whole);
        full_saved.run(
            pg.store,
            job,
            |w, job, range| job.cells(w, &RequestFacts::default(), false, None, range),
            |_, cells| cells,
        );
    });
    let full_draft = Sliced::<Vec<Option<Rule>>>::default();
    let t5 = target.clone();
    Effect::new(move |_| {
        let Some(policy) = parsed.get() else {
            return;
        };
        let name = policy_name.get();
        let job = pg.store.read(&Slice::DECISIONS, access::GridJob::whole);
        let (t, v) = (t5.clone(), v3.clone());
        full_draft.run(
            pg.store,
            job,
            move |w, job, range| {
                let facts = RequestFacts::default();
                let draft = match (&t, &v) {
                    (Target::Key(_), View::Key(arn)) => Some(Draft::KeyPolicy {
                        key: arn,
                        policy: &policy,
                    }),
                    (Target::Iam { .. }, View::Principal(who)) => Some(Draft::IamPolicy {
                        principal: who,
                        name: &name,
                        policy: &policy,
                    }),
                    _ => None,
                };
                job.cells(w, &facts, false, draft, range)
            },
            |_, cells| cells,
        );
    });
    let counting = move || full_saved.busy.get().or(full_draft.busy.get());
    let changed = move || {
        full_draft.value.with(|d| {
            full_saved.value.with(|s| match (s, d) {
                (Some(s), Some(d)) => s.iter().zip(d).filter(|(a, b)| a != b).count(),
                _ => 0,
            })
        })
    };
    let summary = move || {
        if stale.get() {
            String::from(
                "The draft has an error: the decisions shown are from its last valid state, and out of date until it is fixed.",
            )
        } else if let Some((done, all)) = counting() {
            format!("Counting what the draft changes… {done} of {all} principals.")
        } else {
            match changed() {
                0 => String::from("The draft changes no decision (yet)."),
                1 => String::from("The draft changes 1 decision, marked •."),
                n => format!("The draft changes {n} decisions, marked •."),
            }
        }
    };
    let selected = RwSignal::new(None);
    let unsaved = move || Some(draft.get()) != saved_now.get();
    let is_key = matches!(target, Target::Key(_));
    let aws_managed = match &target {
        Target::Key(id) => pg.store.peek(|w| {
            w.keys()
                .iter()
                .any(|k| k.key_id.as_str() == id && k.manager == KeyManager::Aws)
        }),
        Target::Iam { .. } => false,
    };
    let new_iam = matches!(target, Target::Iam { policy: None, .. });
    view! {
        <section class="card policy-screen" aria-labelledby="policy-title" data-testid="policy-screen">
            <div class="list-head">
                <h2 id="policy-title">{title.clone()}</h2>
                <a class="btn btn-small" href=Panel::Policies.href()>"Back to the policies"</a>
            </div>
            {fix.map(|f| view! { <p class="note" role="status">{format!("A drafted fix, not saved: {}", f.what)}</p> })}
            {aws_managed.then(|| view! { <p class="note" data-testid="aws-managed-policy">"This is an AWS managed key: AWS sets its key policy and nobody can change it. Its policy allows no one kms:PutKeyPolicy, so saving is refused with AccessDeniedException. Try a draft here to see what it would change, or edit a customer managed key's policy."</p> })}
            {is_key.then(|| view! { <ConsoleView draft=draft target=target.clone()/> })}
            {new_iam.then(|| view! { <Fields fields=vec![Field::new("Policy name", Input::Text(policy_name))]/> })}
            <PolicyEditor text=draft kind=kind label=String::from("Policy document (JSON)")/>
            <div class="toolbar">
                <button type="button" class="btn btn-primary" data-testid="save-policy" on:click=save>
                    {if is_key { "Save (PutKeyPolicy)" } else { "Save" }}
                </button>
                <button type="button" class="btn" disabled=move || !unsaved() on:click=move |_| if let Some(t) = saved_now.get_untracked() { draft.set(t) }>"Revert to the saved policy"</button>
                <span class="muted small" role="status">{move || if unsaved() { "Unsaved changes." } else { "Saved." }}</span>
            </div>
            <p class="whatif-line small">{summary}" (See “What this draft would change” below.)"</p>
            {move || last.get().map(|r| view! { <CallOutcome record=r/> })}
        </section>
        <section class="card" aria-labelledby="whatif-heading" data-testid="what-if">
            <h2 id="whatif-heading">"What this draft would change"</h2>
            <p class="help" aria-live="polite" data-testid="what-if-summary">{summary}</p>
            <Legend/>
            <Matrix caption=String::from("Decisions with the draft") grid=saved_grid draft=draft_grid stale=stale selected=selected/>
        </section>
    }
    .into_any()
}

/// The console's "default view" of a key policy: key administrators and key users by
/// checkbox. Available while the policy is still the one the console writes from its form.
#[component]
fn ConsoleView(draft: RwSignal<String>, target: Target) -> impl IntoView {
    let pg = use_pg();
    let account = pg.store.peek(|w| match &target {
        Target::Key(id) => w
            .keys()
            .iter()
            .find(|k| k.key_id.as_str() == id)
            .map(|k| k.account),
        Target::Iam { .. } => None,
    });
    let Some(account) = account else {
        return ().into_any();
    };
    let form_view = RwSignal::new(false);
    let admins = RwSignal::new(Vec::<String>::new());
    let can_delete = RwSignal::new(true);
    let users = RwSignal::new(Vec::<String>::new());
    let grants = RwSignal::new(true);
    let people = Signal::derive(move || {
        pg.store.read(&[Slice::Principals], |w| {
            account_principals(w, account.as_str())
        })
    });
    let available = move || console_form(&draft.get(), account).is_some();
    let open = move |_| {
        if let Some(f) = console_form(&draft.get_untracked(), account) {
            admins.set(f.administrators);
            can_delete.set(f.administrators_can_delete);
            users.set(f.users);
            grants.set(f.users_grant_for_aws_resources);
            form_view.set(true);
        }
    };
    // The form writes the policy as the console does, on every change.
    Effect::new(move |first: Option<()>| {
        let form = ConsoleForm {
            administrators: admins.get(),
            administrators_can_delete: can_delete.get(),
            users: users.get(),
            users_grant_for_aws_resources: grants.get(),
        };
        if first.is_some() && form_view.get_untracked() {
            draft.set(console(account, &form));
        }
    });
    view! {
        <div class="console-view">
            <div class="toolbar" role="group" aria-label="Key policy view">
                <button type="button" class="btn btn-small" aria-pressed=move || if form_view.get() { "true" } else { "false" } disabled=move || !available() on:click=open>"Default view"</button>
                <button type="button" class="btn btn-small" aria-pressed=move || if form_view.get() { "false" } else { "true" } on:click=move |_| form_view.set(false)>"Policy view"</button>
            </div>
            <Show when=move || !available()>
                <p class="help" data-testid="no-default-view">"The default view is not available: this policy is not the one the console writes from its form (it was changed by hand, or made otherwise). Edit the JSON."</p>
            </Show>
            <Show when=move || form_view.get()>
                <Fields fields=vec![
                    Field::new("Key administrators", Input::Choices(admins, people)),
                    Field::new("Allow key administrators to delete this key", Input::Check(can_delete)),
                    Field::new("Key users", Input::Choices(users, people)),
                    Field::new("Allow key users to create grants for AWS resources that use this key", Input::Check(grants)),
                ]/>
                <p class="help">"The form writes the policy below: the account statement, then a statement for administrators and for users."</p>
            </Show>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_name_key_and_iam_policies() {
        assert_eq!(
            Target::parse("key/abc"),
            Some(Target::Key(String::from("abc")))
        );
        assert_eq!(
            Target::parse("iam/123412341234/user/Alice/policy-1"),
            Some(Target::Iam {
                account: String::from("123412341234"),
                kind: String::from("user"),
                name: String::from("Alice"),
                policy: Some(String::from("policy-1"))
            })
        );
        assert!(matches!(
            Target::parse("iam/1/role/R/+"),
            Some(Target::Iam { policy: None, .. })
        ));
        assert_eq!(Target::parse("iam/1/group/G/p"), None);
        assert_eq!(Target::parse("nonsense"), None);
    }

    #[test]
    fn the_default_view_is_offered_only_for_the_consoles_own_policy() {
        let account = AccountId::parse("123412341234").unwrap();
        let form = ConsoleForm {
            administrators: vec![String::from("arn:aws:iam::123412341234:user/Alice")],
            administrators_can_delete: false,
            users: vec![String::from("arn:aws:iam::123412341234:user/Bob")],
            users_grant_for_aws_resources: true,
        };
        let text = console(account, &form);
        assert_eq!(console_form(&text, account), Some(form));
        let changed = text.replace("kms:DescribeKey", "kms:Encrypt");
        assert_eq!(console_form(&changed, account), None, "changed by hand");
        let seed = crate::starting_world().unwrap();
        assert_eq!(
            console_form(seed.keys()[1].policy.text(), account),
            None,
            "CMK-B's policy is no form"
        );
        let api_default = kms_core::policy::defaults::api_default(account);
        assert_eq!(
            console_form(&api_default, account),
            None,
            "CreateKey's default is no form"
        );
    }
}
