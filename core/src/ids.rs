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

impl core::error::Error for IdError {}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A stranger's value can be megabytes long: show its ends and its length.
        let chars = self.given.chars().count();
        if chars > 96 {
            let head: String = self.given.chars().take(48).collect();
            let tail: String = self.given.chars().skip(chars - 24).collect();
            write!(
                f,
                "`{head}…{tail}` ({chars} characters) is not a valid {}",
                self.expected
            )
        } else {
            write!(f, "`{}` is not a valid {}", self.given, self.expected)
        }
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

/// Implements what every text identifier has: reading it as text, printing it, comparing
/// it with text, and writing it into JSON as a string.
macro_rules! text_identifier {
    ($name:ident) => {
        impl $name {
            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                **self == other.0
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
    };
}

/// A key ID: a UUID in lower-case hyphenated form, `1234abcd-12ab-34cd-56ef-1234567890ab`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyId(String);
text_identifier!(KeyId);

impl KeyId {
    /// Reads a key ID: a UUID, `8-4-4-4-12` hexadecimal digits (kept in lower case).
    pub fn parse(text: &str) -> Result<KeyId, IdError> {
        if is_uuid(text) {
            Ok(KeyId(text.to_ascii_lowercase()))
        } else {
            refuse(
                "key ID (a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab)",
                text,
            )
        }
    }

    /// A version 4 UUID made from 16 random bytes.
    pub fn from_random_bytes(bytes: [u8; 16]) -> KeyId {
        let id = uuid::Builder::from_random_bytes(bytes).into_uuid();
        let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
        KeyId(String::from(id.hyphenated().encode_lower(&mut text)))
    }
}

/// A key ARN: `arn:aws:kms:<region>:<account>:key/<key-id>`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyArn(String);
text_identifier!(KeyArn);

impl KeyArn {
    /// The ARN of key `id` of `account` in `region`.
    pub fn new(region: &Region, account: AccountId, id: &KeyId) -> KeyArn {
        KeyArn(alloc::format!("arn:aws:kms:{region}:{account}:key/{id}"))
    }

    /// Reads a key ARN.
    pub fn parse(text: &str) -> Result<KeyArn, IdError> {
        let parsed = text
            .strip_prefix("arn:aws:kms:")
            .and_then(|rest| rest.split_once(':'))
            .and_then(|(region, rest)| {
                let (account, id) = rest.split_once(":key/")?;
                Some((
                    Region::parse(region).ok()?,
                    AccountId::parse(account).ok()?,
                    KeyId::parse(id).ok()?,
                ))
            });
        match parsed {
            Some((region, account, id)) => Ok(KeyArn::new(&region, account, &id)),
            None => refuse(
                "key ARN such as `arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`",
                text,
            ),
        }
    }

    fn parts(&self) -> (&str, &str, &str) {
        let rest = self.0.strip_prefix("arn:aws:kms:").unwrap_or_default();
        let (region, rest) = rest.split_once(':').unwrap_or_default();
        let (account, id) = rest.split_once(":key/").unwrap_or_default();
        (region, account, id)
    }

    /// The key's account ID, as text.
    pub fn account_str(&self) -> &str {
        self.parts().1
    }

    /// The key's region, as text.
    pub fn region_str(&self) -> &str {
        self.parts().0
    }

    /// The key ID part.
    pub fn key_id_str(&self) -> &str {
        self.parts().2
    }
}

/// An alias name: `alias/` followed by letters, digits, `/`, `_`, `-` and `:`, 1 to 256
/// characters in all (CreateAlias's rule).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AliasName(String);
text_identifier!(AliasName);

/// Why an alias name was refused, in the two ways AWS refuses one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AliasNameError {
    /// Longer than 256 characters, empty, or with a character outside `[a-zA-Z0-9:/_-]`
    /// (AWS's `ValidationException`).
    Pattern(String),
    /// It does not start with `alias/` followed by a name.
    Prefix(String),
}

impl fmt::Display for AliasNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AliasNameError::Pattern(n) => write!(
                f,
                "`{n}` is not an alias name: 1 to 256 characters of letters, digits, `/`, `_`, `-` and `:`"
            ),
            AliasNameError::Prefix(n) => {
                write!(f, "`{n}` is not an alias name: it must start with `alias/`")
            }
        }
    }
}

impl core::error::Error for AliasNameError {}

impl AliasName {
    /// The longest alias name.
    pub const MAX_CHARS: usize = 256;

    /// Reads an alias name.
    pub fn parse(text: &str) -> Result<AliasName, AliasNameError> {
        let n = text.chars().count();
        if !(1..=AliasName::MAX_CHARS).contains(&n)
            || !text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/_-:".contains(c))
        {
            return Err(AliasNameError::Pattern(String::from(text)));
        }
        if !text.starts_with("alias/") || text.len() == "alias/".len() {
            return Err(AliasNameError::Prefix(String::from(text)));
        }
        Ok(AliasName(String::from(text)))
    }

    /// Whether the name is in `alias/aws/`, which AWS keeps for AWS managed keys.
    pub fn is_aws_managed(&self) -> bool {
        self.0.starts_with("alias/aws/")
    }

    /// The alias ARN in `account` and `region`.
    pub fn arn(&self, region: &Region, account: AccountId) -> String {
        alloc::format!("arn:aws:kms:{region}:{account}:{}", self.0)
    }
}

/// A grant ID: letters and digits, 1 to 128 of them (KMS makes 64 hexadecimal digits).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GrantId(String);
text_identifier!(GrantId);

impl GrantId {
    /// Reads a grant ID.
    pub fn parse(text: &str) -> Result<GrantId, IdError> {
        if (1..=128).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric()) {
            Ok(GrantId(String::from(text)))
        } else {
            refuse("grant ID (letters and digits, at most 128)", text)
        }
    }

    /// A grant ID from 32 random bytes: 64 hexadecimal digits, as KMS makes them.
    pub fn from_random_bytes(bytes: [u8; 32]) -> GrantId {
        GrantId(hex(&bytes))
    }
}

/// Lower-case hexadecimal digits of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 15] {
            s.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    s
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
    fn key_identifiers_parse_once_and_know_their_parts() {
        let id = KeyId::parse("1234ABCD-12ab-34cd-56ef-1234567890ab").unwrap();
        assert_eq!(id, "1234abcd-12ab-34cd-56ef-1234567890ab");
        let arn = KeyArn::new(&Region::default_region(), AccountId::DEFAULT, &id);
        assert_eq!(
            arn,
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        );
        assert_eq!(KeyArn::parse(arn.as_str()).unwrap(), arn);
        assert_eq!(
            (arn.region_str(), arn.account_str(), arn.key_id_str()),
            ("us-east-1", "111122223333", id.as_str())
        );
        for bad in [
            "arn:aws:kms:us-east-1:111122223333:alias/x",
            "arn:aws:kms:us-east-1:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "1234abcd-12ab-34cd-56ef-1234567890ab",
        ] {
            assert!(KeyArn::parse(bad).is_err(), "{bad}");
        }
        assert!(KeyId::parse("not-a-uuid").is_err());
        let random = KeyId::from_random_bytes([7; 16]);
        assert!(is_uuid(random.as_str()) && &random.as_str()[14..15] == "4");
    }

    #[test]
    fn alias_names_follow_create_alias() {
        assert!(AliasName::parse("alias/finance-key").is_ok());
        assert!(AliasName::parse("alias/aws/s3").unwrap().is_aws_managed());
        for (bad, prefix) in [
            ("alias/", true),
            ("finance", true),
            ("alias/<img src=x>", false),
            ("", false),
        ] {
            let e = AliasName::parse(bad).unwrap_err();
            assert_eq!(matches!(e, AliasNameError::Prefix(_)), prefix, "{bad}");
        }
        assert!(AliasName::parse(&alloc::format!("alias/{}", "a".repeat(250))).is_ok());
        assert!(AliasName::parse(&alloc::format!("alias/{}", "a".repeat(251))).is_err());
    }

    #[test]
    fn grant_ids_are_letters_and_digits() {
        assert_eq!(GrantId::from_random_bytes([0xab; 32]).as_str().len(), 64);
        assert!(GrantId::parse("abc123").is_ok());
        assert!(GrantId::parse("").is_err() && GrantId::parse("a b").is_err());
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
