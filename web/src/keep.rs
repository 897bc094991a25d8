//! What the page keeps when another world replaces the learner's: a share link opened in a
//! second tab, a link a page puts in the address, "Open in the full playground" from a
//! course page. The learner is asked first when their world has changes, and the world
//! replaced is kept — in memory and in this browser — as "your previous world", which can
//! be restored (restoring swaps the two, so it can be taken back the same way).

use leptos::prelude::*;

use crate::panels::scenarios::PlaySignal;
use crate::persist;
use crate::ui::Pg;

/// Where the previous world is kept: a save, in the format of [`persist::SAVE_KEY`].
pub const PREVIOUS_KEY: &str = "kms-playground/save.previous";

/// The world a replacement set aside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Previous {
    /// The save's text.
    pub text: String,
    /// What replaced it: "the shared link “Grants”".
    pub replaced_by: String,
    /// Whether this browser keeps it too (else only until the tab closes).
    pub stored: bool,
}

/// The previous world, in context.
pub type PreviousSignal = RwSignal<Option<Previous>>;

/// The previous world in context (an empty one outside the playground).
pub fn use_previous() -> PreviousSignal {
    use_context::<PreviousSignal>().unwrap_or_else(|| RwSignal::new(None))
}

/// What the page knows of the previous world at load: the one this browser keeps.
pub fn stored_previous() -> Option<Previous> {
    let text = persist::read(PREVIOUS_KEY)?;
    let replaced_by = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("replacedBy")?.as_str().map(String::from))
        .unwrap_or_else(|| String::from("another world"));
    Some(Previous {
        text,
        replaced_by,
        stored: true,
    })
}

/// The current world as a save, marked with what replaces it.
fn current_save(pg: Pg, play: PlaySignal, replaced_by: &str) -> String {
    let playing = play.with_untracked(|p| p.as_ref().map(crate::play::Play::to_json));
    let (text, _) = pg.store.peek(|w| {
        persist::encode(
            w,
            &pg.ui.acting_as.get_untracked(),
            &pg.ui.region.get_untracked(),
            playing,
        )
    });
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(mut v) => {
            if let Some(doc) = v.as_object_mut() {
                doc.insert(
                    String::from("replacedBy"),
                    serde_json::Value::from(replaced_by),
                );
            }
            v.to_string()
        }
        Err(_) => text,
    }
}

/// Sets the current world aside as the previous world, before `replaced_by` replaces it.
/// Where the page saves, the copy must be written, or nothing is replaced: the error says
/// why. Where it does not (storage blocked, an embedded frame), it is kept in memory.
pub fn keep_current(
    pg: Pg,
    play: PlaySignal,
    previous: PreviousSignal,
    replaced_by: &str,
) -> Result<(), String> {
    let text = current_save(pg, play, replaced_by);
    let stored = if pg.ui.saving.get_untracked().may_write() {
        persist::write(PREVIOUS_KEY, &text).map_err(|why| {
            format!(
                "Your world could not be kept as a backup ({why}), so it was not replaced. Export it from the Scenarios panel first, or free some space"
            )
        })?;
        true
    } else {
        false
    };
    previous.set(Some(Previous {
        text,
        replaced_by: String::from(replaced_by),
        stored,
    }));
    Ok(())
}

/// Restores the previous world; the world it replaces becomes the previous one.
pub fn restore(pg: Pg, play: PlaySignal, previous: PreviousSignal) -> Result<(), String> {
    let Some(p) = previous.get_untracked() else {
        return Err(String::from("there is no previous world to restore"));
    };
    let saved = persist::decode(&p.text).map_err(|e| e.explain())?;
    keep_current(pg, play, previous, "restoring your previous world")?;
    pg.store.replace(saved.world, "Restore your previous world");
    let (actor, region) = pg.store.peek(|w| {
        (
            persist::checked_actor(w, saved.acting_as),
            persist::checked_region(w, saved.region),
        )
    });
    pg.ui.acting_as.set(actor);
    pg.ui.region.set(region);
    play.set(
        saved
            .play
            .and_then(|v| crate::play::Play::from_json(&v).ok()),
    );
    Ok(())
}

/// "Your previous world — restore": shown while there is one.
#[component]
pub fn PreviousWorld() -> impl IntoView {
    let pg = crate::widgets::use_pg();
    let play = crate::panels::scenarios::use_play();
    let previous = use_previous();
    let problem = RwSignal::new(None::<String>);
    let on_restore = move |_| match restore(pg, play, previous) {
        Ok(()) => {
            problem.set(None);
            pg.ui.announcement.set(String::from(
                "Your previous world is back. The one you had is now kept as your previous world.",
            ));
        }
        Err(e) => problem.set(Some(e)),
    };
    let on_forget = move |_| {
        persist::remove(PREVIOUS_KEY);
        previous.set(None);
        pg.ui
            .announcement
            .set(String::from("The previous world was discarded."));
    };
    move || {
        previous.get().map(|p| {
            view! {
                <section class="card previous" aria-labelledby="previous-heading" data-testid="previous-world">
                    <h2 id="previous-heading">"Your previous world"</h2>
                    <p>
                        "Kept when "<bdi>{p.replaced_by.clone()}</bdi>" replaced it"
                        {if p.stored { ", in this browser." } else { ", until this tab closes (this browser does not keep it)." }}
                    </p>
                    <div class="toolbar">
                        <button type="button" class="btn btn-primary" data-testid="restore-previous" on:click=on_restore>"Restore your previous world"</button>
                        <button type="button" class="btn" data-testid="forget-previous" on:click=on_forget>"Discard it"</button>
                    </div>
                    {move || problem.get().map(|e| view! { <p class="outcome error" role="alert">{e}</p> })}
                </section>
            }
        })
    }
}
