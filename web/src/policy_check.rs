//! The policy checker's findings for a policy being typed: errors, security warnings and
//! warnings, each with its code, its place (line:column and JSON path) and its message.

use kms_core::policy::{Policy, PolicyKind, Severity};
use leptos::prelude::*;

/// One finding, ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// `Error`, `Security warning` or `Warning`.
    pub severity: &'static str,
    /// The CSS class of its colour.
    pub class: &'static str,
    /// The stable code (`missing-resource`).
    pub code: &'static str,
    /// `line 3, column 5`.
    pub place: String,
    /// The JSON path.
    pub path: String,
    /// The message.
    pub message: String,
}

/// What the checker finds in `text` read as a `kind` policy.
pub fn findings(text: &str, kind: PolicyKind) -> Vec<Finding> {
    Policy::check(text, kind)
        .diagnostics
        .into_iter()
        .map(|d| {
            let (severity, class) = match d.severity {
                Severity::Error => ("Error", "deny"),
                Severity::SecurityWarning => ("Security warning", "implicit"),
                Severity::Warning => ("Warning", "implicit"),
            };
            Finding {
                severity,
                class,
                code: d.code.as_str(),
                place: format!("line {}, column {}", d.loc.line, d.loc.col),
                path: d.path,
                message: d.message,
            }
        })
        .collect()
}

/// The findings for a policy being typed, updated as it changes.
#[component]
pub fn Diagnostics(
    /// The policy's text.
    #[prop(into)]
    text: Signal<String>,
    /// Key policy or IAM policy.
    kind: PolicyKind,
) -> impl IntoView {
    let found = Memo::new(move |_| findings(&text.get(), kind));
    view! {
        <div class="diagnostics" aria-live="polite" data-testid="diagnostics">
            {move || {
                let all = found.get();
                if all.is_empty() {
                    view! { <p class="ok-line"><span aria-hidden="true">"✓ "</span>"The policy checker finds nothing to report."</p> }.into_any()
                } else {
                    view! {
                        <ul class="findings">
                            {all.into_iter().map(|f| view! {
                                <li class=format!("finding {}", f.class)>
                                    <strong>{f.severity}</strong>" "<code class="mono">{f.code}</code>
                                    <span class="muted">{format!(" at {}{}", f.place, if f.path.is_empty() { String::new() } else { format!(" ({})", f.path) })}</span>
                                    ": "{f.message}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_are_located_and_named() {
        let f = findings(
            "{\"Version\":\"2012-10-17\",\n\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Encrypt\"}]}",
            PolicyKind::Identity,
        );
        assert!(
            f.iter()
                .any(|x| x.severity == "Error" && x.code == "missing-resource"),
            "{f:?}"
        );
        assert!(f.iter().all(|x| x.place.starts_with("line ")));
        let broken = findings("{\"Version\": ", PolicyKind::Key);
        assert_eq!(broken.first().map(|x| x.code), Some("invalid-json"));
    }
}
