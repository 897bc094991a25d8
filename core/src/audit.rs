//! A CloudTrail-shaped audit log: one event for every call, allowed or denied, and one for
//! every service event (automatic rotation, deletion at the end of the waiting period).
//! Events never hold plaintext or data keys.

use alloc::string::String;
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use crate::authz::Rule;
use crate::clock::Timestamp;

/// `AwsApiCall` or `AwsServiceEvent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventType {
    /// A call to the API.
    AwsApiCall,
    /// Something the service did on its own.
    AwsServiceEvent,
}

/// Who made a call, as CloudTrail's `userIdentity` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserIdentity {
    /// `IAMUser`, `AssumedRole`, `Root` or `AWSService`.
    pub kind: String,
    /// The caller's ARN (none for service events).
    pub arn: Option<String>,
    /// The caller's account.
    pub account_id: Option<String>,
    /// The service that called on the principal's behalf (`s3.amazonaws.com`).
    pub invoked_by: Option<String>,
}

/// One CloudTrail event.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditEvent {
    /// When (simulated time).
    pub event_time: Timestamp,
    /// The service (`kms.amazonaws.com`, `iam.amazonaws.com`).
    pub event_source: String,
    /// The operation (`Encrypt`) or service event (`RotateKey`, `DeleteKey`).
    pub event_name: String,
    /// The region of the call.
    pub aws_region: String,
    /// The caller.
    pub user_identity: UserIdentity,
    /// The request's parameters, without secrets.
    pub request_parameters: Value,
    /// The response, or null (cryptographic operations and failures).
    pub response_elements: Value,
    /// The error code of a failed call.
    pub error_code: Option<String>,
    /// The error message of a failed call.
    pub error_message: Option<String>,
    /// The KMS keys involved.
    pub resources: Vec<String>,
    /// A unique ID.
    pub event_id: String,
    /// Whether the operation only reads.
    pub read_only: bool,
    /// Call or service event.
    pub event_type: EventType,
    /// The account whose trail records it.
    pub recipient_account_id: String,
    /// The deciding rule of the authorization, when there was one (simulator extra).
    pub decision_rule: Option<Rule>,
    /// What a service event did (`{"rotationType": "AUTOMATIC", "keyId": …}`); null for
    /// API calls.
    pub service_event_details: Value,
}

impl AuditEvent {
    /// Reads an event back from [`AuditEvent::to_saved`]'s form (saved worlds).
    pub fn from_json(v: &Value) -> Option<AuditEvent> {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(String::from);
        let id = v.get("userIdentity")?;
        let ids = |k: &str| id.get(k).and_then(Value::as_str).map(String::from);
        Some(AuditEvent {
            event_time: Timestamp::parse(v.get("eventTime")?.as_str()?).ok()?,
            event_source: s("eventSource").unwrap_or_else(|| String::from("kms.amazonaws.com")),
            event_name: s("eventName")?,
            aws_region: s("awsRegion")?,
            user_identity: UserIdentity {
                // A service event's identity has no type.
                kind: ids("type").unwrap_or_default(),
                arn: ids("arn"),
                account_id: ids("accountId"),
                invoked_by: ids("invokedBy"),
            },
            request_parameters: v.get("requestParameters").cloned().unwrap_or(Value::Null),
            response_elements: v.get("responseElements").cloned().unwrap_or(Value::Null),
            error_code: s("errorCode"),
            // CloudTrail writes an errorMessage with an errorCode, and only then.
            error_message: s("errorCode").map(|_| s("errorMessage").unwrap_or_default()),
            resources: v
                .get("resources")?
                .as_array()?
                .iter()
                .filter_map(|r| r.get("ARN").and_then(Value::as_str).map(String::from))
                .collect(),
            event_id: s("eventID")?,
            read_only: v.get("readOnly")?.as_bool()?,
            event_type: match v.get("eventType")?.as_str()? {
                "AwsServiceEvent" => EventType::AwsServiceEvent,
                _ => EventType::AwsApiCall,
            },
            recipient_account_id: s("recipientAccountId")?,
            decision_rule: v
                .get("simulatorDecisionRule")
                .and_then(Value::as_str)
                .and_then(Rule::from_name),
            service_event_details: v.get("serviceEventDetails").cloned().unwrap_or(Value::Null),
        })
    }

    /// The event as a saved world keeps it: CloudTrail's shape, and the simulator's
    /// deciding rule beside it as `simulatorDecisionRule` (a field AWS does not write).
    pub fn to_saved(&self) -> Value {
        let mut v = self.to_json();
        if let (Some(rule), Value::Object(e)) = (self.decision_rule, &mut v) {
            e.insert("simulatorDecisionRule".into(), json!(rule.as_str()));
        }
        v
    }

    /// The event as CloudTrail writes it: only AWS's fields.
    pub fn to_json(&self) -> Value {
        let mut identity = Map::new();
        if !self.user_identity.kind.is_empty() {
            identity.insert("type".into(), json!(self.user_identity.kind));
        }
        if let Some(a) = &self.user_identity.arn {
            identity.insert("arn".into(), json!(a));
        }
        if let Some(a) = &self.user_identity.account_id {
            identity.insert("accountId".into(), json!(a));
        }
        if let Some(i) = &self.user_identity.invoked_by {
            identity.insert("invokedBy".into(), json!(i));
        }
        let resources: Vec<Value> = self
            .resources
            .iter()
            .map(|arn| {
                let (kind, account) = match arn.split(':').nth(2) {
                    Some("s3") => ("AWS::S3::Bucket", self.recipient_account_id.as_str()),
                    _ if arn.contains(":alias/") => {
                        ("AWS::KMS::Alias", arn.split(':').nth(4).unwrap_or(""))
                    }
                    _ => ("AWS::KMS::Key", arn.split(':').nth(4).unwrap_or("")),
                };
                json!({"accountId": account, "type": kind, "ARN": arn})
            })
            .collect();
        let mut e = Map::new();
        e.insert("eventVersion".into(), json!("1.11"));
        e.insert("userIdentity".into(), Value::Object(identity));
        e.insert(
            "eventTime".into(),
            json!(alloc::format!("{}", self.event_time)),
        );
        e.insert("eventSource".into(), json!(self.event_source));
        e.insert("eventName".into(), json!(self.event_name));
        e.insert("awsRegion".into(), json!(self.aws_region));
        if self.event_type == EventType::AwsServiceEvent {
            e.insert("sourceIPAddress".into(), json!("AWS Internal"));
            e.insert("userAgent".into(), json!("AWS Internal"));
        }
        if let Some(c) = &self.error_code {
            e.insert("errorCode".into(), json!(c));
            e.insert(
                "errorMessage".into(),
                json!(self.error_message.clone().unwrap_or_default()),
            );
        }
        e.insert("requestParameters".into(), self.request_parameters.clone());
        e.insert("responseElements".into(), self.response_elements.clone());
        e.insert("eventID".into(), json!(self.event_id));
        e.insert("readOnly".into(), json!(self.read_only));
        e.insert("resources".into(), Value::Array(resources));
        e.insert(
            "eventType".into(),
            json!(match self.event_type {
                EventType::AwsApiCall => "AwsApiCall",
                EventType::AwsServiceEvent => "AwsServiceEvent",
            }),
        );
        e.insert("managementEvent".into(), json!(true));
        e.insert(
            "recipientAccountId".into(),
            json!(self.recipient_account_id),
        );
        if !self.service_event_details.is_null() {
            e.insert(
                "serviceEventDetails".into(),
                self.service_event_details.clone(),
            );
        }
        e.insert("eventCategory".into(), json!("Management"));
        Value::Object(e)
    }
}
