//! ## What it checks
//! A file in the registry is a symbolic link to a place outside the repository, or to nothing. toets never reads the target. Links that stay inside the repository are followed.
//!
//! ## Why
//! The registry's history is the audit trail: a record must live in the repository. A link out of it could also make the checker read files of the CI machine.
//!
//! ## Example
//! Wrong:
//!
//! `registry/park.yaml -> /etc/passwd`
//!
//! Right:
//!
//! `registry/park.yaml` as a regular file.
//!
//! ## Source
//! Toets (loader): the repository is the registry: <https://git-scm.com/docs/git-config#Documentation/git-config.txt-coresymlinks>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een bestand in het register is een symbolische koppeling naar een plek buiten de repository, of naar niets. toets leest het doel nooit. Koppelingen binnen de repository worden gevolgd.
//!
//! ## Waarom
//! De geschiedenis van het register is het controlespoor: een registratie hoort in de repository. Een koppeling naar buiten kan de controle ook bestanden van de CI-machine laten lezen.
//!
//! ## Voorbeeld
//! Fout:
//!
//! `registry/park.yaml -> /etc/passwd`
//!
//! Goed:
//!
//! `registry/park.yaml` als gewoon bestand.
//!
//! ## Bron
//! Toets (loader): the repository is the registry: <https://git-scm.com/docs/git-config#Documentation/git-config.txt-coresymlinks>

use super::{Check, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    name: "symlink-outside-repository",
    severity: Severity::Error,
    source: "Toets (loader): the repository is the registry",
    url: "https://git-scm.com/docs/git-config#Documentation/git-config.txt-coresymlinks",
    doc: include_str!("symlink_outside_repository.rs"),
    check: Check::Load,
};
