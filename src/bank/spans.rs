//! Where each value of a RON document is, by path (`questions[3].answer.choices[1].text`).
//!
//! serde does not tell where a value came from, so semantic diagnostics ("no correct choice")
//! would have no line and column. This scanner walks the RON text once and records, for every
//! struct field, list element and tuple element, the byte range of its key and of its value. The
//! validator names what is wrong by path and this map turns the path into a place.
//!
//! It runs only after ron has accepted the text, and only when there is something to report, but
//! it never panics on any input: unexpected bytes are skipped, and nesting is capped.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Maximum nesting the scanner follows (ron itself is limited to less).
const MAX_DEPTH: usize = 256;

/// The place of one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueSpan {
    /// The field name, for struct fields.
    pub key: Option<Range<usize>>,
    /// The whole value for scalars; the opening (`Name(` or `[`) for compound values.
    pub value: Range<usize>,
}

/// Paths to places.
#[derive(Debug, Default)]
pub struct SpanMap {
    spans: HashMap<String, ValueSpan>,
}

impl SpanMap {
    pub fn scan(text: &str) -> Self {
        Self::scan_filtered(text, None)
    }

    /// Like [`SpanMap::scan`], but only records `paths` and their ancestors, and skips over
    /// everything else without building paths for it: much faster in a large file when only a
    /// few places are wanted.
    pub fn scan_for<'p>(text: &str, paths: impl IntoIterator<Item = &'p str>) -> Self {
        let mut wanted = HashSet::new();
        for path in paths {
            let mut p = path;
            while wanted.insert(p.to_owned()) && !p.is_empty() {
                p = parent(p);
            }
        }
        wanted.insert(String::new());
        Self::scan_filtered(text, Some(wanted))
    }

    fn scan_filtered(text: &str, wanted: Option<HashSet<String>>) -> Self {
        let mut s = Scanner::new(text, wanted);
        s.skip_trivia();
        s.value(String::new(), None, 0);
        SpanMap { spans: s.map }
    }

    /// The whole extent of each item of the list at `path` (a top-level field such as
    /// `questions`), from its first character to its last, and where the list closes.
    pub fn list_items(text: &str, path: &str) -> (Vec<Range<usize>>, Option<usize>) {
        let wanted: HashSet<String> = [String::new(), path.to_owned()].into_iter().collect();
        let mut s = Scanner::new(text, Some(wanted));
        s.items_of = Some(path.to_owned());
        s.skip_trivia();
        s.value(String::new(), None, 0);
        (s.items, s.items_end)
    }

    pub fn get(&self, path: &str) -> Option<&ValueSpan> {
        self.spans.get(path)
    }

    /// The span of `path`, or of its nearest ancestor that is present (a field left out falls
    /// back to the struct that should have held it).
    pub fn nearest(&self, path: &str) -> Option<(&str, &ValueSpan)> {
        let mut p = path;
        loop {
            if let Some((k, v)) = self.spans.get_key_value(p) {
                return Some((k.as_str(), v));
            }
            if p.is_empty() {
                return None;
            }
            p = parent(p);
        }
    }
}

/// The byte offset of the first bracket that opens more than `limit` levels deep, if any
/// (strings, chars and comments are skipped).
pub fn too_deep(text: &str, limit: usize) -> Option<usize> {
    let mut s = Scanner::new(text, None);
    let mut depth = 0usize;
    loop {
        s.skip_trivia();
        let b = s.peek()?;
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(s.pos);
                }
                s.pos += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                s.pos += 1;
            }
            b'"' => s.string(0),
            b'\'' => s.char_literal(),
            b'r' | b'b' if s.raw_string_ahead() => s.raw_string(),
            _ => s.pos += 1,
        }
    }
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → ``.
fn parent(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(i) => &path[..i],
        None => "",
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    map: HashMap<String, ValueSpan>,
    /// When set, only these paths are recorded and other values are skipped.
    wanted: Option<HashSet<String>>,
    /// A list whose items' whole extents are collected (see [`SpanMap::list_items`]).
    items_of: Option<String>,
    items: Vec<Range<usize>>,
    items_end: Option<usize>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, wanted: Option<HashSet<String>>) -> Self {
        Scanner {
            bytes: text.as_bytes(),
            pos: 0,
            map: HashMap::new(),
            wanted,
            items_of: None,
            items: Vec::new(),
            items_end: None,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    /// Skips white space, comments and `#![...]` attributes.
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(b), _) if b.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    while let Some(b) = self.peek() {
                        self.pos += 1;
                        if b == b'\n' {
                            break;
                        }
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.pos += 2;
                    let mut depth = 1usize;
                    while depth > 0 {
                        match (self.peek(), self.peek_at(1)) {
                            (None, _) => return,
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.pos += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.pos += 2;
                            }
                            _ => self.pos += 1,
                        }
                    }
                }
                (Some(b'#'), Some(b'!')) => {
                    self.pos += 2;
                    let mut depth = 0usize;
                    while let Some(b) = self.peek() {
                        self.pos += 1;
                        match b {
                            b'[' => depth += 1,
                            b']' => {
                                depth = depth.saturating_sub(1);
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_trivia();
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn ident_len(&self) -> usize {
        let rest = &self.bytes[self.pos.min(self.bytes.len())..];
        let start = if rest.starts_with(b"r#") { 2 } else { 0 };
        match rest.get(start) {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
            _ => return 0,
        }
        start
            + rest[start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count()
    }

    /// Is the next thing `ident :` (a struct field), without consuming it?
    fn at_field(&mut self) -> Option<Range<usize>> {
        self.skip_trivia();
        let len = self.ident_len();
        if len == 0 {
            return None;
        }
        let key = self.pos..self.pos + len;
        let saved = self.pos;
        self.pos += len;
        self.skip_trivia();
        let is_field = self.peek() == Some(b':') && self.peek_at(1) != Some(b':');
        self.pos = saved;
        is_field.then_some(key)
    }

    fn record(&mut self, path: &str, key: Option<Range<usize>>, value: Range<usize>) {
        self.map.insert(path.to_owned(), ValueSpan { key, value });
    }

    /// Skips one value: up to the `,` or closing bracket that ends it.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b'(' | b'[' | b'{') => {
                    depth += 1;
                    self.pos += 1;
                }
                Some(b')' | b']' | b'}') => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    self.pos += 1;
                }
                Some(b',') if depth == 0 => return,
                Some(b'"') => self.string(0),
                Some(b'\'') => self.char_literal(),
                Some(b'r' | b'b') if self.raw_string_ahead() => self.raw_string(),
                Some(_) => self.pos += 1,
            }
        }
    }

    fn value(&mut self, path: String, key: Option<Range<usize>>, depth: usize) {
        self.skip_trivia();
        if let Some(wanted) = &self.wanted
            && !wanted.contains(&path)
        {
            self.skip_value();
            return;
        }
        let start = self.pos;
        let Some(b) = self.peek() else { return };
        if depth > MAX_DEPTH {
            self.pos = self.bytes.len();
            return;
        }
        match b {
            b'(' => {
                self.pos += 1;
                self.record(&path, key, start..self.pos);
                self.group(&path, b')', depth);
            }
            b'[' => {
                self.pos += 1;
                self.record(&path, key, start..self.pos);
                self.list(&path, depth);
            }
            b'{' => {
                self.pos += 1;
                self.record(&path, key, start..self.pos);
                self.map_body(&path, depth);
            }
            b'"' => {
                self.string(0);
                self.record(&path, key, start..self.pos);
            }
            b'\'' => {
                self.char_literal();
                self.record(&path, key, start..self.pos);
            }
            b'b' if matches!(self.peek_at(1), Some(b'"' | b'\'')) => {
                self.pos += 1;
                if self.peek() == Some(b'"') {
                    self.string(0);
                } else {
                    self.char_literal();
                }
                self.record(&path, key, start..self.pos);
            }
            b'r' | b'b' if self.raw_string_ahead() => {
                self.raw_string();
                self.record(&path, key, start..self.pos);
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let len = self.ident_len().max(1);
                let name = &self.bytes[self.pos..self.pos + len];
                let is_some = name == b"Some";
                self.pos += len;
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.pos += 1;
                    if is_some {
                        self.value(path, key, depth + 1);
                        self.eat(b',');
                        self.eat(b')');
                    } else {
                        self.record(&path, key, start..self.pos);
                        self.group(&path, b')', depth);
                    }
                } else {
                    self.record(&path, key, start..start + len);
                }
            }
            _ => {
                // A number (or something ron accepted that we need not locate precisely).
                self.pos += 1;
                while let Some(b) = self.peek() {
                    let exponent_sign = matches!(b, b'+' | b'-')
                        && matches!(self.bytes.get(self.pos - 1), Some(b'e' | b'E'));
                    if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                self.record(&path, key, start..self.pos);
            }
        }
    }

    /// The inside of `( ... )`: struct fields or tuple elements.
    fn group(&mut self, path: &str, close: u8, depth: usize) {
        let mut index = 0usize;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b) if b == close => {
                    self.pos += 1;
                    return;
                }
                _ => {}
            }
            let before = self.pos;
            if let Some(key) = self.at_field() {
                let name = String::from_utf8_lossy(&self.bytes[key.clone()]);
                let name = name.trim_start_matches("r#");
                let child = if path.is_empty() {
                    name.to_owned()
                } else {
                    format!("{path}.{name}")
                };
                self.pos = key.end;
                self.eat(b':');
                self.value(child, Some(key), depth + 1);
            } else {
                self.value(format!("{path}[{index}]"), None, depth + 1);
                index += 1;
            }
            self.eat(b',');
            if self.pos == before {
                self.pos += 1; // never loop on a byte we do not understand
            }
        }
    }

    fn list(&mut self, path: &str, depth: usize) {
        let mut index = 0usize;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b']') => {
                    if self.items_of.as_deref() == Some(path) {
                        self.items_end = Some(self.pos);
                    }
                    self.pos += 1;
                    return;
                }
                _ => {}
            }
            let before = self.pos;
            if self.items_of.as_deref() == Some(path) {
                self.skip_value();
                self.items.push(before..self.pos);
                index += 1;
                self.eat(b',');
                if self.pos == before {
                    self.pos += 1;
                }
                continue;
            }
            self.value(format!("{path}[{index}]"), None, depth + 1);
            index += 1;
            self.eat(b',');
            if self.pos == before {
                self.pos += 1;
            }
        }
    }

    fn map_body(&mut self, path: &str, depth: usize) {
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b'}') => {
                    self.pos += 1;
                    return;
                }
                _ => {}
            }
            let before = self.pos;
            let key_start = self.pos;
            self.value(String::from("\u{0}"), None, depth + 1);
            let key_text = String::from_utf8_lossy(&self.bytes[key_start..self.pos])
                .trim_matches('"')
                .to_owned();
            self.eat(b':');
            self.value(
                format!("{path}[{key_text}]"),
                Some(key_start..self.pos),
                depth + 1,
            );
            self.eat(b',');
            if self.pos == before {
                self.pos += 1;
            }
        }
    }

    fn string(&mut self, _hashes: usize) {
        self.pos += 1; // opening quote
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => return,
                _ => {}
            }
        }
    }

    fn char_literal(&mut self) {
        self.pos += 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'\'' => return,
                _ => {}
            }
        }
    }

    fn raw_string_ahead(&self) -> bool {
        let rest = &self.bytes[self.pos.min(self.bytes.len())..];
        let rest = rest.strip_prefix(b"b").unwrap_or(rest);
        let Some(rest) = rest.strip_prefix(b"r") else {
            return false;
        };
        let hashes = rest.iter().take_while(|b| **b == b'#').count();
        rest.get(hashes) == Some(&b'"')
    }

    fn raw_string(&mut self) {
        if self.peek() == Some(b'b') {
            self.pos += 1;
        }
        self.pos += 1; // r
        let hashes = self.bytes[self.pos..]
            .iter()
            .take_while(|b| **b == b'#')
            .count();
        self.pos += hashes + 1;
        while self.pos < self.bytes.len() {
            if self.bytes[self.pos] == b'"'
                && self.bytes[self.pos + 1..]
                    .iter()
                    .take(hashes)
                    .filter(|b| **b == b'#')
                    .count()
                    == hashes
            {
                self.pos += 1 + hashes;
                return;
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at<'t>(text: &'t str, map: &SpanMap, path: &str) -> &'t str {
        &text[map
            .get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .value
            .clone()]
    }

    #[test]
    fn a_filtered_scan_finds_exactly_what_the_full_scan_finds() {
        let text = include_str!("../../quizzes/template.ron");
        let full = SpanMap::scan(text);
        assert!(full.spans.len() > 100);
        for (path, span) in &full.spans {
            let one = SpanMap::scan_for(text, [path.as_str()]);
            assert_eq!(one.get(path), Some(span), "{path}");
        }
        let some = SpanMap::scan_for(text, ["questions[2].answer", "id"]);
        assert!(some.spans.len() < 10, "only the wanted paths and ancestors");
    }

    #[test]
    fn list_items_gives_each_question_whole() {
        let text =
            "Bank(id: \"x\", questions: [\n  (id: \"a\", p: [1, 2]),\n  (id: \"b\") // c\n], z: 1)";
        let (items, end) = SpanMap::list_items(text, "questions");
        let got: Vec<&str> = items.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, ["(id: \"a\", p: [1, 2])", "(id: \"b\") // c\n"]);
        assert_eq!(end.map(|e| &text[e..e + 1]), Some("]"));
    }

    #[test]
    fn finds_fields_elements_and_variant_contents() {
        let text = r##"#![enable(implicit_some)]
// a comment with ( and [
Bank(
    id: "x", /* nested /* comment */ ] */
    questions: [
        (id: "q1", answer: SingleChoice(choices: [(text: "a", correct: true), (text: r#"b "quoted""#)])),
        Question(id: "q2", hint: Some("h"), n: -1.5e-3, t: ('c', 2)),
    ],
)"##;
        let map = SpanMap::scan(text);
        assert_eq!(text_at(text, &map, "id"), "\"x\"");
        assert_eq!(text_at(text, &map, "questions"), "[");
        assert_eq!(text_at(text, &map, "questions[0].id"), "\"q1\"");
        assert_eq!(text_at(text, &map, "questions[0].answer"), "SingleChoice(");
        assert_eq!(
            text_at(text, &map, "questions[0].answer.choices[1].text"),
            "r#\"b \"quoted\"\"#"
        );
        assert_eq!(
            text_at(text, &map, "questions[0].answer.choices[0].correct"),
            "true"
        );
        assert_eq!(text_at(text, &map, "questions[1]"), "Question(");
        assert_eq!(text_at(text, &map, "questions[1].hint"), "\"h\"");
        assert_eq!(text_at(text, &map, "questions[1].n"), "-1.5e-3");
        assert_eq!(text_at(text, &map, "questions[1].t[0]"), "'c'");
        assert_eq!(text_at(text, &map, "questions[1].t[1]"), "2");
        let key = map.get("questions[1].hint").unwrap().key.clone().unwrap();
        assert_eq!(&text[key], "hint");
    }

    #[test]
    fn nearest_falls_back_to_ancestors() {
        let text = "(questions: [(id: \"a\")])";
        let map = SpanMap::scan(text);
        let (path, _) = map.nearest("questions[0].answer.choices").unwrap();
        assert_eq!(path, "questions[0]");
    }

    #[test]
    fn depth_limit_ignores_brackets_in_strings_and_comments() {
        let ok = "( a: \"((((((\", /* [[[[[[ */ b: [(1)] )";
        assert_eq!(too_deep(ok, 3), None);
        let deep = "(a: [[[x]]])";
        assert_eq!(too_deep(deep, 3), Some(6));
        assert_eq!(too_deep(deep, 4), None);
    }

    #[test]
    fn never_panics_on_garbage() {
        for text in [
            "((((", "r#\"", "'", "b", "[1, (a: ", "/* /*", "#![", "\"\\", "{a: {b: ",
        ] {
            let _ = SpanMap::scan(text);
        }
        let deep = "[".repeat(10_000);
        let _ = SpanMap::scan(&deep);
    }
}
