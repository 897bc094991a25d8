//! [`World::request`]: the one door to the simulated services.

use alloc::format;
use alloc::vec::Vec;
use serde_json::Value;

use super::{Descriptor, Handler, Response, Service, ServiceError};
use crate::api::Caller;
use crate::world::World;

impl World {
    /// Calls `operation` of `service` (its AWS API name, such as `Encrypt` or `PutObject`)
    /// with `input` (a JSON object in the AWS shape) as `caller`. The input is checked
    /// against the operation's descriptor before anything else; the response carries the
    /// output or the error, the decisions made, the calls S3 made to KMS on the caller's
    /// behalf, and S3's steps. The one way the world changes after it is built, but for
    /// its clock ([`World::advance`]).
    ///
    /// An operation the service does not have is refused as the service refuses it, with
    /// no audit event (AWS cannot route it).
    pub fn request(
        &mut self,
        caller: &Caller<'_>,
        service: Service,
        operation: &str,
        input: &Value,
    ) -> Response {
        let Some(d) = service.operation(operation) else {
            return Response {
                descriptor: None,
                output: Err(unknown(service, operation)),
                decisions: Vec::new(),
                children: Vec::new(),
                steps: Vec::new(),
            };
        };
        self.request_to(caller, d, input)
    }

    /// Calls the operation `d` describes.
    pub(crate) fn request_to(
        &mut self,
        caller: &Caller<'_>,
        d: &'static Descriptor,
        input: &Value,
    ) -> Response {
        match d.handler {
            Handler::Kms(op) => {
                let r = self.call_op(caller, op, input);
                Response {
                    descriptor: Some(d),
                    output: r.output.map_err(ServiceError::from),
                    decisions: r.decisions,
                    children: Vec::new(),
                    steps: Vec::new(),
                }
            }
            Handler::S3 => {
                let r = self.s3(caller, d, input);
                Response {
                    descriptor: Some(d),
                    decisions: r
                        .children
                        .iter()
                        .flat_map(|c| c.decisions.iter().cloned())
                        .collect(),
                    output: r.output.map_err(ServiceError::from),
                    children: r.children,
                    steps: r.steps,
                }
            }
            Handler::Iam => Response {
                descriptor: Some(d),
                output: self.iam(caller, d, input).map_err(ServiceError::from),
                decisions: Vec::new(),
                children: Vec::new(),
                steps: Vec::new(),
            },
        }
    }
}

/// How a service answers a request for an operation it does not have.
fn unknown(service: Service, operation: &str) -> ServiceError {
    let offered = || {
        service
            .operations()
            .iter()
            .map(|d| d.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let hint = service
        .similar_to(operation)
        .map(|d| format!(": did you mean `{}`?", d.name()))
        .unwrap_or_default();
    match service {
        Service::Kms => ServiceError::new(
            "UnknownOperationException",
            400,
            format!("Unknown operation `{operation}`{hint}"),
        ),
        Service::S3 => ServiceError::new(
            "NotImplemented",
            501,
            format!(
                "The simulator offers {}, not s3:{operation}{hint}",
                offered()
            ),
        ),
        Service::Iam => ServiceError::new(
            "InvalidAction",
            400,
            format!(
                "Could not find operation {operation}: the simulator offers {}{hint}",
                offered()
            ),
        ),
    }
}
