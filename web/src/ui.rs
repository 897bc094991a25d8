//! The page's own state, apart from the world: who the page acts as, the region, where it
//! is, what is open, the theme. And [`Pg`], the handle components take: the store and
//! this state together, with the calls made "as the acting principal".

use std::sync::Arc;

use kms_core::World;
use kms_core::api::Caller;
use kms_core::principal::{Principal, PrincipalKind};
use leptos::prelude::*;
use serde_json::Value;

use crate::route::Route;
use crate::store::{CallRecord, Request, Service, Store};

/// Light, dark, or as the system says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme a stored name says.
    pub fn from_name(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

/// Whether the world is being saved in this browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saving {
    /// Saved as the learner goes.
    Saved,
    /// Not saved: storage is blocked, full or failed; the reason.
    NotSaved(String),
    /// Embedded in another page: the frame keeps nothing in this browser.
    Embedded,
    /// Held: a save that could not be read is still where the world is saved, and nothing
    /// is written over it until the learner downloads or discards it.
    Held,
    /// The full page is shown inside another site's page: the learner's save is neither
    /// read nor written there.
    Framed,
}

impl Saving {
    /// Whether the page may write the world to this browser's storage now.
    pub fn may_write(&self) -> bool {
        matches!(self, Saving::Saved | Saving::NotSaved(_))
    }
}

/// The page's own state. `Copy`: every field is a signal.
#[derive(Clone, Copy)]
pub struct Ui {
    /// The ARN of the principal every call is made as.
    pub acting_as: RwSignal<String>,
    /// The region whose endpoint calls go to.
    pub region: RwSignal<String>,
    /// Where the page is.
    pub route: RwSignal<Route>,
    /// Whether the call drawer is open.
    pub drawer_open: RwSignal<bool>,
    /// The call open in the drawer.
    pub drawer_selected: RwSignal<Option<u64>>,
    /// The theme.
    pub theme: RwSignal<Theme>,
    /// Whether the welcome shows.
    pub welcome: RwSignal<bool>,
    /// The last thing the page announced (a polite live region reads it out).
    pub announcement: RwSignal<String>,
    /// Whether the world is saved in this browser.
    pub saving: RwSignal<Saving>,
    /// A share link that could not be opened, and why.
    pub link_problem: RwSignal<Option<String>>,
    /// What the page says after it opened a share link (a world kept aside, a seed).
    pub link_note: RwSignal<Option<String>>,
    /// Whether the terminal shows as a dock under the panel.
    pub terminal_open: RwSignal<bool>,
    /// A command put on the terminal's line from elsewhere ("Run in terminal").
    pub terminal_line: RwSignal<Option<String>>,
}

impl Ui {
    /// The state a visit starts with, acting as `acting_as` in `region`.
    pub fn new(acting_as: String, region: String, route: Route) -> Ui {
        Ui {
            acting_as: RwSignal::new(acting_as),
            region: RwSignal::new(region),
            route: RwSignal::new(route),
            drawer_open: RwSignal::new(false),
            drawer_selected: RwSignal::new(None),
            theme: RwSignal::new(Theme::System),
            welcome: RwSignal::new(true),
            announcement: RwSignal::new(String::new()),
            saving: RwSignal::new(Saving::Saved),
            link_problem: RwSignal::new(None),
            link_note: RwSignal::new(None),
            terminal_open: RwSignal::new(false),
            terminal_line: RwSignal::new(None),
        }
    }
}

/// The handle components take: the world store and the page's state.
#[derive(Clone, Copy)]
pub struct Pg {
    /// The world.
    pub store: Store,
    /// The page's state.
    pub ui: Ui,
}

impl Pg {
    /// Makes a call as the acting principal, at the selected region's endpoint.
    pub fn call(&self, service: Service, operation: &str, input: &Value) -> Arc<CallRecord> {
        let who = self.ui.acting_as.get_untracked();
        let region = self.ui.region.get_untracked();
        self.call_as(&who, &region, service, operation, input)
    }

    /// A call as `principal`, at `region`'s endpoint (the terminal's `--profile` and
    /// `--region`).
    pub fn call_as(
        &self,
        principal: &str,
        region: &str,
        service: Service,
        operation: &str,
        input: &Value,
    ) -> Arc<CallRecord> {
        let caller = Caller {
            principal,
            region: Some(region),
            via_service: None,
        };
        let record = self.store.dispatch(
            &caller,
            Request {
                service,
                operation,
                input,
            },
        );
        self.announce(&summary(&record));
        record
    }

    /// A KMS call as the acting principal.
    pub fn kms(&self, operation: &str, input: &Value) -> Arc<CallRecord> {
        self.call(Service::Kms, operation, input)
    }

    /// Says something to assistive technology (and shows it in the status line).
    pub fn announce(&self, text: &str) {
        self.ui.announcement.set(String::from(text));
    }

    /// Opens the drawer on call `seq`.
    pub fn show_call(&self, seq: u64) {
        self.ui.drawer_selected.set(Some(seq));
        self.ui.drawer_open.set(true);
    }

    /// Goes to `route`.
    pub fn go(&self, route: Route) {
        let href = route.href();
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&href);
        }
        self.ui.route.set(route);
    }
}

/// One line for a call: `Encrypt as Bob: AccessDeniedException`.
pub fn summary(r: &CallRecord) -> String {
    match &r.output {
        Ok(_) => format!("{} as {}: succeeded", r.operation, r.caller_name),
        Err(e) => format!("{} as {}: {}", r.operation, r.caller_name, e.code),
    }
}

/// Someone the page can act as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// The ARN.
    pub arn: String,
    /// How people know it: `Alice`, `root of 123412341234`.
    pub label: String,
    /// `user`, `role`, `root`, `session`.
    pub kind: &'static str,
    /// The account.
    pub account: String,
}

/// Everyone the page can act as: every principal of the world and the root user of every
/// account the world mentions, the world's own account first.
pub fn actors(w: &World) -> Vec<Actor> {
    let mut accounts: Vec<String> = vec![w.account().to_string()];
    let mut add = |a: &str| {
        if !accounts.iter().any(|x| x == a) {
            accounts.push(String::from(a));
        }
    };
    for p in w.principals() {
        add(p.principal.account_str());
    }
    for k in w.keys() {
        add(k.account.as_str());
    }
    let mut out = Vec::new();
    for account in &accounts {
        out.push(Actor {
            arn: format!("arn:aws:iam::{account}:root"),
            label: format!("root of {account}"),
            kind: "root",
            account: account.clone(),
        });
        let mut members: Vec<Actor> = w
            .principals()
            .iter()
            .filter(|p| p.principal.account_str() == account)
            .map(|p| Actor {
                arn: p.principal.arn().to_string(),
                label: p.name.clone().unwrap_or_else(|| p.principal.short_name()),
                kind: kind_of(&p.principal),
                account: account.clone(),
            })
            .collect();
        members.sort_by(|a, b| (a.kind, &a.label).cmp(&(b.kind, &b.label)));
        out.extend(members);
    }
    out
}

/// `user`, `role`, `session` or `root`.
pub fn kind_of(p: &Principal) -> &'static str {
    match p.kind() {
        PrincipalKind::Root => "root",
        PrincipalKind::User { .. } => "user",
        PrincipalKind::Role { .. } => "role",
        PrincipalKind::AssumedRole { .. } => "session",
    }
}

/// The principal a visit acts as first: the first user of the world's own account (Alice
/// in the seed notes' world), else its root user.
pub fn first_actor(w: &World) -> String {
    actors(w)
        .into_iter()
        .find(|a| a.kind == "user" && a.account == w.account().as_str())
        .map_or_else(|| format!("arn:aws:iam::{}:root", w.account()), |a| a.arn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyone_can_be_acted_as_the_worlds_account_first() {
        let w = crate::starting_world().unwrap();
        let all = actors(&w);
        let labels: Vec<&str> = all.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(
            labels,
            ["root of 123412341234", "Alice", "Bob", "Charlie", "David"]
        );
        assert_eq!(first_actor(&w), "arn:aws:iam::123412341234:user/Alice");
        assert_eq!(Theme::from_name(Theme::Dark.name()), Theme::Dark);
        assert_eq!(Theme::from_name("nonsense"), Theme::System);
    }
}
