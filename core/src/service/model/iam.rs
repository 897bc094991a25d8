//! AWS's AWS Identity and Access Management model (iam 2010-05-08), from botocore 1.43.11:
//! the members the simulator handles. Written by `scripts/models.py generate`; do not edit.

use crate::service::shape::{Kind, Location, Member, OperationModel, Shape};

pub(crate) static S_PATH_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(512),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ROLE_NAME_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(64),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_POLICY_DOCUMENT_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(131072),
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CREATE_ROLE_IN: [Member; 3] = [
    Member {
        name: "Path",
        shape: &S_PATH_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "RoleName",
        shape: &S_ROLE_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "AssumeRolePolicyDocument",
        shape: &S_POLICY_DOCUMENT_TYPE,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static S_ID_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(16),
    max: Some(128),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ARN_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(20),
    max: Some(2048),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_DATE_TYPE: Shape = Shape {
    kind: Kind::Timestamp,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ROLE_DESCRIPTION_TYPE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: Some(1000),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ROLE_MAX_SESSION_DURATION_TYPE: Shape = Shape {
    kind: Kind::Integer,
    min: Some(3600),
    max: Some(43200),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_PERMISSIONS_BOUNDARY_ATTACHMENT_TYPE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &["PermissionsBoundaryPolicy"],
    sensitive: false,
};

pub(crate) static S_ATTACHED_PERMISSIONS_BOUNDARY_M: [Member; 2] = [
    Member {
        name: "PermissionsBoundaryType",
        shape: &S_PERMISSIONS_BOUNDARY_ATTACHMENT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "PermissionsBoundaryArn",
        shape: &S_ARN_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_ATTACHED_PERMISSIONS_BOUNDARY: Shape = Shape {
    kind: Kind::Structure(&S_ATTACHED_PERMISSIONS_BOUNDARY_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_KEY_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(128),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_VALUE_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(0),
    max: Some(256),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_M: [Member; 2] = [
    Member {
        name: "Key",
        shape: &S_TAG_KEY_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Value",
        shape: &S_TAG_VALUE_TYPE,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static S_TAG: Shape = Shape {
    kind: Kind::Structure(&S_TAG_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_LIST_TYPE: Shape = Shape {
    kind: Kind::List(&S_TAG),
    min: None,
    max: Some(50),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_STRING_TYPE: Shape = Shape {
    kind: Kind::String,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ROLE_LAST_USED_M: [Member; 2] = [
    Member {
        name: "LastUsedDate",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Region",
        shape: &S_STRING_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_ROLE_LAST_USED: Shape = Shape {
    kind: Kind::Structure(&S_ROLE_LAST_USED_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ROLE_M: [Member; 11] = [
    Member {
        name: "Path",
        shape: &S_PATH_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "RoleName",
        shape: &S_ROLE_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "RoleId",
        shape: &S_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Arn",
        shape: &S_ARN_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "CreateDate",
        shape: &S_DATE_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "AssumeRolePolicyDocument",
        shape: &S_POLICY_DOCUMENT_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Description",
        shape: &S_ROLE_DESCRIPTION_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "MaxSessionDuration",
        shape: &S_ROLE_MAX_SESSION_DURATION_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "PermissionsBoundary",
        shape: &S_ATTACHED_PERMISSIONS_BOUNDARY,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Tags",
        shape: &S_TAG_LIST_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "RoleLastUsed",
        shape: &S_ROLE_LAST_USED,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_ROLE: Shape = Shape {
    kind: Kind::Structure(&S_ROLE_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CREATE_ROLE_OUT: [Member; 1] = [Member {
    name: "Role",
    shape: &S_ROLE,
    required: true,
    location: Location::Body,
}];

pub(crate) static OP_CREATE_ROLE: OperationModel = OperationModel {
    name: "CreateRole",
    input: &OP_CREATE_ROLE_IN,
    sensitive_output: &[],
};

pub(crate) static S_USER_NAME_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(64),
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CREATE_USER_IN: [Member; 2] = [
    Member {
        name: "Path",
        shape: &S_PATH_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "UserName",
        shape: &S_USER_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static S_USER_M: [Member; 8] = [
    Member {
        name: "Path",
        shape: &S_PATH_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "UserName",
        shape: &S_USER_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "UserId",
        shape: &S_ID_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "Arn",
        shape: &S_ARN_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "CreateDate",
        shape: &S_DATE_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "PasswordLastUsed",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "PermissionsBoundary",
        shape: &S_ATTACHED_PERMISSIONS_BOUNDARY,
        required: false,
        location: Location::Body,
    },
    Member {
        name: "Tags",
        shape: &S_TAG_LIST_TYPE,
        required: false,
        location: Location::Body,
    },
];

pub(crate) static S_USER: Shape = Shape {
    kind: Kind::Structure(&S_USER_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_CREATE_USER_OUT: [Member; 1] = [Member {
    name: "User",
    shape: &S_USER,
    required: false,
    location: Location::Body,
}];

pub(crate) static OP_CREATE_USER: OperationModel = OperationModel {
    name: "CreateUser",
    input: &OP_CREATE_USER_IN,
    sensitive_output: &[],
};

pub(crate) static OP_DELETE_ROLE_IN: [Member; 1] = [Member {
    name: "RoleName",
    shape: &S_ROLE_NAME_TYPE,
    required: true,
    location: Location::Body,
}];

pub(crate) static OP_DELETE_ROLE_OUT: [Member; 0] = [];

pub(crate) static OP_DELETE_ROLE: OperationModel = OperationModel {
    name: "DeleteRole",
    input: &OP_DELETE_ROLE_IN,
    sensitive_output: &[],
};

pub(crate) static S_POLICY_NAME_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(128),
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_DELETE_ROLE_POLICY_IN: [Member; 2] = [
    Member {
        name: "RoleName",
        shape: &S_ROLE_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static OP_DELETE_ROLE_POLICY_OUT: [Member; 0] = [];

pub(crate) static OP_DELETE_ROLE_POLICY: OperationModel = OperationModel {
    name: "DeleteRolePolicy",
    input: &OP_DELETE_ROLE_POLICY_IN,
    sensitive_output: &[],
};

pub(crate) static S_EXISTING_USER_NAME_TYPE: Shape = Shape {
    kind: Kind::String,
    min: Some(1),
    max: Some(128),
    enums: &[],
    sensitive: false,
};

pub(crate) static OP_DELETE_USER_IN: [Member; 1] = [Member {
    name: "UserName",
    shape: &S_EXISTING_USER_NAME_TYPE,
    required: true,
    location: Location::Body,
}];

pub(crate) static OP_DELETE_USER_OUT: [Member; 0] = [];

pub(crate) static OP_DELETE_USER: OperationModel = OperationModel {
    name: "DeleteUser",
    input: &OP_DELETE_USER_IN,
    sensitive_output: &[],
};

pub(crate) static OP_DELETE_USER_POLICY_IN: [Member; 2] = [
    Member {
        name: "UserName",
        shape: &S_EXISTING_USER_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static OP_DELETE_USER_POLICY_OUT: [Member; 0] = [];

pub(crate) static OP_DELETE_USER_POLICY: OperationModel = OperationModel {
    name: "DeleteUserPolicy",
    input: &OP_DELETE_USER_POLICY_IN,
    sensitive_output: &[],
};

pub(crate) static OP_PUT_ROLE_POLICY_IN: [Member; 3] = [
    Member {
        name: "RoleName",
        shape: &S_ROLE_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "PolicyDocument",
        shape: &S_POLICY_DOCUMENT_TYPE,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static OP_PUT_ROLE_POLICY_OUT: [Member; 0] = [];

pub(crate) static OP_PUT_ROLE_POLICY: OperationModel = OperationModel {
    name: "PutRolePolicy",
    input: &OP_PUT_ROLE_POLICY_IN,
    sensitive_output: &[],
};

pub(crate) static OP_PUT_USER_POLICY_IN: [Member; 3] = [
    Member {
        name: "UserName",
        shape: &S_EXISTING_USER_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: true,
        location: Location::Body,
    },
    Member {
        name: "PolicyDocument",
        shape: &S_POLICY_DOCUMENT_TYPE,
        required: true,
        location: Location::Body,
    },
];

pub(crate) static OP_PUT_USER_POLICY_OUT: [Member; 0] = [];

pub(crate) static OP_PUT_USER_POLICY: OperationModel = OperationModel {
    name: "PutUserPolicy",
    input: &OP_PUT_USER_POLICY_IN,
    sensitive_output: &[],
};

/// The response members of the operation `name`.
pub(crate) fn output(name: &str) -> &'static [Member] {
    match name {
        "CreateRole" => &OP_CREATE_ROLE_OUT,
        "CreateUser" => &OP_CREATE_USER_OUT,
        "DeleteRole" => &OP_DELETE_ROLE_OUT,
        "DeleteRolePolicy" => &OP_DELETE_ROLE_POLICY_OUT,
        "DeleteUser" => &OP_DELETE_USER_OUT,
        "DeleteUserPolicy" => &OP_DELETE_USER_POLICY_OUT,
        "PutRolePolicy" => &OP_PUT_ROLE_POLICY_OUT,
        "PutUserPolicy" => &OP_PUT_USER_POLICY_OUT,
        _ => &[],
    }
}

/// The error codes AWS's model lists for the operation `name`.
pub(crate) fn errors(name: &str) -> &'static [&'static str] {
    match name {
        "CreateRole" => &[
            "LimitExceeded",
            "InvalidInput",
            "EntityAlreadyExists",
            "MalformedPolicyDocument",
            "ConcurrentModification",
            "ServiceFailure",
        ],
        "CreateUser" => &[
            "LimitExceeded",
            "EntityAlreadyExists",
            "NoSuchEntity",
            "InvalidInput",
            "ConcurrentModification",
            "ServiceFailure",
        ],
        "DeleteRole" => &[
            "NoSuchEntity",
            "DeleteConflict",
            "LimitExceeded",
            "UnmodifiableEntity",
            "ConcurrentModification",
            "ServiceFailure",
        ],
        "DeleteRolePolicy" => &[
            "NoSuchEntity",
            "LimitExceeded",
            "UnmodifiableEntity",
            "ServiceFailure",
        ],
        "DeleteUser" => &[
            "LimitExceeded",
            "NoSuchEntity",
            "DeleteConflict",
            "ConcurrentModification",
            "ServiceFailure",
        ],
        "DeleteUserPolicy" => &["NoSuchEntity", "LimitExceeded", "ServiceFailure"],
        "PutRolePolicy" => &[
            "LimitExceeded",
            "MalformedPolicyDocument",
            "NoSuchEntity",
            "UnmodifiableEntity",
            "ServiceFailure",
        ],
        "PutUserPolicy" => &[
            "LimitExceeded",
            "MalformedPolicyDocument",
            "NoSuchEntity",
            "ServiceFailure",
        ],
        _ => &[],
    }
}

/// A member's name on the wire (a header, a query parameter), where it is not its own.
pub(crate) fn wire(operation: &str, member: &str) -> Option<&'static str> {
    let _ = (operation, member);
    None
}
