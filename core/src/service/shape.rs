//! The shapes of requests and responses, as AWS's service models describe them.

/// What kind of value a shape holds.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// Text.
    String,
    /// Bytes (base64 in JSON).
    Blob,
    /// A 32-bit whole number.
    Integer,
    /// A 64-bit whole number.
    Long,
    /// `true` or `false`.
    Boolean,
    /// A point in time.
    Timestamp,
    /// A list of values of one shape.
    List(&'static Shape),
    /// A map from keys of one shape to values of another.
    Map(&'static Shape, &'static Shape),
    /// An object with named members.
    Structure(&'static [Member]),
}

impl Kind {
    /// The model's word for it (`string`, `structure`, ...).
    pub fn word(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Blob => "blob",
            Kind::Integer => "integer",
            Kind::Long => "long",
            Kind::Boolean => "boolean",
            Kind::Timestamp => "timestamp",
            Kind::List(_) => "list",
            Kind::Map(..) => "map",
            Kind::Structure(_) => "structure",
        }
    }
}

/// A shape of the model: its kind and constraints.
#[derive(Debug)]
pub struct Shape {
    /// What it holds.
    pub kind: Kind,
    /// The least length (strings, blobs), count (lists, maps) or value (numbers).
    pub min: Option<u32>,
    /// The greatest length, count or value.
    pub max: Option<u32>,
    /// The values a string may take (empty: any).
    pub enums: &'static [&'static str],
    /// Whether its values are secret: never in the audit log, never shown whole.
    pub sensitive: bool,
}

/// Where a member travels in an HTTP request or response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// In the body (JSON for KMS, XML for S3, form fields for IAM).
    Body,
    /// In the URI path.
    Uri,
    /// In the query string.
    Query,
    /// In one header.
    Header,
    /// In headers with a common prefix.
    Headers,
    /// The HTTP status code.
    Status,
    /// The whole body (S3's object data).
    Payload,
}

/// A member of a structure.
#[derive(Debug)]
pub struct Member {
    /// Its name (`KeyId`).
    pub name: &'static str,
    /// Its shape.
    pub shape: &'static Shape,
    /// Whether a request must carry it.
    pub required: bool,
    /// Where it travels.
    pub location: Location,
}

/// An operation as AWS's model gives it: the request members the simulator handles, and
/// the response members the audit log leaves out. (The response members, the error codes
/// and the wire names are reached through [`Descriptor`](super::Descriptor), so that what
/// does not use them does not link them.)
#[derive(Debug)]
pub struct OperationModel {
    /// Its name (`Encrypt`).
    pub name: &'static str,
    /// The request's members.
    pub input: &'static [Member],
    /// The response's sensitive members (`Plaintext`, `GrantToken`).
    pub sensitive_output: &'static [&'static str],
}

/// The member of `members` named `name`.
pub fn member<'m>(members: &'m [Member], name: &str) -> Option<&'m Member> {
    members.iter().find(|m| m.name == name)
}
