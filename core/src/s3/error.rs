//! S3's error responses, and how S3 reports a KMS call that failed.

use alloc::format;
use alloc::string::String;
use core::fmt;

use crate::api::ApiError;

/// An S3 error response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct S3Error {
    /// S3's code (`AccessDenied`, `NoSuchKey`, `KMS.DisabledException`, ...).
    pub code: String,
    /// The message.
    pub message: String,
    /// The HTTP status.
    pub status: u16,
}

impl S3Error {
    pub(crate) fn new(code: &str, status: u16, message: impl Into<String>) -> S3Error {
        S3Error {
            code: String::from(code),
            message: message.into(),
            status,
        }
    }

    /// How S3 reports a failed call to KMS.
    pub(super) fn from_kms(e: &ApiError) -> S3Error {
        match e.code.as_str() {
            "AccessDeniedException" => S3Error::new("AccessDenied", 403, e.message.clone()),
            "DisabledException" => S3Error::new("KMS.DisabledException", 400, e.message.clone()),
            "KMSInvalidStateException" => {
                S3Error::new("KMS.KMSInvalidStateException", 400, e.message.clone())
            }
            "NotFoundException" => S3Error::new("KMS.NotFoundException", 400, e.message.clone()),
            "InvalidCiphertextException" => {
                S3Error::new("KMS.InvalidCiphertextException", 400, e.message.clone())
            }
            other => S3Error::new(&format!("KMS.{other}"), 400, e.message.clone()),
        }
    }
}

impl fmt::Display for S3Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.status, self.message)
    }
}

impl core::error::Error for S3Error {}
