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
    /// The model's name for it (`KeyIdType`).
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// The least length (strings, blobs), count (lists, maps) or value (numbers).
    pub min: Option<i64>,
    /// The greatest length, count or value.
    pub max: Option<i64>,
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
    /// Its name on the wire when not in the body (`x-amz-server-side-encryption`).
    pub wire: &'static str,
}

/// An operation as AWS's model gives it: the members the simulator handles, and the
/// errors the model lists with their HTTP status (0: the model does not say).
#[derive(Debug)]
pub struct OperationModel {
    /// Its name (`Encrypt`).
    pub name: &'static str,
    /// The request's members.
    pub input: &'static [Member],
    /// The response's members.
    pub output: &'static [Member],
    /// The error codes the model lists for it.
    pub errors: &'static [(&'static str, u16)],
}

/// The member of `members` named `name`.
pub fn member<'m>(members: &'m [Member], name: &str) -> Option<&'m Member> {
    members.iter().find(|m| m.name == name)
}
