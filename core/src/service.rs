//! The simulated services and the one door to them.
//!
//! Each simulated operation of KMS, S3 and IAM has a [`Descriptor`]: its members as AWS's
//! model gives them (`model`, generated from botocore by `scripts/models.py`), whether it
//! is read-only or cryptographic, which [`Parts`] of the world it may change, and its
//! handler. [`World::request`](crate::World::request) is the one way in: it finds the
//! descriptor, checks the input against it, runs the handler and answers a [`Response`].
//! The page, the scenario runner, the command line and the tests read the descriptors for
//! everything else: input checking, what the audit log leaves out, `aws` twins, change
//! notification.

pub(crate) mod check;
mod model;
mod outcomes;
mod request;
mod shape;
mod table;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde_json::Value;

pub use check::{Violation, check_input, check_output, redact, without};
pub use shape::{Kind, Location, Member, OperationModel, Shape, member};

use crate::api::Operation;
use crate::authz::Decision;
use crate::s3::S3Step;

/// A simulated AWS service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Service {
    /// AWS Key Management Service.
    Kms,
    /// Amazon S3.
    S3,
    /// AWS Identity and Access Management.
    Iam,
}

impl Service {
    /// Every service.
    pub const ALL: [Service; 3] = [Service::Kms, Service::S3, Service::Iam];

    /// Its prefix in IAM actions and scenario files (`kms`, `s3`, `iam`).
    pub fn prefix(self) -> &'static str {
        match self {
            Service::Kms => "kms",
            Service::S3 => "s3",
            Service::Iam => "iam",
        }
    }

    /// Its name in the AWS CLI (`kms`, `s3api`, `iam`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Service::Kms => "kms",
            Service::S3 => "s3api",
            Service::Iam => "iam",
        }
    }

    /// How people name it (`KMS`).
    pub fn label(self) -> &'static str {
        match self {
            Service::Kms => "KMS",
            Service::S3 => "S3",
            Service::Iam => "IAM",
        }
    }

    /// The endpoint a call in `region` goes to (IAM is global).
    pub fn endpoint(self, region: &str) -> String {
        match self {
            Service::Kms => alloc::format!("kms.{region}.amazonaws.com"),
            Service::S3 => alloc::format!("s3.{region}.amazonaws.com"),
            Service::Iam => String::from("iam.amazonaws.com"),
        }
    }

    /// The service of a scenario's operation name and the operation: `s3:PutObject` is
    /// S3's, `iam:CreateUser` IAM's, and a name without a prefix (or with `kms:`) KMS's.
    pub fn split(name: &str) -> (Service, &str) {
        for s in [Service::S3, Service::Iam, Service::Kms] {
            if let Some(op) = name
                .strip_prefix(s.prefix())
                .and_then(|r| r.strip_prefix(':'))
            {
                return (s, op);
            }
        }
        (Service::Kms, name)
    }

    /// The descriptors of its operations, in alphabetical order.
    pub fn operations(self) -> &'static [Descriptor] {
        match self {
            Service::Kms => &table::KMS,
            Service::S3 => &table::S3,
            Service::Iam => &table::IAM,
        }
    }

    /// The descriptor of the operation named `name` (exactly, as AWS spells it).
    pub fn operation(self, name: &str) -> Option<&'static Descriptor> {
        self.operations().iter().find(|d| d.name() == name)
    }

    /// A known operation whose name is close to `name`, for a "did you mean".
    pub fn similar_to(self, name: &str) -> Option<&'static Descriptor> {
        self.operations()
            .iter()
            .filter_map(|o| crate::policy::edit_distance(o.name(), name).map(|d| (d, o)))
            .filter(|(d, _)| *d <= 2)
            .min_by_key(|(d, _)| *d)
            .map(|(_, o)| o)
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The descriptor of a KMS operation: the table and [`Operation::ALL`] are both in
/// alphabetical order (a test holds them so).
pub(crate) fn kms_descriptor(op: Operation) -> &'static Descriptor {
    table::KMS.get(op as usize).unwrap_or(&table::KMS[0])
}

/// Parts of the world an operation may change. Every call that reaches a service also
/// appends to the audit log, which is not counted here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Parts(u8);

impl Parts {
    /// Nothing.
    pub const NONE: Parts = Parts(0);
    /// Users and roles.
    pub const PRINCIPALS: Parts = Parts(1);
    /// Key policies and IAM policies.
    pub const POLICIES: Parts = Parts(2);
    /// Keys and what hangs on them: states, rotation, tags, aliases, key material.
    pub const KEYS: Parts = Parts(4);
    /// Grants.
    pub const GRANTS: Parts = Parts(8);
    /// Buckets, objects and S3's bucket keys.
    pub const S3: Parts = Parts(16);
    /// The audit log (every call that reaches a service writes to it: descriptors do not
    /// name it).
    pub const AUDIT: Parts = Parts(32);
    /// The simulated clock (only `World::advance` moves it).
    pub const CLOCK: Parts = Parts(64);

    /// Both sets.
    pub const fn and(self, other: Parts) -> Parts {
        Parts(self.0 | other.0)
    }

    /// Whether every part of `other` is in the set.
    pub const fn contains(self, other: Parts) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// What the simulator does for an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Handler {
    /// The KMS door's handler of this operation.
    Kms(Operation),
    /// S3's.
    S3,
    /// IAM's.
    Iam,
}

/// One simulated operation: its shape from AWS's model and what the simulator knows of it.
#[derive(Debug)]
pub struct Descriptor {
    /// The service.
    pub service: Service,
    /// Its members and errors as AWS's model gives them.
    pub model: &'static OperationModel,
    /// Whether CloudTrail records it as read-only (`Describe*`, `Get*`, `List*`, `Head*`).
    pub read_only: bool,
    /// Whether it is cryptographic: its response carries data or keys, so CloudTrail
    /// records `responseElements` as null.
    pub cryptographic: bool,
    /// The parts of the world a successful call may change.
    pub changes: Parts,
    pub(crate) handler: Handler,
}

impl Descriptor {
    /// Its name (`Encrypt`).
    pub fn name(&self) -> &'static str {
        self.model.name
    }

    /// The request's members.
    pub fn input(&self) -> &'static [Member] {
        self.model.input
    }

    /// The response's members (those the simulator fills).
    pub fn output(&self) -> &'static [Member] {
        match self.service {
            Service::Kms => model::kms::output(self.name()),
            Service::S3 => model::s3::output(self.name()),
            Service::Iam => model::iam::output(self.name()),
        }
    }

    /// The error codes AWS's model lists for it.
    pub fn errors(&self) -> &'static [&'static str] {
        match self.service {
            Service::Kms => model::kms::errors(self.name()),
            Service::S3 => model::s3::errors(self.name()),
            Service::Iam => model::iam::errors(self.name()),
        }
    }

    /// A member's name on the wire where it is not its own: S3's headers and query
    /// parameters (`SSEKMSKeyId` is `x-amz-server-side-encryption-aws-kms-key-id`).
    pub fn wire(&self, member: &str) -> Option<&'static str> {
        match self.service {
            Service::Kms => model::kms::wire(self.name(), member),
            Service::S3 => model::s3::wire(self.name(), member),
            Service::Iam => model::iam::wire(self.name(), member),
        }
    }

    /// The response members the audit log leaves out and the page masks.
    pub fn sensitive_output(&self) -> &'static [&'static str] {
        self.model.sensitive_output
    }

    /// The KMS operation, for a KMS descriptor.
    pub fn kms_operation(&self) -> Option<Operation> {
        match self.handler {
            Handler::Kms(op) => Some(op),
            _ => None,
        }
    }

    /// Whether `code` is an error the operation may answer: one AWS's model lists for it,
    /// or one the service answers for any operation (`check::COMMON_ERRORS`).
    pub fn may_answer(&self, code: &str) -> bool {
        self.errors().contains(&code) || check::common_errors(self.service).contains(&code)
    }
}

/// An error response, in the service's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError {
    /// The service's error code (`AccessDeniedException`, `NoSuchKey`, `NoSuchEntity`).
    pub code: String,
    /// The HTTP status the service answers with.
    pub status: u16,
    /// The message.
    pub message: String,
}

impl ServiceError {
    /// An error with this code, status and message.
    pub fn new(code: &str, status: u16, message: impl Into<String>) -> ServiceError {
        ServiceError {
            code: String::from(code),
            status,
            message: message.into(),
        }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl core::error::Error for ServiceError {}

impl From<crate::s3::S3Error> for ServiceError {
    fn from(e: crate::s3::S3Error) -> ServiceError {
        ServiceError {
            code: e.code,
            status: e.status,
            message: e.message,
        }
    }
}

impl From<crate::iam::IamError> for ServiceError {
    fn from(e: crate::iam::IamError) -> ServiceError {
        ServiceError {
            code: e.code,
            status: e.status,
            message: e.message,
        }
    }
}

/// A call one service made to another while answering a request: S3's calls to KMS on the
/// caller's behalf, with their real inputs and outputs.
#[derive(Clone, Debug)]
pub struct ChildCall {
    /// The service called.
    pub service: Service,
    /// The operation (`GenerateDataKey`).
    pub operation: &'static str,
    /// The service calling on the principal's behalf (`s3.amazonaws.com`).
    pub via: &'static str,
    /// The Region of the endpoint called.
    pub region: String,
    /// The request as sent.
    pub input: Value,
    /// The response or the error.
    pub output: Result<Value, ServiceError>,
    /// The decisions made.
    pub decisions: Vec<Decision>,
}

/// What a request through [`World::request`](crate::World::request) gave.
#[derive(Clone, Debug)]
pub struct Response {
    /// The operation's descriptor (`None`: the service has no such operation).
    pub descriptor: Option<&'static Descriptor>,
    /// The response in the AWS shape, or the error.
    pub output: Result<Value, ServiceError>,
    /// The authorization decisions made for the request itself, in order.
    pub decisions: Vec<Decision>,
    /// The calls the service made to others on the caller's behalf.
    pub children: Vec<ChildCall>,
    /// S3's steps, for the animation.
    pub steps: Vec<S3Step>,
}

impl Response {
    /// Whether the request succeeded.
    pub fn ok(&self) -> bool {
        self.output.is_ok()
    }
}

#[cfg(test)]
mod tests;
