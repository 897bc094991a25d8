//! AWS's models of the simulated operations, generated from botocore by
//! `scripts/models.py` (and checked against it by `scripts/test`).

pub(crate) mod iam;
pub(crate) mod kms;
pub(crate) mod s3;
