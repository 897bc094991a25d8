//! What each panel keeps while the page is open. A panel's fields and its last results
//! (the workbench's ciphertext, the S3 stage, the key list's filter) survive a tab change,
//! so "rotate, then decrypt the old ciphertext" needs no copying by hand. They live as
//! long as the page, not in the saved world: a reload starts the panels afresh.
//!
//! A panel asks for its state by name; the first ask makes it, under the page's root
//! owner, so unmounting the panel does not dispose of it.

use std::any::Any;
use std::sync::{Arc, Mutex};

use leptos::prelude::*;

/// A handle kept by name.
type Handle = (&'static str, Box<dyn Any + Send + Sync>);

/// The kept state: reactive handles by name, owned by the page. A few dozen at most, so
/// a list (no hash map to ship in the first download).
#[derive(Clone)]
pub struct Kept {
    owner: Owner,
    handles: Arc<Mutex<Vec<Handle>>>,
}

/// Makes the page's kept state; call once, under the page's root owner.
pub fn provide() {
    if let Some(owner) = Owner::current() {
        provide_context(Kept {
            owner,
            handles: Arc::default(),
        });
    }
}

/// The handle kept as `name`, made by `make` the first time (under the page's owner).
/// Outside the playground (a test, a bench) it is simply made.
pub fn kept<H: Copy + Send + Sync + 'static>(name: &'static str, make: impl FnOnce() -> H) -> H {
    let Some(k) = use_context::<Kept>() else {
        return make();
    };
    let found = k.handles.lock().ok().and_then(|m| {
        m.iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, b)| b.downcast_ref::<H>())
            .copied()
    });
    if let Some(h) = found {
        return h;
    }
    let h = k.owner.with(make);
    if let Ok(mut m) = k.handles.lock() {
        m.push((name, Box::new(h)));
    }
    h
}

/// A signal kept as `name`, starting at `value` the first time.
pub fn signal<T: Send + Sync + 'static>(
    name: &'static str,
    value: impl FnOnce() -> T,
) -> RwSignal<T> {
    kept(name, || RwSignal::new(value()))
}
