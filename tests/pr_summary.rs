//! The CIO's summary of a pull request, `toets pr --format markdown` and `--format human`, on
//! real repositories built with git2: what the CIO is asked to decide, per record the changes or
//! key facts and the findings, capped to fit a GitHub comment, with nothing a record says able to
//! inject Markdown, HTML or mentions.

mod common;

use std::process::Command;

use common::Repo;

/// Runs `toets pr --base main --format <format>` on 2026-11-29 in `lang`, without colour.
fn pr(repo: &Repo, format: &str, lang: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_toets"))
        .current_dir(repo.path())
        .env("TOETS_TODAY", "2026-11-29")
        .env_remove("GITHUB_BASE_REF")
        .env("NO_COLOR", "1")
        .env("TOETS_NO_CACHE", "1")
        .args(["--lang", lang, "pr", "--base", "main", "--format", format])
        .output()
        .expect("toets runs");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The output with the commit ids (which change with the test's time stamps) replaced.
fn stable(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(" (") {
        let (before, after) = rest.split_at(at + 2);
        out.push_str(before);
        let id: String = after.chars().take_while(char::is_ascii_hexdigit).collect();
        if id.len() == 10 && after[10..].starts_with(')') {
            out.push_str("<commit>");
            rest = &after[10..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Applies `(from, to)` replacements to a record text, each of which must match.
fn edit(text: String, replacements: &[(&str, &str)]) -> String {
    replacements.iter().fold(text, |t, (from, to)| {
        assert!(t.contains(from), "no `{from}` in the record");
        t.replacen(from, to, 1)
    })
}

const LIVE: &str = "  status: live\n  live_since: 2023-04-01\n";
const CIO: &str = "cio_approval:\n  by: J. Jansen\n  date: 2022-11-20\n  decision_ref: CIO-2022-031\n";
const CHECK: &str = "  outcome: develop_within_platform\n  date: 2022-11-15\n";
const COSTS: &str = "  development_eur: 24000\n  management_eur_per_year: 3500\n";
const PROBLEM: &str = "  problem: Inwoners weten niet wanneer hun container aan de straat moet.\n";
const PRIVACY: &str = "  processes_personal_data: false\n";
const HOSTING: &str = "    provider: gemeente\n    by: municipality\n    location: nl\n";

/// The parking app as proposed: bought externally, costs stated, the CIO not yet involved.
fn parkeerapp(r: String) -> String {
    edit(
        r,
        &[
            ("name: Afvalwijzer", "name: Parkeerapp Voorbeeldstad"),
            (
                "description: Laat per adres zien wanneer welk afval wordt opgehaald.",
                "description: App waarmee bewoners een bezoekersvergunning aanvragen en het parkeren van hun bezoek betalen.",
            ),
            ("kind: webapp", "kind: mobile_app"),
            ("department: Stadsbeheer", "department: Mobiliteit"),
            ("email: stadsbeheer@voorbeeldstad.nl", "email: parkeren@voorbeeldstad.nl"),
            ("platform: public_website", "platform: other"),
            (LIVE, "  status: proposed\n  proposed_on: 2026-09-14\n"),
            (
                PROBLEM,
                "  problem: Bewoners moeten voor elk bezoek aan de balie een kraskaart halen; dat kost hen een ochtend en de gemeente veel baliewerk.\n",
            ),
            (
                CHECK,
                "  outcome: buy_external\n  date: 2026-10-12\n  reference: CT-2026-014\n  external_rationale: Geen van de drie platforms kan kentekens registreren bij de parkeerhandhaving.\n",
            ),
            (CIO, ""),
            (
                COSTS,
                "  development_eur: 12000\n  management_eur_per_year: 3000\n  budget_ref: Programma 2 Verkeer, kostenplaats 32150\n",
            ),
            ("https://www.voorbeeldstad.nl/afvalwijzer", "https://www.voorbeeldstad.nl/parkeerapp"),
            (
                PRIVACY,
                "  processes_personal_data: true\n  statement_url: https://www.voorbeeldstad.nl/privacy\n  processing_register_ref: VR-2026-031\n  dpia:\n    required: false\n    ref: DPIA-TOETS-2026-031\n  processor_agreements:\n    - processor: ParkeerDiensten B.V.\n      date: 2026-10-30\n      ref: VWO-2026-009\n",
            ),
            (HOSTING, "    provider: ParkeerDiensten B.V.\n    by: supplier\n    location: eu\n"),
            (
                "  - means: none\n",
                "  - means: digid\n    level: substantieel\ndigid:\n  connection_number: \"100298\"\n  activated_on: 2026-11-16\n",
            ),
        ],
    )
}

/// A repository with the parking app proposed and the waste app live, on `main`; branch `feature`
/// approves the parking app (with higher costs and a sharper problem), adds a new proposal that
/// processes personal data without the paperwork, and waives a finding of the waste app.
fn purchase() -> Repo {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| edit(r, &[("  security_txt: true\n", "  security_txt: false\n")]));
    repo.record("parkeerapp", parkeerapp);
    repo.commit("base");
    repo.branch("feature");
    repo.record("parkeerapp", |r| {
        edit(
            parkeerapp(r),
            &[
                ("  status: proposed\n", "  status: approved\n"),
                (
                    "costs:\n",
                    "cio_approval:\n  by: M. de Boer\n  date: 2026-11-20\n  decision_ref: CIO-2026-017\ncosts:\n",
                ),
                ("development_eur: 12000", "development_eur: 14500"),
                ("een ochtend en de gemeente", "al snel een ochtend en de gemeente"),
            ],
        )
    });
    repo.record("bomenkaart", |r| {
        edit(
            r,
            &[
                ("name: Afvalwijzer", "name: Bomenkaart"),
                (
                    "description: Laat per adres zien wanneer welk afval wordt opgehaald.",
                    "description: Kaart met alle gemeentelijke bomen, waarop inwoners een zieke boom kunnen melden.",
                ),
                ("department: Stadsbeheer", "department: Groen"),
                ("email: stadsbeheer@voorbeeldstad.nl", "email: groen@voorbeeldstad.nl"),
                (LIVE, "  status: proposed\n  proposed_on: 2026-11-02\n"),
                (PROBLEM, "  problem: Meldingen over zieke bomen komen nu per telefoon binnen, zonder plek of foto.\n"),
                ("check:\n", ""),
                (CHECK, ""),
                (CIO, ""),
                (COSTS, "  development_eur: 8000\n  management_eur_per_year: 1200\n"),
                ("https://www.voorbeeldstad.nl/afvalwijzer", "https://www.voorbeeldstad.nl/bomenkaart"),
                (PRIVACY, "  processes_personal_data: true\n"),
            ],
        )
    });
    repo.record("afvalwijzer", |r| {
        edit(
            r,
            &[
                ("  security_txt: true\n", "  security_txt: false\n"),
                (
                    "last_reviewed: 2026-06-01",
                    "last_reviewed: 2026-06-01\nwaivers:\n  - rule: security-txt-missing\n    reason: De leverancier plaatst security.txt bij de verhuizing naar het nieuwe websiteplatform in maart.\n    expires: 2027-03-31",
                ),
            ],
        )
    });
    repo.commit("Parkeerapp goedgekeurd, voorstel bomenkaart, uitzondering afvalwijzer");
    repo
}

/// The parking desk site as it was: bought externally long ago, live.
fn parkeerloket(r: String) -> String {
    edit(
        r,
        &[
            ("name: Afvalwijzer", "name: Parkeerloket Voorbeeldstad"),
            (
                "description: Laat per adres zien wanneer welk afval wordt opgehaald.",
                "description: Losse parkeersite uit 2014 voor bezoekersvergunningen.",
            ),
            ("kind: webapp", "kind: website"),
            ("department: Stadsbeheer", "department: Mobiliteit"),
            ("platform: public_website", "platform: other"),
            (LIVE, "  status: live\n  live_since: 2014-04-01\n"),
            (PROBLEM, "  problem: Bezoekers van bewoners konden alleen aan de balie een vergunning krijgen.\n"),
            (
                CHECK,
                "  outcome: buy_external\n  date: 2017-11-27\n  external_rationale: In 2014 ingekocht, voor het beleidskader.\n",
            ),
            ("https://www.voorbeeldstad.nl/afvalwijzer", "https://www.voorbeeldstad.nl/parkeerloket"),
            ("archiving:\n  method: national_archive", "archiving:\n  method: national_archive"),
        ],
    )
}

/// The permit application on the municipal website, which replaces the parking desk.
fn parkeervergunning(r: String) -> String {
    edit(
        r,
        &[
            ("name: Afvalwijzer", "name: Parkeervergunning aanvragen"),
            (
                "description: Laat per adres zien wanneer welk afval wordt opgehaald.",
                "description: Vergunningen voor bewoners en bezoekers aanvragen op de gemeentelijke website.",
            ),
            ("department: Stadsbeheer", "department: Mobiliteit"),
            (
                PROBLEM,
                "  problem: Bewoners en hun bezoek moeten voor een parkeervergunning naar de balie, die alleen op werkdagen open is; wie 's avonds bezoek krijgt, kan niets regelen.\n",
            ),
            ("https://www.voorbeeldstad.nl/afvalwijzer", "https://www.voorbeeldstad.nl/parkeren"),
        ],
    )
}

/// A repository where branch `feature` retires the parking desk in favour of the permit
/// application, widens and rewords that application with an exception to an open standard,
/// removes an old map viewer that another record still reuses, and changes `toets.toml`.
fn retirement() -> Repo {
    let repo = Repo::new();
    repo.record("parkeerloket", parkeerloket);
    repo.record("parkeervergunning-aanvragen", parkeervergunning);
    repo.record("kaartviewer", |r| {
        edit(
            r,
            &[
                ("name: Afvalwijzer", "name: Kaartviewer (oud)"),
                (PROBLEM, "  problem: Kaarten van de gemeente stonden verspreid over losse pdf-bestanden.\n"),
                ("https://www.voorbeeldstad.nl/afvalwijzer", "https://www.voorbeeldstad.nl/kaarten"),
            ],
        )
    });
    repo.record("raadsinformatie", |r| {
        edit(
            r,
            &[
                ("name: Afvalwijzer", "name: Raadsinformatie"),
                (
                    PROBLEM,
                    "  problem: Raadsstukken moeten openbaar en doorzoekbaar zijn, met de kaartbijlagen erbij.\n",
                ),
                ("platform: public_website\n", "platform: public_website\nreuses: [kaartviewer]\n"),
                ("https://www.voorbeeldstad.nl/afvalwijzer", "https://www.voorbeeldstad.nl/raad"),
            ],
        )
    });
    repo.commit("base");
    repo.branch("feature");
    repo.record("parkeerloket", |r| {
        edit(
            parkeerloket(r),
            &[(
                "  status: live\n  live_since: 2014-04-01\n",
                "  status: retired\n  live_since: 2014-04-01\n  retired_on: 2026-10-31\n  replaced_by: parkeervergunning-aanvragen\n",
            )],
        )
    });
    repo.record("parkeervergunning-aanvragen", |r| {
        edit(
            parkeervergunning(r),
            &[
                ("die alleen op werkdagen open is", "die alleen op werkdagen tot vijf uur open is"),
                ("wie 's avonds bezoek krijgt, kan niets regelen", "wie 's avonds of in het weekend bezoek krijgt, kan niets regelen"),
                ("audiences: [residents]", "audiences: [residents, businesses]"),
                ("  dnssec: true\n", "  dnssec: false\n"),
                (
                    "archiving:\n",
                    "standards_exceptions:\n  - standard: dnssec\n    reason: De hostingpartij zet DNSSEC aan bij de overstap naar het nieuwe datacentrum.\n    until: 2027-06-30\narchiving:\n",
                ),
            ],
        )
    });
    repo.remove("registry/kaartviewer.yaml");
    repo.write(
        "toets.toml",
        "main_domains = [\"voorbeeldstad.nl\"]\n\n[rules]\n# Elke registratie wordt elk half jaar nagelopen; te laat is een fout.\nreview-outdated = \"error\"\n",
    );
    repo.commit(
        "Parkeerloket uit de lucht; parkeervergunning ook voor bedrijven; kaartviewer weg; review-outdated een fout",
    );
    repo
}

#[test]
fn an_approved_purchase_a_new_proposal_and_a_waiver() {
    let repo = purchase();
    insta::assert_snapshot!("purchase_markdown", stable(&pr(&repo, "markdown", "en")));
    insta::assert_snapshot!("purchase_markdown_nl", stable(&pr(&repo, "markdown", "nl")));
    insta::assert_snapshot!("purchase_human", stable(&pr(&repo, "human", "en")));
}

#[test]
fn a_retirement_with_successor_a_removal_and_a_change_of_rules() {
    let repo = retirement();
    insta::assert_snapshot!("retirement_markdown", stable(&pr(&repo, "markdown", "en")));
    insta::assert_snapshot!("retirement_markdown_nl", stable(&pr(&repo, "markdown", "nl")));
    insta::assert_snapshot!("retirement_human", stable(&pr(&repo, "human", "nl")));
}

/// A repository where branch `feature` takes one application live, rejects a proposal, extends
/// a waiver and raises the yearly costs of a live application, and renames a record.
fn lifecycle() -> Repo {
    let repo = Repo::new();
    let waiver = |until: &str, reason: &str| {
        format!(
            "last_reviewed: 2026-06-01\nwaivers:\n  - rule: security-txt-missing\n    reason: {reason}\n    expires: {until}"
        )
    };
    let afvalwijzer = |r: String, until: &str, reason: &str, yearly: &str| {
        edit(
            r,
            &[
                ("  security_txt: true\n", "  security_txt: false\n"),
                ("last_reviewed: 2026-06-01", &waiver(until, reason)),
                ("management_eur_per_year: 3500", yearly),
            ],
        )
    };
    repo.record("afvalwijzer", |r| {
        afvalwijzer(r, "2026-12-31", "Komt mee met de nieuwe hosting.", "management_eur_per_year: 3500")
    });
    let meldingen = |r: String, status: &str| {
        edit(
            r,
            &[
                ("name: Afvalwijzer", "name: Meldingen openbare ruimte"),
                (
                    PROBLEM,
                    "  problem: Meldingen over losse stoeptegels en kapotte lantaarns komen nu per telefoon binnen.\n",
                ),
                (LIVE, status),
                ("https://www.voorbeeldstad.nl/afvalwijzer", "https://www.voorbeeldstad.nl/melden"),
            ],
        )
    };
    repo.record("meldingen", |r| meldingen(r, "  status: in_development\n"));
    let evenementen = |r: String, status: &str, cio: &str| {
        edit(
            r,
            &[
                ("name: Afvalwijzer", "name: Evenementenapp"),
                ("kind: webapp", "kind: mobile_app"),
                (PROBLEM, "  problem: Bezoekers van evenementen vinden het programma niet.\n"),
                (LIVE, status),
                (CHECK, "  outcome: do_not_develop\n  date: 2026-10-01\n  reference: CT-2026-012\n"),
                (CIO, cio),
                ("https://www.voorbeeldstad.nl/afvalwijzer", "https://www.voorbeeldstad.nl/evenementen"),
            ],
        )
    };
    repo.record("evenementen", |r| evenementen(r, "  status: proposed\n", ""));
    let kaart = |r: String| {
        edit(
            r,
            &[
                ("name: Afvalwijzer", "name: Kaart"),
                (PROBLEM, "  problem: Inwoners zoeken gemeentelijke voorzieningen op een kaart.\n"),
                ("https://www.voorbeeldstad.nl/afvalwijzer", "https://www.voorbeeldstad.nl/kaart"),
            ],
        )
    };
    repo.record("kaart", kaart);
    repo.commit("base");
    repo.branch("feature");
    repo.record("afvalwijzer", |r| {
        afvalwijzer(
            r,
            "2027-06-30",
            "De nieuwe hosting is uitgesteld tot het voorjaar.",
            "management_eur_per_year: 4200",
        )
    });
    repo.record("meldingen", |r| meldingen(r, "  status: live\n  live_since: 2026-11-25\n"));
    repo.record("evenementen", |r| {
        evenementen(
            r,
            "  status: rejected\n",
            "cio_approval:\n  by: M. de Boer\n  date: 2026-11-20\n  decision_ref: CIO-2026-018\n",
        )
    });
    repo.remove("registry/kaart.yaml");
    repo.record("stadskaart", |r| edit(kaart(r), &[("name: Kaart", "name: Stadskaart")]));
    repo.commit("Meldingen live, evenementenapp afgewezen, uitzondering verlengd, kaart hernoemd");
    repo
}

/// The decisions checklist of a Markdown page.
fn checklist(markdown: &str) -> String {
    markdown.lines().filter(|l| l.starts_with("- [ ] ")).collect::<Vec<_>>().join("\n")
}

#[test]
fn going_live_a_rejection_an_extended_waiver_new_costs_and_a_rename() {
    let repo = lifecycle();
    insta::assert_snapshot!("lifecycle_decisions", checklist(&pr(&repo, "markdown", "en")));
    insta::assert_snapshot!("lifecycle_decisions_nl", checklist(&pr(&repo, "markdown", "nl")));
}

/// The text of the page outside code spans, where GitHub would render HTML and link mentions.
fn outside_code(markdown: &str) -> String {
    let mut out = String::new();
    for line in markdown.lines() {
        let mut rest = line;
        while let Some(start) = rest.find('`') {
            out.push_str(&rest[..start]);
            let fence_len = rest[start..].chars().take_while(|c| *c == '`').count();
            let fence = "`".repeat(fence_len);
            let after = &rest[start + fence_len..];
            match after.find(&fence) {
                Some(end) => rest = &after[end + fence_len..],
                None => {
                    rest = after;
                    break;
                }
            }
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

#[test]
fn a_record_cannot_inject_markdown_html_or_mentions() {
    let repo = Repo::new();
    repo.commit("base");
    repo.branch("feature");
    repo.record("aanval", |r| {
        edit(
            r,
            &[
                ("name: Afvalwijzer", "name: \"<img src=x onerror=alert(1)> @cio-team\\n# Goedgekeurd\\n<details> \\u202E\""),
                ("department: Stadsbeheer", "department: \"[klik](https://evil.example) **vet** | kolom\""),
                (
                    PROBLEM,
                    "  problem: \"@cio-team graag snel goedkeuren </details><script>x</script> `code` \\u202Eomgekeerd\"\n",
                ),
                (LIVE, "  status: proposed\n"),
            ],
        )
    });
    repo.commit("aanval");
    let md = pr(&repo, "markdown", "en");
    let open = outside_code(&md);
    for bad in ["<img", "<details", "</details", "<script", "@cio-team", "[klik](", "**vet**", "\u{202E}"] {
        assert!(!open.contains(bad), "`{bad}` reaches the page outside code:\n{md}");
    }
    assert!(!md.contains('\u{202E}'), "a hidden character reaches the page:\n{md}");
    assert!(!md.lines().any(|l| l.starts_with("# ")), "a record starts a heading:\n{md}");
    // What the record says is still there to read, escaped.
    assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;"), "{md}");
    assert!(md.contains("`@`cio-team"), "{md}");
    assert!(md.contains("\\| kolom"), "{md}");
    // The key facts table keeps its two columns.
    let owner = md.lines().find(|l| l.starts_with("| Owner |")).expect("owner row");
    let pipes = owner.char_indices().filter(|(i, c)| *c == '|' && !owner[..*i].ends_with('\\')).count();
    assert_eq!(pipes, 3, "{owner}");
    // In a terminal the hidden character is shown as �.
    let human = pr(&repo, "human", "en");
    assert!(!human.contains('\u{202E}') && human.contains('\u{FFFD}'), "{human}");
}

#[test]
fn many_findings_are_capped_with_a_line_that_says_so() {
    let repo = Repo::new();
    repo.commit("base");
    repo.branch("feature");
    // One record with 20 findings (more than a record may show), then 30 new records with 4
    // errors each: 140 findings in all.
    let extra: String = (0..20).map(|i| format!("onbekend_{i:02}: x\n")).collect();
    repo.record("aa-te-veel", |r| format!("{r}{extra}"));
    for i in 0..30 {
        repo.record(&format!("app-{i:02}"), |r| {
            edit(
                r,
                &[
                    (
                        PROBLEM,
                        &format!("  problem: Probleem nummer {i} van een reeks die niets met elkaar te maken heeft.\n"),
                    ),
                    (PRIVACY, "  processes_personal_data: true\n"),
                ],
            )
        });
    }
    repo.commit("veel");
    let md = pr(&repo, "markdown", "en");
    assert!(md.len() < 65_536, "{} bytes", md.len());
    let is_finding = |l: &&str| l.starts_with("- ❌ ") || l.starts_with("- ⚠️ ") || l.starts_with("- 🔕 ");
    assert_eq!(md.lines().filter(is_finding).count(), 50, "{md}");
    let sections: Vec<&str> = md.split("\n### ").collect();
    let first = sections.iter().find(|s| s.contains("`registry/aa-te-veel.yaml`")).expect("section");
    assert_eq!(first.lines().filter(is_finding).count(), 15, "{first}");
    assert!(first.contains("_… 5 more findings not shown; `toets pr` in a terminal shows them all._"), "{first}");
    let last = sections.iter().find(|s| s.contains("`registry/app-29.yaml`")).expect("section");
    assert_eq!(last.lines().filter(is_finding).count(), 0, "{last}");
    assert!(last.contains("_… 4 more findings not shown;"), "{last}");
    // The terminal shows them all.
    let human = pr(&repo, "human", "en");
    assert!(!human.contains("not shown"));
}

#[test]
fn a_comment_stays_under_githubs_limit_however_large_the_records() {
    let repo = Repo::new();
    repo.commit("base");
    repo.branch("feature");
    let long = "&<@ ".repeat(5_000);
    for i in 0..80 {
        repo.record(&format!("groot-{i:02}"), |r| {
            edit(
                r,
                &[
                    ("name: Afvalwijzer", &format!("name: \"{long}\"")),
                    (PROBLEM, &format!("  problem: \"{long}\"\n")),
                    (LIVE, "  status: proposed\n"),
                ],
            )
        });
    }
    repo.commit("groot");
    let md = pr(&repo, "markdown", "en");
    assert!(md.len() < 65_536, "{} bytes", md.len());
    assert!(md.contains("more decisions not shown;"), "{md}");
    assert!(md.contains("more records not shown;"), "{md}");
    assert!(md.trim_end().ends_with("</sub>"), "the footer is always there");
}
