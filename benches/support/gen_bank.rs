//! Generates large, valid banks with every question kind, for benchmarks.

use std::fmt::Write;

/// Words for prompts: each question's prompt is a different pick of them, so that the bank is
/// not 10,000 near-duplicates (which the `similar-prompts` lint would rightly flag).
const WORDS: [&str; 48] = [
    "pact",
    "visit",
    "summit",
    "Pyongyang",
    "Moscow",
    "sanctions",
    "treaty",
    "veto",
    "council",
    "monitoring",
    "panel",
    "drills",
    "allies",
    "support",
    "aggression",
    "leader",
    "statement",
    "secretary",
    "general",
    "article",
    "paragraph",
    "claims",
    "weapons",
    "artillery",
    "missiles",
    "economy",
    "war",
    "Ukraine",
    "tensions",
    "bromance",
    "isolated",
    "nation",
    "years",
    "signed",
    "pledged",
    "resolution",
    "abstained",
    "extended",
    "expired",
    "watching",
    "stakes",
    "outlook",
    "implications",
    "exercises",
    "carrier",
    "Seoul",
    "Tokyo",
    "Washington",
];

/// A made-up name for question `i`, one per question ("Kab", "Kac", …).
fn name(i: usize) -> String {
    let mut name = String::from("K");
    let mut x = i;
    loop {
        name.push(char::from(b'a' + (x % 26) as u8));
        x /= 26;
        if x == 0 {
            break name;
        }
    }
}

/// A prompt of seven words picked by a fixed generator from `i`.
fn prompt(i: usize) -> String {
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let mut words = Vec::with_capacity(7);
    for _ in 0..7 {
        x ^= x >> 29;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^= x >> 32;
        words.push(WORDS[(x % WORDS.len() as u64) as usize]);
    }
    format!(
        "Question {i}: what does the article say of {}?",
        words.join(" ")
    )
}

/// A bank of `n` questions cycling through all eight kinds, citing `../assets/article.txt`.
/// About 400 bytes per question (10,000 questions ≈ 4 MB), like a hand-written bank.
pub fn generate(n: usize) -> String {
    let mut s = String::with_capacity(n * 420 + 512);
    s.push_str(
        "Bank(\n    format: 1,\n    id: \"generated\",\n    title: \"Generated bank\",\n    description: \"For benchmarks.\",\n    source: (title: \"Article\", file: \"../assets/article.txt\"),\n    sections: [\"one\", \"two\", \"three\"],\n    questions: [\n",
    );
    for i in 0..n {
        let section = ["one", "two", "three"][i % 3];
        let difficulty = ["Easy", "Medium", "Hard"][i % 3];
        let answer = match i % 8 {
            0 => format!(
                "SingleChoice(choices: [(text: \"Pyongyang {i}\", correct: true, feedback: \"Yes.\"), (text: \"Moscow {i}\", feedback: \"Russia.\", misconception: \"direction\"), (text: \"Seoul {i}\", feedback: \"South.\")])"
            ),
            1 => format!(
                "MultipleSelect(choices: [(text: \"1961 {i}\", correct: true), (text: \"2000 {i}\", correct: true), (text: \"2023 {i}\", feedback: \"Drills.\"), (text: \"2001 {i}\", correct: true)])"
            ),
            2 => "TrueFalse(answer: true, feedback_true: \"Right.\", feedback_false: \"He did.\")".to_owned(),
            // Each question its own answer: one name accepted by 1,250 questions and named in
            // 1,250 matching questions is 1.5 million answer leaks, which no real bank has.
            3 => format!("ShortAnswer(accept: [\"Envoy {0}\", \"The envoy {0}\"], typos: 1, wrong: [(text: \"Blinken\", feedback: \"US.\")])", name(i)),
            4 => format!("Numeric(answer: {}, tolerance: 0.5, unit: \"years\")", 20 + i % 10),
            5 => format!("Ordering(items: [\"1961 {i}\", \"2000 {i}\", \"2001 {i}\", \"2023 {i}\"])"),
            6 => "Matching(pairs: [(\"Stoltenberg\", \"NATO\"), (\"Blinken\", \"US\"), (\"Kim\", \"DPRK\")], distractors: [\"UN\"])".to_owned(),
            _ => "Discussion(model_answer: \"Framing versus facts.\", rubric: [(point: \"Framing\", weight: 2), (point: \"Facts\", weight: 1)], minutes: 5)".to_owned(),
        };
        let prompt = prompt(i);
        let _ = writeln!(
            s,
            "    (\n        id: \"q{i}\",\n        prompt: \"{prompt}\",\n        section: \"{section}\",\n        tags: [\"generated\"],\n        difficulty: {difficulty},\n        explanation: \"Why the answer to {i} is right.\",\n        cite: (paragraph: 3, quote: \"met in Pyongyang\"),\n        answer: {answer},\n    ),"
        );
    }
    s.push_str("    ],\n)\n");
    s
}
