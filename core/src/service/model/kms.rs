//! AWS's AWS Key Management Service model (kms 2014-11-01), from botocore 1.43.11:
//! the members the simulator handles. Written by `scripts/models.py generate`; do not edit.

use crate::service::shape::{Kind, Location, Member, OperationModel, Shape};

pub(crate) static S_KEY_ID_TYPE: Shape = Shape {
    name: "KeyIdType",
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
    wire: "",
}];

pub(crate) static OP_CANCEL_KEY_DELETION_OUT: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: false,
    location: Location::Body,
    wire: "",
}];

pub(crate) static OP_CANCEL_KEY_DELETION_ERRORS: [(&str, u16); 5] = [
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
];

pub(crate) static OP_CANCEL_KEY_DELETION: OperationModel = OperationModel {
    name: "CancelKeyDeletion",
    input: &OP_CANCEL_KEY_DELETION_IN,
    output: &OP_CANCEL_KEY_DELETION_OUT,
    errors: &OP_CANCEL_KEY_DELETION_ERRORS,
};

pub(crate) static S_ALIAS_NAME_TYPE: Shape = Shape {
    name: "AliasNameType",
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
        wire: "",
    },
    Member {
        name: "TargetKeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_CREATE_ALIAS_OUT: [Member; 0] = [];

pub(crate) static OP_CREATE_ALIAS_ERRORS: [(&str, u16); 7] = [
    ("DependencyTimeoutException", 0),
    ("AlreadyExistsException", 0),
    ("NotFoundException", 0),
    ("InvalidAliasNameException", 0),
    ("KMSInternalException", 0),
    ("LimitExceededException", 0),
    ("KMSInvalidStateException", 0),
];

pub(crate) static OP_CREATE_ALIAS: OperationModel = OperationModel {
    name: "CreateAlias",
    input: &OP_CREATE_ALIAS_IN,
    output: &OP_CREATE_ALIAS_OUT,
    errors: &OP_CREATE_ALIAS_ERRORS,
};

pub(crate) static S_PRINCIPAL_ID_TYPE: Shape = Shape {
    name: "PrincipalIdType",
    kind: Kind::String,
    min: Some(1),
    max: Some(256),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_GRANT_OPERATION: Shape = Shape {
    name: "GrantOperation",
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
    name: "GrantOperationList",
    kind: Kind::List(&S_GRANT_OPERATION),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ENCRYPTION_CONTEXT_KEY: Shape = Shape {
    name: "EncryptionContextKey",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ENCRYPTION_CONTEXT_VALUE: Shape = Shape {
    name: "EncryptionContextValue",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ENCRYPTION_CONTEXT_TYPE: Shape = Shape {
    name: "EncryptionContextType",
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
        wire: "",
    },
    Member {
        name: "EncryptionContextEquals",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_GRANT_CONSTRAINTS: Shape = Shape {
    name: "GrantConstraints",
    kind: Kind::Structure(&S_GRANT_CONSTRAINTS_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_GRANT_TOKEN_TYPE: Shape = Shape {
    name: "GrantTokenType",
    kind: Kind::String,
    min: Some(1),
    max: Some(8192),
    enums: &[],
    sensitive: true,
};

pub(crate) static S_GRANT_TOKEN_LIST: Shape = Shape {
    name: "GrantTokenList",
    kind: Kind::List(&S_GRANT_TOKEN_TYPE),
    min: Some(0),
    max: Some(10),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_GRANT_NAME_TYPE: Shape = Shape {
    name: "GrantNameType",
    kind: Kind::String,
    min: Some(1),
    max: Some(256),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_NULLABLE_BOOLEAN_TYPE: Shape = Shape {
    name: "NullableBooleanType",
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
        wire: "",
    },
    Member {
        name: "GranteePrincipal",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "RetiringPrincipal",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Operations",
        shape: &S_GRANT_OPERATION_LIST,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Constraints",
        shape: &S_GRANT_CONSTRAINTS,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Name",
        shape: &S_GRANT_NAME_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_GRANT_ID_TYPE: Shape = Shape {
    name: "GrantIdType",
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
        wire: "",
    },
    Member {
        name: "GrantId",
        shape: &S_GRANT_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_CREATE_GRANT_ERRORS: [(&str, u16); 9] = [
    ("NotFoundException", 0),
    ("DisabledException", 0),
    ("DependencyTimeoutException", 0),
    ("InvalidArnException", 0),
    ("KMSInternalException", 0),
    ("InvalidGrantTokenException", 0),
    ("LimitExceededException", 0),
    ("KMSInvalidStateException", 0),
    ("DryRunOperationException", 0),
];

pub(crate) static OP_CREATE_GRANT: OperationModel = OperationModel {
    name: "CreateGrant",
    input: &OP_CREATE_GRANT_IN,
    output: &OP_CREATE_GRANT_OUT,
    errors: &OP_CREATE_GRANT_ERRORS,
};

pub(crate) static S_POLICY_TYPE: Shape = Shape {
    name: "PolicyType",
    kind: Kind::String,
    min: Some(1),
    max: Some(131072),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_DESCRIPTION_TYPE: Shape = Shape {
    name: "DescriptionType",
    kind: Kind::String,
    min: Some(0),
    max: Some(8192),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_USAGE_TYPE: Shape = Shape {
    name: "KeyUsageType",
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
    name: "KeySpec",
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
    name: "CustomerMasterKeySpec",
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
    name: "OriginType",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"],
    sensitive: false,
};

pub(crate) static S_BOOLEAN_TYPE: Shape = Shape {
    name: "BooleanType",
    kind: Kind::Boolean,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_KEY_TYPE: Shape = Shape {
    name: "TagKeyType",
    kind: Kind::String,
    min: Some(1),
    max: Some(128),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_VALUE_TYPE: Shape = Shape {
    name: "TagValueType",
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
        wire: "",
    },
    Member {
        name: "TagValue",
        shape: &S_TAG_VALUE_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_TAG: Shape = Shape {
    name: "Tag",
    kind: Kind::Structure(&S_TAG_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_LIST: Shape = Shape {
    name: "TagList",
    kind: Kind::List(&S_TAG),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_CUSTOM_KEY_STORE_ID_TYPE: Shape = Shape {
    name: "CustomKeyStoreIdType",
    kind: Kind::String,
    min: Some(1),
    max: Some(64),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_XKS_KEY_ID_TYPE: Shape = Shape {
    name: "XksKeyIdType",
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
        wire: "",
    },
    Member {
        name: "Description",
        shape: &S_DESCRIPTION_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyUsage",
        shape: &S_KEY_USAGE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeySpec",
        shape: &S_KEY_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CustomerMasterKeySpec",
        shape: &S_CUSTOMER_MASTER_KEY_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Origin",
        shape: &S_ORIGIN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "BypassPolicyLockoutSafetyCheck",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Tags",
        shape: &S_TAG_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "MultiRegion",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CustomKeyStoreId",
        shape: &S_CUSTOM_KEY_STORE_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "XksKeyId",
        shape: &S_XKS_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_AWS_ACCOUNT_ID_TYPE: Shape = Shape {
    name: "AWSAccountIdType",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ARN_TYPE: Shape = Shape {
    name: "ArnType",
    kind: Kind::String,
    min: Some(20),
    max: Some(2048),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_DATE_TYPE: Shape = Shape {
    name: "DateType",
    kind: Kind::Timestamp,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_STATE: Shape = Shape {
    name: "KeyState",
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

pub(crate) static S_CLOUD_HSM_CLUSTER_ID_TYPE: Shape = Shape {
    name: "CloudHsmClusterIdType",
    kind: Kind::String,
    min: Some(19),
    max: Some(24),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_EXPIRATION_MODEL_TYPE: Shape = Shape {
    name: "ExpirationModelType",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE"],
    sensitive: false,
};

pub(crate) static S_KEY_MANAGER_TYPE: Shape = Shape {
    name: "KeyManagerType",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["AWS", "CUSTOMER"],
    sensitive: false,
};

pub(crate) static S_ENCRYPTION_ALGORITHM_SPEC: Shape = Shape {
    name: "EncryptionAlgorithmSpec",
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
    name: "EncryptionAlgorithmSpecList",
    kind: Kind::List(&S_ENCRYPTION_ALGORITHM_SPEC),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_SIGNING_ALGORITHM_SPEC: Shape = Shape {
    name: "SigningAlgorithmSpec",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[
        "RSASSA_PSS_SHA_256",
        "RSASSA_PSS_SHA_384",
        "RSASSA_PSS_SHA_512",
        "RSASSA_PKCS1_V1_5_SHA_256",
        "RSASSA_PKCS1_V1_5_SHA_384",
        "RSASSA_PKCS1_V1_5_SHA_512",
        "ECDSA_SHA_256",
        "ECDSA_SHA_384",
        "ECDSA_SHA_512",
        "SM2DSA",
        "ML_DSA_SHAKE_256",
        "ED25519_SHA_512",
        "ED25519_PH_SHA_512",
    ],
    sensitive: false,
};

pub(crate) static S_SIGNING_ALGORITHM_SPEC_LIST: Shape = Shape {
    name: "SigningAlgorithmSpecList",
    kind: Kind::List(&S_SIGNING_ALGORITHM_SPEC),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_AGREEMENT_ALGORITHM_SPEC: Shape = Shape {
    name: "KeyAgreementAlgorithmSpec",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["ECDH"],
    sensitive: false,
};

pub(crate) static S_KEY_AGREEMENT_ALGORITHM_SPEC_LIST: Shape = Shape {
    name: "KeyAgreementAlgorithmSpecList",
    kind: Kind::List(&S_KEY_AGREEMENT_ALGORITHM_SPEC),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_MULTI_REGION_KEY_TYPE: Shape = Shape {
    name: "MultiRegionKeyType",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["PRIMARY", "REPLICA"],
    sensitive: false,
};

pub(crate) static S_REGION_TYPE: Shape = Shape {
    name: "RegionType",
    kind: Kind::String,
    min: Some(1),
    max: Some(32),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_MULTI_REGION_KEY_M: [Member; 2] = [
    Member {
        name: "Arn",
        shape: &S_ARN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Region",
        shape: &S_REGION_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_MULTI_REGION_KEY: Shape = Shape {
    name: "MultiRegionKey",
    kind: Kind::Structure(&S_MULTI_REGION_KEY_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_MULTI_REGION_KEY_LIST: Shape = Shape {
    name: "MultiRegionKeyList",
    kind: Kind::List(&S_MULTI_REGION_KEY),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_MULTI_REGION_CONFIGURATION_M: [Member; 3] = [
    Member {
        name: "MultiRegionKeyType",
        shape: &S_MULTI_REGION_KEY_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PrimaryKey",
        shape: &S_MULTI_REGION_KEY,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "ReplicaKeys",
        shape: &S_MULTI_REGION_KEY_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_MULTI_REGION_CONFIGURATION: Shape = Shape {
    name: "MultiRegionConfiguration",
    kind: Kind::Structure(&S_MULTI_REGION_CONFIGURATION_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_PENDING_WINDOW_IN_DAYS_TYPE: Shape = Shape {
    name: "PendingWindowInDaysType",
    kind: Kind::Integer,
    min: Some(1),
    max: Some(365),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_MAC_ALGORITHM_SPEC: Shape = Shape {
    name: "MacAlgorithmSpec",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[
        "HMAC_SHA_224",
        "HMAC_SHA_256",
        "HMAC_SHA_384",
        "HMAC_SHA_512",
    ],
    sensitive: false,
};

pub(crate) static S_MAC_ALGORITHM_SPEC_LIST: Shape = Shape {
    name: "MacAlgorithmSpecList",
    kind: Kind::List(&S_MAC_ALGORITHM_SPEC),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_XKS_KEY_CONFIGURATION_TYPE_M: [Member; 1] = [Member {
    name: "Id",
    shape: &S_XKS_KEY_ID_TYPE,
    required: false,
    location: Location::Body,
    wire: "",
}];

pub(crate) static S_XKS_KEY_CONFIGURATION_TYPE: Shape = Shape {
    name: "XksKeyConfigurationType",
    kind: Kind::Structure(&S_XKS_KEY_CONFIGURATION_TYPE_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_BACKING_KEY_ID_TYPE: Shape = Shape {
    name: "BackingKeyIdType",
    kind: Kind::String,
    min: Some(64),
    max: Some(64),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_METADATA_M: [Member; 26] = [
    Member {
        name: "AWSAccountId",
        shape: &S_AWS_ACCOUNT_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Arn",
        shape: &S_ARN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CreationDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Enabled",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Description",
        shape: &S_DESCRIPTION_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyUsage",
        shape: &S_KEY_USAGE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyState",
        shape: &S_KEY_STATE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DeletionDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "ValidTo",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Origin",
        shape: &S_ORIGIN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CustomKeyStoreId",
        shape: &S_CUSTOM_KEY_STORE_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CloudHsmClusterId",
        shape: &S_CLOUD_HSM_CLUSTER_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "ExpirationModel",
        shape: &S_EXPIRATION_MODEL_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyManager",
        shape: &S_KEY_MANAGER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CustomerMasterKeySpec",
        shape: &S_CUSTOMER_MASTER_KEY_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeySpec",
        shape: &S_KEY_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "EncryptionAlgorithms",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "SigningAlgorithms",
        shape: &S_SIGNING_ALGORITHM_SPEC_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyAgreementAlgorithms",
        shape: &S_KEY_AGREEMENT_ALGORITHM_SPEC_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "MultiRegion",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "MultiRegionConfiguration",
        shape: &S_MULTI_REGION_CONFIGURATION,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PendingDeletionWindowInDays",
        shape: &S_PENDING_WINDOW_IN_DAYS_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "MacAlgorithms",
        shape: &S_MAC_ALGORITHM_SPEC_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "XksKeyConfiguration",
        shape: &S_XKS_KEY_CONFIGURATION_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CurrentKeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_KEY_METADATA: Shape = Shape {
    name: "KeyMetadata",
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
    wire: "",
}];

pub(crate) static OP_CREATE_KEY_ERRORS: [(&str, u16); 13] = [
    ("MalformedPolicyDocumentException", 0),
    ("DependencyTimeoutException", 0),
    ("InvalidArnException", 0),
    ("UnsupportedOperationException", 0),
    ("KMSInternalException", 0),
    ("LimitExceededException", 0),
    ("TagException", 0),
    ("CustomKeyStoreNotFoundException", 0),
    ("CustomKeyStoreInvalidStateException", 0),
    ("CloudHsmClusterInvalidConfigurationException", 0),
    ("XksKeyInvalidConfigurationException", 0),
    ("XksKeyAlreadyInUseException", 0),
    ("XksKeyNotFoundException", 0),
];

pub(crate) static OP_CREATE_KEY: OperationModel = OperationModel {
    name: "CreateKey",
    input: &OP_CREATE_KEY_IN,
    output: &OP_CREATE_KEY_OUT,
    errors: &OP_CREATE_KEY_ERRORS,
};

pub(crate) static S_CIPHERTEXT_TYPE: Shape = Shape {
    name: "CiphertextType",
    kind: Kind::Blob,
    min: Some(1),
    max: Some(6144),
    enums: &[],
    sensitive: true,
};

pub(crate) static S_DRY_RUN_MODIFIER_TYPE: Shape = Shape {
    name: "DryRunModifierType",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["IGNORE_CIPHERTEXT"],
    sensitive: false,
};

pub(crate) static S_DRY_RUN_MODIFIER_LIST: Shape = Shape {
    name: "DryRunModifierList",
    kind: Kind::List(&S_DRY_RUN_MODIFIER_TYPE),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_ENCRYPTION_MECHANISM: Shape = Shape {
    name: "KeyEncryptionMechanism",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["RSAES_OAEP_SHA_256"],
    sensitive: false,
};

pub(crate) static S_ATTESTATION_DOCUMENT_TYPE: Shape = Shape {
    name: "AttestationDocumentType",
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
        wire: "",
    },
    Member {
        name: "AttestationDocument",
        shape: &S_ATTESTATION_DOCUMENT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_RECIPIENT_INFO: Shape = Shape {
    name: "RecipientInfo",
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
        wire: "",
    },
    Member {
        name: "EncryptionContext",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "EncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DryRunModifiers",
        shape: &S_DRY_RUN_MODIFIER_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Recipient",
        shape: &S_RECIPIENT_INFO,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_PLAINTEXT_TYPE: Shape = Shape {
    name: "PlaintextType",
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
        wire: "",
    },
    Member {
        name: "Plaintext",
        shape: &S_PLAINTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "EncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CiphertextForRecipient",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_DECRYPT_ERRORS: [(&str, u16); 11] = [
    ("NotFoundException", 0),
    ("DisabledException", 0),
    ("InvalidCiphertextException", 0),
    ("KeyUnavailableException", 0),
    ("IncorrectKeyException", 0),
    ("InvalidKeyUsageException", 0),
    ("DependencyTimeoutException", 0),
    ("InvalidGrantTokenException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
    ("DryRunOperationException", 0),
];

pub(crate) static OP_DECRYPT: OperationModel = OperationModel {
    name: "Decrypt",
    input: &OP_DECRYPT_IN,
    output: &OP_DECRYPT_OUT,
    errors: &OP_DECRYPT_ERRORS,
};

pub(crate) static OP_DELETE_ALIAS_IN: [Member; 1] = [Member {
    name: "AliasName",
    shape: &S_ALIAS_NAME_TYPE,
    required: true,
    location: Location::Body,
    wire: "",
}];

pub(crate) static OP_DELETE_ALIAS_OUT: [Member; 0] = [];

pub(crate) static OP_DELETE_ALIAS_ERRORS: [(&str, u16); 4] = [
    ("DependencyTimeoutException", 0),
    ("NotFoundException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
];

pub(crate) static OP_DELETE_ALIAS: OperationModel = OperationModel {
    name: "DeleteAlias",
    input: &OP_DELETE_ALIAS_IN,
    output: &OP_DELETE_ALIAS_OUT,
    errors: &OP_DELETE_ALIAS_ERRORS,
};

pub(crate) static OP_DESCRIBE_KEY_IN: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_DESCRIBE_KEY_OUT: [Member; 1] = [Member {
    name: "KeyMetadata",
    shape: &S_KEY_METADATA,
    required: false,
    location: Location::Body,
    wire: "",
}];

pub(crate) static OP_DESCRIBE_KEY_ERRORS: [(&str, u16); 4] = [
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
];

pub(crate) static OP_DESCRIBE_KEY: OperationModel = OperationModel {
    name: "DescribeKey",
    input: &OP_DESCRIBE_KEY_IN,
    output: &OP_DESCRIBE_KEY_OUT,
    errors: &OP_DESCRIBE_KEY_ERRORS,
};

pub(crate) static OP_DISABLE_KEY_IN: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: true,
    location: Location::Body,
    wire: "",
}];

pub(crate) static OP_DISABLE_KEY_OUT: [Member; 0] = [];

pub(crate) static OP_DISABLE_KEY_ERRORS: [(&str, u16); 5] = [
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
];

pub(crate) static OP_DISABLE_KEY: OperationModel = OperationModel {
    name: "DisableKey",
    input: &OP_DISABLE_KEY_IN,
    output: &OP_DISABLE_KEY_OUT,
    errors: &OP_DISABLE_KEY_ERRORS,
};

pub(crate) static OP_DISABLE_KEY_ROTATION_IN: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: true,
    location: Location::Body,
    wire: "",
}];

pub(crate) static OP_DISABLE_KEY_ROTATION_OUT: [Member; 0] = [];

pub(crate) static OP_DISABLE_KEY_ROTATION_ERRORS: [(&str, u16); 7] = [
    ("NotFoundException", 0),
    ("DisabledException", 0),
    ("InvalidArnException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
    ("UnsupportedOperationException", 0),
];

pub(crate) static OP_DISABLE_KEY_ROTATION: OperationModel = OperationModel {
    name: "DisableKeyRotation",
    input: &OP_DISABLE_KEY_ROTATION_IN,
    output: &OP_DISABLE_KEY_ROTATION_OUT,
    errors: &OP_DISABLE_KEY_ROTATION_ERRORS,
};

pub(crate) static OP_ENABLE_KEY_IN: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: true,
    location: Location::Body,
    wire: "",
}];

pub(crate) static OP_ENABLE_KEY_OUT: [Member; 0] = [];

pub(crate) static OP_ENABLE_KEY_ERRORS: [(&str, u16); 6] = [
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("LimitExceededException", 0),
    ("KMSInvalidStateException", 0),
];

pub(crate) static OP_ENABLE_KEY: OperationModel = OperationModel {
    name: "EnableKey",
    input: &OP_ENABLE_KEY_IN,
    output: &OP_ENABLE_KEY_OUT,
    errors: &OP_ENABLE_KEY_ERRORS,
};

pub(crate) static S_ROTATION_PERIOD_IN_DAYS_TYPE: Shape = Shape {
    name: "RotationPeriodInDaysType",
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
        wire: "",
    },
    Member {
        name: "RotationPeriodInDays",
        shape: &S_ROTATION_PERIOD_IN_DAYS_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_ENABLE_KEY_ROTATION_OUT: [Member; 0] = [];

pub(crate) static OP_ENABLE_KEY_ROTATION_ERRORS: [(&str, u16); 7] = [
    ("NotFoundException", 0),
    ("DisabledException", 0),
    ("InvalidArnException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
    ("UnsupportedOperationException", 0),
];

pub(crate) static OP_ENABLE_KEY_ROTATION: OperationModel = OperationModel {
    name: "EnableKeyRotation",
    input: &OP_ENABLE_KEY_ROTATION_IN,
    output: &OP_ENABLE_KEY_ROTATION_OUT,
    errors: &OP_ENABLE_KEY_ROTATION_ERRORS,
};

pub(crate) static OP_ENCRYPT_IN: [Member; 6] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Plaintext",
        shape: &S_PLAINTEXT_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "EncryptionContext",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "EncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_ENCRYPT_OUT: [Member; 3] = [
    Member {
        name: "CiphertextBlob",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "EncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_ENCRYPT_ERRORS: [(&str, u16); 9] = [
    ("NotFoundException", 0),
    ("DisabledException", 0),
    ("KeyUnavailableException", 0),
    ("DependencyTimeoutException", 0),
    ("InvalidKeyUsageException", 0),
    ("InvalidGrantTokenException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
    ("DryRunOperationException", 0),
];

pub(crate) static OP_ENCRYPT: OperationModel = OperationModel {
    name: "Encrypt",
    input: &OP_ENCRYPT_IN,
    output: &OP_ENCRYPT_OUT,
    errors: &OP_ENCRYPT_ERRORS,
};

pub(crate) static S_NUMBER_OF_BYTES_TYPE: Shape = Shape {
    name: "NumberOfBytesType",
    kind: Kind::Integer,
    min: Some(1),
    max: Some(1024),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_DATA_KEY_SPEC: Shape = Shape {
    name: "DataKeySpec",
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
        wire: "",
    },
    Member {
        name: "EncryptionContext",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "NumberOfBytes",
        shape: &S_NUMBER_OF_BYTES_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeySpec",
        shape: &S_DATA_KEY_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Recipient",
        shape: &S_RECIPIENT_INFO,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_GENERATE_DATA_KEY_OUT: [Member; 5] = [
    Member {
        name: "CiphertextBlob",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Plaintext",
        shape: &S_PLAINTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CiphertextForRecipient",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_GENERATE_DATA_KEY_ERRORS: [(&str, u16); 9] = [
    ("NotFoundException", 0),
    ("DisabledException", 0),
    ("KeyUnavailableException", 0),
    ("DependencyTimeoutException", 0),
    ("InvalidKeyUsageException", 0),
    ("InvalidGrantTokenException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
    ("DryRunOperationException", 0),
];

pub(crate) static OP_GENERATE_DATA_KEY: OperationModel = OperationModel {
    name: "GenerateDataKey",
    input: &OP_GENERATE_DATA_KEY_IN,
    output: &OP_GENERATE_DATA_KEY_OUT,
    errors: &OP_GENERATE_DATA_KEY_ERRORS,
};

pub(crate) static OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT_IN: [Member; 6] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "EncryptionContext",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "NumberOfBytes",
        shape: &S_NUMBER_OF_BYTES_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeySpec",
        shape: &S_DATA_KEY_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT_OUT: [Member; 3] = [
    Member {
        name: "CiphertextBlob",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT_ERRORS: [(&str, u16); 9] = [
    ("NotFoundException", 0),
    ("DisabledException", 0),
    ("KeyUnavailableException", 0),
    ("DependencyTimeoutException", 0),
    ("InvalidKeyUsageException", 0),
    ("InvalidGrantTokenException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
    ("DryRunOperationException", 0),
];

pub(crate) static OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT: OperationModel = OperationModel {
    name: "GenerateDataKeyWithoutPlaintext",
    input: &OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT_IN,
    output: &OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT_OUT,
    errors: &OP_GENERATE_DATA_KEY_WITHOUT_PLAINTEXT_ERRORS,
};

pub(crate) static OP_GENERATE_RANDOM_IN: [Member; 3] = [
    Member {
        name: "NumberOfBytes",
        shape: &S_NUMBER_OF_BYTES_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CustomKeyStoreId",
        shape: &S_CUSTOM_KEY_STORE_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Recipient",
        shape: &S_RECIPIENT_INFO,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_GENERATE_RANDOM_OUT: [Member; 2] = [
    Member {
        name: "Plaintext",
        shape: &S_PLAINTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CiphertextForRecipient",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_GENERATE_RANDOM_ERRORS: [(&str, u16); 5] = [
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("UnsupportedOperationException", 0),
    ("CustomKeyStoreNotFoundException", 0),
    ("CustomKeyStoreInvalidStateException", 0),
];

pub(crate) static OP_GENERATE_RANDOM: OperationModel = OperationModel {
    name: "GenerateRandom",
    input: &OP_GENERATE_RANDOM_IN,
    output: &OP_GENERATE_RANDOM_OUT,
    errors: &OP_GENERATE_RANDOM_ERRORS,
};

pub(crate) static S_POLICY_NAME_TYPE: Shape = Shape {
    name: "PolicyNameType",
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
        wire: "",
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_GET_KEY_POLICY_OUT: [Member; 2] = [
    Member {
        name: "Policy",
        shape: &S_POLICY_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_GET_KEY_POLICY_ERRORS: [(&str, u16); 5] = [
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
];

pub(crate) static OP_GET_KEY_POLICY: OperationModel = OperationModel {
    name: "GetKeyPolicy",
    input: &OP_GET_KEY_POLICY_IN,
    output: &OP_GET_KEY_POLICY_OUT,
    errors: &OP_GET_KEY_POLICY_ERRORS,
};

pub(crate) static OP_GET_KEY_ROTATION_STATUS_IN: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: true,
    location: Location::Body,
    wire: "",
}];

pub(crate) static OP_GET_KEY_ROTATION_STATUS_OUT: [Member; 5] = [
    Member {
        name: "KeyRotationEnabled",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "RotationPeriodInDays",
        shape: &S_ROTATION_PERIOD_IN_DAYS_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "NextRotationDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "OnDemandRotationStartDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_GET_KEY_ROTATION_STATUS_ERRORS: [(&str, u16); 6] = [
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
    ("UnsupportedOperationException", 0),
];

pub(crate) static OP_GET_KEY_ROTATION_STATUS: OperationModel = OperationModel {
    name: "GetKeyRotationStatus",
    input: &OP_GET_KEY_ROTATION_STATUS_IN,
    output: &OP_GET_KEY_ROTATION_STATUS_OUT,
    errors: &OP_GET_KEY_ROTATION_STATUS_ERRORS,
};

pub(crate) static S_LIMIT_TYPE: Shape = Shape {
    name: "LimitType",
    kind: Kind::Integer,
    min: Some(1),
    max: Some(1000),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_MARKER_TYPE: Shape = Shape {
    name: "MarkerType",
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
        wire: "",
    },
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_ALIAS_LIST_ENTRY_M: [Member; 5] = [
    Member {
        name: "AliasName",
        shape: &S_ALIAS_NAME_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "AliasArn",
        shape: &S_ARN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "TargetKeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CreationDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "LastUpdatedDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_ALIAS_LIST_ENTRY: Shape = Shape {
    name: "AliasListEntry",
    kind: Kind::Structure(&S_ALIAS_LIST_ENTRY_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ALIAS_LIST: Shape = Shape {
    name: "AliasList",
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
        wire: "",
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_LIST_ALIASES_ERRORS: [(&str, u16); 5] = [
    ("DependencyTimeoutException", 0),
    ("InvalidMarkerException", 0),
    ("KMSInternalException", 0),
    ("InvalidArnException", 0),
    ("NotFoundException", 0),
];

pub(crate) static OP_LIST_ALIASES: OperationModel = OperationModel {
    name: "ListAliases",
    input: &OP_LIST_ALIASES_IN,
    output: &OP_LIST_ALIASES_OUT,
    errors: &OP_LIST_ALIASES_ERRORS,
};

pub(crate) static OP_LIST_GRANTS_IN: [Member; 5] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GrantId",
        shape: &S_GRANT_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GranteePrincipal",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_GRANT_LIST_ENTRY_M: [Member; 9] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GrantId",
        shape: &S_GRANT_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Name",
        shape: &S_GRANT_NAME_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CreationDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GranteePrincipal",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "RetiringPrincipal",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "IssuingAccount",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Operations",
        shape: &S_GRANT_OPERATION_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Constraints",
        shape: &S_GRANT_CONSTRAINTS,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_GRANT_LIST_ENTRY: Shape = Shape {
    name: "GrantListEntry",
    kind: Kind::Structure(&S_GRANT_LIST_ENTRY_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_GRANT_LIST: Shape = Shape {
    name: "GrantList",
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
        wire: "",
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_LIST_GRANTS_ERRORS: [(&str, u16); 7] = [
    ("NotFoundException", 0),
    ("DependencyTimeoutException", 0),
    ("InvalidMarkerException", 0),
    ("InvalidGrantIdException", 0),
    ("InvalidArnException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
];

pub(crate) static OP_LIST_GRANTS: OperationModel = OperationModel {
    name: "ListGrants",
    input: &OP_LIST_GRANTS_IN,
    output: &OP_LIST_GRANTS_OUT,
    errors: &OP_LIST_GRANTS_ERRORS,
};

pub(crate) static OP_LIST_KEY_POLICIES_IN: [Member; 3] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_POLICY_NAME_LIST: Shape = Shape {
    name: "PolicyNameList",
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
        wire: "",
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_LIST_KEY_POLICIES_ERRORS: [(&str, u16); 5] = [
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
];

pub(crate) static OP_LIST_KEY_POLICIES: OperationModel = OperationModel {
    name: "ListKeyPolicies",
    input: &OP_LIST_KEY_POLICIES_IN,
    output: &OP_LIST_KEY_POLICIES_OUT,
    errors: &OP_LIST_KEY_POLICIES_ERRORS,
};

pub(crate) static S_INCLUDE_KEY_MATERIAL: Shape = Shape {
    name: "IncludeKeyMaterial",
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
        wire: "",
    },
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "IncludeKeyMaterial",
        shape: &S_INCLUDE_KEY_MATERIAL,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_KEY_MATERIAL_DESCRIPTION_TYPE: Shape = Shape {
    name: "KeyMaterialDescriptionType",
    kind: Kind::String,
    min: Some(0),
    max: Some(256),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_IMPORT_STATE: Shape = Shape {
    name: "ImportState",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["IMPORTED", "PENDING_IMPORT"],
    sensitive: false,
};

pub(crate) static S_KEY_MATERIAL_STATE: Shape = Shape {
    name: "KeyMaterialState",
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

pub(crate) static S_ROTATION_TYPE: Shape = Shape {
    name: "RotationType",
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
        wire: "",
    },
    Member {
        name: "KeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyMaterialDescription",
        shape: &S_KEY_MATERIAL_DESCRIPTION_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "ImportState",
        shape: &S_IMPORT_STATE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyMaterialState",
        shape: &S_KEY_MATERIAL_STATE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "ExpirationModel",
        shape: &S_EXPIRATION_MODEL_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "ValidTo",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "RotationDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "RotationType",
        shape: &S_ROTATION_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_ROTATIONS_LIST_ENTRY: Shape = Shape {
    name: "RotationsListEntry",
    kind: Kind::Structure(&S_ROTATIONS_LIST_ENTRY_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ROTATIONS_LIST: Shape = Shape {
    name: "RotationsList",
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
        wire: "",
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_LIST_KEY_ROTATIONS_ERRORS: [(&str, u16); 6] = [
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("InvalidMarkerException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
    ("UnsupportedOperationException", 0),
];

pub(crate) static OP_LIST_KEY_ROTATIONS: OperationModel = OperationModel {
    name: "ListKeyRotations",
    input: &OP_LIST_KEY_ROTATIONS_IN,
    output: &OP_LIST_KEY_ROTATIONS_OUT,
    errors: &OP_LIST_KEY_ROTATIONS_ERRORS,
};

pub(crate) static OP_LIST_KEYS_IN: [Member; 2] = [
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_KEY_LIST_ENTRY_M: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyArn",
        shape: &S_ARN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_KEY_LIST_ENTRY: Shape = Shape {
    name: "KeyListEntry",
    kind: Kind::Structure(&S_KEY_LIST_ENTRY_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_LIST: Shape = Shape {
    name: "KeyList",
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
        wire: "",
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_LIST_KEYS_ERRORS: [(&str, u16); 3] = [
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("InvalidMarkerException", 0),
];

pub(crate) static OP_LIST_KEYS: OperationModel = OperationModel {
    name: "ListKeys",
    input: &OP_LIST_KEYS_IN,
    output: &OP_LIST_KEYS_OUT,
    errors: &OP_LIST_KEYS_ERRORS,
};

pub(crate) static OP_LIST_RESOURCE_TAGS_IN: [Member; 3] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_LIST_RESOURCE_TAGS_OUT: [Member; 3] = [
    Member {
        name: "Tags",
        shape: &S_TAG_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_LIST_RESOURCE_TAGS_ERRORS: [(&str, u16); 4] = [
    ("KMSInternalException", 0),
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("InvalidMarkerException", 0),
];

pub(crate) static OP_LIST_RESOURCE_TAGS: OperationModel = OperationModel {
    name: "ListResourceTags",
    input: &OP_LIST_RESOURCE_TAGS_IN,
    output: &OP_LIST_RESOURCE_TAGS_OUT,
    errors: &OP_LIST_RESOURCE_TAGS_ERRORS,
};

pub(crate) static OP_LIST_RETIRABLE_GRANTS_IN: [Member; 3] = [
    Member {
        name: "RetiringPrincipal",
        shape: &S_PRINCIPAL_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Limit",
        shape: &S_LIMIT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Marker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_LIST_RETIRABLE_GRANTS_OUT: [Member; 3] = [
    Member {
        name: "Grants",
        shape: &S_GRANT_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "NextMarker",
        shape: &S_MARKER_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Truncated",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_LIST_RETIRABLE_GRANTS_ERRORS: [(&str, u16); 5] = [
    ("DependencyTimeoutException", 0),
    ("InvalidMarkerException", 0),
    ("InvalidArnException", 0),
    ("NotFoundException", 0),
    ("KMSInternalException", 0),
];

pub(crate) static OP_LIST_RETIRABLE_GRANTS: OperationModel = OperationModel {
    name: "ListRetirableGrants",
    input: &OP_LIST_RETIRABLE_GRANTS_IN,
    output: &OP_LIST_RETIRABLE_GRANTS_OUT,
    errors: &OP_LIST_RETIRABLE_GRANTS_ERRORS,
};

pub(crate) static OP_PUT_KEY_POLICY_IN: [Member; 4] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Policy",
        shape: &S_POLICY_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "BypassPolicyLockoutSafetyCheck",
        shape: &S_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_PUT_KEY_POLICY_OUT: [Member; 0] = [];

pub(crate) static OP_PUT_KEY_POLICY_ERRORS: [(&str, u16); 8] = [
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("MalformedPolicyDocumentException", 0),
    ("DependencyTimeoutException", 0),
    ("UnsupportedOperationException", 0),
    ("KMSInternalException", 0),
    ("LimitExceededException", 0),
    ("KMSInvalidStateException", 0),
];

pub(crate) static OP_PUT_KEY_POLICY: OperationModel = OperationModel {
    name: "PutKeyPolicy",
    input: &OP_PUT_KEY_POLICY_IN,
    output: &OP_PUT_KEY_POLICY_OUT,
    errors: &OP_PUT_KEY_POLICY_ERRORS,
};

pub(crate) static OP_RE_ENCRYPT_IN: [Member; 9] = [
    Member {
        name: "CiphertextBlob",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "SourceEncryptionContext",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "SourceKeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DestinationKeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DestinationEncryptionContext",
        shape: &S_ENCRYPTION_CONTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "SourceEncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DestinationEncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GrantTokens",
        shape: &S_GRANT_TOKEN_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_RE_ENCRYPT_OUT: [Member; 7] = [
    Member {
        name: "CiphertextBlob",
        shape: &S_CIPHERTEXT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "SourceKeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "SourceEncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DestinationEncryptionAlgorithm",
        shape: &S_ENCRYPTION_ALGORITHM_SPEC,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "SourceKeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DestinationKeyMaterialId",
        shape: &S_BACKING_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_RE_ENCRYPT_ERRORS: [(&str, u16); 11] = [
    ("NotFoundException", 0),
    ("DisabledException", 0),
    ("InvalidCiphertextException", 0),
    ("KeyUnavailableException", 0),
    ("IncorrectKeyException", 0),
    ("DependencyTimeoutException", 0),
    ("InvalidKeyUsageException", 0),
    ("InvalidGrantTokenException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
    ("DryRunOperationException", 0),
];

pub(crate) static OP_RE_ENCRYPT: OperationModel = OperationModel {
    name: "ReEncrypt",
    input: &OP_RE_ENCRYPT_IN,
    output: &OP_RE_ENCRYPT_OUT,
    errors: &OP_RE_ENCRYPT_ERRORS,
};

pub(crate) static OP_RETIRE_GRANT_IN: [Member; 4] = [
    Member {
        name: "GrantToken",
        shape: &S_GRANT_TOKEN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GrantId",
        shape: &S_GRANT_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_RETIRE_GRANT_OUT: [Member; 0] = [];

pub(crate) static OP_RETIRE_GRANT_ERRORS: [(&str, u16); 8] = [
    ("InvalidArnException", 0),
    ("InvalidGrantTokenException", 0),
    ("InvalidGrantIdException", 0),
    ("NotFoundException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
    ("DryRunOperationException", 0),
];

pub(crate) static OP_RETIRE_GRANT: OperationModel = OperationModel {
    name: "RetireGrant",
    input: &OP_RETIRE_GRANT_IN,
    output: &OP_RETIRE_GRANT_OUT,
    errors: &OP_RETIRE_GRANT_ERRORS,
};

pub(crate) static OP_REVOKE_GRANT_IN: [Member; 3] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "GrantId",
        shape: &S_GRANT_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DryRun",
        shape: &S_NULLABLE_BOOLEAN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_REVOKE_GRANT_OUT: [Member; 0] = [];

pub(crate) static OP_REVOKE_GRANT_ERRORS: [(&str, u16); 7] = [
    ("NotFoundException", 0),
    ("DependencyTimeoutException", 0),
    ("InvalidArnException", 0),
    ("InvalidGrantIdException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
    ("DryRunOperationException", 0),
];

pub(crate) static OP_REVOKE_GRANT: OperationModel = OperationModel {
    name: "RevokeGrant",
    input: &OP_REVOKE_GRANT_IN,
    output: &OP_REVOKE_GRANT_OUT,
    errors: &OP_REVOKE_GRANT_ERRORS,
};

pub(crate) static OP_ROTATE_KEY_ON_DEMAND_IN: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: true,
    location: Location::Body,
    wire: "",
}];

pub(crate) static OP_ROTATE_KEY_ON_DEMAND_OUT: [Member; 1] = [Member {
    name: "KeyId",
    shape: &S_KEY_ID_TYPE,
    required: false,
    location: Location::Body,
    wire: "",
}];

pub(crate) static OP_ROTATE_KEY_ON_DEMAND_ERRORS: [(&str, u16); 9] = [
    ("NotFoundException", 0),
    ("DisabledException", 0),
    ("InvalidArnException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
    ("UnsupportedOperationException", 0),
    ("LimitExceededException", 0),
    ("ConflictException", 0),
];

pub(crate) static OP_ROTATE_KEY_ON_DEMAND: OperationModel = OperationModel {
    name: "RotateKeyOnDemand",
    input: &OP_ROTATE_KEY_ON_DEMAND_IN,
    output: &OP_ROTATE_KEY_ON_DEMAND_OUT,
    errors: &OP_ROTATE_KEY_ON_DEMAND_ERRORS,
};

pub(crate) static OP_SCHEDULE_KEY_DELETION_IN: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PendingWindowInDays",
        shape: &S_PENDING_WINDOW_IN_DAYS_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_SCHEDULE_KEY_DELETION_OUT: [Member; 4] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "DeletionDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyState",
        shape: &S_KEY_STATE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PendingWindowInDays",
        shape: &S_PENDING_WINDOW_IN_DAYS_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_SCHEDULE_KEY_DELETION_ERRORS: [(&str, u16); 5] = [
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
];

pub(crate) static OP_SCHEDULE_KEY_DELETION: OperationModel = OperationModel {
    name: "ScheduleKeyDeletion",
    input: &OP_SCHEDULE_KEY_DELETION_IN,
    output: &OP_SCHEDULE_KEY_DELETION_OUT,
    errors: &OP_SCHEDULE_KEY_DELETION_ERRORS,
};

pub(crate) static OP_TAG_RESOURCE_IN: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Tags",
        shape: &S_TAG_LIST,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_TAG_RESOURCE_OUT: [Member; 0] = [];

pub(crate) static OP_TAG_RESOURCE_ERRORS: [(&str, u16); 6] = [
    ("KMSInternalException", 0),
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("KMSInvalidStateException", 0),
    ("LimitExceededException", 0),
    ("TagException", 0),
];

pub(crate) static OP_TAG_RESOURCE: OperationModel = OperationModel {
    name: "TagResource",
    input: &OP_TAG_RESOURCE_IN,
    output: &OP_TAG_RESOURCE_OUT,
    errors: &OP_TAG_RESOURCE_ERRORS,
};

pub(crate) static S_TAG_KEY_LIST: Shape = Shape {
    name: "TagKeyList",
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
        wire: "",
    },
    Member {
        name: "TagKeys",
        shape: &S_TAG_KEY_LIST,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_UNTAG_RESOURCE_OUT: [Member; 0] = [];

pub(crate) static OP_UNTAG_RESOURCE_ERRORS: [(&str, u16); 5] = [
    ("KMSInternalException", 0),
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("KMSInvalidStateException", 0),
    ("TagException", 0),
];

pub(crate) static OP_UNTAG_RESOURCE: OperationModel = OperationModel {
    name: "UntagResource",
    input: &OP_UNTAG_RESOURCE_IN,
    output: &OP_UNTAG_RESOURCE_OUT,
    errors: &OP_UNTAG_RESOURCE_ERRORS,
};

pub(crate) static OP_UPDATE_ALIAS_IN: [Member; 2] = [
    Member {
        name: "AliasName",
        shape: &S_ALIAS_NAME_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "TargetKeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_UPDATE_ALIAS_OUT: [Member; 0] = [];

pub(crate) static OP_UPDATE_ALIAS_ERRORS: [(&str, u16); 5] = [
    ("DependencyTimeoutException", 0),
    ("NotFoundException", 0),
    ("KMSInternalException", 0),
    ("LimitExceededException", 0),
    ("KMSInvalidStateException", 0),
];

pub(crate) static OP_UPDATE_ALIAS: OperationModel = OperationModel {
    name: "UpdateAlias",
    input: &OP_UPDATE_ALIAS_IN,
    output: &OP_UPDATE_ALIAS_OUT,
    errors: &OP_UPDATE_ALIAS_ERRORS,
};

pub(crate) static OP_UPDATE_KEY_DESCRIPTION_IN: [Member; 2] = [
    Member {
        name: "KeyId",
        shape: &S_KEY_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Description",
        shape: &S_DESCRIPTION_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_UPDATE_KEY_DESCRIPTION_OUT: [Member; 0] = [];

pub(crate) static OP_UPDATE_KEY_DESCRIPTION_ERRORS: [(&str, u16); 5] = [
    ("NotFoundException", 0),
    ("InvalidArnException", 0),
    ("DependencyTimeoutException", 0),
    ("KMSInternalException", 0),
    ("KMSInvalidStateException", 0),
];

pub(crate) static OP_UPDATE_KEY_DESCRIPTION: OperationModel = OperationModel {
    name: "UpdateKeyDescription",
    input: &OP_UPDATE_KEY_DESCRIPTION_IN,
    output: &OP_UPDATE_KEY_DESCRIPTION_OUT,
    errors: &OP_UPDATE_KEY_DESCRIPTION_ERRORS,
};
