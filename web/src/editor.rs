//! The policy editor: the text in a textarea (so the browser's editing, undo and
//! accessibility stay), with the core's tokens, findings and bracket matches painted behind
//! it, line numbers beside it, and the findings listed under it (each jumps to its place).
//! Tab indents (Esc, then Tab, leaves the editor); Format re-indents without losing undo.

pub mod paint;

use kms_core::json;
use kms_core::policy::{Policy, PolicyKind, Severity};
use leptos::html::{Div, Pre, Textarea};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::store::Slice;
use crate::widgets::{uid, use_pg};
use paint::{Mark, byte_offset, line_count, matching_bracket, paint_lines, tokenize, utf16_index};

/// A finding as the list under the editor shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Where, for the underline and the jump.
    pub mark: Mark,
    /// `Error`, `Security warning`, `Warning`.
    pub severity: &'static str,
    /// The stable code.
    pub code: &'static str,
    /// `line 3, column 5`.
    pub place: String,
    /// The JSON path.
    pub path: String,
}

/// The checker's findings for `text`, principals checked against `directory`.
pub fn findings(
    text: &str,
    kind: PolicyKind,
    directory: &dyn kms_core::policy::PrincipalDirectory,
) -> Vec<Finding> {
    Policy::check_with(text, kind, directory)
        .diagnostics
        .into_iter()
        .map(|d| {
            let (severity, class) = match d.severity {
                Severity::Error => ("Error", "error"),
                Severity::SecurityWarning => ("Security warning", "warning"),
                Severity::Warning => ("Warning", "warning"),
            };
            Finding {
                mark: Mark {
                    offset: d.loc.offset as usize,
                    class,
                    message: d.message,
                },
                severity,
                code: d.code.as_str(),
                place: format!("line {}, column {}", d.loc.line, d.loc.col),
                path: d.path,
            }
        })
        .collect()
}

/// The text re-indented, members in their order; `None` when it is not JSON.
pub fn formatted(text: &str) -> Option<String> {
    json::parse(text).ok().map(|v| json::to_pretty(&v))
}

/// Replaces the textarea's selection with `text` the way typing would, so the browser's
/// undo takes it back.
fn type_text(area: &web_sys::HtmlTextAreaElement, text: &str) {
    let typed = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| {
            d.exec_command_with_show_ui_and_value("insertText", false, text)
                .ok()
        })
        .unwrap_or(false);
    if !typed {
        let _ = area.set_range_text(text);
    }
    // Tell the page the text changed, as typing does.
    if let Ok(ev) = web_sys::Event::new("input") {
        let _ = area.dispatch_event(&ev);
    }
}

/// The editor.
#[component]
pub fn PolicyEditor(
    /// The text being edited.
    text: RwSignal<String>,
    /// Key policy or IAM policy.
    kind: PolicyKind,
    /// Its label.
    label: String,
) -> impl IntoView {
    let pg = use_pg();
    let area: NodeRef<Textarea> = NodeRef::new();
    let overlay: NodeRef<Pre> = NodeRef::new();
    let gutter: NodeRef<Div> = NodeRef::new();
    let caret = RwSignal::new(0usize);
    let leaving = RwSignal::new(false);
    let found = Memo::new(move |_| {
        let t = text.get();
        pg.store
            .read(&[Slice::Principals], |w| findings(&t, kind, w))
    });
    let id = uid("policy");
    let list_id = format!("{id}-findings");
    // Painted line by line, keyed by content: typing redraws only the line that changed.
    let lines_painted = move || {
        let t = text.get();
        let marks: Vec<Mark> = found.get().into_iter().map(|f| f.mark).collect();
        let brackets = matching_bracket(&t, &tokenize(&t), caret.get());
        paint_lines(&t, &marks, brackets)
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    };
    let sync_scroll = move || {
        if let (Some(a), Some(o), Some(g)) = (
            area.get_untracked(),
            overlay.get_untracked(),
            gutter.get_untracked(),
        ) {
            o.set_scroll_top(a.scroll_top());
            o.set_scroll_left(a.scroll_left());
            g.set_scroll_top(a.scroll_top());
        }
    };
    let track_caret = move || {
        if let Some(a) = area.get_untracked() {
            let at = a.selection_start().ok().flatten().unwrap_or(0) as usize;
            caret.set(byte_offset(&text.get_untracked(), at));
        }
    };
    let jump = move |offset: usize| {
        if let Some(a) = area.get_untracked() {
            let at = utf16_index(&text.get_untracked(), offset) as u32;
            let _ = a.focus();
            let _ = a.set_selection_range(at, at);
            caret.set(offset);
        }
    };
    let format = move |_| {
        if let (Some(a), Some(pretty)) = (area.get_untracked(), formatted(&text.get_untracked())) {
            let _ = a.focus();
            a.select();
            type_text(&a, &pretty);
        } else {
            pg.announce("The policy is not valid JSON yet: fix the error first, then format it.");
        }
    };
    let at_caret = move || {
        let c = caret.get();
        let t = text.get();
        let toks = tokenize(&t);
        let token = toks
            .iter()
            .find(|k| c >= k.start && c <= k.end && k.kind != paint::Kind::Space);
        found.get().into_iter().find(|f| {
            token
                .is_some_and(|k| f.mark.offset >= k.start && f.mark.offset < k.end.max(k.start + 1))
        })
    };
    let summary = move || {
        let all = found.get();
        let errors = all.iter().filter(|f| f.severity == "Error").count();
        let warnings = all.len() - errors;
        match (errors, warnings) {
            (0, 0) => String::from("✓ The policy checker finds nothing to report."),
            (e, w) => format!(
                "{e} error{}, {w} warning{}",
                if e == 1 { "" } else { "s" },
                if w == 1 { "" } else { "s" }
            ),
        }
    };
    // The source grows with its text (a row per line, one spare for a horizontal
    // scrollbar): it never scrolls inside, so the painted text, the gutter and the
    // caret's line are always the same lines, wherever the learner clicks.
    let lines = move || {
        (1..=line_count(&text.get()))
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    view! {
        <div class="editor-wrap">
            <div class="editor-bar">
                <label for=id.clone()>{label}</label>
                <button type="button" class="btn btn-small" on:click=format>"Format"</button>
            </div>
            <div class="editor">
                <div class="gutter" aria-hidden="true" node_ref=gutter>{lines}</div>
                <div class="code">
                    <pre class="paint" aria-hidden="true" node_ref=overlay>
                        <For
                            each=lines_painted
                            key=|line| line.clone()
                            children=|(_, spans)| view! {
                                <span class="pl">{spans.into_iter().map(|s| view! { <span class=s.class title=s.title>{s.text}</span> }).collect_view()}"\n"</span>
                            }
                        />
                    </pre>
                    <textarea
                        id=id
                        node_ref=area
                        class="source"
                        wrap="off"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        rows=move || (line_count(&text.get()) + 1).max(18)
                        aria-describedby=list_id.clone()
                        aria-invalid=move || found.get().iter().any(|f| f.severity == "Error").then_some("true")
                        prop:value=move || text.get()
                        on:input=move |ev| { text.set(event_target_value(&ev)); track_caret(); }
                        on:scroll=move |_| sync_scroll()
                        on:keyup=move |_| track_caret()
                        on:click=move |_| track_caret()
                        on:keydown=move |ev| {
                            if ev.key() == "Escape" {
                                leaving.set(true);
                                return;
                            }
                            if ev.key() == "Tab" && !ev.shift_key() && !leaving.get_untracked() && !ev.ctrl_key() && !ev.meta_key() {
                                ev.prevent_default();
                                if let Some(a) = area.get_untracked() {
                                    type_text(&a, "  ");
                                }
                            }
                            if ev.key() != "Tab" {
                                leaving.set(false);
                            }
                        }
                    ></textarea>
                </div>
            </div>
            <p class="help">"Tab indents; press Esc, then Tab, to move on. Undo with Ctrl+Z."</p>
            <div class="findings-box" id=list_id aria-live="polite">
                <p class="findings-summary" data-testid="findings-summary">{summary}</p>
                {move || at_caret().map(|f| view! {
                    <p class="at-caret" data-testid="finding-at-caret">
                        {format!("At the caret — {}: {}", f.severity, f.mark.message)}
                    </p>
                })}
                <ul class="findings">
                    {move || found.get().into_iter().map(|f| {
                        let offset = f.mark.offset;
                        let class = format!("finding {}", if f.severity == "Error" { "deny" } else { "implicit" });
                        let path = if f.path.is_empty() { String::new() } else { format!(" ({})", f.path) };
                        view! {
                            <li class=class data-testid="finding">
                                <button type="button" class="btn-link" on:click=move |_| jump(offset)>{f.place.clone()}</button>
                                " "<strong>{f.severity}</strong>" "<code class="mono">{f.code}</code>
                                <span class="muted">{path}</span>": "{f.mark.message.clone()}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kms_core::policy::AnyPrincipalExists;

    #[test]
    fn findings_carry_their_place_for_the_underline_and_the_jump() {
        let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Alow\", \"Action\": \"kms:Encrypt\", \"Resource\": \"*\"}]\n}";
        let f = findings(text, PolicyKind::Identity, &AnyPrincipalExists);
        let bad = f.iter().find(|x| x.code == "invalid-effect").unwrap();
        assert_eq!(bad.severity, "Error");
        assert!(bad.place.starts_with("line 3,"), "{}", bad.place);
        assert!(
            text[bad.mark.offset..].starts_with("\"Alow\""),
            "the offset is the value's"
        );
    }

    #[test]
    fn format_keeps_the_members_in_their_order() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Sid":"a","Effect":"Allow"}]}"#;
        let pretty = formatted(text).unwrap();
        assert!(pretty.find("Version").unwrap() < pretty.find("Statement").unwrap());
        assert!(pretty.find("Sid").unwrap() < pretty.find("Effect").unwrap());
        assert!(pretty.contains("\n  \"Statement\": ["));
        assert_eq!(formatted("{oops"), None);
    }
}
