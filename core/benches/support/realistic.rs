//! A realistic access-matrix world for benchmarks and the no-allocation test: 100 users
//! and 100 keys in one account; each key has the console's default policy (the account
//! statement, 2 administrators, 5 users, grants for AWS resources) and every other key also
//! has a Deny statement with a condition; each user has an IAM policy with a condition on
//! the encryption context and `kms:ViaService`.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    dead_code,
    reason = "benchmark set-up fails loudly"
)]

use kms_core::action::Action;
use kms_core::authz::KeyFacts;
use kms_core::ids::AccountId;
use kms_core::policy::defaults::{self, ConsoleForm};
use kms_core::policy::{Policy, PolicyKind};
use kms_core::principal::Principal;

pub const PRINCIPALS: usize = 100;
pub const KEYS: usize = 100;

/// The 20 actions of the matrix.
pub const ACTIONS: [Action; 20] = [
    Action::Encrypt,
    Action::Decrypt,
    Action::ReEncryptFrom,
    Action::ReEncryptTo,
    Action::GenerateDataKey,
    Action::GenerateDataKeyWithoutPlaintext,
    Action::DescribeKey,
    Action::CreateGrant,
    Action::ListGrants,
    Action::RevokeGrant,
    Action::RetireGrant,
    Action::PutKeyPolicy,
    Action::GetKeyPolicy,
    Action::EnableKey,
    Action::DisableKey,
    Action::ScheduleKeyDeletion,
    Action::CancelKeyDeletion,
    Action::EnableKeyRotation,
    Action::TagResource,
    Action::UpdateKeyDescription,
];

pub struct Matrix {
    pub principals: Vec<(Principal, Vec<Policy>)>,
    pub keys: Vec<(String, Policy, Vec<String>)>,
    pub account: AccountId,
}

pub fn user(i: usize) -> String {
    format!("arn:aws:iam::111122223333:user/user{i:03}")
}

pub fn key_arn(i: usize) -> String {
    format!("arn:aws:kms:us-east-1:111122223333:key/{i:08x}-0000-4000-8000-000000000000")
}

pub fn build() -> Matrix {
    let account = AccountId::parse("111122223333").unwrap();
    let iam_text = r#"{
      "Version": "2012-10-17",
      "Statement": [
        {"Sid": "UseKeysForTheirApp", "Effect": "Allow",
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"],
         "Resource": "arn:aws:kms:*:111122223333:key/*",
         "Condition": {"StringEquals": {"kms:EncryptionContext:app": "billing"}}},
        {"Sid": "ViaS3", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
         "Condition": {"StringLike": {"kms:ViaService": "s3.*.amazonaws.com"}}},
        {"Sid": "ReadMetadata", "Effect": "Allow", "Action": ["kms:Describe*", "kms:Get*", "kms:List*"], "Resource": "*"}
      ]
    }"#;
    let principals = (0..PRINCIPALS)
        .map(|i| {
            (
                Principal::parse(&user(i)).unwrap(),
                vec![Policy::parse(iam_text, PolicyKind::Identity).unwrap()],
            )
        })
        .collect();
    let keys = (0..KEYS)
        .map(|k| {
            let form = ConsoleForm {
                users_grant_for_aws_resources: true,
                administrators: (0..2).map(|j| user((k + j * 37) % PRINCIPALS)).collect(),
                administrators_can_delete: k % 2 == 0,
                users: (0..5).map(|j| user((k * 7 + j * 13) % PRINCIPALS)).collect(),
            };
            let mut text = defaults::console(account, &form);
            if k % 2 == 1 {
                let deny = format!(
                    r#",
    {{
      "Sid": "DenyOutsideBusinessContext",
      "Effect": "Deny",
      "Principal": {{ "AWS": "*" }},
      "Action": ["kms:Decrypt", "kms:ReEncrypt*"],
      "Resource": "*",
      "Condition": {{ "StringNotEquals": {{ "kms:EncryptionContext:tenant": "{k}" }}, "Null": {{ "kms:EncryptionContextKeys": "false" }} }}
    }}
  ]"#
                );
                let at = text.rfind("\n  ]").unwrap();
                text.replace_range(at..at + 4, &deny);
            }
            (key_arn(k), Policy::parse(&text, PolicyKind::Key).unwrap(), vec![format!("alias/key-{k}")])
        })
        .collect();
    Matrix {
        principals,
        keys,
        account,
    }
}

impl Matrix {
    pub fn key(&self, k: usize) -> KeyFacts<'_> {
        let (arn, policy, aliases) = &self.keys[k];
        KeyFacts {
            aliases,
            ..KeyFacts::symmetric(arn, self.account, policy)
        }
    }
}
