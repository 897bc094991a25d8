//! IAM's query protocol: `Action=<Operation>&Version=2010-05-08&…` as a form (or a query
//! string); the response and errors as XML.

use kms_core::service::{Service, ServiceError};
use serde_json::Value;

use super::wire::{self, Lists};
use super::{Call, Reply};

const XMLNS: &str = "https://iam.amazonaws.com/doc/2010-05-08/";

/// The call an IAM request makes, from its fields.
pub fn decode(fields: &[(String, String)]) -> Result<Call, ServiceError> {
    let action = fields
        .iter()
        .find(|(k, _)| k == "Action")
        .map(|(_, v)| v.clone());
    let Some(operation) = action.filter(|a| !a.is_empty()) else {
        return Err(ServiceError::new(
            "MissingAction",
            400,
            "The request must contain the parameter Action.",
        ));
    };
    let input = match Service::Iam.operation(&operation) {
        // The world answers an operation it does not have as IAM does.
        None => Value::Object(serde_json::Map::new()),
        Some(d) => Value::Object(
            wire::read_fields(d.input(), fields, "")
                .map_err(|why| ServiceError::new("ValidationError", 400, why))?,
        ),
    };
    Ok(Call {
        service: Service::Iam,
        operation,
        input,
    })
}

/// A successful response: `<OpResponse><OpResult>…</OpResult><ResponseMetadata>`.
pub fn reply(operation: &str, output: &Value, request_id: &str) -> Reply {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{operation}Response xmlns=\"{XMLNS}\">"
    );
    let members = Service::Iam
        .operation(operation)
        .map(|d| d.output())
        .unwrap_or_default();
    if !members.is_empty() {
        xml.push_str(&format!("<{operation}Result>"));
        wire::write_members(&mut xml, members, output, Lists::Wrapped);
        xml.push_str(&format!("</{operation}Result>"));
    }
    xml.push_str(&format!(
        "<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></{operation}Response>\n"
    ));
    Reply::new(200, "text/xml", xml.into_bytes())
}

/// An error as IAM sends it.
pub fn error(e: &ServiceError, request_id: &str) -> Reply {
    let kind = if e.status >= 500 {
        "Receiver"
    } else {
        "Sender"
    };
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"{XMLNS}\"><Error><Type>{kind}</Type><Code>{}</Code><Message>{}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>\n",
        wire::escape(&e.code),
        wire::escape(&e.message)
    );
    Reply::new(e.status, "text/xml", xml.into_bytes())
}
