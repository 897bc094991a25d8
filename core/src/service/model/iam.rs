//! AWS's AWS Identity and Access Management model (iam 2010-05-08), from botocore 1.43.11:
//! the members the simulator handles. Written by `scripts/models.py generate`; do not edit.

use crate::service::shape::{Kind, Location, Member, OperationModel, Shape};

pub(crate) static S_PATH_TYPE: Shape = Shape {
    name: "pathType",
    kind: Kind::String,
    min: Some(1),
    max: Some(512),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ROLE_NAME_TYPE: Shape = Shape {
    name: "roleNameType",
    kind: Kind::String,
    min: Some(1),
    max: Some(64),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_POLICY_DOCUMENT_TYPE: Shape = Shape {
    name: "policyDocumentType",
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
        wire: "",
    },
    Member {
        name: "RoleName",
        shape: &S_ROLE_NAME_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "AssumeRolePolicyDocument",
        shape: &S_POLICY_DOCUMENT_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_ID_TYPE: Shape = Shape {
    name: "idType",
    kind: Kind::String,
    min: Some(16),
    max: Some(128),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ARN_TYPE: Shape = Shape {
    name: "arnType",
    kind: Kind::String,
    min: Some(20),
    max: Some(2048),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_DATE_TYPE: Shape = Shape {
    name: "dateType",
    kind: Kind::Timestamp,
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ROLE_DESCRIPTION_TYPE: Shape = Shape {
    name: "roleDescriptionType",
    kind: Kind::String,
    min: None,
    max: Some(1000),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_ROLE_MAX_SESSION_DURATION_TYPE: Shape = Shape {
    name: "roleMaxSessionDurationType",
    kind: Kind::Integer,
    min: Some(3600),
    max: Some(43200),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_PERMISSIONS_BOUNDARY_ATTACHMENT_TYPE: Shape = Shape {
    name: "PermissionsBoundaryAttachmentType",
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
        wire: "",
    },
    Member {
        name: "PermissionsBoundaryArn",
        shape: &S_ARN_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_ATTACHED_PERMISSIONS_BOUNDARY: Shape = Shape {
    name: "AttachedPermissionsBoundary",
    kind: Kind::Structure(&S_ATTACHED_PERMISSIONS_BOUNDARY_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_KEY_TYPE: Shape = Shape {
    name: "tagKeyType",
    kind: Kind::String,
    min: Some(1),
    max: Some(128),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_VALUE_TYPE: Shape = Shape {
    name: "tagValueType",
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
        wire: "",
    },
    Member {
        name: "Value",
        shape: &S_TAG_VALUE_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_TAG: Shape = Shape {
    name: "Tag",
    kind: Kind::Structure(&S_TAG_M),
    min: None,
    max: None,
    enums: &[],
    sensitive: false,
};

pub(crate) static S_TAG_LIST_TYPE: Shape = Shape {
    name: "tagListType",
    kind: Kind::List(&S_TAG),
    min: None,
    max: Some(50),
    enums: &[],
    sensitive: false,
};

pub(crate) static S_STRING_TYPE: Shape = Shape {
    name: "stringType",
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
        wire: "",
    },
    Member {
        name: "Region",
        shape: &S_STRING_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_ROLE_LAST_USED: Shape = Shape {
    name: "RoleLastUsed",
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
        wire: "",
    },
    Member {
        name: "RoleName",
        shape: &S_ROLE_NAME_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "RoleId",
        shape: &S_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Arn",
        shape: &S_ARN_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CreateDate",
        shape: &S_DATE_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "AssumeRolePolicyDocument",
        shape: &S_POLICY_DOCUMENT_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Description",
        shape: &S_ROLE_DESCRIPTION_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "MaxSessionDuration",
        shape: &S_ROLE_MAX_SESSION_DURATION_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PermissionsBoundary",
        shape: &S_ATTACHED_PERMISSIONS_BOUNDARY,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Tags",
        shape: &S_TAG_LIST_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "RoleLastUsed",
        shape: &S_ROLE_LAST_USED,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_ROLE: Shape = Shape {
    name: "Role",
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
    wire: "",
}];

pub(crate) static OP_CREATE_ROLE_ERRORS: [(&str, u16); 6] = [
    ("LimitExceeded", 409),
    ("InvalidInput", 400),
    ("EntityAlreadyExists", 409),
    ("MalformedPolicyDocument", 400),
    ("ConcurrentModification", 409),
    ("ServiceFailure", 500),
];

pub(crate) static OP_CREATE_ROLE: OperationModel = OperationModel {
    name: "CreateRole",
    input: &OP_CREATE_ROLE_IN,
    output: &OP_CREATE_ROLE_OUT,
    errors: &OP_CREATE_ROLE_ERRORS,
};

pub(crate) static S_USER_NAME_TYPE: Shape = Shape {
    name: "userNameType",
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
        wire: "",
    },
    Member {
        name: "UserName",
        shape: &S_USER_NAME_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_USER_M: [Member; 8] = [
    Member {
        name: "Path",
        shape: &S_PATH_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "UserName",
        shape: &S_USER_NAME_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "UserId",
        shape: &S_ID_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Arn",
        shape: &S_ARN_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "CreateDate",
        shape: &S_DATE_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PasswordLastUsed",
        shape: &S_DATE_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PermissionsBoundary",
        shape: &S_ATTACHED_PERMISSIONS_BOUNDARY,
        required: false,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "Tags",
        shape: &S_TAG_LIST_TYPE,
        required: false,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static S_USER: Shape = Shape {
    name: "User",
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
    wire: "",
}];

pub(crate) static OP_CREATE_USER_ERRORS: [(&str, u16); 6] = [
    ("LimitExceeded", 409),
    ("EntityAlreadyExists", 409),
    ("NoSuchEntity", 404),
    ("InvalidInput", 400),
    ("ConcurrentModification", 409),
    ("ServiceFailure", 500),
];

pub(crate) static OP_CREATE_USER: OperationModel = OperationModel {
    name: "CreateUser",
    input: &OP_CREATE_USER_IN,
    output: &OP_CREATE_USER_OUT,
    errors: &OP_CREATE_USER_ERRORS,
};

pub(crate) static OP_DELETE_ROLE_IN: [Member; 1] = [Member {
    name: "RoleName",
    shape: &S_ROLE_NAME_TYPE,
    required: true,
    location: Location::Body,
    wire: "",
}];

pub(crate) static OP_DELETE_ROLE_OUT: [Member; 0] = [];

pub(crate) static OP_DELETE_ROLE_ERRORS: [(&str, u16); 6] = [
    ("NoSuchEntity", 404),
    ("DeleteConflict", 409),
    ("LimitExceeded", 409),
    ("UnmodifiableEntity", 400),
    ("ConcurrentModification", 409),
    ("ServiceFailure", 500),
];

pub(crate) static OP_DELETE_ROLE: OperationModel = OperationModel {
    name: "DeleteRole",
    input: &OP_DELETE_ROLE_IN,
    output: &OP_DELETE_ROLE_OUT,
    errors: &OP_DELETE_ROLE_ERRORS,
};

pub(crate) static S_POLICY_NAME_TYPE: Shape = Shape {
    name: "policyNameType",
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
        wire: "",
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_DELETE_ROLE_POLICY_OUT: [Member; 0] = [];

pub(crate) static OP_DELETE_ROLE_POLICY_ERRORS: [(&str, u16); 4] = [
    ("NoSuchEntity", 404),
    ("LimitExceeded", 409),
    ("UnmodifiableEntity", 400),
    ("ServiceFailure", 500),
];

pub(crate) static OP_DELETE_ROLE_POLICY: OperationModel = OperationModel {
    name: "DeleteRolePolicy",
    input: &OP_DELETE_ROLE_POLICY_IN,
    output: &OP_DELETE_ROLE_POLICY_OUT,
    errors: &OP_DELETE_ROLE_POLICY_ERRORS,
};

pub(crate) static S_EXISTING_USER_NAME_TYPE: Shape = Shape {
    name: "existingUserNameType",
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
    wire: "",
}];

pub(crate) static OP_DELETE_USER_OUT: [Member; 0] = [];

pub(crate) static OP_DELETE_USER_ERRORS: [(&str, u16); 5] = [
    ("LimitExceeded", 409),
    ("NoSuchEntity", 404),
    ("DeleteConflict", 409),
    ("ConcurrentModification", 409),
    ("ServiceFailure", 500),
];

pub(crate) static OP_DELETE_USER: OperationModel = OperationModel {
    name: "DeleteUser",
    input: &OP_DELETE_USER_IN,
    output: &OP_DELETE_USER_OUT,
    errors: &OP_DELETE_USER_ERRORS,
};

pub(crate) static OP_DELETE_USER_POLICY_IN: [Member; 2] = [
    Member {
        name: "UserName",
        shape: &S_EXISTING_USER_NAME_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_DELETE_USER_POLICY_OUT: [Member; 0] = [];

pub(crate) static OP_DELETE_USER_POLICY_ERRORS: [(&str, u16); 3] = [
    ("NoSuchEntity", 404),
    ("LimitExceeded", 409),
    ("ServiceFailure", 500),
];

pub(crate) static OP_DELETE_USER_POLICY: OperationModel = OperationModel {
    name: "DeleteUserPolicy",
    input: &OP_DELETE_USER_POLICY_IN,
    output: &OP_DELETE_USER_POLICY_OUT,
    errors: &OP_DELETE_USER_POLICY_ERRORS,
};

pub(crate) static OP_PUT_ROLE_POLICY_IN: [Member; 3] = [
    Member {
        name: "RoleName",
        shape: &S_ROLE_NAME_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PolicyDocument",
        shape: &S_POLICY_DOCUMENT_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_PUT_ROLE_POLICY_OUT: [Member; 0] = [];

pub(crate) static OP_PUT_ROLE_POLICY_ERRORS: [(&str, u16); 5] = [
    ("LimitExceeded", 409),
    ("MalformedPolicyDocument", 400),
    ("NoSuchEntity", 404),
    ("UnmodifiableEntity", 400),
    ("ServiceFailure", 500),
];

pub(crate) static OP_PUT_ROLE_POLICY: OperationModel = OperationModel {
    name: "PutRolePolicy",
    input: &OP_PUT_ROLE_POLICY_IN,
    output: &OP_PUT_ROLE_POLICY_OUT,
    errors: &OP_PUT_ROLE_POLICY_ERRORS,
};

pub(crate) static OP_PUT_USER_POLICY_IN: [Member; 3] = [
    Member {
        name: "UserName",
        shape: &S_EXISTING_USER_NAME_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PolicyName",
        shape: &S_POLICY_NAME_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
    Member {
        name: "PolicyDocument",
        shape: &S_POLICY_DOCUMENT_TYPE,
        required: true,
        location: Location::Body,
        wire: "",
    },
];

pub(crate) static OP_PUT_USER_POLICY_OUT: [Member; 0] = [];

pub(crate) static OP_PUT_USER_POLICY_ERRORS: [(&str, u16); 4] = [
    ("LimitExceeded", 409),
    ("MalformedPolicyDocument", 400),
    ("NoSuchEntity", 404),
    ("ServiceFailure", 500),
];

pub(crate) static OP_PUT_USER_POLICY: OperationModel = OperationModel {
    name: "PutUserPolicy",
    input: &OP_PUT_USER_POLICY_IN,
    output: &OP_PUT_USER_POLICY_OUT,
    errors: &OP_PUT_USER_POLICY_ERRORS,
};
