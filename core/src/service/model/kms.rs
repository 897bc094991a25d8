//! AWS's AWS Key Management Service model (kms 2014-11-01), from botocore 1.43.11:
//! the members the simulator handles. Written by `scripts/models.py generate`; do not edit.

use crate::service::shape::{Kind, Location, Member, OperationModel, Shape};

pub(crate) static S_KEY_ID_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(2048),
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CANCEL_KEY_DELETION_IN: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: true,
    location: Location::Body,
}];

pub(crate) static OP_CANCEL_KEY_DELETION_OUT: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: false,
    location: Location::Body,
}];

pub(crate) static OP_CANCEL_KEY_DELETION: OperationModel = OperationModel {
    name: "CancelKeyDeletion",
    input: &OP_CANCEL_KEY_DELETION_IN,
    sensitive_output: &[],
};

pub(crate) static S_ALIAS_NAME_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(256),
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CREATE_ALIAS_IN: [Member; 2] = [
    Member {
        name: "AliasName",
        shape: &S_ALIAS_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "TargetKeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static OP_CREATE_ALIAS_OUT: [Member; 0] = [];

pub(crate) static OP_CREATE_ALIAS: OperationModel = OperationModel {
    name: "CreateAlias",
    input: &OP_CREATE_ALIAS_IN,
    sensitive_output: &[],
};

pub(crate) static S_PRINCIPAL_ID_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(256),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_GRANT_OPERATION: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[
        "Decrypt",
        "Encrypt",
        "GenerateDataKey",
        "GenerateDataKeyWithoutPlaintext",
        "ReEncryptFrom",
        "ReEncryptTo",
        "Sign",
        "Verify",
        "GetPublicKey",
        "CreateGrant",
        "RetireGrant",
        "DescribeKey",
        "GenerateDataKeyPair",
        "GenerateDataKeyPairWithoutPlaintext",
        "GenerateMac",
        "VerifyMac",
        "DeriveSharedSecret",
    ],
    sensitive: false,
};

pub(crate) static S_GRANT_OPERATION_LIST: Shape = Shape {
    kind: Kind::List(&S_GRANT_OPERATION),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ENCRYPTION_CONTEXT_KEY: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ENCRYPTION_CONTEXT_VALUE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ENCRYPTION_CONTEXT_TYPE: Shape = Shape {
    kind: Kind::Map(&S_ENCRYPTION_CONTEXT_KEY, &S_ENCRYPTION_CONTEXT_VALUE),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_GRANT_CONSTRAINTS_M: [Member; 2] = [
    Member {
        name: "EncryptionContextSubset",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "EncryptionContextEquals",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_GRANT_CONSTRAINTS: Shape = Shape {
    kind: Kind::Structure(&S_GRANT_CONSTRAINTS_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_GRANT_TOKEN_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(8192),
    enums: &[],
    sensitive: true,
};

pub(crate) static S_GRANT_TOKEN_LIST: Shape = Shape {
    kind: Kind::List(&S_GRANT_TOKEN_TYPE),
    min: Some(0),
    max: Some(10),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_GRANT_NAME_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(256),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_NULLABLE_BOOLEAN_TYPE: Shape = Shape {
    kind: Kind::Boolean,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CREATE_GRANT_IN: [Member; 8] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "GranteePrincipal",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "RetiringPrincipal",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Operations",
        shape: &S_GRANT_OPERATION_LIST,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Constraints",
        shape: &S_GRANT_CONSTRAINTS,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Name",
        shape: &S_GRANT_NAME_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_GRANT_ID_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(128),
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CREATE_GRANT_OUT: [Member; 2] = [
    Member {
        name: "GrantToken",
        shape: &S_GRANT_TOKEN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "GrantId",
        shape: &S_GRANT_ID_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_CREATE_GRANT: OperationModel = OperationModel {
    name: "CreateGrant",
    input: &OP_CREATE_GRANT_IN,
    sensitive_output: &["GrantToken"],
};

pub(crate) static S_POLICY_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(131072),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_DESCRIPTION_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(0),
    max: Some(8192),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_USAGE_TYPE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[
        "SIGN_VERIFY",
        "ENCRYPT_DECRYPT",
        "GENERATE_VERIFY_MAC",
        "KEY_AGREEMENT",
    ],
    sensitive: false,
};

pub(crate) static S_KEY_SPEC: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[
        "RSA_2048",
        "RSA_3072",
        "RSA_4096",
        "ECC_NIST_P256",
        "ECC_NIST_P384",
        "ECC_NIST_P521",
        "ECC_SECG_P256K1",
        "SYMMETRIC_DEFAULT",
        "HMAC_224",
        "HMAC_256",
        "HMAC_384",
        "HMAC_512",
        "SM2",
        "ML_DSA_44",
        "ML_DSA_65",
        "ML_DSA_87",
        "ECC_NIST_EDWARDS25519",
    ],
    sensitive: false,
};

pub(crate) static S_CUSTOMER_MASTER_KEY_SPEC: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[
        "RSA_2048",
        "RSA_3072",
        "RSA_4096",
        "ECC_NIST_P256",
        "ECC_NIST_P384",
        "ECC_NIST_P521",
        "ECC_SECG_P256K1",
        "SYMMETRIC_DEFAULT",
        "HMAC_224",
        "HMAC_256",
        "HMAC_384",
        "HMAC_512",
        "SM2",
    ],
    sensitive: false,
};

pub(crate) static S_ORIGIN_TYPE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"],
    sensitive: false,
};

pub(crate) static S_BOOLEAN_TYPE: Shape = Shape {
    kind: Kind::Boolean,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_KEY_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(128),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_VALUE_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(0),
    max: Some(256),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_M: [Member; 2] = [
    Member {
        name: "TagKey",
        shape: &S_TAG_KEY_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "TagValue",
        shape: &S_TAG_VALUE_TYPE,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static S_TAG: Shape = Shape {
    kind: Kind::Structure(&S_TAG_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_LIST: Shape = Shape {
    kind: Kind::List(&S_TAG),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_CUSTOM_KEY_STORE_ID_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(64),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_XKS_KEY_ID_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(128),
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CREATE_KEY_IN: [Member; 11] = [
    Member {
        name: "Policy",
        shape: &S_POLICY_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Description",
        shape: &S_DESCRIPTION_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyUsage",
        shape: &S_KEY_USAGE_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeySpec",
        shape: &S_KEY_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "CustomerMasterKeySpec",
        shape: &S_CUSTOMER_MASTER_KEY_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Origin",
        shape: &S_ORIGIN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "BypassPolicyLockoutSafetyCheck",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Tags",
        shape: &S_TAG_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "MultiRegion",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "CustomKeyStoreId",
        shape: &S_CUSTOM_KEY_STORE_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "XksKeyId",
        shape: &S_XKS_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_AWS_ACCOUNT_ID_TYPE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ARN_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(20),
    max: Some(2048),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_DATE_TYPE: Shape = Shape {
    kind: Kind::Timestamp,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_STATE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[
        "Creating",
        "Enabled",
        "Disabled",
        "PendingDeletion",
        "PendingImport",
        "PendingReplicaDeletion",
        "Unavailable",
        "Updating",
    ],
    sensitive: false,
};

pub(crate) static S_KEY_MANAGER_TYPE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["AWS", "CUSTOMER"],
    sensitive: false,
};

pub(crate) static S_ENCRYPTION_ALGORITHM_SPEC: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[
        "SYMMETRIC_DEFAULT",
        "RSAES_OAEP_SHA_1",
        "RSAES_OAEP_SHA_256",
        "SM2PKE",
    ],
    sensitive: false,
};

pub(crate) static S_ENCRYPTION_ALGORITHM_SPEC_LIST: Shape = Shape {
    kind: Kind::List(&S_ENCRYPTION_ALGORITHM_SPEC),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_PENDING_WINDOW_IN_DAYS_TYPE: Shape = Shape {
    kind: Kind::Integer,
    min: Some(1),
    max: Some(365),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_BACKING_KEY_ID_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(64),
    max: Some(64),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_METADATA_M: [Member; 17] = [
    Member {
        name: "AWSAccountId",
        shape: &S_AWS_ACCOUNT_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Arn",
        shape: &S_ARN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "CreationDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Enabled",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Description",
        shape: &S_DESCRIPTION_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyUsage",
        shape: &S_KEY_USAGE_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyState",
        shape: &S_KEY_STATE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DeletionDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Origin",
        shape: &S_ORIGIN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyManager",
        shape: &S_KEY_MANAGER_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "CustomerMasterKeySpec",
        shape: &S_CUSTOMER_MASTER_KEY_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeySpec",
        shape: &S_KEY_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "EncryptionAlgorithms",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "MultiRegion",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "PendingDeletionWindowInDays",
        shape: &S_PENDING_WINDOW_IN_DAYS_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "CurrentKeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_KEY_METADATA: Shape = Shape {
    kind: Kind::Structure(&S_KEY_METADATA_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CREATE_KEY_OUT: [Member; 1] = [Member {
    name: "KeyMetadata",
    shape: &S_KEY_METADATA,
    required: false,
    location: Location::Body,
}];

pub(crate) static OP_CREATE_KEY: OperationModel = OperationModel {
    name: "CreateKey",
    input: &OP_CREATE_KEY_IN,
    sensitive_output: &[],
};

pub(crate) static S_CIPHERTEXT_TYPE: Shape = Shape {
    kind: Kind::Blob,
    min: Some(1),
    max: Some(6144),
    enums: &[],
    sensitive: true,
};

pub(crate) static S_DRY_RUN_MODIFIER_TYPE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["IGNORE_CIPHERTEXT"],
    sensitive: false,
};

pub(crate) static S_DRY_RUN_MODIFIER_LIST: Shape = Shape {
    kind: Kind::List(&S_DRY_RUN_MODIFIER_TYPE),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_ENCRYPTION_MECHANISM: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["RSAES_OAEP_SHA_256"],
    sensitive: false,
};

pub(crate) static S_ATTESTATION_DOCUMENT_TYPE: Shape = Shape {
    kind: Kind::Blob,
    min: Some(1),
    max: Some(262144),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_RECIPIENT_INFO_M: [Member; 2] = [
    Member {
        name: "KeyEncryptionAlgorithm",
        shape: &S_KEY_ENCRYPTION_MECHANISM,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "AttestationDocument",
        shape: &S_ATTESTATION_DOCUMENT_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_RECIPIENT_INFO: Shape = Shape {
    kind: Kind::Structure(&S_RECIPIENT_INFO_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_DECRYPT_IN: [Member; 8] = [
    Member {
        name: "CiphertextBlob",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "EncryptionContext",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "EncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DryRunModifiers",
        shape: &S_DRY_RUN_MODIFIER_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Recipient",
        shape: &S_RECIPIENT_INFO,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_PLAINTEXT_TYPE: Shape = Shape {
    kind: Kind::Blob,
    min: Some(1),
    max: Some(4096),
    enums: &[],
    sensitive: true,
};

pub(crate) static OP_DECRYPT_OUT: [Member; 5] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Plaintext",
        shape: &S_PLAINTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "EncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "CiphertextForRecipient",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_DECRYPT: OperationModel = OperationModel {
    name: "Decrypt",
    input: &OP_DECRYPT_IN,
    sensitive_output: &["Plaintext", "CiphertextForRecipient"],
};

pub(crate) static OP_DELETE_ALIAS_IN: [Member; 1] = [Member {
    name: "AliasName",
    shape: &S_ALIAS_NAME_TYPE,
    required: true,
    location: Location::Body,
}];

pub(crate) static OP_DELETE_ALIAS_OUT: [Member; 0] = [];

pub(crate) static OP_DELETE_ALIAS: OperationModel = OperationModel {
    name: "DeleteAlias",
    input: &OP_DELETE_ALIAS_IN,
    sensitive_output: &[],
};

pub(crate) static OP_DESCRIBE_KEY_IN: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_DESCRIBE_KEY_OUT: [Member; 1] = [Member {
    name: "KeyMetadata",
    shape: &S_KEY_METADATA,
    required: false,
    location: Location::Body,
}];

pub(crate) static OP_DESCRIBE_KEY: OperationModel = OperationModel {
    name: "DescribeKey",
    input: &OP_DESCRIBE_KEY_IN,
    sensitive_output: &[],
};

pub(crate) static OP_DISABLE_KEY_IN: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: true,
    location: Location::Body,
}];

pub(crate) static OP_DISABLE_KEY_OUT: [Member; 0] = [];

pub(crate) static OP_DISABLE_KEY: OperationModel = OperationModel {
    name: "DisableKey",
    input: &OP_DISABLE_KEY_IN,
    sensitive_output: &[],
};

pub(crate) static OP_DISABLE_KEY_ROTATION_IN: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: true,
    location: Location::Body,
}];

pub(crate) static OP_DISABLE_KEY_ROTATION_OUT: [Member; 0] = [];

pub(crate) static OP_DISABLE_KEY_ROTATION: OperationModel = OperationModel {
    name: "DisableKeyRotation",
    input: &OP_DISABLE_KEY_ROTATION_IN,
    sensitive_output: &[],
};

pub(crate) static OP_ENABLE_KEY_IN: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: true,
    location: Location::Body,
}];

pub(crate) static OP_ENABLE_KEY_OUT: [Member; 0] = [];

pub(crate) static OP_ENABLE_KEY: OperationModel = OperationModel {
    name: "EnableKey",
    input: &OP_ENABLE_KEY_IN,
    sensitive_output: &[],
};

pub(crate) static S_ROTATION_PERIOD_IN_DAYS_TYPE: Shape = Shape {
    kind: Kind::Integer,
    min: Some(90),
    max: Some(2560),
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_ENABLE_KEY_ROTATION_IN: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "RotationPeriodInDays",
        shape: &S_ROTATION_PERIOD_IN_DAYS_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_ENABLE_KEY_ROTATION_OUT: [Member; 0] = [];

pub(crate) static OP_ENABLE_KEY_ROTATION: OperationModel = OperationModel {
    name: "EnableKeyRotation",
    input: &OP_ENABLE_KEY_ROTATION_IN,
    sensitive_output: &[],
};

pub(crate) static OP_ENCRYPT_IN: [Member; 6] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Plaintext",
        shape: &S_PLAINTEXT_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "EncryptionContext",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "EncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_ENCRYPT_OUT: [Member; 3] = [
    Member {
        name: "CiphertextBlob",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "EncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_ENCRYPT: OperationModel = OperationModel {
    name: "Encrypt",
    input: &OP_ENCRYPT_IN,
    sensitive_output: &["CiphertextBlob"],
};

pub(crate) static S_NUMBER_OF_BYTES_TYPE: Shape = Shape {
    kind: Kind::Integer,
    min: Some(1),
    max: Some(1024),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_DATA_KEY_SPEC: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["AES_256", "AES_128"],
    sensitive: false,
};

pub(crate) static OP_GENERATE_DATA_KEY_IN: [Member; 7] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "EncryptionContext",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "NumberOfBytes",
        shape: &S_NUMBER_OF_BYTES_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeySpec",
        shape: &S_DATA_KEY_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Recipient",
        shape: &S_RECIPIENT_INFO,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_GENERATE_DATA_KEY_OUT: [Member; 5] = [
    Member {
        name: "CiphertextBlob",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Plaintext",
        shape: &S_PLAINTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "CiphertextForRecipient",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_GENERATE_DATA_KEY: OperationModel = OperationModel {
    name: "GenerateDataKey",
    input: &OP_GENERATE_DATA_KEY_IN,
    sensitive_output: &["CiphertextBlob", "Plaintext", "CiphertextForRecipient"],
};

pub(crate) static OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT_IN: [Member; 6] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "EncryptionContext",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "NumberOfBytes",
        shape: &S_NUMBER_OF_BYTES_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeySpec",
        shape: &S_DATA_KEY_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT_OUT: [Member; 3] = [
    Member {
        name: "CiphertextBlob",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT: OperationModel = OperationModel {
    name: "GenerateDataKeyWithoutPlaintext",
    input: &OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT_IN,
    sensitive_output: &["CiphertextBlob"],
};

pub(crate) static OP_GENERATE_RANDOM_IN: [Member; 3] = [
    Member {
        name: "NumberOfBytes",
        shape: &S_NUMBER_OF_BYTES_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "CustomKeyStoreId",
        shape: &S_CUSTOM_KEY_STORE_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Recipient",
        shape: &S_RECIPIENT_INFO,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_GENERATE_RANDOM_OUT: [Member; 2] = [
    Member {
        name: "Plaintext",
        shape: &S_PLAINTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "CiphertextForRecipient",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_GENERATE_RANDOM: OperationModel = OperationModel {
    name: "GenerateRandom",
    input: &OP_GENERATE_RANDOM_IN,
    sensitive_output: &["Plaintext", "CiphertextForRecipient"],
};

pub(crate) static S_POLICY_NAME_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(128),
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_GET_KEY_POLICY_IN: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_GET_KEY_POLICY_OUT: [Member; 2] = [
    Member {
        name: "Policy",
        shape: &S_POLICY_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_GET_KEY_POLICY: OperationModel = OperationModel {
    name: "GetKeyPolicy",
    input: &OP_GET_KEY_POLICY_IN,
    sensitive_output: &[],
};

pub(crate) static OP_GET_KEY_ROTATION_STATUS_IN: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: true,
    location: Location::Body,
}];

pub(crate) static OP_GET_KEY_ROTATION_STATUS_OUT: [Member; 5] = [
    Member {
        name: "KeyRotationEnabled",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "RotationPeriodInDays",
        shape: &S_ROTATION_PERIOD_IN_DAYS_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "NextRotationDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "OnDemandRotationStartDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_GET_KEY_ROTATION_STATUS: OperationModel = OperationModel {
    name: "GetKeyRotationStatus",
    input: &OP_GET_KEY_ROTATION_STATUS_IN,
    sensitive_output: &[],
};

pub(crate) static S_LIMIT_TYPE: Shape = Shape {
    kind: Kind::Integer,
    min: Some(1),
    max: Some(1000),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_MARKER_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(1024),
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_LIST_ALIASES_IN: [Member; 3] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_ALIAS_LIST_ENTRY_M: [Member; 5] = [
    Member {
        name: "AliasName",
        shape: &S_ALIAS_NAME_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "AliasArn",
        shape: &S_ARN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "TargetKeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "CreationDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "LastUpdatedDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_ALIAS_LIST_ENTRY: Shape = Shape {
    kind: Kind::Structure(&S_ALIAS_LIST_ENTRY_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ALIAS_LIST: Shape = Shape {
    kind: Kind::List(&S_ALIAS_LIST_ENTRY),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_LIST_ALIASES_OUT: [Member; 3] = [
    Member {
        name: "Aliases",
        shape: &S_ALIAS_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_LIST_ALIASES: OperationModel = OperationModel {
    name: "ListAliases",
    input: &OP_LIST_ALIASES_IN,
    sensitive_output: &[],
};

pub(crate) static OP_LIST_GRANTS_IN: [Member; 5] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "GrantId",
        shape: &S_GRANT_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "GranteePrincipal",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_GRANT_LIST_ENTRY_M: [Member; 9] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "GrantId",
        shape: &S_GRANT_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Name",
        shape: &S_GRANT_NAME_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "CreationDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "GranteePrincipal",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "RetiringPrincipal",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "IssuingAccount",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Operations",
        shape: &S_GRANT_OPERATION_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Constraints",
        shape: &S_GRANT_CONSTRAINTS,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_GRANT_LIST_ENTRY: Shape = Shape {
    kind: Kind::Structure(&S_GRANT_LIST_ENTRY_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_GRANT_LIST: Shape = Shape {
    kind: Kind::List(&S_GRANT_LIST_ENTRY),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_LIST_GRANTS_OUT: [Member; 3] = [
    Member {
        name: "Grants",
        shape: &S_GRANT_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_LIST_GRANTS: OperationModel = OperationModel {
    name: "ListGrants",
    input: &OP_LIST_GRANTS_IN,
    sensitive_output: &[],
};

pub(crate) static OP_LIST_KEY_POLICIES_IN: [Member; 3] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_POLICY_NAME_LIST: Shape = Shape {
    kind: Kind::List(&S_POLICY_NAME_TYPE),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_LIST_KEY_POLICIES_OUT: [Member; 3] = [
    Member {
        name: "PolicyNames",
        shape: &S_POLICY_NAME_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_LIST_KEY_POLICIES: OperationModel = OperationModel {
    name: "ListKeyPolicies",
    input: &OP_LIST_KEY_POLICIES_IN,
    sensitive_output: &[],
};

pub(crate) static S_INCLUDE_KEY_MATERIAL: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["ALL_KEY_MATERIAL", "ROTATIONS_ONLY"],
    sensitive: false,
};

pub(crate) static OP_LIST_KEY_ROTATIONS_IN: [Member; 4] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "IncludeKeyMaterial",
        shape: &S_INCLUDE_KEY_MATERIAL,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_KEY_MATERIAL_DESCRIPTION_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(0),
    max: Some(256),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_IMPORT_STATE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["IMPORTED", "PENDING_IMPORT"],
    sensitive: false,
};

pub(crate) static S_KEY_MATERIAL_STATE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[
        "NON_CURRENT",
        "CURRENT",
        "PENDING_ROTATION",
        "PENDING_MULTI_REGION_IMPORT_AND_ROTATION",
    ],
    sensitive: false,
};

pub(crate) static S_EXPIRATION_MODEL_TYPE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE"],
    sensitive: false,
};

pub(crate) static S_ROTATION_TYPE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["AUTOMATIC", "ON_DEMAND"],
    sensitive: false,
};

pub(crate) static S_ROTATIONS_LIST_ENTRY_M: [Member; 9] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyMaterialDescription",
        shape: &S_KEY_MATERIAL_DESCRIPTION_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "ImportState",
        shape: &S_IMPORT_STATE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyMaterialState",
        shape: &S_KEY_MATERIAL_STATE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "ExpirationModel",
        shape: &S_EXPIRATION_MODEL_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "ValidTo",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "RotationDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "RotationType",
        shape: &S_ROTATION_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_ROTATIONS_LIST_ENTRY: Shape = Shape {
    kind: Kind::Structure(&S_ROTATIONS_LIST_ENTRY_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ROTATIONS_LIST: Shape = Shape {
    kind: Kind::List(&S_ROTATIONS_LIST_ENTRY),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_LIST_KEY_ROTATIONS_OUT: [Member; 3] = [
    Member {
        name: "Rotations",
        shape: &S_ROTATIONS_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_LIST_KEY_ROTATIONS: OperationModel = OperationModel {
    name: "ListKeyRotations",
    input: &OP_LIST_KEY_ROTATIONS_IN,
    sensitive_output: &[],
};

pub(crate) static OP_LIST_KEYS_IN: [Member; 2] = [
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_KEY_LIST_ENTRY_M: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyArn",
        shape: &S_ARN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_KEY_LIST_ENTRY: Shape = Shape {
    kind: Kind::Structure(&S_KEY_LIST_ENTRY_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_LIST: Shape = Shape {
    kind: Kind::List(&S_KEY_LIST_ENTRY),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_LIST_KEYS_OUT: [Member; 3] = [
    Member {
        name: "Keys",
        shape: &S_KEY_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_LIST_KEYS: OperationModel = OperationModel {
    name: "ListKeys",
    input: &OP_LIST_KEYS_IN,
    sensitive_output: &[],
};

pub(crate) static OP_LIST_RESOURCE_TAGS_IN: [Member; 3] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_LIST_RESOURCE_TAGS_OUT: [Member; 3] = [
    Member {
        name: "Tags",
        shape: &S_TAG_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_LIST_RESOURCE_TAGS: OperationModel = OperationModel {
    name: "ListResourceTags",
    input: &OP_LIST_RESOURCE_TAGS_IN,
    sensitive_output: &[],
};

pub(crate) static OP_LIST_RETIRABLE_GRANTS_IN: [Member; 3] = [
    Member {
        name: "RetiringPrincipal",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_LIST_RETIRABLE_GRANTS_OUT: [Member; 3] = [
    Member {
        name: "Grants",
        shape: &S_GRANT_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_LIST_RETIRABLE_GRANTS: OperationModel = OperationModel {
    name: "ListRetirableGrants",
    input: &OP_LIST_RETIRABLE_GRANTS_IN,
    sensitive_output: &[],
};

pub(crate) static OP_PUT_KEY_POLICY_IN: [Member; 4] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Policy",
        shape: &S_POLICY_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "BypassPolicyLockoutSafetyCheck",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_PUT_KEY_POLICY_OUT: [Member; 0] = [];

pub(crate) static OP_PUT_KEY_POLICY: OperationModel = OperationModel {
    name: "PutKeyPolicy",
    input: &OP_PUT_KEY_POLICY_IN,
    sensitive_output: &[],
};

pub(crate) static OP_RE_ENCRYPT_IN: [Member; 9] = [
    Member {
        name: "CiphertextBlob",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "SourceEncryptionContext",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "SourceKeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DestinationKeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "DestinationEncryptionContext",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "SourceEncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DestinationEncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_RE_ENCRYPT_OUT: [Member; 7] = [
    Member {
        name: "CiphertextBlob",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "SourceKeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "SourceEncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DestinationEncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "SourceKeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DestinationKeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_RE_ENCRYPT: OperationModel = OperationModel {
    name: "ReEncrypt",
    input: &OP_RE_ENCRYPT_IN,
    sensitive_output: &["CiphertextBlob"],
};

pub(crate) static OP_RETIRE_GRANT_IN: [Member; 4] = [
    Member {
        name: "GrantToken",
        shape: &S_GRANT_TOKEN_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "GrantId",
        shape: &S_GRANT_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_RETIRE_GRANT_OUT: [Member; 0] = [];

pub(crate) static OP_RETIRE_GRANT: OperationModel = OperationModel {
    name: "RetireGrant",
    input: &OP_RETIRE_GRANT_IN,
    sensitive_output: &[],
};

pub(crate) static OP_REVOKE_GRANT_IN: [Member; 3] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "GrantId",
        shape: &S_GRANT_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_REVOKE_GRANT_OUT: [Member; 0] = [];

pub(crate) static OP_REVOKE_GRANT: OperationModel = OperationModel {
    name: "RevokeGrant",
    input: &OP_REVOKE_GRANT_IN,
    sensitive_output: &[],
};

pub(crate) static OP_ROTATE_KEY_ON_DEMAND_IN: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: true,
    location: Location::Body,
}];

pub(crate) static OP_ROTATE_KEY_ON_DEMAND_OUT: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: false,
    location: Location::Body,
}];

pub(crate) static OP_ROTATE_KEY_ON_DEMAND: OperationModel = OperationModel {
    name: "RotateKeyOnDemand",
    input: &OP_ROTATE_KEY_ON_DEMAND_IN,
    sensitive_output: &[],
};

pub(crate) static OP_SCHEDULE_KEY_DELETION_IN: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "PendingWindowInDays",
        shape: &S_PENDING_WINDOW_IN_DAYS_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_SCHEDULE_KEY_DELETION_OUT: [Member; 4] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "DeletionDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyState",
        shape: &S_KEY_STATE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "PendingWindowInDays",
        shape: &S_PENDING_WINDOW_IN_DAYS_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_SCHEDULE_KEY_DELETION: OperationModel = OperationModel {
    name: "ScheduleKeyDeletion",
    input: &OP_SCHEDULE_KEY_DELETION_IN,
    sensitive_output: &[],
};

pub(crate) static OP_TAG_RESOURCE_IN: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Tags",
        shape: &S_TAG_LIST,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static OP_TAG_RESOURCE_OUT: [Member; 0] = [];

pub(crate) static OP_TAG_RESOURCE: OperationModel = OperationModel {
    name: "TagResource",
    input: &OP_TAG_RESOURCE_IN,
    sensitive_output: &[],
};

pub(crate) static S_TAG_KEY_LIST: Shape = Shape {
    kind: Kind::List(&S_TAG_KEY_TYPE),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_UNTAG_RESOURCE_IN: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "TagKeys",
        shape: &S_TAG_KEY_LIST,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static OP_UNTAG_RESOURCE_OUT: [Member; 0] = [];

pub(crate) static OP_UNTAG_RESOURCE: OperationModel = OperationModel {
    name: "UntagResource",
    input: &OP_UNTAG_RESOURCE_IN,
    sensitive_output: &[],
};

pub(crate) static OP_UPDATE_ALIAS_IN: [Member; 2] = [
    Member {
        name: "AliasName",
        shape: &S_ALIAS_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "TargetKeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static OP_UPDATE_ALIAS_OUT: [Member; 0] = [];

pub(crate) static OP_UPDATE_ALIAS: OperationModel = OperationModel {
    name: "UpdateAlias",
    input: &OP_UPDATE_ALIAS_IN,
    sensitive_output: &[],
};

pub(crate) static OP_UPDATE_KEY_DESCRIPTION_IN: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Description",
        shape: &S_DESCRIPTION_TYPE,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static OP_UPDATE_KEY_DESCRIPTION_OUT: [Member; 0] = [];

pub(crate) static OP_UPDATE_KEY_DESCRIPTION: OperationModel = OperationModel {
    name: "UpdateKeyDescription",
    input: &OP_UPDATE_KEY_DESCRIPTION_IN,
    sensitive_output: &[],
};

/// The response members of the operation `name`.
pub(crate) fn output(name: &str) -> &'static [Member] {
    match name {
        "CancelKeyDeletion" => &OP_CANCEL_KEY_DELETION_OUT,
        "CreateAlias" => &OP_CREATE_ALIAS_OUT,
        "CreateGrant" => &OP_CREATE_GRANT_OUT,
        "CreateKey" => &OP_CREATE_KEY_OUT,
        "Decrypt" => &OP_DECRYPT_OUT,
        "DeleteAlias" => &OP_DELETE_ALIAS_OUT,
        "DescribeKey" => &OP_DESCRIBE_KEY_OUT,
        "DisableKey" => &OP_DISABLE_KEY_OUT,
        "DisableKeyRotation" => &OP_DISABLE_KEY_ROTATION_OUT,
        "EnableKey" => &OP_ENABLE_KEY_OUT,
        "EnableKeyRotation" => &OP_ENABLE_KEY_ROTATION_OUT,
        "Encrypt" => &OP_ENCRYPT_OUT,
        "GenerateDataKey" => &OP_GENERATE_DATA_KEY_OUT,
        "GenerateDataKeyWithoutPlaintext" => &OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT_OUT,
        "GenerateRandom" => &OP_GENERATE_RANDOM_OUT,
        "GetKeyPolicy" => &OP_GET_KEY_POLICY_OUT,
        "GetKeyRotationStatus" => &OP_GET_KEY_ROTATION_STATUS_OUT,
        "ListAliases" => &OP_LIST_ALIASES_OUT,
        "ListGrants" => &OP_LIST_GRANTS_OUT,
        "ListKeyPolicies" => &OP_LIST_KEY_POLICIES_OUT,
        "ListKeyRotations" => &OP_LIST_KEY_ROTATIONS_OUT,
        "ListKeys" => &OP_LIST_KEYS_OUT,
        "ListResourceTags" => &OP_LIST_RESOURCE_TAGS_OUT,
        "ListRetirableGrants" => &OP_LIST_RETIRABLE_GRANTS_OUT,
        "PutKeyPolicy" => &OP_PUT_KEY_POLICY_OUT,
        "ReEncrypt" => &OP_RE_ENCRYPT_OUT,
        "RetireGrant" => &OP_RETIRE_GRANT_OUT,
        "RevokeGrant" => &OP_REVOKE_GRANT_OUT,
        "RotateKeyOnDemand" => &OP_ROTATE_KEY_ON_DEMAND_OUT,
        "ScheduleKeyDeletion" => &OP_SCHEDULE_KEY_DELETION_OUT,
        "TagResource" => &OP_TAG_RESOURCE_OUT,
        "UntagResource" => &OP_UNTAG_RESOURCE_OUT,
        "UpdateAlias" => &OP_UPDATE_ALIAS_OUT,
        "UpdateKeyDescription" => &OP_UPDATE_KEY_DESCRIPTION_OUT,
        _ => &[],
    }
}

/// The error codes AWS's model lists for the operation `name`.
pub(crate) fn errors(name: &str) -> &'static [&'static str] {
    match name {
        "CancelKeyDeletion" => &[
            "NotFoundException",
            "InvalidArnException",
            "DependencyTimeoutException",
            "KMSInternalException",
            "KMSInvalidStateException",
        ],
        "CreateAlias" => &[
            "DependencyTimeoutException",
            "AlreadyExistsException",
            "NotFoundException",
            "InvalidAliasNameException",
            "KMSInternalException",
            "LimitExceededException",
            "KMSInvalidStateException",
        ],
        "CreateGrant" => &[
            "NotFoundException",
            "DisabledException",
            "DependencyTimeoutException",
            "InvalidArnException",
            "KMSInternalException",
            "InvalidGrantTokenException",
            "LimitExceededException",
            "KMSInvalidStateException",
            "DryRunOperationException",
        ],
        "CreateKey" => &[
            "MalformedPolicyDocumentException",
            "DependencyTimeoutException",
            "InvalidArnException",
            "UnsupportedOperationException",
            "KMSInternalException",
            "LimitExceededException",
            "TagException",
            "CustomKeyStoreNotFoundException",
            "CustomKeyStoreInvalidStateException",
            "CloudHsmClusterInvalidConfigurationException",
            "XksKeyInvalidConfigurationException",
            "XksKeyAlreadyInUseException",
            "XksKeyNotFoundException",
        ],
        "Decrypt" => &[
            "NotFoundException",
            "DisabledException",
            "InvalidCiphertextException",
            "KeyUnavailableException",
            "IncorrectKeyException",
            "InvalidKeyUsageException",
            "DependencyTimeoutException",
            "InvalidGrantTokenException",
            "KMSInternalException",
            "KMSInvalidStateException",
            "DryRunOperationException",
        ],
        "DeleteAlias" => &[
            "DependencyTimeoutException",
            "NotFoundException",
            "KMSInternalException",
            "KMSInvalidStateException",
        ],
        "DescribeKey" => &[
            "NotFoundException",
            "InvalidArnException",
            "DependencyTimeoutException",
            "KMSInternalException",
        ],
        "DisableKey" => &[
            "NotFoundException",
            "InvalidArnException",
            "DependencyTimeoutException",
            "KMSInternalException",
            "KMSInvalidStateException",
        ],
        "DisableKeyRotation" => &[
            "NotFoundException",
            "DisabledException",
            "InvalidArnException",
            "DependencyTimeoutException",
            "KMSInternalException",
            "KMSInvalidStateException",
            "UnsupportedOperationException",
        ],
        "EnableKey" => &[
            "NotFoundException",
            "InvalidArnException",
            "DependencyTimeoutException",
            "KMSInternalException",
            "LimitExceededException",
            "KMSInvalidStateException",
        ],
        "EnableKeyRotation" => &[
            "NotFoundException",
            "DisabledException",
            "InvalidArnException",
            "DependencyTimeoutException",
            "KMSInternalException",
            "KMSInvalidStateException",
            "UnsupportedOperationException",
        ],
        "Encrypt" => &[
            "NotFoundException",
            "DisabledException",
            "KeyUnavailableException",
            "DependencyTimeoutException",
            "InvalidKeyUsageException",
            "InvalidGrantTokenException",
            "KMSInternalException",
            "KMSInvalidStateException",
            "DryRunOperationException",
        ],
        "GenerateDataKey" => &[
            "NotFoundException",
            "DisabledException",
            "KeyUnavailableException",
            "DependencyTimeoutException",
            "InvalidKeyUsageException",
            "InvalidGrantTokenException",
            "KMSInternalException",
            "KMSInvalidStateException",
            "DryRunOperationException",
        ],
        "GenerateDataKeyWithoutPlaintext" => &[
            "NotFoundException",
            "DisabledException",
            "KeyUnavailableException",
            "DependencyTimeoutException",
            "InvalidKeyUsageException",
            "InvalidGrantTokenException",
            "KMSInternalException",
            "KMSInvalidStateException",
            "DryRunOperationException",
        ],
        "GenerateRandom" => &[
            "DependencyTimeoutException",
            "KMSInternalException",
            "UnsupportedOperationException",
            "CustomKeyStoreNotFoundException",
            "CustomKeyStoreInvalidStateException",
        ],
        "GetKeyPolicy" => &[
            "NotFoundException",
            "InvalidArnException",
            "DependencyTimeoutException",
            "KMSInternalException",
            "KMSInvalidStateException",
        ],
        "GetKeyRotationStatus" => &[
            "NotFoundException",
            "InvalidArnException",
            "DependencyTimeoutException",
            "KMSInternalException",
            "KMSInvalidStateException",
            "UnsupportedOperationException",
        ],
        "ListAliases" => &[
            "DependencyTimeoutException",
            "InvalidMarkerException",
            "KMSInternalException",
            "InvalidArnException",
            "NotFoundException",
        ],
        "ListGrants" => &[
            "NotFoundException",
            "DependencyTimeoutException",
            "InvalidMarkerException",
            "InvalidGrantIdException",
            "InvalidArnException",
            "KMSInternalException",
            "KMSInvalidStateException",
        ],
        "ListKeyPolicies" => &[
            "NotFoundException",
            "InvalidArnException",
            "DependencyTimeoutException",
            "KMSInternalException",
            "KMSInvalidStateException",
        ],
        "ListKeyRotations" => &[
            "NotFoundException",
            "InvalidArnException",
            "InvalidMarkerException",
            "KMSInternalException",
            "KMSInvalidStateException",
            "UnsupportedOperationException",
        ],
        "ListKeys" => &[
            "DependencyTimeoutException",
            "KMSInternalException",
            "InvalidMarkerException",
        ],
        "ListResourceTags" => &[
            "KMSInternalException",
            "NotFoundException",
            "InvalidArnException",
            "InvalidMarkerException",
        ],
        "ListRetirableGrants" => &[
            "DependencyTimeoutException",
            "InvalidMarkerException",
            "InvalidArnException",
            "NotFoundException",
            "KMSInternalException",
        ],
        "PutKeyPolicy" => &[
            "NotFoundException",
            "InvalidArnException",
            "MalformedPolicyDocumentException",
            "DependencyTimeoutException",
            "UnsupportedOperationException",
            "KMSInternalException",
            "LimitExceededException",
            "KMSInvalidStateException",
        ],
        "ReEncrypt" => &[
            "NotFoundException",
            "DisabledException",
            "InvalidCiphertextException",
            "KeyUnavailableException",
            "IncorrectKeyException",
            "DependencyTimeoutException",
            "InvalidKeyUsageException",
            "InvalidGrantTokenException",
            "KMSInternalException",
            "KMSInvalidStateException",
            "DryRunOperationException",
        ],
        "RetireGrant" => &[
            "InvalidArnException",
            "InvalidGrantTokenException",
            "InvalidGrantIdException",
            "NotFoundException",
            "DependencyTimeoutException",
            "KMSInternalException",
            "KMSInvalidStateException",
            "DryRunOperationException",
        ],
        "RevokeGrant" => &[
            "NotFoundException",
            "DependencyTimeoutException",
            "InvalidArnException",
            "InvalidGrantIdException",
            "KMSInternalException",
            "KMSInvalidStateException",
            "DryRunOperationException",
        ],
        "RotateKeyOnDemand" => &[
            "NotFoundException",
            "DisabledException",
            "InvalidArnException",
            "DependencyTimeoutException",
            "KMSInternalException",
            "KMSInvalidStateException",
            "UnsupportedOperationException",
            "LimitExceededException",
            "ConflictException",
        ],
        "ScheduleKeyDeletion" => &[
            "NotFoundException",
            "InvalidArnException",
            "DependencyTimeoutException",
            "KMSInternalException",
            "KMSInvalidStateException",
        ],
        "TagResource" => &[
            "KMSInternalException",
            "NotFoundException",
            "InvalidArnException",
            "KMSInvalidStateException",
            "LimitExceededException",
            "TagException",
        ],
        "UntagResource" => &[
            "KMSInternalException",
            "NotFoundException",
            "InvalidArnException",
            "KMSInvalidStateException",
            "TagException",
        ],
        "UpdateAlias" => &[
            "DependencyTimeoutException",
            "NotFoundException",
            "KMSInternalException",
            "LimitExceededException",
            "KMSInvalidStateException",
        ],
        "UpdateKeyDescription" => &[
            "NotFoundException",
            "InvalidArnException",
            "DependencyTimeoutException",
            "KMSInternalException",
            "KMSInvalidStateException",
        ],
        _ => &[],
    }
}

/// A member's name on the wire (a header, a query parameter), where it is not its own.
pub(crate) fn wire(operation: &str, member: &str) -> Option<&'static str> {
    let _ = (operation, member);
    None
}
