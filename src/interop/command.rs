//! The command line of interop: `quizdesk import gift|aiken FILE [--out BANK.ron]` and
//! `quizdesk export gift BANK [--out FILE]`.
//!
//! Diagnostics go to standard error, rendered as `quizdesk check` renders them, then a summary
//! line. Exit codes follow `check`: 0 when everything was converted (warnings allowed), 1 when
//! something could not be converted (the rest is still written), 2 for usage and I/O problems.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};

use super::{Converted, ImportOptions, aiken, gift};
use crate::bank::MAX_FILE_BYTES;
use crate::cli::{CheckStatus, ColorWhen};
use crate::diag::{DiagnosticBuilder, Severity};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Convert a Moodle GIFT file into a quiz bank.
    Gift(ImportArgs),
    /// Convert an Aiken file (multiple choice) into a quiz bank.
    Aiken(ImportArgs),
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
    /// When to colour the diagnostics.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

#[derive(Debug, Args)]
pub struct GiftExportArgs {
    /// A quiz file, or the id of a bundled bank (such as `pact-facts`).
    pub bank: String,
    /// Where to write the GIFT file (default: standard output).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// When to colour the diagnostics.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

fn stderr(color: ColorWhen) -> StandardStream {
    let choice = match color {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto if io::IsTerminal::is_terminal(&io::stderr()) => ColorChoice::Auto,
        ColorWhen::Auto => ColorChoice::Never,
    };
    StandardStream::stderr(choice)
}

/// Runs `quizdesk import …` on the real standard output and error.
pub fn import(command: &ImportCommand) -> CheckStatus {
    let args = match command {
        ImportCommand::Gift(a) | ImportCommand::Aiken(a) => a,
    };
    import_to(command, &mut io::stdout().lock(), &mut stderr(args.color))
}

/// Runs `quizdesk import …`: the bank to `out` (or `--out`), diagnostics to `err`.
pub fn import_to(
    command: &ImportCommand,
    out: &mut dyn Write,
    err: &mut dyn WriteColor,
) -> CheckStatus {
    let (args, format) = match command {
        ImportCommand::Gift(a) => (a, "GIFT"),
        ImportCommand::Aiken(a) => (a, "Aiken"),
    };
    let mut options = ImportOptions::for_path(&args.file);
    if let Some(id) = &args.id {
        if !super::text::is_valid_id(id) {
            let _ = writeln!(
                err,
                "quizdesk: `{id}` is not a valid bank id: use letters, digits, `-`, `_` and `.`, starting with a letter or digit"
            );
            return CheckStatus::Trouble;
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
    let text = match read_text(&args.file) {
        Ok(Ok(text)) => text,
        Ok(Err(problem)) => {
            let _ = writeln!(err, "quizdesk: {}: {problem}", args.file.display());
            return CheckStatus::Errors;
        }
        Err(e) => {
            let _ = writeln!(err, "quizdesk: cannot read {}: {e}", args.file.display());
            return CheckStatus::Trouble;
        }
    };
    let converted = if format == "GIFT" {
        gift::import(&args.file, &text, &options)
    } else {
        aiken::import(&args.file, &text, &options)
    };
    if crate::diag::render_to(
        err,
        &converted.path,
        &converted.text,
        &converted.diagnostics,
    )
    .is_err()
    {
        return CheckStatus::Trouble;
    }
    let questions = converted.bank.questions.len();
    let mut written = None;
    if questions > 0 {
        let ron = converted.to_ron();
        // Every question was checked on its own; check the whole bank too, so a mistake in the
        // converter is reported here rather than by the next `quizdesk check`.
        if let Some(problem) = whole_bank_error(&ron) {
            let _ = writeln!(
                err,
                "quizdesk: internal error: the converted bank does not load ({problem}); please report it"
            );
            return CheckStatus::Errors;
        }
        match &args.out {
            Some(path) => {
                if let Err(e) = crate::progress::atomic::write_atomic(path, ron.as_bytes()) {
                    let _ = writeln!(err, "quizdesk: cannot write {}: {e}", path.display());
                    return CheckStatus::Trouble;
                }
                written = Some(path.clone());
            }
            None => {
                if out.write_all(ron.as_bytes()).is_err() {
                    return CheckStatus::Trouble;
                }
            }
        }
    }
    let _ = writeln!(
        err,
        "{}",
        import_summary(&converted, format, written.as_deref())
    );
    if converted.error_count() > 0 {
        CheckStatus::Errors
    } else {
        CheckStatus::Clean
    }
}

/// The file as text: `Ok(Err(…))` for a file that is not a text quizdesk reads.
fn read_text(path: &Path) -> io::Result<Result<String, String>> {
    let file = std::fs::File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(io::Error::new(io::ErrorKind::IsADirectory, "is a folder"));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Err(format!(
            "the file is larger than the {} MiB limit",
            MAX_FILE_BYTES >> 20
        )));
    }
    Ok(String::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 text (invalid byte at offset {}); re-save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    }))
}

fn whole_bank_error(ron: &str) -> Option<String> {
    struct NoSources;
    impl crate::bank::SourceResolver for NoSources {
        fn read(&self, file: &str) -> Result<String, crate::bank::SourceError> {
            Err(crate::bank::SourceError::NotFound(file.into()))
        }
    }
    let report = crate::bank::load_str(Path::new("converted.ron"), ron, &NoSources);
    report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .map(|d| d.one_line())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

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

fn import_summary(c: &Converted, format: &str, written: Option<&Path>) -> String {
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

/// Runs `quizdesk export gift` on the real standard output and error.
pub fn export_gift(args: &GiftExportArgs) -> CheckStatus {
    export_gift_to(args, &mut io::stdout().lock(), &mut stderr(args.color))
}

/// Runs `quizdesk export gift`: the GIFT text to `out` (or `--out`), diagnostics to `err`.
pub fn export_gift_to(
    args: &GiftExportArgs,
    out: &mut dyn Write,
    err: &mut dyn WriteColor,
) -> CheckStatus {
    let report = match crate::bundled::resolve(&args.bank) {
        Ok(report) => report,
        Err(e) => {
            let _ = writeln!(err, "quizdesk: {e}");
            return CheckStatus::Trouble;
        }
    };
    let Some(bank) = &report.bank else {
        let _ = crate::diag::render_to(err, &report.path, &report.text, &report.diagnostics);
        let _ = writeln!(
            err,
            "quizdesk: {} has errors; fix them first",
            report.path.display()
        );
        return CheckStatus::Errors;
    };
    let export = gift::export(bank);
    let spans = crate::bank::spans::SpanMap::scan(&report.text);
    let builder = DiagnosticBuilder::new(&report.path, &report.text);
    let diagnostics: Vec<_> = export
        .notes
        .iter()
        .map(|n| {
            let range = spans
                .nearest(&format!("questions[{}].{}", n.question, n.field))
                .map_or(0..0, |(_, s)| s.value.clone());
            builder.at(
                Severity::Warning,
                range,
                &n.message,
                "not kept in GIFT",
                n.hint.clone(),
            )
        })
        .collect();
    if crate::diag::render_to(err, &report.path, &report.text, &diagnostics).is_err() {
        return CheckStatus::Trouble;
    }
    match &args.out {
        Some(path) => {
            if let Err(e) = crate::progress::atomic::write_atomic(path, export.text.as_bytes()) {
                let _ = writeln!(err, "quizdesk: cannot write {}: {e}", path.display());
                return CheckStatus::Trouble;
            }
        }
        None => {
            if out.write_all(export.text.as_bytes()).is_err() {
                return CheckStatus::Trouble;
            }
        }
    }
    let total = bank.questions().len();
    let mut line = format!(
        "exported {} of {} to GIFT: {}",
        export.exported,
        plural(total, "question", "questions"),
        problems(0, diagnostics.len())
    );
    if let Some(path) = &args.out {
        line.push_str(&format!("; wrote {}", path.display()));
    }
    let _ = writeln!(err, "{line}");
    CheckStatus::Clean
}
