//! Printable handouts: worksheets in several versions (A, B, …) and an answer key for each, in
//! Markdown or HTML. Version A uses the seed itself, so its questions and choices are in exactly
//! the order of a session started with that seed (a class can follow the projected quiz on
//! paper); the other versions use seeds derived from it. The same bank and seed always give the
//! same bytes: nothing time- or machine-dependent is written.

use std::fmt::Write as _;

use crate::bank::{Bank, Question};
use crate::format::html_escape as html;
use crate::kinds::Block;
use crate::session::rng::SessionRng;
use crate::session::{SessionConfig, SessionError, plan_together};

/// Markdown or HTML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
}

/// One output file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandoutFile {
    pub name: String,
    pub contents: String,
}

/// The seed of version `index` (0 = A) of a handout made with `seed`.
pub fn version_seed(seed: u64, index: usize) -> u64 {
    if index == 0 {
        seed
    } else {
        SessionRng::new(seed, 0x0048_414e_444f_5554 + index as u64).next_u64() % 1_000_000_000
    }
}

fn letter(i: usize) -> char {
    char::from(b'A' + (i % 26) as u8)
}

/// Worksheet and key files for `versions` versions (1 to 26) of the whole bank.
pub fn handouts(
    bank: &Bank,
    seed: u64,
    versions: usize,
    format: Format,
) -> Result<Vec<HandoutFile>, SessionError> {
    let mut files = Vec::new();
    for v in 0..versions.clamp(1, 26) {
        let config = SessionConfig {
            seed: version_seed(seed, v),
            ..SessionConfig::default()
        };
        // The whole bank, questions kept apart included: the key says which they are.
        let (items, _) = plan_together(bank, &config)?;
        let questions: Vec<(&Question, &[usize])> = items
            .iter()
            .filter_map(|it| {
                bank.questions()
                    .get(it.question)
                    .map(|q| (q, it.order.as_slice()))
            })
            .collect();
        let indices: Vec<usize> = items.iter().map(|it| it.question).collect();
        let name = format!("{}-seed{seed}-{}", bank.id(), letter(v));
        let sheet = Doc::new(format, &format!("{} — version {}", bank.title(), letter(v)));
        files.push(HandoutFile {
            name: format!("{name}.{}", format.extension()),
            contents: worksheet(sheet, bank, &questions, config.seed),
        });
        let key = Doc::new(
            format,
            &format!("{} — version {} — answer key", bank.title(), letter(v)),
        );
        files.push(HandoutFile {
            name: format!("{name}-key.{}", format.extension()),
            contents: answer_key(key, bank, &questions, &indices),
        });
    }
    Ok(files)
}

fn worksheet(mut d: Doc, bank: &Bank, questions: &[(&Question, &[usize])], seed: u64) -> String {
    d.para(&format!(
        "Name: ______________________   Date: ____________   (seed {seed})"
    ));
    if let Some(source) = bank.source() {
        d.para(&format!("Source: {}", source.title));
    }
    for (n, (q, order)) in questions.iter().enumerate() {
        d.question_start(n + 1, &q.prompt, q.points);
        d.blocks(&q.kind.worksheet(order));
        d.question_end();
    }
    d.finish()
}

/// `indices` are the questions' indices in the bank, in handout order.
fn answer_key(
    mut d: Doc,
    bank: &Bank,
    questions: &[(&Question, &[usize])],
    indices: &[usize],
) -> String {
    // The handout number of each bank question on this sheet, to name partners.
    let mut number_of: Vec<Option<usize>> = Vec::new();
    if bank.has_apart() {
        number_of = vec![None; bank.questions().len()];
        for (n, &i) in indices.iter().enumerate() {
            if let Some(slot) = number_of.get_mut(i) {
                *slot = Some(n);
            }
        }
        d.note(
            "Some questions here are kept apart in sessions (apart_from): one gives away another's \
             answer. A session never asks both; this sheet holds the whole bank, so each such \
             question is marked below.",
        );
    }
    for (n, (q, order)) in questions.iter().enumerate() {
        d.question_start(n + 1, &q.prompt, q.points);
        d.blocks(&q.kind.key(order));
        if !q.explanation.is_empty() {
            d.para(&q.explanation);
        }
        if let (Some(c), Some(source)) = (&q.citation, bank.source()) {
            d.note(&format!(
                "{}, paragraph {}: “{}”",
                source.title, c.paragraph, c.quote
            ));
        }
        let mut partners: Vec<(usize, &str)> = indices
            .get(n)
            .map_or(&[][..], |&at| bank.apart_from(at))
            .iter()
            .filter_map(|&other| {
                let number = number_of.get(other as usize).copied().flatten()?;
                let id = bank.questions().get(other as usize)?.id.as_str();
                Some((number, id))
            })
            .collect();
        partners.sort_unstable();
        if !partners.is_empty() {
            let list: Vec<String> = partners
                .iter()
                .map(|(m, id)| format!("{} (id {id})", m + 1))
                .collect();
            d.note(&format!(
                "Kept apart in sessions from {} {}: one gives away the other's answer; set them on different days, or cover one.",
                if partners.len() == 1 { "question" } else { "questions" },
                list.join(", ")
            ));
        }
        d.question_end();
    }
    d.finish()
}

/// A small writer for the two formats.
struct Doc {
    format: Format,
    out: String,
}

impl Doc {
    fn new(format: Format, title: &str) -> Self {
        let mut out = String::new();
        match format {
            Format::Markdown => {
                let _ = writeln!(out, "# {title}\n");
            }
            Format::Html => {
                let t = html(title);
                let _ = write!(
                    out,
                    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<h1>{t}</h1>\n"
                );
            }
        }
        Self { format, out }
    }

    fn para(&mut self, text: &str) {
        match self.format {
            Format::Markdown => {
                let _ = writeln!(self.out, "{}\n", md(text));
            }
            Format::Html => {
                let _ = writeln!(self.out, "<p>{}</p>", html(text));
            }
        }
    }

    fn note(&mut self, text: &str) {
        match self.format {
            Format::Markdown => {
                let _ = writeln!(self.out, "*{}*\n", md(text));
            }
            Format::Html => {
                let _ = writeln!(self.out, "<p class=\"note\">{}</p>", html(text));
            }
        }
    }

    fn list(&mut self, items: impl IntoIterator<Item = String>) {
        match self.format {
            Format::Markdown => {
                for item in items {
                    let _ = writeln!(self.out, "- {}", md(&item));
                }
                self.out.push('\n');
            }
            Format::Html => {
                self.out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(self.out, "<li>{}</li>", html(&item));
                }
                self.out.push_str("</ul>\n");
            }
        }
    }

    /// A kind's worksheet or key blocks.
    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Para(t) => self.para(t),
                Block::Note(t) => self.note(t),
                Block::List(items) => self.list(items.iter().cloned()),
                Block::Lines(n) => self.lines(*n),
            }
        }
    }

    /// Blank lines to write on.
    fn lines(&mut self, n: usize) {
        match self.format {
            Format::Markdown => {
                for _ in 0..n {
                    self.out.push_str("\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\n\n");
                }
            }
            Format::Html => {
                for _ in 0..n {
                    self.out.push_str("<div class=\"line\"></div>\n");
                }
            }
        }
    }

    fn question_start(&mut self, n: usize, prompt: &str, points: u32) {
        let pts = crate::format::plural(points as usize, "point", "points");
        match self.format {
            Format::Markdown => {
                let _ = writeln!(self.out, "## {n}. {} ({pts})\n", md(prompt));
            }
            Format::Html => {
                let _ = writeln!(
                    self.out,
                    "<section class=\"q\">\n<h2>{n}. {} <span class=\"pts\">({pts})</span></h2>",
                    html(prompt)
                );
            }
        }
    }

    fn question_end(&mut self) {
        if self.format == Format::Html {
            self.out.push_str("</section>\n");
        }
    }

    fn finish(mut self) -> String {
        if self.format == Format::Html {
            self.out.push_str("</body>\n</html>\n");
        }
        self.out
    }
}

/// Prints on A4 and Letter alike: margins, not a fixed page size; a question never splits.
const CSS: &str = "@page { margin: 16mm 14mm; }
body { font-family: Georgia, 'Times New Roman', serif; font-size: 12pt; line-height: 1.4; max-width: 46em; margin: 2em auto; color: #000; }
h1 { font-size: 18pt; margin-bottom: 0.5em; }
h2 { font-size: 13pt; margin: 0 0 0.4em; }
.pts { font-weight: normal; font-size: 10pt; white-space: nowrap; }
.q { break-inside: avoid; page-break-inside: avoid; margin: 0 0 1.2em; }
ul { list-style: none; padding-left: 1em; margin: 0.3em 0; }
.note { font-style: italic; font-size: 10.5pt; margin: 0.2em 0; }
.line { border-bottom: 1px solid #555; height: 1.9em; }
@media print { body { margin: 0; max-width: none; } }
";

/// Escapes the characters Markdown would read as formatting.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
