//! `kms-playground serve`: the world as a local AWS endpoint. KMS (AWS JSON 1.1), S3
//! (REST) and IAM (query) requests from real SDKs and the real AWS CLI go through the
//! world's one door, `World::request`, as the principal whose access key signed them.
//!
//! One world, behind one lock: requests are applied one at a time, in the order they take
//! the lock, and a change is saved (`--save`) before its response is sent. Bodies are
//! bounded in size and in time; so are request heads and idle connections, and the number
//! of connections.

/// Writes a line to standard output. A closed output (`serve | head`, a supervisor gone)
/// is no reason to stop serving: write errors are ignored, where `println!` would panic
/// (and a release build abort).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, $($arg)*);
        let _ = out.flush();
    }};
}

/// Writes a line to standard error, ignoring write errors as [`say`] does.
macro_rules! warn {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod auth;
mod iam;
mod kms;
mod s3;
mod stall;
mod wire;

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderName, HeaderValue};
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use kms_core::api::Caller;
use kms_core::scenario::MAX_FILE_BYTES;
use kms_core::service::{Parts, Service, ServiceError};
use kms_core::world::World;
use serde_json::Value;

use auth::{Identity, Refusal};

/// The largest body of a KMS or IAM request (a key policy is at most 32 KB).
const MAX_BODY: usize = 1 << 20;
/// The largest body of an S3 request: objects of up to 4 MiB, with aws-chunked framing.
const MAX_S3_BODY: usize = 5 << 20;
/// The most connections open at once; more are closed as they arrive.
const MAX_CONNECTIONS: usize = 512;

/// A request as the world takes it.
pub struct Call {
    /// The service.
    pub service: Service,
    /// The operation's name (`Encrypt`), simulated or not.
    pub operation: String,
    /// The request in the AWS shape.
    pub input: Value,
}

/// A response to send.
pub struct Reply {
    status: u16,
    content_type: &'static str,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// A HEAD response: its Content-Length is the object's, not its (empty) body's.
    keep_length: bool,
    /// Close the connection after it (its request's body was not read).
    close: bool,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type,
            headers: Vec::new(),
            body,
            keep_length: false,
            close: false,
        }
    }
}

/// Which protocol a request speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Protocol {
    Kms,
    S3,
    Iam,
}

struct Options {
    bind: IpAddr,
    port: u16,
    world: Option<String>,
    save: Option<String>,
    timeout: Duration,
    quiet: bool,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        bind: IpAddr::from([127, 0, 0, 1]),
        port: 4566,
        world: None,
        save: None,
        timeout: Duration::from_secs(10),
        quiet: false,
    };
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let mut value = |what: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{a} needs {what}"))
        };
        match a.as_str() {
            "--port" => {
                o.port = value("a port number")?
                    .parse()
                    .map_err(|_| "--port needs a port number (0 to 65535)".to_string())?;
            }
            "--bind" => {
                o.bind = value("an IP address")?
                    .parse()
                    .map_err(|_| "--bind needs an IP address such as 127.0.0.1".to_string())?;
            }
            "--world" => o.world = Some(value("a scenario FILE")?),
            "--save" => o.save = Some(value("a FILE to save the world to")?),
            "--timeout" => {
                let secs: f64 = value("seconds")?
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && *s > 0.0 && *s <= 3600.0)
                    .ok_or_else(|| {
                        "--timeout needs seconds (more than 0, at most 3600)".to_string()
                    })?;
                o.timeout = Duration::from_secs_f64(secs);
            }
            "--quiet" => o.quiet = true,
            other => return Err(format!("unknown option `{}` of serve", crate::safe(other))),
        }
    }
    Ok(o)
}

/// The world and who may call it.
struct Live {
    world: World,
    identities: HashMap<String, Identity>,
    /// Counts the calls that reached a service (each appends to the audit log).
    version: u64,
}

/// Writes the world to the `--save` file. Saves queue on `written` (the version on disk):
/// one write at a time, and a save that finds a newer version written has nothing to do,
/// so a burst of changes makes one or two writes, not one each.
struct Saver {
    path: String,
    written: tokio::sync::Mutex<u64>,
    title: Option<String>,
    warned_trim: std::sync::atomic::AtomicBool,
    warned_large: std::sync::atomic::AtomicBool,
}

impl Saver {
    /// Writes `doc` aside, flushes it to the disk, and renames it over the file: the file
    /// is always a whole world, the old one or the new one.
    fn write(&self, mut doc: Value) -> std::io::Result<()> {
        let text = self.fit(&mut doc);
        let tmp = format!("{}.saving", self.path);
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, &self.path)
    }

    /// The saved world as text a scenario may be (at most `MAX_FILE_BYTES`, so the page and
    /// `serve --world` open it again): the oldest audit events are left out when the whole
    /// log does not fit, and a world too large even without them is written whole, with a
    /// warning.
    fn fit(&self, doc: &mut Value) -> String {
        let text = |doc: &Value| serde_json::to_string_pretty(doc).unwrap_or_default() + "\n";
        let mut out = text(doc);
        let total = doc
            .pointer("/state/audit")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for _ in 0..8 {
            if out.len() <= MAX_FILE_BYTES {
                break;
            }
            let Some(audit) = doc
                .pointer_mut("/state/audit")
                .and_then(Value::as_array_mut)
                .filter(|a| !a.is_empty())
            else {
                break;
            };
            let bytes = serde_json::to_string_pretty(&*audit).map_or(0, |t| t.len());
            let each = (bytes / audit.len()).max(1);
            let excess = out.len() - MAX_FILE_BYTES;
            let drop = (excess / each + 1 + audit.len() / 100).min(audit.len());
            audit.drain(..drop);
            out = text(doc);
        }
        let kept = doc
            .pointer("/state/audit")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if kept < total && !self.warned_trim.swap(true, Ordering::Relaxed) {
            warn!(
                "kms-playground serve: the saved world keeps the newest {kept} of {total} audit events, so that it stays within the {MAX_FILE_BYTES} bytes a scenario file may be"
            );
        }
        if out.len() > MAX_FILE_BYTES && !self.warned_large.swap(true, Ordering::Relaxed) {
            warn!(
                "kms-playground serve: warning: the saved world is {} bytes without its audit log (its objects make it so), more than the {MAX_FILE_BYTES} a scenario file may be: neither the page nor `serve --world` will open it",
                out.len()
            );
        }
        out
    }
}

struct Shared {
    live: Mutex<Live>,
    saver: Option<Saver>,
    requests: AtomicU64,
    started: u64,
    timeout: Duration,
    quiet: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A handler that panicked cannot have left the world half-changed (the core does
    // not panic on input, and nothing else holds the lock across a change).
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Shared {
    fn request_id(&self) -> String {
        let n = self.requests.fetch_add(1, Ordering::Relaxed);
        format!("{:08x}-6b6d-4000-8000-{n:012x}", self.started & 0xffff_ffff)
    }

    /// Saves the world unless a version at least `at_least` is already on disk.
    async fn save_through(self: &Arc<Self>, at_least: u64) {
        let Some(saver) = &self.saver else { return };
        let mut written = saver.written.lock().await;
        if *written >= at_least {
            return;
        }
        let (doc, version) = {
            let live = lock(&self.live);
            (live.world.to_scenario(saver.title.as_deref()), live.version)
        };
        let me = Arc::clone(self);
        let done = tokio::task::spawn_blocking(move || match &me.saver {
            Some(s) => s.write(doc),
            None => Ok(()),
        })
        .await;
        match done {
            Ok(Ok(())) => *written = version,
            Ok(Err(e)) => warn!(
                "kms-playground serve: the world was not saved (the next change tries again): {e}"
            ),
            Err(e) => warn!("kms-playground serve: the world was not saved: {e}"),
        }
    }

    /// Saves what the calls since the last save changed (for most, their audit events).
    async fn flush(self: &Arc<Self>) {
        let version = lock(&self.live).version;
        self.save_through(version).await;
    }
}

/// Runs `serve` (the arguments after `kms-playground`, `serve` first).
pub fn run(args: &[String]) -> ExitCode {
    let o = match options(args) {
        Ok(o) => o,
        Err(e) => return crate::usage(&e),
    };
    if let (None, Some(save)) = (&o.world, &o.save)
        && std::path::Path::new(save).exists()
    {
        warn!(
            "kms-playground serve: {} exists: give `--world {0}` to go on with that world, or another --save FILE",
            crate::safe(save)
        );
        return ExitCode::from(2);
    }
    let (world, title) = match crate::world_of(o.world.as_deref()) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            warn!("kms-playground serve: cannot start: {e}");
            return ExitCode::from(2);
        }
    };
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let shared = Arc::new(Shared {
        live: Mutex::new(Live {
            identities: auth::identities(&world),
            world,
            version: 0,
        }),
        saver: o.save.clone().map(|path| Saver {
            path,
            written: tokio::sync::Mutex::new(0),
            title: title.clone(),
            warned_trim: false.into(),
            warned_large: false.into(),
        }),
        requests: AtomicU64::new(0),
        started,
        timeout: o.timeout,
        quiet: o.quiet,
    });
    runtime.block_on(serve(o, title, shared))
}

async fn serve(o: Options, title: Option<String>, shared: Arc<Shared>) -> ExitCode {
    let listener = match tokio::net::TcpListener::bind(SocketAddr::new(o.bind, o.port)).await {
        Ok(l) => l,
        Err(e) => {
            warn!(
                "kms-playground serve: cannot listen on {}:{}: {e}{}",
                o.bind,
                o.port,
                if e.kind() == std::io::ErrorKind::AddrInUse {
                    " (another server has the port: give --port N, or 0 for any free port)"
                } else {
                    ""
                }
            );
            return ExitCode::from(2);
        }
    };
    let address = listener
        .local_addr()
        .unwrap_or_else(|_| SocketAddr::new(o.bind, o.port));
    let host = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    let endpoint = format!("http://{host}:{}", address.port());
    print_banner(&shared, &endpoint, title.as_deref(), &o);

    // Saves what read-only and cryptographic calls added to the audit log, once a second.
    if shared.saver.is_some() {
        let s = Arc::clone(&shared);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                s.flush().await;
            }
        });
    }

    let connections = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let stop = shutdown();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    // Out of file descriptors, say: wait a little rather than spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                let Ok(permit) = Arc::clone(&connections).try_acquire_owned() else {
                    drop(stream);
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let s = Arc::clone(&shared);
                let timeout = shared.timeout;
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| {
                        let s = Arc::clone(&s);
                        async move { Ok::<_, Infallible>(handle(req, &s).await) }
                    });
                    let connection = hyper::server::conn::http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(timeout)
                        .max_buf_size(64 * 1024)
                        .serve_connection(
                            stall::Bounded::new(TokioIo::new(stream), timeout),
                            service,
                        );
                    let _ = connection.await;
                    drop(permit);
                });
            }
            () = &mut stop => break,
        }
    }
    shared.flush().await;
    match &shared.saver {
        Some(s) if *s.written.lock().await > 0 => say!(
            "kms-playground serve: stopped; the world is saved in {}",
            crate::safe(&s.path)
        ),
        Some(_) => {
            say!("kms-playground serve: stopped; no call reached the world, nothing to save")
        }
        None => say!("kms-playground serve: stopped"),
    }
    ExitCode::SUCCESS
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// What a developer needs to call the server: its address, each principal's access key,
/// and a `~/.aws/config` to paste.
fn print_banner(shared: &Shared, endpoint: &str, title: Option<&str>, o: &Options) {
    let live = lock(&shared.live);
    let world = &live.world;
    let region = world.region().as_str().to_string();
    let mut ids: Vec<(&String, &Identity)> = live.identities.iter().collect();
    ids.sort_by(|a, b| {
        (a.1.profile.starts_with("root"), &a.1.profile)
            .cmp(&(b.1.profile.starts_with("root"), &b.1.profile))
    });
    let mut out = format!("kms-playground serve: listening on {endpoint}\n");
    out.push_str(&format!(
        "The world: {} (account {}, Region {region}). KMS, S3 and IAM answer at this one address.\n\n",
        crate::safe(title.unwrap_or(match &o.world {
            Some(_) => "a scenario file",
            None => "the study notes' world (Alice, Bob, Charlie, David)",
        })),
        world.account()
    ));
    out.push_str("Who may call, by access key ID (sign with any secret key: the signature's shape is checked, not its value):\n");
    for (key, id) in &ids {
        out.push_str(&format!(
            "  {:<12} {key}  {}\n",
            crate::safe(&id.profile),
            crate::safe(&id.arn)
        ));
    }
    out.push_str(
        "\nA ~/.aws/config for them (or give `--endpoint-url` and these keys to any SDK):\n\n",
    );
    for (key, id) in &ids {
        out.push_str(&format!(
            "[profile {}]\naws_access_key_id = {key}\naws_secret_access_key = kms-playground\nregion = {region}\nendpoint_url = {endpoint}\n\n",
            crate::safe(&id.profile)
        ));
    }
    out.push_str(&match &o.save {
        Some(f) => format!(
            "The world is saved to {} after each change.\n",
            crate::safe(f)
        ),
        None => "The world is not saved: give --save FILE to keep it.\n".to_string(),
    });
    out.push_str("Ctrl-C stops the server.\n");
    drop(live);
    {
        use std::io::Write as _;
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(out.as_bytes());
        let _ = stdout.flush();
    }
}

async fn handle(req: Request<Incoming>, shared: &Arc<Shared>) -> Response<Full<Bytes>> {
    let request_id = shared.request_id();
    let head = req.method() == hyper::Method::HEAD;
    let (protocol, reply) = answer(req, shared, &request_id).await;
    let mut response = Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = hyper::StatusCode::from_u16(reply.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    let id_header = match protocol {
        Protocol::S3 => "x-amz-request-id",
        _ => "x-amzn-requestid",
    };
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        headers.insert(id_header, v);
    }
    if !head || reply.keep_length {
        headers.insert(
            hyper::header::CONTENT_TYPE,
            HeaderValue::from_static(reply.content_type),
        );
    }
    for (name, value) in reply.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            headers.insert(n, v);
        }
    }
    if reply.close {
        headers.insert(hyper::header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// The protocol of a request, from its headers: KMS names its operation in X-Amz-Target;
/// otherwise the signature's service says; an unsigned request is IAM's when it posts a
/// form to `/`, else S3's.
fn protocol(req: &Request<Incoming>, signed_for: Option<&str>) -> Protocol {
    if req.headers().contains_key("x-amz-target") {
        return Protocol::Kms;
    }
    match signed_for {
        Some("kms") => Protocol::Kms,
        Some("iam") => Protocol::Iam,
        Some("s3") => Protocol::S3,
        _ => {
            let form = req
                .headers()
                .get(hyper::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
            if req.method() == hyper::Method::POST && req.uri().path() == "/" && form {
                Protocol::Iam
            } else {
                Protocol::S3
            }
        }
    }
}

fn error_reply(
    protocol: Protocol,
    e: &ServiceError,
    resource: &str,
    id: &str,
    head: bool,
) -> Reply {
    match protocol {
        Protocol::Kms => kms::error(e),
        Protocol::Iam => iam::error(e, id),
        Protocol::S3 => s3::error(e, resource, id, head),
    }
}

/// Why a signature was refused, as each service says it.
fn refused(protocol: Protocol, why: &Refusal) -> ServiceError {
    match (protocol, why) {
        (Protocol::Kms, Refusal::Missing) => ServiceError::new(
            "MissingAuthenticationTokenException",
            400,
            "Missing Authentication Token",
        ),
        (Protocol::Iam, Refusal::Missing) => ServiceError::new(
            "MissingAuthenticationToken",
            403,
            "Request is missing Authentication Token",
        ),
        (Protocol::S3, Refusal::Missing) => ServiceError::new(
            "AccessDenied",
            403,
            "Access Denied: anonymous requests are refused (the simulated world has no public buckets); sign the request with a principal's access key",
        ),
        (Protocol::Kms, Refusal::Malformed(m) | Refusal::MalformedQuery(m)) => {
            ServiceError::new("IncompleteSignatureException", 400, m.clone())
        }
        (Protocol::Iam, Refusal::Malformed(m) | Refusal::MalformedQuery(m)) => {
            ServiceError::new("IncompleteSignature", 400, m.clone())
        }
        (Protocol::S3, Refusal::Malformed(m)) => {
            ServiceError::new("AuthorizationHeaderMalformed", 400, m.clone())
        }
        (Protocol::S3, Refusal::MalformedQuery(m)) => {
            ServiceError::new("AuthorizationQueryParametersError", 400, m.clone())
        }
    }
}

/// An access key the world does not know, as each service says it.
fn unrecognized(protocol: Protocol) -> ServiceError {
    match protocol {
        Protocol::Kms => ServiceError::new(
            "UnrecognizedClientException",
            400,
            "The security token included in the request is invalid.",
        ),
        Protocol::Iam => ServiceError::new(
            "InvalidClientTokenId",
            403,
            "The security token included in the request is invalid.",
        ),
        Protocol::S3 => ServiceError::new(
            "InvalidAccessKeyId",
            403,
            "The AWS Access Key Id you provided does not exist in our records.",
        ),
    }
}

async fn answer(req: Request<Incoming>, shared: &Arc<Shared>, id: &str) -> (Protocol, Reply) {
    let query = wire::pairs(req.uri().query().unwrap_or(""));
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    // An Authorization header that is not text is a malformed signature, not a missing one.
    let authorization = req
        .headers()
        .get("authorization")
        .map(|v| v.to_str().unwrap_or("\u{fffd}"));
    let signature = auth::scope(
        authorization,
        header("x-amz-date").or_else(|| header("date")),
        query.as_deref().unwrap_or_default(),
    );
    let signed_for = signature.as_ref().ok().map(|s| s.service.clone());
    let protocol = protocol(&req, signed_for.as_deref());
    let head = req.method() == hyper::Method::HEAD;
    let resource = req.uri().path().to_string();
    let fail = |e: ServiceError| error_reply(protocol, &e, &resource, id, head);
    let Some(query) = query else {
        return (
            protocol,
            fail(ServiceError::new(
                match protocol {
                    Protocol::S3 => "InvalidArgument",
                    Protocol::Kms => "SerializationException",
                    Protocol::Iam => "MalformedQueryString",
                },
                400,
                "The query string's percent-encoding is not UTF-8",
            )),
        );
    };

    // The body, bounded in size and in time.
    let limit = if protocol == Protocol::S3 {
        MAX_S3_BODY
    } else {
        MAX_BODY
    };
    let too_large = || match protocol {
        Protocol::S3 => ServiceError::new(
            "EntityTooLarge",
            400,
            format!(
                "Your proposed upload exceeds the maximum allowed size: the local endpoint takes bodies of at most {MAX_S3_BODY} bytes"
            ),
        ),
        Protocol::Kms => ServiceError::new(
            "ValidationException",
            413,
            format!(
                "The request body is larger than the {MAX_BODY} bytes the local endpoint takes"
            ),
        ),
        Protocol::Iam => ServiceError::new(
            "ValidationError",
            413,
            format!(
                "The request body is larger than the {MAX_BODY} bytes the local endpoint takes"
            ),
        ),
    };
    let declared = header("content-length").map(|v| v.trim().parse::<usize>());
    if matches!(declared, Some(Ok(n)) if n > limit) {
        let mut r = fail(too_large());
        r.close = true;
        return (protocol, r);
    }
    let method = req.method().as_str().to_string();
    let host = header("host").unwrap_or("").to_string();
    let target = header("x-amz-target").map(str::to_string);
    let (parts, body) = req.into_parts();
    let body = match tokio::time::timeout(shared.timeout, Limited::new(body, limit).collect()).await
    {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(e)) => {
            let mut r = if e.is::<http_body_util::LengthLimitError>() {
                fail(too_large())
            } else {
                fail(ServiceError::new(
                    match protocol {
                        Protocol::S3 => "IncompleteBody",
                        Protocol::Kms => "SerializationException",
                        Protocol::Iam => "MalformedInput",
                    },
                    400,
                    "The request body could not be read whole",
                ))
            };
            r.close = true;
            return (protocol, r);
        }
        Err(_) => {
            let mut r = fail(ServiceError::new(
                "RequestTimeout",
                400,
                "Your socket connection to the server was not read from or written to within the timeout period.",
            ));
            r.close = true;
            return (protocol, r);
        }
    };

    // Who is calling.
    let scope = match signature {
        Ok(s) => s,
        Err(why) => return (protocol, fail(refused(protocol, &why))),
    };

    // What they ask.
    let call = match protocol {
        Protocol::Kms => kms::decode(method == "POST", target.as_deref(), &body),
        Protocol::Iam => {
            let mut fields = query.clone();
            if method == "POST" {
                match std::str::from_utf8(&body).ok().and_then(wire::pairs) {
                    Some(f) => fields.extend(f),
                    None => {
                        return (
                            protocol,
                            fail(ServiceError::new(
                                "MalformedInput",
                                400,
                                "The request body is not a URL-encoded form",
                            )),
                        );
                    }
                }
            }
            iam::decode(&fields)
        }
        Protocol::S3 => s3::decode(
            &s3::Request {
                method: &method,
                host: &host,
                path: parts.uri.path(),
                query: &query,
                headers: &parts.headers,
            },
            &body,
        ),
    };
    let call = match call {
        Ok(c) => c,
        Err(e) => return (protocol, fail(e)),
    };

    // Through the world's one door.
    let (response, changed, version, who, newcomers) = {
        let mut live = lock(&shared.live);
        let Some(identity) = live.identities.get(&scope.access_key).cloned() else {
            drop(live);
            if !shared.quiet {
                warn!(
                    "{id}: unknown access key {} ({} {}): the keys are printed at start",
                    crate::safe(&scope.access_key),
                    call.service.prefix(),
                    crate::safe(&call.operation)
                );
            }
            return (protocol, fail(unrecognized(protocol)));
        };
        let caller = Caller {
            principal: &identity.arn,
            region: Some(&scope.region),
            via_service: None,
        };
        let response = live
            .world
            .request(&caller, call.service, &call.operation, &call.input);
        let mut changed = false;
        let mut newcomers = Vec::new();
        if let Some(d) = response.descriptor {
            live.version += 1;
            changed = response.ok() && !d.changes.is_empty();
            if changed && d.changes.contains(Parts::PRINCIPALS) {
                let now = auth::identities(&live.world);
                let before = std::mem::replace(&mut live.identities, now);
                newcomers = live
                    .identities
                    .iter()
                    .filter(|(key, _)| !before.contains_key(*key))
                    .map(|(key, id)| (key.clone(), id.clone()))
                    .collect();
            }
        }
        (response, changed, live.version, identity.profile, newcomers)
    };
    // Printed after the world is let go: a stalled terminal must not stall the world.
    for (key, id) in newcomers {
        say!(
            "new principal {}: profile {}, access key {key}",
            crate::safe(&id.arn),
            crate::safe(&id.profile)
        );
    }
    if changed {
        shared.save_through(version).await;
    }
    if !shared.quiet {
        let outcome = match &response.output {
            Ok(_) => "ok".to_string(),
            Err(e) => e.code.clone(),
        };
        warn!(
            "{} {:<10} {}:{} → {}",
            id.get(id.len().saturating_sub(6)..).unwrap_or(id),
            crate::safe(&who),
            call.service.prefix(),
            crate::safe(&call.operation),
            crate::safe(&outcome)
        );
    }
    let reply = match (&response.output, response.descriptor) {
        (Ok(out), Some(d)) => match protocol {
            Protocol::Kms => kms::reply(out),
            Protocol::Iam => iam::reply(d.name(), out, id),
            Protocol::S3 => s3::reply(
                d,
                out,
                head,
                query
                    .iter()
                    .any(|(k, v)| k == "encoding-type" && v == "url"),
            ),
        },
        (Err(e), _) => fail(e.clone()),
        (Ok(_), None) => fail(ServiceError::new(
            "InternalFailure",
            500,
            "No operation answered",
        )),
    };
    (protocol, reply)
}
