//! ## What it checks
//! An id in `reuses` or in `lifecycle.replaced_by` is not the id of any record in the registry.
//!
//! ## Why
//! The policy asks applications to reuse what the municipality already has, and a retired
//! application to name its successor. Those links are only worth something if they lead to a real
//! record: a misspelt or deleted id hides which applications depend on each other, so nobody sees
//! what is affected when one of them changes or goes offline.
//!
//! ## Example
//! Wrong: there is no record with id `gemeentelijke-site`.
//!
//! ```yaml
//! reuses:
//!   - gemeentelijke-site
//! ```
//!
//! Right:
//!
//! ```yaml
//! reuses:
//!   - gemeentelijke-website
//! ```
//!
//! ## Source
//! Beleidskader online aanwezigheid (2017/187239), 4 (beheer en beveiliging): for similar needs,
//! reuse functionality that is already there.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een id in `reuses` of in `lifecycle.replaced_by` is van geen enkele registratie in het
//! register.
//!
//! ## Waarom
//! Het beleid vraagt toepassingen te hergebruiken wat de gemeente al heeft, en een toepassing die
//! uit de lucht gaat haar opvolger te noemen. Die verwijzingen zijn alleen iets waard als ze naar
//! een echte registratie leiden: een verkeerd gespeld of verwijderd id verbergt welke toepassingen
//! van elkaar afhangen, zodat niemand ziet wat er geraakt wordt als er één verandert of uit de
//! lucht gaat.
//!
//! ## Voorbeeld
//! Fout: er is geen registratie met id `gemeentelijke-site`.
//!
//! ```yaml
//! reuses:
//!   - gemeentelijke-site
//! ```
//!
//! Goed:
//!
//! ```yaml
//! reuses:
//!   - gemeentelijke-website
//! ```
//!
//! ## Bron
//! Beleidskader online aanwezigheid (2017/187239), 4 (beheer en beveiliging): bij vergelijkbare
//! vragen (her)gebruik maken van reeds aanwezige functionaliteiten.

use std::collections::HashSet;

use super::facts::Located;
use super::{Across, Check, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "reference-unknown",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), 4 (beheer en beveiliging)",
    url: "",
    doc: include_str!("reference_unknown.rs"),
    check: Check::Across(check),
};

fn check(a: &Across, out: &mut Vec<Finding>) {
    // A record without an id is known by its file name, which its id must equal anyway.
    let known: HashSet<&str> = a.records.iter().map(|f| f.id_or_stem()).collect();
    for facts in a.records {
        for reference in facts.references.iter().filter(|r| !known.contains(r.value.as_str())) {
            out.push(finding(a, &facts.file, reference));
        }
    }
}

fn finding(a: &Across, file: &str, reference: &Located) -> Finding {
    let lang = a.lang();
    let value = &reference.value;
    let field = if reference.pointer.starts_with("/reuses/") { "reuses" } else { "lifecycle.replaced_by" };
    a.finding(
        &RULE,
        file,
        reference.pos,
        &reference.pointer,
        lang.pick(
            format!("`{field}` names `{value}`, but no record has that id."),
            format!("`{field}` noemt `{value}`, maar geen registratie heeft dat id."),
        ),
    )
    .with_help(lang.pick(
        "Use the `id` of an existing record: its file name in the registry without .yaml. If that application has no record yet, register it first.",
        "Gebruik het `id` van een bestaande registratie: de bestandsnaam in het register zonder .yaml. Heeft die toepassing nog geen registratie, registreer haar dan eerst.",
    ))
}
