//! The operations the door knows: one list, from which the name table, the dispatch and
//! the facts CloudTrail records (read-only, cryptographic) all come.

use core::fmt;

use crate::action::Action;

macro_rules! operations {
    ($($op:ident),* $(,)?) => {
        /// An AWS KMS API operation the simulator offers.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Operation { $(
            #[doc = concat!("`", stringify!($op), "`")]
            $op,
        )* }

        impl Operation {
            /// Every operation, in alphabetical order.
            pub const ALL: &'static [Operation] = &[$(Operation::$op),*];

            /// The operation's name in the AWS API (`Encrypt`).
            pub const fn name(self) -> &'static str {
                match self { $(Operation::$op => stringify!($op),)* }
            }
        }
    };
}

operations! {
    CancelKeyDeletion, CreateAlias, CreateGrant, CreateKey, Decrypt, DeleteAlias, DescribeKey,
    DisableKey, DisableKeyRotation, EnableKey, EnableKeyRotation, Encrypt, GenerateDataKey,
    GenerateDataKeyWithoutPlaintext, GenerateRandom, GetKeyPolicy, GetKeyRotationStatus,
    ListAliases, ListGrants, ListKeyPolicies, ListKeyRotations, ListKeys, ListResourceTags,
    ListRetirableGrants, PutKeyPolicy, ReEncrypt, RetireGrant, RevokeGrant, RotateKeyOnDemand,
    ScheduleKeyDeletion, TagResource, UntagResource, UpdateAlias, UpdateKeyDescription,
}

impl Operation {
    /// Its descriptor: its members from AWS's model and what the simulator knows of it.
    pub fn descriptor(self) -> &'static crate::service::Descriptor {
        crate::service::kms_descriptor(self)
    }

    /// The operation with this exact name (AWS API names are case-sensitive).
    pub fn from_name(name: &str) -> Option<Operation> {
        Operation::ALL.iter().copied().find(|o| o.name() == name)
    }

    /// A known operation whose name is close to `name` (another case, or a typo), for a
    /// "did you mean".
    pub fn similar_to(name: &str) -> Option<Operation> {
        Operation::ALL
            .iter()
            .copied()
            .filter_map(|o| crate::policy::edit_distance(o.name(), name).map(|d| (d, o)))
            .filter(|(d, _)| *d <= 2)
            .min_by_key(|(d, _)| *d)
            .map(|(_, o)| o)
    }

    /// The IAM actions the operation is authorized for (ReEncrypt needs two).
    pub fn actions(self) -> &'static [Action] {
        use Operation as O;
        match self {
            O::CancelKeyDeletion => &[Action::CancelKeyDeletion],
            O::CreateAlias => &[Action::CreateAlias],
            O::CreateGrant => &[Action::CreateGrant],
            O::CreateKey => &[Action::CreateKey],
            O::Decrypt => &[Action::Decrypt],
            O::DeleteAlias => &[Action::DeleteAlias],
            O::DescribeKey => &[Action::DescribeKey],
            O::DisableKey => &[Action::DisableKey],
            O::DisableKeyRotation => &[Action::DisableKeyRotation],
            O::EnableKey => &[Action::EnableKey],
            O::EnableKeyRotation => &[Action::EnableKeyRotation],
            O::Encrypt => &[Action::Encrypt],
            O::GenerateDataKey => &[Action::GenerateDataKey],
            O::GenerateDataKeyWithoutPlaintext => &[Action::GenerateDataKeyWithoutPlaintext],
            O::GenerateRandom => &[Action::GenerateRandom],
            O::GetKeyPolicy => &[Action::GetKeyPolicy],
            O::GetKeyRotationStatus => &[Action::GetKeyRotationStatus],
            O::ListAliases => &[Action::ListAliases],
            O::ListGrants => &[Action::ListGrants],
            O::ListKeyPolicies => &[Action::ListKeyPolicies],
            O::ListKeyRotations => &[Action::ListKeyRotations],
            O::ListKeys => &[Action::ListKeys],
            O::ListResourceTags => &[Action::ListResourceTags],
            O::ListRetirableGrants => &[Action::ListRetirableGrants],
            O::PutKeyPolicy => &[Action::PutKeyPolicy],
            O::ReEncrypt => &[Action::ReEncryptFrom, Action::ReEncryptTo],
            O::RetireGrant => &[Action::RetireGrant],
            O::RevokeGrant => &[Action::RevokeGrant],
            O::RotateKeyOnDemand => &[Action::RotateKeyOnDemand],
            O::ScheduleKeyDeletion => &[Action::ScheduleKeyDeletion],
            O::TagResource => &[Action::TagResource],
            O::UntagResource => &[Action::UntagResource],
            O::UpdateAlias => &[Action::UpdateAlias],
            O::UpdateKeyDescription => &[Action::UpdateKeyDescription],
        }
    }

    /// Whether its `KeyId` may be an alias name or alias ARN, as the API Reference says
    /// ("To specify a KMS key, use its key ID, key ARN, alias name, or alias ARN"): the
    /// cryptographic operations and DescribeKey. The others take "the key ID or key ARN
    /// of the KMS key" (ListAliases' `KeyId` too: docs/FIDELITY.md).
    pub fn accepts_alias(self) -> bool {
        use Operation as O;
        matches!(
            self,
            O::Encrypt
                | O::Decrypt
                | O::ReEncrypt
                | O::GenerateDataKey
                | O::GenerateDataKeyWithoutPlaintext
                | O::DescribeKey
                | O::ListAliases
        )
    }

    /// Whether CloudTrail marks the event read-only (`Describe*`, `Get*`, `List*`).
    pub fn is_read_only(self) -> bool {
        self.descriptor().read_only
    }

    /// Whether the operation is cryptographic: its response carries data or keys, so
    /// CloudTrail records `responseElements` as null.
    pub fn is_cryptographic(self) -> bool {
        self.descriptor().cryptographic
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_sorted() {
        assert!(Operation::ALL.windows(2).all(|w| w[0].name() < w[1].name()));
        for op in Operation::ALL {
            assert_eq!(Operation::from_name(op.name()), Some(*op));
        }
        assert_eq!(Operation::from_name("encrypt"), None);
        assert_eq!(Operation::similar_to("encrypt"), Some(Operation::Encrypt));
        assert_eq!(Operation::similar_to("Decrpyt"), Some(Operation::Decrypt));
    }

    #[test]
    fn every_operation_names_the_actions_it_needs() {
        for op in Operation::ALL {
            let actions = op.actions();
            assert!(!actions.is_empty());
            if *op != Operation::ReEncrypt {
                assert_eq!(actions[0].name(), op.name());
            }
        }
        assert!(Operation::ListGrants.is_read_only() && !Operation::Encrypt.is_read_only());
        assert!(Operation::GenerateRandom.is_cryptographic());
    }
}
