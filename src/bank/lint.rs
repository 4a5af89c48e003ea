//! Quality lints: advice for authors about banks that load fine but teach less well than they
//! could. Errors make a bank unusable; lints never do. They run in `quizdesk check` and in the
//! editor (not when the app merely opens a bank), and each can be silenced for a bank with
//! `allow: ["lint-name", …]`.
//!
//! Also the coverage report: which paragraphs of the source no question cites.

use std::fmt;

use super::load::LoadReport;
use super::model::{Bank, Kind, Question};
use super::spans::SpanMap;
use super::words::{self, Map, Vocabulary, WordId};
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
    /// A question whose prompt or options give away another question's answer.
    AnswerLeak,
}

impl Lint {
    pub const ALL: [Lint; 7] = [
        Lint::AnswerPosition,
        Lint::DistractorLength,
        Lint::MissingExplanation,
        Lint::MissingCitation,
        Lint::MissingFeedback,
        Lint::NearDuplicate,
        Lint::AnswerLeak,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Lint::AnswerPosition => "answer-position",
            Lint::DistractorLength => "distractor-length",
            Lint::MissingExplanation => "missing-explanation",
            Lint::MissingCitation => "missing-citation",
            Lint::MissingFeedback => "missing-feedback",
            Lint::NearDuplicate => "near-duplicate",
            Lint::AnswerLeak => "answer-leak",
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

/// At most this many findings of one lint are listed for a bank; the rest are counted and
/// summed up in one warning. A million choices without feedback gave a million warnings
/// (1.1 GB and 10 s to print); nobody reads past the first screens of one kind.
pub const LISTED_PER_LINT: usize = 200;

/// Findings of one lint left out of the list (see [`LISTED_PER_LINT`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unlisted {
    pub lint: Lint,
    /// How many were left out.
    pub count: usize,
    /// Where the first one left out is.
    pub path: String,
}

/// What the lints found: listed findings, in file order per lint, and per lint the count of
/// findings past `cap` that were only counted.
#[derive(Debug, Default)]
pub struct Findings {
    cap: usize,
    pub listed: Vec<LintFinding>,
    per_lint: Vec<(Lint, usize)>,
    pub unlisted: Vec<Unlisted>,
}

impl Findings {
    fn new(cap: usize) -> Self {
        Self {
            cap,
            ..Self::default()
        }
    }

    /// Whether another finding of `lint` would be listed (so is worth writing out).
    fn wants(&self, lint: Lint) -> bool {
        self.per_lint
            .iter()
            .find(|(l, _)| *l == lint)
            .is_none_or(|&(_, n)| n < self.cap)
    }

    /// Counts a finding of `lint` at `path` without listing it.
    fn count_only(&mut self, lint: Lint, path: impl FnOnce() -> String) {
        match self.unlisted.iter_mut().find(|u| u.lint == lint) {
            Some(u) => u.count += 1,
            None => self.unlisted.push(Unlisted {
                lint,
                count: 1,
                path: path(),
            }),
        }
    }

    fn push(&mut self, f: LintFinding) {
        if !self.wants(f.lint) {
            return self.count_only(f.lint, || f.path);
        }
        match self.per_lint.iter_mut().find(|(l, _)| *l == f.lint) {
            Some((_, n)) => *n += 1,
            None => self.per_lint.push((f.lint, 1)),
        }
        self.listed.push(f);
    }
}

/// Every lint that applies to `bank` and is not allowed by it, in file order per lint.
pub fn lint(bank: &Bank) -> Vec<LintFinding> {
    lint_listing(bank, usize::MAX).listed
}

/// [`lint`], listing at most `cap` findings of each lint and counting the rest.
pub fn lint_listing(bank: &Bank, cap: usize) -> Findings {
    let allowed = bank.allowed_lints();
    let mut out = Findings::new(cap);
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
    if on(Lint::AnswerLeak) {
        answer_leak(bank, &mut out);
    }
    out
}

/// Adds the lints of a loaded bank to its report, as warnings placed in the file.
///
/// Past [`LISTED_PER_LINT`] findings of one lint, one more warning says how many of it were
/// left out, at the first of them; [`Diagnostic::stands_for`](crate::diag::Diagnostic) keeps
/// the counts true.
pub fn add_lints(report: &mut LoadReport) {
    let Some(bank) = &report.bank else { return };
    let Findings {
        listed: findings,
        unlisted,
        ..
    } = lint_listing(bank, LISTED_PER_LINT);
    if findings.is_empty() && unlisted.is_empty() {
        return;
    }
    let spans = SpanMap::scan_for(
        &report.text,
        findings
            .iter()
            .flat_map(|f| {
                std::iter::once(f.path.as_str()).chain(f.related.iter().map(|(p, _)| p.as_str()))
            })
            .chain(unlisted.iter().map(|u| u.path.as_str())),
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
    for u in unlisted {
        let mut d = builder.at(
            Severity::Warning,
            range(&u.path),
            format!(
                "{} more [{}] warnings like the {LISTED_PER_LINT} listed are not listed, from here on",
                u.count, u.lint
            ),
            "and more from here",
            Some(format!(
                "fix the listed ones and check again to see the rest; to silence them for the bank: `allow: [\"{}\"]`",
                u.lint
            )),
        );
        d.stands_for = u.count;
        report.diagnostics.push(d);
    }
    report
        .diagnostics
        .sort_by_key(|d| (d.range.start, std::cmp::Reverse(d.severity)));
}

/// Single-choice questions whose correct answer sits mostly in one position: a reader of the
/// file (or a session with shuffling off, or a printed key) sees the pattern.
fn answer_position(bank: &Bank, out: &mut Findings) {
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
fn distractor_length(i: usize, q: &Question, out: &mut Findings) {
    let Some(choices) = q.kind.choices() else {
        return;
    };
    if choices.len() < 3 {
        return;
    }
    let lengths: Vec<usize> = choices.iter().map(|c| c.text.chars().count()).collect();
    let typicals = typical_of_others(&lengths);
    for (j, (&len, &typical)) in lengths.iter().zip(&typicals).enumerate() {
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

/// For each length, the median of the other lengths (the upper median of an even count).
///
/// The typical other choice is the median of the others; sorting once and stepping over the
/// choice itself keeps this O(n log n) (370k choices took minutes when the others were sorted
/// again for every choice).
fn typical_of_others(lengths: &[usize]) -> Vec<usize> {
    let mut sorted = lengths.to_vec();
    sorted.sort_unstable();
    let Some(middle) = sorted.len().checked_sub(1).map(|n| n / 2) else {
        return Vec::new();
    };
    lengths
        .iter()
        .map(|&len| {
            // One copy of `len` leaves the list; which copy does not matter.
            let at = sorted.partition_point(|&l| l < len);
            let k = if at > middle { middle } else { middle + 1 };
            sorted.get(k).copied().unwrap_or(len)
        })
        .collect()
}

fn missing_citation(i: usize, q: &Question, out: &mut Findings) {
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

fn missing_feedback(i: usize, q: &Question, out: &mut Findings) {
    let mut push = |path: String, what: String| {
        if !out.wants(Lint::MissingFeedback) {
            return out.count_only(Lint::MissingFeedback, || path);
        }
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

/// A word's hash (FNV-1a).
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The hashes of a word set (its words' hashes summed, so that the order does not matter) and
/// of each of its sets with one word left out: O(words), where hashing every leave-one-out set
/// anew was quadratic in a long prompt's words.
fn keys(hashes: impl Iterator<Item = u64> + Clone) -> Vec<(u64, bool)> {
    let full = hashes.clone().fold(0u64, u64::wrapping_add);
    let mut keys = Vec::with_capacity(hashes.size_hint().0 + 1);
    keys.push((full, true));
    keys.extend(hashes.map(|h| (full.wrapping_sub(h), false)));
    keys
}

/// Questions whose prompts have the same words but for one word added, removed or replaced
/// (case, accents and punctuation ignored). Found in linear time: each prompt's word set and
/// its sets with one word left out are hashed, and prompts that share a hash are compared.
/// Prompts of fewer than four words (five for a replaced word) are too short to tell.
fn near_duplicates(bank: &Bank, out: &mut Findings) {
    let questions = bank.questions();
    let folded: Vec<String> = questions
        .iter()
        .map(|q| crate::text::fold(&q.prompt))
        .collect();
    let mut vocab = Vocabulary::new();
    let sets: Vec<Vec<WordId>> = folded.iter().map(|f| vocab.set(f)).collect();
    let hashes: Vec<u64> = (0..vocab.len())
        .map(|id| word_hash(vocab.word(id as WordId)))
        .collect();
    // hash → first question with it, and whether that entry is the full set.
    let mut seen: Map<u64, (usize, bool)> = Map::default();
    for (i, set) in sets.iter().enumerate() {
        if set.len() < 4 {
            continue;
        }
        let keys = keys(set.iter().map(|&w| hashes[w as usize]));
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
        if let Some(j) = twin {
            let path = || format!("questions[{i}].prompt");
            if !out.wants(Lint::NearDuplicate) {
                out.count_only(Lint::NearDuplicate, path);
                continue;
            }
            out.push(LintFinding {
                lint: Lint::NearDuplicate,
                path: path(),
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
fn similar<T: Ord>(a: &[T], b: &[T]) -> bool {
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

/// Words too common to give an answer away, and words about answering itself (placeholders
/// such as "The right answer" in a new question's skeleton).
const STOP_WORDS: &[&str] = &[
    "another", "answer", "answers", "choice", "choices", "correct", "false", "first", "last",
    "option", "options", "right", "second", "third", "three", "true", "two", "wrong", "a", "about",
    "after", "against", "all", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "in",
    "into", "is", "it", "its", "not", "of", "on", "one", "or", "other", "our", "s", "she", "so",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "too", "up", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
    "with", "would", "you",
];

/// One question giving away another's keyed answer (see [`answer_leaks`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leak {
    /// The question whose prompt or options hold the answer (bank index).
    pub from: usize,
    /// Path of the text that holds it (the prompt, or an option), below the bank.
    pub path: String,
    /// The question whose answer is given away (bank index).
    pub answers: usize,
    /// The keyed answer given away, as written.
    pub answer: String,
}

/// Where a text a learner reads before answering is, in its question (see [`shown_texts`]).
#[derive(Clone, Copy)]
enum ShownAt {
    Prompt,
    Choice(usize),
    Item(usize),
    Left(usize),
    Right(usize),
    Distractor(usize),
    ClozeText,
    GapChoice(usize, usize),
}

impl ShownAt {
    /// The text's path below the bank, for question `i` (written only for the texts reported:
    /// formatting one for every choice of a bank was a tenth of the answer-leak lint).
    fn path(self, i: usize) -> String {
        let base = format!("questions[{i}]");
        match self {
            ShownAt::Prompt => format!("{base}.prompt"),
            ShownAt::Choice(j) => format!("{base}.answer.choices[{j}].text"),
            ShownAt::Item(j) => format!("{base}.answer.items[{j}]"),
            ShownAt::Left(j) => format!("{base}.answer.pairs[{j}].0"),
            ShownAt::Right(j) => format!("{base}.answer.pairs[{j}].1"),
            ShownAt::Distractor(j) => format!("{base}.answer.distractors[{j}]"),
            ShownAt::ClozeText => format!("{base}.answer.text"),
            ShownAt::GapChoice(g, j) => format!("{base}.answer.gaps[{g}].choices[{j}].text"),
        }
    }
}

/// What a learner reads before answering a question: its prompt (first) and options, each
/// with where it is.
fn shown_texts(q: &Question) -> Vec<(ShownAt, &str)> {
    let mut out = vec![(ShownAt::Prompt, q.prompt.as_str())];
    match &q.kind {
        Kind::SingleChoice(c) | Kind::MultipleSelect(c) => {
            out.extend(
                c.iter()
                    .enumerate()
                    .map(|(j, c)| (ShownAt::Choice(j), c.text.as_str())),
            );
        }
        Kind::Ordering(items) => {
            out.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(j, item)| (ShownAt::Item(j), item.as_str())),
            );
        }
        Kind::Matching(m) => {
            for (j, (left, _)) in m.pairs.iter().enumerate() {
                out.push((ShownAt::Left(j), left.as_str()));
            }
            for (j, (_, right)) in m.pairs.iter().enumerate() {
                out.push((ShownAt::Right(j), right.as_str()));
            }
            for (j, d) in m.distractors.iter().enumerate() {
                out.push((ShownAt::Distractor(j), d.as_str()));
            }
        }
        Kind::Cloze(c) => {
            for s in &c.segments {
                match s {
                    crate::kinds::Segment::Text(t) => out.push((ShownAt::ClozeText, t.as_str())),
                    crate::kinds::Segment::Gap(_) => {}
                }
            }
            for (g, gap) in c.gaps.iter().enumerate() {
                match gap {
                    crate::kinds::Gap::Choose(choices) => {
                        for (j, c) in choices.iter().enumerate() {
                            out.push((ShownAt::GapChoice(g, j), c.text.as_str()));
                        }
                    }
                    crate::kinds::Gap::Typed(_) => {}
                }
            }
        }
        Kind::TrueFalse(_) | Kind::ShortAnswer(_) | Kind::Numeric(_) | Kind::Discussion(_) => {}
    }
    out
}

/// A question's keyed answers, each with whether it is typed (recalled) rather than picked
/// (recognised): its correct choices, accepted short answers, and each cloze gap's accepted
/// answers or correct choice.
fn keyed_answers(q: &Question) -> Vec<(&str, bool)> {
    fn correct(c: &[crate::kinds::Choice]) -> Vec<(&str, bool)> {
        c.iter()
            .filter(|c| c.correct)
            .map(|c| (c.text.as_str(), false))
            .collect()
    }
    fn typed(sa: &crate::kinds::ShortAnswer) -> Vec<(&str, bool)> {
        sa.accept.iter().map(|a| (a.as_str(), true)).collect()
    }
    match &q.kind {
        Kind::SingleChoice(c) | Kind::MultipleSelect(c) => correct(c),
        Kind::ShortAnswer(sa) => typed(sa),
        Kind::Cloze(c) => c
            .gaps
            .iter()
            .flat_map(|g| match g {
                crate::kinds::Gap::Typed(sa) => typed(sa),
                crate::kinds::Gap::Choose(c) => correct(c),
            })
            .collect(),
        Kind::TrueFalse(_)
        | Kind::Numeric(_)
        | Kind::Ordering(_)
        | Kind::Matching(_)
        | Kind::Discussion(_) => Vec::new(),
    }
}

/// Not a stop word (asked once per distinct word; scanning the list for every word of a bank
/// was a tenth of `check`'s time on 10,000 questions).
fn is_content(word: &str) -> bool {
    static SORTED: std::sync::OnceLock<Vec<&str>> = std::sync::OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut words = STOP_WORDS.to_vec();
        words.sort_unstable();
        words
    });
    sorted.binary_search(&word).is_err()
}

/// Every place where one question's prompt or options give away another's keyed answer, in
/// file order, including pairs kept apart (`apart_from`; the lint leaves those out).
///
/// A keyed answer's *distinctive words* are its words that are not stop words, do not occur in
/// its own question's prompt, and are rare in the bank: they occur in the prompts and options
/// of at most a quarter of the bank's questions (at least 3). A typed answer (short answer,
/// typed cloze gap: the learner must recall it) counts when it has at least one distinctive
/// word; a picked answer (a correct choice: the learner must recognise it) when it has at
/// least two and they are not all capitalised (a bare name such as "The South Korean Navy"
/// tells nothing about which choice is right). Another question gives the answer away when its
/// prompt and options, together, contain every distinctive word of it; when several of one
/// question's answers are given away, the first is named.
///
/// Near-linear: every text is folded once and its words numbered ([`Vocabulary`]), one pass
/// counts the words, each answer is indexed once under its rarest distinctive word, and each
/// question looks up only the words it has.
pub fn answer_leaks(bank: &Bank) -> Vec<Leak> {
    let questions = bank.questions();
    let shown: Vec<Vec<(ShownAt, &str)>> = questions.iter().map(shown_texts).collect();
    let keyed: Vec<Vec<(&str, bool)>> = questions.iter().map(keyed_answers).collect();
    let fold_all = |texts: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        texts.map(crate::text::fold).collect()
    };
    let folded_shown: Vec<Vec<String>> = shown
        .iter()
        .map(|texts| fold_all(&mut texts.iter().map(|(_, t)| *t)))
        .collect();
    let folded_keyed: Vec<Vec<String>> = keyed
        .iter()
        .map(|answers| fold_all(&mut answers.iter().map(|(a, _)| *a)))
        .collect();
    let mut vocab = Vocabulary::keeping(is_content);
    // Per question, the content words of each text it shows (the prompt first), and of all.
    let text_sets: Vec<Vec<Vec<WordId>>> = folded_shown
        .iter()
        .map(|texts| texts.iter().map(|t| vocab.set(t)).collect())
        .collect();
    let word_sets: Vec<Vec<WordId>> = text_sets.iter().map(words::union).collect();
    let mut frequency = vec![0usize; vocab.len()];
    for set in &word_sets {
        for &w in set {
            frequency[w as usize] += 1;
        }
    }
    let frequency_of = |w: WordId| frequency.get(w as usize).copied().unwrap_or(0);
    let rare_at_most = (questions.len() / 4).max(3);
    // rarest distinctive word → the answers filed under it: (question, which answer, words)
    let mut index: Map<WordId, Vec<(usize, usize, Vec<WordId>)>> = Map::default();
    for (b, answers) in keyed.iter().enumerate() {
        let own = text_sets[b].first().map_or(&[][..], Vec::as_slice);
        for (k, &(answer, is_typed)) in answers.iter().enumerate() {
            let distinctive: Vec<WordId> = vocab
                .set(&folded_keyed[b][k])
                .into_iter()
                .filter(|&w| !words::contains(own, w) && frequency_of(w) <= rare_at_most)
                .collect();
            // Distinctive words written with a capital: parts of names.
            let capitalised: Vec<WordId> = answer
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .filter_map(|w| vocab.get(&crate::text::fold(w)))
                .collect();
            let only_names = distinctive.iter().all(|w| capitalised.contains(w));
            let counts = if is_typed {
                !distinctive.is_empty()
            } else {
                distinctive.len() >= 2 && !only_names
            };
            if !counts {
                continue;
            }
            let Some(&rarest) = distinctive
                .iter()
                .min_by_key(|&&w| (frequency_of(w), vocab.word(w)))
            else {
                continue;
            };
            index.entry(rarest).or_default().push((b, k, distinctive));
        }
    }
    let mut out = Vec::new();
    for (a, set) in word_sets.iter().enumerate() {
        let mut found: Vec<(usize, usize, &[WordId])> = Vec::new();
        for w in set {
            for (b, k, words) in index.get(w).map_or(&[][..], Vec::as_slice) {
                if *b != a && words.iter().all(|&w| words::contains(set, w)) {
                    found.push((*b, *k, words));
                }
            }
        }
        found.sort_unstable_by_key(|&(b, k, _)| (b, k));
        found.dedup_by_key(|&mut (b, _, _)| b);
        for (b, k, words) in found {
            // Point at the first text that holds every word, else at the prompt.
            let path = text_sets[a]
                .iter()
                .position(|here| words.iter().all(|&w| words::contains(here, w)))
                .or(if shown[a].is_empty() { None } else { Some(0) })
                .map_or_else(|| format!("questions[{a}]"), |t| shown[a][t].0.path(a));
            out.push(Leak {
                from: a,
                path,
                answers: b,
                answer: keyed[b][k].0.to_owned(),
            });
        }
    }
    out
}

/// Questions whose prompt or options give away the answer of another that a session may ask
/// with them (see [`answer_leaks`]).
fn answer_leak(bank: &Bank, out: &mut Findings) {
    let questions = bank.questions();
    for leak in answer_leaks(bank) {
        if bank.are_apart(leak.from, leak.answers) {
            continue;
        }
        let (from, to) = (&questions[leak.from].id, &questions[leak.answers].id);
        out.push(LintFinding {
            lint: Lint::AnswerLeak,
            path: leak.path,
            message: format!(
                "question `{from}` gives away the answer of `{to}` (`{}`)",
                leak.answer
            ),
            label: format!("gives away `{to}`"),
            hint: format!(
                "reword one of them, or keep them out of one session: `apart_from: [\"{to}\"]`"
            ),
            related: vec![(
                format!("questions[{}].answer", leak.answers),
                format!("`{to}` is answered here"),
            )],
        });
    }
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

    /// The folded words of `s`, sorted (as strings, so one test needs no shared vocabulary).
    fn set(s: &str) -> Vec<String> {
        let mut w: Vec<String> = crate::text::fold(s).split(' ').map(str::to_owned).collect();
        w.sort_unstable();
        w.dedup();
        w
    }

    proptest::proptest! {
        /// The sorted-once median of the others is the median found by sorting the others.
        #[test]
        fn typical_of_others_is_the_median_of_the_others(
            lengths in proptest::collection::vec(0usize..50, 1..40)
        ) {
            let naive: Vec<usize> = (0..lengths.len())
                .map(|j| {
                    let mut others: Vec<usize> = lengths
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| *k != j)
                        .map(|(_, &l)| l)
                        .collect();
                    others.sort_unstable();
                    others.get(others.len() / 2).copied().unwrap_or(lengths[j])
                })
                .collect();
            proptest::prop_assert_eq!(typical_of_others(&lengths), naive);
        }
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
