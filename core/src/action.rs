//! The actions of AWS KMS as IAM names them (`kms:Encrypt`), and sets of them.
//!
//! Policies name actions with wildcards (`kms:GenerateDataKey*`); they are resolved once,
//! when a policy is compiled, into an [`ActionSet`], so evaluating a request is one bit test.

use core::fmt;

macro_rules! actions {
    ($($variant:ident),* $(,)?) => {
        /// An AWS KMS action (the API operation name without the `kms:` prefix).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u8)]
        pub enum Action { $(
            #[doc = concat!("`kms:", stringify!($variant), "`")]
            $variant,
        )* }

        impl Action {
            /// Every KMS action, in alphabetical order.
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];

            /// The operation name without prefix (`Encrypt`).
            pub const fn name(self) -> &'static str {
                match self { $(Action::$variant => stringify!($variant),)* }
            }
        }
    };
}

actions! {
    CancelKeyDeletion, ConnectCustomKeyStore, CreateAlias, CreateCustomKeyStore, CreateGrant,
    CreateKey, Decrypt, DeleteAlias, DeleteCustomKeyStore, DeleteImportedKeyMaterial,
    DeriveSharedSecret, DescribeCustomKeyStores, DescribeKey, DisableKey, DisableKeyRotation,
    DisconnectCustomKeyStore, EnableKey, EnableKeyRotation, Encrypt, GenerateDataKey,
    GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext, GenerateDataKeyWithoutPlaintext,
    GenerateMac, GenerateRandom, GetKeyPolicy, GetKeyRotationStatus, GetParametersForImport,
    GetPublicKey, ImportKeyMaterial, ListAliases, ListGrants, ListKeyPolicies, ListKeyRotations,
    ListKeys, ListResourceTags, ListRetirableGrants, PutKeyPolicy, ReEncryptFrom, ReEncryptTo,
    ReplicateKey, RetireGrant, RevokeGrant, RotateKeyOnDemand, ScheduleKeyDeletion, Sign,
    SynchronizeMultiRegionKey, TagResource, UntagResource, UpdateAlias, UpdateCustomKeyStore,
    UpdateKeyDescription, UpdatePrimaryRegion, Verify, VerifyMac,
}

impl Action {
    /// The action named `name` (without prefix), matched case-insensitively as IAM does.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL
            .iter()
            .copied()
            .find(|a| a.name().eq_ignore_ascii_case(name))
    }

    /// The action named with its prefix (`kms:Encrypt`, any case).
    pub fn from_iam_name(name: &str) -> Option<Action> {
        let (service, op) = name.split_once(':')?;
        if service.eq_ignore_ascii_case("kms") {
            Action::from_name(op)
        } else {
            None
        }
    }

    fn bit(self) -> u64 {
        1u64 << (self as u8)
    }

    /// Actions authorized by IAM policies alone: they are not about one key, so no key
    /// policy takes part (`kms:CreateKey`, `kms:ListKeys`, ...).
    pub fn is_iam_only(self) -> bool {
        IAM_ONLY.contains(self)
    }

    /// Whether a principal in another account may be allowed this action on a key.
    pub fn works_across_accounts(self) -> bool {
        CROSS_ACCOUNT.contains(self)
    }

    /// Whether a request for this action carries `kms:RequestAlias` when it names its key
    /// by an alias: "cryptographic operations, DescribeKey, and GetPublicKey", the
    /// operations whose `KeyId` may be an alias.
    pub fn has_request_alias(self) -> bool {
        self.takes_encryption_context()
            || matches!(
                self,
                Action::DescribeKey
                    | Action::GetPublicKey
                    | Action::Sign
                    | Action::Verify
                    | Action::GenerateMac
                    | Action::VerifyMac
            )
    }

    /// Whether the operation takes an encryption context (the symmetric cryptographic
    /// operations); a request for one without a context has the empty context.
    pub fn takes_encryption_context(self) -> bool {
        matches!(
            self,
            Action::Encrypt
                | Action::Decrypt
                | Action::GenerateDataKey
                | Action::GenerateDataKeyWithoutPlaintext
                | Action::GenerateDataKeyPair
                | Action::GenerateDataKeyPairWithoutPlaintext
                | Action::ReEncryptFrom
                | Action::ReEncryptTo
        )
    }

    /// Whether a grant may list this action as one of its operations.
    pub fn is_grant_operation(self) -> bool {
        GRANT_OPERATIONS.contains(self)
    }
}

impl fmt::Display for Action {
    /// The IAM name, with prefix: `kms:Encrypt`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "kms:{}", self.name())
    }
}

/// A set of KMS actions (one bit per action).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ActionSet(u64);

impl ActionSet {
    /// No action.
    pub const EMPTY: ActionSet = ActionSet(0);

    /// Every KMS action.
    pub fn all() -> ActionSet {
        ActionSet::from_actions(Action::ALL)
    }

    /// The set of the given actions.
    pub fn from_actions(actions: &[Action]) -> ActionSet {
        ActionSet(actions.iter().fold(0, |acc, a| acc | a.bit()))
    }

    /// Whether `a` is in the set.
    pub fn contains(self, a: Action) -> bool {
        self.0 & a.bit() != 0
    }

    /// Whether the set holds no action.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every action of `self` is also in `other`.
    pub fn is_subset_of(self, other: ActionSet) -> bool {
        self.0 & !other.0 == 0
    }

    /// The actions in `self` or `other`.
    pub fn union(self, other: ActionSet) -> ActionSet {
        ActionSet(self.0 | other.0)
    }

    /// The actions not in `self`.
    pub fn complement(self) -> ActionSet {
        ActionSet(!self.0 & ActionSet::all().0)
    }

    /// Adds `a`.
    pub fn insert(&mut self, a: Action) {
        self.0 |= a.bit();
    }

    /// The actions of the set, in alphabetical order.
    pub fn iter(self) -> impl Iterator<Item = Action> {
        Action::ALL
            .iter()
            .copied()
            .filter(move |a| self.contains(*a))
    }

    /// The KMS actions matched by an action pattern of a policy (`kms:Get*`, `*`,
    /// `kms:encrypt`): `None` when the pattern is not about KMS at all (`s3:GetObject`).
    /// An empty set means a KMS pattern that matches no action (a typo).
    pub fn matching(pattern: &str) -> Option<ActionSet> {
        if pattern == "*" {
            return Some(ActionSet::all());
        }
        let (service, op) = pattern.split_once(':')?;
        if !crate::policy::glob_match(service.as_bytes(), b"kms", true) {
            return None;
        }
        Some(ActionSet(
            Action::ALL
                .iter()
                .filter(|a| crate::policy::glob_match(op.as_bytes(), a.name().as_bytes(), true))
                .fold(0, |acc, a| acc | a.bit()),
        ))
    }
}

const IAM_ONLY: ActionSet = ActionSet(
    (1 << Action::CreateKey as u8)
        | (1 << Action::ListKeys as u8)
        | (1 << Action::ListAliases as u8)
        | (1 << Action::GenerateRandom as u8)
        | (1 << Action::ListRetirableGrants as u8)
        | (1 << Action::ConnectCustomKeyStore as u8)
        | (1 << Action::CreateCustomKeyStore as u8)
        | (1 << Action::DeleteCustomKeyStore as u8)
        | (1 << Action::DescribeCustomKeyStores as u8)
        | (1 << Action::DisconnectCustomKeyStore as u8)
        | (1 << Action::UpdateCustomKeyStore as u8),
);

const CROSS_ACCOUNT: ActionSet = ActionSet(
    (1 << Action::Decrypt as u8)
        | (1 << Action::Encrypt as u8)
        | (1 << Action::GenerateDataKey as u8)
        | (1 << Action::GenerateDataKeyPair as u8)
        | (1 << Action::GenerateDataKeyPairWithoutPlaintext as u8)
        | (1 << Action::GenerateDataKeyWithoutPlaintext as u8)
        | (1 << Action::GenerateMac as u8)
        | (1 << Action::ReEncryptFrom as u8)
        | (1 << Action::ReEncryptTo as u8)
        | (1 << Action::Sign as u8)
        | (1 << Action::Verify as u8)
        | (1 << Action::VerifyMac as u8)
        | (1 << Action::DeriveSharedSecret as u8)
        | (1 << Action::GetPublicKey as u8)
        | (1 << Action::CreateGrant as u8)
        | (1 << Action::DescribeKey as u8)
        | (1 << Action::GetKeyRotationStatus as u8)
        | (1 << Action::ListGrants as u8)
        | (1 << Action::RetireGrant as u8)
        | (1 << Action::RevokeGrant as u8),
);

const GRANT_OPERATIONS: ActionSet = ActionSet(
    (1 << Action::Decrypt as u8)
        | (1 << Action::Encrypt as u8)
        | (1 << Action::GenerateDataKey as u8)
        | (1 << Action::GenerateDataKeyWithoutPlaintext as u8)
        | (1 << Action::GenerateDataKeyPair as u8)
        | (1 << Action::GenerateDataKeyPairWithoutPlaintext as u8)
        | (1 << Action::ReEncryptFrom as u8)
        | (1 << Action::ReEncryptTo as u8)
        | (1 << Action::Sign as u8)
        | (1 << Action::Verify as u8)
        | (1 << Action::GenerateMac as u8)
        | (1 << Action::VerifyMac as u8)
        | (1 << Action::GetPublicKey as u8)
        | (1 << Action::DescribeKey as u8)
        | (1 << Action::CreateGrant as u8)
        | (1 << Action::RetireGrant as u8)
        | (1 << Action::DeriveSharedSecret as u8),
);

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec::Vec;

    fn names(set: ActionSet) -> Vec<&'static str> {
        set.iter().map(Action::name).collect()
    }

    #[test]
    fn all_actions_fit_the_set_and_are_sorted() {
        assert!(Action::ALL.len() <= 64);
        assert!(Action::ALL.windows(2).all(|w| w[0].name() < w[1].name()));
        assert_eq!(ActionSet::all().iter().count(), Action::ALL.len());
    }

    #[test]
    fn names_are_case_insensitive() {
        assert_eq!(Action::from_iam_name("KMS:encrypt"), Some(Action::Encrypt));
        assert_eq!(Action::from_iam_name("kms:Encrpyt"), None);
        assert_eq!(Action::from_iam_name("s3:GetObject"), None);
        assert_eq!(Action::ReEncryptFrom.to_string(), "kms:ReEncryptFrom");
    }

    #[test]
    fn wildcards_match_as_the_kms_guide_lists() {
        let m = |p| names(ActionSet::matching(p).unwrap());
        assert_eq!(
            m("kms:GenerateDataKey*"),
            [
                "GenerateDataKey",
                "GenerateDataKeyPair",
                "GenerateDataKeyPairWithoutPlaintext",
                "GenerateDataKeyWithoutPlaintext"
            ]
        );
        assert_eq!(m("kms:ReEncrypt*"), ["ReEncryptFrom", "ReEncryptTo"]);
        assert_eq!(
            m("kms:Delete*"),
            [
                "DeleteAlias",
                "DeleteCustomKeyStore",
                "DeleteImportedKeyMaterial"
            ]
        );
        assert!(!m("kms:Delete*").contains(&"ScheduleKeyDeletion"));
        assert_eq!(
            m("kms:Describe*"),
            ["DescribeCustomKeyStores", "DescribeKey"]
        );
        assert_eq!(m("kms:*crypt"), ["Decrypt", "Encrypt"]);
        assert_eq!(m("kms:?ncrypt"), ["Encrypt"]);
        assert_eq!(m("KMS:ENCRYPT"), ["Encrypt"]);
        assert_eq!(ActionSet::matching("*"), Some(ActionSet::all()));
        assert_eq!(
            ActionSet::matching("k*:Encrypt").map(names),
            Some(Vec::from(["Encrypt"]))
        );
        assert_eq!(ActionSet::matching("s3:*"), None);
        assert_eq!(ActionSet::matching("kms:Encrpyt"), Some(ActionSet::EMPTY));
    }

    #[test]
    fn classes_follow_the_guide() {
        assert!(Action::CreateKey.is_iam_only() && Action::GenerateRandom.is_iam_only());
        assert!(!Action::Encrypt.is_iam_only());
        assert!(
            Action::Decrypt.works_across_accounts() && Action::RevokeGrant.works_across_accounts()
        );
        assert!(
            !Action::PutKeyPolicy.works_across_accounts()
                && !Action::ScheduleKeyDeletion.works_across_accounts()
        );
        assert!(
            Action::RetireGrant.is_grant_operation() && !Action::RevokeGrant.is_grant_operation()
        );
        let s = ActionSet::from_actions(&[Action::Encrypt, Action::Decrypt]);
        assert!(s.is_subset_of(ActionSet::all()) && !ActionSet::all().is_subset_of(s));
        assert!(s.complement().contains(Action::Sign) && !s.complement().contains(Action::Encrypt));
    }
}
