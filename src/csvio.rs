//! CSV, the one writer and the one reader of every CSV file quizdesk writes or reads: students'
//! results files, the gradebook table, the learner's history export and the class results of a
//! lesson. RFC 4180, the little quizdesk needs of it: writing a field or a row, and reading rows
//! with the line each starts on (quoted fields may hold delimiters, quotes and line breaks).
//!
//! On top of RFC 4180, text that a spreadsheet would run as a formula (a field starting with `=`,
//! `+`, `-`, `@`, a tab or a carriage return, after any apostrophes) is written with one more
//! apostrophe in front, and [`unguard`] takes it off again, so a student named `=HYPERLINK(…)`
//! is never executed when a teacher opens the file, and every value still reads back exactly.
//! Numbers are guarded the same way (`-3` is written `'-3`): quizdesk writes no negative number,
//! so only text typed by a person can start with `-`.
//!
//! Why not the `csv` crate (1.4, measured on the inputs the tests below and
//! `tests/suite/results.rs` pin):
//! - Writing: its "quote when necessary" rule quotes delimiters, quotes and line breaks only, so
//!   2 of the 10 fields of `written_fields_read_back` come out differently (` pad `, whose spaces
//!   a spreadsheet would trim, and `x;y`, which a spreadsheet set to a decimal-comma language
//!   splits); it has no per-field choice, and "always quote" changes every field.
//! - Reading: it accepts all 3 broken rows of `broken_quotes_are_reported_on_their_line` without
//!   an error (a quote inside an unquoted field, text after a closing quote, a quote never closed),
//!   where the results reader must reject the file and say which line; its record lines do not
//!   count line breaks inside quoted fields or blank lines (the second row of
//!   `quoted_fields_keep_delimiters_quotes_and_line_breaks` is reported on line 2, not 4), and a
//!   file with CR line ends (old spreadsheets on the Mac) has every row on line 1. Every
//!   `file:line: reason` message would need a second pass over the text to stay right.

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn needs_guard(value: &str) -> bool {
    value.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// How a file is laid out, beyond the formula guard that every file gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dialect {
    /// What ends each row.
    pub line_end: &'static str,
    /// Also quote a field that holds `;` or starts or ends with a space: a spreadsheet set to a
    /// decimal-comma language splits such a field at the `;` and trims the spaces when it saves
    /// the file again.
    pub quote_semicolons_and_edge_spaces: bool,
}

impl Dialect {
    /// RFC 4180 (rows end in CRLF), quoted so that a spreadsheet in any language can save the
    /// file again without changing a value: the files quizdesk reads back (students' results)
    /// and the gradebook table.
    pub const RFC4180: Self = Self {
        line_end: "\r\n",
        quote_semicolons_and_edge_spaces: true,
    };
    /// Rows end in LF, and only delimiters, quotes and line breaks are quoted: the exports made
    /// to be looked at (a learner's history, a lesson's class results), laid out as they always
    /// were.
    pub const EXPORT: Self = Self {
        line_end: "\n",
        quote_semicolons_and_edge_spaces: false,
    };
}

/// Appends `value` as one CSV field to `out` ([`Dialect::RFC4180`]).
pub fn push_field(out: &mut String, value: &str) {
    push_field_in(out, Dialect::RFC4180, value);
}

/// Appends `value` as one CSV field to `out`, quoted as `dialect` has it.
pub fn push_field_in(out: &mut String, dialect: Dialect, value: &str) {
    let guard = needs_guard(value);
    let quote = value.contains([',', '"', '\n', '\r'])
        || (dialect.quote_semicolons_and_edge_spaces
            && (value.contains(';') || value.starts_with(' ') || value.ends_with(' ')));
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    if quote {
        for c in value.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// Appends a whole row (fields separated by `,`, ended by CRLF as RFC 4180 has it).
pub fn push_row<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    push_row_in(out, Dialect::RFC4180, fields);
}

/// Appends a whole row, fields separated by `,`, quoted and ended as `dialect` has it.
pub fn push_row_in<'a>(
    out: &mut String,
    dialect: Dialect,
    fields: impl IntoIterator<Item = &'a str>,
) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field_in(out, dialect, f);
    }
    out.push_str(dialect.line_end);
}

/// Undoes the formula guard of [`push_field`].
pub fn unguard(field: String) -> String {
    if field.starts_with('\'') && needs_guard(&field) {
        field[1..].to_owned()
    } else {
        field
    }
}

/// One row read from a CSV text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The line (1-based) the row starts on.
    pub line: usize,
    pub fields: Vec<String>,
}

/// A row that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub reason: String,
}

/// Reads the rows of `text`, fields separated by `delimiter` (`,` or `;`). Lines may end in LF,
/// CRLF or CR; a line break inside a quoted field is read as `\n`. Blank rows (no text in any
/// field) are left out. An unclosed quote ends the reading (it swallows the rest of the file).
pub fn rows(text: &str, delimiter: u8) -> Vec<Result<Row, RowError>> {
    rows_with_spans(text, delimiter)
        .into_iter()
        .map(|r| r.map(|(row, _)| row))
        .collect()
}

/// A row with the byte range of each of its fields.
pub type SpannedRow = (Row, Vec<std::ops::Range<usize>>);

/// [`rows`], with the byte range of each field in `text` (quotes included), for messages that
/// point at one cell.
pub fn rows_with_spans(text: &str, delimiter: u8) -> Vec<Result<SpannedRow, RowError>> {
    let b = text.as_bytes();
    let slice = |from: usize, to: usize| text.get(from..to).unwrap_or("");
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < b.len() {
        let row_line = line;
        let mut fields: Vec<String> = Vec::new();
        let mut spans = Vec::new();
        let mut error: Option<String> = None;
        loop {
            let mut value = String::new();
            let field_start = i;
            if b.get(i) == Some(&b'"') {
                let opened_on = line;
                i += 1;
                let mut from = i;
                let mut closed = false;
                while i < b.len() {
                    match b[i] {
                        b'"' => {
                            value.push_str(slice(from, i));
                            if b.get(i + 1) == Some(&b'"') {
                                value.push('"');
                                i += 2;
                                from = i;
                            } else {
                                i += 1;
                                closed = true;
                                break;
                            }
                        }
                        b'\r' | b'\n' => {
                            value.push_str(slice(from, i));
                            value.push('\n');
                            i += if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                                2
                            } else {
                                1
                            };
                            line += 1;
                            from = i;
                        }
                        _ => i += 1,
                    }
                }
                if !closed {
                    out.push(Err(RowError {
                        line: opened_on,
                        reason: format!(
                            "the quoted field {} opened on this line is never closed",
                            fields.len() + 1
                        ),
                    }));
                    return out;
                }
                if !matches!(b.get(i), None | Some(b'\r' | b'\n')) && b.get(i) != Some(&delimiter) {
                    error.get_or_insert_with(|| {
                        format!(
                            "text after the closing quote of field {}: quotes inside a field must be doubled",
                            fields.len() + 1
                        )
                    });
                    while i < b.len() && !matches!(b[i], b'\r' | b'\n') && b[i] != delimiter {
                        i += 1;
                    }
                }
            } else {
                let from = i;
                while i < b.len() && !matches!(b[i], b'\r' | b'\n') && b[i] != delimiter {
                    if b[i] == b'"' && error.is_none() {
                        error = Some(format!(
                            "a quote inside field {}, which is not in quotes: a field holding quotes must be quoted, each quote doubled",
                            fields.len() + 1
                        ));
                    }
                    i += 1;
                }
                value.push_str(slice(from, i));
            }
            fields.push(value);
            spans.push(field_start..i);
            match b.get(i) {
                Some(&c) if c == delimiter => i += 1,
                Some(b'\r') => {
                    i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                    line += 1;
                    break;
                }
                Some(_) => {
                    i += 1;
                    line += 1;
                    break;
                }
                None => break,
            }
        }
        if let Some(reason) = error {
            out.push(Err(RowError {
                line: row_line,
                reason,
            }));
        } else if fields.iter().any(|f| !f.trim().is_empty()) {
            out.push(Ok((
                Row {
                    line: row_line,
                    fields,
                },
                spans,
            )));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Vec<(usize, Vec<String>)> {
        rows(text, b',')
            .into_iter()
            .map(|r| r.map(|r| (r.line, r.fields)).expect("row"))
            .collect()
    }

    #[test]
    fn quoted_fields_keep_delimiters_quotes_and_line_breaks() {
        let rows = ok("a,\"b,\"\"c\"\"\r\nd\",e\r\n\r\nf,,\n");
        assert_eq!(
            rows,
            [
                (1, vec!["a".into(), "b,\"c\"\nd".into(), "e".into()]),
                (4, vec!["f".into(), String::new(), String::new()]),
            ]
        );
    }

    #[test]
    fn written_fields_read_back() {
        let values = [
            "plain",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            " pad ",
            "=1+1",
            "'-3",
            "-3",
            "",
            "x;y",
        ];
        let mut text = String::new();
        push_row(&mut text, values);
        let read = ok(&text);
        let back: Vec<String> = read[0].1.iter().cloned().map(unguard).collect();
        assert_eq!(back, values);
        assert!(text.starts_with("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad \",'=1+1,''-3,'-3,,\"x;y\"\r\n"), "{text}");
    }

    #[test]
    fn the_export_dialect_ends_rows_in_lf_quotes_less_and_still_guards() {
        let values = ["a; b", " pad", "=1+1", "x,y", "@SUM(A1)"];
        let mut text = String::new();
        push_row_in(&mut text, Dialect::EXPORT, values);
        assert_eq!(text, "a; b, pad,'=1+1,\"x,y\",'@SUM(A1)\n");
        let back: Vec<String> = ok(&text)[0].1.iter().cloned().map(unguard).collect();
        assert_eq!(back, values);
    }

    #[test]
    fn broken_quotes_are_reported_on_their_line() {
        let r = rows("a,b\nc,d\"e\nf,\"g\n", b',');
        assert_eq!(
            r[0],
            Ok(Row {
                line: 1,
                fields: vec!["a".into(), "b".into()]
            })
        );
        assert_eq!(r[1].as_ref().map_err(|e| e.line), Err(2));
        assert_eq!(r[2].as_ref().map_err(|e| e.line), Err(3));
        assert!(
            r[2].as_ref()
                .is_err_and(|e| e.reason.contains("never closed"))
        );
    }
}
