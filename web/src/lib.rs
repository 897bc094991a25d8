//! KMS Playground in the browser.
//!
//! A window onto one simulated world from `kms-core`. The world lives in one reactive
//! store ([`init_world`] / [`use_world`]); UI-only state (the open panel) lives apart.
//! Pure functions that turn state into what is shown sit beside the components so they
//! can be tested natively.
#![forbid(unsafe_code)]

pub mod bench;
pub mod bulk;
pub mod cli;
pub mod encrypt;
pub mod route;
pub mod store;
pub mod worker;

use kms_core::World;
use leptos::prelude::*;
use route::Panel;

/// Puts a fresh world into the reactive context and returns its handle.
pub fn init_world() -> RwSignal<World> {
    let world = RwSignal::new(starting_world());
    provide_context(world);
    world
}

/// The world a visit starts with: the envelope preset's principals and keys, with fresh
/// randomness from the browser (the preset's seed is for replays, not for your files).
pub fn starting_world() -> World {
    let text = include_str!("../../tests/scenarios/envelope-basics.json");
    kms_core::scenario::Scenario::load(text)
        .ok()
        .and_then(|mut s| {
            s.seed = None;
            s.build_world().ok()
        })
        .unwrap_or_default()
}

/// The world put into context by [`init_world`].
pub fn use_world() -> RwSignal<World> {
    use_context::<RwSignal<World>>().unwrap_or_else(init_world)
}

/// The panel named by the page's URL fragment right now.
fn current_panel() -> Panel {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Panel::for_fragment(&hash)
}

/// The whole playground: header, the simulator notice, navigation and the open panel.
#[component]
pub fn App() -> impl IntoView {
    init_world();
    let panel = RwSignal::new(current_panel());
    let listener =
        window_event_listener(leptos::ev::hashchange, move |_| panel.set(current_panel()));
    on_cleanup(move || listener.remove());

    view! {
        <div class="app">
            <Header/>
            <SimulatorNotice/>
            <Nav current=panel.read_only()/>
            <main class="panel" data-testid="panel">
                {move || view! { <PanelView panel=panel.get()/> }}
            </main>
        </div>
    }
}

/// The product name and the facts of the simulated world: account, region and clock.
#[component]
pub fn Header() -> impl IntoView {
    let world = use_world();
    view! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">"◆"</span>
                <span class="name">"KMS Playground"</span>
            </div>
            <dl class="world-facts" data-testid="world-facts">
                <div><dt>"Account"</dt><dd data-testid="world-account">{move || world.read().account().to_string()}</dd></div>
                <div><dt>"Region"</dt><dd data-testid="world-region">{move || world.read().region().to_string()}</dd></div>
                <div><dt>"Simulated clock"</dt><dd data-testid="world-clock">{move || world.read().now().to_string()}</dd></div>
            </dl>
        </header>
    }
}

/// The standing note that this is a simulator and not a place for real secrets.
#[component]
pub fn SimulatorNotice() -> impl IntoView {
    view! {
        <p class="notice" role="note" data-testid="sim-notice">
            <strong>"Simulator. "</strong>
            "This is a simulation of AWS KMS that runs entirely in your browser: nothing is sent to AWS or anywhere else. "
            "Do not paste real secrets, keys or credentials."
        </p>
    }
}

/// The navigation between panels; the open one is marked `aria-current="page"`.
#[component]
pub fn Nav(current: ReadSignal<Panel>) -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Panels">
            {Panel::ALL
                .into_iter()
                .map(|p| {
                    view! {
                        <a
                            href=p.href()
                            data-testid=format!("nav-{}", p.slug())
                            aria-current=move || (current.get() == p).then_some("page")
                        >
                            {p.title()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// What a panel is for, said plainly until its tools arrive.
pub fn panel_intro(panel: Panel) -> (&'static str, &'static [&'static str]) {
    match panel {
        Panel::Keys => (
            "The KMS keys of the simulated account: customer managed keys you create and AWS managed keys that services create for you.",
            &[
                "Create keys and give them aliases",
                "Enable and disable keys; schedule and cancel deletion",
                "Turn on automatic rotation, rotate on demand, see every key material version",
            ],
        ),
        Panel::Policies => (
            "Key policies and IAM policies as JSON, checked as you type like IAM Access Analyzer does.",
            &[
                "Errors and warnings at the exact line",
                "The console's administrators / users form that writes a key policy for you",
                "IAM principals and the identity policies attached to them",
            ],
        ),
        Panel::Access => (
            "Who may do what with which key, and why: key policies, IAM policies and grants evaluated as AWS documents it.",
            &[
                "A principal × key × action matrix, every cell explained",
                "The deciding rule: explicit deny, key policy, IAM via the account principal, grant or implicit deny",
                "For a denial, what would allow it",
            ],
        ),
        Panel::Encrypt => (
            "The cryptographic operations of KMS with real AES-256-GCM and encryption context as additional authenticated data.",
            &[
                "Encrypt, Decrypt, ReEncrypt and GenerateDataKey, call by call",
                "Envelope encryption of text typed in the page",
                "A ciphertext blob taken apart byte by byte",
            ],
        ),
        Panel::S3 => (
            "Amazon S3 server-side encryption with KMS keys (SSE-KMS), one step at a time.",
            &[
                "Upload: S3 asks KMS for a data key, encrypts the object, stores the encrypted data key",
                "Download: S3 asks KMS to decrypt the data key, decrypts the object, drops the key",
                "S3 Bucket Keys and how they cut KMS calls",
            ],
        ),
        Panel::Audit => (
            "A CloudTrail-shaped event for every call, allowed or denied, and for every service event such as rotation.",
            &[
                "Who called what, on which key, with which encryption context",
                "Error codes and messages of denied calls",
            ],
        ),
        Panel::Scenarios => (
            "Ready-made exercises and your own saved worlds, in the scenario file format the command line also runs.",
            &[
                "Presets: the CMK access exercise, envelope encryption, grants, rotation",
                "Guided play step by step",
                "Import, export, share link and embed",
            ],
        ),
    }
}

/// One panel: its heading, what it is for, and what it holds.
#[component]
pub fn PanelView(panel: Panel) -> impl IntoView {
    let (lead, items) = panel_intro(panel);
    let tools = match panel {
        Panel::Encrypt => view! { <encrypt::EnvelopeTool/> }.into_any(),
        _ => ().into_any(),
    };
    let still_to_come = if panel == Panel::Encrypt {
        "More of this panel arrives in a coming version of the playground:"
    } else {
        "Nothing here yet: this panel's tools arrive in a coming version of the playground. It will let you:"
    };
    view! {
        <section data-testid=format!("panel-{}", panel.slug()) aria-labelledby="panel-title">
            <h1 id="panel-title">{panel.title()}</h1>
            <p class="lead">{lead}</p>
            {tools}
            <div class="empty" data-testid="panel-empty">
                <p>{still_to_come}</p>
                <ul>{items.iter().map(|i| view! { <li>{*i}</li> }).collect_view()}</ul>
            </div>
        </section>
    }
}
