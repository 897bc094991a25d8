//! Grids of decisions, computed whole or a few principals at a time: a large world's
//! matrix (200 principals × 120 keys) is computed in slices between which the page
//! answers clicks and keys (see `sliced.rs`).

use std::ops::Range;

use kms_core::World;
use kms_core::action::Action;
use kms_core::api::RequestFacts;
use kms_core::ids::KeyArn;
use kms_core::matrix::{Axes, Draft};

use super::{GROUPS, Grid, View, actions, keys, principals};

/// A grid to compute: its rows and columns, and the principals, keys and actions whose
/// decisions fill it (principal-major, then key, then action: each view's rows × columns
/// are that order with one axis of size 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridJob {
    rows: Vec<(String, String)>,
    cols: Vec<(String, String, &'static str)>,
    p: Vec<String>,
    k: Vec<KeyArn>,
    a: Vec<Action>,
}

impl GridJob {
    /// The grid of `view` in `w`.
    pub fn new(w: &World, view: &View) -> GridJob {
        let all_keys = keys(w);
        let all_principals = principals(w);
        let acts = actions();
        let group_of = |a: Action| {
            GROUPS
                .iter()
                .find(|(_, list)| list.contains(&a))
                .map_or("", |(g, _)| *g)
        };
        let action_cols = || {
            acts.iter()
                .map(|a| (a.name().to_string(), a.name().to_string(), group_of(*a)))
                .collect::<Vec<_>>()
        };
        let (rows, cols, p, k, a) = match view {
            View::Principal(who) => (
                all_keys
                    .iter()
                    .map(|(a, l)| (a.to_string(), l.clone()))
                    .collect(),
                action_cols(),
                vec![who.clone()],
                all_keys.iter().map(|(a, _)| a.clone()).collect(),
                acts.clone(),
            ),
            View::Key(key) => (
                all_principals.clone(),
                action_cols(),
                all_principals.iter().map(|(a, _)| a.clone()).collect(),
                vec![key.clone()],
                acts.clone(),
            ),
            View::Action(action) => (
                all_principals.clone(),
                all_keys
                    .iter()
                    .map(|(a, l)| (a.to_string(), l.clone(), ""))
                    .collect(),
                all_principals.iter().map(|(a, _)| a.clone()).collect(),
                all_keys.iter().map(|(a, _)| a.clone()).collect(),
                vec![*action],
            ),
        };
        GridJob {
            rows,
            cols,
            p,
            k,
            a,
        }
    }

    /// Every decision of the world: every principal × every key × the 20 actions (for
    /// counting what a draft changes anywhere). Its grid has no labels.
    pub fn whole(w: &World) -> GridJob {
        GridJob {
            rows: Vec::new(),
            cols: Vec::new(),
            p: principals(w).into_iter().map(|(a, _)| a).collect(),
            k: keys(w).into_iter().map(|(a, _)| a).collect(),
            a: actions(),
        }
    }

    /// How many principals it asks about.
    pub fn principals(&self) -> usize {
        self.p.len()
    }

    /// How many decisions it makes.
    pub fn size(&self) -> usize {
        self.p.len() * self.k.len() * self.a.len()
    }

    /// The decisions of the principals in `range`, with `facts`, keys named by alias when
    /// `by_alias`, and `draft` in place of a saved policy.
    pub fn cells(
        &self,
        w: &World,
        facts: &RequestFacts<'_>,
        by_alias: bool,
        draft: Option<Draft<'_>>,
        range: Range<usize>,
    ) -> Vec<Option<kms_core::authz::Rule>> {
        let p_refs: Vec<&str> = self
            .p
            .get(range)
            .unwrap_or_default()
            .iter()
            .map(String::as_str)
            .collect();
        let k_refs: Vec<&KeyArn> = self.k.iter().collect();
        w.access_matrix(
            &Axes {
                principals: &p_refs,
                keys: &k_refs,
                actions: &self.a,
            },
            facts,
            by_alias,
            draft,
        )
    }

    /// The grid, with its cells (as [`GridJob::cells`] gave them, for every principal).
    /// Each cell's coordinates are read from the axes when asked for ([`Grid::coords`]):
    /// a large world's grid holds tens of thousands of cells.
    pub fn finish(&self, cells: Vec<Option<kms_core::authz::Rule>>) -> Grid {
        Grid {
            rows: self.rows.clone(),
            cols: self.cols.clone(),
            cells,
            axes: (self.p.clone(), self.k.clone(), self.a.clone()),
        }
    }
}

/// The grid of `view`, with `facts`, keys named by alias when `by_alias`, and `draft` in
/// place of a saved policy: all at once.
pub fn grid(
    w: &World,
    view: &View,
    facts: &RequestFacts<'_>,
    by_alias: bool,
    draft: Option<Draft<'_>>,
) -> Grid {
    let job = GridJob::new(w, view);
    let cells = job.cells(w, facts, by_alias, draft, 0..job.principals());
    job.finish(cells)
}
