use super::*;
use crate::store::{Model, Request, Service};
use kms_core::api::Caller;
use kms_core::context::EncryptionContext;
use kms_core::envelope::{Encryptor, Header};

const ALICE: &str = "arn:aws:iam::123412341234:user/Alice";

fn model() -> Model {
    let mut s = kms_core::scenario::Scenario::load(crate::STARTING_SCENARIO).unwrap();
    s.seed = Some(5);
    Model::new(s.build_world().unwrap())
}

fn call(m: &mut Model, operation: &'static str, input: &Value) -> Value {
    let (r, _) = m.dispatch(
        &Caller::new(ALICE),
        Request {
            service: Service::Kms,
            operation,
            input,
        },
    );
    r.output.clone().expect("the call succeeds")
}

fn blob_of(v: &Value, member: &str) -> Vec<u8> {
    kms_core::b64::decode(v[member].as_str().unwrap()).unwrap()
}

/// Every byte belongs to exactly one field, in order.
fn assert_tiles(l: &Layout, len: usize) {
    let mut at = 0;
    for p in &l.parts {
        assert_eq!(p.start, at, "{} starts where the last field ended", p.name);
        at += p.len;
    }
    assert_eq!(at, len, "the fields cover every byte");
}

fn work(op: &str) -> Work {
    Work {
        op: String::from(op),
        key: String::from("alias/cmk-a"),
        key_spec: String::from("AES_256"),
        bytes: String::from("32"),
        ..Work::default()
    }
}

#[test]
fn a_blob_is_taken_apart_into_its_documented_fields() {
    let mut m = model();
    let out = call(
        &mut m,
        "Encrypt",
        &json!({"KeyId": "alias/cmk-a", "Plaintext": "aGVsbG8=", "EncryptionContext": {"app": "notes"}}),
    );
    let bytes = blob_of(&out, "CiphertextBlob");
    let l = layout(&bytes).unwrap();
    assert_tiles(&l, bytes.len());
    let names: Vec<&str> = l.parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "format version",
            "key ARN length",
            "key ARN",
            "key material version",
            "nonce",
            "encrypted bytes",
            "authentication tag"
        ]
    );
    let arn = out["KeyId"].as_str().unwrap();
    assert_eq!(l.parts[2].value, arn);
    assert_eq!(l.parts[3].value, "1");
    assert_eq!(l.parts[5].len, 5, "as long as “hello”");
    assert_eq!(
        l.shape,
        Shape::Blob {
            key_arn: String::from(arn)
        }
    );
}

#[test]
fn an_envelope_is_taken_apart_header_key_and_frames() {
    let mut m = model();
    let out = call(
        &mut m,
        "GenerateDataKey",
        &json!({"KeyId": "alias/cmk-a", "KeySpec": "AES_256", "EncryptionContext": {"file": "a.txt"}}),
    );
    let key: [u8; 32] = blob_of(&out, "Plaintext").try_into().unwrap();
    let edk = blob_of(&out, "CiphertextBlob");
    let mut ctx = EncryptionContext::new();
    ctx.insert("file", "a.txt");
    let header = Header::new(&key, edk.clone(), ctx, 16, [7; 16], [9; 12]).unwrap();
    let (mut e, mut message) = Encryptor::new(&header, &key).unwrap();
    message.extend(e.push(&[1u8; 40]).unwrap());
    message.extend(e.finish().unwrap());

    let l = layout(&message).unwrap();
    assert_tiles(&l, message.len());
    assert_eq!(
        l.shape,
        Shape::Envelope {
            encrypted_data_key: edk.clone(),
            context: String::from("file=a.txt"),
            frames: 3
        }
    );
    let names: Vec<&str> = l.parts.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"encrypted data key: key ARN"));
    assert!(names.contains(&"frame 2: final flag"));
    let edk_part = l
        .parts
        .iter()
        .filter(|p| p.name.starts_with("encrypted data key: "))
        .map(|p| p.len)
        .sum::<usize>();
    assert_eq!(
        edk_part,
        edk.len(),
        "the data key's blob is laid out inside"
    );
    let last_flag = l.parts.iter().find(|p| p.name == "frame 2: final flag");
    assert_eq!(last_flag.unwrap().value, "1");

    // Cut short: the rest is named as such, and the fields still cover every byte.
    let cut = &message[..message.len() - 3];
    let l = layout(cut).unwrap();
    assert_tiles(&l, cut.len());
    assert_eq!(l.parts.last().unwrap().name, "unreadable rest");

    // Many frames: the first ones field by field, then the rest at once.
    let (mut e, mut long) = Encryptor::new(&header, &key).unwrap();
    long.extend(e.push(&[2u8; 16 * 20]).unwrap());
    long.extend(e.finish().unwrap());
    let l = layout(&long).unwrap();
    assert_tiles(&l, long.len());
    assert_eq!(l.parts.last().unwrap().name, "more frames");
}

#[test]
fn bytes_that_are_neither_say_so() {
    assert!(layout(b"").unwrap_err().contains("neither"));
    assert!(
        layout(&[9, 0, 1])
            .unwrap_err()
            .contains("unknown ciphertext format version 9")
    );
    assert!(layout(b"KPE1").unwrap_err().contains("cut short"));
}

#[test]
fn the_form_builds_aws_requests() {
    let mut w = work("Encrypt");
    w.plaintext = b"hi".to_vec();
    w.context = String::from("app=notes\n");
    w.tokens = String::from("\n token-1 \n");
    assert_eq!(
        request(&w).unwrap(),
        json!({"KeyId": "alias/cmk-a", "Plaintext": "aGk=", "EncryptionContext": {"app": "notes"}, "GrantTokens": ["token-1"]})
    );

    let mut w = work("Decrypt");
    w.key = String::new();
    w.blob = String::from("AQID\nBA==");
    assert_eq!(
        request(&w).unwrap(),
        json!({"CiphertextBlob": "AQIDBA=="}),
        "KeyId is optional for Decrypt; pasted line breaks are ignored"
    );
    w.blob = String::from("not base64!");
    assert_eq!(request(&w).unwrap_err().field, "blob");
    w.blob = String::from("AQID");
    w.context = String::from("nope");
    assert_eq!(request(&w).unwrap_err().field, "context");

    let mut w = work("ReEncrypt");
    w.blob = String::from("AQID");
    w.context = String::from("a=1");
    w.destination_key = String::from("alias/cmk-b");
    w.destination_context = String::from("b=2");
    assert_eq!(
        request(&w).unwrap(),
        json!({"CiphertextBlob": "AQID", "SourceEncryptionContext": {"a": "1"}, "DestinationKeyId": "alias/cmk-b", "DestinationEncryptionContext": {"b": "2"}})
    );

    let mut w = work("GenerateDataKeyWithoutPlaintext");
    assert_eq!(
        request(&w).unwrap(),
        json!({"KeyId": "alias/cmk-a", "KeySpec": "AES_256"})
    );
    w.key_spec = String::from("bytes");
    w.bytes = String::from("64");
    assert_eq!(
        request(&w).unwrap(),
        json!({"KeyId": "alias/cmk-a", "NumberOfBytes": 64})
    );

    let mut w = work("GenerateRandom");
    assert_eq!(request(&w).unwrap(), json!({"NumberOfBytes": 32}));
    w.bytes = String::from("lots");
    assert_eq!(request(&w).unwrap_err().field, "bytes");
}

#[test]
fn a_key_may_be_named_four_ways() {
    let m = model();
    let names = key_names(m.world(), "us-east-1");
    let cmk_a: Vec<&str> = names
        .iter()
        .filter(|(_, label)| label.ends_with("alias/cmk-a"))
        .map(|(v, _)| v.as_str())
        .collect();
    assert_eq!(cmk_a.len(), 3, "alias ARN, key ID and key ARN: {cmk_a:?}");
    assert!(
        names
            .iter()
            .any(|(v, l)| v == "alias/cmk-a" && l == "alias name")
    );
    assert!(cmk_a.contains(&"arn:aws:kms:us-east-1:123412341234:alias/cmk-a"));
    assert!(
        cmk_a
            .iter()
            .any(|v| v.starts_with("arn:aws:kms:us-east-1:123412341234:key/"))
    );
}

#[test]
fn pasted_text_is_read_as_people_paste_it() {
    assert_eq!(pasted(" AQID\n").unwrap(), [1, 2, 3]);
    assert_eq!(
        pasted(r#"{"CiphertextBlob": "AQID", "KeyId": "k"}"#).unwrap(),
        [1, 2, 3]
    );
    assert!(pasted("{}").unwrap_err().contains("no CiphertextBlob"));
    assert!(pasted("").unwrap_err().contains("Paste"));
    assert!(pasted("%%%").unwrap_err().contains("not base64"));
}

#[test]
fn bytes_are_shortened_for_people() {
    assert_eq!(hex_short(&[0, 1, 255], 8), "00 01 ff");
    assert_eq!(hex_short(&[1, 2, 3, 4, 5, 6], 4), "01 02 … 05 06");
}

#[test]
fn after_a_rotation_decrypt_says_which_material_version_opened_the_ciphertext() {
    let mut m = model();
    let plain = kms_core::b64::encode(b"before the rotation");
    let sealed = call(
        &mut m,
        "Encrypt",
        &json!({"KeyId": "alias/cmk-a", "Plaintext": plain}),
    );
    // AWS's Encrypt response does not name the material: nothing is made up for it.
    assert_eq!(material_used(m.world(), "Encrypt", &sealed), None);
    let data_key = json!({"KeyId": "alias/cmk-a", "KeySpec": "AES_256"});
    let before = call(&mut m, "GenerateDataKey", &data_key);
    let before = material_used(m.world(), "GenerateDataKey", &before).unwrap();
    assert!(
        before.starts_with("Encrypted with key material version 1 of 1 (initial"),
        "{before}"
    );
    assert!(before.contains("the key's only one"), "{before}");

    call(
        &mut m,
        "RotateKeyOnDemand",
        &json!({"KeyId": sealed["KeyId"]}),
    );
    let opened = call(
        &mut m,
        "Decrypt",
        &json!({"CiphertextBlob": sealed["CiphertextBlob"]}),
    );
    let said = material_used(m.world(), "Decrypt", &opened).unwrap();
    assert!(
        said.starts_with("Opened with key material version 1 of 2 (initial"),
        "{said}"
    );
    assert!(said.contains("no longer current"), "{said}");
    assert!(
        said.contains(opened["KeyMaterialId"].as_str().unwrap()),
        "{said}"
    );

    let fresh = call(&mut m, "GenerateDataKey", &data_key);
    let now = material_used(m.world(), "GenerateDataKey", &fresh).unwrap();
    assert!(
        now.starts_with("Encrypted with key material version 2 of 2 (on-demand rotation"),
        "{now}"
    );
    assert!(now.contains("the current one"), "{now}");
    // Nothing to say for an operation without key material, or a response without its ID.
    assert_eq!(material_used(m.world(), "GenerateRandom", &fresh), None);
    assert_eq!(
        material_used(m.world(), "Decrypt", &json!({"KeyId": "x"})),
        None
    );
}
