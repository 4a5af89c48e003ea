//! `quizdesk import gift|aiken|sheet|moodle-xml FILE [--out BANK.ron]`: questions from another
//! format converted into a quiz bank.
//!
//! Diagnostics go to standard error, rendered as `quizdesk check` renders them, then a summary
//! line. Exit codes follow `check`: 0 when everything was converted (warnings allowed), 1 when
//! something could not be converted (the rest is still written), 2 for usage and I/O problems.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use codespan_reporting::term::termcolor::WriteColor;

use super::{ColorWhen, ExitStatus, Failure, Outcome, ReportArgs, plural, problems, write_output};
use crate::bank::MAX_FILE_BYTES;
use crate::interop::convert::{ImportFormat, ReadError, whole_bank_error};
use crate::interop::{Converted, ImportOptions};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Convert a Moodle GIFT file into a quiz bank.
    Gift(ImportArgs),
    /// Convert an Aiken file (multiple choice) into a quiz bank.
    Aiken(ImportArgs),
    /// Convert a spreadsheet (CSV, .xlsx, .xls, .ods; one question per row under a header
    /// row) into a quiz bank.
    Sheet(ImportArgs),
    /// Convert a Moodle XML file (Moodle's question bank export) into a quiz bank.
    MoodleXml(ImportArgs),
}

impl ImportCommand {
    fn parts(&self) -> (&ImportArgs, ImportFormat) {
        match self {
            Self::Gift(a) => (a, ImportFormat::Gift),
            Self::Aiken(a) => (a, ImportFormat::Aiken),
            Self::Sheet(a) => (a, ImportFormat::Sheet),
            Self::MoodleXml(a) => (a, ImportFormat::MoodleXml),
        }
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to convert.
    pub file: PathBuf,
    /// Where to write the bank (default: standard output).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// The bank's id (default: made from the file name).
    #[arg(long)]
    pub id: Option<String>,
    /// The bank's title (default: the file name).
    #[arg(long)]
    pub title: Option<String>,
    /// The sheet of a workbook to read (`import sheet` only; default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// When to colour the diagnostics.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Runs `quizdesk import …` on the real standard output and error.
pub fn run(command: &ImportCommand) -> Outcome {
    let (args, _) = command.parts();
    import(command, &mut io::stdout().lock(), &mut args.color.stderr())
}

/// Runs `quizdesk import …`: the bank to `out` (or `--out`), diagnostics to `err`.
pub fn import(command: &ImportCommand, out: &mut dyn Write, err: &mut dyn WriteColor) -> Outcome {
    let (args, format) = command.parts();
    args.report.check(args.out.as_deref())?;
    let mut options = ImportOptions::for_path(&args.file);
    if let Some(id) = &args.id {
        if !crate::interop::text::is_valid_id(id) {
            return Err(Failure::Trouble(format!(
                "`{id}` is not a valid bank id: use letters, digits, `-`, `_` and `.`, starting with a letter or digit"
            )));
        }
        options.id.clone_from(id);
    }
    if let Some(title) = args
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        options.title = title.to_owned();
    }
    if args.sheet.is_some() && format != ImportFormat::Sheet {
        return Err(Failure::Trouble(
            "`--sheet` is for `quizdesk import sheet` only".into(),
        ));
    }
    options.sheet.clone_from(&args.sheet);
    let converted = format
        .read_and_import(&args.file, &options)
        .map_err(|e| match e {
            ReadError::Io { .. } => Failure::Trouble(e.to_string()),
            ReadError::NotText { .. } => Failure::Errors(e.to_string()),
        })?;
    crate::diag::render_to(
        err,
        &converted.path,
        &converted.text,
        &converted.diagnostics,
    )?;
    let mut written = None;
    if !converted.bank.questions.is_empty() {
        let ron = converted.to_ron();
        if ron.len() as u64 > MAX_FILE_BYTES {
            return Err(Failure::Errors(format!(
                "the converted bank would be {} MiB, over the {} MiB limit of a bank file, so \
                 it could not be loaded; split {} and import it in parts",
                ron.len().div_ceil(1 << 20),
                MAX_FILE_BYTES >> 20,
                args.file.display()
            )));
        }
        if let Some(problem) = whole_bank_error(&ron) {
            return Err(Failure::Errors(format!(
                "internal error: the converted bank does not load ({problem}); please report it"
            )));
        }
        match &args.out {
            Some(path) => {
                write_output(path, ron.as_bytes(), &[&args.file])?;
                written = Some(path.clone());
            }
            None => out.write_all(ron.as_bytes())?,
        }
    }
    let _ = writeln!(
        err,
        "{}",
        summary(&converted, format.name(), written.as_deref())
    );
    args.report.write(out, || {
        crate::interop::report::LossReport::of_import(format.name(), &converted)
    })?;
    Ok(if converted.error_count() > 0 {
        ExitStatus::Errors
    } else {
        ExitStatus::Clean
    })
}

fn summary(c: &Converted, format: &str, written: Option<&Path>) -> String {
    let mut line = format!(
        "converted {} from {} ({format}): {}",
        plural(c.bank.questions.len(), "question", "questions"),
        c.path.display(),
        problems(c.error_count(), c.warning_count())
    );
    if c.error_count() > 0 {
        line.push_str("; questions with errors were left out");
    }
    if let Some(path) = written {
        line.push_str(&format!("; wrote {}", path.display()));
    }
    line
}
