//! KMS's AWS JSON 1.1 protocol: `POST /` with `X-Amz-Target: TrentService.<Operation>`
//! and the request as a JSON object; the response or `{"__type", "message"}`.

use kms_core::service::{Service, ServiceError};
use serde_json::{Value, json};

use super::{Call, Reply};

/// The content type of KMS's requests and responses.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// The call a KMS request makes.
pub fn decode(post: bool, target: Option<&str>, body: &[u8]) -> Result<Call, ServiceError> {
    let operation = target
        .and_then(|t| t.strip_prefix("TrentService."))
        .filter(|op| !op.is_empty());
    let Some(operation) = operation else {
        return Err(ServiceError::new(
            "UnknownOperationException",
            400,
            "KMS requests name their operation in X-Amz-Target: TrentService.<Operation>",
        ));
    };
    if !post {
        return Err(ServiceError::new(
            "UnknownOperationException",
            400,
            "KMS takes its requests as POST /",
        ));
    }
    let input: Value = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        serde_json::from_slice(body).map_err(|e| {
            ServiceError::new(
                "SerializationException",
                400,
                format!("The request body is not valid JSON: {e}"),
            )
        })?
    };
    if !input.is_object() {
        return Err(ServiceError::new(
            "SerializationException",
            400,
            "The request body must be a JSON object",
        ));
    }
    Ok(Call {
        service: Service::Kms,
        operation: operation.to_string(),
        input,
    })
}

/// A successful response: the output as JSON.
pub fn reply(output: &Value) -> Reply {
    Reply::new(
        200,
        CONTENT_TYPE,
        serde_json::to_vec(output).unwrap_or_default(),
    )
}

/// An error as KMS sends it.
pub fn error(e: &ServiceError) -> Reply {
    let body = json!({"__type": e.code, "message": e.message});
    Reply::new(
        e.status,
        CONTENT_TYPE,
        serde_json::to_vec(&body).unwrap_or_default(),
    )
}
