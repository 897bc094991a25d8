//! The key policies AWS writes for you: the CreateKey API default, the console's
//! administrators / users form, and the policies of AWS managed keys.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::ids::{AccountId, Region};
use crate::json::write_string;

/// The Sid of the statement that lets IAM policies of the account decide.
pub const ENABLE_IAM_SID: &str = "Enable IAM User Permissions";

/// What a key administrator may do in the console's default policy.
pub const ADMIN_ACTIONS: &[&str] = &[
    "kms:Create*",
    "kms:Describe*",
    "kms:Enable*",
    "kms:List*",
    "kms:Put*",
    "kms:Update*",
    "kms:Revoke*",
    "kms:Disable*",
    "kms:Get*",
    "kms:Delete*",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
    "kms:RotateKeyOnDemand",
];

/// What a key user may do in the console's default policy ("Allow use of the key").
pub const USER_ACTIONS: &[&str] = &[
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:DescribeKey",
];

/// What key users may do with grants for AWS resources ("Allow attachment of persistent
/// resources").
pub const USER_GRANT_ACTIONS: &[&str] = &["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];

fn q(s: &str) -> String {
    let mut out = String::new();
    write_string(&mut out, s);
    out
}

fn list(items: &[&str], indent: &str) -> String {
    if let [one] = items {
        return q(one);
    }
    let inner: Vec<String> = items
        .iter()
        .map(|i| format!("{indent}  {}", q(i)))
        .collect();
    format!("[\n{}\n{indent}]", inner.join(",\n"))
}

struct Stmt<'a> {
    sid: &'a str,
    principals: Vec<&'a str>,
    actions: &'a [&'a str],
    condition: Option<String>,
}

fn document(id: Option<&str>, statements: &[Stmt<'_>]) -> String {
    let body: Vec<String> = statements
        .iter()
        .map(|s| {
            let mut out = format!(
                "    {{\n      \"Sid\": {},\n      \"Effect\": \"Allow\",\n      \"Principal\": {{ \"AWS\": {} }},\n      \"Action\": {},\n      \"Resource\": \"*\"",
                q(s.sid),
                list(&s.principals, "      "),
                list(s.actions, "      ")
            );
            if let Some(c) = &s.condition {
                out.push_str(",\n      \"Condition\": ");
                out.push_str(c);
            }
            out.push_str("\n    }");
            out
        })
        .collect();
    let id = id
        .map(|i| format!("  \"Id\": {},\n", q(i)))
        .unwrap_or_default();
    format!(
        "{{\n  \"Version\": \"2012-10-17\",\n{id}  \"Statement\": [\n{}\n  ]\n}}\n",
        body.join(",\n")
    )
}

/// The policy CreateKey gives a key when the request has none: the account principal may
/// do everything, which lets the account's IAM policies decide.
pub fn api_default(account: AccountId) -> String {
    let root = format!("arn:aws:iam::{account}:root");
    document(
        Some("key-default-1"),
        &[Stmt {
            sid: ENABLE_IAM_SID,
            principals: Vec::from([root.as_str()]),
            actions: &["kms:*"],
            condition: None,
        }],
    )
}

/// The choices of the console's "Define key administrative permissions" and "Define key
/// usage permissions" pages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsoleForm {
    /// ARNs of the key administrators.
    pub administrators: Vec<String>,
    /// Whether administrators may schedule and cancel the key's deletion.
    pub administrators_can_delete: bool,
    /// ARNs of the key users.
    pub users: Vec<String>,
    /// Whether key users may create grants for AWS services that use the key ("Allow
    /// attachment of persistent resources"); the console writes it (true) unless told not to.
    pub users_grant_for_aws_resources: bool,
}

/// The key policy the console writes from its form.
pub fn console(account: AccountId, form: &ConsoleForm) -> String {
    let root = format!("arn:aws:iam::{account}:root");
    let admin_actions: Vec<&str> = ADMIN_ACTIONS
        .iter()
        .copied()
        .filter(|a| {
            form.administrators_can_delete
                || !matches!(*a, "kms:ScheduleKeyDeletion" | "kms:CancelKeyDeletion")
        })
        .collect();
    let admins: Vec<&str> = form.administrators.iter().map(String::as_str).collect();
    let users: Vec<&str> = form.users.iter().map(String::as_str).collect();
    let mut statements = Vec::from([Stmt {
        sid: ENABLE_IAM_SID,
        principals: Vec::from([root.as_str()]),
        actions: &["kms:*"],
        condition: None,
    }]);
    if !admins.is_empty() {
        statements.push(Stmt {
            sid: "Allow access for Key Administrators",
            principals: admins,
            actions: &admin_actions,
            condition: None,
        });
    }
    if !users.is_empty() {
        statements.push(Stmt {
            sid: "Allow use of the key",
            principals: users.clone(),
            actions: USER_ACTIONS,
            condition: None,
        });
        if form.users_grant_for_aws_resources {
            statements.push(Stmt {
                sid: "Allow attachment of persistent resources",
                principals: users,
                actions: USER_GRANT_ACTIONS,
                condition: Some(String::from(
                    "{ \"Bool\": { \"kms:GrantIsForAWSResource\": \"true\" } }",
                )),
            });
        }
    }
    document(Some("key-consolepolicy-3"), &statements)
}

/// The policy of the AWS managed key of `service` (`s3` for `aws/s3`): any principal of the
/// account may use the key through that service, and the account may read its metadata.
/// Nobody may change it.
pub fn aws_managed(account: AccountId, region: &Region, service: &str) -> String {
    let root = format!("arn:aws:iam::{account}:root");
    let condition = format!(
        "{{\n        \"StringEquals\": {{\n          \"kms:CallerAccount\": {},\n          \"kms:ViaService\": {}\n        }}\n      }}",
        q(account.as_str()),
        q(&format!("{service}.{region}.amazonaws.com"))
    );
    let sid = format!(
        "Allow access through {} for all principals in the account that are authorized to use {}",
        service.to_uppercase(),
        service.to_uppercase()
    );
    document(
        Some(&format!("auto-{service}-2")),
        &[
            Stmt {
                sid: &sid,
                principals: Vec::from(["*"]),
                actions: USER_ACTIONS,
                condition: Some(condition),
            },
            Stmt {
                sid: "Allow direct access to key metadata to the account",
                principals: Vec::from([root.as_str()]),
                actions: &["kms:Describe*", "kms:Get*", "kms:List*"],
                condition: None,
            },
        ],
    )
}
