#!/usr/bin/env python3
"""Generate a synthetic but realistic registry for benchmarking `toets check`.

Usage:
    python3 benches/gen_registry.py OUT_DIR N [--seed SEED] [--today YYYY-MM-DD]

Creates OUT_DIR with
    schemas/            copied from the repository's schemas/ folder (next to benches/)
    toets.toml          lang = "en", main_domains = ["voorbeeldstad.nl"]
    registry/app-00001.yaml ... app-NNNNN.yaml
                        N valid records, about 3-4 KB each, with comments
    registry/domains.yaml
                        the domain overview, one entry per record's domain

Every record is drawn deterministically from small pools: record i depends only on the seed,
the date and i, so app-00042.yaml is the same file whatever N is. Records are valid against
schemas/application.schema.json and follow the policy as a careful civil servant would fill
them in (live applications have a central check outcome, a CIO ratification, a live date,
URLs, an accessibility statement with status A or B; DigiD logins have a DigiD block; BIO2 has a
recent risk analysis; pentests and reviews are less than a year old; partner sites have a
partner block; buying externally has a rationale; suppliers that host personal data have a
processor agreement; proposals do not resemble live applications; ...).

Ages are relative to --today (default 2026-06-01), so check the registry with
`toets --today <the same date> check`, as benches/check.sh does.

Standard library only.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
import sys

MUNICIPALITY = "Voorbeeldstad"
MAIN_DOMAIN = "voorbeeldstad.nl"
REGISTRANT = "Gemeente Voorbeeldstad"
DEFAULT_TODAY = "2026-06-01"  # fixed, so the output never depends on when it runs
TODAY = dt.date.fromisoformat(DEFAULT_TODAY)  # set by main() from --today

# --------------------------------------------------------------------------------------------
# Pools
# --------------------------------------------------------------------------------------------

SUBJECTS = [
    ("Afvalwijzer", "afval", "Inwoners weten niet wanneer welke container wordt geleegd en bellen daarom het KCC."),
    ("Parkeervergunning aanvragen", "parkeren", "Het aanvragen van een parkeervergunning gaat nu op papier en duurt weken."),
    ("Melding openbare ruimte", "meldingen", "Meldingen over losse stoeptegels en kapotte lantaarnpalen komen per telefoon en e-mail binnen en raken zoek."),
    ("Evenementenkalender", "evenementen", "Organisatoren en bezoekers vinden evenementen in de stad niet op één plek."),
    ("Subsidieloket", "subsidies", "Verenigingen weten niet welke subsidies er zijn en hoe ze die aanvragen."),
    ("Open data Voorbeeldstad", "data", "Onderzoekers en journalisten vragen steeds dezelfde gegevens op via Woo-verzoeken."),
    ("Bouwprojecten in beeld", "bouwen", "Omwonenden horen te laat over bouwprojecten in hun straat."),
    ("Bibliotheek-app", "bieb", "Leden willen boeken verlengen en reserveren zonder naar de balie te gaan."),
    ("Wijkbudget", "wijkbudget", "Bewoners willen zelf voorstellen doen en stemmen over het budget van hun wijk."),
    ("Werken bij Voorbeeldstad", "werken", "Vacatures staan verspreid over vakbladen en sociale media; sollicitanten haken af."),
    ("Intranet Plein", "plein", "Medewerkers vinden nieuws, regelingen en collega's niet terug."),
    ("Raadsinformatie", "raad", "Raadsleden en inwoners zoeken stukken van raadsvergaderingen in losse mappen."),
    ("Sportparken reserveren", "sport", "Sportverenigingen reserveren velden en zalen nu per e-mail bij drie verschillende afdelingen."),
    ("Energieloket", "energie", "Huiseigenaren zoeken onafhankelijk advies over isoleren en subsidies voor zonnepanelen."),
    ("Ondernemersloket", "ondernemen", "Ondernemers moeten voor vergunningen en ontheffingen langs verschillende loketten."),
    ("Jeugdhulp wegwijzer", "jeugd", "Ouders weten niet waar ze terechtkunnen met vragen over opvoeden en opgroeien."),
    ("Begraafplaatsen", "begraven", "Nabestaanden zoeken graven en informatie over grafrechten op de begraafplaatsen van de gemeente."),
    ("Erfgoed en monumenten", "erfgoed", "Eigenaren van monumenten weten niet welke regels gelden bij verbouwen."),
    ("Klimaatadaptatie Voorbeeldstad", "klimaat", "Inwoners willen weten wat ze zelf kunnen doen tegen wateroverlast en hitte."),
    ("Mantelzorgpunt", "mantelzorg", "Mantelzorgers kennen de ondersteuning niet waar ze recht op hebben."),
]

# Proposals get their own subjects, so that they do not resemble any live application (the
# policy asks to reuse what exists; a proposal that looks like a live application is flagged).
PROPOSAL_SUBJECTS = [
    ("Zwemrooster", "zwembad", "Banenzwemmers kunnen nergens zien welke baden wanneer vrij zijn.",
     "Toont live de bezetting van zwembaden met een rooster per baan."),
    ("Bomenkaart", "bomen", "Bewoners vragen vaak welke boom gekapt wordt en waarom.",
     "Kaart met elke gemeentelijke boom, zijn soort, leeftijd en geplande snoei- of kapwerkzaamheden."),
    ("Marktkraamplaatsen", "markt", "Marktkooplieden ruilen standplaatsen via WhatsApp-groepen zonder overzicht.",
     "Standplaatsen op weekmarkten reserveren, ruilen en betalen."),
    ("Speeltuinmonitor", "speeltuin", "Kapotte speeltoestellen blijven maanden staan omdat keuringen op papier gaan.",
     "Keurmeesters leggen inspecties van speeltoestellen vast met foto's."),
    ("Hondenuitlaatzones", "honden", "Hondenbezitters kennen losloopgebieden en opruimplicht per wijk slecht.",
     "Overzichtskaart losloopterreinen, poepbakken en hondenbelasting."),
    ("Trouwlocatiezoeker", "trouwen", "Bruidsparen bellen herhaaldelijk over beschikbare trouwzalen en ambtenaren.",
     "Vrije trouwdata, locaties en babs vergelijken en direct vastleggen."),
    ("Fietsparkeerdruk", "fietsen", "Stallingen rond stations staan vol terwijl garages verderop leegstaan.",
     "Sensoren meten bezetting van fietsenstallingen; bezoekers zien vrije plekken."),
    ("Kunstuitleen", "kunst", "Collectie gemeentelijke kunstwerken ligt grotendeels ongezien opgeslagen in depots.",
     "Catalogus gemeentelijke kunstcollectie met bruikleenaanvragen voor scholen."),
]

DEPARTMENTS = [
    ("Publiekszaken", "publiekszaken"),
    ("Stadsbeheer", "stadsbeheer"),
    ("Ruimtelijke Ontwikkeling", "ro"),
    ("Sociaal Domein", "sociaaldomein"),
    ("Communicatie", "communicatie"),
    ("Informatievoorziening", "iv"),
    ("Economische Zaken", "ez"),
    ("Cultuur en Sport", "cultuursport"),
    ("Bedrijfsvoering", "bedrijfsvoering"),
]

PEOPLE = [
    ("Anouk", "de Vries"), ("Bram", "Jansen"), ("Charlotte", "van Dijk"), ("Daan", "Bakker"),
    ("Esra", "Yilmaz"), ("Femke", "Visser"), ("Gijs", "Smit"), ("Hanna", "Meijer"),
    ("Imane", "El Amrani"), ("Joost", "de Boer"), ("Kim", "Mulder"), ("Lars", "de Groot"),
    ("Mila", "Bos"), ("Noah", "Vos"), ("Olga", "Peters"), ("Pieter", "Hendriks"),
    ("Quinten", "van Leeuwen"), ("Roos", "Dekker"), ("Sanne", "Brouwer"), ("Tim", "de Wit"),
]

CONTRACTORS = [
    "Dimpact", "Centric", "PinkRoccade Local Government", "Visma Circle", "Enable U",
    "Acato", "Procurios", "Tamtam", "Exxellence", "Simgroep", "iBabs", "Total Design",
]

HOSTERS = [
    ("Gemeente Voorbeeldstad (eigen rekencentrum)", "nl"),
    ("Dimpact", "nl"),
    ("Centric", "nl"),
    ("Previder", "nl"),
    ("Cyso", "nl"),
    ("TransIP", "nl"),
    ("Hetzner", "eu"),
    ("OVHcloud", "eu"),
]

ANALYTICS = ["Matomo", "Piwik PRO", "Siteimprove Analytics"]
CONSENT = ["Eigen cookiebanner (opt-in)", "Cookiebot", "Cookie Information"]
HOSTERS_BY = {"Gemeente Voorbeeldstad (eigen rekencentrum)": "municipality"}
PARTNERS = [
    "Regio Midden", "GGD Voorbeeldregio", "Veiligheidsregio", "Woningcorporatie Thuis",
    "Ondernemersvereniging", "Stichting Welzijn", "Provincie Voorbeeldland", "Waterschap De Dommel",
]
CIOS = ["M. van der Laan", "R. Kaya"]
LICENSES = ["EUPL-1.2", "MIT", "AGPL-3.0-or-later", "Apache-2.0"]
AUDIT_METHODS = ["WCAG-EM", "WCAG-EM (steekproef 20 pagina's)", "WCAG-EM met gebruikerstest"]
CHANGES = [
    "contactpersonen bijgewerkt na reorganisatie.",
    "pentestrapport en herstelplan toegevoegd.",
    "toegankelijkheidsverklaring vernieuwd na nieuw onderzoek.",
    "verwerkersovereenkomst met de leverancier verlengd.",
    "uitzondering voor DNSSEC toegevoegd, hosting wordt gemigreerd.",
    "kosten bijgewerkt volgens de begroting van dit jaar.",
    "privacyverklaring herschreven in B1-taalniveau.",
    "jaarlijkse controle: geen wijzigingen.",
]

KINDS = ["website", "webapp", "mobile_app", "platform", "partner_site", "redirect", "parked_domain"]
KIND_WEIGHTS = [30, 30, 8, 6, 12, 8, 6]
STATUSES = ["proposed", "approved", "rejected", "in_development", "live", "deprecated", "retired"]
STATUS_WEIGHTS = [6, 5, 3, 8, 60, 8, 10]
PLATFORMS = ["public_website", "intranet_extranet", "open_data_platform", "other"]
AUDIENCES = ["residents", "businesses", "partners", "staff"]
ROLES = ["product_owner", "functional_management", "technical_management", "privacy_officer",
         "security_officer", "communications"]
STANDARDS = ["https_hsts", "dnssec", "ipv6", "rpki", "security_txt", "mail_spf_dkim_dmarc",
             "mail_starttls_dane"]

# --------------------------------------------------------------------------------------------
# YAML helpers
# --------------------------------------------------------------------------------------------

_PLAIN_OK = re.compile(r"^[A-Za-z0-9À-ÿ(][^\n]*$")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "~", ""}


def s(text: str) -> str:
    """A string scalar: plain when that is unambiguous, else double-quoted."""
    plain = (
        _PLAIN_OK.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.lower() not in _RESERVED
        and not re.fullmatch(r"[-+0-9.eE_:]+", text)  # would read as a number or date-like
        and text == text.strip()
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def d(day: dt.date) -> str:
    """A date, unquoted as people write them (YAML 1.2 core schema reads it as a string)."""
    return day.isoformat()


def b(v: bool) -> str:
    return "true" if v else "false"


def folded(text: str, indent: str, width: int = 88) -> list[str]:
    """A folded block scalar (`>-`) with the text wrapped at `width`."""
    words = text.split()
    lines, line = [], ""
    for w in words:
        if line and len(indent) + len(line) + 1 + len(w) > width:
            lines.append(indent + line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(indent + line)
    return lines


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


def rid(i: int) -> str:
    return f"app-{i:05d}"


def domain(i: int) -> str:
    return f"{rid(i)}.{MAIN_DOMAIN}"


def email_of(first: str, last: str) -> str:
    local = f"{first[0]}.{last.replace(' ', '')}".lower()
    return f"{local}@{MAIN_DOMAIN}"


def day_between(r: random.Random, start: dt.date, end: dt.date) -> dt.date:
    span = (end - start).days
    return start + dt.timedelta(days=r.randint(0, max(span, 0)))


def plan(i: int, seed: int) -> dict:
    """The facts of record i, before they are written out."""
    r = random.Random(f"toets-bench-{seed}-{i}")
    kind = r.choices(KINDS, KIND_WEIGHTS)[0]
    status = r.choices(STATUSES, STATUS_WEIGHTS)[0]
    if kind in ("redirect", "parked_domain") and status in ("proposed", "rejected", "in_development"):
        status = "live"
    if status == "proposed":
        subject, slug, problem, desc = r.choice(PROPOSAL_SUBJECTS)
    else:
        (subject, slug, problem), desc = r.choice(SUBJECTS), None
    if kind == "platform":
        platform = r.choice(PLATFORMS[:3])
    elif kind == "partner_site":
        platform = "other"
    elif kind in ("redirect", "parked_domain"):
        platform = "public_website"
    else:
        platform = r.choices(PLATFORMS, [45, 20, 10, 25])[0]
    if platform == "intranet_extranet":
        audiences = ["staff"] + (["partners"] if r.random() < 0.3 else [])
    else:
        audiences = sorted(r.sample(["residents", "businesses", "partners"], r.randint(1, 3)),
                           key=AUDIENCES.index)
    return {"r": r, "kind": kind, "status": status, "subject": subject, "slug": slug, "desc": desc,
            "problem": problem, "platform": platform, "audiences": audiences}


def live_other(r: random.Random, i: int, seed: int, kinds: tuple = ()) -> int | None:
    """An older record (lower number, so record i never depends on N) that is live and of one of
    `kinds` if given: what `reuses` and `lifecycle.replaced_by` point to."""
    if i < 2:
        return None
    for _ in range(20):
        j = r.randint(1, i - 1)
        q = plan(j, seed)
        if q["status"] == "live" and (not kinds or q["kind"] in kinds):
            return j
    return None


def record(i: int, seed: int) -> tuple[str, dict]:
    """The YAML text of record i and its domain-overview entry."""
    p = plan(i, seed)
    r: random.Random = p["r"]
    kind, status, platform = p["kind"], p["status"], p["platform"]
    name = f"{p['subject']} {i}"
    dept, dept_mail = r.choice(DEPARTMENTS)
    has_been_live = status in ("live", "deprecated", "retired")
    online = status in ("live", "deprecated")
    building = status == "in_development"
    if has_been_live:
        proposed_on = day_between(r, TODAY - dt.timedelta(days=12 * 365), TODAY - dt.timedelta(days=3 * 365))
    else:
        proposed_on = day_between(r, TODAY - dt.timedelta(days=3 * 365), TODAY - dt.timedelta(days=150))
    decided = status != "proposed"
    check_date = proposed_on + dt.timedelta(days=r.randint(14, 100))
    cio_date = check_date + dt.timedelta(days=r.randint(3, 30))
    live_since = cio_date + dt.timedelta(days=r.randint(60, 400)) if has_been_live else None
    retired_on = None
    if status == "retired":
        retired_on = min(live_since + dt.timedelta(days=r.randint(200, 2500)), TODAY - dt.timedelta(days=5))
    end = retired_on or TODAY  # nothing is tested, reviewed or harvested after it went offline
    if status == "rejected":
        outcome = "do_not_develop"
    elif platform == "other":
        outcome = "buy_external"
    else:
        outcome = "develop_within_platform"
    personal = kind not in ("redirect", "parked_domain") and r.random() < 0.75
    special = personal and r.random() < 0.15
    login = "none"
    if kind in ("webapp", "mobile_app", "platform") and personal:
        if "businesses" in p["audiences"] and r.random() < 0.5:
            login = "eherkenning"
        elif "residents" in p["audiences"]:
            login = r.choice(["digid", "digid", "own"])
        elif platform == "intranet_extranet":
            login = "own"
    # BIO1.04 was replaced by BIO2; only applications that went offline before still name it.
    bio = "BIO1.04" if status == "retired" and retired_on.year < 2025 else "BIO2"
    hoster, location = r.choice(HOSTERS)
    hosted_by = HOSTERS_BY.get(hoster, "supplier")
    dom = domain(i)
    out: list[str] = []
    w = out.append

    # ---- header ---------------------------------------------------------------------------
    w("# yaml-language-server: $schema=../schemas/application.schema.json")
    w(f"# Registratie {rid(i)}: {name}.")
    w(f"# Beheerd door {dept}; wijzigingen via een pull request, de CIO keurt goed.")
    w("")
    w('schema_version: "1"')
    w(f"id: {rid(i)}")
    w(f"name: {s(name)}")
    desc = p["desc"] or {
        "website": f"Informatieve website over {p['slug']} voor {MUNICIPALITY}.",
        "webapp": f"Webapplicatie waarmee u online zaken rond {p['slug']} regelt.",
        "mobile_app": f"App voor iOS en Android over {p['slug']} in {MUNICIPALITY}.",
        "platform": f"Gemeentelijk platform voor {p['slug']}, gedeeld door meerdere afdelingen.",
        "partner_site": f"Site over {p['slug']} die de gemeente samen met partners maakt.",
        "redirect": f"Oud adres dat doorverwijst naar de pagina over {p['slug']} op {MAIN_DOMAIN}.",
        "parked_domain": f"Geregistreerde domeinnaam voor {p['slug']}, nog niet in gebruik.",
    }[kind]
    w(f"description: {s(desc[:150])}")
    w(f"kind: {kind}")
    w("")
    w("# Opdrachtgever en beheerders")
    w("owner:")
    w(f"  department: {s(dept)}")
    w(f"  email: {dept_mail}@{MAIN_DOMAIN}")
    w("contacts:")
    people = r.sample(PEOPLE, r.randint(2, 4))
    roles = r.sample(ROLES, len(people))
    if "product_owner" not in roles:
        roles[0] = "product_owner"
    for (first, last), role in zip(people, roles):
        w(f"  - name: {s(first + ' ' + last)}")
        w(f"    email: {email_of(first, last)}")
        w(f"    role: {role}")
    contractors: list[str] = []
    w("maintenance:")
    if not (online or building):
        w("  type: none")
    elif outcome == "buy_external" or r.random() < 0.5:
        contractors = r.sample(CONTRACTORS, r.randint(1, 2))
        w("  type: contract")
        w("  contractors:")
        for c in contractors:
            w(f"    - name: {s(c)}")
            w(f"      until: {d(day_between(r, TODAY + dt.timedelta(days=60), TODAY + dt.timedelta(days=4 * 365)))}")
    else:
        w("  type: internal")
    w(f"platform: {platform}")
    if r.random() < 0.25:
        others = sorted({rid(j) for j in (live_other(r, i, seed, ("platform", "website", "webapp"))
                                          for _ in range(r.randint(1, 2))) if j})
        if others:
            w("reuses:")
            for o in others:
                w(f"  - {o}")
    w("")
    w("# Levensfase")
    w("lifecycle:")
    w(f"  status: {status}")
    w(f"  proposed_on: {d(proposed_on)}")
    if live_since:
        w(f"  live_since: {d(live_since)}")
    if retired_on:
        w(f"  retired_on: {d(retired_on)}")
        successor = live_other(r, i, seed) if r.random() < 0.6 else None
        if successor:
            w(f"  replaced_by: {rid(successor)}")
    w("need:")
    w("  problem: >-")
    out.extend(folded(p["problem"] + " " + r.choice([
        "Uit klanttevredenheidsonderzoek blijkt dat dit een van de grootste ergernissen is.",
        "Het KCC krijgt hier wekelijks tientallen vragen over.",
        "De raad heeft in een motie gevraagd dit digitaal mogelijk te maken.",
        "Vergelijkbare gemeenten lossen dit al op binnen hun eigen website.",
        "Uit een gebruikersonderzoek met twaalf inwoners kwam dit als belangrijkste knelpunt naar voren.",
    ] if status != "proposed" else [""]), "    "))
    w("  audiences:")
    for a in p["audiences"]:
        w(f"    - {a}")
    if decided:
        w("")
        w("# Centrale toets en bekrachtiging")
        w("check:")
        w(f"  outcome: {outcome}")
        w(f"  date: {d(check_date)}")
        w(f"  reference: CT-{check_date.year}-{i:05d}")
        if outcome == "buy_external":
            w("  external_rationale: >-")
            out.extend(folded(r.choice([
                "Geen van de drie gemeentelijke platforms ondersteunt het boeken van tijdsloten met betaling.",
                "De functionaliteit wordt als dienst door de leverancier aangeboden aan veel gemeenten; zelf bouwen is duurder.",
                "Landelijke koppelingen (StUF, ZGW-API's) zijn alleen beschikbaar in het pakket van de leverancier.",
            ] if kind != "partner_site" else [
                "De partners beheren de site op hun eigen platform; de gemeente levert alleen inhoud aan.",
            ]), "    "))
        w("cio_approval:")
        w(f"  by: {s(r.choice(CIOS))}")
        w(f"  date: {d(cio_date)}")
        w(f"  decision_ref: CIO-{cio_date.year}-{(i * 7) % 1000:03d}")
    w("")
    w("# Kosten in euro, zonder btw")
    w("costs:")
    if kind in ("redirect", "parked_domain"):
        w("  development_eur: 0")
        w(f"  management_eur_per_year: {r.choice([15, 25, 40])}")
    else:
        dev = r.choice([0, 2500, 8000, 15000, 24500, 40000, 75000, 120000])
        mgmt = dev * r.uniform(0.1, 0.25) + r.choice([0, 500, 1200])
        mgmt = round(mgmt, 2) if r.random() < 0.5 else int(mgmt)
        w(f"  development_eur: {dev}")
        w(f"  management_eur_per_year: {mgmt}")
        w(f"  budget_ref: BP-{proposed_on.year}-{r.randint(100, 999)}")
    # ---- addresses -------------------------------------------------------------------------
    if has_been_live or building:
        w("urls:")
        w(f"  - url: https://{dom}/")
        w("    role: primary")
        if r.random() < 0.3:
            w(f"  - url: https://www.{dom}/")
            w("    role: alias")
        if kind == "mobile_app":
            w(f"  - url: https://apps.apple.com/nl/app/{p['slug']}-{i}/id{6400000000 + i}")
            w("    role: app_store")
            w(f"  - url: https://play.google.com/store/apps/details?id=nl.{MAIN_DOMAIN.split('.')[0]}.{p['slug']}{i}")
            w("    role: app_store")
    # A sub-domain of the main domain (main_domains in toets.toml) needs no domain_justification.
    w("domains:")
    w(f"  - {dom}")
    if kind == "partner_site":
        w("partner:")
        w("  organisations:")
        for o in r.sample(PARTNERS, r.randint(1, 3)):
            w(f"    - {s(o)}")
        w(f"  municipal_role: {r.choice(['initiator', 'funder', 'participant', 'host'])}")
        w(f"  role_statement_url: https://{dom}/over-deze-site")
    if kind not in ("redirect", "parked_domain"):
        w("branding:")
        style = "partner" if kind == "partner_site" else r.choice(["municipal", "municipal", "nlds_theme"])
        w(f"  house_style: {style}")
        w("  sender_visible: true")
    if kind not in ("redirect", "parked_domain") and (has_been_live or building):
        w("")
        w("# Toegankelijkheid (Besluit digitale toegankelijkheid overheid)")
        w("accessibility:")
        if has_been_live:
            stmt = day_between(r, max(live_since, end - dt.timedelta(days=540)), end - dt.timedelta(days=1))
            audit = stmt - dt.timedelta(days=r.randint(10, 60))
            w(f"  statement_url: https://{dom}/toegankelijkheid")
            w(f"  register_url: https://www.toegankelijkheidsverklaring.nl/register/{10000 + i}")
            w(f"  status: {r.choices(['A', 'B'], [45, 55])[0]}")
            w(f"  statement_date: {d(stmt)}")
            w(f"  audit_date: {d(audit)}")
            w(f"  audit_method: {s(r.choice(AUDIT_METHODS))}")
            if online:
                w(f"  planned_audit_date: {d(day_between(r, TODAY + dt.timedelta(days=30), TODAY + dt.timedelta(days=540)))}")
        else:
            w("  # Nog geen onderzoek: de verklaring komt voor de livegang.")
            w(f"  planned_audit_date: {d(day_between(r, TODAY + dt.timedelta(days=30), TODAY + dt.timedelta(days=240)))}")
    # ---- privacy ---------------------------------------------------------------------------
    w("")
    w("# Privacy (AVG)")
    w("privacy:")
    w(f"  processes_personal_data: {b(personal)}")
    if personal:
        w(f"  special_categories: {b(special)}")
        w(f"  statement_url: https://www.{MAIN_DOMAIN}/privacy/{p['slug']}")
        w(f"  processing_register_ref: VR-{r.randint(1, 400):04d}")
        w("  dpia:")
        need_dpia = special or login == "digid"
        w(f"    required: {b(need_dpia)}")
        if need_dpia:
            w(f"    date: {d(check_date - dt.timedelta(days=r.randint(5, 40)))}")
            w(f"    ref: DPIA-{check_date.year}-{r.randint(1, 99):02d}")
        processors = list(contractors)
        if hosted_by == "supplier" and (online or building) and hoster not in processors:
            processors.append(hoster)
        if processors:
            w("  processor_agreements:")
            for c in processors:
                w(f"    - processor: {s(c)}")
                w(f"      date: {d(day_between(r, check_date, min(check_date + dt.timedelta(days=90), TODAY)))}")
                w(f"      ref: VWO-{r.randint(1000, 9999)}")
        w("  cookies:")
        nonessential = r.random() < 0.3
        w(f"    non_essential: {b(nonessential)}")
        if nonessential:
            w(f"    consent_mechanism: {s(r.choice(CONSENT))}")
        w(f"    analytics_tool: {s(r.choice(ANALYTICS))}")
    # ---- security --------------------------------------------------------------------------
    w("")
    w("# Informatiebeveiliging (BIO)")
    w("security:")
    w(f"  bio_version: {bio}")
    if bio == "BIO1.04":
        bbn = 3 if special else (2 if personal else 1)
        why = ["geen persoonsgegevens", "persoonsgegevens", "bijzondere persoonsgegevens"][bbn - 1]
        w(f"  bbn: {bbn}  # {why}")
    elif decided and status != "rejected":
        w(f"  risk_analysis_date: {d(day_between(r, max(check_date, end - dt.timedelta(days=330)), end))}")
    if has_been_live and kind not in ("redirect", "parked_domain"):
        w("  pentest:")
        w(f"    date: {d(day_between(r, max(live_since, end - dt.timedelta(days=330)), end))}")
        w(f"    report_ref: PT-{end.year}-{r.randint(1, 80):03d}")
        w("    open_high: 0  # alle hoge bevindingen zijn opgelost en hertest")
    w("  hosting:")
    w(f"    provider: {s(hoster)}")
    w(f"    by: {hosted_by}")
    w(f"    location: {location}")
    w("authentication:")
    # Special categories of personal data need at least eIDAS substantieel (DigiD) or eh3.
    if login == "digid":
        w("  - means: digid")
        w(f"    level: {'substantieel' if special else 'midden'}")
        if r.random() < 0.3:
            w("  - means: eidas")
            w(f"    level: {'substantieel' if special else 'midden'}")
    elif login == "eherkenning":
        w("  - means: eherkenning")
        w(f"    level: {'eh3' if special else r.choice(['eh2', 'eh2plus', 'eh3'])}")
    else:
        w(f"  - means: {login}")
    if login == "digid" and status != "proposed" and status != "rejected":
        # The yearly ICT security assessment reaches Logius between 1 January and 1 May; a new
        # connection has two months for its first one.
        w("digid:")
        w(f"  connection_number: {s(str(1_000_000 + i * 13))}")
        if not has_been_live:
            w(f"  activated_on: {d(TODAY - dt.timedelta(days=r.randint(5, 50)))}  # testaansluiting")
        elif online:
            year = TODAY.year if TODAY > dt.date(TODAY.year, 5, 1) else TODAY.year - 1
            window = (dt.date(year, 1, 10), min(dt.date(year, 4, 30), TODAY))
            if live_since >= window[0]:
                window = (live_since, TODAY)
            w(f"  activated_on: {d(live_since)}")
            w(f"  last_assessment_date: {d(day_between(r, *window))}")
        else:
            w(f"  activated_on: {d(live_since)}")
            w(f"  last_assessment_date: {d(day_between(r, max(live_since, end - dt.timedelta(days=330)), end))}")
    # ---- open standards --------------------------------------------------------------------
    w("")
    w("# Open standaarden, zoals internet.nl ze test")
    w("standards:")
    values = {}
    for std in STANDARDS:
        # HTTPS with HSTS is the law and security.txt without it is a warning: both in place.
        values[std] = std in ("https_hsts", "security_txt") or r.random() < 0.85
        w(f"  {std}: {b(values[std])}")
    failing = [std for std in STANDARDS if not values[std]]
    if failing and status != "retired":
        w("standards_exceptions:")
        for std in failing:
            w(f"  - standard: {std}")
            w(f"    reason: {s(r.choice(['De hostingpartij ondersteunt dit nog niet', 'Wordt meegenomen bij de migratie naar het nieuwe platform', 'Leverancier heeft dit op de roadmap gezet']))}")
            w(f"    until: {d(day_between(r, TODAY + dt.timedelta(days=30), TODAY + dt.timedelta(days=540)))}")
    if kind in ("website", "platform", "partner_site") and has_been_live:
        w("archiving:")
        w(f"  method: {r.choice(['own_harvest', 'supplier', 'national_archive'])}")
        w(f"  frequency: {r.choice(['weekly', 'monthly'])}")
        w(f"  last_harvest: {d(day_between(r, max(live_since, end - dt.timedelta(days=25)), end))}")
    if kind in ("webapp", "platform") and r.random() < 0.15:
        w("algorithms:")
        w(f"  - name: {s('Prioritering ' + p['slug'])}")
        w(f"    register_url: https://algoritmes.overheid.nl/nl/algoritme/{p['slug']}-{i}")
    if outcome != "buy_external" and kind in ("webapp", "platform", "mobile_app") and r.random() < 0.5:
        w("source:")
        w(f"  repository: https://github.com/gemeente-{MAIN_DOMAIN.split('.')[0]}/{p['slug']}-{i}")
        w(f"  license: {r.choice(LICENSES)}")
    w("")
    reviewed = day_between(r, max(proposed_on, TODAY - dt.timedelta(days=300)), TODAY)
    w(f"last_reviewed: {d(reviewed)}")
    w("")
    w("# Wijzigingen in deze registratie (de volledige historie staat in git):")
    log_day = proposed_on
    w(f"#   {d(log_day)}  {people[0][0][0]}. {people[0][1]}: registratie aangemaakt.")
    for _ in range(r.randint(2, 5)):
        log_day = day_between(r, log_day, min(log_day + dt.timedelta(days=500), reviewed))
        first, last = r.choice(people)
        w(f"#   {d(log_day)}  {first[0]}. {last}: {r.choice(CHANGES)}")
    text = "\n".join(out) + "\n"

    # ---- domain overview entry -------------------------------------------------------------
    entry = {"fqdn": dom, "registrant": REGISTRANT}
    if status == "retired":
        entry["status"] = "released" if r.random() < 0.5 else "parked"
        entry["since"] = retired_on
    elif kind == "redirect" and has_been_live:
        entry["status"] = "redirect"
        entry["redirects_to"] = MAIN_DOMAIN
        entry["since"] = live_since
    elif has_been_live and kind != "parked_domain":
        entry["status"] = "active"
        entry["since"] = live_since
    else:
        entry["status"] = "parked"
        entry["since"] = cio_date if decided else proposed_on
    return text, entry


def domains_yaml(entries: list[dict]) -> str:
    out = [
        "# yaml-language-server: $schema=../schemas/domains.schema.json",
        f"# Overzicht van alle domeinnamen van de gemeente {MUNICIPALITY}.",
        "# Eén regel per domeinnaam; elke domeinnaam in een registratie staat hier ook.",
        "",
        'schema_version: "1"',
        "domains:",
        "  # Eén subdomein per registratie.",
    ]
    for e in entries:
        out.append(f"  - fqdn: {e['fqdn']}")
        out.append(f"    status: {e['status']}")
        out.append(f"    registrant: {s(e['registrant'])}")
        if "redirects_to" in e:
            out.append(f"    redirects_to: {e['redirects_to']}")
        out.append(f"    since: {d(e['since'])}")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    global TODAY
    args = list(argv[1:])
    options = {"--seed": "20250601", "--today": DEFAULT_TODAY}
    for opt in options:
        if opt in args:
            k = args.index(opt)
            if k + 1 >= len(args):
                print(f"{opt} needs a value", file=sys.stderr)
                return 2
            options[opt] = args[k + 1]
            del args[k:k + 2]
    usage = __doc__.strip().split("\n\n")[1]
    if len(args) != 2 or not args[1].isdigit() or not 1 <= int(args[1]) <= 999999:
        print(usage, file=sys.stderr)
        print("N is a whole number from 1 to 999999 (ids are app-00001, app-00002, ...).", file=sys.stderr)
        return 2
    try:
        seed = int(options["--seed"])
        TODAY = dt.date.fromisoformat(options["--today"])
    except ValueError as e:
        print(f"{e}\n{usage}", file=sys.stderr)
        return 2
    out_dir, n = args[0], int(args[1])
    here = os.path.dirname(os.path.abspath(__file__))
    schemas = os.path.join(os.path.dirname(here), "schemas")
    if os.path.exists(out_dir):
        print(f"{out_dir} already exists; remove it first.", file=sys.stderr)
        return 2
    os.makedirs(os.path.join(out_dir, "registry"))
    shutil.copytree(schemas, os.path.join(out_dir, "schemas"))
    with open(os.path.join(out_dir, "toets.toml"), "w", encoding="utf-8") as f:
        f.write('# Generated by benches/gen_registry.py.\nlang = "en"\n'
                f'main_domains = ["{MAIN_DOMAIN}"]\n')
    entries = []
    total = 0
    for i in range(1, n + 1):
        text, entry = record(i, seed)
        entries.append(entry)
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(out_dir, "registry", f"{rid(i)}.yaml"), "wb") as f:
            f.write(data)
    overview = domains_yaml(entries).encode("utf-8")
    with open(os.path.join(out_dir, "registry", "domains.yaml"), "wb") as f:
        f.write(overview)
    print(f"{out_dir}: {n} records of {total / n / 1024:.1f} KiB on average ({total / 1024 / 1024:.1f} MiB), "
          f"domains.yaml {len(overview) / 1024:.0f} KiB; seed {seed}, today {TODAY}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
