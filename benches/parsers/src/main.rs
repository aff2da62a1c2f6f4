//! YAML parser comparison: corpus throughput + YAML test-suite accept/reject agreement, for the
//! choice of toets's parser (see `benches/parsers.sh` and the README's "Speed").
//!
//! Usage: parsers [bench|suite|all] [CORPUS_DIR] [SUITE_DIR] [filter]
//! Every parser function walks the whole event/token/node stream and folds the line and
//! column of every item into a checksum, so nothing can be optimised away.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

type R = Result<u64, ()>;

// ---------------------------------------------------------------- saphyr-parser 0.3.4
fn saphyr_events(s: &str) -> R {
    let mut acc = 0u64;
    for r in saphyr_parser::Parser::new_from_str(s) {
        match r {
            Ok((ev, sp)) => {
                acc = acc.wrapping_add((sp.start.line() * 131 + sp.start.col()) as u64 + 1);
                black_box(&ev);
            }
            Err(_) => return Err(()),
        }
    }
    Ok(acc)
}

// Same source, vendored only to make the (private) scanner reachable.
// ---------------------------------------------------------------- yaml-rust2
fn yaml_rust2_events(s: &str) -> R {
    use yaml_rust2::parser::{Event, Parser};
    let mut acc = 0u64;
    let mut p = Parser::new_from_str(s);
    loop {
        match p.next_token() {
            Ok((ev, m)) => {
                acc = acc.wrapping_add((m.line() * 131 + m.col()) as u64 + 1);
                let end = matches!(ev, Event::StreamEnd);
                black_box(&ev);
                if end {
                    break;
                }
            }
            Err(_) => return Err(()),
        }
    }
    Ok(acc)
}

// ---------------------------------------------------------------- granit-parser
fn granit_events(s: &str) -> R {
    let mut acc = 0u64;
    for r in granit_parser::Parser::new_from_str(s) {
        match r {
            Ok((ev, sp)) => {
                acc = acc.wrapping_add((sp.start.line() * 131 + sp.start.col()) as u64 + 1);
                black_box(&ev);
            }
            Err(_) => return Err(()),
        }
    }
    Ok(acc)
}

fn granit_strict_events(s: &str) -> R {
    let opts = granit_parser::options! { strict_indentation: true };
    let mut acc = 0u64;
    for r in granit_parser::Parser::new_from_str_with_options(s, opts) {
        match r {
            Ok((ev, sp)) => {
                acc = acc.wrapping_add((sp.start.line() * 131 + sp.start.col()) as u64 + 1);
                black_box(&ev);
            }
            Err(_) => return Err(()),
        }
    }
    Ok(acc)
}

fn granit_scanner_tokens(s: &str) -> R {
    use granit_parser::{Scanner, TokenType};
    let mut acc = 0u64;
    for r in Scanner::new(granit_parser::StrInput::new(s)) {
        match r {
            Ok(tok) => {
                let (sp, tt) = tok.into_parts();
                acc = acc.wrapping_add((sp.start.line() * 131 + sp.start.col()) as u64 + 1);
                let end = matches!(tt, TokenType::StreamEnd);
                black_box(&tt);
                if end {
                    break;
                }
            }
            Err(_) => return Err(()),
        }
    }
    Ok(acc)
}

// ---------------------------------------------------------------- libyaml-safer
fn libyaml_safer_events(b: &[u8]) -> R {
    use libyaml_safer::{EventData, Parser};
    let mut acc = 0u64;
    let mut input: &[u8] = b;
    let mut p = Parser::new();
    p.set_input_string(&mut input);
    loop {
        match p.parse() {
            Ok(ev) => {
                acc = acc.wrapping_add(ev.start_mark.line * 131 + ev.start_mark.column + 1);
                let end = matches!(ev.data, EventData::StreamEnd);
                black_box(&ev);
                if end {
                    break;
                }
            }
            Err(_) => return Err(()),
        }
    }
    Ok(acc)
}

// ---------------------------------------------------------------- unsafe-libyaml
fn unsafe_libyaml_events(b: &[u8]) -> R {
    use std::mem::MaybeUninit;
    use unsafe_libyaml::*;
    let mut acc = 0u64;
    unsafe {
        let mut parser = MaybeUninit::<yaml_parser_t>::uninit();
        if !yaml_parser_initialize(parser.as_mut_ptr()).ok {
            panic!("init");
        }
        let parser = parser.as_mut_ptr();
        yaml_parser_set_input_string(parser, b.as_ptr(), b.len() as _);
        let mut ev = MaybeUninit::<yaml_event_t>::uninit();
        let res = loop {
            if !yaml_parser_parse(parser, ev.as_mut_ptr()).ok {
                break Err(());
            }
            let e = ev.assume_init_mut();
            acc = acc.wrapping_add((e.start_mark.line * 131 + e.start_mark.column) as u64 + 1);
            let end = e.type_ == YAML_STREAM_END_EVENT;
            black_box(&*e);
            yaml_event_delete(e);
            if end {
                break Ok(acc);
            }
        };
        yaml_parser_delete(parser);
        res
    }
}

// ---------------------------------------------------------------- byte-offset helpers
fn line_starts(s: &str) -> Vec<u32> {
    let mut v = Vec::with_capacity(128);
    v.push(0);
    for (i, b) in s.bytes().enumerate() {
        if b == b'\n' {
            v.push(i as u32 + 1);
        }
    }
    v
}
#[inline]
fn line_col(ls: &[u32], off: u32) -> (u32, u32) {
    let line = ls.partition_point(|&x| x <= off) - 1;
    (line as u32 + 1, off - ls[line])
}

// ---------------------------------------------------------------- yaml_parser (rowan CST)
fn yaml_parser_cst(s: &str) -> R {
    use rowan::{NodeOrToken, WalkEvent};
    let tree = yaml_parser::parse(s).map_err(|_| ())?;
    let ls = line_starts(s);
    let mut acc = 0u64;
    for we in tree.preorder_with_tokens() {
        if let WalkEvent::Enter(el) = we {
            let off = u32::from(el.text_range().start());
            match el {
                NodeOrToken::Node(_) => {
                    // line/column for every syntax node
                    let (l, c) = line_col(&ls, off);
                    acc = acc.wrapping_add((l * 131 + c) as u64 + 1);
                }
                NodeOrToken::Token(t) => {
                    acc = acc.wrapping_add(off as u64 ^ t.kind() as u16 as u64);
                }
            }
        }
    }
    Ok(acc)
}

// ---------------------------------------------------------------- rlsp-yaml-parser
fn rlsp_events(s: &str) -> R {
    let li = rlsp_yaml_parser::LineIndex::new(s);
    let mut acc = 0u64;
    for r in rlsp_yaml_parser::parse_events(s) {
        match r {
            Ok((ev, sp)) => {
                let (l, c) = sp.start_line_column(&li);
                acc = acc.wrapping_add((l * 131 + c) as u64 + 1);
                black_box(&ev);
            }
            Err(_) => return Err(()),
        }
    }
    Ok(acc)
}

// ---------------------------------------------------------------- harness
#[derive(Clone, Copy)]
enum F {
    Str(fn(&str) -> R),
    Bytes(fn(&[u8]) -> R),
}

struct Cand {
    name: &'static str,
    f: F,
    in_suite: bool,
}

fn cands() -> Vec<Cand> {
    vec![
        Cand { name: "saphyr-parser 0.3.4 (events)", f: F::Str(saphyr_events), in_suite: true },
        Cand { name: "yaml-rust2 0.13.2 (events)", f: F::Str(yaml_rust2_events), in_suite: true },
        Cand { name: "granit-parser 2.2.0 (events)", f: F::Str(granit_events), in_suite: true },
        Cand { name: "granit-parser 2.2.0 strict_indentation (events)", f: F::Str(granit_strict_events), in_suite: true },
        Cand { name: "granit-parser 2.2.0 (scanner tokens only)", f: F::Str(granit_scanner_tokens), in_suite: false },
        Cand { name: "libyaml-safer 0.3.0 (events)", f: F::Bytes(libyaml_safer_events), in_suite: true },
        Cand { name: "unsafe-libyaml 0.2.11 (events)", f: F::Bytes(unsafe_libyaml_events), in_suite: true },
        Cand { name: "yaml_parser 0.3.0 (rowan CST + line/col per node)", f: F::Str(yaml_parser_cst), in_suite: true },
        Cand { name: "rlsp-yaml-parser 0.11.1 (events + LineIndex)", f: F::Str(rlsp_events), in_suite: true },
    ]
}

fn run(f: F, bytes: &[u8], text: Option<&str>) -> R {
    match f {
        F::Str(g) => match text {
            Some(t) => g(t),
            None => Err(()), // not UTF-8: a &str parser cannot accept it
        },
        F::Bytes(g) => g(bytes),
    }
}

fn bench(corpus: &Path, filter: &str) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus)
        .expect("corpus dir")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().map_or(false, |e| e == "yaml"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    let total: usize = texts.iter().map(|t| t.len()).sum();
    let n = texts.len();
    println!("corpus: {} files, {} bytes ({:.2} MB), avg {:.0} B/file", n, total, total as f64 / 1e6, total as f64 / n as f64);
    println!("{:<55} {:>9} {:>10} {:>8} {:>7} {:>7}", "parser", "total s", "us/file", "MB/s", "vs base", "errors");
    let mut base = None;
    for c in cands() {
        if !filter.is_empty() && !c.name.contains(filter) {
            continue;
        }
        let mut best = f64::INFINITY;
        let mut errs = 0;
        let mut sum = 0u64;
        for _ in 0..3 {
            errs = 0;
            sum = 0;
            let t0 = Instant::now();
            for t in &texts {
                match run(c.f, t.as_bytes(), Some(t.as_str())) {
                    Ok(v) => sum = sum.wrapping_add(v),
                    Err(()) => errs += 1,
                }
            }
            let dt = t0.elapsed().as_secs_f64();
            black_box(sum);
            best = best.min(dt);
        }
        let b = *base.get_or_insert(best);
        println!(
            "{:<55} {:>9.3} {:>10.2} {:>8.1} {:>6.2}x {:>7}   (checksum {:x})",
            c.name,
            best,
            best * 1e6 / n as f64,
            total as f64 / 1e6 / best,
            b / best,
            errs,
            sum
        );
    }
}

fn suite(dir: &Path, filter: &str) {
    let mut cases: Vec<(String, bool, Vec<u8>)> = Vec::new();
    for e in std::fs::read_dir(dir).expect("suite dir") {
        let p = e.unwrap().path();
        let y = p.join("in.yaml");
        if !y.is_file() {
            continue;
        }
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        cases.push((name, p.join("error").exists(), std::fs::read(&y).unwrap()));
    }
    cases.sort();
    std::panic::set_hook(Box::new(|_| {}));
    let (ids, named): (Vec<_>, Vec<_>) = cases.iter().partition(|c| !c.0.starts_with("name-"));
    println!(
        "suite: {} case folders by id ({} error), plus {} named copies ({} error)",
        ids.len(),
        ids.iter().filter(|c| c.1).count(),
        named.len(),
        named.iter().filter(|c| c.1).count()
    );
    println!("{:<52} {:>12} {:>10} {:>10} {:>7} | {:>12}", "parser", "agree(ids)", "err-accept", "ok-reject", "panics", "agree(all)");
    let _ = std::fs::create_dir_all("target/suite-disagreements");
    for c in cands() {
        if !c.in_suite || (!filter.is_empty() && !c.name.contains(filter)) {
            continue;
        }
        let mut log = String::new();
        let score = |set: &[&(String, bool, Vec<u8>)], log: &mut String| {
            let (mut agree, mut ea, mut vr, mut panics) = (0, 0, 0, 0);
            for (name, is_err, bytes) in set {
                let text = std::str::from_utf8(bytes).ok();
                let r = std::panic::catch_unwind(|| run(c.f, bytes, text));
                let accepted = match r {
                    Ok(Ok(_)) => true,
                    Ok(Err(())) => false,
                    Err(_) => {
                        panics += 1;
                        false
                    }
                };
                if accepted != *is_err {
                    agree += 1;
                } else if *is_err {
                    ea += 1;
                    log.push_str(&format!("{name}\terror case accepted\n"));
                } else {
                    vr += 1;
                    log.push_str(&format!("{name}\tvalid case rejected\n"));
                }
            }
            (agree, ea, vr, panics)
        };
        let (a, ea, vr, pn) = score(&ids, &mut log);
        let all: Vec<_> = cases.iter().collect();
        let mut dummy = String::new();
        let (a2, _, _, _) = score(&all, &mut dummy);
        println!(
            "{:<52} {:>5} / {:<4} {:>10} {:>10} {:>7} | {:>5} / {:<4}",
            c.name,
            a,
            ids.len(),
            ea,
            vr,
            pn,
            a2,
            cases.len()
        );
        let fname = format!("target/suite-disagreements/{}.txt", c.name.replace(' ', "_").replace(['(', ')', '/', '+'], ""));
        let _ = std::fs::write(fname, log);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map(String::as_str).unwrap_or("all");
    let corpus = PathBuf::from(args.get(2).map(String::as_str).unwrap_or("../../target/bench-registry-10000/registry"));
    let sdir = PathBuf::from(args.get(3).map(String::as_str).unwrap_or("../../tests/data/yaml-test-suite"));
    let filter = args.get(4).cloned().unwrap_or_default();
    if mode == "suite" || mode == "all" {
        suite(&sdir, &filter);
    }
    if mode == "bench" || mode == "all" {
        bench(&corpus, &filter);
    }
}
