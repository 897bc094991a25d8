//! Native benchmarks of the core's cryptographic paths: AES-256-GCM itself, envelope
//! encryption of a large message, KMS Encrypt/Decrypt through the door, and an S3 upload
//! with SSE-KMS — throughput in MiB/s where it applies.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "benchmark set-up"
)]

use kms_core::service::Service;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kms_core::api::Caller;
use kms_core::clock::Timestamp;
use kms_core::context::EncryptionContext;
use kms_core::entropy::Entropy;
use kms_core::envelope::{Encryptor, Header};
use kms_core::ids::{AccountId, Region};
use kms_core::policy::{Policy, PolicyKind};
use kms_core::world::World;
use serde_json::json;

const ALICE: &str = "arn:aws:iam::111122223333:user/Alice";

fn world() -> (World, String) {
    let mut w = World::new(
        Region::default_region(),
        AccountId::DEFAULT,
        Timestamp::DEFAULT_START,
        Entropy::seeded(1),
    );
    let all = Policy::parse(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}"#, PolicyKind::Identity).unwrap();
    w = w
        .with_principal(ALICE, Some("Alice"), vec![("all".into(), all)])
        .unwrap();
    let k = w
        .request(&Caller::new(ALICE), Service::Kms, "CreateKey", &json!({}))
        .output
        .unwrap()["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_string();
    (w, k)
}

fn crypto(c: &mut Criterion) {
    let key = [7u8; 32];
    let mib16 = vec![0x5au8; 16 << 20];

    let mut g = c.benchmark_group("aes-256-gcm");
    g.throughput(Throughput::Bytes(mib16.len() as u64));
    g.sample_size(10);
    g.bench_function("seal 16 MiB", |b| {
        b.iter(|| {
            black_box(kms_core::crypto::aes256_gcm_seal(
                &key, &[1; 12], b"", &mib16,
            ))
        })
    });
    g.bench_function("envelope-encrypt 16 MiB (64 KiB frames)", |b| {
        b.iter(|| {
            let h = Header::new(
                &key,
                vec![1; 150],
                EncryptionContext::new(),
                64 * 1024,
                [2; 16],
                [3; 12],
            )
            .unwrap();
            let (mut e, mut out) = Encryptor::new(&h, &key).unwrap();
            for chunk in mib16.chunks(1 << 20) {
                out.extend(e.push(chunk).unwrap());
            }
            out.extend(e.finish().unwrap());
            black_box(out.len())
        })
    });
    g.finish();

    let (mut w, k) = world();
    let alice = Caller::new(ALICE);
    let plaintext = kms_core::b64::encode(&[0u8; 4096]);
    let ctx = json!({"app": "bench", "tenant": "7"});
    c.bench_function(
        "KMS Encrypt of 4 KiB through the door (authorize, seal, audit)",
        |b| {
            b.iter(|| {
                black_box(
                    w.request(
                        &alice,
                        Service::Kms,
                        "Encrypt",
                        &json!({"KeyId": k, "Plaintext": plaintext, "EncryptionContext": ctx}),
                    )
                    .output
                    .is_ok(),
                )
            })
        },
    );
    let blob = w
        .request(
            &alice,
            Service::Kms,
            "Encrypt",
            &json!({"KeyId": k, "Plaintext": plaintext, "EncryptionContext": ctx}),
        )
        .output
        .unwrap()["CiphertextBlob"]
        .clone();
    c.bench_function("KMS Decrypt of 4 KiB through the door", |b| {
        b.iter(|| {
            black_box(
                w.request(
                    &alice,
                    Service::Kms,
                    "Decrypt",
                    &json!({"CiphertextBlob": blob, "EncryptionContext": ctx}),
                )
                .output
                .is_ok(),
            )
        })
    });

    let (mut w, k) = world();
    w.request(
        &alice,
        Service::S3,
        "CreateBucket",
        &json!({"Bucket": "bench"}),
    )
    .output
    .unwrap();
    let body = kms_core::b64::encode(&vec![1u8; 1 << 20]);
    let mut g = c.benchmark_group("s3");
    g.throughput(Throughput::Bytes(1 << 20));
    g.bench_function("PutObject 1 MiB with SSE-KMS", |b| {
        b.iter(|| black_box(w.request(&alice, Service::S3, "PutObject", &json!({"Bucket": "bench", "Key": "o", "Body": body, "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": k})).output.is_ok()))
    });
    g.finish();
}

criterion_group!(benches, crypto);
criterion_main!(benches);
