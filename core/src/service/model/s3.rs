//! AWS's Amazon Simple Storage Service model (s3 2006-03-01), from botocore 1.43.11:
//! the members the simulator handles. Written by `scripts/models.py generate`; do not edit.

use crate::service::shape::{Kind, Location, Member, OperationModel, Shape};

pub(crate) static S_BUCKET_NAME: Shape = Shape {
    name: "BucketName",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CREATE_BUCKET_IN: [Member; 1] = [Member {
    name: "Bucket",
    shape: &S_BUCKET_NAME,
    required: true,
    location: Location::Uri,
    wire: "Bucket",
}];

pub(crate) static S_LOCATION: Shape = Shape {
    name: "Location",
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
    wire: "Location",
}];

pub(crate) static OP_CREATE_BUCKET_ERRORS: [(&str, u16); 2] = [
    ("BucketAlreadyExists", 409),
    ("BucketAlreadyOwnedByYou", 409),
];

pub(crate) static OP_CREATE_BUCKET: OperationModel = OperationModel {
    name: "CreateBucket",
    input: &OP_CREATE_BUCKET_IN,
    output: &OP_CREATE_BUCKET_OUT,
    errors: &OP_CREATE_BUCKET_ERRORS,
};

pub(crate) static S_OBJECT_KEY: Shape = Shape {
    name: "ObjectKey",
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
        wire: "Bucket",
    },
    Member {
        name: "Key",
        shape: &S_OBJECT_KEY,
        required: true,
        location: Location::Uri,
        wire: "Key",
    },
];

pub(crate) static OP_DELETE_OBJECT_OUT: [Member; 0] = [];

pub(crate) static OP_DELETE_OBJECT_ERRORS: [(&str, u16); 0] = [];

pub(crate) static OP_DELETE_OBJECT: OperationModel = OperationModel {
    name: "DeleteObject",
    input: &OP_DELETE_OBJECT_IN,
    output: &OP_DELETE_OBJECT_OUT,
    errors: &OP_DELETE_OBJECT_ERRORS,
};

pub(crate) static OP_GET_OBJECT_IN: [Member; 2] = [
    Member {
        name: "Bucket",
        shape: &S_BUCKET_NAME,
        required: true,
        location: Location::Uri,
        wire: "Bucket",
    },
    Member {
        name: "Key",
        shape: &S_OBJECT_KEY,
        required: true,
        location: Location::Uri,
        wire: "Key",
    },
];

pub(crate) static S_BODY: Shape = Shape {
    name: "Body",
    kind: Kind::Blob,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_LAST_MODIFIED: Shape = Shape {
    name: "LastModified",
    kind: Kind::Timestamp,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_CONTENT_LENGTH: Shape = Shape {
    name: "ContentLength",
    kind: Kind::Long,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_E_TAG: Shape = Shape {
    name: "ETag",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_SERVER_SIDE_ENCRYPTION: Shape = Shape {
    name: "ServerSideEncryption",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["AES256", "aws:fsx", "aws:kms", "aws:kms:dsse"],
    sensitive: false,
};

pub(crate) static S_SSEKMS_KEY_ID: Shape = Shape {
    name: "SSEKMSKeyId",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: true,
};

pub(crate) static S_BUCKET_KEY_ENABLED: Shape = Shape {
    name: "BucketKeyEnabled",
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
        wire: "",
    },
    Member {
        name: "LastModified",
        shape: &S_LAST_MODIFIED,
        required: false,
        location: Location::Header,
        wire: "Last-Modified",
    },
    Member {
        name: "ContentLength",
        shape: &S_CONTENT_LENGTH,
        required: false,
        location: Location::Header,
        wire: "Content-Length",
    },
    Member {
        name: "ETag",
        shape: &S_E_TAG,
        required: false,
        location: Location::Header,
        wire: "ETag",
    },
    Member {
        name: "ServerSideEncryption",
        shape: &S_SERVER_SIDE_ENCRYPTION,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption",
    },
    Member {
        name: "SSEKMSKeyId",
        shape: &S_SSEKMS_KEY_ID,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption-aws-kms-key-id",
    },
    Member {
        name: "BucketKeyEnabled",
        shape: &S_BUCKET_KEY_ENABLED,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption-bucket-key-enabled",
    },
];

pub(crate) static OP_GET_OBJECT_ERRORS: [(&str, u16); 2] =
    [("NoSuchKey", 404), ("InvalidObjectState", 403)];

pub(crate) static OP_GET_OBJECT: OperationModel = OperationModel {
    name: "GetObject",
    input: &OP_GET_OBJECT_IN,
    output: &OP_GET_OBJECT_OUT,
    errors: &OP_GET_OBJECT_ERRORS,
};

pub(crate) static OP_HEAD_OBJECT_IN: [Member; 2] = [
    Member {
        name: "Bucket",
        shape: &S_BUCKET_NAME,
        required: true,
        location: Location::Uri,
        wire: "Bucket",
    },
    Member {
        name: "Key",
        shape: &S_OBJECT_KEY,
        required: true,
        location: Location::Uri,
        wire: "Key",
    },
];

pub(crate) static OP_HEAD_OBJECT_OUT: [Member; 6] = [
    Member {
        name: "LastModified",
        shape: &S_LAST_MODIFIED,
        required: false,
        location: Location::Header,
        wire: "Last-Modified",
    },
    Member {
        name: "ContentLength",
        shape: &S_CONTENT_LENGTH,
        required: false,
        location: Location::Header,
        wire: "Content-Length",
    },
    Member {
        name: "ETag",
        shape: &S_E_TAG,
        required: false,
        location: Location::Header,
        wire: "ETag",
    },
    Member {
        name: "ServerSideEncryption",
        shape: &S_SERVER_SIDE_ENCRYPTION,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption",
    },
    Member {
        name: "SSEKMSKeyId",
        shape: &S_SSEKMS_KEY_ID,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption-aws-kms-key-id",
    },
    Member {
        name: "BucketKeyEnabled",
        shape: &S_BUCKET_KEY_ENABLED,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption-bucket-key-enabled",
    },
];

pub(crate) static OP_HEAD_OBJECT_ERRORS: [(&str, u16); 1] = [("NoSuchKey", 404)];

pub(crate) static OP_HEAD_OBJECT: OperationModel = OperationModel {
    name: "HeadObject",
    input: &OP_HEAD_OBJECT_IN,
    output: &OP_HEAD_OBJECT_OUT,
    errors: &OP_HEAD_OBJECT_ERRORS,
};

pub(crate) static S_PREFIX: Shape = Shape {
    name: "Prefix",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_MAX_KEYS: Shape = Shape {
    name: "MaxKeys",
    kind: Kind::Integer,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TOKEN: Shape = Shape {
    name: "Token",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_LIST_OBJECTS_V2_IN: [Member; 4] = [
    Member {
        name: "Bucket",
        shape: &S_BUCKET_NAME,
        required: true,
        location: Location::Uri,
        wire: "Bucket",
    },
    Member {
        name: "Prefix",
        shape: &S_PREFIX,
        required: false,
        location: Location::Query,
        wire: "prefix",
    },
    Member {
        name: "MaxKeys",
        shape: &S_MAX_KEYS,
        required: false,
        location: Location::Query,
        wire: "max-keys",
    },
    Member {
        name: "ContinuationToken",
        shape: &S_TOKEN,
        required: false,
        location: Location::Query,
        wire: "continuation-token",
    },
];

pub(crate) static S_IS_TRUNCATED: Shape = Shape {
    name: "IsTruncated",
    kind: Kind::Boolean,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_CHECKSUM_ALGORITHM: Shape = Shape {
    name: "ChecksumAlgorithm",
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
    name: "ChecksumAlgorithmList",
    kind: Kind::List(&S_CHECKSUM_ALGORITHM),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_CHECKSUM_TYPE: Shape = Shape {
    name: "ChecksumType",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["COMPOSITE", "FULL_OBJECT"],
    sensitive: false,
};

pub(crate) static S_SIZE: Shape = Shape {
    name: "Size",
    kind: Kind::Long,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_OBJECT_STORAGE_CLASS: Shape = Shape {
    name: "ObjectStorageClass",
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
    name: "DisplayName",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ID: Shape = Shape {
    name: "ID",
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
        wire: "",
    },
    Member {
        name: "ID",
        shape: &S_ID,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_OWNER: Shape = Shape {
    name: "Owner",
    kind: Kind::Structure(&S_OWNER_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_IS_RESTORE_IN_PROGRESS: Shape = Shape {
    name: "IsRestoreInProgress",
    kind: Kind::Boolean,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_RESTORE_EXPIRY_DATE: Shape = Shape {
    name: "RestoreExpiryDate",
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
        wire: "",
    },
    Member {
        name: "RestoreExpiryDate",
        shape: &S_RESTORE_EXPIRY_DATE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_RESTORE_STATUS: Shape = Shape {
    name: "RestoreStatus",
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
        wire: "",
    },
    Member {
        name: "LastModified",
        shape: &S_LAST_MODIFIED,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "ETag",
        shape: &S_E_TAG,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "ChecksumAlgorithm",
        shape: &S_CHECKSUM_ALGORITHM_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "ChecksumType",
        shape: &S_CHECKSUM_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Size",
        shape: &S_SIZE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "StorageClass",
        shape: &S_OBJECT_STORAGE_CLASS,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Owner",
        shape: &S_OWNER,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "RestoreStatus",
        shape: &S_RESTORE_STATUS,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_OBJECT: Shape = Shape {
    name: "Object",
    kind: Kind::Structure(&S_OBJECT_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_OBJECT_LIST: Shape = Shape {
    name: "ObjectList",
    kind: Kind::List(&S_OBJECT),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_KEY_COUNT: Shape = Shape {
    name: "KeyCount",
    kind: Kind::Integer,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_NEXT_TOKEN: Shape = Shape {
    name: "NextToken",
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_LIST_OBJECTS_V2_OUT: [Member; 8] = [
    Member {
        name: "IsTruncated",
        shape: &S_IS_TRUNCATED,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Contents",
        shape: &S_OBJECT_LIST,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Name",
        shape: &S_BUCKET_NAME,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Prefix",
        shape: &S_PREFIX,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "MaxKeys",
        shape: &S_MAX_KEYS,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "KeyCount",
        shape: &S_KEY_COUNT,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "ContinuationToken",
        shape: &S_TOKEN,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "NextContinuationToken",
        shape: &S_NEXT_TOKEN,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_LIST_OBJECTS_V2_ERRORS: [(&str, u16); 1] = [("NoSuchBucket", 404)];

pub(crate) static OP_LIST_OBJECTS_V2: OperationModel = OperationModel {
    name: "ListObjectsV2",
    input: &OP_LIST_OBJECTS_V2_IN,
    output: &OP_LIST_OBJECTS_V2_OUT,
    errors: &OP_LIST_OBJECTS_V2_ERRORS,
};

pub(crate) static S_SSEKMS_ENCRYPTION_CONTEXT: Shape = Shape {
    name: "SSEKMSEncryptionContext",
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
        wire: "Bucket",
    },
    Member {
        name: "Key",
        shape: &S_OBJECT_KEY,
        required: true,
        location: Location::Uri,
        wire: "Key",
    },
    Member {
        name: "Body",
        shape: &S_BODY,
        required: false,
        location: Location::Payload,
        wire: "",
    },
    Member {
        name: "ServerSideEncryption",
        shape: &S_SERVER_SIDE_ENCRYPTION,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption",
    },
    Member {
        name: "SSEKMSKeyId",
        shape: &S_SSEKMS_KEY_ID,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption-aws-kms-key-id",
    },
    Member {
        name: "SSEKMSEncryptionContext",
        shape: &S_SSEKMS_ENCRYPTION_CONTEXT,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption-context",
    },
    Member {
        name: "BucketKeyEnabled",
        shape: &S_BUCKET_KEY_ENABLED,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption-bucket-key-enabled",
    },
];

pub(crate) static OP_PUT_OBJECT_OUT: [Member; 5] = [
    Member {
        name: "ETag",
        shape: &S_E_TAG,
        required: false,
        location: Location::Header,
        wire: "ETag",
    },
    Member {
        name: "ServerSideEncryption",
        shape: &S_SERVER_SIDE_ENCRYPTION,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption",
    },
    Member {
        name: "SSEKMSKeyId",
        shape: &S_SSEKMS_KEY_ID,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption-aws-kms-key-id",
    },
    Member {
        name: "SSEKMSEncryptionContext",
        shape: &S_SSEKMS_ENCRYPTION_CONTEXT,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption-context",
    },
    Member {
        name: "BucketKeyEnabled",
        shape: &S_BUCKET_KEY_ENABLED,
        required: false,
        location: Location::Header,
        wire: "x-amz-server-side-encryption-bucket-key-enabled",
    },
];

pub(crate) static OP_PUT_OBJECT_ERRORS: [(&str, u16); 4] = [
    ("InvalidRequest", 400),
    ("InvalidWriteOffset", 400),
    ("TooManyParts", 400),
    ("EncryptionTypeMismatch", 400),
];

pub(crate) static OP_PUT_OBJECT: OperationModel = OperationModel {
    name: "PutObject",
    input: &OP_PUT_OBJECT_IN,
    output: &OP_PUT_OBJECT_OUT,
    errors: &OP_PUT_OBJECT_ERRORS,
};
