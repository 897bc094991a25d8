//! The codes of the policy checker's findings: one enum, each with the stable name tools
//! and tests use (`unknown-action`, `missing-resource`, ...).

use core::fmt;

macro_rules! codes {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// What a diagnostic is about.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum DiagnosticCode { $(
            #[doc = concat!("`", $name, "`")]
            $variant,
        )* }

        impl DiagnosticCode {
            /// Every code.
            pub const ALL: &'static [DiagnosticCode] = &[$(DiagnosticCode::$variant),*];

            /// The stable name (`unknown-action`).
            pub const fn as_str(self) -> &'static str {
                match self { $(DiagnosticCode::$variant => $name,)* }
            }
        }
    };
}

codes! {
    ActionAndNotaction => "action-and-notaction",
    AllowWithNotprincipal => "allow-with-notprincipal",
    DuplicateSid => "duplicate-sid",
    EmptyList => "empty-list",
    ForallvaluesSingleValued => "forallvalues-single-valued",
    InvalidAction => "invalid-action",
    InvalidConditionValue => "invalid-condition-value",
    InvalidEffect => "invalid-effect",
    InvalidJson => "invalid-json",
    InvalidPrincipal => "invalid-principal",
    InvalidResource => "invalid-resource",
    InvalidSid => "invalid-sid",
    InvalidVersion => "invalid-version",
    KeyNeverPresent => "key-never-present",
    KeyPolicyResource => "key-policy-resource",
    Lockout => "lockout",
    MissingAction => "missing-action",
    MissingEffect => "missing-effect",
    MissingPrincipal => "missing-principal",
    MissingResource => "missing-resource",
    MissingStatement => "missing-statement",
    MissingVersion => "missing-version",
    MultiValuedWithoutSetOperator => "multi-valued-without-set-operator",
    NoStatements => "no-statements",
    NotAKmsAction => "not-a-kms-action",
    NotAnObject => "not-an-object",
    OverlyPermissiveCondition => "overly-permissive-condition",
    PrincipalAndNotprincipal => "principal-and-notprincipal",
    PrincipalInIdentityPolicy => "principal-in-identity-policy",
    ResourceAndNotresource => "resource-and-notresource",
    SetOperatorSingleValued => "set-operator-single-valued",
    TooLarge => "too-large",
    TypeMismatch => "type-mismatch",
    UnknownAction => "unknown-action",
    UnknownConditionKey => "unknown-condition-key",
    UnknownElement => "unknown-element",
    UnknownOperator => "unknown-operator",
    UnknownPrincipal => "unknown-principal",
    UnmodelledKey => "unmodelled-key",
    UnmodelledPrincipal => "unmodelled-principal",
    UnmodelledVariable => "unmodelled-variable",
    WrongType => "wrong-type",
}

impl DiagnosticCode {
    /// The code with this stable name.
    pub fn from_name(name: &str) -> Option<DiagnosticCode> {
        DiagnosticCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == name)
    }
}

impl fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for DiagnosticCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for DiagnosticCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_round_trip() {
        for (i, c) in DiagnosticCode::ALL.iter().enumerate() {
            assert_eq!(DiagnosticCode::from_name(c.as_str()), Some(*c));
            assert!(
                c.as_str()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-')
            );
            assert!(
                DiagnosticCode::ALL[..i]
                    .iter()
                    .all(|o| o.as_str() != c.as_str())
            );
        }
    }
}
