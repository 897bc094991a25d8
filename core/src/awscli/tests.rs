use super::*;
use alloc::collections::BTreeMap;
use alloc::vec;
use serde_json::json;

/// Files kept in memory, as the page's file area keeps them.
struct Mem(BTreeMap<&'static str, &'static [u8]>);

impl Files for Mem {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        self.0.get(path).map(|b| b.to_vec())
    }
}

fn files() -> Mem {
    Mem(BTreeMap::from([
        ("note.txt", b"Meet at noon." as &[u8]),
        ("policy.json", br#"{"Version":"2012-10-17","Statement":[]}"#),
        ("binary.bin", &[0u8, 255, 7]),
    ]))
}

fn run(line: &str) -> Result<Command, Usage> {
    parse(&words(line)?, &files())
}

fn ok(line: &str) -> (String, Value) {
    let c = run(line).unwrap_or_else(|e| panic!("{line}: {}", e.message));
    (String::from(c.operation.name()), c.input)
}

#[test]
fn words_split_as_a_shell_splits_them() {
    assert_eq!(
        words(r#"aws kms encrypt --plaintext 'a b' --x "c \"d\"" e\ f"#).unwrap(),
        vec![
            "aws",
            "kms",
            "encrypt",
            "--plaintext",
            "a b",
            "--x",
            "c \"d\"",
            "e f"
        ]
    );
    assert_eq!(words("  a\t\tb  ").unwrap(), vec!["a", "b"]);
    assert_eq!(words("''").unwrap(), vec![""]);
    assert_eq!(words("a 'b").unwrap_err().status, USAGE_STATUS);
    assert!(words("a \"b").is_err());
}

#[test]
fn names_are_spelled_as_the_cli_spells_them() {
    for (api, cli) in [
        ("KeyId", "key-id"),
        (
            "GenerateDataKeyWithoutPlaintext",
            "generate-data-key-without-plaintext",
        ),
        ("ReEncrypt", "re-encrypt"),
        ("SSEKMSKeyId", "ssekms-key-id"),
        ("ListObjectsV2", "list-objects-v2"),
    ] {
        assert_eq!(kebab(api), cli);
    }
}

#[test]
fn blobs_are_base64_by_default_raw_text_on_request_and_files_as_bytes() {
    let (op, input) =
        ok("aws kms encrypt --key-id alias/cmk-a --plaintext TWVldA== --region us-east-1");
    assert_eq!(op, "Encrypt");
    assert_eq!(
        input,
        json!({"KeyId": "alias/cmk-a", "Plaintext": "TWVldA=="})
    );
    let c = run("aws kms encrypt --key-id k --plaintext 'Meet at noon.' --cli-binary-format raw-in-base64-out").unwrap();
    assert_eq!(c.input["Plaintext"], json!(b64::encode(b"Meet at noon.")));
    let (_, input) = ok("aws kms encrypt --key-id k --plaintext fileb://binary.bin");
    assert_eq!(input["Plaintext"], json!(b64::encode(&[0, 255, 7])));
    // v2 reads a blob's text as base64: plain text is refused, as the CLI refuses it.
    let e = run("aws kms encrypt --key-id k --plaintext 'not base64!'").unwrap_err();
    assert_eq!(e.status, USAGE_STATUS);
    assert!(e.message.contains("Invalid base64"), "{}", e.message);
    // A missing file is the CLI's paramfile error.
    let e = run("aws kms encrypt --key-id k --plaintext fileb://nowhere.bin").unwrap_err();
    assert!(
        e.message.ends_with("Unable to load paramfile fileb://nowhere.bin: [Errno 2] No such file or directory: 'nowhere.bin'"),
        "{}",
        e.message
    );
}

#[test]
fn maps_and_structures_read_shorthand_and_json() {
    let (_, a) = ok(
        "aws kms encrypt --key-id k --plaintext TWVldA== --encryption-context project=alpha,team=blue",
    );
    let (_, b) = ok(
        r#"aws kms encrypt --key-id k --plaintext TWVldA== --encryption-context '{"project":"alpha","team":"blue"}'"#,
    );
    assert_eq!(
        a["EncryptionContext"],
        json!({"project": "alpha", "team": "blue"})
    );
    assert_eq!(a, b);
    let (op, g) = ok(
        "aws kms create-grant --key-id k --grantee-principal arn:aws:iam::123412341234:user/Bob \
         --operations Encrypt Decrypt --constraints EncryptionContextSubset={project=alpha} --name g1",
    );
    assert_eq!(op, "CreateGrant");
    assert_eq!(g["Operations"], json!(["Encrypt", "Decrypt"]));
    assert_eq!(
        g["Constraints"],
        json!({"EncryptionContextSubset": {"project": "alpha"}})
    );
    assert_eq!(g["Name"], json!("g1"));
    // Quoted values may hold the shorthand's own characters.
    let (_, q) =
        ok("aws kms encrypt --key-id k --plaintext TWVldA== --encryption-context 'note=\"a,b=c\"'");
    assert_eq!(q["EncryptionContext"], json!({"note": "a,b=c"}));
}

#[test]
fn lists_numbers_booleans_and_policy_files() {
    let (_, d) = ok("aws kms decrypt --ciphertext-blob fileb://binary.bin --grant-tokens t1 t2 t3");
    assert_eq!(d["GrantTokens"], json!(["t1", "t2", "t3"]));
    let (_, j) =
        ok(r#"aws kms decrypt --ciphertext-blob fileb://binary.bin --grant-tokens '["t1","t2"]'"#);
    assert_eq!(j["GrantTokens"], json!(["t1", "t2"]));
    let (op, r) = ok("aws kms generate-random --number-of-bytes 32");
    assert_eq!(
        (op.as_str(), &r),
        ("GenerateRandom", &json!({"NumberOfBytes": 32}))
    );
    let (_, p) = ok(
        "aws kms put-key-policy --key-id k --policy file://policy.json --no-bypass-policy-lockout-safety-check",
    );
    assert_eq!(
        p["Policy"],
        json!(r#"{"Version":"2012-10-17","Statement":[]}"#)
    );
    assert_eq!(p["BypassPolicyLockoutSafetyCheck"], json!(false));
    let (_, t) = ok(
        "aws kms put-key-policy --key-id k --policy file://policy.json --bypass-policy-lockout-safety-check",
    );
    assert_eq!(t["BypassPolicyLockoutSafetyCheck"], json!(true));
    let e = run("aws kms generate-random --number-of-bytes many").unwrap_err();
    // As the real CLI prints it (checked against awscli 1.45.11).
    assert_eq!(e.message, "invalid literal for int() with base 10: 'many'");
}

#[test]
fn the_cli_options_stand_apart_from_the_request() {
    let c = run("aws kms list-keys --region eu-west-1 --profile Bob --output text --query Keys[0].KeyId --no-cli-pager").unwrap();
    assert_eq!(c.operation.name(), "ListKeys");
    assert_eq!(c.input, json!({}));
    assert_eq!(c.region.as_deref(), Some("eu-west-1"));
    assert_eq!(c.profile.as_deref(), Some("Bob"));
    assert_eq!(c.output.as_deref(), Some("text"));
    assert_eq!(c.query.as_deref(), Some("Keys[0].KeyId"));
}

#[test]
fn every_operation_of_every_service_is_found_by_its_cli_name() {
    for s in Service::ALL {
        for d in s.operations() {
            let required: Vec<&Member> = d.input().iter().filter(|m| m.required).collect();
            let line = format!("aws {} {}", s.cli_name(), kebab(d.name()));
            match run(&line) {
                Ok(c) => {
                    assert!(required.is_empty(), "{line}");
                    assert_eq!(c.operation.name(), d.name());
                }
                Err(e) => {
                    assert!(!required.is_empty(), "{line}: {}", e.message);
                    assert!(
                        e.message.contains("the following arguments are required"),
                        "{line}: {}",
                        e.message
                    );
                    assert!(
                        e.message
                            .contains(&format!("--{}", kebab(required[0].name))),
                        "{line}: {}",
                        e.message
                    );
                }
            }
        }
    }
}

#[test]
fn usage_errors_are_the_clis() {
    let e = run("aws kms encrypt --key-id k --plaintext TWVldA== --colour blue").unwrap_err();
    assert_eq!(e.status, 252);
    assert!(
        e.message.starts_with("usage: aws [options]"),
        "{}",
        e.message
    );
    assert!(
        e.message.ends_with("\nUnknown options: --colour, blue"),
        "{}",
        e.message
    );
    let e = run("aws kms encrypt --plaintext TWVldA==").unwrap_err();
    assert!(
        e.message
            .ends_with("aws: error: the following arguments are required: --key-id"),
        "{}",
        e.message
    );
    let e = run("aws kms encrypt-all").unwrap_err();
    assert!(
        e.message.contains("argument operation: Invalid choice"),
        "{}",
        e.message
    );
    let e = run("aws ec2 describe-instances").unwrap_err();
    assert!(
        e.message.contains("argument command: Invalid choice"),
        "{}",
        e.message
    );
    let e = run("aws kms encrypt --key-id").unwrap_err();
    assert!(
        e.message
            .ends_with("\naws: error: argument --key-id: expected one argument"),
        "{}",
        e.message
    );
    // Refused; the real CLI reads `a=b,c` as a={b,c} and says "Invalid type for parameter
    // EncryptionContext.a": the differential test is to pin that text.
    let e = run("aws kms encrypt --key-id k --plaintext TWVldA== --encryption-context a=b,c")
        .unwrap_err();
    assert_eq!(e.status, USAGE_STATUS);
    let e = run("aws kms encrypt --key-id k --plaintext TWVldA== --encryption-context '{bad'")
        .unwrap_err();
    assert!(e.message.contains("Invalid JSON"), "{}", e.message);
}

#[test]
fn s3_object_data_is_a_file_path() {
    let (op, put) = ok(
        "aws s3api put-object --bucket b --key notes.txt --body note.txt \
         --server-side-encryption aws:kms --ssekms-key-id alias/cmk-a",
    );
    assert_eq!(op, "PutObject");
    assert_eq!(put["Body"], json!(b64::encode(b"Meet at noon.")));
    assert_eq!(put["SSEKMSKeyId"], json!("alias/cmk-a"));
}

/// A world's describe-key answer, printed three ways as the AWS CLI prints them (checked
/// byte for byte against the real CLI by scripts/awscli-diff.py; here, what must hold).
#[test]
fn responses_print_as_the_cli_prints_them() {
    let d = Service::Kms.operation("DescribeKey").unwrap();
    let response = json!({"KeyMetadata": {"KeyId": "k1", "Arn": "arn:k1", "AWSAccountId": "1",
        "CreationDate": 1_767_225_600, "Enabled": true, "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"]}});
    let shown = shown(d, &response);
    assert_eq!(
        shown["KeyMetadata"]["CreationDate"],
        json!("2026-01-01T00:00:00+00:00")
    );
    // JSON: four spaces, keys in the model's order (AWSAccountId, KeyId, Arn, CreationDate…).
    let j = print(&shown, Output::Json, "DescribeKey", Some(d.output()));
    let at = |k: &str| j.find(k).unwrap();
    assert!(
        at("AWSAccountId") < at("\"KeyId\"") && at("\"KeyId\"") < at("\"Arn\""),
        "{j}"
    );
    assert!(
        j.starts_with("{\n    \"KeyMetadata\": {\n        \"AWSAccountId\": \"1\","),
        "{j}"
    );
    // Text: the object's scalars on one line (sorted by key), led by its name; a list of
    // scalars one per line, each led by its name.
    let t = print(&shown, Output::Text, "DescribeKey", None);
    assert_eq!(
        t,
        "KEYMETADATA\t1\tarn:k1\t2026-01-01T00:00:00+00:00\tTrue\tk1\nENCRYPTIONALGORITHMS\tSYMMETRIC_DEFAULT\n"
    );
    // Table: a titled section per object and list, every line as wide as the first.
    let tb = print(&shown, Output::Table, "DescribeKey", None);
    let lines: Vec<&str> = tb.lines().collect();
    assert!(
        lines[1].contains("DescribeKey") && lines[1].starts_with('|'),
        "{tb}"
    );
    assert!(tb.contains(" Enabled ") && tb.contains("|  True "), "{tb}");
    let width = lines[0].chars().count();
    assert!(lines.iter().all(|l| l.chars().count() == width), "{tb}");
    // An operation that answers nothing prints nothing.
    assert_eq!(print(&json!({}), Output::Json, "EnableKey", None), "");
    // --output is checked before any call.
    assert_eq!(
        run("aws kms describe-key --key-id k --output xml")
            .unwrap_err()
            .status,
        USAGE_STATUS
    );
    assert!(run("aws kms describe-key --key-id k --query 'KeyMetadata.['").is_err());
}

#[test]
fn a_query_picks_from_the_response_and_errors_are_the_clis() {
    let c = run("aws kms encrypt --key-id k --plaintext aGk= --query CiphertextBlob --output text")
        .unwrap();
    let p = printed(&c, Ok(&json!({"CiphertextBlob": "AQID", "KeyId": "arn:k"})));
    assert_eq!(
        p,
        Printed {
            stdout: "AQID\n".into(),
            stderr: String::new(),
            status: 0
        }
    );
    let p = printed(
        &c,
        Err(("AccessDeniedException", "User: Bob is not authorized")),
    );
    assert_eq!(p.status, SERVICE_ERROR_STATUS);
    assert_eq!(
        p.stderr,
        "\nAn error occurred (AccessDeniedException) when calling the Encrypt operation: User: Bob is not authorized\n"
    );
    assert_eq!(
        ok("aws kms describe-key --key-id=alias/a").1,
        json!({"KeyId": "alias/a"})
    );
}

/// A paginated operation is called page after page, and its pages gathered without the
/// paging members; `--no-paginate` makes one call.
#[test]
fn paginated_operations_gather_every_page() {
    let c = run("aws kms list-aliases").unwrap();
    let mut calls = Vec::new();
    let all = call_pages::<()>(&c, |input| {
        calls.push(input.clone());
        Ok(if input.get("Marker").is_none() {
            json!({"Aliases": [{"AliasName": "alias/a"}], "NextMarker": "m2", "Truncated": true})
        } else {
            json!({"Aliases": [{"AliasName": "alias/b"}], "Truncated": false})
        })
    })
    .unwrap();
    assert_eq!(
        all,
        json!({"Aliases": [{"AliasName": "alias/a"}, {"AliasName": "alias/b"}]})
    );
    assert_eq!(calls, vec![json!({}), json!({"Marker": "m2"})]);
    let one = run("aws kms list-aliases --no-paginate").unwrap();
    let page = call_pages::<()>(&one, |_| {
        Ok(json!({"Aliases": [], "NextMarker": "m2", "Truncated": true}))
    })
    .unwrap();
    assert_eq!(page["Truncated"], json!(true));
}

#[test]
fn help_comes_from_the_descriptors() {
    let h = help(&words("aws kms encrypt help").unwrap()).unwrap();
    assert!(h.contains("--key-id (string) [required]"), "{h}");
    assert!(h.contains("--plaintext (blob) [required]"), "{h}");
    assert!(h.contains("Constraints: length 1 to 4096"), "{h}");
    assert!(h.contains("o SYMMETRIC_DEFAULT"), "{h}");
    assert!(h.contains("[--encryption-context <value>]"), "{h}");
    let k = help(&words("aws kms help").unwrap()).unwrap();
    assert!(k.contains("o generate-data-key-without-plaintext"), "{k}");
    assert!(help(&words("aws kms encrypt").unwrap()).is_none());
}

/// Runs `aws s3 …` lines in the SSE-KMS scenario's world (Alice may use every KMS key;
/// Bob nothing) as `who`.
fn s3_session(lines: &[(&str, &str)]) -> Vec<Done> {
    let s = crate::scenario::Scenario::load(include_str!("../../../tests/scenarios/sse-kms.json"))
        .unwrap();
    let mut world = s.build_world().unwrap();
    let alice = "arn:aws:iam::111122223333:user/Alice";
    let caller = crate::api::Caller {
        principal: alice,
        region: None,
        via_service: None,
    };
    world
        .request(
            &caller,
            Service::S3,
            "CreateBucket",
            &json!({"Bucket": "reports"}),
        )
        .output
        .unwrap();
    lines
        .iter()
        .map(|(who, line)| {
            let c = parse_s3(&words(line).unwrap(), &files())
                .unwrap_or_else(|u| panic!("{line}: {}", u.message));
            let principal = format!("arn:aws:iam::111122223333:user/{who}");
            let caller = crate::api::Caller {
                principal: &principal,
                region: None,
                via_service: None,
            };
            c.run(&mut |d, input| {
                world
                    .request(&caller, d.service, d.name(), input)
                    .output
                    .map_err(|e| (e.code, e.message))
            })
        })
        .collect()
}

#[test]
fn s3_cp_uploads_with_sse_kms_and_downloads_as_the_cli_prints_it() {
    let done = s3_session(&[
        (
            "Alice",
            "aws s3 cp note.txt s3://reports/notes/ --sse aws:kms --sse-kms-key-id alias/reports",
        ),
        ("Alice", "aws s3 cp ./note.txt s3://reports/plain.txt"),
        ("Alice", "aws s3 ls s3://reports"),
        ("Alice", "aws s3 ls s3://reports --recursive"),
        ("Alice", "aws s3 cp s3://reports/notes/note.txt back.txt"),
        ("Alice", "aws s3 cp s3://reports/notes/note.txt -"),
        ("Bob", "aws s3 cp s3://reports/notes/note.txt ."),
        ("Alice", "aws s3 cp s3://reports/nothing.txt x.txt"),
        ("Alice", "aws s3 ls s3://reports/nope"),
        ("Alice", "aws s3 cp note.txt s3://reports/y.txt --dryrun"),
    ]);
    let out = |i: usize| done[i].printed.stdout.as_str();
    assert_eq!(
        out(0),
        "upload: ./note.txt to s3://reports/notes/note.txt\n"
    );
    assert_eq!(out(1), "upload: ./note.txt to s3://reports/plain.txt\n");
    let ls: Vec<&str> = out(2).lines().collect();
    assert_eq!(ls[0], "                           PRE notes/");
    assert!(ls[1].ends_with("         13 plain.txt"), "{ls:?}");
    assert_eq!(
        ls[1].len(),
        "2026-01-01 00:00:00".len() + 12 + "plain.txt".len(),
        "{ls:?}"
    );
    assert!(out(3).contains(" notes/note.txt\n"), "{}", out(3));
    assert_eq!(
        out(4),
        "download: s3://reports/notes/note.txt to ./back.txt\n"
    );
    assert_eq!(
        done[4].written,
        Some((String::from("back.txt"), b"Meet at noon.".to_vec()))
    );
    assert_eq!(out(5), "Meet at noon.");
    assert_eq!(done[5].written, None);
    // Bob may read the object's metadata but not have KMS decrypt its data key.
    let bob = &done[6].printed;
    assert_eq!(bob.status, 1);
    assert!(
        bob.stderr.starts_with("download failed: s3://reports/notes/note.txt to ./note.txt An error occurred (AccessDenied) when calling the GetObject operation: "),
        "{}",
        bob.stderr
    );
    assert!(bob.stderr.contains("kms:Decrypt"), "{}", bob.stderr);
    assert_eq!(
        done[7].printed.stderr,
        "fatal error: An error occurred (404) when calling the HeadObject operation: Not Found\n"
    );
    assert_eq!(done[7].printed.status, 1);
    assert_eq!((done[8].printed.status, out(8)), (1, ""));
    assert_eq!(
        out(9),
        "(dryrun) upload: ./note.txt to s3://reports/y.txt\n"
    );
}

#[test]
fn s3_usage_errors_are_the_clis() {
    let err = |line: &str| parse_s3(&words(line).unwrap(), &files()).unwrap_err();
    assert!(
        err("aws s3 mb s3://x")
            .message
            .ends_with("valid choices are:\n\ncp | ls")
    );
    assert!(
        err("aws s3 cp note.txt")
            .message
            .ends_with("the following arguments are required: paths")
    );
    assert_eq!(
        err("aws s3 cp missing.txt s3://b/k").message,
        "The user-provided path missing.txt does not exist."
    );
    assert_eq!(err("aws s3 cp missing.txt s3://b/k").status, 255);
    assert!(
        err("aws s3 cp note.txt s3://b/k --sse-kms")
            .message
            .ends_with("Unknown options: --sse-kms")
    );
    assert!(
        err("aws s3 ls")
            .message
            .contains("ListBuckets is not simulated")
    );
    // `--sse` alone is AES256; the value is read as the CLI reads it.
    let c = parse_s3(
        &words("aws s3 cp note.txt s3://b/k --sse").unwrap(),
        &files(),
    )
    .unwrap();
    assert_eq!(c.sse.as_deref(), Some("AES256"));
    let c = parse_s3(
        &words("aws s3 cp --sse=aws:kms note.txt s3://b/ --region eu-west-1 --profile bob")
            .unwrap(),
        &files(),
    )
    .unwrap();
    assert_eq!(c.sse.as_deref(), Some("aws:kms"));
    assert_eq!(
        (c.region.as_deref(), c.profile.as_deref()),
        (Some("eu-west-1"), Some("bob"))
    );
    assert!(
        is_s3(&words("aws s3 ls s3://b").unwrap())
            && !is_s3(&words("aws s3api list-objects-v2").unwrap())
    );
    assert!(
        help(&words("aws s3 cp help").unwrap())
            .unwrap()
            .contains("--sse-kms-key-id")
    );
}

#[test]
fn s3api_get_object_writes_its_body_to_the_outfile_it_requires() {
    let c = run("aws s3api get-object --bucket b --key k.txt back.txt").unwrap();
    assert_eq!(c.outfile.as_deref(), Some("back.txt"));
    assert_eq!(c.input, json!({"Bucket": "b", "Key": "k.txt"}));
    let response = json!({"Body": "aGk=", "ContentLength": 2, "ServerSideEncryption": "aws:kms"});
    assert_eq!(
        outfile(&c, &response),
        Some((String::from("back.txt"), b"hi".to_vec()))
    );
    let p = printed(&c, Ok(&response));
    assert!(
        !p.stdout.contains("Body") && p.stdout.contains("\"ServerSideEncryption\": \"aws:kms\""),
        "{}",
        p.stdout
    );
    let e = run("aws s3api get-object --bucket b --key k.txt").unwrap_err();
    assert!(
        e.message
            .ends_with("the following arguments are required: outfile"),
        "{}",
        e.message
    );
    // A mistyped option reads as the real one missing, as argparse tells it.
    let e = run("aws kms encrypt --key-idd alias/a --plaintext aGk=").unwrap_err();
    assert!(e.message.ends_with("required: --key-id"), "{}", e.message);
}
