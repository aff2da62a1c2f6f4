//! toets: policy-as-code for a municipality's online applications.
//!
//! One data flow: [`load`] (file to value plus positions) → [`schema`] → [`rules`] (per record,
//! then across records) → [`finding::Finding`]s → [`report`]. Checks never print; renderers never check.

// A finding is the failure value of reading a file: it is built once per bad file, so its size
// on the rare error path matters less than keeping one result model.
#![allow(clippy::result_large_err)]

pub mod cache;
pub mod cli;
pub mod codeowners;
pub mod config;
pub mod diff;
pub mod error;
pub mod example;
pub mod finding;
pub mod git;
pub mod github;
pub mod lines;
pub mod load;
pub mod pr;
pub mod registry;
pub mod report;
pub mod rules;
pub mod rules_change;
pub mod schema;
pub mod source;
pub mod template;
