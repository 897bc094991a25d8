//! The welcome: what this is, and three ways to start. It never blocks the page and, once
//! dismissed, is gone for good (the choice is kept in this browser).

use leptos::prelude::*;

use crate::route::Panel;
use crate::widgets::use_pg;

/// The welcome.
#[component]
pub fn Welcome() -> impl IntoView {
    let pg = use_pg();
    let shown = pg.ui.welcome;
    let dismiss = move |_| {
        shown.set(false);
        crate::save_prefs(pg);
    };
    view! {
        <Show when=move || shown.get()>
            <section class="welcome" aria-labelledby="welcome-title" data-testid="welcome">
                <div class="welcome-text">
                    <h2 id="welcome-title">"Welcome to KMS Playground"</h2>
                    <p>
                        "A simulator of AWS Key Management Service that runs in your browser: nothing is sent to AWS. "
                        // A phone's first screen keeps the gist; the keys are listed right below.
                        <span class="wide-only">"You are in the study notes' world: Alice, Bob, Charlie and David, and the KMS keys CMK-A, CMK-B and CMK-C. "</span>
                        "Pick who you act as in the header: every call is made as them."
                    </p>
                </div>
                <ul class="starts">
                    <li><a class="start" href=crate::learn::LESSONS.first().map_or_else(|| Panel::Learn.href(), crate::learn::href)><strong>"Start the course: lesson 1"</strong><span>"Learn"</span></a></li>
                    <li><a class="start" href=Panel::Access.href()><strong>"Who can use which key, and why"</strong><span>"Access"</span></a></li>
                    <li><a class="start" href=Panel::Encrypt.href()><strong>"Encrypt something"</strong><span>"Encrypt"</span></a></li>
                </ul>
                <button type="button" class="btn btn-small dismiss" data-testid="dismiss-welcome" on:click=dismiss aria-label="Dismiss the welcome">"✕"<span class="btn-word">" Dismiss"</span></button>
            </section>
        </Show>
    }
}
