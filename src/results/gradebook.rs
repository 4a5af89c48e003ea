//! The class gradebook: many students' results files merged into one report, per student, per
//! question, and the wrong answers and misconceptions chosen.
//!
//! Merging rules (also in `docs/RESULTS-FORMAT.md`):
//! - the class's bank is the one given (`--bank`), else the bank most files are for (the first
//!   of those tied); a file for another bank is rejected;
//! - a file whose bank hash differs from the bank's (or, without the bank, from most files') was
//!   played on an edited bank: it is used, with a warning, and its questions are matched by id;
//! - each student counts once (names compared ignoring case and spaces around them): a later
//!   file for a student already seen is rejected, naming the file that was kept;
//! - questions are listed in the bank's order when the bank is known, then in order of first
//!   appearance.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{Rejection, ResultsFile};
use crate::bank::Bank;
use crate::csvio::push_row;
use crate::format::html_escape as html;
use crate::format::{clock_ms, format_number, plural};
use crate::progress::bank_hash;
use crate::session::Verdict;

/// Plain text (for a terminal), CSV (one table, for a spreadsheet) or HTML (to print).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Csv,
    Html,
}

/// The merged report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gradebook {
    pub bank_id: String,
    pub bank_title: String,
    /// Whether the bank itself was at hand (prompts, bank order, question kinds).
    pub bank_known: bool,
    /// How many files were given.
    pub files: usize,
    /// Sorted by name.
    pub students: Vec<StudentTotal>,
    pub questions: Vec<QuestionStats>,
    /// Most chosen first.
    pub misconceptions: Vec<MisconceptionCount>,
    /// Files (or lines of them) not used, in the order the files were given.
    pub rejected: Vec<Rejection>,
    /// Files used despite something worth knowing (an edited bank, an unknown question).
    pub warnings: Vec<Rejection>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StudentTotal {
    pub name: String,
    pub file: String,
    pub seed: u64,
    pub version: String,
    pub mode: String,
    pub date_utc: String,
    /// Questions in the file.
    pub asked: usize,
    /// Questions not skipped.
    pub answered: usize,
    pub correct: usize,
    pub points: f64,
    pub max_points: u64,
    /// `100 × points / max_points` (0 when there is nothing to earn).
    pub percent: f64,
    pub time_ms: u64,
    /// Points earned on each of [`Gradebook::questions`]; `None` where not asked.
    pub points_by_question: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuestionStats {
    pub id: String,
    pub section: String,
    /// Empty when the bank is not at hand.
    pub prompt: String,
    pub max_points: u32,
    /// Students whose file has the question.
    pub asked: usize,
    /// Of those, students who did not skip it.
    pub answered: usize,
    pub skipped: usize,
    pub correct: usize,
    /// `100 × correct / asked`: a skip counts as not correct.
    pub percent_correct: f64,
    /// Mean score (0 to 1) over the students asked, a skip scoring 0.
    pub mean_score: f64,
    /// Mean time over the students who answered (0 when none did).
    pub mean_time_ms: f64,
    /// Wrong and partly right answers, most chosen first (none for discussion questions when
    /// the bank is known: they are self-assessed).
    pub distractors: Vec<Distractor>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Distractor {
    pub answer: String,
    pub misconceptions: Vec<String>,
    /// How many students gave this answer.
    pub students: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MisconceptionCount {
    pub tag: String,
    /// Answers that carried the tag.
    pub times: usize,
    /// Students who gave at least one of them.
    pub students: usize,
    /// The questions it came up in, in report order.
    pub questions: Vec<String>,
}

/// The bank most of `files` are for (the first seen of those tied).
pub fn majority_bank<'a>(files: impl IntoIterator<Item = &'a ResultsFile>) -> Option<&'a str> {
    majority(files.into_iter().map(|f| f.results.bank.as_str()))
}

fn majority<'a>(items: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(x, _)| *x == item) {
            Some((_, n)) => *n += 1,
            None => counts.push((item, 1)),
        }
    }
    // `max_by_key` keeps the last of equals; scan for the first instead.
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(x, _)| x)
}

fn student_key(name: &str) -> String {
    name.trim().to_lowercase()
}

#[derive(Default)]
struct Tally {
    max_points: u32,
    section: String,
    asked: usize,
    answered: usize,
    skipped: usize,
    correct: usize,
    score_sum: f64,
    time_sum: f64,
    /// answer → (students, tags in the order first seen, the same tags as a set)
    wrong: HashMap<String, (usize, Vec<String>, HashSet<String>)>,
}

impl Gradebook {
    /// Merges the files read (`Err` for those that could not be), in the order given. `bank`,
    /// when known, decides the class's bank and gives question prompts and order.
    pub fn build(inputs: Vec<Result<ResultsFile, Vec<Rejection>>>, bank: Option<&Bank>) -> Self {
        let mut book = Gradebook {
            files: inputs.len(),
            bank_known: bank.is_some(),
            ..Gradebook::default()
        };
        let class_bank = match bank {
            Some(b) => Some(b.id().to_owned()),
            None => majority_bank(inputs.iter().filter_map(|i| i.as_ref().ok())).map(str::to_owned),
        };
        book.bank_id = class_bank.clone().unwrap_or_default();
        let why_this_bank = if bank.is_some() {
            "the bank given"
        } else {
            "the bank of most files"
        };
        // Files used, in the order given.
        let mut used: Vec<ResultsFile> = Vec::new();
        let mut by_student: HashMap<String, usize> = HashMap::new();
        for input in inputs {
            let file = match input {
                Ok(file) => file,
                Err(rejections) => {
                    book.rejected.extend(rejections);
                    continue;
                }
            };
            let first_line = file.lines.first().copied().unwrap_or(2);
            let reject = |reason: String| Rejection {
                file: file.file.clone(),
                line: first_line,
                reason,
            };
            if Some(&file.results.bank) != class_bank.as_ref() {
                book.rejected.push(reject(format!(
                    "bank `{}` is not the class's bank `{}` ({why_this_bank})",
                    file.results.bank, book.bank_id
                )));
                continue;
            }
            let key = student_key(&file.results.student);
            if let Some(&kept) = by_student.get(&key) {
                let kept = &used[kept];
                book.rejected.push(reject(format!(
                    "student `{}` is already in the report from {} (one file per student: the first one given is kept)",
                    file.results.student, kept.file
                )));
                continue;
            }
            by_student.insert(key, used.len());
            used.push(file);
        }
        book.bank_title = bank
            .map(|b| b.title().to_owned())
            .or_else(|| used.first().map(|f| f.results.bank_title.clone()))
            .unwrap_or_default();

        // An edited bank: warn, match questions by id.
        let expected_hash = match bank {
            Some(b) => Some(bank_hash(b)),
            None => majority(
                used.iter()
                    .map(|f| f.results.bank_hash.as_str())
                    .filter(|h| !h.is_empty()),
            )
            .map(str::to_owned),
        };
        // A file from before question identities (see `progress::identity`) holds the bank's
        // legacy hash: the same bank.
        let legacy_hash = bank.map(crate::progress::identity::legacy_bank_hash);
        if let Some(expected) = &expected_hash {
            for f in &used {
                let hash = &f.results.bank_hash;
                if !hash.is_empty() && hash != expected && Some(hash) != legacy_hash.as_ref() {
                    let against = if bank.is_some() {
                        "the bank's"
                    } else {
                        "most files'"
                    };
                    book.warnings.push(Rejection {
                        file: f.file.clone(),
                        line: f.lines.first().copied().unwrap_or(2),
                        reason: format!(
                            "played on another version of bank `{}` (bank_hash {hash}, {against} is {expected}): its questions are matched by id",
                            book.bank_id
                        ),
                    });
                }
            }
        }

        // Question order: the bank's, then first seen.
        let mut order: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        if let Some(b) = bank {
            let asked: std::collections::HashSet<&str> = used
                .iter()
                .flat_map(|f| f.results.rows.iter().map(|r| r.question.as_str()))
                .collect();
            for q in b.questions() {
                if asked.contains(q.id.as_str()) {
                    index.insert(q.id.clone(), order.len());
                    order.push(q.id.clone());
                }
            }
        }
        for f in &used {
            for (row, line) in f.results.rows.iter().zip(&f.lines) {
                if !index.contains_key(&row.question) {
                    if let Some(b) = bank {
                        book.warnings.push(Rejection {
                            file: f.file.clone(),
                            line: *line,
                            reason: format!(
                                "question `{}` is not in bank `{}`: it is listed after the bank's questions",
                                row.question,
                                b.id()
                            ),
                        });
                    }
                    index.insert(row.question.clone(), order.len());
                    order.push(row.question.clone());
                }
            }
        }

        let mut tallies: Vec<Tally> = (0..order.len()).map(|_| Tally::default()).collect();
        // tag → (times, students, questions); sets, so that a row with many tags stays linear.
        let mut tags: HashMap<String, (usize, Vec<usize>, BTreeSet<usize>)> = HashMap::new();
        for (s, f) in used.iter().enumerate() {
            let r = &f.results;
            let mut total = StudentTotal {
                name: r.student.clone(),
                file: f.file.clone(),
                seed: r.seed,
                version: r.version.clone(),
                mode: r.mode.clone(),
                date_utc: r.date_utc.clone(),
                asked: 0,
                answered: 0,
                correct: 0,
                points: 0.0,
                max_points: 0,
                percent: 0.0,
                time_ms: 0,
                points_by_question: vec![None; order.len()],
            };
            for row in &r.rows {
                let Some(&qi) = index.get(&row.question) else {
                    continue;
                };
                let skipped = row.verdict == Verdict::Skipped;
                let correct = row.verdict == Verdict::Correct;
                total.asked += 1;
                total.answered += usize::from(!skipped);
                total.correct += usize::from(correct);
                total.points += row.points;
                total.max_points += u64::from(row.max_points);
                total.time_ms = total.time_ms.saturating_add(row.time_ms);
                if let Some(slot) = total.points_by_question.get_mut(qi) {
                    *slot = Some(row.points);
                }
                let Some(t) = tallies.get_mut(qi) else {
                    continue;
                };
                if t.asked == 0 {
                    t.max_points = row.max_points;
                    t.section = row.section.clone();
                }
                t.asked += 1;
                t.score_sum += row.score;
                if skipped {
                    t.skipped += 1;
                    continue;
                }
                t.answered += 1;
                t.correct += usize::from(correct);
                t.time_sum += row.time_ms as f64;
                if matches!(row.verdict, Verdict::Wrong | Verdict::Partial) {
                    let self_assessed = bank
                        .and_then(|b| b.question(&row.question))
                        .is_some_and(|q| q.kind.is_self_assessed());
                    if !self_assessed && !row.answer.is_empty() {
                        let entry = t.wrong.entry(row.answer.clone()).or_default();
                        entry.0 += 1;
                        for tag in &row.misconceptions {
                            if entry.2.insert(tag.clone()) {
                                entry.1.push(tag.clone());
                            }
                        }
                    }
                }
                for tag in &row.misconceptions {
                    let entry = tags.entry(tag.clone()).or_default();
                    entry.0 += 1;
                    if entry.1.last() != Some(&s) {
                        entry.1.push(s);
                    }
                    entry.2.insert(qi);
                }
            }
            total.percent = if total.max_points == 0 {
                0.0
            } else {
                100.0 * total.points / total.max_points as f64
            };
            book.students.push(total);
        }
        book.students.sort_by(|a, b| {
            student_key(&a.name)
                .cmp(&student_key(&b.name))
                .then_with(|| a.file.cmp(&b.file))
        });

        book.questions = order
            .iter()
            .zip(tallies)
            .map(|(id, t)| {
                let q = bank.and_then(|b| b.question(id));
                let mut distractors: Vec<Distractor> = t
                    .wrong
                    .into_iter()
                    .map(|(answer, (students, misconceptions, _))| Distractor {
                        answer,
                        misconceptions,
                        students,
                    })
                    .collect();
                distractors.sort_by(|a, b| {
                    b.students
                        .cmp(&a.students)
                        .then_with(|| a.answer.cmp(&b.answer))
                });
                let asked = t.asked.max(1) as f64;
                QuestionStats {
                    id: id.clone(),
                    section: q
                        .map(|q| q.section.clone().unwrap_or_default())
                        .unwrap_or(t.section),
                    prompt: q.map(|q| q.prompt.clone()).unwrap_or_default(),
                    max_points: q.map_or(t.max_points, |q| q.points),
                    asked: t.asked,
                    answered: t.answered,
                    skipped: t.skipped,
                    correct: t.correct,
                    percent_correct: 100.0 * t.correct as f64 / asked,
                    mean_score: t.score_sum / asked,
                    mean_time_ms: if t.answered == 0 {
                        0.0
                    } else {
                        t.time_sum / t.answered as f64
                    },
                    distractors,
                }
            })
            .collect();
        let mut misconceptions: Vec<MisconceptionCount> = tags
            .into_iter()
            .map(|(tag, (times, students, questions))| MisconceptionCount {
                tag,
                times,
                students: students.len(),
                questions: questions
                    .into_iter()
                    .filter_map(|i| order.get(i).cloned())
                    .collect(),
            })
            .collect();
        misconceptions.sort_by(|a, b| b.times.cmp(&a.times).then_with(|| a.tag.cmp(&b.tag)));
        book.misconceptions = misconceptions;
        book
    }

    /// How many of the given files were rejected (whole or for some of their lines).
    pub fn rejected_files(&self) -> usize {
        let mut files: Vec<&str> = self.rejected.iter().map(|r| r.file.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        files.len()
    }

    pub fn render(&self, format: ReportFormat) -> String {
        match format {
            ReportFormat::Text => self.text(),
            ReportFormat::Csv => self.csv(),
            ReportFormat::Html => self.html(),
        }
    }

    fn heading(&self) -> String {
        if self.bank_title.is_empty() || self.bank_title == self.bank_id {
            format!("Class report: {}", self.bank_id)
        } else {
            format!("Class report: {} ({})", self.bank_title, self.bank_id)
        }
    }

    fn counts(&self) -> String {
        let rejected = self.rejected_files();
        format!(
            "{} from {} of {} files{}; {}",
            plural(self.students.len(), "student", "students"),
            self.files - rejected,
            self.files,
            if rejected > 0 {
                format!(" ({rejected} rejected)")
            } else {
                String::new()
            },
            plural(self.questions.len(), "question", "questions"),
        )
    }

    fn student_rows(&self) -> Vec<Vec<String>> {
        self.students
            .iter()
            .map(|s| {
                vec![
                    s.name.clone(),
                    s.file.clone(),
                    s.seed.to_string(),
                    s.version.clone(),
                    s.asked.to_string(),
                    s.answered.to_string(),
                    s.correct.to_string(),
                    points(s.points),
                    s.max_points.to_string(),
                    format!("{:.1}", s.percent),
                    clock_ms(s.time_ms),
                ]
            })
            .collect()
    }

    const STUDENT_HEADERS: [&'static str; 11] = [
        "Student", "File", "Seed", "Version", "Asked", "Answered", "Correct", "Points", "Max", "%",
        "Time",
    ];

    fn question_rows(&self) -> Vec<Vec<String>> {
        self.questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                vec![
                    (i + 1).to_string(),
                    q.id.clone(),
                    q.section.clone(),
                    q.asked.to_string(),
                    q.answered.to_string(),
                    q.correct.to_string(),
                    format!("{:.1}", q.percent_correct),
                    format!("{:.2}", q.mean_score),
                    format!("{:.1} s", q.mean_time_ms / 1000.0),
                ]
            })
            .collect()
    }

    const QUESTION_HEADERS: [&'static str; 9] = [
        "#",
        "Question",
        "Section",
        "Asked",
        "Answered",
        "Correct",
        "% correct",
        "Mean score",
        "Mean time",
    ];

    fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}\n{}\n", self.heading(), self.counts());
        out.push_str("Students\n");
        out.push_str(&text_table(
            &Self::STUDENT_HEADERS,
            &self.student_rows(),
            &[2, 4, 5, 6, 7, 8, 9, 10],
        ));
        out.push_str("\nQuestions (% correct of the students asked; a skip is not correct)\n");
        out.push_str(&text_table(
            &Self::QUESTION_HEADERS,
            &self.question_rows(),
            &[0, 3, 4, 5, 6, 7, 8],
        ));
        out.push_str("\nWrong answers chosen, most common first\n");
        let mut any = false;
        for q in self.questions.iter().filter(|q| !q.distractors.is_empty()) {
            any = true;
            let _ = writeln!(out, "  {}:", q.id);
            for d in &q.distractors {
                let tags = if d.misconceptions.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", d.misconceptions.join(", "))
                };
                let _ = writeln!(
                    out,
                    "    {:>3} × {}{tags}",
                    d.students,
                    d.answer.replace('\n', " ")
                );
            }
        }
        if !any {
            out.push_str("  (none)\n");
        }
        out.push_str("\nMisconceptions\n");
        if self.misconceptions.is_empty() {
            out.push_str("  (none)\n");
        }
        for m in &self.misconceptions {
            let _ = writeln!(
                out,
                "  {}: {} by {} ({})",
                m.tag,
                plural(m.times, "time", "times"),
                plural(m.students, "student", "students"),
                m.questions.join(", ")
            );
        }
        if !self.rejected.is_empty() {
            out.push_str("\nRejected\n");
            for r in &self.rejected {
                let _ = writeln!(out, "  {r}");
            }
        }
        if !self.warnings.is_empty() {
            out.push_str("\nWarnings\n");
            for w in &self.warnings {
                let _ = writeln!(out, "  {w}");
            }
        }
        terminal_safe(&out)
    }

    /// One table, one row per student, with the points earned on each question: what a
    /// spreadsheet (or a markbook) takes in.
    fn csv(&self) -> String {
        let mut out = String::new();
        let mut header: Vec<&str> = vec![
            "student",
            "file",
            "seed",
            "version",
            "mode",
            "date_utc",
            "asked",
            "answered",
            "correct",
            "points",
            "max_points",
            "percent",
            "time_s",
        ];
        header.extend(self.questions.iter().map(|q| q.id.as_str()));
        push_row(&mut out, header);
        for s in &self.students {
            let mut row = vec![
                s.name.clone(),
                s.file.clone(),
                s.seed.to_string(),
                s.version.clone(),
                s.mode.clone(),
                s.date_utc.clone(),
                s.asked.to_string(),
                s.answered.to_string(),
                s.correct.to_string(),
                points(s.points),
                s.max_points.to_string(),
                format!("{:.1}", s.percent),
                (s.time_ms / 1000).to_string(),
            ];
            row.extend(
                s.points_by_question
                    .iter()
                    .map(|p| p.map(points).unwrap_or_default()),
            );
            push_row(&mut out, row.iter().map(String::as_str));
        }
        out
    }

    fn html(&self) -> String {
        let mut out = String::new();
        let title = html(&self.heading());
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}</p>\n",
            html(&self.counts())
        );
        out.push_str("<h2>Students</h2>\n");
        html_table(
            &mut out,
            &Self::STUDENT_HEADERS,
            &self.student_rows(),
            &[2, 4, 5, 6, 7, 8, 9, 10],
        );
        out.push_str("<h2>Questions</h2>\n<p class=\"note\">% correct is of the students asked: a skipped question is not correct. Mean time is over the students who answered.</p>\n");
        let mut headers = Self::QUESTION_HEADERS.to_vec();
        let mut rows = self.question_rows();
        if self.bank_known {
            headers.insert(2, "Prompt");
            for (row, q) in rows.iter_mut().zip(&self.questions) {
                row.insert(2, q.prompt.clone());
            }
            html_table(&mut out, &headers, &rows, &[0, 4, 5, 6, 7, 8, 9]);
        } else {
            html_table(&mut out, &headers, &rows, &[0, 3, 4, 5, 6, 7, 8]);
        }
        out.push_str("<h2>Wrong answers and misconceptions</h2>\n");
        let distractors: Vec<Vec<String>> = self
            .questions
            .iter()
            .flat_map(|q| {
                q.distractors.iter().map(|d| {
                    vec![
                        q.id.clone(),
                        d.answer.clone(),
                        d.misconceptions.join(", "),
                        d.students.to_string(),
                    ]
                })
            })
            .collect();
        html_table(
            &mut out,
            &["Question", "Wrong answer", "Misconceptions", "Students"],
            &distractors,
            &[3],
        );
        let tags: Vec<Vec<String>> = self
            .misconceptions
            .iter()
            .map(|m| {
                vec![
                    m.tag.clone(),
                    m.times.to_string(),
                    m.students.to_string(),
                    m.questions.join(", "),
                ]
            })
            .collect();
        out.push_str("<h3>Misconceptions</h3>\n");
        html_table(
            &mut out,
            &["Misconception", "Times", "Students", "Questions"],
            &tags,
            &[1, 2],
        );
        for (heading, list) in [("Rejected", &self.rejected), ("Warnings", &self.warnings)] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "<h2>{heading}</h2>");
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|r| {
                    vec![
                        r.file.clone(),
                        if r.line == 0 {
                            String::new()
                        } else {
                            r.line.to_string()
                        },
                        r.reason.clone(),
                    ]
                })
                .collect();
            html_table(&mut out, &["File", "Line", "Reason"], &rows, &[1]);
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// `text` with control characters (a name holding a terminal escape sequence, say) shown as `�`,
/// line breaks kept: for text meant for a terminal.
fn terminal_safe(text: &str) -> String {
    crate::text::terminal_safe(text).into_owned()
}

/// Points with at most 2 decimals.
fn points(v: f64) -> String {
    format_number((v * 100.0).round() / 100.0)
}

fn text_table(headers: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(&cell.replace('\n', " ")));
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<String>| {
        let mut l = String::from(" ");
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w.saturating_sub(width(cell)));
            l.push(' ');
            if right.contains(&i) {
                l.push_str(&pad);
                l.push_str(cell);
            } else {
                l.push_str(cell);
                l.push_str(&pad);
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(headers.iter().map(|h| (*h).to_owned()).collect());
    for row in rows {
        line(row.iter().map(|c| c.replace('\n', " ")).collect());
    }
    out
}

fn html_table(out: &mut String, headers: &[&str], rows: &[Vec<String>], right: &[usize]) {
    if rows.is_empty() {
        out.push_str("<p class=\"note\">None.</p>\n");
        return;
    }
    let class = |i: usize| {
        if right.contains(&i) {
            " class=\"n\""
        } else {
            ""
        }
    };
    out.push_str("<table>\n<thead><tr>");
    for (i, h) in headers.iter().enumerate() {
        let _ = write!(out, "<th{}>{}</th>", class(i), html(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>{}</td>", class(i), html(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Fits on A4 and Letter in landscape; table headers repeat on every page, rows never split.
const CSS: &str = "@page { size: landscape; margin: 12mm; }
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; font-size: 11pt; margin: 2em; color: #000; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.6em; } h3 { font-size: 11.5pt; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; vertical-align: top; white-space: pre-wrap; }
th { background: #eee; }
.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { font-size: 9.5pt; color: #333; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
@media print { body { margin: 0; font-size: 9pt; } th { background: none; } }
";

/// Why no class report could be made.
#[derive(Debug, thiserror::Error)]
pub enum GradebookError {
    /// The report's file name says neither CSV nor HTML.
    #[error("{} must end in .csv or .html", .0.display())]
    UnknownFormat(PathBuf),
    /// The bank asked for could not be loaded, or has errors.
    #[error("{0}")]
    Bank(String),
    /// No results file was given, or found in the folders given (`folders` says why).
    #[error("no results files to merge")]
    NoFiles { folders: Vec<FolderProblem> },
    /// The report would be written over one of the results files read.
    #[error(
        "--out {} is one of the results files read: it would be overwritten; write the report to another file",
        .0.display()
    )]
    OutIsInput(PathBuf),
}

/// A folder given that yielded no results file.
#[derive(Debug, thiserror::Error)]
pub enum FolderProblem {
    #[error("no .csv files in {}", .0.display())]
    Empty(PathBuf),
    #[error("cannot read {}: {}", .0.display(), .1)]
    Unreadable(PathBuf, std::io::Error),
}

/// A class report made from files on disk, ready to render.
#[derive(Debug)]
pub struct Report {
    pub book: Gradebook,
    /// The format asked for: text unless a `.csv` or `.html` file is to be written.
    pub format: ReportFormat,
    /// Folders given that yielded no file, in the order given (the report is made from the
    /// others).
    pub folders: Vec<FolderProblem>,
}

impl ReportFormat {
    /// The format for a report written to `path` (`.csv` or `.html`), or text without a path.
    pub fn for_path(path: Option<&Path>) -> Result<Self, GradebookError> {
        let Some(p) = path else {
            return Ok(Self::Text);
        };
        match p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(Self::Csv),
            Some("html" | "htm") => Ok(Self::Html),
            _ => Err(GradebookError::UnknownFormat(p.to_path_buf())),
        }
    }
}

/// Reads `paths` (files, or folders of `.csv` files, leaving out `out_path`, the report to be
/// written) and merges them. `bank_spec` names the bank (a bundled bank's id or a quiz file);
/// without it the bundled bank most files are for is used, if there is one.
pub fn build_report(
    paths: &[PathBuf],
    bank_spec: Option<&str>,
    out_path: Option<&Path>,
) -> Result<Report, GradebookError> {
    let format = ReportFormat::for_path(out_path)?;
    let given_bank = bank_spec
        .map(load_bank)
        .transpose()
        .map_err(GradebookError::Bank)?;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut folders = Vec::new();
    let is_out = |p: &Path| out_path.is_some_and(|out| crate::files::read::is_same_file(p, out));
    for path in paths {
        if path.is_dir() {
            match csv_files_in(path) {
                Ok(found) => {
                    // A report written into the folder before is left out; a student's file
                    // in the report's place is refused, never overwritten.
                    let (out, found): (Vec<_>, Vec<_>) = found.into_iter().partition(|p| is_out(p));
                    if out.iter().any(|p| is_results_file(p)) {
                        return Err(GradebookError::OutIsInput(out_path.unwrap_or(path).into()));
                    }
                    if found.is_empty() {
                        folders.push(FolderProblem::Empty(path.clone()));
                    }
                    files.extend(found);
                }
                Err(e) => folders.push(FolderProblem::Unreadable(path.clone(), e)),
            }
        } else if is_out(path) {
            return Err(GradebookError::OutIsInput(path.clone()));
        } else {
            files.push(path.clone());
        }
    }
    if files.is_empty() {
        return Err(GradebookError::NoFiles { folders });
    }
    let inputs: Vec<Result<ResultsFile, Vec<Rejection>>> = files
        .iter()
        .map(|p| {
            let label = p.display().to_string();
            match crate::files::read::read_capped(p, crate::bank::MAX_FILE_BYTES) {
                Ok(bytes) => super::parse_results_bytes(&label, &bytes),
                Err(e) => Err(vec![Rejection {
                    file: label,
                    line: 0,
                    reason: format!("cannot read the file: {e}"),
                }]),
            }
        })
        .collect();
    let bank = given_bank.or_else(|| {
        let id = majority_bank(inputs.iter().filter_map(|i| i.as_ref().ok()))?;
        crate::bundled::load_all()
            .into_iter()
            .filter_map(|r| r.bank)
            .find(|b| b.id() == id)
    });
    Ok(Report {
        book: Gradebook::build(inputs, bank.as_ref()),
        format,
        folders,
    })
}

impl Gradebook {
    /// One line per rejection, then one per warning (`file:line: warning: reason`), safe to
    /// print on a terminal.
    pub fn notice_lines(&self) -> Vec<String> {
        let rejected = self.rejected.iter().map(ToString::to_string);
        let warnings = self.warnings.iter().map(|w| {
            let line = if w.line == 0 {
                String::new()
            } else {
                format!("{}:", w.line)
            };
            format!("{}:{line} warning: {}", w.file, w.reason)
        });
        rejected
            .chain(warnings)
            .map(|line| terminal_safe(&line))
            .collect()
    }

    /// How many students, files (and rejected files) and questions: the report's first line.
    pub fn summary(&self) -> String {
        self.counts()
    }
}

/// A bundled bank's id, or a quiz file.
fn load_bank(spec: &str) -> Result<Bank, String> {
    crate::bundled::resolve(spec)?
        .bank
        .ok_or_else(|| format!("{spec} has errors (see `quizdesk check {spec}`); fix them first"))
}

/// Whether `path` reads as a student's results file.
fn is_results_file(path: &Path) -> bool {
    crate::files::read::read_capped(path, crate::bank::MAX_FILE_BYTES)
        .is_ok_and(|bytes| super::parse_results_bytes("", &bytes).is_ok())
}

/// The `.csv` files in `dir`, sorted.
fn csv_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_csv = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if is_csv && path.is_file() {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}
