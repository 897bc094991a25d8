//! The Policies panel, first part: the principals of the world (IAM users and roles, by
//! account) with their IAM identity policies, added, edited and removed through the
//! simulated IAM; and where each key policy lives.

pub mod screen;

use std::sync::Arc;

use kms_core::World;
use kms_core::iam::is_iam_entity;
use leptos::prelude::*;
use serde_json::json;

use super::keys::vm;
use crate::route::{Panel, Route};
use crate::store::{CallRecord, Service, Slice};
use crate::ui::{Pg, kind_of};
use crate::widgets::{Arn, CallOutcome, uid, use_pg};

/// A principal as the panel lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrincipalRow {
    /// The ARN.
    pub arn: String,
    /// How people know it.
    pub label: String,
    /// `user`, `role`, `session`.
    pub kind: &'static str,
    /// The account.
    pub account: String,
    /// The name IAM knows it by (`UserName`, `RoleName`), for IAM entities.
    pub iam_name: Option<String>,
    /// Its policies: name and text.
    pub policies: Vec<(String, String)>,
}

/// Every principal of the world, by account (the world's own first), users before roles.
pub fn principal_rows(w: &World) -> Vec<PrincipalRow> {
    let mut rows: Vec<PrincipalRow> = w
        .principals()
        .iter()
        .map(|p| PrincipalRow {
            arn: p.principal.arn().to_string(),
            label: p.name.clone().unwrap_or_else(|| p.principal.short_name()),
            kind: kind_of(&p.principal),
            account: p.principal.account_str().to_string(),
            iam_name: is_iam_entity(&p.principal).then(|| p.principal.short_name()),
            policies: p
                .policy_names
                .iter()
                .cloned()
                .zip(p.policies.iter().map(|x| x.text().to_string()))
                .collect(),
        })
        .collect();
    let own = w.account().to_string();
    rows.sort_by(|a, b| {
        (a.account != own, &a.account, a.kind, &a.label).cmp(&(
            b.account != own,
            &b.account,
            b.kind,
            &b.label,
        ))
    });
    rows
}

/// The IAM operation names for a user or a role.
fn iam_ops(kind: &str) -> (&'static str, &'static str, &'static str, &'static str) {
    if kind == "role" {
        (
            "RoleName",
            "PutRolePolicy",
            "DeleteRolePolicy",
            "DeleteRole",
        )
    } else {
        (
            "UserName",
            "PutUserPolicy",
            "DeleteUserPolicy",
            "DeleteUser",
        )
    }
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn policy_screen(target: screen::Target) -> AnyView {
    view! { <screen::PolicyScreen target=target/> }.into_any()
}

/// The Policies panel: the overview, or one policy in the editor.
#[component]
pub fn PoliciesPanel() -> impl IntoView {
    let pg = use_pg();
    let detail = Memo::new(move |_| pg.ui.route.get().detail);
    move || match detail.get().as_deref().and_then(screen::Target::parse) {
        Some(target) => super::lazily(policy_screen(target)),
        None => view! { <Overview/> }.into_any(),
    }
}

/// Every key policy and every principal with its IAM policies.
#[component]
fn Overview() -> impl IntoView {
    let pg = use_pg();
    let rows = Memo::new(move |_| {
        pg.store
            .read(&[Slice::Principals, Slice::Policies], principal_rows)
    });
    view! {
        <KeyPolicies/>
        <section class="card" aria-labelledby="principals-heading">
            <h2 id="principals-heading">"Principals and their IAM policies"</h2>
            <p class="help">
                "An IAM policy attached to a user or role can allow KMS actions — but only on keys whose key policy trusts the account (the \"Enable IAM User Permissions\" statement). "
                "Changes here are calls to the simulated IAM, made as the acting principal, in its account. "
                "Unlike AWS, the simulator lets any principal manage its own account's users, roles and policies: it does not check iam: permissions."
            </p>
            <AddPrincipal/>
            <div class="principals" data-testid="principal-list">
                <For
                    each=move || rows.get()
                    key=|r| (r.arn.clone(), r.policies.clone())
                    children=move |r| view! { <PrincipalCard row=r/> }
                />
            </div>
        </section>
    }
}

/// The editor route of `row`'s policy `policy` (`+` for a new one).
fn iam_route(row: &PrincipalRow, policy: &str) -> Option<String> {
    let name = row.iam_name.as_ref()?;
    Some(
        Route::to(
            Panel::Policies,
            &format!("iam/{}/{}/{name}/{policy}", row.account, row.kind),
        )
        .href(),
    )
}

/// The account IAM calls go to: the acting principal's.
fn acting_account(pg: Pg) -> String {
    super::keys::acting_account(pg)
}

/// Add a user or a role to the acting principal's account.
#[component]
fn AddPrincipal() -> impl IntoView {
    let pg = use_pg();
    let kind = RwSignal::new(String::from("user"));
    let name = RwSignal::new(String::new());
    let other = RwSignal::new(String::new());
    let last: RwSignal<Option<Arc<CallRecord>>> = RwSignal::new(None);
    let (kind_id, name_id, other_id) = (uid("pkind"), uid("pname"), uid("paccount"));
    let account = Memo::new(move |_| acting_account(pg));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        let r = if kind.get_untracked() == "role" {
            let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{}:root", account.get_untracked())}, "Action": "sts:AssumeRole"}]});
            pg.call(
                Service::Iam,
                "CreateRole",
                &json!({"RoleName": n, "AssumeRolePolicyDocument": trust.to_string()}),
            )
        } else {
            pg.call(Service::Iam, "CreateUser", &json!({"UserName": n}))
        };
        if r.ok() {
            name.set(String::new());
        }
        last.set(Some(r));
    };
    let act_as_root = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = other.get_untracked().trim().to_string();
        if kms_core::ids::AccountId::parse(&id).is_ok() {
            pg.ui.acting_as.set(format!("arn:aws:iam::{id}:root"));
            pg.announce(&format!("Acting as the root user of account {id}."));
        } else {
            pg.announce("An account ID is 12 digits.");
        }
    };
    view! {
        <form class="inline-form row" on:submit=add data-testid="add-principal">
            <div class="field">
                <label for=kind_id.clone()>"Add a"</label>
                <select id=kind_id on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="user">"user"</option>
                    <option value="role">"role"</option>
                </select>
            </div>
            <div class="field">
                <label for=name_id.clone()>{move || format!("Name (in account {})", account.get())}</label>
                <input id=name_id data-testid="principal-name" autocomplete="off" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="btn btn-primary">"Add"</button>
        </form>
        {move || last.get().map(|r| view! { <CallOutcome record=r/> })}
        <form class="inline-form row small" on:submit=act_as_root>
            <div class="field">
                <label for=other_id.clone()>"Work in another account: act as its root user"</label>
                <input id=other_id inputmode="numeric" placeholder="444455556666" prop:value=move || other.get() on:input=move |ev| other.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="btn">"Act as its root"</button>
        </form>
    }
}

/// One principal: its ARN, its policies (edit, delete, add), and removing it.
#[component]
fn PrincipalCard(row: PrincipalRow) -> impl IntoView {
    let pg = use_pg();
    let last: RwSignal<Option<Arc<CallRecord>>> = RwSignal::new(None);
    let (name_member, _, delete_policy_op, delete_op) = iam_ops(row.kind);
    let iam_name = row.iam_name.clone();
    let remove = {
        let row = row.clone();
        move |_| {
            let Some(name) = row.iam_name.clone() else {
                return;
            };
            let label = format!("Remove {} {}", row.kind, row.label);
            // As the console does: delete the inline policies, then the entity.
            let r = pg.store.group(&label, || {
                for (p, _) in &row.policies {
                    let r = pg.call(
                        Service::Iam,
                        delete_policy_op,
                        &json!({name_member: name, "PolicyName": p}),
                    );
                    if !r.ok() {
                        return r;
                    }
                }
                pg.call(Service::Iam, delete_op, &json!({name_member: name}))
            });
            last.set(Some(r));
        }
    };
    let heading = format!("{} ({})", row.label, row.kind);
    let label = heading.clone();
    view! {
        <article class="principal" data-testid="principal" aria-label=label>
            <header class="principal-head">
                <h3>{heading}</h3>
                <Arn value=row.arn.clone() what="principal ARN"/>
                {iam_name.is_some().then(|| view! {
                    <button type="button" class="btn btn-small btn-danger" on:click=remove>{format!("Remove {}", row.kind)}</button>
                })}
            </header>
            {move || last.get().map(|r| view! { <CallOutcome record=r/> })}
            {if row.policies.is_empty() {
                view! { <p class="muted small">"No IAM policies: on its own this principal may do nothing, except what key policies and grants allow it."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain">
                        {row.policies.iter().cloned().map(|(name, text)| {
                            let edit = iam_route(&row, &name);
                            let entity = row.iam_name.clone().unwrap_or_default();
                            let pname = name.clone();
                            let delete = move |_| last.set(Some(pg.call(Service::Iam, delete_policy_op, &json!({name_member: entity, "PolicyName": pname}))));
                            view! {
                                <li class="iam-policy">
                                    <p class="policy-title">
                                        <strong>{name.clone()}</strong>
                                        {edit.map(|href| view! { " "<a href=href aria-label=format!("Edit {name}")>"Edit"</a> })}
                                        " "<button type="button" class="btn-link danger" on:click=delete>"Delete"</button>
                                    </p>
                                    <pre class="json" tabindex="0" aria-label="IAM policy">{text}</pre>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {iam_route(&row, "+").map(|href| view! { <a class="btn btn-small" href=href>"Add an IAM policy"</a> })}
        </article>
    }
}

/// Where the key policies are.
#[component]
fn KeyPolicies() -> impl IntoView {
    let pg = use_pg();
    let keys = Memo::new(move |_| {
        pg.store.read(&[Slice::Keys], |w| {
            w.keys()
                .iter()
                .map(|k| {
                    (
                        k.key_id.as_str().to_string(),
                        vm::key_name(w, k),
                        k.account.to_string(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card" aria-labelledby="keypolicies-heading">
            <h2 id="keypolicies-heading">"Key policies"</h2>
            <p class="help">"Every KMS key has exactly one key policy, and KMS looks at it first. Edit one: it is checked as you type, and you see what it would change before you save it."</p>
            <ul class="plain key-policies">
                {move || keys.get().into_iter().map(|(id, name, account)| view! {
                    <li>
                        <a href=Route::to(Panel::Policies, &format!("key/{id}")).href() aria-label=format!("Edit the key policy of {name}")>{name.clone()}</a>
                        <span class="muted small">{format!(" — account {account}")}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principals_are_listed_with_their_named_policies() {
        let w = crate::starting_world().unwrap();
        let rows = principal_rows(&w);
        let names: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(names, ["Alice", "Bob", "Charlie", "David"]);
        assert_eq!(rows[0].policies.len(), 1);
        assert_eq!(rows[0].policies[0].0, "policy-1");
        assert!(rows[1].policies.is_empty());
        assert_eq!(rows[0].iam_name.as_deref(), Some("Alice"));
        assert_eq!(iam_ops("role").1, "PutRolePolicy");
    }
}
