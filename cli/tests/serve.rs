//! Hostile requests against `kms-playground serve`: malformed, oversized, truncated, slow,
//! garbage and concurrent. Each test ends with the server answering and the saved world
//! whole. Raw TCP, so that nothing between the test and the server tidies a request up.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

struct Server {
    child: Child,
    port: u16,
    keys: Vec<(String, String)>,
    save: PathBuf,
    /// What the server prints after its banner, line by line.
    printed: std::sync::Mutex<std::sync::mpsc::Receiver<String>>,
    _dir: TempDir,
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Server {
    /// Starts a server of the study notes' world on a free port, saving to a file of its
    /// own, with a timeout of 1 s for heads and bodies.
    fn start() -> Server {
        let dir = std::env::temp_dir().join(format!(
            "kms-serve-test-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let save = dir.join("world.json");
        let mut child = Command::new(env!("CARGO_BIN_EXE_kms-playground"))
            .args([
                "serve",
                "--port",
                "0",
                "--timeout",
                "1",
                "--quiet",
                "--save",
            ])
            .arg(&save)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        let port = first.rsplit(':').next().unwrap().parse().unwrap();
        let mut keys = Vec::new();
        for line in lines.by_ref() {
            let line = line.unwrap();
            let words: Vec<&str> = line.split_whitespace().collect();
            if let [profile, key, arn] = words.as_slice()
                && key.starts_with("AKIA")
                && arn.starts_with("arn:")
            {
                keys.push((profile.to_string(), key.to_string()));
            }
            if line.starts_with("Ctrl-C") {
                break;
            }
        }
        let (tx, printed) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Server {
            child,
            port,
            keys,
            save,
            printed: std::sync::Mutex::new(printed),
            _dir: TempDir(dir),
        }
    }

    fn key(&self, profile: &str) -> &str {
        &self.keys.iter().find(|(p, _)| p == profile).unwrap().1
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s
    }

    /// Sends `raw` and reads the whole response (until the server closes or the body's
    /// length is read).
    fn send(&self, raw: &[u8]) -> Answer {
        let mut s = self.connect();
        s.write_all(raw).unwrap();
        read_answer(&mut s)
    }

    /// A KMS call signed (in shape) with `profile`'s access key.
    fn kms(&self, profile: &str, operation: &str, body: &Value) -> Answer {
        let body = body.to_string();
        self.send(kms_request(self.key(profile), operation, &body).as_bytes())
    }

    /// Stops the server as Ctrl-C would and returns its exit code.
    fn stop(mut self) -> (i32, Option<Value>) {
        Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            assert!(Instant::now() < deadline, "the server did not stop");
            std::thread::sleep(Duration::from_millis(20));
        };
        let saved = std::fs::read_to_string(&self.save)
            .ok()
            .map(|t| serde_json::from_str(&t).expect("the saved world is JSON"));
        (status.code().unwrap_or(-1), saved)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The port and the root user's access key a server `child` prints at start. The rest of
/// its output is left unread (the pipe closes with the reader).
fn banner(child: &mut Child) -> (u16, String) {
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let port = first.rsplit(':').next().unwrap().parse().unwrap();
    let root = lines
        .map(Result::unwrap)
        .find(|l| l.trim_start().starts_with("root "))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();
    (port, root)
}

fn kms_request(key: &str, operation: &str, body: &str) -> String {
    format!(
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: TrentService.{operation}\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\nContent-Length: {}\r\n\r\n{body}",
        authorization(key, "kms"),
        body.len()
    )
}

fn authorization(key: &str, service: &str) -> String {
    format!(
        "AWS4-HMAC-SHA256 Credential={key}/20261207/us-east-1/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature={}",
        "0".repeat(64)
    )
}

#[derive(Debug)]
struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// KMS's error code.
    fn kind(&self) -> String {
        self.json()["__type"].as_str().unwrap_or("").to_string()
    }
}

fn read_answer(s: &mut TcpStream) -> Answer {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).into_owned();
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if buf.len() >= end + 4 + length {
                let status = head.split(' ').nth(1).unwrap().parse().unwrap();
                return Answer {
                    status,
                    body: buf[end + 4..end + 4 + length].to_vec(),
                    head,
                };
            }
        }
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => {
                return Answer {
                    status: 0,
                    head: String::from_utf8_lossy(&buf).into_owned(),
                    body: Vec::new(),
                };
            }
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Whether the server closes `s` (reads end) within `limit`.
fn closed_within(s: &mut TcpStream, limit: Duration) -> bool {
    s.set_read_timeout(Some(limit)).unwrap();
    let mut sink = [0u8; 4096];
    let started = Instant::now();
    loop {
        match s.read(&mut sink) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
        if started.elapsed() > limit {
            return false;
        }
    }
}

/// `validate` builds the world of a saved file, as the page opens it.
fn assert_opens(text: &str) {
    let file = std::env::temp_dir().join(format!(
        "kms-serve-opens-{}-{}.json",
        std::process::id(),
        text.len()
    ));
    std::fs::write(&file, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kms-playground"))
        .arg("validate")
        .arg(&file)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn assert_up(server: &Server) {
    let a = server.kms("root", "ListAliases", &json!({}));
    assert_eq!(a.status, 200, "the server answers: {a:?}");
}

#[test]
fn malformed_requests_get_aws_shaped_errors() {
    let server = Server::start();
    let key = server.key("alice").to_string();
    let send =
        |operation: &str, body: &str| server.send(kms_request(&key, operation, body).as_bytes());

    let a = send("Encrypt", "{not json");
    assert_eq!(
        (a.status, a.kind().as_str()),
        (400, "SerializationException"),
        "{}",
        a.text()
    );
    let a = send("Encrypt", "[1, 2]");
    assert_eq!(a.kind(), "SerializationException");
    let a = send("Teleport", "{}");
    assert_eq!(
        (a.status, a.kind().as_str()),
        (400, "UnknownOperationException")
    );
    // A member of the wrong type is a serialization error in AWS JSON 1.1; a value out of
    // the model's bounds a validation error.
    let a = send("Encrypt", r#"{"KeyId": 7, "Plaintext": "aGk="}"#);
    assert_eq!(a.kind(), "SerializationException", "{}", a.text());
    let long = format!(
        r#"{{"KeyId": "{}", "Plaintext": "aGk="}}"#,
        "k".repeat(3000)
    );
    let a = send("Encrypt", &long);
    assert_eq!(
        (a.status, a.kind().as_str()),
        (400, "ValidationException"),
        "{}",
        a.text()
    );
    let a = send(
        "Encrypt",
        r#"{"KeyId": "alias/cmk-a", "Plaintext": "not base64!"}"#,
    );
    assert_eq!(a.status, 400, "{}", a.text());
    assert!(
        a.head.to_ascii_lowercase().contains("x-amzn-requestid:"),
        "{}",
        a.head
    );
    assert!(a.head.contains("application/x-amz-json-1.1"), "{}", a.head);

    // Signatures of the wrong shape, none at all, and a key nobody has.
    let unsigned = "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: TrentService.ListKeys\r\nContent-Length: 2\r\n\r\n{}";
    assert_eq!(
        server.send(unsigned.as_bytes()).kind(),
        "MissingAuthenticationTokenException"
    );
    let bad = kms_request(&key, "ListKeys", "{}").replace("Signature=0000", "Signature=zz00");
    let a = server.send(bad.as_bytes());
    assert_eq!(
        (a.status, a.kind().as_str()),
        (400, "IncompleteSignatureException")
    );
    assert!(
        a.json()["message"]
            .as_str()
            .unwrap()
            .contains("hexadecimal")
    );
    let a = server.send(kms_request("AKIAIOSFODNN7EXAMPLE", "ListKeys", "{}").as_bytes());
    assert_eq!(
        (a.status, a.kind().as_str()),
        (400, "UnrecognizedClientException")
    );
    assert_eq!(
        a.json()["message"],
        "The security token included in the request is invalid."
    );

    // S3 and IAM answer in XML, with their own codes.
    let s3 = format!(
        "GET /%ff%fe/key HTTP/1.1\r\nHost: localhost\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\n\r\n",
        authorization(&key, "s3")
    );
    let a = server.send(s3.as_bytes());
    assert_eq!(a.status, 400);
    assert!(a.text().contains("<Code>InvalidURI</Code>"), "{}", a.text());
    let s3 = format!(
        "GET /no-such-bucket?list-type=2 HTTP/1.1\r\nHost: localhost\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\n\r\n",
        authorization(&key, "s3")
    );
    let a = server.send(s3.as_bytes());
    assert_eq!(a.status, 404, "{}", a.text());
    assert!(
        a.text().contains("<Code>NoSuchBucket</Code>"),
        "{}",
        a.text()
    );
    // A header the simulated S3 cannot honour is refused, not dropped.
    let sse_c = format!(
        "PUT /bucket/key HTTP/1.1\r\nHost: localhost\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\nx-amz-server-side-encryption-customer-algorithm: AES256\r\nContent-Length: 2\r\n\r\nhi",
        authorization(&key, "s3")
    );
    let a = server.send(sse_c.as_bytes());
    assert_eq!(a.status, 501, "{}", a.text());
    assert!(a.text().contains("SSE-C"), "{}", a.text());
    let iam = |form: &str| {
        server.send(format!(
            "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\nContent-Length: {}\r\n\r\n{form}",
            authorization(server.key("root"), "iam"),
            form.len()
        ).as_bytes())
    };
    let a = iam("Action=CreateUser&Version=2010-05-08&UserName=Alice");
    assert_eq!(a.status, 409, "{}", a.text());
    assert!(a.text().contains("<ErrorResponse"), "{}", a.text());
    assert!(
        a.text().contains("<Code>EntityAlreadyExists</Code>"),
        "{}",
        a.text()
    );
    let a = iam("Action=Teleport&Version=2010-05-08");
    assert_eq!(a.status, 400);
    assert!(
        a.text().contains("<Code>InvalidAction</Code>"),
        "{}",
        a.text()
    );
    assert_up(&server);
}

#[test]
fn oversized_truncated_and_garbage_requests_are_refused_and_nothing_hangs() {
    let server = Server::start();
    let key = server.key("alice").to_string();

    // A body declared larger than the bound: refused before it is read, and the
    // connection closed.
    let big = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: TrentService.Encrypt\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\nContent-Length: 50000000\r\n\r\n",
        authorization(&key, "kms")
    );
    let mut s = server.connect();
    s.write_all(big.as_bytes()).unwrap();
    let a = read_answer(&mut s);
    assert_eq!(a.status, 413, "{a:?}");
    assert!(a.head.to_ascii_lowercase().contains("connection: close"));

    // A body larger than the bound, sent chunked (no length up front): cut off at the bound.
    let mut s = server.connect();
    s.write_all(
        format!(
            "PUT /bucket/key HTTP/1.1\r\nHost: x\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\nTransfer-Encoding: chunked\r\n\r\n",
            authorization(&key, "s3")
        )
        .as_bytes(),
    )
    .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..8 {
        if s.write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
            .is_err()
            || s.write_all(&chunk).is_err()
            || s.write_all(b"\r\n").is_err()
        {
            break;
        }
    }
    let a = read_answer(&mut s);
    assert_eq!(a.status, 400, "{a:?}");
    assert!(a.text().contains("EntityTooLarge"), "{}", a.text());

    // A truncated body: the client stops half way and closes its side.
    let mut s = server.connect();
    let req = kms_request(&key, "Encrypt", &"x".repeat(100));
    s.write_all(&req.as_bytes()[..req.len() - 60]).unwrap();
    s.shutdown(Shutdown::Write).unwrap();
    let a = read_answer(&mut s);
    assert!(a.status == 400 || a.status == 0, "{a:?}");

    // Garbage: not HTTP at all, binary in a header, a header too many times over.
    let a = server.send(b"\x00\xff\xfe GARBAGE \r\n\r\n");
    assert!(a.status == 400 || a.status == 0, "{a:?}");
    let mut raw = kms_request(server.key("root"), "ListKeys", "{}").into_bytes();
    let at = raw.windows(6).position(|w| w == b"Host: ").unwrap();
    let mut control = raw.clone();
    raw.splice(at..at, b"X-Binary: \xff\xfe\r\n".iter().copied());
    assert_eq!(
        server.send(&raw).status,
        200,
        "bytes past ASCII are allowed in a value"
    );
    control.splice(at..at, b"X-Control: a\x01b\r\n".iter().copied());
    let a = server.send(&control);
    assert!(a.status == 400 || a.status == 0, "{a:?}");
    let many: String = (0..500).map(|i| format!("X-H{i}: v\r\n")).collect();
    let a = server.send(format!("GET / HTTP/1.1\r\nHost: x\r\n{many}\r\n").as_bytes());
    assert!(a.status == 431 || a.status == 400 || a.status == 0, "{a:?}");
    let a = server.send(b"GET /\x01\x02 HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(a.status == 400 || a.status == 0, "{a:?}");
    assert_up(&server);
    let (code, saved) = server.stop();
    assert_eq!(code, 0);
    assert!(
        saved.is_some(),
        "the calls were written to the audit log, and saved"
    );
}

#[test]
fn slow_clients_are_cut_off_and_do_not_hold_the_server() {
    let server = Server::start();
    let key = server.key("alice").to_string();
    // Twenty connections that send half a head and then nothing, one that sends a head
    // and no body, one that sends nothing at all.
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = server.connect();
            s.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Tar")
                .unwrap();
            s
        })
        .collect();
    let mut no_body = server.connect();
    no_body
        .write_all(
            format!(
                "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: TrentService.Encrypt\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\nContent-Length: 100\r\n\r\n",
                authorization(&key, "kms")
            )
            .as_bytes(),
        )
        .unwrap();
    let mut silent = server.connect();
    // Meanwhile others are answered at once.
    assert_up(&server);
    // The slow ones are closed once the timeout (1 s) passes.
    for s in &mut slow {
        assert!(
            closed_within(s, Duration::from_secs(10)),
            "a half-sent head is cut off"
        );
    }
    let a = read_answer(&mut no_body);
    assert_eq!(a.status, 400, "{a:?}");
    assert!(a.text().contains("RequestTimeout"), "{}", a.text());
    assert!(
        closed_within(&mut silent, Duration::from_secs(10)),
        "a silent connection is closed"
    );
    assert_up(&server);
}

#[test]
fn a_user_made_through_iam_gets_an_access_key_at_once() {
    let server = Server::start();
    let form = "Action=CreateUser&Version=2010-05-08&UserName=Erin";
    let a = server.send(
        format!(
            "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\nContent-Length: {}\r\n\r\n{form}",
            authorization(server.key("root"), "iam"),
            form.len()
        )
        .as_bytes(),
    );
    assert_eq!(a.status, 200, "{}", a.text());
    assert!(
        a.text().contains("<UserName>Erin</UserName>"),
        "{}",
        a.text()
    );
    let line = server
        .printed
        .lock()
        .unwrap()
        .recv_timeout(Duration::from_secs(20))
        .expect("the server says who is new");
    assert!(
        line.starts_with(
            "new principal arn:aws:iam::123412341234:user/Erin: profile erin, access key AKIA"
        ),
        "{line}"
    );
    let key = line.rsplit(' ').next().unwrap();
    // Erin is known (not UnrecognizedClientException), and has no permission yet.
    let a = server.send(kms_request(key, "ListKeys", "{}").as_bytes());
    assert_eq!(a.kind(), "AccessDeniedException", "{}", a.text());
    assert!(a.json()["message"].as_str().unwrap().starts_with(
        "User: arn:aws:iam::123412341234:user/Erin is not authorized to perform: kms:ListKeys"
    ));
}

#[test]
fn concurrent_clients_lose_no_update_and_the_saved_world_is_whole() {
    let server = Server::start();
    // (A key may have at most 50 aliases.)
    let threads = 8;
    let each = 6;
    std::thread::scope(|scope| {
        for t in 0..threads {
            let server = &server;
            scope.spawn(move || {
                for i in 0..each {
                    let a = server.kms(
                        "root",
                        "CreateAlias",
                        &json!({"AliasName": format!("alias/t{t}-{i}"), "TargetKeyId": "aaaaaaaa-0000-4000-8000-00000000000a"}),
                    );
                    assert_eq!(a.status, 200, "{}", a.text());
                    let e = server.kms("alice", "Encrypt", &json!({"KeyId": format!("alias/t{t}-{i}"), "Plaintext": "aGk="}));
                    assert_eq!(e.status, 200, "{}", e.text());
                    // The save on disk is always a whole file (written aside, then renamed).
                    if let Ok(text) = std::fs::read_to_string(&server.save) {
                        serde_json::from_str::<Value>(&text).expect("a whole JSON file");
                    }
                }
            });
        }
    });
    let listed = server.kms("root", "ListAliases", &json!({"Limit": 100}));
    let listed = listed.json();
    let names: Vec<&str> = listed["Aliases"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["AliasName"].as_str())
        .filter(|n| n.starts_with("alias/t"))
        .collect();
    assert_eq!(names.len(), threads * each, "every alias made is there");
    let (code, saved) = server.stop();
    assert_eq!(code, 0);
    let saved = saved.expect("a saved world");
    let text = saved.to_string();
    for t in 0..threads {
        for i in 0..each {
            assert!(
                text.contains(&format!("\"alias/t{t}-{i}\"")),
                "alias/t{t}-{i} is saved"
            );
        }
    }
    // The save is a world the playground opens.
    assert_opens(&serde_json::to_string_pretty(&saved).unwrap());
}

#[test]
fn a_saved_world_is_served_again_and_never_overwritten_by_a_fresh_one() {
    let server = Server::start();
    let a = server.kms("root", "CreateKey", &json!({"Description": "kept"}));
    assert_eq!(a.status, 200, "{}", a.text());
    let key_id = a.json()["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_string();
    let save = server.save.clone();
    let dir = save.parent().unwrap().to_path_buf();
    let copy = dir.with_extension("copy.json");
    let (_, saved) = server.stop();
    std::fs::write(&copy, saved.unwrap().to_string()).unwrap();

    // `--save` of an existing file without `--world` is refused: it would start over.
    let out = Command::new(env!("CARGO_BIN_EXE_kms-playground"))
        .args(["serve", "--port", "0", "--save"])
        .arg(&copy)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--world"));

    // `--world` of the save serves the same world: the key is there, with its material.
    let mut child = Command::new(env!("CARGO_BIN_EXE_kms-playground"))
        .args(["serve", "--port", "0", "--quiet", "--world"])
        .arg(&copy)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (port, root_key) = banner(&mut child);
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(
        kms_request(
            &root_key,
            "DescribeKey",
            &json!({"KeyId": key_id}).to_string(),
        )
        .as_bytes(),
    )
    .unwrap();
    let a = read_answer(&mut s);
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_file(&copy);
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(a.json()["KeyMetadata"]["Description"], "kept");
}

#[test]
fn a_saved_world_stays_within_what_a_scenario_may_be_by_leaving_out_old_audit_events() {
    let server = Server::start();
    let key = server.key("root").to_string();
    let create = format!(
        "PUT /big HTTP/1.1\r\nHost: localhost\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\nContent-Length: 0\r\n\r\n",
        authorization(&key, "s3")
    );
    assert_eq!(server.send(create.as_bytes()).status, 200);
    // An object of 2.6 MiB is 3.5 MiB of base64 in the save; the audit log of the calls
    // below takes it past the 4 MiB a scenario may be.
    let body = vec![b'x'; 2_600 * 1024];
    let mut put = format!(
        "PUT /big/object HTTP/1.1\r\nHost: localhost\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\nContent-Length: {}\r\n\r\n",
        authorization(&key, "s3"),
        body.len()
    )
    .into_bytes();
    put.extend_from_slice(&body);
    assert_eq!(server.send(&put).status, 200);
    let mut s = server.connect();
    for _ in 0..1500 {
        s.write_all(kms_request(&key, "ListAliases", "{}").as_bytes())
            .unwrap();
        assert_eq!(read_answer(&mut s).status, 200);
    }
    let (code, saved) = server.stop();
    assert_eq!(code, 0);
    let saved = saved.unwrap();
    let text = serde_json::to_string_pretty(&saved).unwrap();
    assert!(text.len() <= 4 * 1024 * 1024, "{} bytes", text.len());
    let events = saved["state"]["audit"].as_array().unwrap();
    assert!(
        events.len() < 1503,
        "old events were left out: {}",
        events.len()
    );
    assert!(events.len() > 100, "the newest were kept: {}", events.len());
    assert!(text.contains("\"object\""), "the object is kept whole");
    // And the playground opens it again.
    assert_opens(&text);
}

#[test]
fn a_client_that_never_reads_its_answer_is_cut_off() {
    let server = Server::start();
    let key = server.key("root").to_string();
    let signed = |line: &str, extra: &str| {
        format!(
            "{line} HTTP/1.1\r\nHost: localhost\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\n{extra}\r\n",
            authorization(&key, "s3")
        )
    };
    assert_eq!(
        server
            .send(signed("PUT /slow", "Content-Length: 0\r\n").as_bytes())
            .status,
        200
    );
    // An object larger than loopback's socket buffers hold.
    let body = vec![b'x'; 4_500 * 1024];
    let mut put = signed(
        "PUT /slow/big",
        &format!("Content-Length: {}\r\n", body.len()),
    )
    .into_bytes();
    put.extend_from_slice(&body);
    assert_eq!(server.send(&put).status, 200);

    let mut idle = server.connect();
    idle.write_all(signed("GET /slow/big", "").as_bytes())
        .unwrap();
    // While it does not read, the server answers others, and after its timeout (1 s)
    // gives up on the stalled answer.
    std::thread::sleep(Duration::from_secs(1));
    assert_up(&server);
    std::thread::sleep(Duration::from_secs(3));
    let mut got = Vec::new();
    idle.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let _ = idle.read_to_end(&mut got);
    assert!(
        got.len() < body.len(),
        "the connection was closed before the whole object was sent ({} of {} bytes)",
        got.len(),
        body.len()
    );
    assert_up(&server);
}

#[test]
fn a_closed_output_does_not_stop_the_server() {
    // As `kms-playground serve | head -20` leaves it: the banner read, then the pipe closed.
    let mut child = Command::new(env!("CARGO_BIN_EXE_kms-playground"))
        .args(["serve", "--port", "0", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // (`banner` drops the reader: nobody reads the server's output any more.)
    let (port, root) = banner(&mut child);
    let send = |raw: String| {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        read_answer(&mut s)
    };
    // A new user makes the server print its access key, into the closed pipe.
    let form = "Action=CreateUser&Version=2010-05-08&UserName=Erin";
    let a = send(format!(
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Amz-Date: 20261207T100000Z\r\nAuthorization: {}\r\nContent-Length: {}\r\n\r\n{form}",
        authorization(&root, "iam"),
        form.len()
    ));
    assert_eq!(a.status, 200, "{}", a.text());
    let a = send(kms_request(&root, "ListAliases", "{}"));
    let alive = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(a.status, 200, "the server still answers");
    assert!(alive, "the server is still running");
}
