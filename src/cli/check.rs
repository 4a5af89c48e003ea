//! `quizdesk check [--json] [--coverage] PATH...`: quiz files checked and reported rustc-style.
//!
//! Exit codes: 0 when no file has errors (warnings allowed), 1 when any file has errors, 2 for
//! usage or I/O problems (a path that does not exist or cannot be read).

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use codespan_reporting::term::termcolor::WriteColor;

use super::{ColorWhen, ExitStatus, Outcome, plural};
use crate::bank::{LoadReport, load_file};
use crate::files::walk::collect_quiz_files;

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
    /// Also report which paragraphs of each bank's source no question cites.
    #[arg(long)]
    pub coverage: bool,
}

/// Runs `quizdesk check` on the real standard output and error.
pub fn run(args: &CheckArgs) -> Outcome {
    check(args, &mut args.color.stdout(), &mut io::stderr().lock())
}

/// Runs `quizdesk check`, writing diagnostics to `out` and I/O problems to `err`.
pub fn check(args: &CheckArgs, out: &mut dyn WriteColor, err: &mut dyn Write) -> Outcome {
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
    let (mut errors, mut warnings, mut files_with_errors, mut unreadable) = (0, 0, 0, 0);
    for file in &files {
        let mut report = match load_file(file) {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(err, "quizdesk: cannot read {}: {e}", file.display());
                trouble = true;
                unreadable += 1;
                continue;
            }
        };
        crate::bank::lint::add_lints(&mut report);
        errors += report.error_count();
        warnings += report.warning_count();
        files_with_errors += usize::from(report.has_errors());
        if args.json {
            write_json(out, &report)?;
        } else {
            crate::diag::render_to(out, &report.path, &report.text, &report.diagnostics)?;
        }
        if args.coverage {
            write_coverage(out, &report, args.json)?;
        }
    }
    if !files.is_empty() {
        let mut summary = summary_line(
            files.len() - unreadable,
            files_with_errors,
            errors,
            warnings,
        );
        // A file that could not be read was not checked: never "no problems found" alone.
        if unreadable == files.len() {
            summary = format!("{} could not be read", plural(unreadable, "file", "files"));
        } else if unreadable > 0 {
            summary = format!(
                "{summary}; {} could not be read",
                plural(unreadable, "file", "files")
            );
        }
        // With --json, stdout carries only JSON lines.
        let _ = if args.json {
            writeln!(err, "{summary}")
        } else {
            writeln!(out, "{summary}")
        };
    }
    Ok(if trouble {
        ExitStatus::Trouble
    } else if errors > 0 {
        ExitStatus::Errors
    } else {
        ExitStatus::Clean
    })
}

fn write_json(out: &mut dyn WriteColor, report: &LoadReport) -> io::Result<()> {
    let index = crate::diag::LineIndex::new(&report.text);
    for d in &report.diagnostics {
        writeln!(out, "{}", d.to_json_with(&report.text, &index))?;
    }
    Ok(())
}

/// The coverage of a bank's source: how many paragraphs are cited, and the first words of
/// each one that is not.
fn write_coverage(out: &mut dyn WriteColor, report: &LoadReport, json: bool) -> io::Result<()> {
    let Some(bank) = &report.bank else {
        return Ok(());
    };
    let path = report.path.display();
    let Some(coverage) = crate::bank::lint::coverage(bank) else {
        if !json {
            writeln!(out, "coverage: {path} has no source to cover")?;
        }
        return Ok(());
    };
    let uncited = coverage.uncited();
    let total = coverage.citations.len();
    if json {
        let value = serde_json::json!({
            "path": report.path.display().to_string(),
            "coverage": {
                "paragraphs": total,
                "citations": coverage.citations,
                "uncited": uncited,
            }
        });
        return writeln!(out, "{value}");
    }
    let title = bank.source().map(|s| s.title.as_str()).unwrap_or_default();
    writeln!(
        out,
        "coverage: {path} cites {} of {total} paragraphs of “{title}”{}",
        total - uncited.len(),
        if uncited.is_empty() {
            ""
        } else {
            "; not cited:"
        }
    )?;
    for p in uncited {
        let text = bank
            .source()
            .and_then(|s| s.text.paragraph(p))
            .unwrap_or_default();
        let mut start: String = text.chars().take(70).collect();
        if text.chars().count() > 70 {
            start.push('…');
        }
        writeln!(out, "  paragraph {p}: {start}")?;
    }
    Ok(())
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
