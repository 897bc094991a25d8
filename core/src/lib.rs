//! `kms-core`: the simulated AWS world behind KMS Playground.
//!
//! One value, the [`World`], owns everything the simulator knows: accounts, keys, policies,
//! grants, the simulated clock and the audit log. It has no I/O and never reads the system
//! clock: time comes from [`clock::Clock`], so the same inputs always give the same world.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod action;
pub mod api;
pub mod audit;
pub mod authz;
pub mod awscli;
pub mod b64;
pub mod clock;
pub mod context;
pub mod crypto;
pub mod entropy;
pub mod envelope;
pub mod fix;
pub mod grants;
pub mod iam;
pub mod ids;
pub mod json;
pub mod keys;
pub mod matrix;
pub mod policy;
pub mod principal;
pub mod s3;
pub mod scenario;
pub mod service;
pub mod share;
pub mod text;
pub mod world;

pub use world::World;
