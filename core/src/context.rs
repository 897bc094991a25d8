//! Encryption context: string pairs bound to a ciphertext as additional authenticated data.

use alloc::collections::BTreeMap;
use alloc::string::String;

/// An encryption context: a map of string pairs. Keys are unique and kept sorted, so the
/// order in which a request lists them never matters; comparison is case-sensitive.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EncryptionContext(BTreeMap<String, String>);

impl EncryptionContext {
    /// The empty context.
    pub fn new() -> EncryptionContext {
        EncryptionContext(BTreeMap::new())
    }

    /// Adds (or replaces) a pair.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.0.insert(key.into(), value.into());
    }

    /// The value of `key` (exact match).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// The value of the first key equal to `key` ignoring ASCII case, as condition keys
    /// `kms:EncryptionContext:<k>` look it up.
    pub fn get_ignore_case(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// Whether there is no pair.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of pairs.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The pairs, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The underlying map.
    pub fn as_map(&self) -> &BTreeMap<String, String> {
        &self.0
    }

    /// Whether every pair of `self` is also in `other`.
    pub fn is_subset_of(&self, other: &EncryptionContext) -> bool {
        self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for EncryptionContext {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        EncryptionContext(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_does_not_matter_case_does() {
        let a: EncryptionContext = [("b", "2"), ("a", "1")].into_iter().collect();
        let b: EncryptionContext = [("a", "1"), ("b", "2")].into_iter().collect();
        assert_eq!(a, b);
        let c: EncryptionContext = [("A", "1"), ("b", "2")].into_iter().collect();
        assert_ne!(a, c);
        assert_eq!(c.get_ignore_case("a"), Some("1"));
        assert_eq!(c.get("a"), None);
        let sub: EncryptionContext = [("a", "1")].into_iter().collect();
        assert!(
            sub.is_subset_of(&a)
                && !a.is_subset_of(&sub)
                && EncryptionContext::new().is_subset_of(&sub)
        );
    }
}
