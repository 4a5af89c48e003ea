//! The command line: `quizdesk [PATH]` opens the app; `quizdesk check [--json] [--coverage]
//! PATH...` checks quiz files; `quizdesk export handout|gift`, `quizdesk import gift|aiken` and
//! `quizdesk gradebook FILE...` convert and report.
//!
//! Exit codes of `check`: 0 when no file has errors (warnings allowed), 1 when any file has
//! errors, 2 for usage or I/O problems (a path that does not exist or cannot be read).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};

use crate::bank::{LoadReport, load_file};
use crate::format::plural;

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
    /// Export printable material, or a bank for a learning management system.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Merge students' results files (CSV) into a class report.
    Gradebook(GradebookArgs),
    /// Convert questions from another format (Moodle GIFT, Aiken) into a quiz bank.
    #[command(subcommand)]
    Import(crate::interop::command::ImportCommand),
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Printable worksheets, one per version (A, B, …), each with an answer key. Version A
    /// matches a session started with the same seed.
    Handout(HandoutArgs),
    /// The bank as a Moodle GIFT file, to import into an LMS. What GIFT cannot hold is
    /// reported and kept as comments.
    Gift(crate::interop::command::GiftExportArgs),
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
        let mut report = match load_file(file) {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(err, "quizdesk: cannot read {}: {e}", file.display());
                trouble = true;
                continue;
            }
        };
        crate::bank::lint::add_lints(&mut report);
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
        if args.coverage && write_coverage(out, &report, args.json).is_err() {
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

/// Runs `quizdesk export handout`.
pub fn export_handout(args: &HandoutArgs, out: &mut dyn Write, err: &mut dyn Write) -> CheckStatus {
    let report = match crate::bundled::resolve(&args.bank) {
        Ok(report) => report,
        Err(e) => {
            let _ = writeln!(err, "quizdesk: {e}");
            return CheckStatus::Trouble;
        }
    };
    let Some(bank) = &report.bank else {
        let _ = write!(err, "{}", report.render());
        let _ = writeln!(
            err,
            "quizdesk: {} has errors; fix them first",
            report.path.display()
        );
        return CheckStatus::Errors;
    };
    let format = match args.format {
        HandoutFormat::Html => crate::handout::Format::Html,
        HandoutFormat::Md => crate::handout::Format::Markdown,
    };
    let files = match crate::handout::handouts(bank, args.seed, usize::from(args.versions), format)
    {
        Ok(files) => files,
        Err(e) => {
            let _ = writeln!(err, "quizdesk: {e}");
            return CheckStatus::Errors;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        let _ = writeln!(err, "quizdesk: cannot create {}: {e}", args.out.display());
        return CheckStatus::Trouble;
    }
    for file in &files {
        let path = args.out.join(&file.name);
        if let Err(e) = crate::files::atomic::write_atomic(&path, file.contents.as_bytes()) {
            let _ = writeln!(err, "quizdesk: cannot write {}: {e}", path.display());
            return CheckStatus::Trouble;
        }
        let _ = writeln!(out, "wrote {}", path.display());
    }
    CheckStatus::Clean
}

/// Runs `quizdesk gradebook`: exit 0 when every file was used, 1 when some were rejected but a
/// report was made, 2 for usage problems or when no file was usable.
pub fn gradebook(args: &GradebookArgs, out: &mut dyn Write, err: &mut dyn Write) -> CheckStatus {
    crate::results::gradebook::run(
        &args.files,
        args.bank.as_deref(),
        args.out.as_deref(),
        out,
        err,
    )
}
