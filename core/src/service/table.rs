//! The descriptors: for each simulated operation, AWS's model of it (`model`) and what the
//! simulator knows of it — whether CloudTrail records it as read-only (R), whether it is
//! cryptographic (C), or neither (W: it may change the world), and which parts of the
//! world a successful call may change.

use super::model::{iam, kms, s3};
use super::{Descriptor, Handler, Parts, Service};
use crate::api::Operation;

macro_rules! flags {
    (R) => {
        (true, false)
    };
    (C) => {
        (false, true)
    };
    (W) => {
        (false, false)
    };
}

macro_rules! kms {
    ($op:ident, $model:ident, $kind:ident, $changes:expr) => {
        Descriptor {
            service: Service::Kms,
            model: &kms::$model,
            read_only: flags!($kind).0,
            cryptographic: flags!($kind).1,
            changes: $changes,
            handler: Handler::Kms(Operation::$op),
        }
    };
}

macro_rules! other {
    ($service:ident, $model:path, $kind:ident, $changes:expr) => {
        Descriptor {
            service: Service::$service,
            model: &$model,
            read_only: flags!($kind).0,
            cryptographic: false,
            changes: $changes,
            handler: Handler::$service,
        }
    };
}

/// KMS's operations, in alphabetical order (as [`Operation::ALL`]).
pub(super) static KMS: [Descriptor; 34] = [
    kms!(CancelKeyDeletion, OP_CANCEL_KEY_DELETION, W, Parts::KEYS),
    kms!(CreateAlias, OP_CREATE_ALIAS, W, Parts::KEYS),
    kms!(CreateGrant, OP_CREATE_GRANT, W, Parts::GRANTS),
    kms!(
        CreateKey,
        OP_CREATE_KEY,
        W,
        Parts::KEYS.and(Parts::POLICIES)
    ),
    kms!(Decrypt, OP_DECRYPT, C, Parts::NONE),
    kms!(DeleteAlias, OP_DELETE_ALIAS, W, Parts::KEYS),
    kms!(DescribeKey, OP_DESCRIBE_KEY, R, Parts::NONE),
    kms!(DisableKey, OP_DISABLE_KEY, W, Parts::KEYS),
    kms!(DisableKeyRotation, OP_DISABLE_KEY_ROTATION, W, Parts::KEYS),
    kms!(EnableKey, OP_ENABLE_KEY, W, Parts::KEYS),
    kms!(EnableKeyRotation, OP_ENABLE_KEY_ROTATION, W, Parts::KEYS),
    kms!(Encrypt, OP_ENCRYPT, C, Parts::NONE),
    kms!(GenerateDataKey, OP_GENERATE_DATA_KEY, C, Parts::NONE),
    kms!(
        GenerateDataKeyWithoutPlaintext,
        OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT,
        C,
        Parts::NONE
    ),
    kms!(GenerateRandom, OP_GENERATE_RANDOM, C, Parts::NONE),
    kms!(GetKeyPolicy, OP_GET_KEY_POLICY, R, Parts::NONE),
    kms!(
        GetKeyRotationStatus,
        OP_GET_KEY_ROTATION_STATUS,
        R,
        Parts::NONE
    ),
    kms!(ListAliases, OP_LIST_ALIASES, R, Parts::NONE),
    kms!(ListGrants, OP_LIST_GRANTS, R, Parts::NONE),
    kms!(ListKeyPolicies, OP_LIST_KEY_POLICIES, R, Parts::NONE),
    kms!(ListKeyRotations, OP_LIST_KEY_ROTATIONS, R, Parts::NONE),
    kms!(ListKeys, OP_LIST_KEYS, R, Parts::NONE),
    kms!(ListResourceTags, OP_LIST_RESOURCE_TAGS, R, Parts::NONE),
    kms!(
        ListRetirableGrants,
        OP_LIST_RETIRABLE_GRANTS,
        R,
        Parts::NONE
    ),
    kms!(PutKeyPolicy, OP_PUT_KEY_POLICY, W, Parts::POLICIES),
    kms!(ReEncrypt, OP_RE_ENCRYPT, C, Parts::NONE),
    kms!(RetireGrant, OP_RETIRE_GRANT, W, Parts::GRANTS),
    kms!(RevokeGrant, OP_REVOKE_GRANT, W, Parts::GRANTS),
    kms!(RotateKeyOnDemand, OP_ROTATE_KEY_ON_DEMAND, W, Parts::KEYS),
    kms!(
        ScheduleKeyDeletion,
        OP_SCHEDULE_KEY_DELETION,
        W,
        Parts::KEYS
    ),
    kms!(TagResource, OP_TAG_RESOURCE, W, Parts::KEYS),
    kms!(UntagResource, OP_UNTAG_RESOURCE, W, Parts::KEYS),
    kms!(UpdateAlias, OP_UPDATE_ALIAS, W, Parts::KEYS),
    kms!(
        UpdateKeyDescription,
        OP_UPDATE_KEY_DESCRIPTION,
        W,
        Parts::KEYS
    ),
];

/// S3's: GetObject may keep a bucket key; PutObject may create `aws/s3` with its policy.
pub(super) static S3: [Descriptor; 6] = [
    other!(S3, s3::OP_CREATE_BUCKET, W, Parts::S3),
    other!(S3, s3::OP_DELETE_OBJECT, W, Parts::S3),
    other!(S3, s3::OP_GET_OBJECT, R, Parts::S3),
    other!(S3, s3::OP_HEAD_OBJECT, R, Parts::NONE),
    other!(S3, s3::OP_LIST_OBJECTS_V2, R, Parts::NONE),
    other!(
        S3,
        s3::OP_PUT_OBJECT,
        W,
        Parts::S3.and(Parts::KEYS).and(Parts::POLICIES)
    ),
];

/// IAM's: deleting a user or role deletes its inline policies.
pub(super) static IAM: [Descriptor; 8] = [
    other!(
        Iam,
        iam::OP_CREATE_ROLE,
        W,
        Parts::PRINCIPALS.and(Parts::POLICIES)
    ),
    other!(
        Iam,
        iam::OP_CREATE_USER,
        W,
        Parts::PRINCIPALS.and(Parts::POLICIES)
    ),
    other!(
        Iam,
        iam::OP_DELETE_ROLE,
        W,
        Parts::PRINCIPALS.and(Parts::POLICIES)
    ),
    other!(Iam, iam::OP_DELETE_ROLE_POLICY, W, Parts::POLICIES),
    other!(
        Iam,
        iam::OP_DELETE_USER,
        W,
        Parts::PRINCIPALS.and(Parts::POLICIES)
    ),
    other!(Iam, iam::OP_DELETE_USER_POLICY, W, Parts::POLICIES),
    other!(Iam, iam::OP_PUT_ROLE_POLICY, W, Parts::POLICIES),
    other!(Iam, iam::OP_PUT_USER_POLICY, W, Parts::POLICIES),
];
