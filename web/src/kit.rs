//! The page's building blocks, driven by data: a table is columns and rows of [`Cell`]s, a
//! form is a list of [`Field`]s, facts are labelled cells. Panels describe what to show;
//! these few components draw everything, the same way everywhere — and, as each is
//! compiled once rather than once per panel, the first visit stays small.

use std::sync::Arc;

use kms_core::authz::Rule;
use kms_core::keys::KeyState;
use leptos::prelude::*;

use crate::format;
use crate::widgets::{CopyButton, uid};

/// Something to do when a button is pressed.
pub type Act = Arc<dyn Fn() + Send + Sync>;

/// Keeps `choice` on one of `options`: its own while offered, else the first (or empty
/// when there is none). A select whose list changes — another Region, a bucket gone —
/// never holds a value it does not offer.
pub fn follow_options(choice: RwSignal<String>, options: Signal<Vec<(String, String)>>) {
    Effect::new(move |_| {
        options.with(|all| {
            if !all.iter().any(|(v, _)| *v == choice.get_untracked()) {
                choice.set(all.first().map(|o| o.0.clone()).unwrap_or_default());
            }
        });
    });
}

/// What an envelope tool says in a Region where the account has no `what` (`KMS key`).
#[component]
pub fn NoKeyHere(what: &'static str, testid: &'static str) -> impl IntoView {
    let pg = crate::widgets::use_pg();
    view! {
        <p class="note" data-testid=testid>{move || {
            let r = pg.ui.region.get();
            format!("No {what} in {r}. A KMS key lives in one Region, and KMS in {r} knows only the keys made there: choose the Region of your keys in the header (the study notes' keys are in us-east-1).")
        }}</p>
    }
}

/// Sets member `key` of a JSON object (a request being built).
pub fn set(v: &mut serde_json::Value, key: &str, value: serde_json::Value) {
    if let serde_json::Value::Object(m) = v {
        m.insert(String::from(key), value);
    }
}

/// `k=v` lines → a JSON object of strings (an encryption context); the line that is not a
/// pair, if any.
pub fn parse_pairs(text: &str) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    let mut out = serde_json::Map::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .ok_or_else(|| format!("Line {} is not key=value: {line}", i + 1))?;
        out.insert(
            k.trim().to_string(),
            serde_json::Value::String(v.trim().to_string()),
        );
    }
    Ok(out)
}

/// Wraps a closure as an [`Act`].
pub fn act(f: impl Fn() + Send + Sync + 'static) -> Act {
    Arc::new(f)
}

/// How a button looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// An ordinary button.
    Plain,
    /// The main action.
    Primary,
    /// A destructive action.
    Danger,
}

/// A piece of content: in a table cell, a fact, a line.
#[derive(Clone)]
pub enum Cell {
    /// Plain text.
    Text(String),
    /// Bold text.
    Strong(String),
    /// Quiet text.
    Muted(String),
    /// Monospace text, whole.
    Mono(String),
    /// A long identifier: monospace, cut in the middle to this many characters, with a
    /// copy button naming what it is.
    Id(String, usize, &'static str),
    /// A key state badge.
    State(KeyState),
    /// A decision's verdict badge.
    Verdict(Rule),
    /// ✓ or ✕ with a word, coloured.
    Mark(bool, String),
    /// A link (href, text).
    Link(String, String),
    /// A button (label, what it does, how it looks).
    Button(String, Act, Tone),
    /// Cells side by side.
    Row(Vec<Cell>),
    /// Cells one per line.
    Lines(Vec<Cell>),
    /// Nothing.
    Empty,
}

impl Cell {
    /// Text, or an em dash when it is empty.
    pub fn text_or_dash(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Muted(String::from("—"))
        } else {
            Cell::Text(s)
        }
    }
}

/// Draws a cell.
pub fn cell(c: Cell) -> AnyView {
    match c {
        Cell::Text(t) => t.into_any(),
        Cell::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
        Cell::Muted(t) => view! { <span class="muted">{t}</span> }.into_any(),
        Cell::Mono(t) => view! { <code class="mono">{t}</code> }.into_any(),
        Cell::Id(value, max, what) => {
            let short = format::middle(&value, max);
            view! {
                <span class="arn">
                    <code class="mono" title=value.clone() aria-label=value.clone()>{short}</code>
                    <CopyButton text=value what=what/>
                </span>
            }
            .into_any()
        }
        Cell::State(s) => {
            let class = match s {
                KeyState::Enabled => "badge state-enabled",
                KeyState::Disabled => "badge state-disabled",
                KeyState::PendingDeletion => "badge state-pending",
            };
            let text = format!("{} {}", format::state_symbol(s), format::state(s));
            view! { <span class=class>{text}</span> }.into_any()
        }
        Cell::Verdict(rule) => {
            let v = format::verdict(rule);
            view! { <span class=format!("badge verdict {}", v.class)>{format!("{} {}", v.symbol, v.word)}</span> }
                .into_any()
        }
        Cell::Mark(ok, word) => {
            let (class, mark) = if ok { ("result ok", "✓ ") } else { ("result failed", "✕ ") };
            view! { <span class=class>{format!("{mark}{word}")}</span> }.into_any()
        }
        Cell::Link(href, text) => view! { <a href=href>{text}</a> }.into_any(),
        Cell::Button(label, on, tone) => button(label, on, tone),
        Cell::Row(cells) => view! { <span class="cell-row">{cells.into_iter().map(cell).collect_view()}</span> }.into_any(),
        Cell::Lines(cells) => view! { <span class="cell-lines">{cells.into_iter().map(|c| view! { <span>{cell(c)}</span> }).collect_view()}</span> }.into_any(),
        Cell::Empty => ().into_any(),
    }
}

/// A button.
pub fn button(label: String, on: Act, tone: Tone) -> AnyView {
    let class = match tone {
        Tone::Plain => "btn btn-small",
        Tone::Primary => "btn btn-small btn-primary",
        Tone::Danger => "btn btn-small btn-danger",
    };
    view! { <button type="button" class=class on:click=move |_| on()>{label}</button> }.into_any()
}

/// A column of a [`Table`].
#[derive(Clone, Copy, Debug)]
pub struct Col {
    /// Its heading.
    pub title: &'static str,
    /// Whether it is left out on narrow screens.
    pub wide_only: bool,
}

/// A column shown everywhere.
pub const fn col(title: &'static str) -> Col {
    Col {
        title,
        wide_only: false,
    }
}

/// A column shown on wide screens only.
pub const fn wide(title: &'static str) -> Col {
    Col {
        title,
        wide_only: true,
    }
}

/// A row of a [`Table`].
#[derive(Clone)]
pub struct Row {
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// A CSS class for the row (`selected`, `denied`), or empty.
    pub class: &'static str,
}

/// A row without a class.
pub fn row(cells: Vec<Cell>) -> Row {
    Row { cells, class: "" }
}

/// A table: a caption for screen readers, columns, rows, and what to say when there are
/// none.
#[component]
pub fn Table(
    /// What the table holds, for screen readers.
    caption: &'static str,
    /// The columns.
    cols: &'static [Col],
    /// The rows.
    #[prop(into)]
    rows: Signal<Vec<Row>>,
    /// Said when there are no rows.
    empty: &'static str,
) -> impl IntoView {
    view! {
        {move || {
            let all = rows.get();
            if all.is_empty() {
                return view! { <p class="empty-note">{empty}</p> }.into_any();
            }
            view! {
                <div class="table-wrap">
                    <table>
                        <caption class="visually-hidden">{caption}</caption>
                        <thead><tr>{cols.iter().map(|c| view! { <th scope="col" class:wide-only=c.wide_only>{c.title}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {all.into_iter().map(|r| view! {
                                <tr class=r.class>
                                    {r.cells.into_iter().zip(cols.iter()).map(|(c, col)| view! { <td class:wide-only=col.wide_only>{cell(c)}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}

/// Labelled facts, as the console's "General configuration".
#[component]
pub fn Facts(
    /// Label and value.
    items: Vec<(&'static str, Cell)>,
) -> impl IntoView {
    view! {
        <dl class="facts grid">
            {items.into_iter().map(|(label, c)| view! { <div><dt>{label}</dt><dd>{cell(c)}</dd></div> }).collect_view()}
        </dl>
    }
}

/// What a form field edits.
#[derive(Clone)]
pub enum Input {
    /// One line of text.
    Text(RwSignal<String>),
    /// A number, as typed (the call says what is wrong with it).
    Number(RwSignal<String>),
    /// Several lines; `true` for code (monospace).
    Area(RwSignal<String>, u32, bool),
    /// One of several options (value, label).
    Select(RwSignal<String>, Signal<Vec<(String, String)>>),
    /// Yes or no.
    Check(RwSignal<bool>),
    /// Any of several options (value, label).
    Choices(RwSignal<Vec<String>>, Signal<Vec<(String, String)>>),
}

/// A labelled form field, with help and an error line.
#[derive(Clone)]
pub struct Field {
    /// The label.
    pub label: String,
    /// What the field edits.
    pub input: Input,
    /// Help under it.
    pub help: Option<String>,
    /// The error, if any.
    pub error: Option<Signal<Option<String>>>,
    /// A fixed prefix shown before it (`alias/`).
    pub prefix: Option<&'static str>,
}

impl Field {
    /// A field.
    pub fn new(label: impl Into<String>, input: Input) -> Field {
        Field {
            label: label.into(),
            input,
            help: None,
            error: None,
            prefix: None,
        }
    }

    /// With help under it.
    pub fn help(mut self, help: impl Into<String>) -> Field {
        self.help = Some(help.into());
        self
    }

    /// With an error line.
    pub fn error(mut self, error: Signal<Option<String>>) -> Field {
        self.error = Some(error);
        self
    }

    /// With a prefix.
    pub fn prefix(mut self, prefix: &'static str) -> Field {
        self.prefix = Some(prefix);
        self
    }
}

/// Draws a field.
pub fn field(f: Field) -> AnyView {
    let id = uid("f");
    let help_id = format!("{id}-help");
    let err_id = format!("{id}-err");
    let described = format!("{help_id} {err_id}");
    let error = f.error;
    let invalid = move || error.and_then(|e| e.get()).map(|_| "true");
    let help = f
        .help
        .map(|h| view! { <p class="help" id=help_id.clone()>{h}</p> });
    let err = view! { <p class="field-error" id=err_id>{move || error.and_then(|e| e.get())}</p> };
    match f.input {
        Input::Check(value) => view! {
            <div class="field">
                <label class="check">
                    <input type="checkbox" aria-describedby=described prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev))/>
                    {f.label}
                </label>
                {help}{err}
            </div>
        }
        .into_any(),
        Input::Choices(chosen, options) => view! {
            <fieldset class="field" aria-describedby=described>
                <legend>{f.label}</legend>
                <div class="checks">
                    {move || options.get().into_iter().map(|(value, label)| {
                        let v = value.clone();
                        let title = value.clone();
                        view! {
                            <label class="check" title=title>
                                <input
                                    type="checkbox"
                                    prop:checked=move || chosen.get().contains(&value)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| {
                                            c.retain(|x| *x != v);
                                            if on {
                                                c.push(v.clone());
                                            }
                                        });
                                    }
                                />
                                {label}
                            </label>
                        }
                    }).collect_view()}
                </div>
                {help}{err}
            </fieldset>
        }
        .into_any(),
        input => {
            let control = match input {
                Input::Text(value) => view! {
                    <input id=id.clone() autocomplete="off" spellcheck="false" aria-describedby=described aria-invalid=invalid
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                }
                .into_any(),
                Input::Number(value) => view! {
                    <input id=id.clone() type="number" inputmode="numeric" aria-describedby=described aria-invalid=invalid
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                }
                .into_any(),
                Input::Area(value, rows, code) => view! {
                    <textarea id=id.clone() rows=rows class:code=code spellcheck="false" aria-describedby=described aria-invalid=invalid
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                }
                .into_any(),
                Input::Select(value, options) => view! {
                    <select id=id.clone() aria-describedby=described prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                        {move || options.get().into_iter().map(|(v, l)| {
                            let selected = value.get_untracked() == v;
                            view! { <option value=v selected=selected>{l}</option> }
                        }).collect_view()}
                    </select>
                }
                .into_any(),
                _ => ().into_any(),
            };
            let control = match f.prefix {
                Some(p) => view! { <div class="prefixed"><span class="prefix mono" aria-hidden="true">{p}</span>{control}</div> }.into_any(),
                None => control,
            };
            view! {
                <div class="field">
                    <label for=id>{f.label}</label>
                    {control}
                    {help}{err}
                </div>
            }
            .into_any()
        }
    }
}

/// A form: its fields, and a submit button that runs `submit`.
#[component]
pub fn Form(
    /// The fields.
    fields: Vec<Field>,
    /// The submit button's label.
    submit: String,
    /// What submitting does.
    on_submit: Act,
    /// Fields side by side rather than stacked.
    #[prop(optional)]
    row: bool,
) -> impl IntoView {
    let class = if row {
        "inline-form row"
    } else {
        "inline-form"
    };
    view! {
        <form class=class on:submit=move |ev| { ev.prevent_default(); on_submit(); }>
            {fields.into_iter().map(field).collect_view()}
            <div class="form-actions"><button type="submit" class="btn btn-primary">{submit}</button></div>
        </form>
    }
}

/// Fields that act as soon as they change (filters): no submit button.
#[component]
pub fn Fields(
    /// The fields.
    fields: Vec<Field>,
) -> impl IntoView {
    view! { <div class="inline-form row">{fields.into_iter().map(field).collect_view()}</div> }
}

/// Buttons in a row.
#[component]
pub fn Toolbar(
    /// The buttons (or other cells).
    items: Vec<Cell>,
) -> impl IntoView {
    view! { <div class="toolbar">{items.into_iter().map(cell).collect_view()}</div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_read_line_by_line() {
        let m = parse_pairs("app = notes\n\nteam=blue=green\n").unwrap();
        assert_eq!(m["app"], "notes");
        assert_eq!(m["team"], "blue=green");
        assert_eq!(
            parse_pairs("nope").unwrap_err(),
            "Line 1 is not key=value: nope"
        );
    }
}
