//! Generates large, valid banks with every question kind, for benchmarks.

use std::fmt::Write;

/// A bank of `n` questions cycling through all eight kinds, citing `../assets/article.txt`.
/// About 400 bytes per question (10,000 questions ≈ 4 MB).
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
                "SingleChoice(choices: [(text: \"Pyongyang {i}\", correct: true, feedback: \"The capital.\"), (text: \"Moscow {i}\", feedback: \"Russia's capital.\", misconception: \"visit-direction\"), (text: \"Seoul {i}\", feedback: \"The South.\"), (text: \"Beijing {i}\", feedback: \"China.\")])"
            ),
            1 => format!(
                "MultipleSelect(choices: [(text: \"1961 {i}\", correct: true, feedback: \"Yes.\"), (text: \"2000 {i}\", correct: true, feedback: \"Yes.\"), (text: \"2023 {i}\", feedback: \"The drills.\"), (text: \"2001 {i}\", correct: true, feedback: \"Yes.\")])"
            ),
            2 => "TrueFalse(answer: true, feedback_true: \"Right, the article says so.\", feedback_false: \"The article says he did.\")".to_owned(),
            3 => "ShortAnswer(accept: [\"Stoltenberg\", \"Jens Stoltenberg\"], typos: 1, wrong: [(text: \"Blinken\", feedback: \"The US Secretary of State.\")])".to_owned(),
            4 => format!("Numeric(answer: {}, tolerance: 0.5, unit: \"years\")", 20 + i % 10),
            5 => format!("Ordering(items: [\"1961 {i}\", \"2000 {i}\", \"2001 {i}\", \"2023 {i}\", \"2024 {i}\"])"),
            6 => "Matching(pairs: [(\"Jens Stoltenberg\", \"NATO Secretary General\"), (\"Antony Blinken\", \"US Secretary of State\"), (\"Kim Jong Un\", \"Leader of North Korea\")], distractors: [\"President of South Korea\"])".to_owned(),
            _ => "Discussion(model_answer: \"Framing words versus reported facts, and what to verify.\", rubric: [(point: \"Names framing words\", weight: 2), (point: \"Separates facts\", weight: 2), (point: \"Says what to verify\", weight: 1)], minutes: 5)".to_owned(),
        };
        let _ = writeln!(
            s,
            "        (\n            id: \"q{i}\",\n            prompt: \"Generated question number {i}: what does the article say?\",\n            section: \"{section}\",\n            tags: [\"generated\"],\n            difficulty: {difficulty},\n            explanation: \"An explanation that teaches something about question {i}.\",\n            cite: (paragraph: 3, quote: \"the two leaders met in Pyongyang\"),\n            answer: {answer},\n        ),"
        );
    }
    s.push_str("    ],\n)\n");
    s
}
