//! S3's REST protocol for the simulated operations: the bucket in the host name
//! (virtual-hosted style) or the path's first segment (path style), the operation from the
//! method and the query, members in headers, the query and the body as the model places
//! them; errors as `<Error>` XML.

use hyper::HeaderMap;
use kms_core::b64;
use kms_core::service::{Descriptor, Kind, Location, Service, ServiceError};
use serde_json::{Map, Value};

use super::wire::{self, Lists};
use super::{Call, Reply};

const XMLNS: &str = "http://s3.amazonaws.com/doc/2006-03-01/";

/// What the request line and headers of an S3 request say.
pub struct Request<'a> {
    /// `GET`, `PUT`, …
    pub method: &'a str,
    /// The `Host` header.
    pub host: &'a str,
    /// The path, still percent-encoded.
    pub path: &'a str,
    /// The query's pairs, decoded.
    pub query: &'a [(String, String)],
    /// The headers.
    pub headers: &'a HeaderMap,
}

/// The bucket a virtual-hosted-style host names (`reports.s3.localhost`,
/// `reports.localhost`, `reports.s3.eu-west-1.amazonaws.com`); `None` for path style
/// (`localhost`, an IP address, any other host).
pub fn bucket_in_host(host: &str) -> Option<String> {
    if host.starts_with('[') {
        return None; // an IPv6 address
    }
    let name = host
        .rsplit_once(':')
        .map_or(host, |(h, _)| h)
        .to_ascii_lowercase();
    if name.parse::<std::net::IpAddr>().is_ok() {
        return None;
    }
    for suffix in [".s3.localhost", ".localhost", ".s3.amazonaws.com"] {
        if let Some(b) = name.strip_suffix(suffix) {
            // `s3.localhost` itself is an endpoint, not a bucket named s3.
            return (!b.is_empty() && b != "s3").then(|| b.to_string());
        }
    }
    if name.ends_with(".amazonaws.com") {
        for marker in [".s3.", ".s3-"] {
            if let Some(i) = name.find(marker) {
                return name.get(..i).filter(|b| !b.is_empty()).map(str::to_string);
            }
        }
    }
    None
}

/// The bucket and key a request is for.
fn resource(r: &Request<'_>) -> Result<(Option<String>, String), ServiceError> {
    let path = r.path.strip_prefix('/').unwrap_or(r.path);
    let bad = || ServiceError::new("InvalidURI", 400, "Couldn't parse the specified URI.");
    match bucket_in_host(r.host) {
        Some(bucket) => Ok((Some(bucket), wire::decode(path, false).ok_or_else(bad)?)),
        None => {
            let (bucket, key) = path.split_once('/').unwrap_or((path, ""));
            let bucket = wire::decode(bucket, false).ok_or_else(bad)?;
            let key = wire::decode(key, false).ok_or_else(bad)?;
            Ok(((!bucket.is_empty()).then_some(bucket), key))
        }
    }
}

/// Subresources of the query, by the name S3's operations give them.
const SUBRESOURCES: [(&str, &str); 13] = [
    ("acl", "Acl"),
    ("cors", "Cors"),
    ("encryption", "Encryption"),
    ("lifecycle", "LifecycleConfiguration"),
    ("location", "Location"),
    ("logging", "Logging"),
    ("notification", "NotificationConfiguration"),
    ("ownershipControls", "OwnershipControls"),
    ("policy", "Policy"),
    ("publicAccessBlock", "PublicAccessBlock"),
    ("tagging", "Tagging"),
    ("versioning", "Versioning"),
    ("website", "Website"),
];

/// The S3 operation a request asks for: simulated or not, it is named, so that one the
/// simulator does not have is refused by name.
fn operation(r: &Request<'_>, bucket: Option<&str>, key: &str) -> String {
    let has = |name: &str| r.query.iter().any(|(k, _)| k == name);
    let sub = SUBRESOURCES
        .iter()
        .find(|(q, _)| has(q))
        .map(|(_, name)| *name);
    let verb = match r.method {
        "GET" => "Get",
        "PUT" => "Put",
        "DELETE" => "Delete",
        "HEAD" => "Head",
        _ => "Post",
    };
    let named = |what: &str| match sub {
        Some(s) => format!("{verb}{what}{s}"),
        None => String::new(),
    };
    match (bucket, key.is_empty()) {
        (None, _) => match r.method {
            "GET" => "ListBuckets".into(),
            m => format!("{}Service", m.to_ascii_lowercase()),
        },
        (Some(_), true) => {
            let n = named("Bucket");
            if !n.is_empty() {
                return n;
            }
            match r.method {
                "PUT" => "CreateBucket".into(),
                "GET" if r.query.iter().any(|(k, v)| k == "list-type" && v == "2") => {
                    "ListObjectsV2".into()
                }
                "GET" if has("uploads") => "ListMultipartUploads".into(),
                "GET" if has("versions") => "ListObjectVersions".into(),
                "GET" => "ListObjects".into(),
                "HEAD" => "HeadBucket".into(),
                "DELETE" => "DeleteBucket".into(),
                "POST" if has("delete") => "DeleteObjects".into(),
                _ => "PostObject".into(),
            }
        }
        (Some(_), false) => {
            let n = named("Object");
            if !n.is_empty() {
                return n;
            }
            match r.method {
                "PUT" if r.headers.contains_key("x-amz-copy-source") => "CopyObject".into(),
                "PUT" if has("uploadId") => "UploadPart".into(),
                "PUT" => "PutObject".into(),
                "GET" if has("uploadId") => "ListParts".into(),
                "GET" => "GetObject".into(),
                "HEAD" => "HeadObject".into(),
                "DELETE" if has("uploadId") => "AbortMultipartUpload".into(),
                "DELETE" => "DeleteObject".into(),
                "POST" if has("uploads") => "CreateMultipartUpload".into(),
                "POST" if has("uploadId") => "CompleteMultipartUpload".into(),
                _ => "PostObject".into(),
            }
        }
    }
}

/// The call an S3 request makes, with its members read from where the model places them.
pub fn decode(r: &Request<'_>, body: &[u8]) -> Result<Call, ServiceError> {
    let (bucket, key) = resource(r)?;
    let operation = operation(r, bucket.as_deref(), &key);
    // Headers that change what S3 does with an object, which the simulated S3 does not
    // do: refused, not ignored, so that nothing a client asks for is silently dropped.
    for (prefix, what) in [
        (
            "x-amz-server-side-encryption-customer-",
            "SSE-C (customer-provided keys)",
        ),
        ("x-amz-object-lock-", "Object Lock"),
        ("x-amz-website-redirect-location", "website redirects"),
    ] {
        if r.headers.keys().any(|h| h.as_str().starts_with(prefix)) {
            return Err(ServiceError::new(
                "NotImplemented",
                501,
                format!("The simulated S3 does not offer {what}"),
            ));
        }
    }
    let mut input = Map::new();
    if let Some(d) = Service::S3.operation(&operation) {
        let body = unchunk(r.headers, body)?;
        for m in d.input() {
            let wire_name = d.wire(m.name).unwrap_or(m.name);
            let value = match m.location {
                Location::Uri if m.name == "Bucket" => bucket.clone().map(Value::String),
                Location::Uri if m.name == "Key" => {
                    (!key.is_empty()).then(|| Value::String(key.clone()))
                }
                Location::Query => r
                    .query
                    .iter()
                    .find(|(k, _)| k == wire_name)
                    .map(|(_, v)| scalar(m.shape.kind, wire_name, v))
                    .transpose()?,
                Location::Header => r
                    .headers
                    .get(wire_name)
                    .map(|v| {
                        let text = v.to_str().map_err(|_| {
                            ServiceError::new(
                                "InvalidArgument",
                                400,
                                format!("The header {wire_name} is not text"),
                            )
                        })?;
                        scalar(m.shape.kind, wire_name, text)
                    })
                    .transpose()?,
                Location::Payload => match m.shape.kind {
                    Kind::Blob => Some(Value::String(b64::encode(&body))),
                    Kind::Structure(members) if !body.is_empty() => {
                        let text = String::from_utf8_lossy(&body);
                        let mut fields = Map::new();
                        for f in members {
                            if let Some(v) = element(&text, f.name) {
                                fields.insert(f.name.to_string(), Value::String(v));
                            }
                        }
                        Some(Value::Object(fields))
                    }
                    _ => None,
                },
                _ => None,
            };
            if let Some(v) = value {
                input.insert(m.name.to_string(), v);
            }
        }
    }
    Ok(Call {
        service: Service::S3,
        operation,
        input: Value::Object(input),
    })
}

/// A header's or query parameter's text as the member's kind.
fn scalar(kind: Kind, name: &str, text: &str) -> Result<Value, ServiceError> {
    let invalid =
        |what: &str| ServiceError::new("InvalidArgument", 400, format!("{name} must be {what}"));
    match kind {
        Kind::Boolean => match text.to_ascii_lowercase().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(invalid("true or false")),
        },
        Kind::Integer | Kind::Long => text
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| invalid("a whole number")),
        _ => Ok(Value::String(text.to_string())),
    }
}

/// The text of the first `<name>…</name>` element of a small XML document, unescaped.
fn element(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = xml.find(&open)? + open.len();
    let end = xml.get(start..)?.find(&format!("</{name}>"))? + start;
    let raw = xml.get(start..end)?.trim();
    Some(
        raw.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// The object's bytes of a body sent in `aws-chunked` encoding (SigV4's streaming
/// uploads: `size;chunk-signature=…\r\n bytes \r\n`, then a zero chunk and trailers), or
/// the body as it is.
fn unchunk(headers: &HeaderMap, body: &[u8]) -> Result<Vec<u8>, ServiceError> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    let chunked = text("x-amz-content-sha256").starts_with("STREAMING-")
        || text("content-encoding")
            .split(',')
            .any(|e| e.trim() == "aws-chunked");
    if !chunked {
        return Ok(body.to_vec());
    }
    let incomplete = || {
        ServiceError::new(
            "IncompleteBody",
            400,
            "The request body is not valid aws-chunked encoding",
        )
    };
    let mut out = Vec::new();
    let mut rest = body;
    loop {
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(incomplete)?;
        let line = std::str::from_utf8(rest.get(..line_end).ok_or_else(incomplete)?)
            .map_err(|_| incomplete())?;
        let size_text = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| incomplete())?;
        rest = rest.get(line_end + 2..).ok_or_else(incomplete)?;
        if size == 0 {
            break;
        }
        out.extend_from_slice(rest.get(..size).ok_or_else(incomplete)?);
        rest = rest.get(size..).ok_or_else(incomplete)?;
        rest = rest.strip_prefix(b"\r\n").ok_or_else(incomplete)?;
    }
    let declared = text("x-amz-decoded-content-length");
    if !declared.is_empty() && declared.parse::<usize>().ok() != Some(out.len()) {
        return Err(incomplete());
    }
    Ok(out)
}

/// A successful response: members in headers, the object as the body, or an XML document.
/// `url_encoded`: the request asked for `encoding-type=url`, so a listing's keys and
/// prefixes are URL-encoded, as S3 does (boto3 asks so by default).
pub fn reply(d: &Descriptor, output: &Value, head: bool, url_encoded: bool) -> Reply {
    let listing = url_encoded && d.name() == "ListObjectsV2";
    let encoded;
    let output = if listing {
        encoded = encode_listing(output);
        &encoded
    } else {
        output
    };
    let status = if d.name() == "DeleteObject" { 204 } else { 200 };
    let objects = matches!(d.name(), "GetObject" | "HeadObject");
    let content_type = if objects {
        "binary/octet-stream"
    } else {
        "application/xml"
    };
    let mut reply = Reply::new(status, content_type, Vec::new());
    let mut in_body = Vec::new();
    for m in d.output() {
        let Some(v) = output.get(m.name).filter(|v| !v.is_null()) else {
            continue;
        };
        match m.location {
            // hyper frames a body by its length; the header is the object's only for HEAD.
            Location::Header if m.name == "ContentLength" && !head => {}
            Location::Header => {
                let name = d.wire(m.name).unwrap_or(m.name);
                let text = match (m.shape.kind, v) {
                    (Kind::Timestamp, v) => wire::http_date(v).unwrap_or_default(),
                    (_, Value::String(s)) => s.clone(),
                    (_, other) => other.to_string(),
                };
                reply.headers.push((name.to_string(), text));
            }
            Location::Payload => {
                reply.body = v
                    .as_str()
                    .and_then(|s| b64::decode(s).ok())
                    .unwrap_or_default();
            }
            Location::Body => in_body.push(m),
            _ => {}
        }
    }
    if !in_body.is_empty() {
        let root = match d.name() {
            "ListObjectsV2" => "ListBucketResult".to_string(),
            other => format!("{other}Result"),
        };
        let mut xml =
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"{XMLNS}\">");
        for m in in_body {
            wire::write_members(&mut xml, std::slice::from_ref(m), output, Lists::Flattened);
        }
        if listing {
            xml.push_str("<EncodingType>url</EncodingType>");
        }
        xml.push_str(&format!("</{root}>\n"));
        reply.body = xml.into_bytes();
    }
    if head {
        reply.body.clear();
        reply.keep_length = true;
    }
    reply
}

/// A listing with its keys and prefixes URL-encoded.
fn encode_listing(output: &Value) -> Value {
    let mut out = output.clone();
    let encode = |v: &mut Value| {
        if let Some(s) = v.as_str() {
            *v = Value::String(wire::encode(s));
        }
    };
    for name in ["Prefix", "Delimiter"] {
        if let Some(v) = out.get_mut(name) {
            encode(v);
        }
    }
    for (list, member) in [("Contents", "Key"), ("CommonPrefixes", "Prefix")] {
        if let Some(items) = out.get_mut(list).and_then(Value::as_array_mut) {
            for item in items {
                if let Some(v) = item.get_mut(member) {
                    encode(v);
                }
            }
        }
    }
    out
}

/// An error as S3 sends it (a HEAD request's has no body).
pub fn error(e: &ServiceError, resource: &str, request_id: &str, head: bool) -> Reply {
    if head {
        return Reply::new(e.status, "application/xml", Vec::new());
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{}</Code><Message>{}</Message><Resource>{}</Resource><RequestId>{request_id}</RequestId></Error>\n",
        wire::escape(&e.code),
        wire::escape(&e.message),
        wire::escape(resource)
    );
    Reply::new(e.status, "application/xml", xml.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_comes_from_the_host_or_the_path() {
        assert_eq!(
            bucket_in_host("reports.localhost:4566").as_deref(),
            Some("reports")
        );
        assert_eq!(
            bucket_in_host("reports.s3.localhost").as_deref(),
            Some("reports")
        );
        assert_eq!(
            bucket_in_host("my.bucket.s3.eu-west-1.amazonaws.com").as_deref(),
            Some("my.bucket")
        );
        assert_eq!(bucket_in_host("localhost:4566"), None);
        assert_eq!(bucket_in_host("s3.localhost:4566"), None);
        assert_eq!(bucket_in_host("127.0.0.1:4566"), None);
        assert_eq!(bucket_in_host("[::1]:4566"), None);
        assert_eq!(bucket_in_host("example.com"), None);
    }

    #[test]
    fn aws_chunked_bodies_are_unchunked() {
        let mut h = HeaderMap::new();
        h.insert("content-encoding", "aws-chunked".parse().unwrap());
        h.insert("x-amz-decoded-content-length", "5".parse().unwrap());
        let body = b"5;chunk-signature=ab\r\nhello\r\n0;chunk-signature=cd\r\nx-amz-checksum-crc32:AAAA\r\n\r\n";
        assert_eq!(unchunk(&h, body).unwrap(), b"hello");
        assert_eq!(unchunk(&h, b"5\r\nhel").unwrap_err().code, "IncompleteBody");
        assert_eq!(unchunk(&h, b"zz\r\n").unwrap_err().code, "IncompleteBody");
        assert_eq!(
            unchunk(&HeaderMap::new(), b"5\r\nhel").unwrap(),
            b"5\r\nhel"
        );
    }

    #[test]
    fn a_small_xml_element_is_read() {
        let x = "<CreateBucketConfiguration xmlns=\"x\"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>";
        assert_eq!(
            element(x, "LocationConstraint").as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(element(x, "Nothing"), None);
    }
}
