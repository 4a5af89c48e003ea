//! Loading a bank: bytes → text → RON → [`RawBank`] → checked [`Bank`], with every problem
//! reported as a [`Diagnostic`].
//!
//! Limits keep hostile or broken files harmless: at most [`MAX_FILE_BYTES`], at most
//! [`MAX_NESTING`] levels of nesting, UTF-8 only (a byte-order mark is fine), no NUL bytes,
//! points and rubric weights at most [`MAX_POINTS`].

use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use ron::extensions::Extensions;

use super::model::Bank;
use super::raw::RawBank;
use super::spans::SpanMap;
use super::validate::{Finding, SourceError, SourceResolver, validate};
use crate::diag::{Diagnostic, DiagnosticBuilder, Severity, did_you_mean};

/// The largest quiz or source file quizdesk reads: 16 MiB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// How deeply values may nest. A normal bank needs 7 levels.
pub const MAX_NESTING: usize = 64;
/// The most points a question may be worth, and the largest rubric weight (defined with the
/// checks every kind shares).
pub use crate::kinds::check::MAX_POINTS;

/// The result of loading one file: the bank if it is usable, and every diagnostic.
#[derive(Clone, Debug)]
pub struct LoadReport {
    pub path: PathBuf,
    /// The file's text (invalid UTF-8 replaced), for rendering diagnostics.
    pub text: String,
    pub bank: Option<Bank>,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadReport {
    /// Errors, each summary counted for the problems it sums up.
    pub fn error_count(&self) -> usize {
        crate::diag::count(&self.diagnostics).0
    }

    /// Warnings, each summary counted for the problems it sums up.
    pub fn warning_count(&self) -> usize {
        crate::diag::count(&self.diagnostics).1
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// The diagnostics rendered with source lines and carets.
    pub fn render(&self) -> String {
        crate::diag::render(&self.path, &self.text, &self.diagnostics)
    }
}

/// Loads a bank file from disk, resolving its source relative to the file.
///
/// `Err` is for the file itself being unreadable (missing, a folder, no permission); anything
/// wrong with its contents is a diagnostic in the report.
pub fn load_file(path: &Path) -> io::Result<LoadReport> {
    // Only regular files (a FIFO would block `open` forever), and at most one byte past the
    // limit, which `load_bytes` then reports as a diagnostic.
    let file = crate::files::read::open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    let resolver = FsSources::for_bank(path);
    Ok(load_bytes(path, &bytes, &resolver))
}

/// Loads a bank from bytes; `path` names it in diagnostics.
pub fn load_bytes(path: &Path, bytes: &[u8], sources: &dyn SourceResolver) -> LoadReport {
    // Binary files are shown with control characters replaced (same byte length, so offsets
    // hold) and cut after the problem, so a diagnostic never dumps a binary into a terminal.
    let shown = |upto: usize| {
        let end = (upto + 40).min(bytes.len());
        String::from_utf8_lossy(&bytes[..end])
            .chars()
            .map(|c| {
                if c.is_control() && !matches!(c, '\n' | '\t') {
                    '?'
                } else {
                    c
                }
            })
            .collect::<String>()
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let text = String::from_utf8_lossy(&bytes[..1024.min(bytes.len())]).into_owned();
        let d = DiagnosticBuilder::new(path, &text).at(
            Severity::Error,
            0..0,
            format!(
                "the file is larger than the {} MiB limit",
                MAX_FILE_BYTES >> 20
            ),
            "file too large",
            Some("split the bank into several files".into()),
        );
        return report(path, text, None, vec![d]);
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            // The shown text has the same bytes up to the first invalid one.
            let at = e.valid_up_to();
            let text = shown(at);
            let d = DiagnosticBuilder::new(path, &text).at(
                Severity::Error,
                at..at + 1,
                "the file is not UTF-8 text",
                "invalid UTF-8 here",
                Some(
                    "quiz files are UTF-8 text; re-save it as UTF-8 (is it a binary file?)".into(),
                ),
            );
            return report(path, text, None, vec![d]);
        }
    };
    if let Some(at) = text.find('\0') {
        let text = shown(at);
        let d = DiagnosticBuilder::new(path, &text).at(
            Severity::Error,
            at..at + 1,
            "the file contains a NUL byte",
            "NUL byte",
            Some(if looks_like_utf16(bytes) {
                "the file looks like UTF-16 text (a NUL byte beside most letters): re-save it as UTF-8".into()
            } else {
                "quiz files are plain text; is it a binary file?".into()
            }),
        );
        return report(path, text, None, vec![d]);
    }
    load_str(path, text, sources)
}

/// Whether `bytes` look like UTF-16 without a byte-order mark: in its first 256 bytes, most
/// bytes at even (or at odd) offsets are NUL, as ASCII letters are in UTF-16.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = bytes.get(..256.min(bytes.len())).unwrap_or_default();
    let pairs = head.len() / 2;
    let nul_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    pairs >= 4 && (nul_at(0) * 4 > pairs * 3 || nul_at(1) * 4 > pairs * 3)
}

/// Loads a bank from text; `path` names it in diagnostics.
pub fn load_str(path: &Path, text: &str, sources: &dyn SourceResolver) -> LoadReport {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Old Mac line endings (a carriage return alone) are line breaks too: read as line feeds,
    // byte for byte (so every offset holds), a CR-only file has its lines rather than being one
    // line. A CR before a LF is left alone.
    let unix;
    let text = if has_lone_cr(text) {
        unix = lone_cr_as_lf(text);
        unix.as_str()
    } else {
        text
    };
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING);
    // Line starts are only needed to report something.
    let builder = || DiagnosticBuilder::new(path, text);
    if text.trim().is_empty() {
        let d = builder().at(
            Severity::Error,
            text.len()..text.len(),
            "the file is empty: expected a bank `Bank(…)`",
            "file ends here",
            Some("a bank starts with `Bank(format: 1, id: …, title: …, questions: [ … ])`; see quizzes/template.ron".into()),
        );
        return report(path, text.to_owned(), None, vec![d]);
    }
    let raw: RawBank = match options.from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            // Only a file that failed to parse can be too deep (a bank's own types nest a few
            // levels), so the depth is measured only then, to name the real problem.
            if let Some(at) = super::spans::too_deep(text, MAX_NESTING) {
                let d = builder().at(
                    Severity::Error,
                    at..at + 1,
                    format!("the file nests values more than {MAX_NESTING} levels deep"),
                    "too deep",
                    Some(
                        "a bank needs only a few levels; look for brackets that are never closed"
                            .into(),
                    ),
                );
                return report(path, text.to_owned(), None, vec![d]);
            }
            let d = syntax_diagnostic(&builder(), &e);
            return report(path, text.to_owned(), None, vec![d]);
        }
    };
    let (bank, findings) = validate(raw, sources);
    let diagnostics = if findings.is_empty() {
        Vec::new()
    } else {
        // Only the places findings point at are looked up.
        let spans = SpanMap::scan_for(
            text,
            findings.iter().flat_map(|f| {
                std::iter::once(f.path.as_str()).chain(f.related.iter().map(|(p, _)| p.as_str()))
            }),
        );
        let builder = builder();
        findings
            .iter()
            .map(|f| finding_diagnostic(&builder, &spans, f))
            .collect()
    };
    report(path, text.to_owned(), bank, diagnostics)
}

fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

fn lone_cr_as_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

fn report(
    path: &Path,
    text: String,
    bank: Option<Bank>,
    mut diagnostics: Vec<Diagnostic>,
) -> LoadReport {
    diagnostics.sort_by_key(|d| (d.range.start, std::cmp::Reverse(d.severity)));
    LoadReport {
        path: path.to_path_buf(),
        text,
        bank,
        diagnostics,
    }
}

fn finding_diagnostic(b: &DiagnosticBuilder<'_>, spans: &SpanMap, f: &Finding) -> Diagnostic {
    let range = |path: &str, on_key: bool| {
        spans
            .nearest(path)
            .map_or(0..0, |(_, s)| match (&s.key, on_key) {
                (Some(key), true) => key.clone(),
                _ => s.value.clone(),
            })
    };
    let mut d = b.at(
        f.severity,
        range(&f.path, f.on_key),
        &f.message,
        &f.label,
        f.hint.clone(),
    );
    d.related = f
        .related
        .iter()
        .map(|(path, message)| b.related(range(path, false), message))
        .collect();
    d
}

/// Turns ron's error into a diagnostic that says what was expected, with a hint.
fn syntax_diagnostic(b: &DiagnosticBuilder<'_>, e: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let text = b.text();
    let start = b.index().offset(text, e.span.start.line, e.span.start.col);
    let end = b
        .index()
        .offset(text, e.span.end.line, e.span.end.col)
        .max(start);
    // Point at the identifier or token the error is about, not a whole stretch of text.
    let word_end = |from: usize| {
        let rest = text.get(from..).unwrap_or("");
        let len: usize = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
            .map_or(rest.len(), |(i, _)| i);
        from + len.max(rest.chars().next().map_or(0, char::len_utf8).min(1))
    };
    let skip_space = |at: usize| {
        text.get(at..)
            .and_then(|rest| rest.find(|c: char| !c.is_whitespace()))
            .map_or(text.len(), |i| at + i)
    };
    let token = |at: usize| {
        let at = skip_space(at);
        at..word_end(at)
    };
    // An error at the very end of the text means the file stopped early.
    let at_end = skip_space(start) >= text.trim_end().len()
        && !matches!(e.code, E::TrailingCharacters | E::MissingStructField { .. });
    // A misspelt field or kind: point at the name (ron's span ends just after it) and suggest the
    // closest expected one.
    let unknown_name =
        |found: &str, expected: &[&str], message: String, label: &'static str| -> SyntaxParts {
            let at = text
                .get(..end)
                .and_then(|t| t.rfind(found))
                .unwrap_or(start);
            // A name cut short by an invisible character (pasted with the text): name the
            // character, and the name it was meant to be.
            let after = text.get(at + found.len()..).and_then(|t| t.chars().next());
            if let Some(c) = after.filter(|&c| crate::text::invisible_name(c).is_some()) {
                let rest = text.get(at + found.len() + c.len_utf8()..).unwrap_or("");
                let tail: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let meant = format!("{found}{tail}");
                let end = at + found.len() + c.len_utf8() + tail.len();
                return (
                at..end,
                format!(
                    "the name `{meant}` has an invisible character after `{found}`: {}",
                    crate::text::describe_char(c)
                ),
                "invisible character in this name",
                Some(
                    "delete the name and type it again (the character was probably pasted with it)"
                        .into(),
                ),
            );
            }
            let hint = did_you_mean(found, expected.iter().copied())
                .or_else(|| Some(format!("expected one of: {}", list(expected))));
            (at..at + found.len(), message, label, hint)
        };
    let (range, message, label, hint): SyntaxParts = match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => unknown_name(
            found,
            expected,
            format!("unknown field `{found}`{}", in_outer(outer)),
            "unknown field",
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => unknown_name(
            found,
            expected,
            format!(
                "unknown {} `{found}`",
                outer.as_deref().map_or("variant".to_owned(), describe_enum)
            ),
            "unknown name",
        ),
        E::MissingStructField { field, outer } => (
            start..end.max(start + 1),
            format!("missing field `{field}`{}", in_outer(outer)),
            "this needs the field",
            Some(format!("add `{field}: …`; see quizzes/FORMAT.md")),
        ),
        E::DuplicateStructField { field, outer } => (
            token(start),
            format!("field `{field}` is given twice{}", in_outer(outer)),
            "given again",
            Some("remove one of them".into()),
        ),
        E::InvalidValueForType { expected, found } => (
            start..end.max(start + 1),
            format!("expected {expected}, found {found}"),
            "wrong type",
            type_hint(expected),
        ),
        E::ExpectedDifferentStructName { expected, found } => (
            token(start),
            format!("expected `{}(…)`, found `{found}(…)`", strip_raw(expected)),
            "wrong name",
            Some(format!("write `{}(` or just `(`", strip_raw(expected))),
        ),
        E::ExpectedComma if number_at(text, start).is_some() => {
            number_problem(text, number_at(text, start).unwrap_or(start..start))
        }
        E::ExpectedComma => (
            token(start),
            "expected `,` between fields or items".into(),
            "expected `,` before this",
            Some("separate fields and list items with commas".into()),
        ),
        E::ExpectedStringEnd => (
            start..end.max(start + 1),
            "unterminated string: expected a closing `\"`".into(),
            "string starts here",
            Some("close the string with `\"`; write a quote inside a string as `\\\"`".into()),
        ),
        E::ExpectedString => (
            token(start),
            "expected a string in double quotes".into(),
            "expected `\"…\"`",
            Some("text is written in double quotes: \"like this\"".into()),
        ),
        E::Eof => eof(text),
        _ if at_end => eof(text),
        E::ExpectedInteger | E::IntegerOutOfBounds
            if number_at(text, skip_space(start)).is_some() =>
        {
            number_problem(
                text,
                number_at(text, skip_space(start)).unwrap_or(start..start),
            )
        }
        E::ExpectedInteger | E::IntegerOutOfBounds => (
            token(start),
            "expected a whole number".into(),
            "expected a number",
            Some("numbers are written without quotes, such as 2".into()),
        ),
        E::ExpectedFloat => (
            token(start),
            "expected a number".into(),
            "expected a number",
            Some("numbers are written without quotes, such as 1961 or 0.5".into()),
        ),
        E::ExpectedBoolean => (
            token(start),
            "expected `true` or `false`".into(),
            "expected true or false",
            Some("write `true` or `false`, without quotes".into()),
        ),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => (
            token(start),
            format!(
                "{}: found something else",
                lowercase_first(&e.code.to_string())
            ),
            "expected `(`",
            Some("a struct is written `( field: value, … )`".into()),
        ),
        E::UnclosedBlockComment => {
            let at = text
                .get(..start)
                .and_then(|t| t.rfind("/*"))
                .unwrap_or(start);
            (
                at..at + 2,
                "unclosed comment: expected `*/`".into(),
                "comment starts here",
                Some("close it with `*/` (comments nest: each `/*` needs its own `*/`)".into()),
            )
        }
        E::InvalidEscape(what) => {
            let at = text
                .get(start..)
                .and_then(|t| t.find('\\'))
                .map_or(start, |i| start + i);
            (
                at..word_end(at + 1),
                lowercase_first(what),
                "invalid escape",
                Some(r#"write a backslash as `\\`; the escapes are `\n`, `\t`, `\"`, `\\` and `\u{…}`"#.into()),
            )
        }
        E::ExceededRecursionLimit => (
            token(start),
            format!("the file nests values more than {MAX_NESTING} levels deep"),
            "too deep",
            Some("a bank needs only a few levels; look for unclosed brackets".into()),
        ),
        E::TrailingCharacters => (
            token(start),
            "unexpected text after the end of the bank".into(),
            "after the bank",
            Some("a file holds exactly one `Bank(…)`; remove what follows, or an extra `)`".into()),
        ),
        E::ExpectedStructLikeEnd | E::ExpectedArrayEnd | E::ExpectedMapEnd => (
            token(start),
            format!(
                "{}: found something else",
                lowercase_first(&e.code.to_string())
            ),
            "unexpected here",
            Some("a `,` may be missing before this, or a bracket closed in the wrong place".into()),
        ),
        E::ExpectedIdentifier => (
            token(start),
            "expected a name (such as a field name or `Easy`)".into(),
            "expected a name",
            Some(
                if text
                    .get(skip_space(start)..)
                    .is_some_and(|t| t.starts_with('"'))
                {
                    "names like `Easy`, `Medium` and `Hard` are written without quotes".into()
                } else {
                    "field names and kinds are plain words, such as `prompt` or `SingleChoice`"
                        .into()
                },
            ),
        ),
        E::UnexpectedChar(c) => (
            token(start),
            format!("unexpected character `{c}`"),
            "unexpected",
            if *c == '\'' {
                Some("text is written in double quotes: \"like this\"".into())
            } else {
                None
            },
        ),
        other => (
            token(start),
            lowercase_first(&other.to_string()),
            "here",
            None,
        ),
    };
    b.at(Severity::Error, range, message, label, hint)
}

type SyntaxParts = (std::ops::Range<usize>, String, &'static str, Option<String>);

/// The number written around byte `at` (`1.5`, `0x10`, `-3`, `1e3`), if there is one: a run of
/// digits, letters, `.`, `_` and signs starting with a digit or a sign.
fn number_at(text: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let part = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-');
    let before = text.get(..at)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| part(c))
        .last()
        .map_or(at, |(i, _)| i);
    let after = text.get(start..)?;
    let len = after
        .char_indices()
        .find(|&(_, c)| !part(c))
        .map_or(after.len(), |(i, _)| i);
    let token = after.get(..len)?;
    let first = token.chars().next()?;
    (first.is_ascii_digit() || (matches!(first, '-' | '+') && token.len() > 1))
        .then_some(start..start + len)
}

/// The field a value at `at` is given for: the name before the `:` in front of it.
fn field_before(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?.trim_end().strip_suffix(':')?.trim_end();
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '_')
        .last()
        .map(|(i, _)| i)?;
    before.get(start..)
}

/// What a field takes, for numbers that do not fit it (quizzes/FORMAT.md, §6 and §7).
fn field_range(field: &str) -> Option<&'static str> {
    Some(match field {
        "format" => "the format version, the whole number 1",
        "points" | "weight" => "a whole number from 1 to 1000",
        "typos" => "a whole number from 0 to 2",
        "minutes" | "paragraph" => "a whole number from 1 up",
        "answer" | "tolerance" | "min" | "max" => "a decimal number such as 24 or 0.5",
        _ => return None,
    })
}

/// A number that is not one the field takes: a fraction where a whole number goes, another
/// base, out of range.
fn number_problem(text: &str, range: std::ops::Range<usize>) -> SyntaxParts {
    let number = text.get(range.clone()).unwrap_or("");
    let field = field_before(text, range.start);
    let takes = field.and_then(field_range);
    let of = field.map(|f| format!(" for `{f}`")).unwrap_or_default();
    let lower = number.to_ascii_lowercase();
    let digits = lower.trim_start_matches(['-', '+']);
    let base = [("0x", "hexadecimal"), ("0b", "binary"), ("0o", "octal")]
        .into_iter()
        .find(|(prefix, _)| digits.starts_with(prefix))
        .map(|(_, name)| name);
    let (message, label) = if let Some(base) = base {
        (
            format!("`{number}` is a {base} number{of}: numbers in a bank are written in decimal"),
            "not decimal",
        )
    } else if digits.chars().all(|c| c.is_ascii_digit() || c == '_') {
        if lower.starts_with('-') {
            (format!("`{number}` is below zero{of}"), "out of range")
        } else {
            (format!("`{number}` is too large{of}"), "out of range")
        }
    } else if digits.contains(['.', 'e']) {
        (
            format!("`{number}` is not a whole number{of}"),
            "not a whole number",
        )
    } else {
        (format!("`{number}` is not a number{of}"), "not a number")
    };
    let hint = match takes {
        Some(takes) => format!("`{}` takes {takes}", field.unwrap_or_default()),
        None => "write a whole number such as 2, in decimal digits".into(),
    };
    (range, message, label, Some(hint))
}

fn eof(text: &str) -> SyntaxParts {
    (
        text.len()..text.len(),
        "unexpected end of file: something was not closed".into(),
        "file ends here",
        Some("check that every `(`, `[` and `\"` is closed".into()),
    )
}

fn strip_raw(name: &str) -> &str {
    name.trim_start_matches("r#")
}

fn in_outer(outer: &Option<String>) -> String {
    outer
        .as_deref()
        .map(|o| format!(" in `{}`", strip_raw(o)))
        .unwrap_or_default()
}

fn describe_enum(name: &str) -> String {
    match name {
        "Answer" => "question kind".into(),
        "Difficulty" => "difficulty".into(),
        other => format!("`{other}` variant"),
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}

fn type_hint(expected: &str) -> Option<String> {
    let e = expected.to_lowercase();
    if e.contains("string") {
        Some("text is written in double quotes: \"like this\"".into())
    } else if e.contains("sequence") {
        Some("a list is written in brackets: [\"a\", \"b\"]".into())
    } else if e.contains("bool") {
        Some("write `true` or `false`".into())
    } else if e.contains("integer") || e.contains("u32") || e.contains("u8") {
        Some("write a whole number without quotes, such as 2".into())
    } else if e.contains("f64") || e.contains("float") {
        Some("write a number without quotes, such as 1961 or 0.5".into())
    } else {
        None
    }
}

/// Reads sources from disk relative to a bank file, within its folder tree: the bank's folder
/// and the folder that holds it (so `quizzes/bank.ron` may cite `../assets/article.txt`), never
/// an absolute path, and only `.txt` or `.md` files.
pub struct FsSources {
    bank_dir: PathBuf,
}

impl FsSources {
    pub fn for_bank(bank_path: &Path) -> Self {
        let dir = bank_path.parent().unwrap_or(Path::new(""));
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        Self {
            bank_dir: dir.to_path_buf(),
        }
    }
}

impl SourceResolver for FsSources {
    fn read(&self, file: &str) -> Result<String, SourceError> {
        let rel = Path::new(file);
        if rel.is_absolute()
            || rel
                .components()
                .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        {
            return Err(SourceError::OutsideTree(file.into()));
        }
        let is_text = rel
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"));
        if !is_text {
            return Err(SourceError::NotText(file.into()));
        }
        let io_err = |e: io::Error| match e.kind() {
            io::ErrorKind::NotFound => SourceError::NotFound(file.into()),
            _ => SourceError::Io {
                file: file.into(),
                reason: e.to_string(),
            },
        };
        let dir = self.bank_dir.canonicalize().map_err(io_err)?;
        let root = dir.parent().unwrap_or(&dir).to_path_buf();
        // First by the words of the path (so `../../etc/x.txt` is "outside" whether or not it
        // exists), then by where links really lead.
        if !join_lexically(&dir, file).is_some_and(|p| p.starts_with(&root)) {
            return Err(SourceError::OutsideTree(file.into()));
        }
        let full = dir.join(rel).canonicalize().map_err(io_err)?;
        if !full.starts_with(&root) {
            return Err(SourceError::OutsideTree(file.into()));
        }
        let bytes = match crate::files::read::read_capped(&full, MAX_FILE_BYTES) {
            Err(e) if e.kind() == io::ErrorKind::FileTooLarge => {
                return Err(SourceError::TooLarge {
                    file: file.into(),
                    limit_mib: MAX_FILE_BYTES >> 20,
                });
            }
            result => result.map_err(io_err)?,
        };
        String::from_utf8(bytes).map_err(|_| SourceError::NotUtf8(file.into()))
    }
}

/// Joins `rel` onto `base` lexically, resolving `.` and `..` (for sources that are not on disk).
pub fn join_lexically(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut out: Vec<Component<'_>> = base.components().collect();
    for c in Path::new(rel).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !matches!(out.pop(), Some(Component::Normal(_))) {
                    return None;
                }
            }
            Component::Normal(_) => out.push(c),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out.iter().collect())
}
