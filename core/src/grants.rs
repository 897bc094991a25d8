//! Grants: delegated, allow-only permissions on one KMS key.
//!
//! A grant lets its grantee use the listed operations on the key, under optional
//! encryption context constraints. It never denies. A new grant takes effect after
//! [`PROPAGATION_DELAY`] on the simulated clock (AWS: "up to about five minutes"), or at
//! once for a request that presents its grant token.

use alloc::string::String;
use alloc::vec::Vec;

use crate::action::{Action, ActionSet};
use crate::clock::{Duration, Timestamp};
use crate::context::EncryptionContext;
use crate::ids::{AccountId, GrantId, KeyArn};
use crate::principal::{Principal, PrincipalMatch, PrincipalPattern};

/// How long a new grant takes to be used without its grant token. AWS documents "up to
/// about five minutes"; the simulator takes the whole five, so what works here works
/// there.
pub const PROPAGATION_DELAY: Duration = Duration::minutes(5);

/// The most grant tokens one request may carry.
pub const MAX_GRANT_TOKENS: usize = 10;

/// The most pairs an encryption context constraint may have.
pub const MAX_CONSTRAINT_PAIRS: usize = 8;

/// The longest value of a constraint's pair, in characters.
pub const MAX_CONSTRAINT_VALUE_CHARS: usize = 384;

/// The most grants one key may have ("Grants per KMS key: 50,000").
pub const MAX_GRANTS_PER_KEY: usize = 50_000;

/// The most grant tokens the simulator keeps for one grant (each CreateGrant that finds
/// the same grant again returns a new one; the oldest are forgotten past this).
pub const MAX_TOKENS_PER_GRANT: usize = 16;

/// A grant's encryption context constraints (at most one of the two is set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrantConstraints {
    /// `EncryptionContextEquals`: the request's context must be exactly these pairs.
    pub equals: Option<EncryptionContext>,
    /// `EncryptionContextSubset`: the request's context must include these pairs.
    pub subset: Option<EncryptionContext>,
}

impl GrantConstraints {
    /// Whether a request with this encryption context meets the constraints. `None`: the
    /// operation takes no encryption context (DescribeKey, RetireGrant, CreateGrant), and
    /// constraints do not apply to it.
    pub fn allow(&self, context: Option<&EncryptionContext>) -> bool {
        let Some(ctx) = context else { return true };
        self.equals.as_ref().is_none_or(|e| e == ctx)
            && self.subset.as_ref().is_none_or(|s| s.is_subset_of(ctx))
    }

    /// Whether a child grant with these constraints is at least as strict as `parent`, as a
    /// grant that allows CreateGrant requires of the grants made with it.
    pub fn at_least_as_strict_as(&self, parent: &GrantConstraints) -> bool {
        let equals_ok = match &parent.equals {
            None => true,
            Some(pe) => self.equals.as_ref() == Some(pe),
        };
        let subset_ok = match &parent.subset {
            None => true,
            Some(ps) => {
                self.equals.as_ref().is_some_and(|ce| ps.is_subset_of(ce))
                    || self.subset.as_ref().is_some_and(|cs| ps.is_subset_of(cs))
            }
        };
        equals_ok && subset_ok
    }

    /// Whether there is no constraint.
    pub fn is_empty(&self) -> bool {
        self.equals.is_none() && self.subset.is_none()
    }

    /// `kms:GrantConstraintType`: `EncryptionContextEquals` or `EncryptionContextSubset`.
    pub fn constraint_type(&self) -> Option<&'static str> {
        if self.equals.is_some() {
            Some("EncryptionContextEquals")
        } else if self.subset.is_some() {
            Some("EncryptionContextSubset")
        } else {
            None
        }
    }
}

/// One grant on a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// The grant ID.
    pub grant_id: GrantId,
    /// The grant's tokens, each of which makes the grant effective at once for a request
    /// that presents it (the first from the CreateGrant that made it, then one more for
    /// each CreateGrant with the same name and parameters).
    pub tokens: Vec<String>,
    /// The ARN of the key.
    pub key_arn: KeyArn,
    /// The optional name (CreateGrant is idempotent on the same parameters and name).
    pub name: Option<String>,
    /// Who may use the grant.
    pub grantee: String,
    /// Who may retire the grant, besides the grantee with RetireGrant.
    pub retiring: Option<String>,
    /// The operations the grant allows.
    pub operations: ActionSet,
    /// Encryption context constraints.
    pub constraints: GrantConstraints,
    /// The account of the principal that created the grant.
    pub issuing_account: AccountId,
    /// When the grant was created.
    pub created: Timestamp,
    /// When it is used without its token.
    pub effective: Timestamp,
}

/// Why a grant does or does not allow a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrantCheck {
    /// It allows the request.
    Allows,
    /// The caller is not its grantee.
    NotGrantee,
    /// It does not list the operation.
    OperationNotListed,
    /// It has not taken effect yet and the request does not present its token.
    NotYetEffective,
    /// The request's encryption context does not meet its constraints.
    ConstraintNotMet,
    /// A CreateGrant through it asks for operations it does not have, or for looser
    /// constraints.
    ChildNotSubset,
}

/// What a CreateGrant request asks for, to check it against the grant it relies on.
#[derive(Clone, Copy, Debug)]
pub struct ChildGrant<'a> {
    /// The operations of the grant to create.
    pub operations: ActionSet,
    /// Its constraints.
    pub constraints: &'a GrantConstraints,
}

impl Grant {
    /// Whether `token` is one of the grant's tokens.
    pub fn has_token(&self, token: &str) -> bool {
        self.tokens.iter().any(|t| t == token)
    }

    /// Adds a token (a repeated CreateGrant), forgetting the oldest past
    /// [`MAX_TOKENS_PER_GRANT`].
    pub fn add_token(&mut self, token: String) {
        if self.tokens.len() >= MAX_TOKENS_PER_GRANT {
            self.tokens.remove(0);
        }
        self.tokens.push(token);
    }

    /// Whether the grant's grantee is `caller` (a role grantee covers its sessions).
    pub fn is_grantee(&self, caller: &Principal) -> bool {
        PrincipalPattern::parse_aws(&self.grantee)
            .is_ok_and(|p| p.applies_to(caller) == PrincipalMatch::Caller)
    }

    /// Whether `caller` is the grant's retiring principal.
    pub fn is_retiring_principal(&self, caller: &Principal) -> bool {
        self.retiring.as_deref().is_some_and(|r| {
            PrincipalPattern::parse_aws(r)
                .is_ok_and(|p| p.applies_to(caller) == PrincipalMatch::Caller)
        })
    }

    /// Whether the grant itself lets `caller` retire it: as retiring principal, or as
    /// grantee of a grant that lists RetireGrant. (Principals of the issuing account may
    /// also retire it when their policies allow kms:RetireGrant; that is for the caller to
    /// check.)
    pub fn lets_retire(&self, caller: &Principal) -> bool {
        self.is_retiring_principal(caller)
            || (self.is_grantee(caller) && self.operations.contains(Action::RetireGrant))
    }

    /// Whether the grant allows `caller` to do `action` now.
    pub fn check(
        &self,
        caller: &Principal,
        action: Action,
        context: Option<&EncryptionContext>,
        tokens: &[String],
        now: Timestamp,
        child: Option<ChildGrant<'_>>,
    ) -> GrantCheck {
        if !self.is_grantee(caller) {
            return GrantCheck::NotGrantee;
        }
        if !self.operations.contains(action) {
            return GrantCheck::OperationNotListed;
        }
        if now < self.effective && !tokens.iter().any(|t| self.has_token(t)) {
            return GrantCheck::NotYetEffective;
        }
        if !self.constraints.allow(context) {
            return GrantCheck::ConstraintNotMet;
        }
        if let (Action::CreateGrant, Some(child)) = (action, child)
            && (!child.operations.is_subset_of(self.operations)
                || !child.constraints.at_least_as_strict_as(&self.constraints))
        {
            return GrantCheck::ChildNotSubset;
        }
        GrantCheck::Allows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn ctx(pairs: &[(&str, &str)]) -> EncryptionContext {
        pairs.iter().copied().collect()
    }

    fn grant(constraints: GrantConstraints) -> Grant {
        Grant {
            grant_id: GrantId::parse("g1").unwrap(),
            tokens: alloc::vec![String::from("token-1")],
            key_arn: KeyArn::parse(
                "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            )
            .unwrap(),
            name: None,
            grantee: "arn:aws:iam::111122223333:role/App".to_string(),
            retiring: Some("arn:aws:iam::111122223333:user/Admin".to_string()),
            operations: ActionSet::from_actions(&[
                Action::Decrypt,
                Action::CreateGrant,
                Action::DescribeKey,
            ]),
            constraints,
            issuing_account: AccountId::DEFAULT,
            created: Timestamp::DEFAULT_START,
            effective: Timestamp::DEFAULT_START.plus(PROPAGATION_DELAY),
        }
    }

    #[test]
    fn constraints_equals_and_subset() {
        let eq = GrantConstraints {
            equals: Some(ctx(&[("Dept", "IT")])),
            subset: None,
        };
        assert!(eq.allow(Some(&ctx(&[("Dept", "IT")]))));
        assert!(!eq.allow(Some(&ctx(&[("Dept", "IT"), ("x", "y")]))));
        assert!(!eq.allow(Some(&ctx(&[]))));
        assert!(!eq.allow(Some(&ctx(&[("Dept", "it")]))));
        assert!(
            eq.allow(None),
            "constraints do not apply to operations without a context"
        );
        let sub = GrantConstraints {
            equals: None,
            subset: Some(ctx(&[("Dept", "IT")])),
        };
        assert!(sub.allow(Some(&ctx(&[("Dept", "IT"), ("x", "y")]))));
        assert!(!sub.allow(Some(&ctx(&[("x", "y")]))));
        assert_eq!(sub.constraint_type(), Some("EncryptionContextSubset"));
    }

    #[test]
    fn child_grants_must_be_as_strict() {
        let none = GrantConstraints::default();
        let sub = GrantConstraints {
            equals: None,
            subset: Some(ctx(&[("a", "1")])),
        };
        let sub_more = GrantConstraints {
            equals: None,
            subset: Some(ctx(&[("a", "1"), ("b", "2")])),
        };
        let eq = GrantConstraints {
            equals: Some(ctx(&[("a", "1"), ("b", "2")])),
            subset: None,
        };
        assert!(sub.at_least_as_strict_as(&none) && eq.at_least_as_strict_as(&none));
        assert!(!none.at_least_as_strict_as(&sub));
        assert!(sub_more.at_least_as_strict_as(&sub) && eq.at_least_as_strict_as(&sub));
        assert!(!sub.at_least_as_strict_as(&sub_more));
        assert!(eq.at_least_as_strict_as(&eq) && !sub_more.at_least_as_strict_as(&eq));
    }

    #[test]
    fn grants_take_effect_after_propagation_or_with_their_token() {
        let g = grant(GrantConstraints::default());
        let session = Principal::parse("arn:aws:sts::111122223333:assumed-role/App/s1").unwrap();
        let other = Principal::parse("arn:aws:iam::111122223333:user/Bob").unwrap();
        let t0 = Timestamp::DEFAULT_START;
        let c = Some(&EncryptionContext::new());
        assert_eq!(
            g.check(&session, Action::Decrypt, c, &[], t0, None),
            GrantCheck::NotYetEffective
        );
        assert_eq!(
            g.check(
                &session,
                Action::Decrypt,
                c,
                &["token-1".to_string()],
                t0,
                None
            ),
            GrantCheck::Allows
        );
        assert_eq!(
            g.check(
                &session,
                Action::Decrypt,
                c,
                &[],
                t0.plus(PROPAGATION_DELAY),
                None
            ),
            GrantCheck::Allows
        );
        assert_eq!(
            g.check(
                &session,
                Action::Encrypt,
                c,
                &["token-1".to_string()],
                t0,
                None
            ),
            GrantCheck::OperationNotListed
        );
        assert_eq!(
            g.check(
                &other,
                Action::Decrypt,
                c,
                &["token-1".to_string()],
                t0,
                None
            ),
            GrantCheck::NotGrantee
        );
    }

    #[test]
    fn create_grant_through_a_grant_needs_a_subset() {
        let g = grant(GrantConstraints {
            equals: None,
            subset: Some(ctx(&[("a", "1")])),
        });
        let app = Principal::parse("arn:aws:iam::111122223333:role/App").unwrap();
        let later = Timestamp::DEFAULT_START.plus(Duration::hours(1));
        let strict = GrantConstraints {
            equals: None,
            subset: Some(ctx(&[("a", "1")])),
        };
        let loose = GrantConstraints::default();
        let ok = ChildGrant {
            operations: ActionSet::from_actions(&[Action::Decrypt]),
            constraints: &strict,
        };
        let too_many = ChildGrant {
            operations: ActionSet::from_actions(&[Action::Encrypt]),
            constraints: &strict,
        };
        let too_loose = ChildGrant {
            operations: ActionSet::from_actions(&[Action::Decrypt]),
            constraints: &loose,
        };
        assert_eq!(
            g.check(&app, Action::CreateGrant, None, &[], later, Some(ok)),
            GrantCheck::Allows
        );
        assert_eq!(
            g.check(&app, Action::CreateGrant, None, &[], later, Some(too_many)),
            GrantCheck::ChildNotSubset
        );
        assert_eq!(
            g.check(&app, Action::CreateGrant, None, &[], later, Some(too_loose)),
            GrantCheck::ChildNotSubset
        );
    }

    #[test]
    fn who_may_retire() {
        let mut g = grant(GrantConstraints::default());
        let admin = Principal::parse("arn:aws:iam::111122223333:user/Admin").unwrap();
        let app = Principal::parse("arn:aws:iam::111122223333:role/App").unwrap();
        assert!(g.lets_retire(&admin));
        assert!(!g.lets_retire(&app));
        g.operations.insert(Action::RetireGrant);
        assert!(g.lets_retire(&app));
    }
}
