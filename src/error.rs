//! Failures to run (exit code 2), as opposed to findings about records.

use miette::Diagnostic;
use thiserror::Error;

/// Why toets could not do its job. Findings are never errors: these are.
#[derive(Debug, Error, Diagnostic)]
pub enum ToolError {
    #[error("the schema {path} cannot be used: {reason}")]
    #[diagnostic(
        code(toets::schema),
        help("Restore the schema file from the repository (`git checkout -- schemas/`).")
    )]
    Schema { path: String, reason: String },

    #[error("{path}:{line}:{column}: the configuration is not valid: {reason}")]
    #[diagnostic(code(toets::config))]
    Config { path: String, line: usize, column: usize, reason: String },

    #[error("{path}: {reason}")]
    #[diagnostic(code(toets::io))]
    Io { path: String, reason: String },

    #[error("{0}")]
    #[diagnostic(code(toets::usage))]
    Usage(String),
}
