//! The panels, one module each, and the view that shows the open one.

pub mod access;
pub mod audit;
pub mod encrypt;
pub mod keys;
pub mod policies;
pub mod s3;
pub mod scenarios;

use leptos::prelude::*;

use crate::route::Panel;

/// What a panel is for, in one sentence under its heading.
pub fn lead(panel: Panel) -> &'static str {
    match panel {
        Panel::Learn => {
            "A course through AWS KMS in thirteen lessons, in the order of the study notes. Each lesson is done in this playground's world, which checks your work."
        }
        Panel::Keys => {
            "The KMS keys of the simulated account — the notes call them CMKs (customer master keys). Create keys, give them aliases, enable, disable, rotate and schedule their deletion, and grant others their use."
        }
        Panel::Policies => {
            "Who may use a key is decided by its key policy, the IAM policies of the caller, and grants. Edit any of them here, checked as you type like IAM Access Analyzer does, and see what a change would do before you save it."
        }
        Panel::Access => {
            "Who may do what with which key, and why: key policies, IAM policies and grants evaluated as AWS documents it."
        }
        Panel::Encrypt => {
            "Envelope encryption: KMS gives a data key (DEK), the data is encrypted locally with it, and only the encrypted data key is kept beside the data."
        }
        Panel::S3 => {
            "Amazon S3 server-side encryption with KMS keys (SSE-KMS), one step at a time."
        }
        Panel::Audit => {
            "A CloudTrail-shaped event for every call, allowed or denied, and for what the service does on its own, such as rotation and deletion."
        }
        Panel::Scenarios => {
            "Ready-made exercises and your own saved worlds, in the scenario file format the command line also runs."
        }
        Panel::Terminal => {
            "The AWS CLI, as you type it at work: every command is a call through the same door as the panels, as the principal you act as, in the selected Region."
        }
    }
}

/// Shows what `load` gives once it is there. In the release build each loader is a split
/// point: its code is a chunk of its own, fetched the first time it is needed, so a first
/// visit downloads only what the first page shows.
pub fn lazily<F>(load: F) -> AnyView
where
    F: Future<Output = AnyView> + Send + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
            {Suspend::new(load)}
        </Suspense>
    }
    .into_any()
}

/// The key list and a key's tabs: a chunk of its own since the course, not the key list,
/// is a newcomer's first screen.
#[cfg_attr(feature = "split", leptos::lazy)]
async fn keys_tools() -> AnyView {
    view! { <keys::KeysPanel/> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn policies_tools() -> AnyView {
    view! { <policies::PoliciesPanel/> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn access_tools() -> AnyView {
    view! { <access::AccessPanel/> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn s3_tools() -> AnyView {
    view! { <s3::S3Panel/> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn audit_tools() -> AnyView {
    view! { <audit::AuditPanel/> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn scenarios_tools() -> AnyView {
    view! { <scenarios::ScenariosPanel/> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn encrypt_tools() -> AnyView {
    view! { <encrypt::EncryptPanel/> }.into_any()
}

/// The terminal, as a panel or as a dock under any panel (the header's toggle): one
/// chunk for both.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn terminal_tools(docked: bool) -> AnyView {
    view! { <crate::terminal::Terminal docked=docked/> }.into_any()
}

/// The open panel: its heading, its lead, and its tools.
#[component]
pub fn PanelView(panel: Panel) -> impl IntoView {
    let tools = match panel {
        Panel::Learn => view! { <crate::learn::LearnPanel/> }.into_any(),
        Panel::Keys => lazily(keys_tools()),
        Panel::Policies => lazily(policies_tools()),
        Panel::Audit => lazily(audit_tools()),
        Panel::Access => lazily(access_tools()),
        Panel::S3 => lazily(s3_tools()),
        Panel::Encrypt => lazily(encrypt_tools()),
        Panel::Scenarios => lazily(scenarios_tools()),
        Panel::Terminal => lazily(terminal_tools(false)),
    };
    view! {
        <section class="panel-body" data-testid=format!("panel-{}", panel.slug()) aria-labelledby="panel-title">
            <h1 id="panel-title">{panel.title()}</h1>
            <p class="lead">{lead(panel)}</p>
            {tools}
        </section>
    }
}
