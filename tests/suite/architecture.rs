//! The shape of the crate, read from its source: the core stands alone, the two frontends
//! (`cli`, `ui`) sit on top, and no two top-level modules depend on each other in a circle.
//!
//! A module's references are the `crate::X` paths and `use crate::{X, …}` groups in its files,
//! doc comments and test modules included (a doc link is a dependency too); plain `//`
//! comments are left out. `super::` paths are not followed: below a top-level module they stay
//! inside it, and the top-level files name other modules with `crate::`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The frontends: only they may use each other, and nothing else may use them.
const FRONTENDS: [&str; 2] = ["cli", "ui"];

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The top-level module a file belongs to: `src/X.rs` and `src/X/…` are `X`; `lib.rs` and
/// `main.rs` are themselves.
fn top_module(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    let first = first.to_string_lossy();
    first.strip_suffix(".rs").unwrap_or(&first).to_owned()
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `text` without plain `//` comments (doc comments `///` and `//!` are kept). A `//` inside a
/// string (a URL, say) cuts the rest of that line, which can only hide references, never
/// invent one; the test of this file's rules checks real references are still found.
fn without_plain_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[at..].starts_with("///") && !line[at..].starts_with("//!") => {
                &line[..at]
            }
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules `text` refers to through `root` (`crate` inside the library,
/// `quizdesk` in `main.rs`): `root::X` and the names of `use root::{X, Y::…}` groups.
fn references(text: &str, root: &str) -> BTreeSet<String> {
    let text = without_plain_comments(text);
    let pattern = format!("{root}::");
    let mut found = BTreeSet::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(&pattern) {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + pattern.len()..];
        rest = after;
        if before.is_some_and(|c| is_ident(c) || c == ':') {
            continue; // `my_crate::…` or `x::crate::…`: not this root
        }
        if let Some(group) = after.strip_prefix('{') {
            // `use crate::{a, b::c, d::{e, f}}`: the first name of each top-level item.
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && is_ident(c) => {
                        let name: String =
                            group[i..].chars().take_while(|&c| is_ident(c)).collect();
                        found.insert(name);
                        item_start = false;
                    }
                    c if c.is_whitespace() => {}
                    _ => item_start = false,
                }
            }
        } else {
            let name: String = after.chars().take_while(|&c| is_ident(c)).collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

/// Each top-level module of `src/` and the other top-level modules it refers to.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src) {
        let module = top_module(&src, &file);
        let text = std::fs::read_to_string(&file).unwrap();
        let root = if module == "main" {
            "quizdesk"
        } else {
            "crate"
        };
        let mut refs = references(&text, root);
        refs.remove(&module);
        graph.entry(module).or_default().extend(refs);
    }
    graph
}

/// A cycle in `graph`, as `a -> b -> … -> a`, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Unvisited,
        OnPath,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_owned(), Mark::OnPath);
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next).copied().unwrap_or(Mark::Unvisited) {
                Mark::OnPath => {
                    let start = path.iter().position(|n| n == next).unwrap();
                    let mut cycle = path[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::Unvisited if graph.contains_key(next) => {
                    if let Some(cycle) = visit(next, graph, marks, path) {
                        return Some(cycle);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        marks.insert(node.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if marks.get(node).copied().unwrap_or(Mark::Unvisited) == Mark::Unvisited
            && let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn references_are_read_from_paths_and_use_groups_but_not_plain_comments() {
    let text = "use crate::bank::{Bank, Kind};\nuse crate::{diag, session::{Verdict, grade}, text::fold};\n\
        /// See [`crate::source`].\nfn f() { crate::progress::x(); my_crate::ui::y(); }\n\
        // crate::cli is only mentioned here\nlet url = \"https://example.org\"; crate::watch::z();\n";
    let found: Vec<String> = references(text, "crate").into_iter().collect();
    assert_eq!(
        found,
        ["bank", "diag", "progress", "session", "source", "text"]
    );
    assert_eq!(
        references("quizdesk::cli::run(c); quizdesk::ui::run(p)", "quizdesk")
            .into_iter()
            .collect::<Vec<_>>(),
        ["cli", "ui"]
    );
}

#[test]
fn cycles_are_found_and_named() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry((*a).into()).or_default().insert((*b).into());
            g.entry((*b).into()).or_default();
        }
        g
    };
    assert_eq!(
        find_cycle(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])),
        None
    );
    assert_eq!(
        find_cycle(&graph(&[("a", "b"), ("b", "c"), ("c", "b")])),
        Some(vec!["b".into(), "c".into(), "b".into()])
    );
}

#[test]
fn the_core_never_uses_the_frontends_and_main_only_starts_them() {
    let graph = module_graph();
    assert!(graph.contains_key("bank") && graph.contains_key("cli") && graph.contains_key("ui"));
    let mut offenders = Vec::new();
    for (module, refs) in &graph {
        if FRONTENDS.contains(&module.as_str()) || module == "main" {
            continue;
        }
        for frontend in FRONTENDS {
            if refs.contains(frontend) {
                offenders.push(format!("{module} -> {frontend}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "the core uses a frontend: {offenders:?}"
    );
    let main: Vec<&String> = graph["main"].iter().collect();
    assert!(
        main.iter().all(|m| FRONTENDS.contains(&m.as_str())),
        "main.rs should only start a frontend, but uses {main:?}"
    );
}

#[test]
fn no_cycle_between_top_level_modules() {
    let mut graph = module_graph();
    // `lib.rs` names every module and `main.rs` starts the frontends: neither is a module
    // others can depend on.
    graph.remove("lib");
    graph.remove("main");
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "top-level modules depend on each other in a circle: {}",
            cycle.join(" -> ")
        );
    }
}

#[test]
fn the_core_never_parses_arguments_prints_or_picks_an_exit_code() {
    const FRONTEND_ONLY: [&str; 9] = [
        "clap::",
        "println!",
        "eprintln!",
        "print!(",
        "eprint!(",
        "io::stdout",
        "io::stderr",
        "process::exit",
        "ExitCode",
    ];
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    for file in rust_files(&src) {
        let module = top_module(&src, &file);
        if FRONTENDS.contains(&module.as_str()) || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for needle in FRONTEND_ONLY.iter().filter(|needle| code.contains(*needle)) {
                offenders.push(format!("{}:{}: {needle}", file.display(), n + 1));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "the core returns values and errors; the frontends print them: {offenders:#?}"
    );
}
