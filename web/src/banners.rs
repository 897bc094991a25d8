//! The page's standing messages: a save that could not be opened (kept, and never written
//! over until the learner downloads or discards it), a link that did not open, and storage
//! that does not keep the world.

use leptos::prelude::*;

use crate::persist;
use crate::ui::Saving;
use crate::widgets;

/// A save that could not be read, kept to offer it as a download.
#[derive(Clone, Debug)]
pub struct Recovery {
    /// Why it could not be read.
    pub why: String,
    /// Its text.
    pub text: String,
    /// Where a copy was kept aside, or why none could be: the save itself is never
    /// written over until the learner downloads or discards it.
    pub kept: Result<String, String>,
    /// Unreadable saves kept aside before this one: (key, text).
    pub earlier: Vec<(String, String)>,
}

/// An object URL for `text` as a JSON file.
fn json_url(text: &str) -> String {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .ok()
        .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok())
        .unwrap_or_default()
}

/// The banner of a save that could not be opened: loaded when one is found (rarely).
#[cfg_attr(feature = "split", leptos::lazy)]
async fn recovery_banner(r: Recovery) -> AnyView {
    view! { <RecoveryBanner r=r/> }.into_any()
}

/// A save that could not be opened: download it or discard it.
#[component]
fn RecoveryBanner(r: Recovery) -> impl IntoView {
    let pg = widgets::use_pg();
    let recovery =
        use_context::<RwSignal<Option<Recovery>>>().unwrap_or_else(|| RwSignal::new(None));
    let play = crate::panels::scenarios::use_play();
    let pending = use_context::<crate::Pending>();
    // The learner has the unreadable save (downloaded) or does not want it (discarded):
    // saving goes on, over it.
    let release = move |discard: bool| {
        if let Some(r) = recovery.get_untracked()
            && discard
            && let Ok(key) = &r.kept
        {
            persist::remove(key);
        }
        recovery.set(None);
        if pg.ui.saving.get_untracked() == Saving::Held {
            pg.ui.saving.set(Saving::Saved);
            // Written at once, not at the next change.
            crate::save_now(pg, play, pending);
        }
    };
    let url = json_url(&r.text);
    let kept = match &r.kept {
        Ok(_) => String::from("A copy is kept aside in this browser. "),
        Err(why) => format!("It could not be copied aside ({why}), so it stays where it was. "),
    };
    let earlier = r.earlier.iter().enumerate().map(|(i, (_, text))| {
        let url = json_url(text);
        view! { <a class="btn btn-small" download=format!("kms-playground-unreadable-save-{}.json", i + 1) href=url>{format!("Download earlier save {}", i + 1)}</a> }
    }).collect_view();
    let any_earlier = !r.earlier.is_empty();
    view! {
        <div class="banner warning" role="alert" data-testid="recovery">
            <p><strong>"Your saved world could not be opened. "</strong>{r.why}</p>
            <p>"A fresh world was started. "{kept}<strong>"Nothing you do now is saved"</strong>" until you download the unreadable save or discard it, so it cannot be written over by accident."</p>
            <div class="toolbar">
                <a class="btn btn-primary" data-testid="recovery-download" download="kms-playground-unreadable-save.json" href=url on:click=move |_| release(false)>"Download the unreadable save"</a>
                <button type="button" class="btn" data-testid="recovery-discard" on:click=move |_| release(true)>"Discard it"</button>
            </div>
            {any_earlier.then(|| view! {
                <p class="small">"Unreadable saves kept from before: "{earlier}</p>
            })}
        </div>
    }
}

/// A save that could not be opened, a share link's problem or note, and storage that does
/// not keep the world. Each is rare: their code is fetched when one shows.
#[component]
pub fn Banners() -> impl IntoView {
    let pg = widgets::use_pg();
    let recovery =
        use_context::<RwSignal<Option<Recovery>>>().unwrap_or_else(|| RwSignal::new(None));
    let hide_saving = RwSignal::new(false);
    let any = move || {
        pg.ui.link_problem.with(Option::is_some)
            || pg.ui.link_note.with(Option::is_some)
            || (!hide_saving.get()
                && pg
                    .ui
                    .saving
                    .with(|s| matches!(s, Saving::NotSaved(_) | Saving::Framed)))
    };
    view! {
        {move || recovery.get().map(|r| crate::panels::lazily(recovery_banner(r)))}
        {move || any().then(|| crate::panels::lazily(notes(hide_saving)))}
    }
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn notes(hide_saving: RwSignal<bool>) -> AnyView {
    view! { <Notes hide_saving=hide_saving/> }.into_any()
}

/// The banners other than the recovery's.
#[component]
fn Notes(hide_saving: RwSignal<bool>) -> impl IntoView {
    let pg = widgets::use_pg();
    view! {
        {move || pg.ui.link_problem.get().map(|p| view! {
            <div class="banner warning" role="alert" data-testid="link-problem">
                <p>{p}" The world you had is unchanged."</p>
                <button type="button" class="btn btn-small" on:click=move |_| pg.ui.link_problem.set(None)>"OK"</button>
            </div>
        })}
        {move || pg.ui.link_note.get().map(|n| view! {
            <div class="banner info" role="status" data-testid="link-note">
                <p>{n}</p>
                <button type="button" class="btn btn-small" on:click=move |_| pg.ui.link_note.set(None)>"OK"</button>
            </div>
        })}
        {move || match (pg.ui.saving.get(), hide_saving.get()) {
            (Saving::NotSaved(why), false) => Some(view! {
                <div class="banner info" role="status" data-testid="not-saved">
                    <p><strong>"Not saved in this browser: "</strong>{why}". The playground works as usual; export your world to keep it."</p>
                    <button type="button" class="btn btn-small" on:click=move |_| hide_saving.set(true)>"OK"</button>
                </div>
            }.into_any()),
            (Saving::Framed, false) => Some(view! {
                <div class="banner info" role="status" data-testid="framed">
                    <p><strong>"This page is shown inside another site's page. "</strong>"Your saved world is not opened here, and nothing is saved: open the playground in a tab of its own to see it."</p>
                    <button type="button" class="btn btn-small" on:click=move |_| hide_saving.set(true)>"OK"</button>
                </div>
            }.into_any()),
            _ => None,
        }}
    }
}
