use super::*;

#[test]
fn kms_descriptors_follow_the_operations_one_for_one() {
    let table = Service::Kms.operations();
    assert_eq!(table.len(), Operation::ALL.len());
    for (d, op) in table.iter().zip(Operation::ALL) {
        assert_eq!(d.name(), op.name());
        assert_eq!(d.kms_operation(), Some(*op));
        assert!(core::ptr::eq(op.descriptor(), d));
        assert_eq!(d.service, Service::Kms);
    }
}

#[test]
fn every_table_is_sorted_and_read_only_means_what_cloudtrail_says() {
    for s in Service::ALL {
        let ops = s.operations();
        assert!(ops.windows(2).all(|w| w[0].name() < w[1].name()), "{s}");
        for d in ops {
            assert_eq!(d.service, s);
            assert_eq!(s.operation(d.name()).map(Descriptor::name), Some(d.name()));
            let n = d.name();
            let reads = ["Describe", "Get", "List", "Head"]
                .iter()
                .any(|p| n.starts_with(p));
            assert_eq!(d.read_only, reads, "{n}");
            // What only reads changes nothing of the world, but S3's GetObject, which
            // keeps a bucket key.
            if d.read_only && n != "GetObject" || d.cryptographic {
                assert!(d.changes.is_empty(), "{n}");
            } else if !d.read_only {
                assert!(!d.changes.is_empty(), "{n}");
            }
        }
    }
    assert!(
        Service::S3
            .operation("GetObject")
            .unwrap()
            .changes
            .contains(Parts::S3)
    );
}

#[test]
fn scenario_names_split_into_a_service_and_an_operation() {
    assert_eq!(Service::split("Encrypt"), (Service::Kms, "Encrypt"));
    assert_eq!(Service::split("kms:Encrypt"), (Service::Kms, "Encrypt"));
    assert_eq!(Service::split("s3:PutObject"), (Service::S3, "PutObject"));
    assert_eq!(
        Service::split("iam:CreateUser"),
        (Service::Iam, "CreateUser")
    );
    assert_eq!(Service::split("s3PutObject"), (Service::Kms, "s3PutObject"));
    assert_eq!(
        Service::Kms.similar_to("encrypt").map(Descriptor::name),
        Some("Encrypt")
    );
    assert!(Service::S3.operation("putobject").is_none());
}

#[test]
fn sensitive_members_are_those_aws_marks_and_the_ones_cloudtrail_leaves_out() {
    let sensitive = |s: Service, op: &str, m: &str| {
        let d = s.operation(op).unwrap();
        member(d.input(), m)
            .or_else(|| member(d.output(), m))
            .unwrap()
            .shape
            .sensitive
    };
    assert!(sensitive(Service::Kms, "Encrypt", "Plaintext"));
    assert!(sensitive(Service::Kms, "Decrypt", "CiphertextBlob"));
    assert!(sensitive(Service::Kms, "GenerateDataKey", "Plaintext"));
    assert!(sensitive(Service::Kms, "CreateGrant", "GrantToken"));
    assert!(!sensitive(Service::Kms, "Encrypt", "KeyId"));
    assert!(!sensitive(Service::Kms, "CreateGrant", "GrantId"));
}

#[test]
fn parts_combine() {
    let p = Parts::KEYS.and(Parts::POLICIES);
    assert!(p.contains(Parts::KEYS) && p.contains(Parts::POLICIES));
    assert!(!p.contains(Parts::GRANTS));
    assert!(Parts::NONE.is_empty() && !p.is_empty());
}

#[test]
fn errors_carry_the_services_status() {
    let e: ServiceError = crate::api::ApiError::new(crate::api::ErrorCode::NotFound, "x").into();
    assert_eq!((e.code.as_str(), e.status), ("NotFoundException", 400));
    let e: ServiceError = crate::api::ApiError::internal("no randomness").into();
    assert_eq!(e.status, 500);
    let d = Service::Kms.operation("Encrypt").unwrap();
    assert!(d.may_answer("DisabledException") && d.may_answer("AccessDeniedException"));
    assert!(!d.may_answer("NoSuchKey"));
}

#[test]
fn s3_members_know_their_headers_and_responses_their_secrets() {
    let put = Service::S3.operation("PutObject").unwrap();
    assert_eq!(
        put.wire("SSEKMSKeyId"),
        Some("x-amz-server-side-encryption-aws-kms-key-id")
    );
    assert_eq!(put.wire("Body"), None);
    assert_eq!(
        member(put.input(), "Body").unwrap().location,
        Location::Payload
    );
    assert_eq!(
        member(put.input(), "Bucket").unwrap().location,
        Location::Uri
    );
    let gdk = Service::Kms.operation("GenerateDataKey").unwrap();
    assert!(gdk.sensitive_output().contains(&"Plaintext"));
    assert!(gdk.sensitive_output().contains(&"CiphertextBlob"));
    assert!(!gdk.sensitive_output().contains(&"KeyId"));
    let grant = Service::Kms.operation("CreateGrant").unwrap();
    assert_eq!(grant.sensitive_output(), ["GrantToken"]);
    assert!(grant.errors().contains(&"DisabledException"));
}
