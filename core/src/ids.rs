//! Identifiers, parsed once and valid by construction.

use alloc::string::String;
use core::fmt;

/// Why an identifier was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdError {
    /// What kind of identifier was expected (`account ID`, `region`, ...).
    pub expected: &'static str,
    /// The text that was given.
    pub given: String,
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a valid {}", self.given, self.expected)
    }
}

fn refuse<T>(expected: &'static str, given: &str) -> Result<T, IdError> {
    Err(IdError {
        expected,
        given: String::from(given),
    })
}

/// A 12-digit AWS account ID such as `111122223333`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountId([u8; 12]);

impl AccountId {
    /// The account a world has when nothing else is said.
    pub const DEFAULT: AccountId = AccountId(*b"111122223333");

    /// Parses exactly 12 ASCII digits.
    pub fn parse(text: &str) -> Result<AccountId, IdError> {
        match <[u8; 12]>::try_from(text.as_bytes()) {
            Ok(digits) if digits.iter().all(u8::is_ascii_digit) => Ok(AccountId(digits)),
            _ => refuse("account ID (12 digits)", text),
        }
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored, so this never falls back.
        core::str::from_utf8(&self.0).unwrap_or("000000000000")
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An AWS region name such as `us-east-1` or `eu-central-2`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Region(String);

impl Region {
    /// Parses a region name: lower-case parts joined by `-`, ending in a number
    /// (`us-east-1`, `ap-southeast-4`, `us-gov-west-1`), at most 32 characters.
    pub fn parse(text: &str) -> Result<Region, IdError> {
        let parts: alloc::vec::Vec<&str> = text.split('-').collect();
        let ok = text.len() <= 32
            && parts.len() >= 3
            && parts.iter().all(|p| !p.is_empty())
            && parts.split_last().is_some_and(|(last, rest)| {
                last.bytes().all(|c| c.is_ascii_digit())
                    && rest
                        .iter()
                        .all(|p| p.bytes().all(|c| c.is_ascii_lowercase()))
            });
        if ok {
            Ok(Region(String::from(text)))
        } else {
            refuse("region such as `us-east-1`", text)
        }
    }

    /// The region a world has when nothing else is said: `us-east-1`.
    pub fn default_region() -> Region {
        Region(String::from("us-east-1"))
    }

    /// The region's name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `s` has the shape of a key ID: a UUID, `8-4-4-4-12` hex digits.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn account_ids_are_twelve_digits() {
        assert_eq!(
            AccountId::parse("123412341234").unwrap().to_string(),
            "123412341234"
        );
        for bad in [
            "",
            "12341234123",
            "1234123412345",
            "12341234123a",
            "１２３４１２３４１２３",
        ] {
            let err = AccountId::parse(bad).unwrap_err();
            assert_eq!(err.given, bad);
        }
        assert_eq!(
            AccountId::parse("12").unwrap_err().to_string(),
            "`12` is not a valid account ID (12 digits)"
        );
    }

    #[test]
    fn regions_look_like_aws_regions() {
        for ok in [
            "us-east-1",
            "eu-central-2",
            "us-gov-west-1",
            "ap-southeast-4",
        ] {
            assert_eq!(Region::parse(ok).unwrap().as_str(), ok);
        }
        for bad in ["", "us-east", "US-EAST-1", "us--1", "us-east-1a", "useast1"] {
            assert!(Region::parse(bad).is_err(), "{bad}");
        }
    }
}
