//! KMS keys: metadata, state, key material versions, rotation and deletion schedules.

mod kind;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
pub use kind::{KeySpec, KeyUsage, Origin};

use crate::action::Action;
use crate::clock::{Duration, Timestamp};
use crate::crypto::KeyMaterial;
use crate::ids::{AccountId, KeyArn, KeyId, Region};
use crate::policy::Policy;

/// The state of a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyState {
    /// Usable.
    Enabled,
    /// Kept, but refused for cryptographic operations.
    Disabled,
    /// Scheduled for deletion at the key's deletion date.
    PendingDeletion,
}

impl KeyState {
    /// The name AWS uses (`Enabled`, `Disabled`, `PendingDeletion`).
    pub fn as_str(self) -> &'static str {
        match self {
            KeyState::Enabled => "Enabled",
            KeyState::Disabled => "Disabled",
            KeyState::PendingDeletion => "PendingDeletion",
        }
    }
}

/// Why a key's state refuses an operation, and so which error the operation gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StateRefusal {
    /// `DisabledException`: the key is disabled.
    Disabled,
    /// `KMSInvalidStateException`: the key is pending deletion.
    PendingDeletion,
}

impl KeyState {
    /// Whether this state refuses `action` on the key, as the key-state table of the
    /// KMS Developer Guide ("Key states of AWS KMS keys") gives it: `None` when the state
    /// permits it.
    pub fn refusal(self, action: Action) -> Option<StateRefusal> {
        use Action::*;
        match self {
            KeyState::Enabled => None,
            KeyState::Disabled => matches!(
                action,
                Encrypt
                    | Decrypt
                    | ReEncryptFrom
                    | ReEncryptTo
                    | GenerateDataKey
                    | GenerateDataKeyWithoutPlaintext
                    | CreateGrant
                    | EnableKeyRotation
                    | DisableKeyRotation
                    | RotateKeyOnDemand
            )
            .then_some(StateRefusal::Disabled),
            KeyState::PendingDeletion => (!matches!(
                action,
                CancelKeyDeletion
                    | DescribeKey
                    | GetKeyPolicy
                    | PutKeyPolicy
                    | ListGrants
                    | RetireGrant
                    | RevokeGrant
                    | DeleteAlias
                    | GetKeyRotationStatus
                    | ListKeyPolicies
                    | ListResourceTags
                    | ListKeyRotations
            ))
            .then_some(StateRefusal::PendingDeletion),
        }
    }
}

impl fmt::Display for KeyState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who manages a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyManager {
    /// A customer managed key.
    Customer,
    /// An AWS managed key, created by a service for the account (`aws/s3`).
    Aws,
}

impl KeyManager {
    /// `CUSTOMER` or `AWS`.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyManager::Customer => "CUSTOMER",
            KeyManager::Aws => "AWS",
        }
    }
}

/// How a key material version came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MaterialOrigin {
    /// Created with the key.
    Initial,
    /// Made by automatic rotation.
    Automatic,
    /// Made by RotateKeyOnDemand.
    OnDemand,
}

impl MaterialOrigin {
    /// `AUTOMATIC` or `ON_DEMAND` as ListKeyRotations says (the initial version is not a
    /// rotation).
    pub fn rotation_type(self) -> Option<&'static str> {
        match self {
            MaterialOrigin::Initial => None,
            MaterialOrigin::Automatic => Some("AUTOMATIC"),
            MaterialOrigin::OnDemand => Some("ON_DEMAND"),
        }
    }
}

/// One version of a key's material. Every version is kept for as long as the key exists,
/// so old ciphertexts still decrypt after rotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaterialVersion {
    /// 1 for the first material, then 2, 3, ...
    pub version: u32,
    /// A public identifier of the material (hex), as AWS's `KeyMaterialId`.
    pub material_id: String,
    /// The secret.
    pub material: KeyMaterial,
    /// When it was made.
    pub created: Timestamp,
    /// How it was made.
    pub origin: MaterialOrigin,
}

/// Automatic rotation settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rotation {
    /// The period in days (90–2560).
    pub period_days: u32,
    /// When the next automatic rotation falls due.
    pub next: Timestamp,
}

/// The default automatic rotation period.
pub const DEFAULT_ROTATION_DAYS: u32 = 365;
/// The shortest automatic rotation period.
pub const MIN_ROTATION_DAYS: u32 = 90;
/// The longest automatic rotation period.
pub const MAX_ROTATION_DAYS: u32 = 2560;
/// The most on-demand rotations one key may have.
pub const MAX_ON_DEMAND_ROTATIONS: u32 = 25;
/// The default deletion waiting period.
pub const DEFAULT_PENDING_WINDOW_DAYS: u32 = 30;

/// A KMS key.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The key ID (a UUID).
    pub key_id: KeyId,
    /// The key ARN.
    pub arn: KeyArn,
    /// The owning account.
    pub account: AccountId,
    /// The key's region.
    pub region: Region,
    /// The description.
    pub description: String,
    /// The state.
    pub state: KeyState,
    /// Customer or AWS managed.
    pub manager: KeyManager,
    /// Its key spec (`SYMMETRIC_DEFAULT`).
    pub spec: KeySpec,
    /// What it may be used for (`ENCRYPT_DECRYPT`).
    pub usage: KeyUsage,
    /// Where its material came from (`AWS_KMS`).
    pub origin: Origin,
    /// When it was created.
    pub created: Timestamp,
    /// When a key pending deletion is deleted.
    pub deletion_date: Option<Timestamp>,
    /// The waiting period chosen at ScheduleKeyDeletion.
    pub pending_window_days: Option<u32>,
    /// The key policy (always named `default`).
    pub policy: Policy,
    /// Automatic rotation, when enabled.
    pub rotation: Option<Rotation>,
    /// Every material version, oldest first; the last one encrypts.
    pub materials: Vec<MaterialVersion>,
    /// How many on-demand rotations have been made.
    pub on_demand_rotations: u32,
    /// Tags, in the order they were added.
    pub tags: Vec<(String, String)>,
}

impl Key {
    /// The material that encrypts now.
    pub fn current_material(&self) -> Option<&MaterialVersion> {
        self.materials.last()
    }

    /// The material of a version.
    pub fn material(&self, version: u32) -> Option<&MaterialVersion> {
        self.materials.iter().find(|m| m.version == version)
    }

    /// When the key will next rotate automatically, if it will.
    pub fn next_rotation(&self) -> Option<Timestamp> {
        self.rotation.map(|r| r.next)
    }

    /// The rotation period as a duration.
    pub fn rotation_period(&self) -> Option<Duration> {
        self.rotation
            .map(|r| Duration::days(i64::from(r.period_days)))
    }
}
