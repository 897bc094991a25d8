//! The outcomes of an operation a learner predicts among: success, or one of the errors
//! the simulator can answer for it that says something about the request (who asks, the
//! key's state, the inputs). The set is the operation's, never the answer's: every
//! question about one operation offers the same outcomes in the same order, so where the
//! right one sits tells nothing.

use alloc::vec::Vec;

use super::{Descriptor, Service, check};
use crate::api::ErrorCode;

/// Errors that say nothing about the request's meaning: the wire, the caller's
/// credentials, the service failing. A prediction never offers them.
const NOT_ABOUT_THE_REQUEST: [&str; 10] = [
    "SerializationException",
    "UnknownOperationException",
    "UnrecognizedClientException",
    "KMSInternalException",
    "InvalidAccessKeyId",
    "InternalError",
    "NotImplemented",
    "InvalidClientTokenId",
    "InvalidAction",
    "ServiceFailure",
];

/// The errors the simulated S3 answers for each operation besides `InvalidArgument`, its
/// answer to a request that does not read (S3's model lists almost none).
fn s3_errors(operation: &str) -> &'static [&'static str] {
    const KMS_UPLOAD: [&str; 3] = [
        "KMS.DisabledException",
        "KMS.KMSInvalidStateException",
        "KMS.NotFoundException",
    ];
    match operation {
        "CreateBucket" => &[
            "BucketAlreadyExists",
            "BucketAlreadyOwnedByYou",
            "IllegalLocationConstraintException",
            "InvalidBucketName",
            "InvalidLocationConstraint",
        ],
        "PutObject" => &[
            KMS_UPLOAD[0],
            KMS_UPLOAD[1],
            KMS_UPLOAD[2],
            "InvalidRequest",
            "NoSuchBucket",
        ],
        "GetObject" => &[
            KMS_UPLOAD[0],
            "KMS.InvalidCiphertextException",
            KMS_UPLOAD[1],
            KMS_UPLOAD[2],
            "NoSuchBucket",
            "NoSuchKey",
        ],
        "HeadObject" => &["NoSuchBucket", "NoSuchKey"],
        _ => &["NoSuchBucket"],
    }
}

/// The errors the simulated IAM answers.
const IAM_ERRORS: [&str; 5] = [
    "EntityAlreadyExists",
    "LimitExceeded",
    "MalformedPolicyDocument",
    "NoSuchEntity",
    "ValidationError",
];

impl Descriptor {
    /// The error codes a learner chooses among when predicting a call of this operation,
    /// besides success: the service's access denial first, then the others the simulator
    /// can answer for it (those of AWS's model for the operation that it implements, and
    /// the service's own validation error), in alphabetical order. Errors about the wire,
    /// the credentials or the service failing are not among them.
    pub fn outcomes(&self) -> Vec<&'static str> {
        let denied = match self.service {
            Service::Kms => "AccessDeniedException",
            Service::S3 | Service::Iam => "AccessDenied",
        };
        let mut rest: Vec<&'static str> = match self.service {
            Service::Kms => self
                .errors()
                .iter()
                .chain(check::common_errors(Service::Kms))
                .copied()
                .filter(|c| ErrorCode::ALL.iter().any(|k| k.as_str() == *c))
                .collect(),
            Service::S3 => s3_errors(self.name())
                .iter()
                .copied()
                .chain(["InvalidArgument"])
                .collect(),
            Service::Iam => self
                .errors()
                .iter()
                .chain(check::common_errors(Service::Iam))
                .copied()
                .filter(|c| IAM_ERRORS.contains(c))
                .collect(),
        };
        rest.retain(|c| *c != denied && !NOT_ABOUT_THE_REQUEST.contains(c));
        rest.sort_unstable();
        rest.dedup();
        let mut out = Vec::with_capacity(rest.len() + 1);
        out.push(denied);
        out.extend(rest);
        out
    }

    /// Whether `code` is an error that says nothing about the request's meaning (the
    /// wire, the credentials, the service failing), so no prediction offers it.
    pub fn not_about_the_request(code: &str) -> bool {
        NOT_ABOUT_THE_REQUEST.contains(&code)
    }
}
