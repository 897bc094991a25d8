//! What the S3 panel shows, as pure functions: an S3 request's steps grouped into the study
//! notes' four upload steps and four download steps, the buckets and their objects with
//! their encryption, and how many calls to KMS uploads made (and Bucket Keys saved).

use std::sync::Arc;

use kms_core::World;
use kms_core::s3::{Actor, ObjectEncryption, S3Step};

use crate::format;
use crate::panels::keys::vm::key_name;
use crate::store::CallRecord;

/// One of the notes' four steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Phase {
    /// Its title.
    pub title: &'static str,
    /// What happens, in the notes' words.
    pub text: &'static str,
}

/// The notes' four steps of an upload with SSE-KMS.
pub const UPLOAD: [Phase; 4] = [
    Phase {
        title: "The object arrives",
        text: "The client sends the object with the header x-amz-server-side-encryption: aws:kms.",
    },
    Phase {
        title: "S3 asks KMS for a data key",
        text: "S3 calls GenerateDataKey on the client's behalf, with the bucket and object as encryption context.",
    },
    Phase {
        title: "KMS returns the data key; S3 encrypts",
        text: "KMS returns the data key in plaintext and encrypted under the KMS key; S3 encrypts the object with the plaintext key.",
    },
    Phase {
        title: "S3 stores; the plaintext key is dropped",
        text: "S3 stores the encrypted object beside the encrypted data key, and deletes the plaintext key.",
    },
];

/// The notes' four steps of a download.
pub const DOWNLOAD: [Phase; 4] = [
    Phase {
        title: "The client asks for the object",
        text: "The client requests the object; S3 finds it with its encrypted data key.",
    },
    Phase {
        title: "S3 sends the encrypted key to KMS",
        text: "S3 calls Decrypt on the client's behalf with the encrypted data key and the same encryption context.",
    },
    Phase {
        title: "KMS returns the plaintext key; S3 decrypts",
        text: "KMS decrypts the data key and returns it in plaintext; S3 decrypts the object with it.",
    },
    Phase {
        title: "S3 returns the object; the key is dropped",
        text: "S3 returns the decrypted object to the client and deletes the plaintext key.",
    },
];

/// Which of the four steps an S3 step belongs to (0 to 3).
pub fn phase_of(step: &S3Step, index: usize) -> usize {
    if index == 0 {
        return 0;
    }
    match (step.from, step.to, step.title.as_str()) {
        (_, Actor::Kms, _) | (_, _, "Reuse bucket key") => 1,
        (Actor::Kms, _, _) => 2,
        (Actor::S3, Actor::S3, "Encrypt" | "Encrypt (SSE-S3)" | "Decrypt" | "Bucket key") => 2,
        _ => 3,
    }
}

/// A step as the stage shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepView {
    /// Which of the four steps.
    pub phase: usize,
    /// From and to: `client`, `s3`, `kms`.
    pub from: &'static str,
    /// To.
    pub to: &'static str,
    /// The short title.
    pub title: String,
    /// One sentence.
    pub detail: String,
    /// What travels.
    pub data: Vec<(String, String)>,
    /// Whether it succeeded.
    pub ok: bool,
    /// For a call to KMS: its number in the call drawer.
    pub kms_call: Option<u64>,
    /// For a refused call to KMS: why (the playground's words).
    pub why: Option<String>,
}

/// The steps of an S3 call, each with its phase and, for calls to KMS, the drawer's record.
pub fn steps_view(record: &CallRecord) -> Vec<StepView> {
    let mut kms = record.kms_calls.iter().copied();
    // After a refusal, S3's error reply belongs to the step where the request stopped.
    let mut stopped = None;
    record
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| StepView {
            phase: {
                let phase = stopped.unwrap_or_else(|| phase_of(s, i));
                if !s.ok {
                    stopped.get_or_insert(phase);
                }
                phase
            },
            from: s.from.as_str(),
            to: s.to.as_str(),
            title: s.title.clone(),
            detail: s.detail.clone(),
            data: s.data.clone(),
            ok: s.ok,
            kms_call: (s.to == Actor::Kms && s.decision.is_some())
                .then(|| kms.next())
                .flatten(),
            why: s
                .decision
                .as_ref()
                .filter(|d| !format::allowed(d))
                .map(|d| {
                    d.hint
                        .as_ref()
                        .map_or_else(|| d.reason.clone(), |h| format!("{} {h}", d.reason))
                }),
        })
        .collect()
}

/// Where the plaintext data key is, at a point of the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlainKey {
    /// S3 has none (yet, or at all: SSE-S3, or a refusal before KMS answered).
    None,
    /// S3 holds it in memory.
    Held,
    /// S3 has deleted it.
    Dropped,
}

/// What S3 holds after the steps up to `at`: what the stage draws under S3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holdings {
    /// The plaintext data key.
    pub plaintext_key: PlainKey,
    /// The encrypted data key.
    pub encrypted_key: bool,
    /// The encrypted object.
    pub encrypted_object: bool,
    /// Whether both are stored in the bucket.
    pub stored: bool,
    /// Whether a download's object has come back to the client.
    pub returned: bool,
}

/// What S3 holds once the steps `..=at` have happened. A download starts with the object
/// and its encrypted data key already in the bucket.
pub fn holdings(steps: &[StepView], at: usize, download: bool) -> Holdings {
    let mut h = Holdings {
        plaintext_key: PlainKey::None,
        encrypted_key: download,
        encrypted_object: download,
        stored: download,
        returned: false,
    };
    for s in steps.iter().take(at.saturating_add(1)).filter(|s| s.ok) {
        match s.title.as_str() {
            "Data key" => {
                h.plaintext_key = PlainKey::Held;
                h.encrypted_key = true;
            }
            "Plaintext data key" | "Bucket key" | "Reuse bucket key" => {
                h.plaintext_key = PlainKey::Held;
            }
            "Encrypt" if !download => h.encrypted_object = true,
            "Store" => h.stored = true,
            "200 OK" if download && s.from == "s3" && s.to == "client" => h.returned = true,
            "Drop the plaintext key" if h.plaintext_key == PlainKey::Held => {
                h.plaintext_key = PlainKey::Dropped;
            }
            _ => {}
        }
    }
    h
}

/// Whether a record is a download (GetObject) rather than an upload.
pub fn is_download(record: &CallRecord) -> bool {
    record.operation == "GetObject"
}

/// What a download gave back to the client, as the stage shows it: the object's text in
/// quotes (its first 24 characters), or its size when it is not text. None for an upload or
/// a refused download.
pub fn returned(record: &CallRecord) -> Option<String> {
    if !is_download(record) {
        return None;
    }
    let body = record.output.as_ref().ok()?.get("Body")?.as_str()?;
    let bytes = kms_core::b64::decode(body).ok()?;
    Some(match core::str::from_utf8(&bytes) {
        Ok(text) if !text.chars().any(|c| c.is_control() && !c.is_whitespace()) => {
            let mut shown: String = text.chars().take(24).collect();
            if shown.len() < text.len() {
                shown.push('…');
            }
            format!("“{shown}”")
        }
        _ => format!("{} bytes", bytes.len()),
    })
}

/// An object as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectRow {
    /// The bucket.
    pub bucket: String,
    /// The object key.
    pub key: String,
    /// Its size.
    pub size: String,
    /// `SSE-KMS` or `SSE-S3`.
    pub encryption: &'static str,
    /// The KMS key, by name.
    pub kms_key: Option<String>,
    /// The encryption context S3 used with KMS.
    pub context: String,
    /// Whether an S3 Bucket Key was used.
    pub bucket_key: bool,
}

/// Every object of every bucket, by bucket then key.
pub fn objects(w: &World) -> Vec<ObjectRow> {
    let mut out = Vec::new();
    for b in w.buckets() {
        for o in &b.objects {
            let (encryption, kms_key, context, bucket_key) = match &o.encryption {
                ObjectEncryption::SseS3 => ("SSE-S3", None, String::new(), false),
                ObjectEncryption::SseKms {
                    kms_key_arn,
                    context,
                    bucket_key,
                    ..
                } => (
                    "SSE-KMS",
                    Some(
                        w.keys()
                            .iter()
                            .find(|k| k.arn == *kms_key_arn)
                            .map_or_else(|| kms_key_arn.to_string(), |k| key_name(w, k)),
                    ),
                    context
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    *bucket_key,
                ),
            };
            out.push(ObjectRow {
                bucket: b.name.clone(),
                key: o.key.clone(),
                size: crate::encrypt::human_size(o.size as f64),
                encryption,
                kms_key,
                context,
                bucket_key,
            });
        }
    }
    out
}

/// For the uploads to `bucket` so far: how many, how many calls to KMS they made, and how
/// many a Bucket Key saved.
pub fn kms_counts(calls: &[Arc<CallRecord>], bucket: &str) -> (usize, usize, usize) {
    let uploads: Vec<&Arc<CallRecord>> = calls
        .iter()
        .filter(|c| {
            c.operation == "PutObject"
                && c.made_by.is_none()
                && c.input.get("Bucket").and_then(|b| b.as_str()) == Some(bucket)
        })
        .collect();
    let kms = uploads.iter().map(|c| c.kms_calls.len()).sum();
    let saved = uploads
        .iter()
        .flat_map(|c| c.steps.iter())
        .filter(|s| s.title == "Reuse bucket key")
        .count();
    (uploads.len(), kms, saved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Model, Request, Service};
    use kms_core::api::Caller;
    use serde_json::json;

    const ALICE: &str = "arn:aws:iam::123412341234:user/Alice";

    fn model() -> Model {
        let mut s = kms_core::scenario::Scenario::load(crate::STARTING_SCENARIO).unwrap();
        s.seed = Some(3);
        let mut m = Model::new(s.build_world().unwrap());
        m.dispatch(
            &Caller::new(ALICE),
            Request {
                service: Service::S3,
                operation: "CreateBucket",
                input: &json!({"Bucket": "notes"}),
            },
        );
        m
    }

    fn put(m: &mut Model, who: &str, key: &str, bucket_key: bool) -> Arc<CallRecord> {
        let input = json!({"Bucket": "notes", "Key": key, "Body": "aGk=", "ServerSideEncryption": "aws:kms",
            "SSEKMSKeyId": "alias/cmk-a", "BucketKeyEnabled": bucket_key});
        m.dispatch(
            &Caller::new(who),
            Request {
                service: Service::S3,
                operation: "PutObject",
                input: &input,
            },
        )
        .0
    }

    #[test]
    fn an_upload_plays_the_notes_four_steps_in_order() {
        let mut m = model();
        let r = put(&mut m, ALICE, "a", false);
        let steps = steps_view(&r);
        let phases: Vec<usize> = steps.iter().map(|s| s.phase).collect();
        assert!(
            phases.windows(2).all(|w| w[0] <= w[1]),
            "in order: {phases:?}"
        );
        assert_eq!((phases[0], *phases.last().unwrap()), (0, 3));
        for p in 0..4 {
            assert!(phases.contains(&p), "step {} is there: {phases:?}", p + 1);
        }
        let gdk = steps.iter().find(|s| s.title == "GenerateDataKey").unwrap();
        assert_eq!((gdk.from, gdk.to, gdk.phase), ("s3", "kms", 1));
        assert_eq!(gdk.kms_call, r.kms_calls.first().copied());
        assert!(!is_download(&r));

        let get = m
            .dispatch(
                &Caller::new(ALICE),
                Request {
                    service: Service::S3,
                    operation: "GetObject",
                    input: &json!({"Bucket": "notes", "Key": "a"}),
                },
            )
            .0;
        assert!(is_download(&get));
        assert_eq!(
            returned(&get).as_deref(),
            Some("“hi”"),
            "the decrypted text comes back"
        );
        assert_eq!(returned(&r), None, "an upload gives nothing back");
        let down = steps_view(&get);
        let ok_at = down.iter().position(|s| s.title == "200 OK").unwrap();
        assert!(!holdings(&down, ok_at - 1, true).returned);
        assert!(
            holdings(&down, ok_at, true).returned,
            "back once S3 has replied"
        );
        let phases: Vec<usize> = steps_view(&get).iter().map(|s| s.phase).collect();
        for p in 0..4 {
            assert!(
                phases.contains(&p),
                "download step {} is there: {phases:?}",
                p + 1
            );
        }
    }

    #[test]
    fn the_plaintext_key_is_held_then_dropped_and_the_bucket_keeps_the_encrypted_pair() {
        let mut m = model();
        let r = put(&mut m, ALICE, "a", false);
        let steps = steps_view(&r);
        let at = |title: &str| steps.iter().position(|s| s.title == title).unwrap();
        let before = holdings(&steps, 0, false);
        assert_eq!(before.plaintext_key, PlainKey::None);
        assert!(!before.encrypted_key && !before.stored);
        let got = holdings(&steps, at("Data key"), false);
        assert_eq!(got.plaintext_key, PlainKey::Held);
        assert!(got.encrypted_key && !got.encrypted_object && !got.stored);
        let stored = holdings(&steps, at("Store"), false);
        assert!(stored.encrypted_object && stored.stored);
        assert_eq!(stored.plaintext_key, PlainKey::Held);
        let end = holdings(&steps, steps.len() - 1, false);
        assert_eq!(end.plaintext_key, PlainKey::Dropped);
        assert!(!end.returned, "an upload brings nothing back");

        let refused = put(&mut m, "arn:aws:iam::123412341234:user/Bob", "b", false);
        let steps = steps_view(&refused);
        let end = holdings(&steps, steps.len() - 1, false);
        assert_eq!(end.plaintext_key, PlainKey::None, "KMS gave Bob nothing");
        assert!(!end.stored);
    }

    #[test]
    fn a_refused_upload_stops_at_generate_data_key_with_why() {
        let mut m = model();
        let r = put(&mut m, "arn:aws:iam::123412341234:user/Bob", "b", false);
        let steps = steps_view(&r);
        let failed = steps.iter().find(|s| !s.ok).unwrap();
        assert_eq!(
            (failed.title.as_str(), failed.phase),
            ("GenerateDataKey", 1)
        );
        assert!(
            failed.why.as_deref().unwrap().contains("Bob"),
            "{:?}",
            failed.why
        );
        assert!(
            steps.iter().all(|s| s.phase <= 1),
            "nothing reaches steps 3 and 4: {steps:?}"
        );
        assert_eq!(r.output.as_ref().unwrap_err().code, "AccessDenied");
    }

    #[test]
    fn bucket_keys_save_calls_to_kms_and_objects_say_how_they_are_encrypted() {
        let mut m = model();
        for i in 0..10 {
            put(&mut m, ALICE, &format!("k{i}"), true);
        }
        let calls: Vec<Arc<CallRecord>> = m.calls().iter().cloned().collect();
        let (uploads, kms, saved) = kms_counts(&calls, "notes");
        assert_eq!((uploads, kms, saved), (10, 1, 9));
        let rows = objects(m.world());
        assert_eq!(rows.len(), 10);
        assert!(rows.iter().all(|r| r.encryption == "SSE-KMS"
            && r.bucket_key
            && r.kms_key.as_deref() == Some("alias/cmk-a")));
        assert!(
            rows[0].context.contains("aws:s3:arn="),
            "{}",
            rows[0].context
        );
    }
}
