//! AWS's Amazon Simple Storage Service model (s3 2006-03-01), from botocore 1.43.11:
//! the members the simulator handles. Written by `scripts/models.py generate`; do not edit.

use crate::service::shape::{Kind, Location, Member, OperationModel, Shape};

pub(crate) static S_BUCKET_NAME: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_BUCKET_LOCATION_CONSTRAINT: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[
        "af-south-1",
        "ap-east-1",
        "ap-east-2",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-6",
        "ap-southeast-7",
        "ca-central-1",
        "ca-west-1",
        "cn-north-1",
        "cn-northwest-1",
        "EU",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "mx-central-1",
        "sa-east-1",
        "us-east-2",
        "us-gov-east-1",
        "us-gov-west-1",
        "us-west-1",
        "us-west-2",
    ],
    sensitive: false,
};

pub(crate) static S_CREATE_BUCKET_CONFIGURATION_M: [Member; 1] = [Member {
    name: "LocationConstraint",
    shape: &S_BUCKET_LOCATION_CONSTRAINT,
    required: false,
    location: Location::Body,
}];

pub(crate) static S_CREATE_BUCKET_CONFIGURATION: Shape = Shape {
    kind: Kind::Structure(&S_CREATE_BUCKET_CONFIGURATION_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CREATE_BUCKET_IN: [Member; 2] = [
    Member {
        name: "Bucket",
        shape: &S_BUCKET_NAME,
        required: true,
        location: Location::Uri,
    },
    Member {
        name: "CreateBucketConfiguration",
        shape: &S_CREATE_BUCKET_CONFIGURATION,
        required: false,
        location: Location::Payload,
    },
];

pub(crate) static S_LOCATION: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CREATE_BUCKET_OUT: [Member; 1] = [Member {
    name: "Location",
    shape: &S_LOCATION,
    required: false,
    location: Location::Header,
}];

pub(crate) static OP_CREATE_BUCKET: OperationModel = OperationModel {
    name: "CreateBucket",
    input: &OP_CREATE_BUCKET_IN,
    sensitive_output: &[],
};

pub(crate) static S_OBJECT_KEY: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_DELETE_OBJECT_IN: [Member; 2] = [
    Member {
        name: "Bucket",
        shape: &S_BUCKET_NAME,
        required: true,
        location: Location::Uri,
    },
    Member {
        name: "Key",
        shape: &S_OBJECT_KEY,
        required: true,
        location: Location::Uri,
    },
];

pub(crate) static OP_DELETE_OBJECT_OUT: [Member; 0] = [];

pub(crate) static OP_DELETE_OBJECT: OperationModel = OperationModel {
    name: "DeleteObject",
    input: &OP_DELETE_OBJECT_IN,
    sensitive_output: &[],
};

pub(crate) static OP_GET_OBJECT_IN: [Member; 2] = [
    Member {
        name: "Bucket",
        shape: &S_BUCKET_NAME,
        required: true,
        location: Location::Uri,
    },
    Member {
        name: "Key",
        shape: &S_OBJECT_KEY,
        required: true,
        location: Location::Uri,
    },
];

pub(crate) static S_BODY: Shape = Shape {
    kind: Kind::Blob,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_LAST_MODIFIED: Shape = Shape {
    kind: Kind::Timestamp,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_CONTENT_LENGTH: Shape = Shape {
    kind: Kind::Long,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_E_TAG: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_SERVER_SIDE_ENCRYPTION: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["AES256", "aws:fsx", "aws:kms", "aws:kms:dsse"],
    sensitive: false,
};

pub(crate) static S_SSEKMS_KEY_ID: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: true,
};

pub(crate) static S_BUCKET_KEY_ENABLED: Shape = Shape {
    kind: Kind::Boolean,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_GET_OBJECT_OUT: [Member; 7] = [
    Member {
        name: "Body",
        shape: &S_BODY,
        required: false,
        location: Location::Payload,
    },
    Member {
        name: "LastModified",
        shape: &S_LAST_MODIFIED,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "ContentLength",
        shape: &S_CONTENT_LENGTH,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "ETag",
        shape: &S_E_TAG,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "ServerSideEncryption",
        shape: &S_SERVER_SIDE_ENCRYPTION,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "SSEKMSKeyId",
        shape: &S_SSEKMS_KEY_ID,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "BucketKeyEnabled",
        shape: &S_BUCKET_KEY_ENABLED,
        required: false,
        location: Location::Header,
    },
];

pub(crate) static OP_GET_OBJECT: OperationModel = OperationModel {
    name: "GetObject",
    input: &OP_GET_OBJECT_IN,
    sensitive_output: &["SSEKMSKeyId"],
};

pub(crate) static OP_HEAD_OBJECT_IN: [Member; 2] = [
    Member {
        name: "Bucket",
        shape: &S_BUCKET_NAME,
        required: true,
        location: Location::Uri,
    },
    Member {
        name: "Key",
        shape: &S_OBJECT_KEY,
        required: true,
        location: Location::Uri,
    },
];

pub(crate) static OP_HEAD_OBJECT_OUT: [Member; 6] = [
    Member {
        name: "LastModified",
        shape: &S_LAST_MODIFIED,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "ContentLength",
        shape: &S_CONTENT_LENGTH,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "ETag",
        shape: &S_E_TAG,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "ServerSideEncryption",
        shape: &S_SERVER_SIDE_ENCRYPTION,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "SSEKMSKeyId",
        shape: &S_SSEKMS_KEY_ID,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "BucketKeyEnabled",
        shape: &S_BUCKET_KEY_ENABLED,
        required: false,
        location: Location::Header,
    },
];

pub(crate) static OP_HEAD_OBJECT: OperationModel = OperationModel {
    name: "HeadObject",
    input: &OP_HEAD_OBJECT_IN,
    sensitive_output: &["SSEKMSKeyId"],
};

pub(crate) static S_PREFIX: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_DELIMITER: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_MAX_KEYS: Shape = Shape {
    kind: Kind::Integer,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TOKEN: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_LIST_OBJECTS_V2_IN: [Member; 5] = [
    Member {
        name: "Bucket",
        shape: &S_BUCKET_NAME,
        required: true,
        location: Location::Uri,
    },
    Member {
        name: "Prefix",
        shape: &S_PREFIX,
        required: false,
        location: Location::Query,
    },
    Member {
        name: "Delimiter",
        shape: &S_DELIMITER,
        required: false,
        location: Location::Query,
    },
    Member {
        name: "MaxKeys",
        shape: &S_MAX_KEYS,
        required: false,
        location: Location::Query,
    },
    Member {
        name: "ContinuationToken",
        shape: &S_TOKEN,
        required: false,
        location: Location::Query,
    },
];

pub(crate) static S_IS_TRUNCATED: Shape = Shape {
    kind: Kind::Boolean,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_CHECKSUM_ALGORITHM: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[
        "CRC32",
        "CRC32C",
        "SHA1",
        "SHA256",
        "CRC64NVME",
        "SHA512",
        "MD5",
        "XXHASH64",
        "XXHASH3",
        "XXHASH128",
    ],
    sensitive: false,
};

pub(crate) static S_CHECKSUM_ALGORITHM_LIST: Shape = Shape {
    kind: Kind::List(&S_CHECKSUM_ALGORITHM),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_CHECKSUM_TYPE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["COMPOSITE", "FULL_OBJECT"],
    sensitive: false,
};

pub(crate) static S_SIZE: Shape = Shape {
    kind: Kind::Long,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_OBJECT_STORAGE_CLASS: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[
        "STANDARD",
        "REDUCED_REDUNDANCY",
        "GLACIER",
        "STANDARD_IA",
        "ONEZONE_IA",
        "INTELLIGENT_TIERING",
        "DEEP_ARCHIVE",
        "OUTPOSTS",
        "GLACIER_IR",
        "SNOW",
        "EXPRESS_ONEZONE",
        "FSX_OPENZFS",
        "FSX_ONTAP",
    ],
    sensitive: false,
};

pub(crate) static S_DISPLAY_NAME: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ID: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_OWNER_M: [Member; 2] = [
    Member {
        name: "DisplayName",
        shape: &S_DISPLAY_NAME,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "ID",
        shape: &S_ID,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_OWNER: Shape = Shape {
    kind: Kind::Structure(&S_OWNER_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_IS_RESTORE_IN_PROGRESS: Shape = Shape {
    kind: Kind::Boolean,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_RESTORE_EXPIRY_DATE: Shape = Shape {
    kind: Kind::Timestamp,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_RESTORE_STATUS_M: [Member; 2] = [
    Member {
        name: "IsRestoreInProgress",
        shape: &S_IS_RESTORE_IN_PROGRESS,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "RestoreExpiryDate",
        shape: &S_RESTORE_EXPIRY_DATE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_RESTORE_STATUS: Shape = Shape {
    kind: Kind::Structure(&S_RESTORE_STATUS_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_OBJECT_M: [Member; 9] = [
    Member {
        name: "Key",
        shape: &S_OBJECT_KEY,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "LastModified",
        shape: &S_LAST_MODIFIED,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "ETag",
        shape: &S_E_TAG,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "ChecksumAlgorithm",
        shape: &S_CHECKSUM_ALGORITHM_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "ChecksumType",
        shape: &S_CHECKSUM_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Size",
        shape: &S_SIZE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "StorageClass",
        shape: &S_OBJECT_STORAGE_CLASS,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Owner",
        shape: &S_OWNER,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "RestoreStatus",
        shape: &S_RESTORE_STATUS,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_OBJECT: Shape = Shape {
    kind: Kind::Structure(&S_OBJECT_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_OBJECT_LIST: Shape = Shape {
    kind: Kind::List(&S_OBJECT),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_COMMON_PREFIX_M: [Member; 1] = [Member {
    name: "Prefix",
    shape: &S_PREFIX,
    required: false,
    location: Location::Body,
}];

pub(crate) static S_COMMON_PREFIX: Shape = Shape {
    kind: Kind::Structure(&S_COMMON_PREFIX_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_COMMON_PREFIX_LIST: Shape = Shape {
    kind: Kind::List(&S_COMMON_PREFIX),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_COUNT: Shape = Shape {
    kind: Kind::Integer,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_NEXT_TOKEN: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_LIST_OBJECTS_V2_OUT: [Member; 10] = [
    Member {
        name: "IsTruncated",
        shape: &S_IS_TRUNCATED,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Contents",
        shape: &S_OBJECT_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Name",
        shape: &S_BUCKET_NAME,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Prefix",
        shape: &S_PREFIX,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Delimiter",
        shape: &S_DELIMITER,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "MaxKeys",
        shape: &S_MAX_KEYS,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "CommonPrefixes",
        shape: &S_COMMON_PREFIX_LIST,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "KeyCount",
        shape: &S_KEY_COUNT,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "ContinuationToken",
        shape: &S_TOKEN,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "NextContinuationToken",
        shape: &S_NEXT_TOKEN,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static OP_LIST_OBJECTS_V2: OperationModel = OperationModel {
    name: "ListObjectsV2",
    input: &OP_LIST_OBJECTS_V2_IN,
    sensitive_output: &[],
};

pub(crate) static S_SSEKMS_ENCRYPTION_CONTEXT: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: true,
};

pub(crate) static OP_PUT_OBJECT_IN: [Member; 7] = [
    Member {
        name: "Bucket",
        shape: &S_BUCKET_NAME,
        required: true,
        location: Location::Uri,
    },
    Member {
        name: "Key",
        shape: &S_OBJECT_KEY,
        required: true,
        location: Location::Uri,
    },
    Member {
        name: "Body",
        shape: &S_BODY,
        required: false,
        location: Location::Payload,
    },
    Member {
        name: "ServerSideEncryption",
        shape: &S_SERVER_SIDE_ENCRYPTION,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "SSEKMSKeyId",
        shape: &S_SSEKMS_KEY_ID,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "SSEKMSEncryptionContext",
        shape: &S_SSEKMS_ENCRYPTION_CONTEXT,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "BucketKeyEnabled",
        shape: &S_BUCKET_KEY_ENABLED,
        required: false,
        location: Location::Header,
    },
];

pub(crate) static OP_PUT_OBJECT_OUT: [Member; 5] = [
    Member {
        name: "ETag",
        shape: &S_E_TAG,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "ServerSideEncryption",
        shape: &S_SERVER_SIDE_ENCRYPTION,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "SSEKMSKeyId",
        shape: &S_SSEKMS_KEY_ID,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "SSEKMSEncryptionContext",
        shape: &S_SSEKMS_ENCRYPTION_CONTEXT,
        required: false,
        location: Location::Header,
    },
    Member {
        name: "BucketKeyEnabled",
        shape: &S_BUCKET_KEY_ENABLED,
        required: false,
        location: Location::Header,
    },
];

pub(crate) static OP_PUT_OBJECT: OperationModel = OperationModel {
    name: "PutObject",
    input: &OP_PUT_OBJECT_IN,
    sensitive_output: &["SSEKMSKeyId", "SSEKMSEncryptionContext"],
};

/// The response members of the operation `name`.
pub(crate) fn output(name: &str) -> &'static [Member] {
    match name {
        "CreateBucket" => &OP_CREATE_BUCKET_OUT,
        "DeleteObject" => &OP_DELETE_OBJECT_OUT,
        "GetObject" => &OP_GET_OBJECT_OUT,
        "HeadObject" => &OP_HEAD_OBJECT_OUT,
        "ListObjectsV2" => &OP_LIST_OBJECTS_V2_OUT,
        "PutObject" => &OP_PUT_OBJECT_OUT,
        _ => &[],
    }
}

/// The error codes AWS's model lists for the operation `name`.
pub(crate) fn errors(name: &str) -> &'static [&'static str] {
    match name {
        "CreateBucket" => &["BucketAlreadyExists", "BucketAlreadyOwnedByYou"],
        "DeleteObject" => &[],
        "GetObject" => &["NoSuchKey", "InvalidObjectState"],
        "HeadObject" => &["NoSuchKey"],
        "ListObjectsV2" => &["NoSuchBucket"],
        "PutObject" => &[
            "InvalidRequest",
            "InvalidWriteOffset",
            "TooManyParts",
            "EncryptionTypeMismatch",
        ],
        _ => &[],
    }
}

/// A member's name on the wire (a header, a query parameter), where it is not its own.
pub(crate) fn wire(operation: &str, member: &str) -> Option<&'static str> {
    match (operation, member) {
        ("GetObject", "BucketKeyEnabled") => {
            Some("x-amz-server-side-encryption-bucket-key-enabled")
        }
        ("GetObject", "ContentLength") => Some("Content-Length"),
        ("GetObject", "LastModified") => Some("Last-Modified"),
        ("GetObject", "SSEKMSKeyId") => Some("x-amz-server-side-encryption-aws-kms-key-id"),
        ("GetObject", "ServerSideEncryption") => Some("x-amz-server-side-encryption"),
        ("HeadObject", "BucketKeyEnabled") => {
            Some("x-amz-server-side-encryption-bucket-key-enabled")
        }
        ("HeadObject", "ContentLength") => Some("Content-Length"),
        ("HeadObject", "LastModified") => Some("Last-Modified"),
        ("HeadObject", "SSEKMSKeyId") => Some("x-amz-server-side-encryption-aws-kms-key-id"),
        ("HeadObject", "ServerSideEncryption") => Some("x-amz-server-side-encryption"),
        ("ListObjectsV2", "ContinuationToken") => Some("continuation-token"),
        ("ListObjectsV2", "Delimiter") => Some("delimiter"),
        ("ListObjectsV2", "MaxKeys") => Some("max-keys"),
        ("ListObjectsV2", "Prefix") => Some("prefix"),
        ("PutObject", "BucketKeyEnabled") => {
            Some("x-amz-server-side-encryption-bucket-key-enabled")
        }
        ("PutObject", "SSEKMSEncryptionContext") => Some("x-amz-server-side-encryption-context"),
        ("PutObject", "SSEKMSKeyId") => Some("x-amz-server-side-encryption-aws-kms-key-id"),
        ("PutObject", "ServerSideEncryption") => Some("x-amz-server-side-encryption"),
        _ => None,
    }
}
