//! quizdesk → Moodle XML. Every kind has a Moodle question type: single choice and multiple
//! select are `multichoice`, true/false `truefalse`, short answer `shortanswer`, numeric
//! `numerical`, ordering `ordering` (a core type since Moodle 4.4), matching `match`,
//! discussion `essay` and cloze `cloze` (Moodle's embedded answers). Texts are written as
//! `plain_text`, so Moodle shows them as quizdesk does and nothing needs escaping but XML's own
//! characters.

use std::fmt::Write as _;

use super::embedded::{self, SubAnswer};
use super::{DEFAULT_PENALTY, Extras, Parts, xml_char};
use crate::bank::{Bank, Choice, Gap, Kind, NumericTarget, Question, Segment, ShortAnswer};
use crate::interop::{Export, ExportNote};
use crate::kinds::cloze::MISSING_WORD_PROMPT;
use crate::kinds::multiple_select::percent;

/// The bank as a Moodle XML file, with a note for each thing Moodle does not keep.
pub fn export(bank: &Bank) -> Export {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let _ = writeln!(
        out,
        "<!-- {} ({}), exported by quizdesk -->",
        comment_safe(bank.title()),
        comment_safe(bank.id())
    );
    let mut notes = Vec::new();
    let mut section: Option<&str> = None;
    // Questions without a section first, so they go to the category chosen when importing.
    let mut order: Vec<usize> = (0..bank.questions().len()).collect();
    order.sort_by_key(|&i| bank.questions().get(i).is_some_and(|q| q.section.is_some()));
    let mut exported = 0;
    for index in order {
        let Some(q) = bank.questions().get(index) else {
            continue;
        };
        if q.section.as_deref() != section {
            section = q.section.as_deref();
            if let Some(s) = section {
                category(&mut out, s);
            }
        }
        let mut w = Writer {
            out: &mut out,
            notes: &mut notes,
            index,
            replaced: false,
        };
        w.question(bank, q);
        exported += 1;
    }
    out.push_str("</quiz>\n");
    Export {
        text: out,
        notes,
        exported,
    }
}

/// XML's special characters escaped, for text and attribute values; characters XML cannot
/// hold become U+FFFD.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            _ if !xml_char(c) => out.push('\u{fffd}'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text for an XML comment, which may not hold `--`.
fn comment_safe(text: &str) -> String {
    xml(&crate::interop::text::one_line(text)).replace("--", "- -")
}

fn category(out: &mut String, section: &str) {
    // Moodle separates categories with `/` and reads `//` as a `/` in a name.
    let path = format!("$course$/top/{}", section.replace('/', "//"));
    let _ = write!(
        out,
        "  <question type=\"category\">\n    <category>\n      <text>{}</text>\n    </category>\n  </question>\n",
        xml(&path)
    );
}

struct Writer<'a> {
    out: &'a mut String,
    notes: &'a mut Vec<ExportNote>,
    index: usize,
    /// Whether a text of the question had characters XML cannot hold.
    replaced: bool,
}

impl Writer<'_> {
    fn note(&mut self, field: &'static str, message: String, hint: Option<&str>) {
        self.notes.push(ExportNote {
            question: self.index,
            field,
            message,
            hint: hint.map(str::to_owned),
        });
    }

    /// [`xml`], remembering whether a character was replaced.
    fn esc(&mut self, text: &str) -> String {
        if !text.chars().all(xml_char) {
            self.replaced = true;
        }
        xml(text)
    }

    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// `<name format="plain_text"><text>…</text></name>` (the attribute only when given).
    fn text_element(&mut self, indent: usize, name: &str, format: bool, text: &str) {
        let attr = if format { " format=\"plain_text\"" } else { "" };
        self.line(indent, &format!("<{name}{attr}>"));
        let escaped = self.esc(text);
        self.line(indent + 1, &format!("<text>{escaped}</text>"));
        self.line(indent, &format!("</{name}>"));
    }

    fn answer(&mut self, fraction: &str, text: &str, feedback: &str, extra: &[String]) {
        self.line(
            2,
            &format!("<answer fraction=\"{fraction}\" format=\"plain_text\">"),
        );
        let escaped = self.esc(text);
        self.line(3, &format!("<text>{escaped}</text>"));
        for e in extra {
            self.line(3, e);
        }
        self.text_element(3, "feedback", true, feedback);
        self.line(2, "</answer>");
    }

    fn question(&mut self, bank: &Bank, q: &Question) {
        let mut extras = Extras::default();
        let qtype = match &q.kind {
            Kind::SingleChoice(_) | Kind::MultipleSelect(_) => "multichoice",
            Kind::TrueFalse(_) => "truefalse",
            Kind::ShortAnswer(_) => "shortanswer",
            Kind::Numeric(_) => "numerical",
            Kind::Ordering(_) => "ordering",
            Kind::Matching(_) => "match",
            Kind::Discussion(_) => "essay",
            Kind::Cloze(_) => "cloze",
        };
        self.line(1, &format!("<question type=\"{qtype}\">"));
        let extras_at = self.out.len();
        self.text_element(2, "name", false, &q.id);
        let prompt = match &q.kind {
            Kind::Cloze(c) => {
                let text = cloze_text(self, c, q.points);
                if q.prompt == MISSING_WORD_PROMPT {
                    text
                } else {
                    extras.prompt = Some(q.prompt.clone());
                    format!("{}\n\n{text}", q.prompt)
                }
            }
            Kind::SingleChoice(_)
            | Kind::MultipleSelect(_)
            | Kind::TrueFalse(_)
            | Kind::ShortAnswer(_)
            | Kind::Numeric(_)
            | Kind::Ordering(_)
            | Kind::Matching(_)
            | Kind::Discussion(_) => q.prompt.clone(),
        };
        self.text_element(2, "questiontext", true, &prompt);
        self.text_element(2, "generalfeedback", true, &q.explanation);
        self.line(2, &format!("<defaultgrade>{}</defaultgrade>", q.points));
        let penalty = match &q.kind {
            Kind::TrueFalse(_) => "1".to_owned(),
            Kind::Discussion(_) => "0".to_owned(),
            Kind::SingleChoice(_)
            | Kind::MultipleSelect(_)
            | Kind::ShortAnswer(_)
            | Kind::Numeric(_)
            | Kind::Ordering(_)
            | Kind::Matching(_)
            | Kind::Cloze(_) => format!("{DEFAULT_PENALTY}"),
        };
        self.line(2, &format!("<penalty>{penalty}</penalty>"));
        self.line(2, "<hidden>0</hidden>");
        let escaped = self.esc(&q.id);
        self.line(2, &format!("<idnumber>{escaped}</idnumber>"));
        self.kind(q, &mut extras);
        if let Some(hint) = &q.hint {
            self.text_element(2, "hint", true, hint);
        }
        if !q.tags.is_empty() {
            self.line(2, "<tags>");
            for t in &q.tags {
                self.text_element(3, "tag", false, t);
            }
            self.line(2, "</tags>");
        }
        self.line(1, "</question>");
        if q.difficulty != crate::bank::Difficulty::Medium {
            extras.difficulty = Some(q.difficulty);
            self.note(
                "difficulty",
                format!("the difficulty `{}` is not a Moodle field", q.difficulty),
                Some(KEPT),
            );
        }
        if q.citation.is_some() {
            self.note(
                "cite",
                "the citation is not kept: Moodle has no source text to point into".into(),
                Some("write the passage into the general feedback if learners need it"),
            );
        }
        if !bank.apart_from(self.index).is_empty() {
            self.note(
                "apart_from",
                "`apart_from` is not kept: Moodle has no way to keep two questions out of one quiz attempt".into(),
                Some("put such questions in one category and draw one random question from it"),
            );
        }
        if self.replaced {
            self.note(
                "prompt",
                "characters XML cannot hold (control characters) were written as `\u{fffd}`".into(),
                Some("remove them from the bank; they are invisible"),
            );
        }
        if !extras.is_empty() {
            let comment = format!("    <!-- {} -->\n", extras.to_comment());
            self.out.insert_str(extras_at, &comment);
        }
    }

    fn kind(&mut self, q: &Question, extras: &mut Extras) {
        match &q.kind {
            Kind::SingleChoice(choices) => self.multichoice(choices, true, &mut extras.parts),
            Kind::MultipleSelect(choices) => self.multichoice(choices, false, &mut extras.parts),
            Kind::TrueFalse(tf) => {
                for (value, feedback) in [(true, &tf.feedback_true), (false, &tf.feedback_false)] {
                    let fraction = if value == tf.answer { "100" } else { "0" };
                    self.answer(
                        fraction,
                        if value { "true" } else { "false" },
                        feedback,
                        &[],
                    );
                }
                if let Some(m) = &tf.misconception {
                    extras.parts.misconceptions = vec![Some(m.clone())];
                    self.misconception_note("answer.misconception", m);
                }
            }
            Kind::ShortAnswer(sa) => {
                self.line(2, "<usecase>0</usecase>");
                for a in &sa.accept {
                    self.answer("100", a, "", &[]);
                }
                for w in &sa.wrong {
                    self.answer("0", &w.text, &w.feedback, &[]);
                }
                // Moodle's catch-all answer, last so that it matches only what nothing else did.
                if !sa.otherwise.is_empty() {
                    self.answer("0", "*", &sa.otherwise, &[]);
                }
                extras.parts = self.short_parts(sa, "answer");
            }
            Kind::Numeric(n) => {
                let (value, tolerance) = match n.target {
                    NumericTarget::Near { value, tolerance } => (value, tolerance),
                    NumericTarget::Range { min, max } => {
                        extras.range = Some((min, max));
                        ((min + max) / 2.0, (max - min) / 2.0)
                    }
                };
                self.answer(
                    "100",
                    &format!("{value}"),
                    "",
                    &[format!("<tolerance>{tolerance}</tolerance>")],
                );
                if let Some(unit) = &n.unit {
                    self.line(2, "<units>");
                    self.line(3, "<unit>");
                    self.line(4, "<multiplier>1</multiplier>");
                    let escaped = self.esc(unit);
                    self.line(4, &format!("<unit_name>{escaped}</unit_name>"));
                    self.line(3, "</unit>");
                    self.line(2, "</units>");
                    // Units optional, as quizdesk takes `24` and `24 km` alike.
                    self.line(2, "<unitgradingtype>0</unitgradingtype>");
                    self.line(2, "<showunits>0</showunits>");
                    self.line(2, "<unitsleft>0</unitsleft>");
                }
            }
            Kind::Ordering(items) => {
                self.line(2, "<layouttype>VERTICAL</layouttype>");
                self.line(2, "<selecttype>ALL</selecttype>");
                self.line(2, &format!("<selectcount>{}</selectcount>", items.len()));
                self.line(2, "<gradingtype>ALL_OR_NOTHING</gradingtype>");
                self.line(2, "<showgrading>SHOW</showgrading>");
                self.line(2, "<numberingstyle>none</numberingstyle>");
                for (k, item) in items.iter().enumerate() {
                    self.answer(&format!("{}", k + 1), item, "", &[]);
                }
                self.note(
                    "answer",
                    "Moodle 4.4 and later read ordering questions; older versions need the `qtype_ordering` plugin".into(),
                    Some("it is written with `ALL_OR_NOTHING` grading, as quizdesk grades it"),
                );
            }
            Kind::Matching(m) => {
                self.line(2, "<shuffleanswers>true</shuffleanswers>");
                for (left, right) in &m.pairs {
                    self.subquestion(left, right);
                }
                for d in &m.distractors {
                    self.subquestion("", d);
                }
                if m.pairs.len() + m.distractors.len() < 3 {
                    self.note(
                        "answer.pairs",
                        "Moodle needs at least three answers in a matching question".into(),
                        Some("add a pair or a distractor"),
                    );
                }
            }
            Kind::Discussion(d) => {
                self.line(2, "<responseformat>editor</responseformat>");
                self.line(2, "<responserequired>1</responserequired>");
                self.line(2, "<responsefieldlines>10</responsefieldlines>");
                self.line(2, "<attachments>0</attachments>");
                self.line(2, "<attachmentsrequired>0</attachmentsrequired>");
                self.text_element(2, "graderinfo", true, &d.model_answer);
                self.text_element(2, "responsetemplate", true, "");
                extras.rubric = d
                    .rubric
                    .iter()
                    .map(|r| (r.point.clone(), r.weight))
                    .collect();
                extras.minutes = d.minutes;
                self.note(
                    "answer.rubric",
                    "the rubric is not a Moodle field: Moodle grades essays by hand".into(),
                    Some(KEPT),
                );
                if d.rubric.iter().any(|r| r.citation.is_some()) {
                    self.note(
                        "answer.rubric",
                        "the rubric's citations are not kept: Moodle has no source text".into(),
                        None,
                    );
                }
                if d.minutes.is_some() {
                    self.note(
                        "answer.minutes",
                        "the suggested minutes are not a Moodle field".into(),
                        Some(KEPT),
                    );
                }
            }
            Kind::Cloze(c) => {
                for gap in &c.gaps {
                    let parts = match gap {
                        Gap::Typed(sa) => self.short_parts(sa, "answer.gaps"),
                        Gap::Choose(choices) => self.choice_parts(choices, "answer.gaps"),
                    };
                    extras.gaps.push(parts);
                }
                if extras.gaps.iter().all(Parts::is_empty) {
                    extras.gaps.clear();
                }
            }
        }
    }

    fn multichoice(&mut self, choices: &[Choice], single: bool, parts: &mut Parts) {
        self.line(2, &format!("<single>{single}</single>"));
        let shuffle = !choices.iter().any(|c| c.pinned);
        self.line(2, &format!("<shuffleanswers>{shuffle}</shuffleanswers>"));
        self.line(2, "<answernumbering>abc</answernumbering>");
        self.line(2, "<showstandardinstruction>0</showstandardinstruction>");
        let right = choices.iter().filter(|c| c.correct).count().max(1);
        let share = 100.0 / right as f64;
        for c in choices {
            let fraction = match (single, c.correct) {
                (true, true) => "100".to_owned(),
                (true, false) => "0".to_owned(),
                (false, true) => percent(share),
                (false, false) => percent(-share),
            };
            self.answer(&fraction, &c.text, &c.feedback, &[]);
        }
        *parts = self.choice_parts(choices, "answer.choices");
    }

    /// Pins and misconceptions, noted.
    fn choice_parts(&mut self, choices: &[Choice], field: &'static str) -> Parts {
        let mut parts = Parts::default();
        let pinned = choices.iter().filter(|c| c.pinned).count();
        if pinned > 0 {
            parts.pinned = choices.iter().map(|c| c.pinned).collect();
            if pinned < choices.len() {
                self.note(
                    field,
                    format!(
                        "{pinned} of {} choices are pinned: Moodle shuffles all choices or none, so none are shuffled",
                        choices.len()
                    ),
                    Some(KEPT),
                );
            }
        }
        if choices.iter().any(|c| c.misconception.is_some()) {
            parts.misconceptions = choices.iter().map(|c| c.misconception.clone()).collect();
            for m in choices.iter().filter_map(|c| c.misconception.as_deref()) {
                self.misconception_note(field, m);
            }
        }
        parts
    }

    /// Typos and misconceptions, noted.
    fn short_parts(&mut self, sa: &ShortAnswer, field: &'static str) -> Parts {
        let mut parts = Parts {
            typos: sa.typos,
            ..Parts::default()
        };
        if sa.typos > 0 {
            self.note(
                field,
                format!(
                    "`typos: {}` is not kept: Moodle accepts only the answers as written",
                    sa.typos
                ),
                Some(KEPT),
            );
        }
        if sa.wrong.iter().any(|w| w.misconception.is_some()) {
            parts.misconceptions = sa.wrong.iter().map(|w| w.misconception.clone()).collect();
            for m in sa.wrong.iter().filter_map(|w| w.misconception.as_deref()) {
                self.misconception_note(field, m);
            }
        }
        parts
    }

    fn misconception_note(&mut self, field: &'static str, m: &str) {
        self.note(
            field,
            format!("the misconception tag `{m}` is not a Moodle field"),
            Some(KEPT),
        );
    }

    fn subquestion(&mut self, text: &str, answer: &str) {
        self.line(2, "<subquestion format=\"plain_text\">");
        let escaped = self.esc(text);
        self.line(3, &format!("<text>{escaped}</text>"));
        self.line(3, "<answer>");
        let escaped = self.esc(answer);
        self.line(4, &format!("<text>{escaped}</text>"));
        self.line(3, "</answer>");
        self.line(2, "</subquestion>");
    }
}

/// What the note's hint says of a field kept in the quizdesk comment.
const KEPT: &str = "kept in a `<!-- quizdesk … -->` comment in the question, so importing the file back restores it";

/// The cloze text with each gap written as an embedded answer.
/// Moodle marks a Cloze question by the sum of its gaps' weights, so each gap weighs
/// `points / gaps` when that is whole, and 1 (with a note) otherwise.
fn cloze_text(w: &mut Writer<'_>, c: &crate::bank::Cloze, points: u32) -> String {
    let gaps = u32::try_from(c.gaps.len()).unwrap_or(u32::MAX).max(1);
    let weight = if points.is_multiple_of(gaps) {
        points / gaps
    } else {
        w.note(
            "points",
            format!(
                "Moodle marks a Cloze question by its gaps: it will be worth {gaps} points, not {points}"
            ),
            Some("give the question a multiple of its number of gaps as `points`"),
        );
        1
    };
    let mut out = String::new();
    for s in &c.segments {
        match s {
            Segment::Text(t) => out.push_str(t),
            Segment::Gap(i) => match c.gaps.get(*i) {
                Some(Gap::Typed(sa)) => {
                    let mut answers: Vec<SubAnswer> = sa
                        .accept
                        .iter()
                        .map(|a| SubAnswer {
                            percent: 100.0,
                            text: a.clone(),
                            feedback: String::new(),
                        })
                        .collect();
                    answers.extend(sa.wrong.iter().map(|x| SubAnswer {
                        percent: 0.0,
                        text: x.text.clone(),
                        feedback: x.feedback.clone(),
                    }));
                    out.push_str(&embedded::write(weight, "SHORTANSWER", &answers));
                }
                Some(Gap::Choose(choices)) => {
                    let answers: Vec<SubAnswer> = choices
                        .iter()
                        .map(|ch| SubAnswer {
                            percent: if ch.correct { 100.0 } else { 0.0 },
                            text: ch.text.clone(),
                            feedback: ch.feedback.clone(),
                        })
                        .collect();
                    let shuffled = !choices.iter().any(|ch| ch.pinned);
                    let name = if shuffled {
                        "MULTICHOICE_S"
                    } else {
                        "MULTICHOICE"
                    };
                    out.push_str(&embedded::write(weight, name, &answers));
                }
                None => {
                    w.note(
                        "answer.text",
                        format!("gap {} has no answers and is left out", i + 1),
                        None,
                    );
                }
            },
        }
    }
    out
}
