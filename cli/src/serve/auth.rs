//! Who is calling: the shape of a Signature Version 4 signature, and the access key IDs
//! the world's principals sign with.
//!
//! The server accepts any signature (it holds no secrets to check one against), but only
//! a well-formed one: the `Authorization` header (or, for S3, a presigned URL's query)
//! must have SigV4's algorithm, a credential scope of five parts, the signed headers and a
//! 64-digit hex signature, and the request must carry its `X-Amz-Date` of the scope's day.
//! The access key ID names the caller; the scope names the Region and the service.

use std::collections::HashMap;

use kms_core::principal::PrincipalKind;
use kms_core::world::World;

/// What a well-formed signature says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// The access key ID (`AKIA…`).
    pub access_key: String,
    /// The Region signed for (`eu-west-1`).
    pub region: String,
    /// The service signed for (`kms`, `s3`, `iam`).
    pub service: String,
}

/// Why a request's signature was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No signature at all.
    Missing,
    /// A signature of the wrong shape, and what is wrong with it.
    Malformed(String),
    /// A presigned URL's signature of the wrong shape.
    MalformedQuery(String),
}

const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Reads the signature of a request from its `Authorization` header, or from the query of
/// a presigned URL (`X-Amz-Credential`, …), with its `X-Amz-Date`.
pub fn scope(
    authorization: Option<&str>,
    amz_date: Option<&str>,
    query: &[(String, String)],
) -> Result<Scope, Refusal> {
    let q = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if let Some(header) = authorization {
        let (algorithm, rest) = header
            .trim()
            .split_once(' ')
            .ok_or_else(|| malformed("the Authorization header has no credential"))?;
        if algorithm != ALGORITHM {
            return Err(malformed(&format!(
                "unsupported algorithm `{}`: the Authorization header must start with {ALGORITHM}",
                clip(algorithm)
            )));
        }
        let mut credential = None;
        let mut signed = None;
        let mut signature = None;
        for part in rest.split(',') {
            let (k, v) = part.trim().split_once('=').ok_or_else(|| {
                malformed("the Authorization header's parts must be name=value pairs")
            })?;
            match k {
                "Credential" => credential = Some(v),
                "SignedHeaders" => signed = Some(v),
                "Signature" => signature = Some(v),
                _ => {}
            }
        }
        let (Some(credential), Some(signed), Some(signature)) = (credential, signed, signature)
        else {
            return Err(malformed(
                "the Authorization header needs Credential, SignedHeaders and Signature",
            ));
        };
        let date = amz_date.ok_or_else(|| {
            malformed("a signed request must carry its X-Amz-Date header (or Date)")
        })?;
        return check(credential, signed, signature, date);
    }
    match (
        q("X-Amz-Algorithm"),
        q("X-Amz-Credential"),
        q("X-Amz-SignedHeaders"),
        q("X-Amz-Signature"),
        q("X-Amz-Date"),
    ) {
        (None, None, None, None, _) => Err(Refusal::Missing),
        (Some(ALGORITHM), Some(c), Some(h), Some(s), Some(d)) => {
            check(c, h, s, d).map_err(|r| match r {
                Refusal::Malformed(m) => Refusal::MalformedQuery(m),
                other => other,
            })
        }
        (Some(a), ..) if a != ALGORITHM => Err(Refusal::MalformedQuery(format!(
            "unsupported X-Amz-Algorithm `{}`",
            clip(a)
        ))),
        _ => Err(Refusal::MalformedQuery(
            "a presigned URL needs X-Amz-Algorithm, X-Amz-Credential, X-Amz-SignedHeaders, X-Amz-Signature and X-Amz-Date".to_string(),
        )),
    }
}

fn check(credential: &str, signed: &str, signature: &str, date: &str) -> Result<Scope, Refusal> {
    let parts: Vec<&str> = credential.split('/').collect();
    let [key, day, region, service, terminator] = parts.as_slice() else {
        return Err(malformed(
            "the credential must be ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/aws4_request",
        ));
    };
    if *terminator != "aws4_request" {
        return Err(malformed("the credential scope must end in aws4_request"));
    }
    if day.len() != 8 || !day.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed("the credential's date must be YYYYMMDD"));
    }
    let timestamp_shape = date.len() == 16
        && date.bytes().enumerate().all(|(i, b)| match i {
            8 => b == b'T',
            15 => b == b'Z',
            _ => b.is_ascii_digit(),
        });
    if !timestamp_shape {
        return Err(malformed("X-Amz-Date must be YYYYMMDDTHHMMSSZ"));
    }
    if !date.starts_with(day) {
        return Err(malformed(
            "the credential's date is not the day of X-Amz-Date",
        ));
    }
    if region.is_empty() || service.is_empty() || key.is_empty() {
        return Err(malformed(
            "the credential's access key ID, Region and service must not be empty",
        ));
    }
    let headers_ok = !signed.is_empty()
        && signed.split(';').all(|h| {
            // HTTP's token characters, lowercase (x-amz-meta-my_key is a header too).
            !h.is_empty()
                && h.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b"!#$%&'*+-.^_`|~".contains(&b)
                })
        })
        && signed.split(';').any(|h| h == "host");
    if !headers_ok {
        return Err(malformed(
            "SignedHeaders must be lowercase header names separated by `;`, host among them",
        ));
    }
    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(malformed("the signature must be 64 hexadecimal digits"));
    }
    Ok(Scope {
        access_key: (*key).to_string(),
        region: (*region).to_string(),
        service: (*service).to_string(),
    })
}

fn malformed(why: &str) -> Refusal {
    Refusal::Malformed(why.to_string())
}

/// At most 40 characters of what a client sent, for a message.
fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

/// The access key ID a principal signs with: `AKIA` (users, the root user) or `ASIA`
/// (roles and their sessions, whose credentials are temporary in AWS), then 16 characters
/// of AWS's alphabet (A–Z, 2–7) fingerprinting the ARN. The same ARN has the same key in
/// every run, on every machine.
pub fn access_key(arn: &str, kind: &PrincipalKind) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let prefix = match kind {
        PrincipalKind::Role { .. } | PrincipalKind::AssumedRole { .. } => "ASIA",
        _ => "AKIA",
    };
    // Two FNV-1a passes with different starting points: 128 bits, of which 80 are used.
    let fnv = |start: u64| {
        arn.bytes().fold(start, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    let bits =
        (u128::from(fnv(0xcbf2_9ce4_8422_2325)) << 64) | u128::from(fnv(0x8422_2325_cbf2_9ce4));
    let mut key = String::from(prefix);
    for i in 0..16 {
        let index = (bits >> (i * 5)) & 31;
        key.push(char::from(
            ALPHABET.get(index as usize).copied().unwrap_or(b'A'),
        ));
    }
    key
}

/// A principal that may sign requests.
#[derive(Debug, Clone)]
pub struct Identity {
    /// Its ARN.
    pub arn: String,
    /// The profile name printed for it (`alice`, `root`).
    pub profile: String,
}

/// The access key IDs of the world's principals and of each account's root user.
pub fn identities(world: &World) -> HashMap<String, Identity> {
    let mut out = HashMap::new();
    let mut accounts: Vec<String> = vec![world.account().to_string()];
    for p in world.principals() {
        let arn = p.principal.arn().to_string();
        let account = p.principal.account_str().to_string();
        if !accounts.contains(&account) {
            accounts.push(account);
        }
        let profile = p
            .name
            .clone()
            .unwrap_or_else(|| p.principal.short_name())
            .to_lowercase();
        out.insert(
            access_key(&arn, p.principal.kind()),
            Identity { arn, profile },
        );
    }
    for (i, account) in accounts.iter().enumerate() {
        let arn = format!("arn:aws:iam::{account}:root");
        let profile = if i == 0 {
            "root".to_string()
        } else {
            format!("root-{account}")
        };
        out.insert(
            access_key(&arn, &PrincipalKind::Root),
            Identity { arn, profile },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUTH: &str = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261207/eu-west-1/kms/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";

    #[test]
    fn a_well_formed_signature_names_its_key_region_and_service() {
        let s = scope(Some(AUTH), Some("20261207T101010Z"), &[]).unwrap();
        assert_eq!(s.access_key, "AKIAIOSFODNN7EXAMPLE");
        assert_eq!(s.region, "eu-west-1");
        assert_eq!(s.service, "kms");
    }

    #[test]
    fn malformed_signatures_say_what_is_wrong() {
        let date = Some("20261207T101010Z");
        let bad = |auth: &str, date: Option<&str>| match scope(Some(auth), date, &[]) {
            Err(Refusal::Malformed(why)) => why,
            other => panic!("{auth}: {other:?}"),
        };
        assert!(bad(&AUTH.replace("HMAC-SHA256", "HMAC-SHA1"), date).contains("algorithm"));
        assert!(bad(&AUTH.replace("/aws4_request", ""), date).contains("credential"));
        assert!(bad(&AUTH.replace("Signature=fe", "Signature=zz"), date).contains("hexadecimal"));
        assert!(bad(&AUTH.replace("host;", ""), date).contains("host"));
        assert!(bad(&AUTH.replace("host;", "Host;"), date).contains("lowercase"));
        let meta = AUTH.replace("host;", "host;x-amz-meta-my_key;");
        assert!(
            scope(Some(&meta), date, &[]).is_ok(),
            "user metadata is signed too"
        );
        assert!(bad(AUTH, None).contains("X-Amz-Date"));
        assert!(bad(AUTH, Some("20261208T101010Z")).contains("day"));
        assert!(bad(AUTH, Some("2026-12-07")).contains("YYYYMMDDTHHMMSSZ"));
        assert!(bad("garbage", date).contains("credential"));
        assert_eq!(scope(None, None, &[]), Err(Refusal::Missing));
    }

    #[test]
    fn a_presigned_url_is_read_from_its_query() {
        let q: Vec<(String, String)> = [
            ("X-Amz-Algorithm", ALGORITHM),
            (
                "X-Amz-Credential",
                "AKIAX/20261207/us-east-1/s3/aws4_request",
            ),
            ("X-Amz-Date", "20261207T000000Z"),
            ("X-Amz-SignedHeaders", "host"),
            ("X-Amz-Signature", &"a".repeat(64)),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(scope(None, None, &q).unwrap().service, "s3");
        let mut bad = q.clone();
        bad[4].1 = "short".into();
        assert!(matches!(
            scope(None, None, &bad),
            Err(Refusal::MalformedQuery(_))
        ));
    }

    #[test]
    fn access_keys_are_stable_distinct_and_shaped_as_aws_makes_them() {
        let user = PrincipalKind::User {
            name: "Alice".into(),
        };
        let a = access_key("arn:aws:iam::111122223333:user/Alice", &user);
        let b = access_key("arn:aws:iam::111122223333:user/Bob", &user);
        assert_eq!(a, access_key("arn:aws:iam::111122223333:user/Alice", &user));
        assert_ne!(a, b);
        assert_eq!(a.len(), 20);
        assert!(a.starts_with("AKIA"));
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_uppercase() || (b'2'..=b'7').contains(&c))
        );
        let role = PrincipalKind::Role { name: "R".into() };
        assert!(access_key("arn:aws:iam::111122223333:role/R", &role).starts_with("ASIA"));
    }
}
