//! Tests of the simulated S3.
