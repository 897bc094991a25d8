//! Who makes a request ([`Principal`]) and who a policy names ([`PrincipalPattern`]).

use alloc::string::String;
use core::fmt;

use crate::ids::{AccountId, IdError};

/// The longest ARN IAM accepts (characters).
pub const MAX_ARN_CHARS: usize = 2048;
/// The longest user, role or role session name IAM accepts.
pub const MAX_NAME_CHARS: usize = 64;
/// The shortest role session name STS accepts.
const MIN_SESSION_NAME_CHARS: usize = 2;
/// The longest path IAM accepts, its slashes counted.
pub const MAX_PATH_CHARS: usize = 512;

/// IAM's rule for user, role and session names: `[\w+=,.@-]`, within the lengths.
fn iam_name(s: &str, min: usize) -> bool {
    (min..=MAX_NAME_CHARS).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
}

/// The name at the end of `[path/]Name` (after `user/` or `role/`), when the path and the
/// name follow IAM's rules: the path is `/`, or `/`, printable ASCII without spaces, `/`
/// (U+0021 to U+007E), 512 characters at most.
fn path_and_name_ok(path_and_name: &str) -> Option<&str> {
    let name = match path_and_name.rsplit_once('/') {
        Some((inner, name)) => {
            let path_ok = !inner.is_empty()
                && inner.len() + 2 <= MAX_PATH_CHARS
                && inner.bytes().all(|b| (0x21..=0x7e).contains(&b));
            if !path_ok {
                return None;
            }
            name
        }
        None => path_and_name,
    };
    iam_name(name, 1).then_some(name)
}

/// The identity behind a request: an account's root user, an IAM user, an IAM role, or a
/// role session (`arn:aws:sts::...:assumed-role/Role/session`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Principal {
    arn: String,
    account: AccountId,
    kind: PrincipalKind,
    /// `aws:PrincipalArn`: the role's ARN for a role session, else `arn`.
    condition_arn: String,
}

/// What kind of identity a [`Principal`] is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PrincipalKind {
    /// The account's root user (`arn:aws:iam::111122223333:root`).
    Root,
    /// An IAM user; `name` is the last part of the path.
    User {
        /// The user's friendly name (`Alice`).
        name: String,
    },
    /// An IAM role.
    Role {
        /// The role's name, without its path.
        name: String,
    },
    /// A session of an assumed role.
    AssumedRole {
        /// The role's name.
        role: String,
        /// The session's name.
        session: String,
    },
}

impl Principal {
    /// Parses an IAM principal ARN: `arn:aws:iam::ACCOUNT:root`, `...:user/[path/]Name`,
    /// `...:role/[path/]Name`, or `arn:aws:sts::ACCOUNT:assumed-role/Role/Session`.
    pub fn parse(arn: &str) -> Result<Principal, IdError> {
        let refuse = || IdError {
            expected: "principal ARN such as `arn:aws:iam::111122223333:user/Alice` (IAM allows names of 1 to 64 letters, digits and `+=,.@_-`, and paths of at most 512 printable ASCII characters)",
            given: String::from(arn),
        };
        let mut parts = arn.splitn(6, ':');
        let (Some("arn"), Some("aws"), Some(service), Some(""), Some(account), Some(resource)) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(refuse());
        };
        if arn.len() > MAX_ARN_CHARS {
            return Err(refuse());
        }
        let account = AccountId::parse(account).map_err(|_| refuse())?;
        let kind = match (service, resource.split_once('/')) {
            ("iam", None) if resource == "root" => PrincipalKind::Root,
            ("iam", Some(("user", path_and_name))) => PrincipalKind::User {
                name: String::from(path_and_name_ok(path_and_name).ok_or_else(refuse)?),
            },
            ("iam", Some(("role", path_and_name))) => PrincipalKind::Role {
                name: String::from(path_and_name_ok(path_and_name).ok_or_else(refuse)?),
            },
            ("sts", Some(("assumed-role", rest))) => match rest.split_once('/') {
                Some((role, session))
                    if iam_name(role, 1) && iam_name(session, MIN_SESSION_NAME_CHARS) =>
                {
                    PrincipalKind::AssumedRole {
                        role: String::from(role),
                        session: String::from(session),
                    }
                }
                _ => return Err(refuse()),
            },
            _ => return Err(refuse()),
        };
        let condition_arn = match &kind {
            PrincipalKind::AssumedRole { role, .. } => {
                alloc::format!("arn:aws:iam::{account}:role/{role}")
            }
            _ => String::from(arn),
        };
        Ok(Principal {
            arn: String::from(arn),
            account,
            kind,
            condition_arn,
        })
    }

    /// The root user of `account`.
    pub fn root(account: AccountId) -> Principal {
        let arn = alloc::format!("arn:aws:iam::{account}:root");
        Principal {
            condition_arn: arn.clone(),
            arn,
            account,
            kind: PrincipalKind::Root,
        }
    }

    /// The principal's ARN.
    pub fn arn(&self) -> &str {
        &self.arn
    }

    /// The account the principal belongs to.
    pub fn account(&self) -> AccountId {
        self.account
    }

    /// The account ID as text (`aws:PrincipalAccount`, `kms:CallerAccount`).
    pub fn account_str(&self) -> &str {
        self.account.as_str()
    }

    /// The kind of identity.
    pub fn kind(&self) -> &PrincipalKind {
        &self.kind
    }

    /// `aws:username`: an IAM user's name; `None` for roots, roles and sessions.
    pub fn username(&self) -> Option<&str> {
        match &self.kind {
            PrincipalKind::User { name } => Some(name),
            _ => None,
        }
    }

    /// `aws:PrincipalType`: `Account`, `User` or `AssumedRole` (a role used directly is
    /// reported as `AssumedRole`, since only sessions of a role can call AWS).
    pub fn principal_type(&self) -> &'static str {
        match self.kind {
            PrincipalKind::Root => "Account",
            PrincipalKind::User { .. } => "User",
            PrincipalKind::Role { .. } | PrincipalKind::AssumedRole { .. } => "AssumedRole",
        }
    }

    /// `aws:PrincipalArn`: for a role session, the ARN of its role (AWS's rule); else
    /// the principal's own ARN.
    pub fn principal_arn_for_conditions(&self) -> &str {
        &self.condition_arn
    }

    /// A short name for people: the user's or role's name, `Name (session)`, or `root`.
    pub fn short_name(&self) -> String {
        match &self.kind {
            PrincipalKind::Root => alloc::format!("root of {}", self.account),
            PrincipalKind::User { name } | PrincipalKind::Role { name } => name.clone(),
            PrincipalKind::AssumedRole { role, session } => alloc::format!("{role} ({session})"),
        }
    }
}

impl fmt::Display for Principal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.arn)
    }
}

/// A principal as a key policy's `Principal` element names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrincipalPattern {
    /// `"*"` or `{"AWS": "*"}`: everyone.
    Anyone,
    /// `"111122223333"` or `arn:aws:iam::111122223333:root`: the account. In an Allow it
    /// lets the account's IAM policies decide; in a Deny it denies every principal of the
    /// account.
    Account(AccountId),
    /// An IAM user, by exact ARN.
    User(String),
    /// An IAM role: matches the role and every session of it.
    Role {
        /// The role's account.
        account: AccountId,
        /// The role's name (its path is not part of a session ARN).
        name: String,
        /// The ARN as written.
        arn: String,
    },
    /// One role session, by exact ARN.
    Session(String),
    /// An AWS service principal (`{"Service": "s3.amazonaws.com"}`).
    Service(String),
    /// A form the simulator does not model (`Federated`, `CanonicalUser`): matches nobody.
    Other(String),
}

/// How a [`PrincipalPattern`] applies to a caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrincipalMatch {
    /// It names the caller itself (or everyone).
    Caller,
    /// It names the caller's account (the account principal).
    Account,
    /// It does not apply.
    No,
}

impl PrincipalPattern {
    /// Reads one value of `Principal: {"AWS": ...}`.
    pub fn parse_aws(value: &str) -> Result<PrincipalPattern, IdError> {
        if value == "*" {
            return Ok(PrincipalPattern::Anyone);
        }
        if let Ok(account) = AccountId::parse(value) {
            return Ok(PrincipalPattern::Account(account));
        }
        let p = Principal::parse(value)?;
        Ok(match p.kind {
            PrincipalKind::Root => PrincipalPattern::Account(p.account),
            PrincipalKind::User { .. } => PrincipalPattern::User(p.arn),
            PrincipalKind::Role { name } => PrincipalPattern::Role {
                account: p.account,
                name,
                arn: p.arn,
            },
            PrincipalKind::AssumedRole { .. } => PrincipalPattern::Session(p.arn),
        })
    }

    /// How this pattern applies to `caller`.
    pub fn applies_to(&self, caller: &Principal) -> PrincipalMatch {
        let hit = match self {
            PrincipalPattern::Anyone => true,
            PrincipalPattern::Account(a) => {
                return if *a != caller.account {
                    PrincipalMatch::No
                } else if caller.kind == PrincipalKind::Root {
                    PrincipalMatch::Caller
                } else {
                    PrincipalMatch::Account
                };
            }
            PrincipalPattern::User(arn) | PrincipalPattern::Session(arn) => *arn == caller.arn,
            PrincipalPattern::Role { account, name, .. } => {
                *account == caller.account
                    && match &caller.kind {
                        PrincipalKind::Role { name: n }
                        | PrincipalKind::AssumedRole { role: n, .. } => n == name,
                        _ => false,
                    }
            }
            PrincipalPattern::Service(_) | PrincipalPattern::Other(_) => false,
        };
        if hit {
            PrincipalMatch::Caller
        } else {
            PrincipalMatch::No
        }
    }

    /// The ARN of the IAM identity this names, when it names one that must exist
    /// (users, roles, sessions); `None` for everyone, accounts and services.
    pub fn identity_arn(&self) -> Option<&str> {
        match self {
            PrincipalPattern::User(a) | PrincipalPattern::Session(a) => Some(a),
            PrincipalPattern::Role { arn, .. } => Some(arn),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(arn: &str) -> Principal {
        Principal::parse(arn).unwrap()
    }

    #[test]
    fn parses_the_principal_forms() {
        assert_eq!(
            *p("arn:aws:iam::111122223333:root").kind(),
            PrincipalKind::Root
        );
        let bob = p("arn:aws:iam::111122223333:user/division/Bob");
        assert_eq!(bob.username(), Some("Bob"));
        assert_eq!(bob.account().as_str(), "111122223333");
        let s = p("arn:aws:sts::111122223333:assumed-role/Admin/alice-session");
        assert_eq!(s.short_name(), "Admin (alice-session)");
        assert_eq!(
            s.principal_arn_for_conditions(),
            "arn:aws:iam::111122223333:role/Admin"
        );
        assert_eq!(s.principal_type(), "AssumedRole");
        for bad in [
            "",
            "alice",
            "arn:aws:iam::1111:user/A",
            "arn:aws:iam::111122223333:group/G",
            "arn:aws:iam::111122223333:user/",
            "arn:aws:s3:::bucket",
            "arn:aws:iam:us-east-1:111122223333:user/A",
            "arn:aws:sts::111122223333:assumed-role/OnlyRole",
            "arn:aws:iam::111122223333:user/Al ice",
        ] {
            assert!(Principal::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_and_paths_follow_iams_limits() {
        let user = |path: &str, name: &str| {
            Principal::parse(&std::format!("arn:aws:iam::111122223333:user{path}{name}"))
        };
        assert!(user("/", &"a".repeat(64)).is_ok());
        assert!(user("/", &"a".repeat(65)).is_err(), "names: 64 characters");
        // Paths: `/`, or `/` printable ASCII `/`, 512 characters at most with the slashes.
        assert!(user(&std::format!("/{}/", "p".repeat(510)), "Bob").is_ok());
        assert!(user(&std::format!("/{}/", "p".repeat(511)), "Bob").is_err());
        assert!(user("/a/b*c~/", "Bob").is_ok());
        assert!(user("//", "Bob").is_err(), "an empty path segment");
        for bad_path in ["/a b/", "/a\u{202e}b/", "/\u{200b}/", "/é/", "/a\tb/"] {
            assert!(user(bad_path, "Bob").is_err(), "{bad_path:?}");
        }
        // The review's ARN: a path of 70,000 characters.
        let long = user(&std::format!("/{}/", "a".repeat(70_000)), "Name").unwrap_err();
        assert!(
            std::string::ToString::to_string(&long).len() < 400,
            "the error shows its ends only: {long}"
        );
        assert!(
            std::string::ToString::to_string(&long).contains("70036 characters"),
            "{long}"
        );
        // Role session names: 2 to 64.
        assert!(Principal::parse("arn:aws:sts::111122223333:assumed-role/Ops/s").is_err());
        assert!(Principal::parse("arn:aws:sts::111122223333:assumed-role/Ops/s1").is_ok());
    }

    #[test]
    fn patterns_apply_as_aws_does() {
        let alice = p("arn:aws:iam::111122223333:user/Alice");
        let root = p("arn:aws:iam::111122223333:root");
        let session = p("arn:aws:sts::111122223333:assumed-role/Ops/s1");
        let other = p("arn:aws:iam::444455556666:user/Alice");
        let pat = |s: &str| PrincipalPattern::parse_aws(s).unwrap();

        assert_eq!(pat("*").applies_to(&other), PrincipalMatch::Caller);
        assert_eq!(
            pat("111122223333").applies_to(&alice),
            PrincipalMatch::Account
        );
        assert_eq!(
            pat("arn:aws:iam::111122223333:root").applies_to(&alice),
            PrincipalMatch::Account
        );
        assert_eq!(
            pat("arn:aws:iam::111122223333:root").applies_to(&root),
            PrincipalMatch::Caller
        );
        assert_eq!(
            pat("arn:aws:iam::111122223333:root").applies_to(&other),
            PrincipalMatch::No
        );
        assert_eq!(
            pat("arn:aws:iam::111122223333:user/Alice").applies_to(&alice),
            PrincipalMatch::Caller
        );
        assert_eq!(
            pat("arn:aws:iam::111122223333:user/Alice").applies_to(&other),
            PrincipalMatch::No
        );
        // A role names its sessions too, whatever the role's path.
        assert_eq!(
            pat("arn:aws:iam::111122223333:role/team/Ops").applies_to(&session),
            PrincipalMatch::Caller
        );
        assert_eq!(
            pat("arn:aws:iam::111122223333:role/Dev").applies_to(&session),
            PrincipalMatch::No
        );
        assert_eq!(
            pat("arn:aws:sts::111122223333:assumed-role/Ops/s1").applies_to(&session),
            PrincipalMatch::Caller
        );
        assert_eq!(
            pat("arn:aws:sts::111122223333:assumed-role/Ops/s2").applies_to(&session),
            PrincipalMatch::No
        );
        assert!(PrincipalPattern::parse_aws("Alice").is_err());
    }
}
