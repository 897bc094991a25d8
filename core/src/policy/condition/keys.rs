//! Condition keys: the KMS and global keys the simulator models, resolved from their
//! case-insensitive names, and the type of their values.

use alloc::string::String;

/// A condition key, resolved from its case-insensitive name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CondKey {
    /// `kms:EncryptionContext:<k>`: the value of pair `<k>` (the `<k>` part is
    /// case-insensitive).
    EncryptionContext(String),
    /// `kms:EncryptionContextKeys` (multi-valued)
    EncryptionContextKeys,
    /// `kms:ViaService`
    ViaService,
    /// `kms:CallerAccount`
    CallerAccount,
    /// `kms:GrantOperations` (multi-valued)
    GrantOperations,
    /// `kms:GrantIsForAWSResource`
    GrantIsForAwsResource,
    /// `kms:GranteePrincipal`
    GranteePrincipal,
    /// `kms:RetiringPrincipal`
    RetiringPrincipal,
    /// `kms:GrantConstraintType`
    GrantConstraintType,
    /// `kms:EncryptionAlgorithm`
    EncryptionAlgorithm,
    /// `kms:ReEncryptOnSameKey`
    ReEncryptOnSameKey,
    /// `kms:KeySpec` (and the older `kms:CustomerMasterKeySpec`)
    KeySpec,
    /// `kms:KeyUsage` (and the older `kms:CustomerMasterKeyUsage`)
    KeyUsage,
    /// `kms:KeyOrigin`
    KeyOrigin,
    /// `kms:MultiRegion`
    MultiRegion,
    /// `kms:RequestAlias`
    RequestAlias,
    /// `kms:ResourceAliases` (multi-valued)
    ResourceAliases,
    /// `kms:RotationPeriodInDays`
    RotationPeriodInDays,
    /// `kms:ScheduleKeyDeletionPendingWindowInDays`
    PendingWindowInDays,
    /// `kms:BypassPolicyLockoutSafetyCheck`
    BypassPolicyLockoutSafetyCheck,
    /// `aws:PrincipalArn`
    PrincipalArn,
    /// `aws:PrincipalAccount`
    PrincipalAccount,
    /// `aws:PrincipalType`
    PrincipalType,
    /// `aws:username`
    Username,
    /// `aws:CurrentTime`
    CurrentTime,
    /// `aws:EpochTime`
    EpochTime,
    /// `aws:ResourceAccount`
    ResourceAccount,
    /// `aws:ViaAWSService`
    ViaAwsService,
    /// `aws:ResourceTag/<k>`: a tag of the key.
    ResourceTag(String),
    /// `aws:RequestTag/<k>`: the value of tag `<k>` in the request (CreateKey, TagResource).
    RequestTag(String),
    /// `aws:TagKeys` (multi-valued): the tag keys in the request (CreateKey, TagResource,
    /// UntagResource).
    TagKeys,
    /// A KMS key that exists but never has a value for the symmetric keys the simulator
    /// models (`kms:SigningAlgorithm`, `kms:MacAlgorithm`, ...).
    NeverPresent(String),
    /// A key the simulator does not model (`aws:SourceIp`, `s3:...`): always absent.
    Unmodelled(String),
}

/// The type of a condition key's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyType {
    /// Text.
    String,
    /// A number.
    Numeric,
    /// `true` or `false`.
    Bool,
    /// A date and time.
    Date,
    /// An ARN.
    Arn,
}

const NEVER_PRESENT_KMS_KEYS: &[&str] = &[
    "kms:datakeypairspec",
    "kms:expirationmodel",
    "kms:keyagreementalgorithm",
    "kms:macalgorithm",
    "kms:messagetype",
    "kms:multiregionkeytype",
    "kms:primaryregion",
    "kms:replicaregion",
    "kms:signingalgorithm",
    "kms:validto",
    "kms:wrappingalgorithm",
    "kms:wrappingkeyspec",
    "kms:keyrotationstatus",
];

impl CondKey {
    /// Resolves a key name. `None` for a `kms:` key that does not exist.
    pub fn parse(name: &str) -> Option<CondKey> {
        let lower = name.to_ascii_lowercase();
        if let Some(k) = lower.strip_prefix("kms:encryptioncontext:") {
            let original = name.get(name.len() - k.len()..).unwrap_or(k);
            return Some(CondKey::EncryptionContext(String::from(original)));
        }
        if let Some(k) = lower.strip_prefix("aws:resourcetag/") {
            let original = name.get(name.len() - k.len()..).unwrap_or(k);
            return Some(CondKey::ResourceTag(String::from(original)));
        }
        if let Some(k) = lower.strip_prefix("aws:requesttag/") {
            let original = name.get(name.len() - k.len()..).unwrap_or(k);
            return Some(CondKey::RequestTag(String::from(original)));
        }
        Some(match lower.as_str() {
            "kms:encryptioncontextkeys" => CondKey::EncryptionContextKeys,
            "kms:viaservice" => CondKey::ViaService,
            "kms:calleraccount" => CondKey::CallerAccount,
            "kms:grantoperations" => CondKey::GrantOperations,
            "kms:grantisforawsresource" => CondKey::GrantIsForAwsResource,
            "kms:granteeprincipal" => CondKey::GranteePrincipal,
            "kms:retiringprincipal" => CondKey::RetiringPrincipal,
            "kms:grantconstrainttype" => CondKey::GrantConstraintType,
            "kms:encryptionalgorithm" => CondKey::EncryptionAlgorithm,
            "kms:reencryptonsamekey" => CondKey::ReEncryptOnSameKey,
            "kms:keyspec" | "kms:customermasterkeyspec" => CondKey::KeySpec,
            "kms:keyusage" | "kms:customermasterkeyusage" => CondKey::KeyUsage,
            "kms:keyorigin" => CondKey::KeyOrigin,
            "kms:multiregion" => CondKey::MultiRegion,
            "kms:requestalias" => CondKey::RequestAlias,
            "kms:resourcealiases" => CondKey::ResourceAliases,
            "kms:rotationperiodindays" => CondKey::RotationPeriodInDays,
            "kms:schedulekeydeletionpendingwindowindays" => CondKey::PendingWindowInDays,
            "kms:bypasspolicylockoutsafetycheck" => CondKey::BypassPolicyLockoutSafetyCheck,
            "aws:principalarn" => CondKey::PrincipalArn,
            "aws:principalaccount" => CondKey::PrincipalAccount,
            "aws:principaltype" => CondKey::PrincipalType,
            "aws:username" => CondKey::Username,
            "aws:currenttime" => CondKey::CurrentTime,
            "aws:epochtime" => CondKey::EpochTime,
            "aws:resourceaccount" => CondKey::ResourceAccount,
            "aws:viaawsservice" => CondKey::ViaAwsService,
            "aws:tagkeys" => CondKey::TagKeys,
            k if NEVER_PRESENT_KMS_KEYS.contains(&k) => CondKey::NeverPresent(String::from(name)),
            k if k.starts_with("kms:") => return None,
            _ => CondKey::Unmodelled(String::from(name)),
        })
    }

    /// Whether a request can carry several values for this key.
    pub fn is_multi_valued(&self) -> bool {
        matches!(
            self,
            CondKey::EncryptionContextKeys
                | CondKey::GrantOperations
                | CondKey::ResourceAliases
                | CondKey::TagKeys
        )
    }

    /// Whether `ForAllValues` with this key is refused in a key policy: KMS's
    /// `OverlyPermissiveCondition` for the single-valued `kms:EncryptionContext:<k>` and
    /// `aws:RequestTag/<k>`.
    pub fn refuses_for_all_values(&self) -> bool {
        matches!(self, CondKey::EncryptionContext(_) | CondKey::RequestTag(_))
    }

    /// The type of the key's values.
    pub fn key_type(&self) -> Option<KeyType> {
        Some(match self {
            CondKey::GrantIsForAwsResource
            | CondKey::ReEncryptOnSameKey
            | CondKey::MultiRegion
            | CondKey::BypassPolicyLockoutSafetyCheck
            | CondKey::ViaAwsService => KeyType::Bool,
            CondKey::RotationPeriodInDays | CondKey::PendingWindowInDays | CondKey::EpochTime => {
                KeyType::Numeric
            }
            CondKey::CurrentTime => KeyType::Date,
            CondKey::PrincipalArn | CondKey::GranteePrincipal | CondKey::RetiringPrincipal => {
                KeyType::Arn
            }
            CondKey::NeverPresent(_) | CondKey::Unmodelled(_) => return None,
            _ => KeyType::String,
        })
    }
}
