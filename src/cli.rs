//! The command line: `quizdesk [PATH]` opens the app, `quizdesk check [--json] PATH...` checks
//! quiz files.
//!
//! Exit codes of `check`: 0 when no file has errors (warnings allowed), 1 when any file has
//! errors, 2 for usage or I/O problems (a path that does not exist or cannot be read).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};

use crate::bank::{LoadReport, load_file};

#[derive(Debug, Parser)]
#[command(
    name = "quizdesk",
    version,
    about = "A desktop quiz and study aid: quiz banks in RON, randomized sessions, explanations that cite the source.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A quiz file or folder of quiz files to open (default: the bundled banks).
    pub path: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check quiz files and folders for mistakes, rustc-style.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Quiz files, or folders to search for `.ron` files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print diagnostics as JSON lines (path, line, column, severity, message, hint).
    #[arg(long)]
    pub json: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Exit status of `quizdesk check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckStatus {
    Clean = 0,
    Errors = 1,
    Trouble = 2,
}

/// Runs `quizdesk check` on the real standard output.
pub fn check(args: &CheckArgs) -> CheckStatus {
    let choice = match args.color {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto if io::IsTerminal::is_terminal(&io::stdout()) => ColorChoice::Auto,
        ColorWhen::Auto => ColorChoice::Never,
    };
    let mut out = StandardStream::stdout(choice);
    let mut err = io::stderr().lock();
    check_to(args, &mut out, &mut err)
}

/// Runs `quizdesk check`, writing diagnostics to `out` and I/O problems to `err`.
pub fn check_to(args: &CheckArgs, out: &mut dyn WriteColor, err: &mut dyn Write) -> CheckStatus {
    let mut trouble = false;
    let mut files = Vec::new();
    for path in &args.paths {
        match collect_quiz_files(path) {
            Ok(found) if found.is_empty() && path.is_dir() => {
                let _ = writeln!(err, "quizdesk: no .ron files in {}", path.display());
                trouble = true;
            }
            Ok(found) => files.extend(found),
            Err(e) => {
                let _ = writeln!(err, "quizdesk: cannot read {}: {e}", path.display());
                trouble = true;
            }
        }
    }
    let (mut errors, mut warnings, mut files_with_errors) = (0, 0, 0);
    for file in &files {
        let report = match load_file(file) {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(err, "quizdesk: cannot read {}: {e}", file.display());
                trouble = true;
                continue;
            }
        };
        errors += report.error_count();
        warnings += report.warning_count();
        files_with_errors += usize::from(report.has_errors());
        let written = if args.json {
            write_json(out, &report)
        } else {
            crate::diag::render_to(out, &report.path, &report.text, &report.diagnostics)
        };
        if written.is_err() {
            return CheckStatus::Trouble;
        }
    }
    if !files.is_empty() {
        let summary = summary_line(files.len(), files_with_errors, errors, warnings);
        // With --json, stdout carries only JSON lines.
        let _ = if args.json {
            writeln!(err, "{summary}")
        } else {
            writeln!(out, "{summary}")
        };
    }
    if trouble {
        CheckStatus::Trouble
    } else if errors > 0 {
        CheckStatus::Errors
    } else {
        CheckStatus::Clean
    }
}

fn write_json(out: &mut dyn WriteColor, report: &LoadReport) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(out, "{}", d.to_json(&report.text))?;
    }
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary_line(files: usize, files_with_errors: usize, errors: usize, warnings: usize) -> String {
    let checked = format!("checked {}", plural(files, "file", "files"));
    match (errors, warnings) {
        (0, 0) => format!("{checked}: no problems found"),
        (0, w) => format!("{checked}: {}, no errors", plural(w, "warning", "warnings")),
        (e, w) => format!(
            "{checked}: {} and {} ({} with errors)",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings"),
            plural(files_with_errors, "file", "files")
        ),
    }
}

/// A file as given, or the `.ron` files below a folder (sorted; hidden folders and `target`
/// skipped).
pub fn collect_quiz_files(path: &Path) -> io::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    let mut pending = vec![path.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let p = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let file_type = entry.file_type()?;
            if file_type.is_dir() {
                if !name.starts_with('.') && name != "target" {
                    pending.push(p);
                }
            } else if p.extension().is_some_and(|e| e == "ron") {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok(files)
}
