//! `quizdesk export handout BANK` (printable worksheets and answer keys) and
//! `quizdesk export gift BANK` (a Moodle GIFT file) and `quizdesk export moodle-xml BANK` (a
//! Moodle XML file).
//!
//! Exit codes: 0 when everything was written (warnings allowed), 1 when the bank has errors or
//! cannot make the handouts asked for, 2 for usage and I/O problems.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::WriteColor;

use super::{
    ColorWhen, ExitStatus, Failure, Outcome, ReportArgs, plural, problems, write_file, write_output,
};
use crate::bank::{Bank, LoadReport};
use crate::interop::convert::{self, ImportFormat};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Printable worksheets, one per version (A, B, …), each with an answer key. Version A
    /// matches a session started with the same seed.
    Handout(HandoutArgs),
    /// The bank as a Moodle GIFT file, to import into an LMS. What GIFT cannot hold is
    /// reported and kept as comments.
    Gift(GiftExportArgs),
    /// The bank as a Moodle XML file, to import into Moodle's question bank. What Moodle
    /// cannot hold is reported; quizdesk's own fields are kept in a comment Moodle skips.
    MoodleXml(GiftExportArgs),
}

#[derive(Debug, Args)]
pub struct HandoutArgs {
    /// A quiz file, or the id of a bundled bank (such as `pact-facts`).
    pub bank: String,
    /// The seed: the same seed gives the same handouts, byte for byte.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How many versions (1 to 26).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=26))]
    pub versions: u8,
    #[arg(long, value_enum, default_value_t = HandoutFormat::Html)]
    pub format: HandoutFormat,
    /// The folder to write into (created if needed).
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum HandoutFormat {
    Html,
    Md,
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
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Runs `quizdesk export …` on the real standard output and error.
pub fn run(command: &ExportCommand) -> Outcome {
    match command {
        ExportCommand::Handout(args) => {
            handout(args, &mut io::stdout().lock(), &mut io::stderr().lock())
        }
        ExportCommand::Gift(args) => gift(args, &mut io::stdout().lock(), &mut args.color.stderr()),
        ExportCommand::MoodleXml(args) => {
            moodle_xml(args, &mut io::stdout().lock(), &mut args.color.stderr())
        }
    }
}

/// The bank named on the command line, which must load without errors; `show_errors` writes
/// its diagnostics if it does not.
fn checked_bank(
    spec: &str,
    show_errors: impl FnOnce(&LoadReport),
) -> Result<(Bank, LoadReport), Failure> {
    let mut report = crate::bundled::resolve(spec).map_err(Failure::Trouble)?;
    let Some(bank) = report.bank.take() else {
        show_errors(&report);
        return Err(Failure::Errors(format!(
            "{} has errors; fix them first",
            report.path.display()
        )));
    };
    Ok((bank, report))
}

/// Runs `quizdesk export handout`: the files to `--out`, a line per file to `out`.
pub fn handout(args: &HandoutArgs, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let (bank, _) = checked_bank(&args.bank, |report| {
        let _ = write!(err, "{}", report.render());
    })?;
    let format = match args.format {
        HandoutFormat::Html => crate::handout::Format::Html,
        HandoutFormat::Md => crate::handout::Format::Markdown,
    };
    let files = crate::handout::handouts(&bank, args.seed, usize::from(args.versions), format)
        .map_err(|e| Failure::Errors(e.to_string()))?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure::Trouble(format!("cannot create {}: {e}", args.out.display())))?;
    for file in &files {
        let path = args.out.join(&file.name);
        write_file(&path, file.contents.as_bytes())?;
        let _ = writeln!(out, "wrote {}", path.display());
    }
    Ok(ExitStatus::Clean)
}

/// Runs `quizdesk export gift`: the GIFT text to `out` (or `--out`), diagnostics to `err`.
pub fn gift(args: &GiftExportArgs, out: &mut dyn Write, err: &mut dyn WriteColor) -> Outcome {
    export_to(ImportFormat::Gift, args, out, err)
}

/// Runs `quizdesk export moodle-xml`: the XML to `out` (or `--out`), diagnostics to `err`.
pub fn moodle_xml(args: &GiftExportArgs, out: &mut dyn Write, err: &mut dyn WriteColor) -> Outcome {
    export_to(ImportFormat::MoodleXml, args, out, err)
}

/// Exports the bank as `format` (GIFT or Moodle XML, the formats quizdesk also reads back, so
/// that the loss report can measure what came through).
fn export_to(
    format: ImportFormat,
    args: &GiftExportArgs,
    out: &mut dyn Write,
    err: &mut dyn WriteColor,
) -> Outcome {
    args.report.check(args.out.as_deref())?;
    let (bank, report) = checked_bank(&args.bank, |report| {
        let _ = crate::diag::render_to(err, &report.path, &report.text, &report.diagnostics);
    })?;
    let export = match format {
        ImportFormat::MoodleXml => convert::export_moodle_xml(&bank, &report.path, &report.text),
        ImportFormat::Gift => convert::export_gift(&bank, &report.path, &report.text),
        ImportFormat::Aiken | ImportFormat::Sheet => {
            return Err(Failure::Trouble(format!(
                "quizdesk does not export {}",
                format.name()
            )));
        }
    };
    crate::diag::render_to(err, &report.path, &report.text, &export.diagnostics)?;
    match &args.out {
        Some(path) => write_output(path, export.text.as_bytes(), &[&report.path])?,
        None => out.write_all(export.text.as_bytes())?,
    }
    let mut line = format!(
        "exported {} of {} to {}: {}",
        export.exported,
        plural(export.total, "question", "questions"),
        format.name(),
        problems(0, export.diagnostics.len())
    );
    if let Some(path) = &args.out {
        line.push_str(&format!("; wrote {}", path.display()));
    }
    let _ = writeln!(err, "{line}");
    args.report.write(out, || {
        crate::interop::report::LossReport::of_export(
            format,
            &bank,
            &report.path,
            &report.text,
            &export.export,
        )
    })?;
    Ok(ExitStatus::Clean)
}
