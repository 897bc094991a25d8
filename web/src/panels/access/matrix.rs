//! The matrix of decisions: a table of cells, each a button that opens the cell's
//! decision; a large grid a page of rows and columns at a time.

use kms_core::authz::Rule;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

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
    let shape = Memo::new(move |_| grid.with(|g| (g.rows.clone(), g.cols.clone())));
    let row_page = RwSignal::new(0usize);
    let col_page = RwSignal::new(0usize);
    // A new shape starts again from its first page.
    Effect::new(move |_| {
        shape.track();
        row_page.set(0);
        col_page.set(0);
    });
    // The page's first row and column, and the cell a slot of the page shows. The table is
    // built once per shape as a page of slots; turning a page only changes what the slots
    // say (no element is made or dropped), so a large grid pages within a frame.
    let origin = move || {
        (
            row_page.get() * ROWS_PER_PAGE,
            col_page.get() * COLS_PER_PAGE,
        )
    };
    let slot_cell = move |sr: usize, sc: usize| {
        let (r0, c0) = origin();
        shape.with(|(rows, cols)| {
            let (r, c) = (r0 + sr, c0 + sc);
            (r < rows.len() && c < cols.len()).then(|| r * cols.len() + c)
        })
    };
    // Each slot follows its own look: a keystroke that changes a few decisions touches only
    // those cells in the page.
    let cell_look = move |sr: usize, sc: usize| {
        Memo::new(move |_| {
            let i = slot_cell(sr, sc)?;
            grid.with(|g| draft.with(|d| Some(look_at(g, d.as_ref(), i))))
        })
    };
    let part = move |look: Memo<Option<Look>>, f: fn(&Look) -> String| {
        move || look.with(|l| l.as_ref().map(f).unwrap_or_default())
    };
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
    // Whether the table is wider than its card: then it scrolls sideways, and says so.
    // Measured when the table changes, and when the card's size does (a window resized, a
    // hidden matrix shown again).
    let wrap = NodeRef::<leptos::html::Div>::new();
    let overflows = RwSignal::new(false);
    let measure = move || {
        if let Some(el) = wrap.get_untracked() {
            let wider = el.scroll_width() > el.client_width() + 1;
            if overflows.get_untracked() != wider {
                overflows.set(wider);
            }
        }
    };
    Effect::new(move |_| {
        shape.track();
        row_page.track();
        col_page.track();
        request_animation_frame(measure);
    });
    let observer = StoredValue::new_local(None::<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>);
    wrap.on_load(move |el| {
        let on_resize = Closure::<dyn FnMut()>::new(measure);
        if let Ok(o) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            o.observe(&el);
            observer.set_value(Some((o, on_resize)));
        }
    });
    on_cleanup(move || {
        observer.update_value(|o| {
            if let Some((o, _)) = o.take() {
                o.disconnect();
            }
        });
    });
    view! {
        {pager}
        {move || overflows.get().then(|| view! {
            <p class="small muted scroll-hint" data-testid="scroll-hint">"Wider than the screen: scroll the table sideways to see every column."</p>
        })}
        <div class="table-wrap matrix-wrap" class:stale=move || stale.get() node_ref=wrap>
            {move || {
                let (row_labels, col_labels) = shape.get();
                let (rows, cols) = (row_labels.len(), col_labels.len());
                let slot_rows = rows.min(ROWS_PER_PAGE);
                let slot_cols = cols.min(COLS_PER_PAGE);
                let slot_id = move |sr: usize, sc: usize| prefix.with_value(|p| format!("{p}-{sr}-{sc}"));
                // How many rows and columns of slots the page fills.
                let filled = move || {
                    let (r0, c0) = origin();
                    (rows.saturating_sub(r0).min(slot_rows), cols.saturating_sub(c0).min(slot_cols))
                };
                // The cell Tab reaches: the one last focused, when it is on this page; else
                // the page's first.
                let tab_stop = move |sr: usize, sc: usize| {
                    let f = focus.get();
                    let (r0, c0) = origin();
                    let (fr, fc) = (f / cols.max(1), f % cols.max(1));
                    let (h, w) = filled();
                    let on_page = (r0..r0 + h).contains(&fr) && (c0..c0 + w).contains(&fc);
                    if on_page { (fr - r0, fc - c0) == (sr, sc) } else { (sr, sc) == (0, 0) }
                };
                // One handler for the whole table (not two per cell): the slot is the
                // button's `data-slot`, "row,column" of the page.
                let slot_of = |ev: &leptos::ev::Event| {
                    let at = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .and_then(|e| e.closest("button[data-slot]").ok().flatten())
                        .and_then(|b| b.get_attribute("data-slot"))?;
                    let (r, c) = at.split_once(',')?;
                    Some((r.parse::<usize>().ok()?, c.parse::<usize>().ok()?))
                };
                let on_click = move |ev: leptos::ev::MouseEvent| {
                    if let Some(i) = slot_of(&ev).and_then(|(sr, sc)| slot_cell(sr, sc)) {
                        focus.set(i);
                        selected.set(Some(i));
                    }
                };
                let on_key = move |ev: leptos::ev::KeyboardEvent| {
                    let Some((r, c)) = slot_of(&ev) else {
                        return;
                    };
                    let (h, w) = filled();
                    let next = match ev.key().as_str() {
                        "ArrowRight" if c + 1 < w => Some((r, c + 1)),
                        "ArrowLeft" if c > 0 => Some((r, c - 1)),
                        "ArrowDown" if r + 1 < h => Some((r + 1, c)),
                        "ArrowUp" if r > 0 => Some((r - 1, c)),
                        "Home" => Some((r, 0)),
                        "End" => Some((r, w.saturating_sub(1))),
                        _ => None,
                    };
                    if let Some((r, c)) = next {
                        ev.prevent_default();
                        if let Some(i) = slot_cell(r, c) {
                            focus.set(i);
                            focus_later(slot_id(r, c));
                        }
                    }
                };
                // The shown columns' groups ("Grants", …): a few headers, made again per page.
                let groups = move || {
                    let c0 = origin().1;
                    let shown = col_labels.get(c0..(c0 + COLS_PER_PAGE).min(cols)).unwrap_or_default();
                    let mut groups: Vec<(&str, usize)> = Vec::new();
                    for c in shown {
                        match groups.last_mut() {
                            Some((name, n)) if *name == c.2 => *n += 1,
                            _ => groups.push((c.2, 1)),
                        }
                    }
                    groups.iter().any(|(g, _)| !g.is_empty()).then(|| view! {
                        <tr class="groups">
                            <td></td>
                            {groups.iter().map(|(name, n)| view! { <th scope="colgroup" colspan=n.to_string()>{name.to_string()}</th> }).collect_view()}
                        </tr>
                    })
                };
                let col_label = move |sc: usize| {
                    move || shape.with(|(_, c)| c.get(origin().1 + sc).map(|x| x.1.clone()).unwrap_or_default())
                };
                let row_label = move |sr: usize| {
                    move || shape.with(|(r, _)| r.get(origin().0 + sr).map(|x| x.1.clone()).unwrap_or_default())
                };
                let table_class = move || if filled().1 > 8 { "matrix wide" } else { "matrix" };
                view! {
                    <table class=table_class data-testid="matrix" on:click=on_click on:keydown=on_key>
                        <caption class="visually-hidden">{caption.clone()}</caption>
                        <thead>
                            {groups}
                            <tr>
                                <td></td>
                                {(0..slot_cols).map(|sc| view! {
                                    <th scope="col" hidden=move || { sc >= filled().1 }><span class="col-label">{col_label(sc)}</span></th>
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {(0..slot_rows).map(|sr| view! {
                                <tr hidden=move || { sr >= filled().0 }>
                                    <th scope="row">{row_label(sr)}</th>
                                    {(0..slot_cols).map(|sc| {
                                        let l = cell_look(sr, sc);
                                        view! {
                                            <td class=part(l, |l| l.class.clone()) hidden=move || l.with(Option::is_none)>
                                                <button
                                                    type="button"
                                                    id=slot_id(sr, sc)
                                                    data-slot=format!("{sr},{sc}")
                                                    aria-label=part(l, |l| l.label.clone())
                                                    title=part(l, |l| l.label.clone())
                                                    tabindex=move || if tab_stop(sr, sc) { "0" } else { "-1" }
                                                    aria-pressed=move || if selected.get().is_some() && selected.get() == slot_cell(sr, sc) { "true" } else { "false" }
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
