//! The matrix of decisions: a table of cells, each a button that opens the cell's
//! decision; a large grid a page of rows and columns at a time.

use kms_core::authz::Rule;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::vm::Grid;
use crate::format;
use crate::widgets::{focus_later, uid};

/// A cell's look: symbol, short word, CSS class.
fn look(rule: Option<Rule>) -> (&'static str, &'static str, &'static str) {
    match rule {
        Some(Rule::KeyPolicy | Rule::Iam) => ("✓", "allow", "allow"),
        Some(Rule::Grant) => ("✓", "grant", "grant"),
        Some(Rule::ExplicitDeny) => ("✕", "deny", "deny"),
        Some(Rule::ImplicitDeny) => ("–", "none", "implicit"),
        None => ("·", "n/a", "na"),
    }
}

/// A rule in words, for accessible names.
pub(super) fn words(rule: Option<Rule>) -> String {
    match rule {
        Some(r) => {
            let v = format::verdict(r);
            match r {
                Rule::KeyPolicy => format!("{} (key policy)", v.word),
                Rule::Iam => format!("{} (IAM policy)", v.word),
                _ => String::from(v.word),
            }
        }
        None => String::from("not applicable"),
    }
}

/// What one cell of a matrix shows.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Look {
    class: String,
    text: String,
    label: String,
}

/// One cell's look: the saved decision, or the draft's where it differs (marked).
fn look_at(g: &Grid, d: Option<&Grid>, i: usize) -> Look {
    let cols = g.cols.len().max(1);
    let (r, c) = (i / cols, i % cols);
    let saved = g.cell(r, c);
    let after = d.map(|d| d.cell(r, c));
    let changed = after.is_some_and(|a| a != saved);
    let shown = if changed { after.flatten() } else { saved };
    let (symbol, word, class) = look(shown);
    let row = g.rows.get(r).map_or("", |x| x.1.as_str());
    let col = g.cols.get(c).map_or("", |x| x.1.as_str());
    let mut label = format!("{row}, {col}: {}", words(saved));
    if changed {
        label.push_str(&format!("; with the draft: {}", words(after.flatten())));
    }
    Look {
        class: format!("cell {class}{}", if changed { " changed" } else { "" }),
        text: format!("{symbol} {word}{}", if changed { " •" } else { "" }),
        label,
    }
}

/// How many rows and columns of a matrix show at once. A 200 × 120 world's grid (24,000
/// cells) cannot be laid out by a browser within a frame, nor read by a learner: it shows
/// a page of it, with the pages to move between (as the AWS console pages its tables).
const ROWS_PER_PAGE: usize = 12;
const COLS_PER_PAGE: usize = 20;

/// `first–last of all`, for the pager: "1–25 of 201".
fn span(page: usize, per: usize, all: usize) -> String {
    let first = (page * per + 1).min(all);
    let last = ((page + 1) * per).min(all);
    format!("{first}–{last} of {all}")
}

/// A matrix of decisions: row and column headers, a button per cell (arrow keys move
/// between cells, Enter opens one), cells a draft would change marked. The table is built
/// once per shape and page; a draft's keystroke only updates the cells' text and names. A
/// large grid shows a page of rows and columns at a time.
#[component]
pub fn Matrix(
    /// What the table holds, for screen readers.
    caption: String,
    /// The grid (saved).
    #[prop(into)]
    grid: Signal<Grid>,
    /// The grid with a draft, if one is being edited.
    #[prop(into)]
    draft: Signal<Option<Grid>>,
    /// Whether the draft's result is stale (the draft does not parse now).
    #[prop(into)]
    stale: Signal<bool>,
    /// The open cell.
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let focus = RwSignal::new(0usize);
    let prefix: StoredValue<String> = StoredValue::new(uid("cell"));
    let move_focus = move |to: usize| {
        focus.set(to);
        focus_later(format!("{}-{to}", prefix.get_value()));
    };
    let shape = Memo::new(move |_| grid.with(|g| (g.rows.clone(), g.cols.clone())));
    let row_page = RwSignal::new(0usize);
    let col_page = RwSignal::new(0usize);
    // A new shape starts again from its first page.
    Effect::new(move |_| {
        shape.track();
        row_page.set(0);
        col_page.set(0);
    });
    // Each cell follows its own look: a keystroke that changes a few decisions touches only
    // those cells in the page.
    let cell_look = move |i: usize| {
        Memo::new(move |_| grid.with(|g| draft.with(|d| look_at(g, d.as_ref(), i))))
    };
    let part = move |look: Memo<Look>, f: fn(&Look) -> String| move || look.with(f);
    let pager = move || {
        let (rows, cols) = shape.with(|(r, c)| (r.len(), c.len()));
        let (rp, cp) = (row_page.get(), col_page.get());
        let row_pages = rows.div_ceil(ROWS_PER_PAGE);
        let col_pages = cols.div_ceil(COLS_PER_PAGE);
        (row_pages > 1 || col_pages > 1).then(|| {
            view! {
                <div class="toolbar pager" role="group" aria-label="Pages of the matrix" data-testid="matrix-pager">
                    {(row_pages > 1).then(|| view! {
                        <button type="button" class="btn btn-small" disabled={rp == 0} on:click=move |_| row_page.update(|p| *p = p.saturating_sub(1))>"↑ Previous rows"</button>
                        <span class="small" data-testid="matrix-rows">{format!("Rows {}", span(rp, ROWS_PER_PAGE, rows))}</span>
                        <button type="button" class="btn btn-small" disabled={rp + 1 >= row_pages} on:click=move |_| row_page.update(|p| *p += 1)>"↓ Next rows"</button>
                    })}
                    {(col_pages > 1).then(|| view! {
                        <button type="button" class="btn btn-small" disabled={cp == 0} on:click=move |_| col_page.update(|p| *p = p.saturating_sub(1))>"← Previous columns"</button>
                        <span class="small" data-testid="matrix-cols">{format!("Columns {}", span(cp, COLS_PER_PAGE, cols))}</span>
                        <button type="button" class="btn btn-small" disabled={cp + 1 >= col_pages} on:click=move |_| col_page.update(|p| *p += 1)>"→ Next columns"</button>
                    })}
                </div>
            }
        })
    };
    view! {
        {pager}
        <div class="table-wrap matrix-wrap" class:stale=move || stale.get()>
            {move || {
                let (row_labels, col_labels) = shape.get();
                let cols = col_labels.len();
                let rows = row_labels.len();
                let r0 = (row_page.get() * ROWS_PER_PAGE).min(rows);
                let r1 = (r0 + ROWS_PER_PAGE).min(rows);
                let c0 = (col_page.get() * COLS_PER_PAGE).min(cols);
                let c1 = (c0 + COLS_PER_PAGE).min(cols);
                let shown = col_labels.get(c0..c1).unwrap_or_default().to_vec();
                let mut groups: Vec<(&str, usize)> = Vec::new();
                for c in &shown {
                    match groups.last_mut() {
                        Some((name, n)) if *name == c.2 => *n += 1,
                        _ => groups.push((c.2, 1)),
                    }
                }
                let grouped = groups.iter().any(|(g, _)| !g.is_empty());
                let prefix = prefix.get_value();
                // The cell Tab reaches: the one last focused, when it is on this page.
                let on_page = move |i: usize| {
                    let (r, c) = (i / cols.max(1), i % cols.max(1));
                    (r0..r1).contains(&r) && (c0..c1).contains(&c)
                };
                let first = r0 * cols + c0;
                let tab_stop = move |i: usize| {
                    let f = focus.get();
                    f == i || (!on_page(f) && i == first)
                };
                // One handler for the whole table (not two per cell): the cell is the
                // button's `data-cell`.
                let cell_of = |ev: &leptos::ev::Event| {
                    ev.target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .and_then(|e| e.closest("button[data-cell]").ok().flatten())
                        .and_then(|b| b.get_attribute("data-cell"))
                        .and_then(|n| n.parse::<usize>().ok())
                };
                let on_click = move |ev: leptos::ev::MouseEvent| {
                    if let Some(i) = cell_of(&ev) {
                        focus.set(i);
                        selected.set(Some(i));
                    }
                };
                let on_key = move |ev: leptos::ev::KeyboardEvent| {
                    let Some(i) = cell_of(&ev) else {
                        return;
                    };
                    let (r, c) = (i / cols.max(1), i % cols.max(1));
                    let next = match ev.key().as_str() {
                        "ArrowRight" if c + 1 < c1 => Some(i + 1),
                        "ArrowLeft" if c > c0 => Some(i - 1),
                        "ArrowDown" if r + 1 < r1 => Some(i + cols),
                        "ArrowUp" if r > r0 => Some(i - cols),
                        "Home" => Some(r * cols + c0),
                        "End" => Some(r * cols + c1 - 1),
                        _ => None,
                    };
                    if let Some(n) = next {
                        ev.prevent_default();
                        move_focus(n);
                    }
                };
                view! {
                    <table class="matrix" data-testid="matrix" on:click=on_click on:keydown=on_key>
                        <caption class="visually-hidden">{caption.clone()}</caption>
                        <thead>
                            {grouped.then(|| view! {
                                <tr class="groups">
                                    <td></td>
                                    {groups.iter().map(|(name, n)| view! { <th scope="colgroup" colspan=n.to_string()>{name.to_string()}</th> }).collect_view()}
                                </tr>
                            })}
                            <tr>
                                <td></td>
                                {shown.iter().map(|c| view! { <th scope="col"><span class="col-label">{c.1.clone()}</span></th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {(r0..r1).map(|r| view! {
                                <tr>
                                    <th scope="row">{row_labels.get(r).map(|x| x.1.clone()).unwrap_or_default()}</th>
                                    {(c0..c1).map(|c| {
                                        let i = r * cols + c;
                                        let l = cell_look(i);
                                        view! {
                                            <td class=part(l, |l| l.class.clone())>
                                                <button
                                                    type="button"
                                                    id=format!("{prefix}-{i}")
                                                    data-cell=i.to_string()
                                                    aria-label=part(l, |l| l.label.clone())
                                                    title=part(l, |l| l.label.clone())
                                                    tabindex=move || if tab_stop(i) { "0" } else { "-1" }
                                                    aria-pressed=move || if selected.get() == Some(i) { "true" } else { "false" }
                                                >
                                                    <span aria-hidden="true">{part(l, |l| l.text.clone())}</span>
                                                </button>
                                            </td>
                                        }
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            }}
        </div>
    }
}

/// The legend of the matrix's symbols.
#[component]
pub fn Legend() -> impl IntoView {
    view! {
        <p class="legend small" aria-label="Legend">
            <span class="cell allow">"✓ allow"</span>" allowed (key policy or IAM) · "
            <span class="cell grant">"✓ grant"</span>" allowed by a grant · "
            <span class="cell deny">"✕ deny"</span>" explicit deny · "
            <span class="cell implicit">"– none"</span>" implicit deny (nothing allows it) · "
            <span class="cell changed">"•"</span>" the draft would change it"
        </p>
    }
}
