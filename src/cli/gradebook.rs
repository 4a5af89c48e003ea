//! `quizdesk gradebook FILE... [--bank BANK] [--out REPORT.csv|.html]`: students' results files
//! merged into a class report (made by `crate::results::gradebook`).
//!
//! Exit codes: 0 when every file was used, 1 when some were rejected but a report was made, 2
//! for usage problems or when no file was usable.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use super::{ExitStatus, Failure, Outcome, write_file};
use crate::results::gradebook::{GradebookError, build_report};

#[derive(Debug, Args)]
pub struct GradebookArgs {
    /// Students' results files (exported from quizdesk), or folders of them.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The quiz bank: a quiz file or the id of a bundled bank (default: the bundled bank the
    /// files are for, if there is one).
    #[arg(long)]
    pub bank: Option<String>,
    /// Write the report here, as CSV (`.csv`) or printable HTML (`.html`), instead of as text
    /// on standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs `quizdesk gradebook` on the real standard output and error.
pub fn run(args: &GradebookArgs) -> Outcome {
    gradebook(args, &mut io::stdout().lock(), &mut io::stderr().lock())
}

/// Runs `quizdesk gradebook`: the report to `--out` or as text to `out`; rejections, warnings
/// and the summary to `err` (as `file:line: reason`).
pub fn gradebook(args: &GradebookArgs, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let report = match build_report(&args.files, args.bank.as_deref(), args.out.as_deref()) {
        Ok(report) => report,
        Err(GradebookError::UnknownFormat(path)) => {
            return Err(Failure::Trouble(format!(
                "--out {} must end in .csv or .html",
                path.display()
            )));
        }
        Err(e) => {
            if let GradebookError::NoFiles { folders } = &e {
                for problem in folders {
                    let _ = writeln!(err, "quizdesk: {problem}");
                }
            }
            return Err(Failure::Trouble(e.to_string()));
        }
    };
    for problem in &report.folders {
        let _ = writeln!(err, "quizdesk: {problem}");
    }
    for line in report.book.notice_lines() {
        let _ = writeln!(err, "{line}");
    }
    if report.book.students.is_empty() {
        return Err(Failure::Trouble(
            "no usable results file: no report written".into(),
        ));
    }
    let text = report.book.render(report.format);
    match &args.out {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            write_file(path, text.as_bytes())?;
            let _ = writeln!(out, "wrote {}", path.display());
        }
    }
    let _ = writeln!(err, "gradebook: {}", report.book.summary());
    Ok(if report.book.rejected.is_empty() {
        ExitStatus::Clean
    } else {
        ExitStatus::Errors
    })
}
