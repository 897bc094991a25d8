//! What kind of key a key is: its key spec, key usage and origin, as AWS names them. The
//! simulator has one kind today (symmetric encryption keys made by KMS); a new kind is a
//! new value here, read everywhere from the key, not a literal at each place it shows.

/// The key spec: what key material the key has (`KeySpec`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum KeySpec {
    /// A 256-bit AES-GCM symmetric encryption key.
    #[default]
    SymmetricDefault,
}

impl KeySpec {
    /// Every key spec the simulator has.
    pub const ALL: [KeySpec; 1] = [KeySpec::SymmetricDefault];

    /// AWS's name: `SYMMETRIC_DEFAULT`.
    pub const fn name(self) -> &'static str {
        match self {
            KeySpec::SymmetricDefault => "SYMMETRIC_DEFAULT",
        }
    }

    /// The key spec AWS names `name`, if the simulator has it.
    pub fn from_name(name: &str) -> Option<KeySpec> {
        KeySpec::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The encryption algorithms a key of this spec supports (`EncryptionAlgorithms`), the
    /// default first.
    pub const fn encryption_algorithms(self) -> &'static [&'static str] {
        match self {
            KeySpec::SymmetricDefault => &["SYMMETRIC_DEFAULT"],
        }
    }

    /// The algorithm used when a request names none.
    pub const fn default_algorithm(self) -> &'static str {
        match self {
            KeySpec::SymmetricDefault => "SYMMETRIC_DEFAULT",
        }
    }

    /// The usages a key of this spec may have, the default first.
    pub const fn usages(self) -> &'static [KeyUsage] {
        match self {
            KeySpec::SymmetricDefault => &[KeyUsage::EncryptDecrypt],
        }
    }
}

/// What a key may be used for (`KeyUsage`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum KeyUsage {
    /// Encrypt and decrypt.
    #[default]
    EncryptDecrypt,
}

impl KeyUsage {
    /// Every key usage the simulator has.
    pub const ALL: [KeyUsage; 1] = [KeyUsage::EncryptDecrypt];

    /// AWS's name: `ENCRYPT_DECRYPT`.
    pub const fn name(self) -> &'static str {
        match self {
            KeyUsage::EncryptDecrypt => "ENCRYPT_DECRYPT",
        }
    }

    /// The key usage AWS names `name`, if the simulator has it.
    pub fn from_name(name: &str) -> Option<KeyUsage> {
        KeyUsage::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Where a key's material came from (`Origin`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Made by KMS.
    #[default]
    AwsKms,
}

impl Origin {
    /// Every origin the simulator has.
    pub const ALL: [Origin; 1] = [Origin::AwsKms];

    /// AWS's name: `AWS_KMS`.
    pub const fn name(self) -> &'static str {
        match self {
            Origin::AwsKms => "AWS_KMS",
        }
    }

    /// The origin AWS names `name`, if the simulator has it.
    pub fn from_name(name: &str) -> Option<Origin> {
        Origin::ALL.into_iter().find(|k| k.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_kinds_are_none() {
        for s in KeySpec::ALL {
            assert_eq!(KeySpec::from_name(s.name()), Some(s));
            assert!(s.usages().contains(&KeyUsage::default()));
            assert_eq!(
                s.encryption_algorithms().first(),
                Some(&s.default_algorithm())
            );
        }
        for u in KeyUsage::ALL {
            assert_eq!(KeyUsage::from_name(u.name()), Some(u));
        }
        for o in Origin::ALL {
            assert_eq!(Origin::from_name(o.name()), Some(o));
        }
        assert_eq!(KeySpec::from_name("RSA_2048"), None);
        assert_eq!(KeyUsage::from_name("SIGN_VERIFY"), None);
        assert_eq!(Origin::from_name("EXTERNAL"), None);
    }
}
