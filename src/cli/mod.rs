//! The command line: parsing arguments, printing to the terminal, and picking the exit code.
//!
//! - `quizdesk [PATH]` opens the app (started by `main.rs` through `crate::ui`, not here);
//! - `quizdesk check [--json] [--coverage] PATH...` checks quiz files ([`check`]);
//! - `quizdesk export handout BANK` writes printable worksheets and keys, and
//!   `quizdesk export gift BANK` a Moodle GIFT file ([`export`]);
//! - `quizdesk import gift|aiken FILE` converts questions into a quiz bank ([`import`]);
//! - `quizdesk gradebook FILE...` merges students' results files into a class report
//!   ([`gradebook`]).
//!
//! Every command returns an [`ExitStatus`] (0 clean, 1 problems found, 2 usage or I/O
//! trouble) or a [`Failure`]; [`run`] reports a failure on standard error, in this one place,
//! and [`ExitStatus`] becomes the process's exit code in one place too (its `From` impl). The
//! work itself is done by the core (`bank`, `interop`, `handout`, `results`…), which returns
//! values and typed errors and never prints.

pub mod check;
pub mod export;
pub mod gradebook;
pub mod import;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

pub(crate) use crate::format::plural;

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

/// A subcommand; without one, `quizdesk` opens the app.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check quiz files and folders for mistakes, rustc-style.
    Check(check::CheckArgs),
    /// Export printable material, or a bank for a learning management system.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Merge students' results files (CSV) into a class report.
    Gradebook(gradebook::GradebookArgs),
    /// Convert questions from another format (Moodle GIFT, Aiken) into a quiz bank.
    #[command(subcommand)]
    Import(import::ImportCommand),
}

/// The loss report of a conversion (`import …`, `export gift`).
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Print a loss report on standard output: per question, what was kept and what was lost
    /// (the converted file then goes to --out).
    #[arg(long)]
    pub report: bool,
    /// Print the loss report as JSON on standard output (the converted file then goes to
    /// --out).
    #[arg(long)]
    pub json: bool,
}

impl ReportArgs {
    fn wanted(&self) -> bool {
        self.report || self.json
    }

    /// Refuses a report on standard output when the converted file would go there too.
    fn check(&self, out: Option<&std::path::Path>) -> Result<(), Failure> {
        if self.wanted() && out.is_none() {
            let flag = if self.json { "--json" } else { "--report" };
            return Err(Failure::Trouble(format!(
                "{flag} prints the loss report on standard output: give --out for the converted file"
            )));
        }
        Ok(())
    }

    /// Writes the report as asked (nothing if it was not asked for).
    fn write(
        &self,
        out: &mut dyn Write,
        report: impl FnOnce() -> crate::interop::report::LossReport,
    ) -> Result<(), Failure> {
        if !self.wanted() {
            return Ok(());
        }
        let report = report();
        let text = if self.json {
            report.to_json() + "\n"
        } else {
            report.to_text()
        };
        out.write_all(text.as_bytes())?;
        Ok(())
    }
}

/// When to colour diagnostics.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    /// The colour choice for a stream: `Auto` colours only a terminal.
    fn choice(self, is_terminal: bool) -> ColorChoice {
        match self {
            Self::Always => ColorChoice::Always,
            Self::Never => ColorChoice::Never,
            Self::Auto if is_terminal => ColorChoice::Auto,
            Self::Auto => ColorChoice::Never,
        }
    }

    /// Standard output, coloured as asked.
    pub fn stdout(self) -> StandardStream {
        StandardStream::stdout(self.choice(io::IsTerminal::is_terminal(&io::stdout())))
    }

    /// Standard error, coloured as asked.
    pub fn stderr(self) -> StandardStream {
        StandardStream::stderr(self.choice(io::IsTerminal::is_terminal(&io::stderr())))
    }
}

/// How a command ended; the process's exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: done, nothing wrong (warnings allowed).
    Clean,
    /// 1: done, but the input has errors (a quiz file with errors, questions that could not
    /// be converted, results files rejected).
    Errors,
    /// 2: usage or I/O trouble: a path that does not exist or cannot be read or written.
    Trouble,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        Self::from(match status {
            ExitStatus::Clean => 0,
            ExitStatus::Errors => 1,
            ExitStatus::Trouble => 2,
        })
    }
}

/// A command that could not finish its job. [`run`] (or [`finish`]) reports it once, on
/// standard error.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The input has errors: reported as `quizdesk: {message}`, exit 1.
    #[error("{0}")]
    Errors(String),
    /// Usage or I/O trouble: reported as `quizdesk: {message}`, exit 2.
    #[error("{0}")]
    Trouble(String),
    /// Standard output or error could not be written (a closed pipe): there is nowhere to say
    /// so; exit 2.
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
}

impl Failure {
    /// The exit status the failure ends the process with.
    pub fn status(&self) -> ExitStatus {
        match self {
            Self::Errors(_) => ExitStatus::Errors,
            Self::Trouble(_) | Self::Output(_) => ExitStatus::Trouble,
        }
    }
}

/// What a command returns.
pub type Outcome = Result<ExitStatus, Failure>;

/// Runs a subcommand on the real standard output and error.
pub fn run(command: Command) -> ExitStatus {
    finish(match &command {
        Command::Check(args) => check::run(args),
        Command::Export(command) => export::run(command),
        Command::Gradebook(args) => gradebook::run(args),
        Command::Import(command) => import::run(command),
    })
}

/// The exit status of `outcome`, after reporting a failure on standard error: the one place
/// errors are printed.
pub fn finish(outcome: Outcome) -> ExitStatus {
    outcome.unwrap_or_else(|failure| {
        if !matches!(failure, Failure::Output(_)) {
            let _ = writeln!(io::stderr().lock(), "quizdesk: {failure}");
        }
        failure.status()
    })
}

/// Writes `bytes` to `path` atomically (a reader sees the old file or the new one, never half).
/// Writes `--out` unless it is one of `inputs` (by file identity): a command never replaces
/// the file it reads (`import gift q.gift --out q.gift`).
fn write_output(
    path: &std::path::Path,
    bytes: &[u8],
    inputs: &[&std::path::Path],
) -> Result<(), Failure> {
    if let Some(input) = inputs
        .iter()
        .find(|input| crate::files::read::is_same_file(path, input))
    {
        return Err(Failure::Trouble(format!(
            "--out {} is the input file {}: it would be overwritten; write to another file",
            path.display(),
            input.display()
        )));
    }
    write_file(path, bytes)
}

fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), Failure> {
    crate::files::atomic::write_atomic(path, bytes)
        .map_err(|e| Failure::Trouble(format!("cannot write {}: {e}", path.display())))
}

/// `no problems`, `2 warnings`, `1 error and 0 warnings`.
fn problems(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => "no problems".into(),
        (0, w) => plural(w, "warning", "warnings"),
        (e, w) => format!(
            "{} and {}",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        ),
    }
}

/// The exit status of the desktop app once its window closes: 2, reported, when no window
/// could be opened (no display, say).
pub fn app_finished<E: std::fmt::Display>(result: Result<(), E>) -> ExitStatus {
    finish(
        result
            .map(|()| ExitStatus::Clean)
            .map_err(|e| Failure::Trouble(format!("cannot open a window: {e}"))),
    )
}
