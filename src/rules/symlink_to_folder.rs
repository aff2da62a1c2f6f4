//! ## What it checks
//! A folder in the registry is a symbolic link to another folder, inside the repository or outside it. toets does not enter it, so the records behind it are not checked: this finding says so instead of leaving them out without a word.
//!
//! ## Why
//! Every record must pass the central check where it stands in the registry. A linked folder could carry records past the check, or make the checker read folders of the CI machine.
//!
//! ## Example
//! Wrong:
//!
//! `registry/sociaal -> ../archief/sociaal`
//!
//! Right:
//!
//! `registry/sociaal/` as a real folder with the records themselves in it.
//!
//! ## Source
//! Toets (loader): the repository is the registry: <https://git-scm.com/docs/git-config#Documentation/git-config.txt-coresymlinks>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een map in het register is een symbolische koppeling naar een andere map, binnen of buiten de repository. toets gaat die map niet in, dus de registraties erachter worden niet gecontroleerd: deze bevinding zegt dat, in plaats van ze zonder een woord over te slaan.
//!
//! ## Waarom
//! Elke registratie moet de centrale toets doorlopen op de plek waar ze in het register staat. Een gekoppelde map kan registraties langs de toets smokkelen, of de controle mappen van de CI-machine laten lezen.
//!
//! ## Voorbeeld
//! Fout:
//!
//! `registry/sociaal -> ../archief/sociaal`
//!
//! Goed:
//!
//! `registry/sociaal/` als echte map met de registraties zelf erin.
//!
//! ## Bron
//! Toets (loader): the repository is the registry: <https://git-scm.com/docs/git-config#Documentation/git-config.txt-coresymlinks>

use super::{Check, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    name: "symlink-to-folder",
    severity: Severity::Error,
    source: "Toets (loader): the repository is the registry",
    url: "https://git-scm.com/docs/git-config#Documentation/git-config.txt-coresymlinks",
    doc: include_str!("symlink_to_folder.rs"),
    check: Check::Load,
};
