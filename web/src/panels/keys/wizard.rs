//! The create-key wizard, as the console's: key type, labels (alias, description, tags),
//! key administrators, key users, and a review that shows the key policy it writes — or
//! a policy pasted by hand. Finishing makes the CreateKey and CreateAlias calls as one
//! undoable change.

use std::sync::Arc;

use kms_core::policy::PolicyKind;
use kms_core::policy::defaults::{ConsoleForm, console};
use leptos::prelude::*;
use serde_json::{Value, json};

use super::vm;
use crate::kit::{Cell, Facts, Field, Fields, Input, set};
use crate::policy_check::Diagnostics;
use crate::route::{Panel, Route};
use crate::store::{CallRecord, Slice};
use crate::widgets::{CallOutcome, JsonView, focus_later, use_pg};

const STEPS: [&str; 5] = [
    "Configure key",
    "Add labels",
    "Define key administrative permissions",
    "Define key usage permissions",
    "Review",
];

/// What the wizard has gathered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// The alias name after `alias/`.
    pub alias: String,
    /// The description.
    pub description: String,
    /// Tag keys and values.
    pub tags: Vec<(String, String)>,
    /// Key administrators (ARNs).
    pub admins: Vec<String>,
    /// Whether administrators may delete the key.
    pub admins_can_delete: bool,
    /// Key users (ARNs).
    pub users: Vec<String>,
    /// Other accounts that may use the key (account IDs, one per line).
    pub other_accounts: String,
}

impl Draft {
    /// The console's form for this draft.
    pub fn form(&self) -> ConsoleForm {
        let mut users = self.users.clone();
        users.extend(
            self.other_accounts
                .split_whitespace()
                .map(|a| format!("arn:aws:iam::{}:root", a.trim_matches(','))),
        );
        ConsoleForm {
            users_grant_for_aws_resources: true,
            administrators: self.admins.clone(),
            administrators_can_delete: self.admins_can_delete,
            users,
        }
    }

    /// The tags in the API's shape.
    pub fn tags_json(&self) -> Value {
        Value::Array(
            self.tags
                .iter()
                .filter(|(k, v)| !(k.is_empty() && v.is_empty()))
                .map(|(k, v)| json!({"TagKey": k, "TagValue": v}))
                .collect(),
        )
    }

    /// The labels step's errors, as CreateKey and CreateAlias would give them.
    pub fn label_errors(&self, taken: &[String]) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.alias.trim().is_empty() {
            let name = format!("alias/{}", self.alias.trim());
            match kms_core::api::check_new_alias_name(&name) {
                Err(e) => out.push(("alias", format!("{}: {}", e.code.as_str(), e.message))),
                Ok(_) if taken.contains(&name) => out.push((
                    "alias",
                    format!("AlreadyExistsException: An alias with the name {name} already exists"),
                )),
                Ok(_) => {}
            }
        }
        if self.description.chars().count() > 8192 {
            out.push((
                "description",
                String::from("ValidationException: 1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192"),
            ));
        }
        if let Err(e) = kms_core::api::check_tags(&self.tags_json()) {
            out.push(("tags", format!("{}: {}", e.code.as_str(), e.message)));
        }
        out
    }
}

/// The wizard.
#[component]
pub fn CreateKeyWizard() -> impl IntoView {
    let pg = use_pg();
    let step = RwSignal::new(0usize);
    let alias = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let tags = RwSignal::new(Vec::<(String, String)>::new());
    let admins = RwSignal::new(Vec::<String>::new());
    let admins_can_delete = RwSignal::new(true);
    let users = RwSignal::new(Vec::<String>::new());
    let other_accounts = RwSignal::new(String::new());
    let draft = move || Draft {
        alias: alias.get(),
        description: description.get(),
        tags: tags.get(),
        admins: admins.get(),
        admins_can_delete: admins_can_delete.get(),
        users: users.get(),
        other_accounts: other_accounts.get(),
    };
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let custom = RwSignal::new(String::new());
    let editing = RwSignal::new(false);
    let last: RwSignal<Option<Arc<CallRecord>>> = RwSignal::new(None);
    let account = Memo::new(move |_| super::acting_account(pg));
    let people = Signal::derive(move || {
        let a = account.get();
        pg.store
            .read(&[Slice::Principals], |w| vm::account_principals(w, &a))
    });
    let generated = Memo::new(move |_| {
        kms_core::ids::AccountId::parse(&account.get())
            .map(|acct| console(acct, &draft().form()))
            .unwrap_or_default()
    });
    let go = move |to: usize| {
        step.set(to);
        focus_later(String::from("wizard-step-title"));
    };
    let next = move |_| {
        let s = step.get_untracked();
        if s == 1 {
            let taken = pg.store.peek(|w| {
                w.aliases()
                    .iter()
                    .filter(|a| {
                        a.account.as_str() == account.get_untracked()
                            && a.region.as_str() == pg.ui.region.get_untracked()
                    })
                    .map(|a| a.name.as_str().to_string())
                    .collect::<Vec<_>>()
            });
            let found = untrack(draft).label_errors(&taken);
            let stop = !found.is_empty();
            errors.set(found);
            if stop {
                return;
            }
        }
        go((s + 1).min(STEPS.len() - 1));
    };
    let finish = move |_| {
        let d = untrack(draft);
        let policy = if editing.get_untracked() {
            custom.get_untracked()
        } else {
            generated.get_untracked()
        };
        let mut input = json!({"Policy": policy});
        if !d.description.is_empty() {
            set(&mut input, "Description", json!(d.description));
        }
        let tags = d.tags_json();
        if tags.as_array().is_some_and(|t| !t.is_empty()) {
            set(&mut input, "Tags", tags);
        }
        let alias = d.alias.trim().to_string();
        let label = if alias.is_empty() {
            String::from("Create key")
        } else {
            format!("Create key alias/{alias}")
        };
        let outcome = pg.store.group(&label, || {
            let created = pg.kms("CreateKey", &input);
            let Ok(out) = &created.output else {
                return Err(created);
            };
            let key_id = out
                .pointer("/KeyMetadata/KeyId")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if !alias.is_empty() {
                let a = pg.kms(
                    "CreateAlias",
                    &json!({"AliasName": format!("alias/{alias}"), "TargetKeyId": key_id}),
                );
                if !a.ok() {
                    return Err(a);
                }
            }
            Ok(key_id)
        });
        match outcome {
            Ok(key_id) => pg.go(Route::to(Panel::Keys, &key_id)),
            Err(r) => last.set(Some(r)),
        }
    };
    let err = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .get()
                .into_iter()
                .find(|(f, _)| *f == field)
                .map(|(_, e)| e)
        })
    };
    view! {
        <section class="wizard card" aria-labelledby="wizard-title" data-testid="create-key-wizard">
            <div class="list-head">
                <h2 id="wizard-title">"Create key"</h2>
                <a class="btn" href=Panel::Keys.href()>"Cancel"</a>
            </div>
            <ol class="wizard-steps">
                {STEPS.iter().enumerate().map(|(i, title)| view! {
                    <li aria-current=move || (step.get() == i).then_some("step") class=move || { if step.get() > i { "done" } else { "" } }>
                        <span class="n">{format!("Step {}", i + 1)}</span>" "{*title}
                    </li>
                }).collect_view()}
            </ol>
            <h3 id="wizard-step-title" tabindex="-1">{move || STEPS.get(step.get()).copied().unwrap_or_default()}</h3>
            {move || match step.get() {
                0 => view! {
                    <Facts items=vec![
                        ("Key type", Cell::Text(String::from("Symmetric"))),
                        ("Key usage", Cell::Text(String::from("Encrypt and decrypt"))),
                        ("Key material origin", Cell::Text(String::from("KMS"))),
                        ("Regionality", Cell::Text(String::from("Single-Region key, in the region chosen in the header"))),
                    ]/>
                    <p class="help">"A single 256-bit key that encrypts and decrypts (AES-256-GCM). The simulator offers symmetric encryption keys only: asymmetric and HMAC keys are not simulated."</p>
                }.into_any(),
                1 => view! {
                    <Fields fields=vec![
                        Field::new("Alias", Input::Text(alias)).prefix("alias/").error(err("alias"))
                            .help("The name after alias/: letters, digits, /, _, - and :. Do not include confidential or sensitive information."),
                        Field::new("Description (optional)", Input::Area(description, 2, false)).error(err("description")),
                    ]/>
                    <TagRows tags=tags error=err("tags")/>
                }.into_any(),
                2 => view! {
                    <Fields fields=vec![
                        Field::new("Key administrators", Input::Choices(admins, people))
                            .help("The IAM users and roles who can administer this key through the KMS API. They may not use it for cryptography unless they are key users too."),
                        Field::new("Allow key administrators to delete this key.", Input::Check(admins_can_delete)),
                    ]/>
                }.into_any(),
                3 => view! {
                    <Fields fields=vec![
                        Field::new("Key users", Input::Choices(users, people))
                            .help("The IAM users and roles who can use this key in cryptographic operations, and create grants for AWS services that use it."),
                        Field::new("Other AWS accounts (optional)", Input::Area(other_accounts, 2, true))
                            .help("Account IDs, one per line: their administrators can then allow their own users and roles to use this key."),
                    ]/>
                }.into_any(),
                _ => review(untrack(draft), generated, custom, editing),
            }}
            {move || last.get().map(|r| view! { <CallOutcome record=r/> })}
            <div class="toolbar end">
                <button type="button" class="btn" disabled=move || step.get() == 0 on:click=move |_| go(step.get_untracked().saturating_sub(1))>"Previous"</button>
                <Show
                    when=move || step.get() + 1 < STEPS.len()
                    fallback=move || view! { <button type="button" class="btn btn-primary" on:click=finish>"Finish"</button> }
                >
                    <button type="button" class="btn btn-primary" on:click=next>"Next"</button>
                </Show>
            </div>
        </section>
    }
}

/// The tag rows of the labels step.
#[component]
fn TagRows(tags: RwSignal<Vec<(String, String)>>, error: Signal<Option<String>>) -> impl IntoView {
    let set = move |i: usize, value: bool, text: String| {
        tags.update(|t| {
            if let Some(pair) = t.get_mut(i) {
                if value { pair.1 = text } else { pair.0 = text }
            }
        })
    };
    view! {
        <fieldset class="field">
            <legend>"Tags (optional)"</legend>
            {move || (0..tags.get().len()).map(|i| {
                let (k, v) = tags.get_untracked().get(i).cloned().unwrap_or_default();
                view! {
                    <div class="tag-row">
                        <input aria-label=format!("Tag {} key", i + 1) placeholder="Tag key" prop:value=k on:change=move |ev| set(i, false, event_target_value(&ev))/>
                        <input aria-label=format!("Tag {} value", i + 1) placeholder="Tag value" prop:value=v on:change=move |ev| set(i, true, event_target_value(&ev))/>
                        <button type="button" class="btn btn-small" on:click=move |_| tags.update(|t| { if i < t.len() { t.remove(i); } })>{format!("Remove tag {}", i + 1)}</button>
                    </div>
                }
            }).collect_view()}
            <button type="button" class="btn btn-small" on:click=move |_| tags.update(|t| t.push((String::new(), String::new())))>"Add tag"</button>
            <p class="field-error">{move || error.get()}</p>
        </fieldset>
    }
}

/// The review: what will be made, and the key policy it writes (or one written by hand).
fn review(
    d: Draft,
    generated: Memo<String>,
    custom: RwSignal<String>,
    editing: RwSignal<bool>,
) -> AnyView {
    let alias = if d.alias.trim().is_empty() {
        String::from("—")
    } else {
        format!("alias/{}", d.alias.trim())
    };
    let tags = d
        .tags
        .iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <Facts items=vec![
            ("Key type", Cell::Text(String::from("Symmetric"))),
            ("Alias", Cell::Text(alias)),
            ("Description", Cell::text_or_dash(d.description.clone())),
            ("Tags", Cell::text_or_dash(tags)),
        ]/>
        <h4>"Key policy"</h4>
        <Show
            when=move || editing.get()
            fallback=move || view! {
                <p class="help">"The console writes this policy from your choices: the account statement (so IAM policies can also allow access), then your key administrators and key users."</p>
                {move || serde_json::from_str::<Value>(&generated.get()).ok().map(|v| view! { <JsonView value=v label="Key policy"/> })}
                <button type="button" class="btn" on:click=move |_| { custom.set(generated.get_untracked()); editing.set(true); }>"Edit the policy by hand"</button>
            }
        >
            <Fields fields=vec![Field::new("Key policy (JSON)", Input::Area(custom, 16, true))]/>
            <Diagnostics text=custom kind=PolicyKind::Key/>
            <button type="button" class="btn" on:click=move |_| editing.set(false)>"Back to the console's policy"</button>
        </Show>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_labels_are_checked_as_aws_checks_them() {
        let mut d = Draft {
            alias: String::from("aws/mine"),
            ..Draft::default()
        };
        let errs = d.label_errors(&[]);
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].1.contains("reserved for AWS managed keys"),
            "{errs:?}"
        );
        d.alias = String::from("has space");
        assert!(d.label_errors(&[])[0].1.contains("regular expression"));
        d.alias = String::from("taken");
        let taken = [String::from("alias/taken")];
        assert!(
            d.label_errors(&taken)[0]
                .1
                .starts_with("AlreadyExistsException")
        );
        d.alias = String::from("fine");
        d.tags = vec![(String::from("aws:x"), String::from("y"))];
        assert_eq!(
            d.label_errors(&[])[0],
            (
                "tags",
                String::from("TagException: Tags beginning with aws: are reserved")
            )
        );
        d.tags = vec![(String::new(), String::new())];
        assert!(
            d.label_errors(&[]).is_empty(),
            "an empty tag row is ignored"
        );
    }

    #[test]
    fn the_form_writes_the_consoles_policy_with_other_accounts_as_users() {
        let d = Draft {
            admins: vec![String::from("arn:aws:iam::123412341234:user/Alice")],
            admins_can_delete: false,
            users: vec![String::from("arn:aws:iam::123412341234:user/Bob")],
            other_accounts: String::from("444455556666\n"),
            ..Draft::default()
        };
        let f = d.form();
        assert_eq!(
            f.users,
            [
                "arn:aws:iam::123412341234:user/Bob",
                "arn:aws:iam::444455556666:root"
            ]
        );
        let text = console(kms_core::ids::AccountId::parse("123412341234").unwrap(), &f);
        assert!(text.contains("Allow use of the key") && !text.contains("kms:ScheduleKeyDeletion"));
    }
}
