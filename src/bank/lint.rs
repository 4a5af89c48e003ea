//! Quality lints: advice for authors about banks that load fine but teach less well than they
//! could. Errors make a bank unusable; lints never do. They run in `quizdesk check` and in the
//! editor (not when the app merely opens a bank), and each can be silenced for a bank with
//! `allow: ["lint-name", …]`.
//!
//! Also the coverage report: which paragraphs of the source no question cites.

use std::collections::HashMap;
use std::fmt;

use super::load::LoadReport;
use super::model::{Bank, Kind, Question};
use super::spans::SpanMap;
use crate::diag::{DiagnosticBuilder, Severity};

/// A lint, by the name used in `allow: [...]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lint {
    /// Correct answers of single-choice questions piled on one position.
    AnswerPosition,
    /// A choice much longer or shorter than the others (often a give-away).
    DistractorLength,
    /// A question without an explanation.
    MissingExplanation,
    /// A question without a citation in a bank that has a source.
    MissingCitation,
    /// A wrong answer without feedback saying why it is wrong.
    MissingFeedback,
    /// Two questions asking almost the same thing.
    NearDuplicate,
}

impl Lint {
    pub const ALL: [Lint; 6] = [
        Lint::AnswerPosition,
        Lint::DistractorLength,
        Lint::MissingExplanation,
        Lint::MissingCitation,
        Lint::MissingFeedback,
        Lint::NearDuplicate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Lint::AnswerPosition => "answer-position",
            Lint::DistractorLength => "distractor-length",
            Lint::MissingExplanation => "missing-explanation",
            Lint::MissingCitation => "missing-citation",
            Lint::MissingFeedback => "missing-feedback",
            Lint::NearDuplicate => "near-duplicate",
        }
    }

    pub fn from_name(name: &str) -> Option<Lint> {
        Lint::ALL.into_iter().find(|l| l.name() == name)
    }
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One piece of advice, about the value at `path`.
#[derive(Clone, Debug, PartialEq)]
pub struct LintFinding {
    pub lint: Lint,
    pub path: String,
    pub message: String,
    pub label: String,
    pub hint: String,
    pub related: Vec<(String, String)>,
}

/// Every lint that applies to `bank` and is not allowed by it, in file order per lint.
pub fn lint(bank: &Bank) -> Vec<LintFinding> {
    let allowed = bank.allowed_lints();
    let mut out = Vec::new();
    let on = |l: Lint| !allowed.contains(&l);
    if on(Lint::AnswerPosition) {
        answer_position(bank, &mut out);
    }
    for (i, q) in bank.questions().iter().enumerate() {
        if on(Lint::DistractorLength) {
            distractor_length(i, q, &mut out);
        }
        if on(Lint::MissingCitation) && bank.source().is_some() {
            missing_citation(i, q, &mut out);
        }
        if on(Lint::MissingFeedback) {
            missing_feedback(i, q, &mut out);
        }
    }
    if on(Lint::NearDuplicate) {
        near_duplicates(bank, &mut out);
    }
    out
}

/// Adds the lints of a loaded bank to its report, as warnings placed in the file.
pub fn add_lints(report: &mut LoadReport) {
    let Some(bank) = &report.bank else { return };
    let findings = lint(bank);
    if findings.is_empty() {
        return;
    }
    let spans = SpanMap::scan_for(
        &report.text,
        findings.iter().flat_map(|f| {
            std::iter::once(f.path.as_str()).chain(f.related.iter().map(|(p, _)| p.as_str()))
        }),
    );
    let builder = DiagnosticBuilder::new(&report.path, &report.text);
    let range = |path: &str| spans.nearest(path).map_or(0..0, |(_, s)| s.value.clone());
    for f in findings {
        let mut d = builder.at(
            Severity::Warning,
            range(&f.path),
            format!("{} [{}]", f.message, f.lint),
            &f.label,
            Some(format!(
                "{}; to silence this for the bank: `allow: [\"{}\"]`",
                f.hint, f.lint
            )),
        );
        d.related = f
            .related
            .iter()
            .map(|(path, message)| builder.related(range(path), message))
            .collect();
        report.diagnostics.push(d);
    }
    report
        .diagnostics
        .sort_by_key(|d| (d.range.start, std::cmp::Reverse(d.severity)));
}

/// Single-choice questions whose correct answer sits mostly in one position: a reader of the
/// file (or a session with shuffling off, or a printed key) sees the pattern.
fn answer_position(bank: &Bank, out: &mut Vec<LintFinding>) {
    let mut counts: Vec<usize> = Vec::new();
    let mut at: Vec<Vec<usize>> = Vec::new();
    for (i, q) in bank.questions().iter().enumerate() {
        if let Kind::SingleChoice(choices) = &q.kind
            && let Some(p) = choices.iter().position(|c| c.correct)
        {
            if counts.len() <= p {
                counts.resize(p + 1, 0);
                at.resize(p + 1, Vec::new());
            }
            counts[p] += 1;
            at[p].push(i);
        }
    }
    let total: usize = counts.iter().sum();
    let Some((pos, &most)) = counts
        .iter()
        .enumerate()
        .max_by_key(|(p, n)| (**n, usize::MAX - p))
    else {
        return;
    };
    if total < 5 || most * 2 <= total {
        return;
    }
    let spread = counts
        .iter()
        .enumerate()
        .map(|(p, n)| format!("{}: {n}", p + 1))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(LintFinding {
        lint: Lint::AnswerPosition,
        path: "questions".into(),
        message: format!(
            "{most} of {total} single-choice questions have their correct answer in position {} (positions {spread})",
            pos + 1
        ),
        label: "correct answers piled up".into(),
        hint: "move some correct answers to other positions: sessions shuffle choices, but the file, unshuffled sessions and printed keys show the pattern".into(),
        related: at[pos]
            .iter()
            .take(3)
            .map(|&i| {
                (
                    format!("questions[{i}].answer.choices[{pos}]"),
                    format!("correct answer in position {}", pos + 1),
                )
            })
            .collect(),
    });
}

/// A choice at least twice as long as the typical other choice, or at most 40% of it (and
/// 20 characters apart either way, so short choices are left alone).
fn distractor_length(i: usize, q: &Question, out: &mut Vec<LintFinding>) {
    let Some(choices) = q.kind.choices() else {
        return;
    };
    if choices.len() < 3 {
        return;
    }
    let lengths: Vec<usize> = choices.iter().map(|c| c.text.chars().count()).collect();
    for (j, &len) in lengths.iter().enumerate() {
        let mut others: Vec<usize> = lengths
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != j)
            .map(|(_, &l)| l)
            .collect();
        others.sort_unstable();
        let typical = others[others.len() / 2];
        let (longer, shorter) = (
            len >= 2 * typical && len >= typical + 20,
            len * 5 <= typical * 2 && typical >= len + 20,
        );
        if !(longer || shorter) {
            continue;
        }
        let what = if choices[j].correct {
            "the correct choice"
        } else {
            "a wrong choice"
        };
        out.push(LintFinding {
            lint: Lint::DistractorLength,
            path: format!("questions[{i}].answer.choices[{j}].text"),
            message: format!(
                "in question `{}`, {what} is much {} than the others ({len} characters; the others are about {typical})",
                q.id,
                if longer { "longer" } else { "shorter" }
            ),
            label: if longer { "much longer" } else { "much shorter" }.into(),
            hint: "test-wise learners pick (or rule out) the odd one out by its length; make the choices about as long as each other".into(),
            related: Vec::new(),
        });
    }
}

fn missing_citation(i: usize, q: &Question, out: &mut Vec<LintFinding>) {
    let cited = q.citation.is_some() || !q.kind.citations().is_empty();
    if !cited {
        out.push(LintFinding {
            lint: Lint::MissingCitation,
            path: format!("questions[{i}]"),
            message: format!("question `{}` does not cite the source", q.id),
            label: "no citation".into(),
            hint: "add `cite: (paragraph: N, quote: \"…\")` so learners can check the answer in the source".into(),
            related: Vec::new(),
        });
    }
}

fn missing_feedback(i: usize, q: &Question, out: &mut Vec<LintFinding>) {
    let mut push = |path: String, what: String| {
        out.push(LintFinding {
            lint: Lint::MissingFeedback,
            path,
            message: format!("in question `{}`, {what} has no feedback", q.id),
            label: "no feedback".into(),
            hint: "say why this answer is wrong (`feedback: \"…\"`): a learner who picked it learns most from that".into(),
            related: Vec::new(),
        });
    };
    for (below, what) in q.kind.wrong_answers_without_feedback() {
        push(format!("questions[{i}].answer{below}"), what);
    }
}

/// The words of a prompt, folded (case, accents, punctuation), each once, sorted.
fn words(prompt: &str) -> Vec<String> {
    let folded = crate::text::fold(prompt);
    let mut w: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    w.sort_unstable();
    w.dedup();
    w
}

fn key(words: &[String], skip: Option<usize>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (n, w) in words.iter().enumerate() {
        if Some(n) == skip {
            continue;
        }
        for b in w.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Questions whose prompts have the same words but for one word added, removed or replaced
/// (case, accents and punctuation ignored). Found in linear time: each prompt's word set and
/// its sets with one word left out are hashed, and prompts that share a hash are compared.
/// Prompts of fewer than four words (five for a replaced word) are too short to tell.
fn near_duplicates(bank: &Bank, out: &mut Vec<LintFinding>) {
    let questions = bank.questions();
    let sets: Vec<Vec<String>> = questions.iter().map(|q| words(&q.prompt)).collect();
    // hash → first question with it, and whether that entry is the full set.
    let mut seen: HashMap<u64, (usize, bool)> = HashMap::new();
    let mut reported = vec![false; questions.len()];
    for (i, set) in sets.iter().enumerate() {
        if set.len() < 4 {
            continue;
        }
        let mut keys = vec![(key(set, None), true)];
        keys.extend((0..set.len()).map(|n| (key(set, Some(n)), false)));
        let mut twin = None;
        for &(k, full) in &keys {
            match seen.get(&k) {
                Some(&(j, other_full)) if j != i && twin.is_none() => {
                    let (a, b) = (&sets[j], set);
                    // Verify (hashes can collide) and apply the size rules.
                    let same = similar(a, b);
                    let long_enough = if full || other_full {
                        a.len().min(b.len()) >= 4
                    } else {
                        a.len().min(b.len()) >= 5
                    };
                    if same && long_enough {
                        twin = Some(j);
                    }
                }
                Some(_) => {}
                None => {
                    seen.insert(k, (i, full));
                }
            }
        }
        if let Some(j) = twin
            && !reported[i]
        {
            reported[i] = true;
            out.push(LintFinding {
                lint: Lint::NearDuplicate,
                path: format!("questions[{i}].prompt"),
                message: format!(
                    "question `{}` asks almost the same as `{}`",
                    questions[i].id, questions[j].id
                ),
                label: "nearly the same prompt".into(),
                hint: "a session may ask both; remove one, or make them ask different things"
                    .into(),
                related: vec![(
                    format!("questions[{j}].prompt"),
                    format!("`{}` asks this", questions[j].id),
                )],
            });
        }
    }
}

/// Whether two sorted word sets differ by at most one word added, removed or replaced.
fn similar(a: &[String], b: &[String]) -> bool {
    let (mut i, mut j, mut only_a, mut only_b) = (0, 0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => {
                only_a += 1;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                only_b += 1;
                j += 1;
            }
        }
        if only_a > 1 || only_b > 1 {
            return false;
        }
    }
    only_a += a.len() - i;
    only_b += b.len() - j;
    only_a <= 1 && only_b <= 1
}

/// Which paragraphs of the source the bank's questions cite.
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    /// Citations per paragraph (index 0 = paragraph 1), counting rubric points' citations.
    pub citations: Vec<usize>,
}

impl Coverage {
    /// The paragraphs (1-based) no question cites.
    pub fn uncited(&self) -> Vec<usize> {
        self.citations
            .iter()
            .enumerate()
            .filter(|(_, n)| **n == 0)
            .map(|(i, _)| i + 1)
            .collect()
    }
}

/// The coverage of the bank's source, if it has one.
pub fn coverage(bank: &Bank) -> Option<Coverage> {
    let source = bank.source()?;
    let mut citations = vec![0; source.text.len()];
    let mut count = |p: usize| {
        if let Some(n) = p.checked_sub(1).and_then(|i| citations.get_mut(i)) {
            *n += 1;
        }
    };
    for q in bank.questions() {
        if let Some(c) = &q.citation {
            count(c.paragraph);
        }
        for c in q.kind.citations() {
            count(c.paragraph);
        }
    }
    Some(Coverage { citations })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn similar_allows_one_word_added_removed_or_replaced() {
        let a = set("When did Putin last visit Pyongyang?");
        assert!(similar(&a, &set("When did Putin visit Pyongyang?")));
        assert!(similar(&a, &set("when did PUTIN last visit pyongyang")));
        assert!(similar(&a, &set("When did Putin first visit Pyongyang?")));
        assert!(!similar(&a, &set("When did Kim first visit Moscow?")));
        assert!(!similar(&a, &set("Why did Putin go to Pyongyang in June?")));
    }

    #[test]
    fn lint_names_round_trip() {
        for l in Lint::ALL {
            assert_eq!(Lint::from_name(l.name()), Some(l));
        }
        assert_eq!(Lint::from_name("nope"), None);
    }
}
