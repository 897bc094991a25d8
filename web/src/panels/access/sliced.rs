//! Computing a large grid without freezing the page: a few principals at a time, for at
//! most [`SLICE_MS`] each, giving the browser back its thread between slices. A grid of up
//! to [`AT_ONCE`] decisions is computed at once (a few milliseconds). A newer request
//! makes an older computation stop at its next slice.

use std::ops::Range;

use kms_core::World;
use kms_core::authz::Rule;
use leptos::prelude::*;

use super::vm::{Grid, GridJob};
use crate::store::Store;

/// The longest a slice runs, in milliseconds: well under the 50 ms of a long task.
pub const SLICE_MS: f64 = 12.0;

/// Grids of at most this many decisions are computed at once.
pub const AT_ONCE: usize = 2_500;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Gives the browser its thread back until its next task (input, paint, timers).
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A grid being computed: the last one finished, and how far the next one is.
pub struct Sliced<T: Send + Sync + 'static> {
    /// The last result finished (`None` before the first).
    pub value: RwSignal<Option<T>>,
    /// While a newer one is being computed: (principals done, principals in all).
    pub busy: RwSignal<Option<(usize, usize)>>,
    generation: StoredValue<u64>,
}

impl<T: Send + Sync + 'static> Clone for Sliced<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Sliced<T> {}

impl<T: Send + Sync + 'static> Default for Sliced<T> {
    fn default() -> Self {
        Sliced {
            value: RwSignal::new(None),
            busy: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }
}

impl<T: Send + Sync + 'static> Sliced<T> {
    /// Computes `job`'s cells with `cells` (given the world and a range of principals),
    /// then `finish`es them into the value: at once when small, else in slices.
    pub fn run(
        self,
        store: Store,
        job: GridJob,
        cells: impl Fn(&World, &GridJob, Range<usize>) -> Vec<Option<Rule>> + 'static,
        finish: impl FnOnce(&GridJob, Vec<Option<Rule>>) -> T + 'static,
    ) {
        let generation = self.generation.get_value().wrapping_add(1);
        self.generation.set_value(generation);
        let n = job.principals();
        if job.size() <= AT_ONCE {
            let all = store.peek(|w| cells(w, &job, 0..n));
            self.value.set(Some(finish(&job, all)));
            self.busy.set(None);
            return;
        }
        self.busy.set(Some((0, n)));
        leptos::task::spawn_local(async move {
            let mut all = Vec::with_capacity(job.size());
            let mut i = 0;
            while i < n {
                let started = now();
                while i < n && now() - started < SLICE_MS {
                    all.extend(store.peek(|w| cells(w, &job, i..i + 1)));
                    i += 1;
                }
                if i < n {
                    let _ = self.busy.try_set(Some((i, n)));
                    yield_to_browser().await;
                    // A newer request (or a closed panel) ends this one.
                    if self.generation.try_get_value() != Some(generation) {
                        return;
                    }
                }
            }
            // The last slice may have used its time: the grid is made and drawn in a task
            // of its own.
            yield_to_browser().await;
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            let _ = self.value.try_set(Some(finish(&job, all)));
            let _ = self.busy.try_set(None);
        });
    }
}

/// A grid computed in slices.
pub type SlicedGrid = Sliced<Grid>;
