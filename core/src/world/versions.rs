//! Change counters: how many times each part of a world has changed, so that whoever
//! shows a world (the page, an endpoint) learns what a request changed by comparing two
//! readings, not from a table of operation names.

use crate::service::Parts;

/// The parts counted, in the order of [`Versions::counts`].
const PARTS: [Parts; 7] = [
    Parts::PRINCIPALS,
    Parts::POLICIES,
    Parts::KEYS,
    Parts::GRANTS,
    Parts::S3,
    Parts::AUDIT,
    Parts::CLOCK,
];

/// A reading of a world's change counters ([`World::versions`](crate::World::versions)).
/// Each code path that changes a part counts it, where it changes it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Versions {
    counts: [u64; 7],
}

/// Counters are history, not content: two worlds that hold the same are equal however
/// they came to hold it.
impl PartialEq for Versions {
    fn eq(&self, _: &Versions) -> bool {
        true
    }
}

impl Versions {
    /// Counts a change to each of `parts`.
    pub(crate) fn touch(&mut self, parts: Parts) {
        for (count, part) in self.counts.iter_mut().zip(PARTS) {
            if parts.contains(part) {
                *count = count.wrapping_add(1);
            }
        }
    }

    /// The parts that changed between the reading `earlier` and this one.
    pub fn changed_since(&self, earlier: &Versions) -> Parts {
        self.counts
            .iter()
            .zip(earlier.counts)
            .zip(PARTS)
            .filter(|((now, then), _)| **now != *then)
            .fold(Parts::NONE, |acc, (_, p)| acc.and(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_says_what_changed_since_another() {
        let mut v = Versions::default();
        let start = v;
        v.touch(Parts::KEYS.and(Parts::AUDIT));
        let changed = v.changed_since(&start);
        assert!(changed.contains(Parts::KEYS) && changed.contains(Parts::AUDIT));
        assert!(!changed.contains(Parts::GRANTS));
        assert!(v.changed_since(&v).is_empty());
    }
}
