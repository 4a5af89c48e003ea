//! Importing a large Moodle XML file (issue 16): 10,000 questions of every common type, about
//! 14 MB (under the 16 MiB limit of an imported file) of HTML in CDATA as Moodle writes it,
//! parsed, converted and each question checked with the bank loader.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use quizdesk::interop::{ImportOptions, moodle_xml};

/// `n` questions as Moodle 4 exports them, in categories of 100.
fn generate(n: usize) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let filler = "<p dir=\"ltr\" style=\"text-align: left;\">The article describes the visit, the pact and what NATO's Secretary General said of it, with <strong>dates</strong> &amp; places.</p>";
    for i in 0..n {
        if i % 100 == 0 {
            out.push_str(&format!(
                "  <question type=\"category\">\n    <category>\n      <text>$course$/top/Week {}</text>\n    </category>\n  </question>\n",
                i / 100
            ));
        }
        out.push_str(&format!("<!-- question: {i}  -->\n"));
        let head = |qtype: &str| {
            format!(
                "  <question type=\"{qtype}\">\n    <name>\n      <text>Question {i}</text>\n    </name>\n    <questiontext format=\"html\">\n      <text><![CDATA[<p>Question {i}: what does paragraph {} say?</p>{filler}]]></text>\n    </questiontext>\n    <generalfeedback format=\"html\">\n      <text><![CDATA[{filler}]]></text>\n    </generalfeedback>\n    <defaultgrade>1.0000000</defaultgrade>\n    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n    <idnumber>q-{i}</idnumber>\n",
                i % 9 + 1
            )
        };
        let answer = |fraction: &str, text: &str| {
            format!(
                "    <answer fraction=\"{fraction}\" format=\"html\">\n      <text><![CDATA[<p>{text}</p>]]></text>\n      <feedback format=\"html\">\n        <text><![CDATA[<p>Feedback on <em>{text}</em>.</p>]]></text>\n      </feedback>\n    </answer>\n"
            )
        };
        match i % 6 {
            0 | 1 => {
                out.push_str(&head("multichoice"));
                out.push_str("    <single>true</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n");
                out.push_str(&answer("100", &format!("Right {i}")));
                for k in 0..3 {
                    out.push_str(&answer("0", &format!("Wrong {i}.{k}")));
                }
            }
            2 => {
                out.push_str(&head("truefalse"));
                out.push_str(&answer("100", "true"));
                out.push_str(&answer("0", "false"));
            }
            3 => {
                out.push_str(&head("shortanswer"));
                out.push_str("    <usecase>0</usecase>\n");
                out.push_str(&answer("100", &format!("answer {i}")));
                out.push_str(&answer("0", &format!("wrong {i}")));
            }
            4 => {
                out.push_str(&head("numerical"));
                out.push_str(&format!(
                    "    <answer fraction=\"100\" format=\"moodle_auto_format\">\n      <text>{i}</text>\n      <feedback format=\"html\"><text></text></feedback>\n      <tolerance>0.5</tolerance>\n    </answer>\n"
                ));
            }
            _ => {
                out.push_str(&head("match"));
                for k in 0..3 {
                    out.push_str(&format!(
                        "    <subquestion format=\"html\">\n      <text><![CDATA[<p>Item {i}.{k}</p>]]></text>\n      <answer>\n        <text>Match {i}.{k}</text>\n      </answer>\n    </subquestion>\n"
                    ));
                }
            }
        }
        out.push_str("  </question>\n\n");
    }
    out.push_str("</quiz>\n");
    out
}

fn import_10k(c: &mut Criterion) {
    let text = generate(10_000);
    eprintln!("10k Moodle XML: {} bytes", text.len());
    let path = Path::new("big.xml");
    let options = ImportOptions::for_path(path);
    let converted = moodle_xml::import(path, &text, &options);
    assert_eq!(converted.error_count(), 0, "{}", converted.render());
    assert_eq!(converted.bank.questions.len(), 10_000);
    let mut group = c.benchmark_group("moodle_xml");
    group.sample_size(10);
    group.bench_function("import_10k_questions", |b| {
        b.iter_with_large_drop(|| moodle_xml::import(path, black_box(&text), &options))
    });
    group.finish();
}

criterion_group!(benches, import_10k);
criterion_main!(benches);
