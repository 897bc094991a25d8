//! What an S3 request did, step by step: who sent what to whom, for the animation, and
//! the result. Steps are reported by the S3 code as it works; nothing is invented.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde_json::{Value, json};

use super::S3Error;
use crate::api::ApiError;
use crate::authz::Decision;

/// Who a step goes between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The requester.
    Client,
    /// Amazon S3.
    S3,
    /// AWS KMS.
    Kms,
}

impl Actor {
    /// `client`, `s3` or `kms`.
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Client => "client",
            Actor::S3 => "s3",
            Actor::Kms => "kms",
        }
    }
}

/// One step of an S3 request, for the animation.
#[derive(Clone, Debug)]
pub struct S3Step {
    /// From.
    pub from: Actor,
    /// To (the same actor for work it does itself).
    pub to: Actor,
    /// A short title (`GenerateDataKey`).
    pub title: String,
    /// One sentence on what happens.
    pub detail: String,
    /// What travels: labelled values (sizes, key IDs, small bytes in hex).
    pub data: Vec<(String, String)>,
    /// The authorization decision, for a KMS call.
    pub decision: Option<Decision>,
    /// Whether the step succeeded.
    pub ok: bool,
}

impl S3Step {
    pub(super) fn new(from: Actor, to: Actor, title: &str, detail: String) -> S3Step {
        S3Step {
            from,
            to,
            title: String::from(title),
            detail,
            data: Vec::new(),
            decision: None,
            ok: true,
        }
    }

    pub(super) fn with(mut self, label: &str, value: impl Into<String>) -> S3Step {
        self.data.push((String::from(label), value.into()));
        self
    }

    /// The step as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "from": self.from.as_str(),
            "to": self.to.as_str(),
            "title": self.title,
            "detail": self.detail,
            "data": self.data.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
            "decision": self.decision.as_ref().map(|d| json!({"rule": d.rule.as_str(), "reason": d.reason, "hint": d.hint})),
            "ok": self.ok,
        })
    }
}

/// The result of an S3 request.
#[derive(Clone, Debug)]
pub struct S3Result {
    /// The response (S3's field names, `Body` base64), or the error.
    pub output: Result<Value, S3Error>,
    /// The steps it took.
    pub steps: Vec<S3Step>,
    /// The calls S3 made to KMS on the caller's behalf.
    pub children: Vec<crate::service::ChildCall>,
}

pub(super) fn hex_prefix(bytes: &[u8], n: usize) -> String {
    let mut s: String = bytes.iter().take(n).map(|b| format!("{b:02x}")).collect();
    if bytes.len() > n {
        s.push('…');
    }
    s
}

/// The steps of a KMS call that failed, and the error S3 answers with.
pub(super) fn kms_refused(
    steps: &mut Vec<S3Step>,
    mut call_step: S3Step,
    e: &ApiError,
    what: &str,
) -> S3Error {
    call_step.ok = false;
    steps.push(call_step);
    steps.push(S3Step {
        ok: false,
        ..S3Step::new(Actor::Kms, Actor::S3, e.code.as_str(), e.message.clone())
    });
    let err = S3Error::from_kms(e);
    let detail = format!("S3 refuses the {what} ({} {}).", err.status, err.code);
    steps.push(S3Step {
        ok: false,
        ..S3Step::new(Actor::S3, Actor::Client, &err.code, detail)
    });
    err
}
