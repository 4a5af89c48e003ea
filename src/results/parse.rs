//! Reading results files, strictly: a file is used whole or not at all, and every problem is
//! reported with its line and the reason.

use std::collections::HashMap;

use super::{COLUMNS, Rejection, ResultRow, ResultsFile, StudentResults, VERSION};
use crate::csvio::{Row, rows, unguard};
use crate::session::Verdict;

/// At most this many problems are listed per file; the rest are counted.
const MAX_PROBLEMS: usize = 20;

/// Reads a results file from its bytes: UTF-8, with or without a byte-order mark.
pub fn parse_results_bytes(file: &str, bytes: &[u8]) -> Result<ResultsFile, Vec<Rejection>> {
    let reject = |line: usize, reason: String| {
        vec![Rejection {
            file: file.to_owned(),
            line,
            reason,
        }]
    };
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(reject(
            1,
            "the file is UTF-16 text, not UTF-8: save it as \"CSV UTF-8\"".into(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_results(file, text),
        Err(e) => {
            let at = e.valid_up_to();
            let line = 1 + bytes
                .get(..at)
                .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
            let byte = bytes.get(at).copied().unwrap_or(0);
            Err(reject(
                line,
                format!("not UTF-8 text (byte 0x{byte:02x}): save the file as \"CSV UTF-8\""),
            ))
        }
    }
}

/// Reads a results file. `file` names it in the rejections.
pub fn parse_results(file: &str, text: &str) -> Result<ResultsFile, Vec<Rejection>> {
    let mut problems = Problems {
        file,
        list: Vec::new(),
        more: 0,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        problems.add(1, "the file is empty".into());
        return Err(problems.finish());
    }
    // A spreadsheet set to a language that writes decimal commas separates fields with `;`.
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut records = rows(text, delimiter).into_iter();
    match records.next() {
        Some(Ok(header)) => {
            if let Some(reason) = header_problem(&header.fields) {
                problems.add(header.line, reason);
                return Err(problems.finish());
            }
        }
        Some(Err(e)) => {
            problems.add(e.line, e.reason);
            return Err(problems.finish());
        }
        None => {
            problems.add(1, "the file is empty".into());
            return Err(problems.finish());
        }
    }
    let mut session: Option<(usize, Session)> = None;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out_rows = Vec::new();
    let mut lines = Vec::new();
    for record in records {
        let row = match record {
            Ok(row) => row,
            Err(e) => {
                problems.add(e.line, e.reason);
                continue;
            }
        };
        let line = row.line;
        let (this, result_row) = match read_row(row, delimiter) {
            Ok(parsed) => parsed,
            Err(reason) => {
                problems.add(line, reason);
                continue;
            }
        };
        match &session {
            None => session = Some((line, this)),
            Some((first_line, first)) => {
                if let Some(reason) = first.difference(&this, *first_line) {
                    problems.add(line, reason);
                    continue;
                }
            }
        }
        if let Some(earlier) = seen.get(&result_row.question) {
            problems.add(
                line,
                format!(
                    "question `{}` is already on line {earlier}: a session asks each question once",
                    result_row.question
                ),
            );
            continue;
        }
        seen.insert(result_row.question.clone(), line);
        out_rows.push(result_row);
        lines.push(line);
    }
    if !problems.list.is_empty() {
        return Err(problems.finish());
    }
    let Some((_, s)) = session else {
        problems.add(
            2,
            "no results after the header: the file holds no question".into(),
        );
        return Err(problems.finish());
    };
    Ok(ResultsFile {
        file: file.to_owned(),
        results: StudentResults {
            student: s.student,
            bank: s.bank,
            bank_title: s.bank_title,
            bank_hash: s.bank_hash,
            seed: s.seed,
            version: s.version,
            mode: s.mode,
            date_utc: s.date_utc,
            rows: out_rows,
        },
        lines,
    })
}

struct Problems<'a> {
    file: &'a str,
    list: Vec<Rejection>,
    more: usize,
}

impl Problems<'_> {
    fn add(&mut self, line: usize, reason: String) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Rejection {
                file: self.file.to_owned(),
                line,
                reason,
            });
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Vec<Rejection> {
        if self.more > 0
            && let Some(last) = self.list.last()
        {
            let line = last.line;
            self.list.push(Rejection {
                file: self.file.to_owned(),
                line,
                reason: format!("and {} more problems after this line", self.more),
            });
        }
        self.list
    }
}

/// Why `fields` is not the version 1 header, if it is not.
fn header_problem(fields: &[String]) -> Option<String> {
    let fields: Vec<&str> = fields.iter().map(|f| f.trim()).collect();
    if fields == COLUMNS {
        return None;
    }
    let first = fields.first().copied().unwrap_or("");
    if let Some(v) = first.strip_prefix("quizdesk_results_v") {
        if let Ok(v) = v.parse::<u32>()
            && v != VERSION
        {
            let which = if v > VERSION { "a newer" } else { "an older" };
            return Some(format!(
                "results format version {v} comes from {which} quizdesk; this one reads version {VERSION}"
            ));
        }
        if fields.len() != COLUMNS.len() {
            return Some(format!(
                "unknown results header: {} columns, expected the {} of `quizdesk_results_v{VERSION}`",
                fields.len(),
                COLUMNS.len()
            ));
        }
        let (k, (found, expected)) = fields
            .iter()
            .zip(COLUMNS)
            .enumerate()
            .find(|(_, (f, c))| *f != c)?;
        return Some(format!(
            "unknown results header: column {} is `{found}`, expected `{expected}`",
            k + 1
        ));
    }
    if fields.starts_with(&["date_utc", "session", "bank"]) {
        return Some(
            "this is a history export, not a student's results: export the session's results from the summary screen or the history"
                .into(),
        );
    }
    Some(format!(
        "not a quizdesk results file: the first line must be the header `{},…`",
        COLUMNS[..3].join(",")
    ))
}

/// The columns every row of a file repeats: one student's one session.
#[derive(Debug, PartialEq)]
struct Session {
    student: String,
    bank: String,
    bank_title: String,
    bank_hash: String,
    seed: u64,
    version: String,
    mode: String,
    date_utc: String,
}

impl Session {
    fn difference(&self, other: &Session, first_line: usize) -> Option<String> {
        let pairs = [
            ("student", &self.student, &other.student),
            ("bank", &self.bank, &other.bank),
            ("bank_title", &self.bank_title, &other.bank_title),
            ("bank_hash", &self.bank_hash, &other.bank_hash),
            ("version", &self.version, &other.version),
            ("mode", &self.mode, &other.mode),
            ("date_utc", &self.date_utc, &other.date_utc),
        ];
        if self.seed != other.seed {
            return Some(format!(
                "seed {} differs from seed {} on line {first_line}: a results file holds one session of one student",
                other.seed, self.seed
            ));
        }
        let (column, first, this) = pairs.into_iter().find(|(_, a, b)| a != b)?;
        Some(format!(
            "{column} `{this}` differs from `{first}` on line {first_line}: a results file holds one session of one student"
        ))
    }
}

fn read_row(row: Row, delimiter: u8) -> Result<(Session, ResultRow), String> {
    if row.fields.len() != COLUMNS.len() {
        let hint = if row.fields.len() > COLUMNS.len() {
            " (a field with a comma that is not in quotes?)"
        } else {
            ""
        };
        return Err(format!(
            "{} fields, expected {}{hint}",
            row.fields.len(),
            COLUMNS.len()
        ));
    }
    let mut f = row.fields.into_iter().map(unguard);
    let mut next = || f.next().unwrap_or_default();
    let position = next();
    let student = next().trim().to_owned();
    let bank = next().trim().to_owned();
    let bank_title = next();
    let bank_hash = next().trim().to_owned();
    let seed = next();
    let version = next().trim().to_owned();
    let mode = next().trim().to_ascii_lowercase();
    let date_utc = next().trim().to_owned();
    let question = next().trim().to_owned();
    let section = next();
    let answer = next();
    let verdict = next();
    let score = next();
    let points = next();
    let max_points = next();
    let time_ms = next();
    let misconceptions = next();
    let correct_answer = next();

    let position = match position.trim().parse::<usize>() {
        Ok(p) if p > 0 => p,
        _ => {
            return Err(format!(
                "`{position}` in quizdesk_results_v1 is not a question number (1, 2, …)"
            ));
        }
    };
    if student.is_empty() {
        return Err("the student column is empty: the gradebook needs each student's name".into());
    }
    if bank.is_empty() {
        return Err("the bank column is empty".into());
    }
    let seed = seed
        .trim()
        .parse::<u64>()
        .map_err(|_| format!("seed `{seed}` is not a whole number"))?;
    if !(version.is_empty()
        || (version.len() == 1 && version.bytes().all(|b| b.is_ascii_uppercase())))
    {
        return Err(format!(
            "version `{version}` is not a handout letter (A to Z) or empty"
        ));
    }
    if !matches!(mode.as_str(), "practice" | "test" | "review") {
        return Err(format!("mode `{mode}` is not practice, test or review"));
    }
    if !date_ok(&date_utc) {
        return Err(format!(
            "date_utc `{date_utc}` is not a date such as 2026-11-28T16:31:07Z"
        ));
    }
    if question.is_empty() {
        return Err("the question column is empty".into());
    }
    let verdict = match verdict.trim().to_ascii_lowercase().as_str() {
        "correct" => Verdict::Correct,
        "partial" => Verdict::Partial,
        "wrong" => Verdict::Wrong,
        "skipped" => Verdict::Skipped,
        _ => {
            return Err(format!(
                "verdict `{verdict}` is not correct, partial, wrong or skipped"
            ));
        }
    };
    let decimal = |name: &str, text: &str| {
        let t = text.trim();
        let t = if delimiter == b';' {
            t.replace(',', ".")
        } else {
            t.to_owned()
        };
        t.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{name} `{text}` is not a number"))
    };
    let score = decimal("score", &score)?;
    if !(0.0..=1.0).contains(&score) {
        return Err(format!("score {score} is outside 0 to 1"));
    }
    let points = decimal("points", &points)?;
    let max_points = max_points
        .trim()
        .parse::<u32>()
        .map_err(|_| format!("max_points `{max_points}` is not a whole number"))?;
    if points < 0.0 {
        return Err(format!("points {points} are negative"));
    }
    if points > f64::from(max_points) + 1e-9 {
        return Err(format!("points {points} exceed max_points {max_points}"));
    }
    let time_ms = time_ms
        .trim()
        .parse::<u64>()
        .map_err(|_| format!("time_ms `{time_ms}` is not a whole number of milliseconds"))?;
    let misconceptions = misconceptions
        .split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    Ok((
        Session {
            student,
            bank,
            bank_title,
            bank_hash,
            seed,
            version,
            mode,
            date_utc,
        },
        ResultRow {
            position,
            question,
            section,
            answer,
            verdict,
            score,
            points,
            max_points,
            time_ms,
            misconceptions,
            correct_answer,
        },
    ))
}

/// The date as written (`2026-11-28T16:31:07Z`), or as a spreadsheet may save it again.
fn date_ok(text: &str) -> bool {
    use chrono::{NaiveDate, NaiveDateTime};
    let t = text.strip_suffix('Z').unwrap_or(text);
    [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .any(|f| NaiveDateTime::parse_from_str(t, f).is_ok())
        || NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok()
}
