//! ## What it checks
//! In `toets pr`: the pull request changes a file that makes up the rules themselves rather than
//! a record: the schemas (`schemas/`), the configuration (`toets.toml`), the code owners
//! (`CODEOWNERS`), the CI workflows (`.github/`) or the code of toets (`src/`, `Cargo.toml`,
//! `Cargo.lock`). There is one finding per changed file. When `toets.toml` or a schema changes,
//! the finding on it says what the new rules would do: which settings change, and how many
//! findings of the registry they would no longer report, or add, with an example. (The pull
//! request itself is still judged by the rules of its base.)
//!
//! ## Why
//! These files decide what the registry must contain, which rules apply and how strict they are,
//! and who has to approve a change. A change to them changes the check for every record, so it
//! needs the CIO, who is responsible for the policy, and a maintainer of toets, who knows what the
//! change does. CODEOWNERS names both for these paths.
//!
//! ## Example
//! Wrong: a pull request that adds a record and, on the way, turns a rule off in `toets.toml`,
//! reviewed as a plain registry change.
//!
//! ```toml
//! [rules]
//! pentest-outdated = "off"
//! ```
//!
//! Right: the record in one pull request; the change of `toets.toml` in one of its own, with its
//! reason, approved by the CIO and a maintainer of toets.
//!
//! ```toml
//! # Pentests of intranet applications are planned by the region (CIO-2026-044).
//! [rules]
//! pentest-outdated = "warning"
//! ```
//!
//! ## Source
//! CODEOWNERS (the CIO and `@voorbeeldstad/toets-maintainers` for `schemas/`, `src/`,
//! `toets.toml`, `Cargo.toml`, `Cargo.lock` and `.github/`); Collegebesluit 2017/187239,
//! Beleidskader online aanwezigheid, 6 Uitvoering (the CIO is responsible for the central check).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets pr`: het pull request wijzigt een bestand dat de regels zelf vormt in plaats van een
//! registratie: de schema's (`schemas/`), de instellingen (`toets.toml`), de code-eigenaren
//! (`CODEOWNERS`), de CI-workflows (`.github/`) of de code van toets (`src/`, `Cargo.toml`,
//! `Cargo.lock`). Er is één melding per gewijzigd bestand. Als `toets.toml` of een schema
//! wijzigt, zegt de melding daarop wat de nieuwe regels zouden doen: welke instellingen wijzigen,
//! en hoeveel bevindingen in het register ze niet meer of juist extra zouden melden, met een
//! voorbeeld. (Het pull request zelf wordt nog steeds beoordeeld met de regels van de basis.)
//!
//! ## Waarom
//! Deze bestanden bepalen wat het register moet bevatten, welke regels gelden en hoe streng, en
//! wie een wijziging moet goedkeuren. Een wijziging daarvan verandert de toets voor elke
//! registratie, en heeft dus de CIO nodig, die verantwoordelijk is voor het beleid, en een
//! beheerder van toets, die weet wat de wijziging doet. CODEOWNERS noemt beiden voor deze paden.
//!
//! ## Voorbeeld
//! Fout: een pull request dat een registratie toevoegt en onderweg in `toets.toml` een regel
//! uitzet, beoordeeld als gewone wijziging van het register.
//!
//! ```toml
//! [rules]
//! pentest-outdated = "off"
//! ```
//!
//! Goed: de registratie in één pull request; de wijziging van `toets.toml` in een eigen pull
//! request, met de reden, goedgekeurd door de CIO en een beheerder van toets.
//!
//! ```toml
//! # Pentests van intranettoepassingen plant de regio (CIO-2026-044).
//! [rules]
//! pentest-outdated = "warning"
//! ```
//!
//! ## Bron
//! CODEOWNERS (de CIO en `@voorbeeldstad/toets-maintainers` voor `schemas/`, `src/`, `toets.toml`,
//! `Cargo.toml`, `Cargo.lock` en `.github/`); Collegebesluit 2017/187239, Beleidskader online
//! aanwezigheid, 6 Uitvoering (de CIO is verantwoordelijk voor de centrale toets).

use super::{Check, Rule};
use crate::finding::{Finding, Lang, Pos, Severity};
use crate::pr::ChangeView;
use crate::rules_change::{RulesChange, Setting};

pub const RULE: Rule = Rule {
    name: "governance-changed",
    severity: Severity::Warning,
    source: "CODEOWNERS; Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering",
    url: "",
    doc: include_str!("governance_changed.rs"),
    check: Check::Change(check),
};

/// Settings named in the message; the rest are counted.
const SETTINGS_NAMED: usize = 3;

fn check(view: &ChangeView, out: &mut Vec<Finding>) {
    let lang = view.lang();
    // The effect of the new rules as a whole is told once: on `toets.toml`, else on the schema.
    let effect = view.rules.filter(|r| r.invalid.is_none()).and_then(|r| {
        let file = r.files.iter().find(|f| view.governance.contains(f))?;
        Some((file, effect(r, lang)))
    });
    for path in view.governance {
        let mut message = lang.pick(
            format!("This pull request changes `{path}`, which is part of the rules themselves, not of a record."),
            format!("Dit pull request wijzigt `{path}`, dat deel is van de regels zelf, niet van een registratie."),
        );
        if let Some((_, effect)) = effect.as_ref().filter(|(file, _)| *file == path) {
            message.push(' ');
            message.push_str(effect);
        }
        out.push(view.finding(&RULE, path, Pos { line: 1, column: 1 }, "", message).with_help(lang.pick(
            "A change to the rules needs the approval of the CIO (see CODEOWNERS) and the review of a maintainer of toets. Keep it in a pull request of its own, apart from changes to records.",
            "Een wijziging van de regels heeft de goedkeuring nodig van de CIO (zie CODEOWNERS) en de beoordeling van een beheerder van toets. Houd haar in een eigen pull request, los van wijzigingen van registraties.",
        )));
    }
}

/// "With this change, `cio-approval-missing` would be off (now an error): 3 findings would no
/// longer be reported, e.g. `registry/a.yaml` line 24 (`cio-approval-missing`)."
fn effect(change: &RulesChange, lang: Lang) -> String {
    let named: Vec<String> = change.settings.iter().take(SETTINGS_NAMED).map(|s| setting(s, lang)).collect();
    let mut settings = named.join(", ");
    let rest = change.settings.len().saturating_sub(SETTINGS_NAMED);
    if rest > 0 {
        settings.push_str(&lang.pick(format!(" (and {rest} more settings)"), format!(" (en nog {rest} instellingen)")));
    }
    // Per list: the noun and the verb for one and for more, in English and in Dutch.
    type Words = [&'static str; 4];
    let lists: [(&Vec<Finding>, Words, Words); 4] = [
        (
            &change.dropped,
            ["finding", "findings", "would no longer be reported", "would no longer be reported"],
            ["bevinding", "bevindingen", "zou niet meer gemeld worden", "zouden niet meer gemeld worden"],
        ),
        (
            &change.added,
            ["finding", "findings", "would be added", "would be added"],
            ["bevinding", "bevindingen", "zou erbij komen", "zouden erbij komen"],
        ),
        (
            &change.softened,
            ["error", "errors", "would only be a warning", "would only be warnings"],
            ["fout", "fouten", "zou alleen nog een waarschuwing zijn", "zouden alleen nog een waarschuwing zijn"],
        ),
        (
            &change.hardened,
            ["warning", "warnings", "would be an error", "would be errors"],
            ["waarschuwing", "waarschuwingen", "zou een fout worden", "zouden een fout worden"],
        ),
    ];
    let counts: Vec<String> = lists
        .into_iter()
        .filter_map(|(list, en, nl)| {
            let first = list.first()?;
            let n = list.len();
            let words = lang.pick(en, nl);
            let (noun, verb) = if n == 1 { (words[0], words[2]) } else { (words[1], words[3]) };
            let example = lang.pick(
                format!("e.g. `{}` line {} (`{}`)", unquoted(&first.file), first.line, first.rule),
                format!("bijv. `{}` regel {} (`{}`)", unquoted(&first.file), first.line, first.rule),
            );
            Some(format!("{n} {noun} {verb}, {example}"))
        })
        .collect();
    let counts = if counts.is_empty() {
        lang.pick("toets would find the same in this registry", "toets zou in dit register hetzelfde vinden").to_owned()
    } else {
        counts.join("; ")
    };
    match (settings.is_empty(), lang) {
        (true, Lang::En) => format!("With this change, {counts}."),
        (true, Lang::Nl) => format!("Gevolg van deze wijziging: {counts}."),
        (false, Lang::En) => format!("With this change, {settings}: {counts}."),
        (false, Lang::Nl) => format!("Met deze wijziging {settings}: {counts}."),
    }
}

/// "`cio-approval-missing` would be off (now an error)", "`thresholds.pentest_months` would be
/// `1200` (now `12`)". A value from the configuration cannot close its quotes.
fn setting(s: &Setting, lang: Lang) -> String {
    let value =
        |v: &str| if v.is_empty() { lang.pick("nothing", "niets").to_owned() } else { format!("`{}`", unquoted(v)) };
    if let Some(rule) = s.name.strip_prefix("rules.") {
        let (en, nl) = (level(&s.head, lang, false), level(&s.base, lang, true));
        return lang.pick(format!("`{rule}` would be {en} (now {nl})"), format!("zou `{rule}` {en} (nu {nl})"));
    }
    let name = &s.name;
    lang.pick(
        format!("`{name}` would be {} (now {})", value(&s.head), value(&s.base)),
        format!("zou `{name}` {} zijn (nu {})", value(&s.head), value(&s.base)),
    )
}

/// A value from a configuration or a path, which cannot close the quotes around it.
fn unquoted(s: &str) -> String {
    s.replace('`', "'")
}

/// A rule's level in words: "off", "a warning", "an error"; in Dutch after "zou" ("uit staan",
/// "een waarschuwing geven") or after "nu" (`now`: "uit", "een waarschuwing").
fn level(name: &str, lang: Lang, now: bool) -> &'static str {
    match (name, lang, now) {
        ("off", Lang::En, _) => "off",
        ("warning", Lang::En, _) => "a warning",
        (_, Lang::En, _) => "an error",
        ("off", Lang::Nl, false) => "uit staan",
        ("warning", Lang::Nl, false) => "een waarschuwing geven",
        (_, Lang::Nl, false) => "een fout geven",
        ("off", Lang::Nl, true) => "uit",
        ("warning", Lang::Nl, true) => "een waarschuwing",
        (_, Lang::Nl, true) => "een fout",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FILE;

    #[test]
    fn a_rule_turned_off_is_told_with_what_it_lets_through() {
        let mut f = Finding::error("cio-approval-missing", "registry/a.yaml", Pos { line: 24, column: 1 }, "x".into());
        f.scope = None;
        let change = RulesChange {
            files: vec![FILE.to_owned()],
            settings: vec![Setting {
                name: "rules.cio-approval-missing".into(),
                base: "error".into(),
                head: "off".into(),
            }],
            dropped: vec![f.clone(), f.clone(), f],
            ..RulesChange::default()
        };
        assert_eq!(
            effect(&change, Lang::En),
            "With this change, `cio-approval-missing` would be off (now an error): 3 findings would no longer be \
             reported, e.g. `registry/a.yaml` line 24 (`cio-approval-missing`)."
        );
        assert_eq!(
            effect(&change, Lang::Nl),
            "Met deze wijziging zou `cio-approval-missing` uit staan (nu een fout): 3 bevindingen zouden niet meer \
             gemeld worden, bijv. `registry/a.yaml` regel 24 (`cio-approval-missing`)."
        );
    }

    #[test]
    fn a_change_that_finds_the_same_says_so() {
        let change = RulesChange { files: vec![FILE.to_owned()], ..RulesChange::default() };
        assert_eq!(effect(&change, Lang::En), "With this change, toets would find the same in this registry.");
        let one =
            |head: &str| Setting { name: "thresholds.pentest_months".into(), base: "12".into(), head: head.into() };
        let change = RulesChange { settings: vec![one("`x")], ..change };
        assert_eq!(
            effect(&change, Lang::En),
            "With this change, `thresholds.pentest_months` would be `'x` (now `12`): toets would find the same in this registry."
        );
    }
}
