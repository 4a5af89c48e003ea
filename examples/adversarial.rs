//! Writes adversarial bank files at (or near) the 16 MiB limit, for timing `quizdesk check` and
//! the app on the worst inputs a user or an attacker could hand them:
//! `cargo run --release --example adversarial -- target/adversarial`, then for example
//! `for f in target/adversarial/*.ron; do /usr/bin/time -f "%e s %M KB $f" target/release/quizdesk check "$f" > /dev/null; done`.
//!
//! Every file is at most 16 MiB (the limit of a bank file), so each must be checked in ≤ 2 s.

use std::fmt::Write as _;
use std::path::PathBuf;

/// Just under the limit of a bank file.
const LIMIT: usize = 16 * 1024 * 1024 - 4096;

/// A deterministic word of letters from `i` (base 26), so that texts are not repetitive.
fn word(mut i: usize) -> String {
    let mut w = String::new();
    loop {
        w.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
        if i == 0 {
            break;
        }
    }
    w
}

fn head() -> String {
    "Bank(format: 1, id: \"adversarial\", title: \"Adversarial\", questions: [\n".to_owned()
}

/// Questions repeated from `one(i)` until the file is nearly full.
fn fill(one: impl Fn(usize) -> String) -> String {
    let mut s = head();
    let mut i = 0;
    loop {
        let q = one(i);
        if s.len() + q.len() + 8 > LIMIT {
            break;
        }
        s.push_str(&q);
        i += 1;
    }
    s.push_str("])\n");
    s
}

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/adversarial".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let mut files: Vec<(&str, String)> = Vec::new();

    // 100k diagnostics: 50k questions with an empty prompt and no explanation.
    let mut s = head();
    for i in 0..50_000 {
        let _ = writeln!(
            s,
            "  (id: \"q{i}\", prompt: \"\", answer: TrueFalse(answer: true)),"
        );
    }
    s.push_str("])\n");
    files.push(("diagnostics-100k.ron", s));

    // The same on one line.
    let mut s = head().replace('\n', "");
    for i in 0..50_000 {
        let _ = write!(
            s,
            "(id: \"q{i}\", prompt: \"\", answer: TrueFalse(answer: true)), "
        );
    }
    s.push_str("])\n");
    files.push(("diagnostics-100k-one-line.ron", s));

    // Ordinary questions until the limit: about 40k.
    files.push((
        "questions-16mib.ron",
        fill(|i| {
            format!(
                "  (id: \"q{i}\", prompt: \"What does {} say of {} and {}?\", explanation: \"Because {}.\", answer: SingleChoice(choices: [(text: \"{} {i}\", correct: true, feedback: \"Yes.\"), (text: \"{} {i}\", feedback: \"No.\"), (text: \"{} {i}\", feedback: \"No.\")])),\n",
                word(i),
                word(i * 7 + 1),
                word(i * 13 + 2),
                word(i * 3),
                word(i * 5),
                word(i * 11),
                word(i * 17)
            )
        }),
    ));

    // One question whose prompt is the whole file: 2M distinct words.
    let mut prompt = String::new();
    let mut i = 0;
    while prompt.len() < LIMIT - 400 {
        prompt.push_str(&word(i));
        prompt.push(' ');
        i += 1;
    }
    files.push((
        "one-huge-prompt.ron",
        format!(
            "Bank(format: 1, id: \"a\", title: \"A\", questions: [(id: \"q\", prompt: \"{prompt}\", explanation: \"E.\", answer: ShortAnswer(accept: [\"x\"]))])\n"
        ),
    ));

    // One question with half a million choices.
    let mut s = "Bank(format: 1, id: \"a\", title: \"A\", questions: [(id: \"q\", prompt: \"Which?\", explanation: \"E.\", answer: SingleChoice(choices: [(text: \"right\", correct: true),\n".to_owned();
    let mut i = 0;
    while s.len() < LIMIT - 100 {
        let _ = writeln!(s, "(text: \"{}\"),", word(i));
        i += 1;
    }
    s.push_str("]))])\n");
    files.push(("one-question-many-choices.ron", s));

    // Every question the near-duplicate of the one before (one word replaced).
    files.push((
        "near-duplicates.ron",
        fill(|i| {
            format!(
                "  (id: \"q{i}\", prompt: \"When did the leaders of both nations sign the {} pact\", explanation: \"E.\", answer: TrueFalse(answer: true)),\n",
                word(i)
            )
        }),
    ));

    // Long prompts that share all but one of their many words (leave-one-out hashing).
    let shared: Vec<String> = (0..2000).map(word).collect();
    let shared = shared.join(" ");
    files.push((
        "long-similar-prompts.ron",
        fill(|i| {
            format!(
                "  (id: \"q{i}\", prompt: \"{shared} {}\", explanation: \"E.\", answer: TrueFalse(answer: true)),\n",
                word(i + 100_000)
            )
        }),
    ));

    // Answers that appear in other questions' prompts (the answer-leak lint's index).
    files.push((
        "answer-leaks.ron",
        fill(|i| {
            format!(
                "  (id: \"q{i}\", prompt: \"Is {} {} the answer to {}?\", explanation: \"E.\", answer: ShortAnswer(accept: [\"{} {}\"])),\n",
                word(i + 1),
                word(i + 2),
                word(i),
                word(i),
                word(i + 1)
            )
        }),
    ));

    // A 16 MiB string of escapes.
    let mut s =
        "Bank(format: 1, id: \"a\", title: \"A\", questions: [(id: \"q\", prompt: \"".to_owned();
    while s.len() < LIMIT - 200 {
        s.push_str("\\u{1F600}\\n\\\"");
    }
    s.push_str("\", answer: TrueFalse(answer: true))])\n");
    files.push(("escapes.ron", s));

    // Not RON at all: 16 MiB of brackets, and of a syntax error at the very end.
    files.push(("brackets.ron", "(".repeat(LIMIT)));
    let mut s = fill(|i| {
        format!("  (id: \"q{i}\", prompt: \"P {i}\", answer: TrueFalse(answer: true)),\n")
    });
    s.truncate(s.len() - 4);
    s.push_str("oops\n");
    files.push(("error-at-the-end.ron", s));

    // Misspelt fields everywhere: "did you mean" for each.
    files.push((
        "unknown-fields.ron",
        fill(|i| format!("  (id: \"q{i}\", promt: \"P\", answr: TrueFalse(answer: true)),\n")),
    ));

    for (name, text) in &files {
        assert!(text.len() <= 16 * 1024 * 1024, "{name} is over the limit");
        std::fs::write(dir.join(name), text)?;
        println!("wrote {} ({} bytes)", dir.join(name).display(), text.len());
    }
    Ok(())
}
