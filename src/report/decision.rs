//! What the CIO is asked to decide: a list of decisions derived from a [`Review`] alone, which both
//! `toets pr` pages show as a checklist. Nothing here checks a record (the findings do that); it
//! only says in words what approving the pull request means.
//!
//! A decision is a sentence of [`Part`]s, so that each renderer can show the values that come from
//! records its own safe way (escaped in Markdown, hidden characters replaced in a terminal).

use serde_json::Value;

use crate::finding::{Lang, Summary};
use crate::git::ChangeKind;
use crate::pr::{RecordChange, Review};
use crate::rules_change::RulesChange;

/// Paths of governance files named in the decision; the rest are counted.
const GOVERNANCE_NAMED: usize = 5;

/// One piece of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Words of toets itself.
    Text(String),
    /// The name of a record (bold in Markdown).
    Name(String),
    /// A value, id, rule or path (code in Markdown).
    Code(String),
    /// Free text from a record, such as the reason of a waiver.
    Quote(String),
}

/// One thing the CIO is asked to decide or take note of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub kind: Kind,
    pub parts: Vec<Part>,
}

/// What sort of decision it is; the list is in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// toets found errors: the pull request is not ready.
    Blocking,
    /// The rules themselves change.
    Rules,
    /// A decision on an application: approval, rejection, retirement, removal, new costs.
    Decide,
    /// A waiver or an exception to an open standard.
    Exception,
    /// Something to take note of: a proposal, a new stage.
    Note,
    /// Other changes to a record.
    Changes,
}

impl Decision {
    /// The sentence as plain text, values as they are (code between backticks).
    pub fn plain(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(s) | Part::Name(s) | Part::Quote(s) => s.clone(),
                Part::Code(s) => format!("`{s}`"),
            })
            .collect()
    }
}

fn t(s: impl Into<String>) -> Part {
    Part::Text(s.into())
}

/// The decisions of a pull request: first whether it can be approved at all, then the rules
/// themselves, then per record in the order of the change.
pub fn decisions(review: &Review, lang: Lang) -> Vec<Decision> {
    let mut out: Vec<(Kind, Vec<Part>)> = Vec::new();
    let errors = Summary::of(review.files, &review.findings).errors;
    if errors > 0 {
        let count = lang.pick(plural(errors, "error", "errors"), plural(errors, "fout", "fouten"));
        let places = error_places(review, lang);
        out.push((
            Kind::Blocking,
            lang.pick(
                [
                    vec![Part::Code("toets".into()), t(format!(" found {count} (in "))],
                    places.clone(),
                    vec![t("): ask for changes before approving.")],
                ]
                .concat(),
                [
                    vec![Part::Code("toets".into()), t(format!(" vond {count} (in "))],
                    places,
                    vec![t("): vraag om aanpassingen voordat u goedkeurt.")],
                ]
                .concat(),
            ),
        ));
    }
    if !review.governance.is_empty() {
        let mut paths = Vec::new();
        for (i, path) in review.governance.iter().take(GOVERNANCE_NAMED).enumerate() {
            if i > 0 {
                paths.push(t(", "));
            }
            paths.push(Part::Code(path.clone()));
        }
        let rest = review.governance.len().saturating_sub(GOVERNANCE_NAMED);
        if rest > 0 {
            paths.push(t(lang.pick(format!(" and {rest} more"), format!(" en nog {rest}"))));
        }
        out.push((
            Kind::Rules,
            lang.pick(
                [
                    vec![t("This pull request changes the rules themselves (")],
                    paths.clone(),
                    vec![t("): it needs the approval of the CIO and of a maintainer of toets.")],
                ]
                .concat(),
                [
                    vec![t("Dit pull request wijzigt de regels zelf (")],
                    paths,
                    vec![t("): daarvoor is de goedkeuring nodig van de CIO én van een beheerder van toets.")],
                ]
                .concat(),
            ),
        ));
        if let Some(change) = &review.rules
            && let Some((_, parts)) = out.last_mut()
        {
            parts.extend(rules_effect(change, lang));
        }
    }
    for record in &review.records {
        for_record(record, review, lang, &mut out);
    }
    // The sort is stable: within a kind, decisions keep the order of the records.
    out.sort_by_key(|(kind, _)| *kind);
    out.into_iter().map(|(kind, parts)| Decision { kind, parts }).collect()
}

/// " With its own rules: 3 findings no longer reported, 1 error only a warning." What the pull
/// request's rules would do, counted (the page lists them).
fn rules_effect(change: &RulesChange, lang: Lang) -> Vec<Part> {
    if change.invalid.is_some() {
        let rule = Part::Code("config-invalid".into());
        return lang.pick(
            vec![t(" toets cannot use its own rules (see "), rule.clone(), t(").")],
            vec![t(" toets kan de eigen regels ervan niet gebruiken (zie "), rule, t(").")],
        );
    }
    if change.same_findings() {
        return vec![t(
            lang.pick(" Its own rules would find the same.", " De eigen regels ervan zouden hetzelfde vinden.")
        )];
    }
    let counts: Vec<String> = [
        (
            change.dropped.len(),
            ("finding no longer reported", "findings no longer reported"),
            ("bevinding niet meer gemeld", "bevindingen niet meer gemeld"),
        ),
        (
            change.softened.len(),
            ("error only a warning", "errors only warnings"),
            ("fout alleen nog een waarschuwing", "fouten alleen nog een waarschuwing"),
        ),
        (change.added.len(), ("finding added", "findings added"), ("bevinding erbij", "bevindingen erbij")),
        (
            change.hardened.len(),
            ("warning an error", "warnings errors"),
            ("waarschuwing een fout", "waarschuwingen een fout"),
        ),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, en, nl)| {
        let (one, many) = lang.pick(en, nl);
        plural(n, one, many)
    })
    .collect();
    vec![t(lang.pick(
        format!(" With its own rules: {}.", counts.join(", ")),
        format!(" Met de eigen regels ervan: {}.", counts.join(", ")),
    ))]
}

/// Where the errors are: the records by name (the first few), and "elsewhere" for the rest.
fn error_places(review: &Review, lang: Lang) -> Vec<Part> {
    const NAMED: usize = 3;
    let errors: Vec<&crate::finding::Finding> =
        review.findings.iter().filter(|f| f.fails_at(crate::finding::Severity::Error)).collect();
    let mut places: Vec<Vec<Part>> = Vec::new();
    let mut in_records = 0;
    for record in &review.records {
        let path = record.new_path.as_deref().or(record.old_path.as_deref());
        let here = errors
            .iter()
            .filter(|f| f.scope != Some(crate::finding::Scope::Elsewhere) && Some(f.file.as_str()) == path)
            .count();
        if here > 0 {
            in_records += here;
            places.push(vec![name_part(record)]);
        }
    }
    if places.len() > NAMED {
        let rest = places.len() - NAMED;
        places.truncate(NAMED);
        places.push(vec![t(lang.pick(
            format!("{rest} more {}", if rest == 1 { "record" } else { "records" }),
            format!("nog {rest} {}", if rest == 1 { "registratie" } else { "registraties" }),
        ))]);
    }
    if in_records < errors.len() {
        places.push(vec![t(lang.pick("other files", "andere bestanden"))]);
    }
    let n = places.len();
    let mut out = Vec::new();
    for (i, place) in places.into_iter().enumerate() {
        if i > 0 {
            out.push(t(if i + 1 == n { lang.pick(" and ", " en ") } else { ", " }));
        }
        out.extend(place);
    }
    out
}

/// The decisions about one changed record.
fn for_record(record: &RecordChange, review: &Review, lang: Lang, out: &mut Vec<(Kind, Vec<Part>)>) {
    let name = name_part(record);
    if record.kind == ChangeKind::Deleted {
        out.push((
            Kind::Decide,
            lang.pick(
                vec![t("Confirm removing "), name.clone(), t(" from the register.")],
                vec![t("Bevestig dat "), name, t(" uit het register wordt verwijderd.")],
            ),
        ));
        return;
    }
    // A record that does not load has findings that say why; there is nothing to decide yet.
    let Some(new) = &record.new else { return };
    let old = record.old.as_ref();
    let start = out.len();
    let added = record.kind == ChangeKind::Added;
    let status = text(new, "/lifecycle/status");
    let before = old.and_then(|o| text(o, "/lifecycle/status"));
    if added || status != before {
        let kind = match status {
            Some("approved" | "rejected" | "deprecated" | "retired") => Kind::Decide,
            Some("proposed") => Kind::Note,
            _ if added => Kind::Decide,
            _ => Kind::Note,
        };
        if let Some(d) = status_decision(record, new, before, added, review, lang) {
            out.push((kind, d));
        }
    }
    if !added && status == before {
        if let Some(d) = costs_decision(record, new, old, lang) {
            out.push((Kind::Decide, d));
        }
        if let Some(d) = outcome_decision(record, new, old, lang) {
            out.push((Kind::Decide, d));
        }
    }
    if record.kind == ChangeKind::Renamed {
        out.push((Kind::Changes, renaming(record, lang)));
    }
    waivers(record, new, old, lang, out);
    exceptions(record, new, old, lang, out);
    if out.len() == start && !added && !record.fields.is_empty() {
        let n = record.fields.len();
        let fields = lang.pick(plural(n, "field", "fields"), plural(n, "veld", "velden"));
        out.push((
            Kind::Changes,
            lang.pick(
                vec![t("Approve the changes to "), name.clone(), t(format!(" ({fields})."))],
                vec![t("Keur de wijzigingen in "), name, t(format!(" goed ({fields})."))],
            ),
        ));
    }
}

/// "Approve renaming Kaart to Stadskaart (`registry/kaart.yaml` → `registry/stadskaart.yaml`)."
fn renaming(record: &RecordChange, lang: Lang) -> Vec<Part> {
    let old_name = record.old.as_ref().and_then(|o| text(o, "/name")).map(str::trim).filter(|s| !s.is_empty());
    let paths = vec![
        t(" ("),
        Part::Code(record.old_path.clone().unwrap_or_default()),
        t(" → "),
        Part::Code(record.new_path.clone().unwrap_or_default()),
        t(")."),
    ];
    let name = name_part(record);
    match old_name {
        Some(before) if Part::Name(before.to_owned()) != name => {
            let before = Part::Name(before.to_owned());
            lang.pick(
                [vec![t("Approve renaming "), before.clone(), t(" to "), name.clone()], paths.clone()].concat(),
                [vec![t("Keur de nieuwe naam "), name, t(" voor "), before, t(" goed")], paths].concat(),
            )
        }
        _ => {
            let ids =
                (record.old.as_ref().and_then(|o| text(o, "/id")), record.new.as_ref().and_then(|n| text(n, "/id")));
            match ids {
                (Some(before), Some(after)) if before != after => {
                    let (before, after) = (Part::Code(before.into()), Part::Code(after.into()));
                    lang.pick(
                        vec![
                            t("Approve the new id of "),
                            name.clone(),
                            t(": "),
                            after.clone(),
                            t(" (was "),
                            before.clone(),
                            t(")."),
                        ],
                        vec![
                            t("Keur het nieuwe kenmerk (id) van "),
                            name,
                            t(" goed: "),
                            after,
                            t(" (was "),
                            before,
                            t(")."),
                        ],
                    )
                }
                _ => lang.pick(
                    [vec![t("Approve the new file name of "), name.clone()], paths.clone()].concat(),
                    [vec![t("Keur de nieuwe bestandsnaam van "), name, t(" goed")], paths].concat(),
                ),
            }
        }
    }
}

/// What a new status (or a new record) asks of the CIO.
fn status_decision(
    record: &RecordChange,
    new: &Value,
    before: Option<&str>,
    added: bool,
    review: &Review,
    lang: Lang,
) -> Option<Vec<Part>> {
    let name = name_part(record);
    let status = text(new, "/lifecycle/status");
    Some(match status {
        Some("approved") => approval(name, new, lang),
        Some("rejected") => lang.pick(
            vec![t("Confirm the rejection of "), name.clone(), t(".")],
            vec![t("Bevestig de afwijzing van "), name, t(".")],
        ),
        Some("proposed") if added => {
            let tail = match text(new, "/check/outcome") {
                None => lang.pick(
                    vec![t("; the central check has yet to decide.")],
                    vec![t("; de centrale toets heeft nog geen uitkomst.")],
                ),
                Some(outcome) => lang.pick(
                    vec![t(format!("; outcome of the central check: {}.", outcome_word(outcome, lang)))],
                    vec![t(format!("; uitkomst van de centrale toets: {}.", outcome_word(outcome, lang)))],
                ),
            };
            [
                lang.pick(
                    vec![t("Take note of the proposal "), name.clone()],
                    vec![t("Neem kennis van het voorstel "), name],
                ),
                tail,
            ]
            .concat()
        }
        Some(status) if added => lang.pick(
            vec![
                t("Confirm the registration of "),
                name.clone(),
                t(format!(", an existing application (status: {}).", status_word(status, lang))),
            ],
            vec![
                t("Bevestig de registratie van "),
                name,
                t(format!(", een bestaande toepassing (status: {}).", status_word(status, lang))),
            ],
        ),
        None if added => lang.pick(
            vec![t("Confirm the registration of "), name.clone(), t(".")],
            vec![t("Bevestig de registratie van "), name, t(".")],
        ),
        Some("in_development") => lang.pick(
            vec![t("Take note that work on "), name.clone(), t(" has started.")],
            vec![t("Neem er kennis van dat de bouw van "), name, t(" is begonnen.")],
        ),
        Some("live") => match text(new, "/lifecycle/live_since") {
            Some(date) => lang.pick(
                vec![t("Take note that "), name.clone(), t(" is live since "), Part::Code(date.into()), t(".")],
                vec![t("Neem er kennis van dat "), name, t(" sinds "), Part::Code(date.into()), t(" live is.")],
            ),
            None => lang.pick(
                vec![t("Take note that "), name.clone(), t(" is live.")],
                vec![t("Neem er kennis van dat "), name, t(" live is.")],
            ),
        },
        Some("deprecated") => [
            lang.pick(
                vec![t("Confirm that "), name.clone(), t(" is being phased out")],
                vec![t("Bevestig dat "), name, t(" wordt uitgefaseerd")],
            ),
            successor(new, review, lang),
        ]
        .concat(),
        Some("retired") => {
            let when = match text(new, "/lifecycle/retired_on") {
                Some(date) => lang.pick(
                    vec![t("Confirm that "), name.clone(), t(" went offline on "), Part::Code(date.into())],
                    vec![t("Bevestig dat "), name, t(" op "), Part::Code(date.into()), t(" uit de lucht is gegaan")],
                ),
                None => lang.pick(
                    vec![t("Confirm that "), name.clone(), t(" is retired")],
                    vec![t("Bevestig dat "), name, t(" uit de lucht is")],
                ),
            };
            [when, successor(new, review, lang)].concat()
        }
        other => {
            let word = |s: Option<&str>| s.map_or_else(|| lang.pick("(none)", "(geen)").to_owned(), |s| s.to_owned());
            lang.pick(
                vec![
                    t("Take note of the new status of "),
                    name.clone(),
                    t(": "),
                    Part::Code(word(other)),
                    t(" (was "),
                    Part::Code(word(before)),
                    t(")."),
                ],
                vec![
                    t("Neem kennis van de nieuwe status van "),
                    name,
                    t(": "),
                    Part::Code(word(other)),
                    t(" (was "),
                    Part::Code(word(before)),
                    t(")."),
                ],
            )
        }
    })
}

/// "Approve the external purchase of X: development EUR 12,000, then EUR 3,000 a year."
fn approval(name: Part, new: &Value, lang: Lang) -> Vec<Part> {
    let head = match text(new, "/check/outcome") {
        Some("buy_external") => lang.pick(
            vec![t("Approve the external purchase of "), name.clone()],
            vec![t("Keur de externe aanschaf van "), name, t(" goed")],
        ),
        Some("develop_within_platform") => {
            let platform = text(new, "/platform").map(|p| platform_word(p, lang));
            let within = platform.map_or_else(
                || lang.pick(" within a municipal platform", " binnen een gemeentelijk platform").to_owned(),
                |p| lang.pick(format!(" within {p}"), format!(" binnen {p}")),
            );
            lang.pick(
                vec![t("Approve building "), name.clone(), t(within.clone())],
                vec![t("Keur goed dat "), name, t(format!("{within} wordt gebouwd"))],
            )
        }
        Some(outcome) => lang.pick(
            vec![t("Approve "), name.clone(), t(format!(" (central check: {})", outcome_word(outcome, lang)))],
            vec![t("Keur "), name, t(format!(" goed (centrale toets: {})", outcome_word(outcome, lang)))],
        ),
        None => lang.pick(vec![t("Approve "), name.clone()], vec![t("Keur "), name, t(" goed")]),
    };
    let mut parts = head;
    match costs(new, lang) {
        Some(c) => parts.push(t(format!(": {c}"))),
        None => parts.push(t(lang.pick(" (no costs stated)", " (geen kosten opgegeven)"))),
    }
    if let Some(budget) = text(new, "/costs/budget_ref") {
        parts.extend([t(lang.pick("; budget: ", "; budget: ")), Part::Quote(budget.into())]);
    }
    parts.push(t("."));
    parts
}

/// "; its successor is X" with the successor's id (and name when the pull request holds it).
fn successor(new: &Value, review: &Review, lang: Lang) -> Vec<Part> {
    let Some(id) = text(new, "/lifecycle/replaced_by") else {
        return vec![t(lang.pick("; it has no successor.", "; er is geen opvolger."))];
    };
    let name = review
        .records
        .iter()
        .filter_map(|r| r.new.as_ref())
        .find(|v| text(v, "/id") == Some(id))
        .and_then(|v| text(v, "/name"));
    let mut parts = vec![t(lang.pick("; its successor is ", "; de opvolger is "))];
    match name {
        Some(name) => parts.extend([Part::Name(name.into()), t(" ("), Part::Code(id.into()), t(").")]),
        None => parts.extend([Part::Code(id.into()), t(".")]),
    }
    parts
}

/// New costs of a record the CIO already decided on.
fn costs_decision(record: &RecordChange, new: &Value, old: Option<&Value>, lang: Lang) -> Option<Vec<Part>> {
    let status = text(new, "/lifecycle/status")?;
    if !matches!(status, "approved" | "in_development" | "live" | "deprecated") {
        return None;
    }
    let old = old?;
    let mut changes = Vec::new();
    for (pointer, en, nl) in [
        ("/costs/development_eur", "development {new} (was {old})", "ontwikkeling {new} (was {old})"),
        ("/costs/management_eur_per_year", "{new} a year (was {old})", "{new} per jaar (was {old})"),
    ] {
        let (a, b) = (old.pointer(pointer), new.pointer(pointer));
        if a == b {
            continue;
        }
        let show =
            |v: Option<&Value>| v.and_then(|v| money(v, lang)).unwrap_or_else(|| lang.pick("none", "geen").into());
        changes.push(lang.pick(en, nl).replace("{new}", &show(b)).replace("{old}", &show(a)));
    }
    if changes.is_empty() {
        return None;
    }
    let name = name_part(record);
    let changes = changes.join(", ");
    Some(lang.pick(
        vec![t("Approve the new costs of "), name.clone(), t(format!(": {changes}."))],
        vec![t("Keur de nieuwe kosten van "), name, t(format!(" goed: {changes}."))],
    ))
}

/// A new outcome of the central check on a record whose status stays.
fn outcome_decision(record: &RecordChange, new: &Value, old: Option<&Value>, lang: Lang) -> Option<Vec<Part>> {
    let after = text(new, "/check/outcome")?;
    let before = old.and_then(|o| text(o, "/check/outcome"));
    if before == Some(after) {
        return None;
    }
    let was = before.map_or_else(|| lang.pick("none", "geen").to_owned(), |b| outcome_word(b, lang));
    let name = name_part(record);
    let after = outcome_word(after, lang);
    Some(lang.pick(
        vec![
            t("Confirm the new outcome of the central check for "),
            name.clone(),
            t(format!(": {after} (was: {was}).")),
        ],
        vec![t("Bevestig de nieuwe uitkomst van de centrale toets voor "), name, t(format!(": {after} (was: {was})."))],
    ))
}

/// Waivers the pull request adds or changes; a removed waiver asks nothing (the rule applies again).
fn waivers(record: &RecordChange, new: &Value, old: Option<&Value>, lang: Lang, out: &mut Vec<(Kind, Vec<Part>)>) {
    for (item, previous) in added_items(new, old, "/waivers", "rule") {
        let rule = Part::Code(field(item, "rule"));
        let until = Part::Code(field(item, "expires"));
        let reason = reason(item, "reason");
        let name = name_part(record);
        out.push((
            Kind::Exception,
            match previous.map(|p| field(p, "expires")) {
                None => lang.pick(
                    [
                        vec![
                            t("Approve the waiver of "),
                            rule.clone(),
                            t(" for "),
                            name.clone(),
                            t(" until "),
                            until.clone(),
                        ],
                        reason.clone(),
                    ]
                    .concat(),
                    [
                        vec![
                            t("Keur de uitzondering op "),
                            rule,
                            t(" voor "),
                            name,
                            t(" tot en met "),
                            until,
                            t(" goed"),
                        ],
                        reason,
                    ]
                    .concat(),
                ),
                Some(was) => lang.pick(
                    [
                        vec![
                            t("Approve the changed waiver of "),
                            rule.clone(),
                            t(" for "),
                            name.clone(),
                            t(", now until "),
                            until.clone(),
                        ],
                        vec![t(" (was "), Part::Code(was.clone()), t(")")],
                        reason.clone(),
                    ]
                    .concat(),
                    [
                        vec![
                            t("Keur de gewijzigde uitzondering op "),
                            rule,
                            t(" voor "),
                            name,
                            t(" goed, nu tot en met "),
                            until,
                        ],
                        vec![t(" (was "), Part::Code(was), t(")")],
                        reason,
                    ]
                    .concat(),
                ),
            },
        ));
    }
}

/// Exceptions to open standards ("apply or explain") that the pull request adds or changes.
fn exceptions(record: &RecordChange, new: &Value, old: Option<&Value>, lang: Lang, out: &mut Vec<(Kind, Vec<Part>)>) {
    for (item, _) in added_items(new, old, "/standards_exceptions", "standard") {
        let standard = Part::Code(field(item, "standard"));
        let until = Part::Code(field(item, "until"));
        let reason = reason(item, "reason");
        let name = name_part(record);
        out.push((
            Kind::Exception,
            lang.pick(
                [
                    vec![t("Accept that "), name.clone(), t(" does not apply the open standard "), standard.clone()],
                    vec![t(", until "), until.clone()],
                    reason.clone(),
                ]
                .concat(),
                [
                    vec![
                        t("Aanvaard dat "),
                        name,
                        t(" de open standaard "),
                        standard,
                        t(" niet toepast, tot en met "),
                        until,
                    ],
                    reason,
                ]
                .concat(),
            ),
        ));
    }
}

/// The items of the list at `pointer` that are new or differ at head, each with the item at base
/// that has the same `key` (when there is one).
fn added_items<'a>(
    new: &'a Value,
    old: Option<&'a Value>,
    pointer: &str,
    key: &str,
) -> Vec<(&'a Value, Option<&'a Value>)> {
    let items = |v: Option<&'a Value>| v.and_then(|v| v.pointer(pointer)).and_then(Value::as_array);
    let before: &[Value] = items(old).map_or(&[], Vec::as_slice);
    let Some(after) = items(Some(new)) else { return Vec::new() };
    after
        .iter()
        .filter(|item| item.is_object() && !before.contains(item))
        .map(|item| (item, before.iter().find(|b| item.get(key).is_some() && b.get(key) == item.get(key))))
        .collect()
}

/// ": reason." from a waiver or exception, or "." when it has none.
fn reason(item: &Value, key: &str) -> Vec<Part> {
    match item.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()) {
        Some(r) => {
            let end = if r.ends_with(['.', '!', '?']) { "" } else { "." };
            vec![t(": "), Part::Quote(r.into()), t(end)]
        }
        None => vec![t(".")],
    }
}

/// A field of a list item as text (`?` when missing).
fn field(item: &Value, key: &str) -> String {
    item.get(key).map_or_else(|| "?".to_owned(), crate::diff::show)
}

/// The record's name, or its id, or its path.
pub fn name_part(record: &RecordChange) -> Part {
    if let Some(name) = record.text("/name").map(str::trim).filter(|s| !s.is_empty()) {
        return Part::Name(name.to_owned());
    }
    match record.text("/id") {
        Some(id) => Part::Code(id.to_owned()),
        None => Part::Code(record.path().to_owned()),
    }
}

/// A string at `pointer`.
pub fn text<'a>(value: &'a Value, pointer: &str) -> Option<&'a str> {
    value.pointer(pointer)?.as_str()
}

/// "development EUR 12,000, then EUR 3,000 a year", from the record's `costs`.
pub fn costs(record: &Value, lang: Lang) -> Option<String> {
    let dev = record.pointer("/costs/development_eur").and_then(|v| money(v, lang));
    let year = record.pointer("/costs/management_eur_per_year").and_then(|v| money(v, lang));
    match (dev, year) {
        (Some(d), Some(y)) => Some(
            lang.pick(format!("development {d}, then {y} a year"), format!("ontwikkeling {d}, daarna {y} per jaar")),
        ),
        (Some(d), None) => Some(lang.pick(format!("development {d}"), format!("ontwikkeling {d}"))),
        (None, Some(y)) => Some(lang.pick(format!("{y} a year"), format!("{y} per jaar"))),
        (None, None) => None,
    }
}

/// An amount in euros: `EUR 12,000` in English, `€ 12.000` in Dutch; cents only when there are.
pub fn money(value: &Value, lang: Lang) -> Option<String> {
    let amount = value.as_f64().filter(|a| a.is_finite())?;
    let cents = (amount.abs() * 100.0).round();
    if cents >= 1e17 {
        return Some(lang.pick(format!("EUR {amount}"), format!("€ {amount}")));
    }
    let cents = cents as u64;
    let (whole, fraction) = (cents / 100, cents % 100);
    let (group, decimal) = lang.pick((',', '.'), ('.', ','));
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    if fraction > 0 {
        grouped.push(decimal);
        grouped.push_str(&format!("{fraction:02}"));
    }
    let sign = if amount < 0.0 && cents > 0 { "-" } else { "" };
    Some(lang.pick(format!("EUR {sign}{grouped}"), format!("€ {sign}{grouped}")))
}

/// "1 error", "2 errors".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The status in words, as the schema describes it.
pub fn status_word(status: &str, lang: Lang) -> String {
    let (en, nl) = match status {
        "proposed" => ("proposed", "voorgesteld"),
        "approved" => ("approved", "goedgekeurd"),
        "rejected" => ("rejected", "afgewezen"),
        "in_development" => ("in development", "in ontwikkeling"),
        "live" => ("live", "live"),
        "deprecated" => ("being phased out", "wordt uitgefaseerd"),
        "retired" => ("retired", "uit de lucht"),
        other => return other.to_owned(),
    };
    lang.pick(en, nl).to_owned()
}

/// The outcome of the central check in words.
pub fn outcome_word(outcome: &str, lang: Lang) -> String {
    let (en, nl) = match outcome {
        "do_not_develop" => ("do not develop", "niet ontwikkelen"),
        "develop_within_platform" => {
            ("develop within a municipal platform", "ontwikkelen binnen een gemeentelijk platform")
        }
        "buy_external" => ("buy externally", "extern aanschaffen"),
        other => return other.to_owned(),
    };
    lang.pick(en, nl).to_owned()
}

/// The platform in words, to follow "within".
pub fn platform_word(platform: &str, lang: Lang) -> String {
    let (en, nl) = match platform {
        "public_website" => ("the municipal website", "de gemeentelijke website"),
        "intranet_extranet" => ("the intranet/extranet", "het intranet/extranet"),
        "open_data_platform" => ("the open data platform", "het open dataplatform"),
        "other" => ("another platform", "een ander platform"),
        other => return other.to_owned(),
    };
    lang.pick(en, nl).to_owned()
}

/// The kind of application in words.
pub fn kind_word(kind: &str, lang: Lang) -> String {
    let (en, nl) = match kind {
        "website" => ("website", "website"),
        "webapp" => ("web application", "webapplicatie"),
        "mobile_app" => ("mobile app", "mobiele app"),
        "platform" => ("platform", "platform"),
        "partner_site" => ("partner site", "partnersite"),
        "redirect" => ("redirect", "doorverwijzing"),
        "parked_domain" => ("parked domain", "geparkeerd domein"),
        other => return other.to_owned(),
    };
    lang.pick(en, nl).to_owned()
}

/// A means of login in words.
pub fn means_word(means: &str, lang: Lang) -> String {
    let (en, nl) = match means {
        "digid" => ("DigiD", "DigiD"),
        "eherkenning" => ("eHerkenning", "eHerkenning"),
        "eidas" => ("eIDAS", "eIDAS"),
        "own" => ("own account", "eigen account"),
        "none" => ("none", "geen"),
        other => return other.to_owned(),
    };
    lang.pick(en, nl).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn money_is_grouped_per_language() {
        assert_eq!(money(&json!(12000), Lang::En).as_deref(), Some("EUR 12,000"));
        assert_eq!(money(&json!(12000), Lang::Nl).as_deref(), Some("€ 12.000"));
        assert_eq!(money(&json!(1234567.5), Lang::En).as_deref(), Some("EUR 1,234,567.50"));
        assert_eq!(money(&json!(1234567.5), Lang::Nl).as_deref(), Some("€ 1.234.567,50"));
        assert_eq!(money(&json!(0), Lang::En).as_deref(), Some("EUR 0"));
        assert_eq!(money(&json!(999), Lang::Nl).as_deref(), Some("€ 999"));
        assert_eq!(money(&json!("12000"), Lang::En), None);
    }

    #[test]
    fn costs_read_as_one_phrase() {
        let r = json!({"costs": {"development_eur": 12000, "management_eur_per_year": 3000}});
        assert_eq!(costs(&r, Lang::En).as_deref(), Some("development EUR 12,000, then EUR 3,000 a year"));
        assert_eq!(costs(&r, Lang::Nl).as_deref(), Some("ontwikkeling € 12.000, daarna € 3.000 per jaar"));
        assert_eq!(costs(&json!({}), Lang::En), None);
    }
}
