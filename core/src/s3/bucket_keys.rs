//! S3 Bucket Keys: one bucket-level key from KMS, kept by S3 for a while, from which a
//! unique key is derived for each object, so far fewer calls reach KMS.

use alloc::string::String;

use super::{BUCKET_KEY_LIFETIME, Bucket, BucketKey, S3Error};
use crate::clock::Timestamp;
use crate::crypto::{self, DataKey, KeyMaterial, Secret};
use crate::ids::KeyArn;

/// The per-object key S3 derives from a bucket key: AES-256 in counter mode over zeros
/// (AES-GCM's keystream) with the object's salt.
pub(super) fn derive_object_key(
    bucket_key: &KeyMaterial,
    salt: &[u8; 12],
) -> Result<DataKey, S3Error> {
    let stream = crypto::aes256_gcm_seal(
        bucket_key.expose(),
        salt,
        b"kms-playground/s3-bucket-key",
        &[0u8; 32],
    )
    .map_err(|e| S3Error::new("InternalError", 500, alloc::format!("{e}")))?;
    let mut out = [0u8; 32];
    for (o, s) in out.iter_mut().zip(stream.iter()) {
        *o = *s;
    }
    Ok(Secret::new(out))
}

/// The bucket key S3 still holds for this KMS key and requester at `now` (and, when
/// given, for this encrypted key), if any.
pub(super) fn cached<'b>(
    bucket: &'b Bucket,
    kms_key: &KeyArn,
    requester: &str,
    encrypted: Option<&[u8]>,
    now: Timestamp,
) -> Option<&'b BucketKey> {
    bucket.bucket_keys.iter().find(|k| {
        k.kms_key_arn == *kms_key
            && k.requester == requester
            && encrypted.is_none_or(|e| k.encrypted == e)
            && now < k.obtained.plus(BUCKET_KEY_LIFETIME)
    })
}

/// Keeps a bucket key S3 just got from KMS, in place of the one it held for this KMS key
/// and requester.
pub(super) fn remember(bucket: &mut Bucket, key: BucketKey) {
    bucket
        .bucket_keys
        .retain(|k| !(k.kms_key_arn == key.kms_key_arn && k.requester == key.requester));
    bucket.bucket_keys.push(key);
}

/// A bucket key made from the data key KMS returned.
pub(super) fn bucket_key(
    kms_key: KeyArn,
    requester: String,
    encrypted: alloc::vec::Vec<u8>,
    plaintext: &DataKey,
    obtained: Timestamp,
) -> BucketKey {
    BucketKey {
        kms_key_arn: kms_key,
        requester,
        encrypted,
        plaintext: KeyMaterial::from_bytes(*plaintext.expose()),
        obtained,
    }
}
