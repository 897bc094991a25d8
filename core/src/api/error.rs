//! The errors of the door: AWS's error codes and an AWS-like message.

use alloc::string::String;
use core::fmt;

/// The AWS error codes the simulated KMS returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// `AccessDeniedException`
    AccessDenied,
    /// `AlreadyExistsException`
    AlreadyExists,
    /// `DisabledException`
    Disabled,
    /// `DryRunOperationException`
    DryRunOperation,
    /// `IncorrectKeyException`
    IncorrectKey,
    /// `InvalidAliasNameException`
    InvalidAliasName,
    /// `InvalidArnException`
    InvalidArn,
    /// `InvalidCiphertextException`
    InvalidCiphertext,
    /// `InvalidGrantIdException`
    InvalidGrantId,
    /// `InvalidGrantTokenException`
    InvalidGrantToken,
    /// `InvalidKeyUsageException`
    InvalidKeyUsage,
    /// `InvalidMarkerException`
    InvalidMarker,
    /// `KMSInternalException`
    Internal,
    /// `KMSInvalidStateException`
    InvalidState,
    /// `LimitExceededException`
    LimitExceeded,
    /// `MalformedPolicyDocumentException`
    MalformedPolicyDocument,
    /// `NotFoundException`
    NotFound,
    /// `TagException`
    Tag,
    /// `UnsupportedOperationException`
    UnsupportedOperation,
    /// `ValidationException`
    Validation,
    /// `SerializationException`: the request is not JSON of the expected shape.
    Serialization,
    /// `UnknownOperationException`
    UnknownOperation,
    /// `UnrecognizedClientException`: the caller is not a principal of this world.
    UnrecognizedClient,
}

impl ErrorCode {
    /// Every code the simulator answers with.
    pub const ALL: [ErrorCode; 23] = [
        ErrorCode::AccessDenied,
        ErrorCode::AlreadyExists,
        ErrorCode::Disabled,
        ErrorCode::DryRunOperation,
        ErrorCode::IncorrectKey,
        ErrorCode::InvalidAliasName,
        ErrorCode::InvalidArn,
        ErrorCode::InvalidCiphertext,
        ErrorCode::InvalidGrantId,
        ErrorCode::InvalidGrantToken,
        ErrorCode::InvalidKeyUsage,
        ErrorCode::InvalidMarker,
        ErrorCode::Internal,
        ErrorCode::InvalidState,
        ErrorCode::LimitExceeded,
        ErrorCode::MalformedPolicyDocument,
        ErrorCode::NotFound,
        ErrorCode::Tag,
        ErrorCode::UnsupportedOperation,
        ErrorCode::Validation,
        ErrorCode::Serialization,
        ErrorCode::UnknownOperation,
        ErrorCode::UnrecognizedClient,
    ];

    /// The code as AWS writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::AccessDenied => "AccessDeniedException",
            ErrorCode::AlreadyExists => "AlreadyExistsException",
            ErrorCode::Disabled => "DisabledException",
            ErrorCode::DryRunOperation => "DryRunOperationException",
            ErrorCode::IncorrectKey => "IncorrectKeyException",
            ErrorCode::InvalidAliasName => "InvalidAliasNameException",
            ErrorCode::InvalidArn => "InvalidArnException",
            ErrorCode::InvalidCiphertext => "InvalidCiphertextException",
            ErrorCode::InvalidGrantId => "InvalidGrantIdException",
            ErrorCode::InvalidGrantToken => "InvalidGrantTokenException",
            ErrorCode::InvalidKeyUsage => "InvalidKeyUsageException",
            ErrorCode::InvalidMarker => "InvalidMarkerException",
            ErrorCode::Internal => "KMSInternalException",
            ErrorCode::InvalidState => "KMSInvalidStateException",
            ErrorCode::LimitExceeded => "LimitExceededException",
            ErrorCode::MalformedPolicyDocument => "MalformedPolicyDocumentException",
            ErrorCode::NotFound => "NotFoundException",
            ErrorCode::Tag => "TagException",
            ErrorCode::UnsupportedOperation => "UnsupportedOperationException",
            ErrorCode::Validation => "ValidationException",
            ErrorCode::Serialization => "SerializationException",
            ErrorCode::UnknownOperation => "UnknownOperationException",
            ErrorCode::UnrecognizedClient => "UnrecognizedClientException",
        }
    }
}

impl ErrorCode {
    /// The HTTP status KMS answers with: 500 for its internal errors, 400 for the rest.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::Internal => 500,
            _ => 400,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error response: the AWS error code and an AWS-like message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The code.
    pub code: ErrorCode,
    /// The message.
    pub message: String,
}

impl ApiError {
    /// An error with a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
        }
    }

    /// A `ValidationException` in AWS's words for one constraint.
    pub fn validation(field: &str, constraint: &str) -> ApiError {
        ApiError::new(
            ErrorCode::Validation,
            alloc::format!(
                "1 validation error detected: Value at '{field}' failed to satisfy constraint: {constraint}"
            ),
        )
    }

    /// A `ValidationException` in AWS's words for one constraint on a value it quotes.
    pub fn validation_of(field: &str, value: &str, constraint: &str) -> ApiError {
        ApiError::new(
            ErrorCode::Validation,
            alloc::format!(
                "1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: {constraint}"
            ),
        )
    }

    /// `KMSInternalException`: the simulator could not do what AWS always can (no
    /// randomness from the platform, for example).
    pub(crate) fn internal(cause: impl fmt::Display) -> ApiError {
        ApiError::new(
            ErrorCode::Internal,
            alloc::format!(
                "The request was rejected because an internal exception occurred: {cause}."
            ),
        )
    }
}

impl ApiError {
    /// The door's refusal of a request that does not read (`service::check`).
    pub(crate) fn from_refusal(e: &crate::service::ServiceError) -> ApiError {
        let code = if e.code == ErrorCode::Serialization.as_str() {
            ErrorCode::Serialization
        } else {
            ErrorCode::Validation
        };
        ApiError::new(code, e.message.clone())
    }
}

impl From<ApiError> for crate::service::ServiceError {
    fn from(e: ApiError) -> crate::service::ServiceError {
        crate::service::ServiceError {
            code: String::from(e.code.as_str()),
            status: e.code.status(),
            message: e.message,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl core::error::Error for ApiError {}
