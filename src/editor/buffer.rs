//! The text of a file being edited: lines, a cursor and a selection, edits with undo and redo.
//!
//! Kept as a list of lines so that an edit costs the length of a line, not of the file: a
//! 10,000-question bank is 4 MB, and typing in it must stay instant. Columns count characters.

/// A place in the text: 0-based line and character column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub fn new(line: usize, col: usize) -> Self {
        Self { line, col }
    }
}

/// One undoable change: at `at`, `removed` was replaced by `inserted`.
#[derive(Clone, Debug, PartialEq)]
struct Edit {
    at: Pos,
    removed: String,
    inserted: String,
    /// Where `inserted` ends.
    end: Pos,
    cursor_before: Pos,
    anchor_before: Option<Pos>,
    /// Typing that may be merged with the next keystroke into one undo step.
    typing: bool,
}

#[derive(Clone, Debug)]
pub struct Buffer {
    lines: Vec<String>,
    cursor: Pos,
    /// The other end of the selection, if any.
    anchor: Option<Pos>,
    /// The column up and down try to keep.
    goal: Option<usize>,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// Bumped by every change of text.
    version: u64,
    /// The first line changed since [`Buffer::take_changed_from`] was last called.
    changed_from: Option<usize>,
}

fn byte_of(line: &str, col: usize) -> usize {
    line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

impl Buffer {
    pub fn new(text: &str) -> Self {
        let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        for l in &mut lines {
            if l.ends_with('\r') {
                l.pop();
            }
        }
        Self {
            lines,
            cursor: Pos::default(),
            anchor: None,
            goal: None,
            undo: Vec::new(),
            redo: Vec::new(),
            version: 0,
            changed_from: None,
        }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    /// The first line changed since the last call (for caches of per-line work).
    pub fn take_changed_from(&mut self) -> Option<usize> {
        self.changed_from.take()
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    pub fn line(&self, i: usize) -> &str {
        self.lines.get(i).map_or("", String::as_str)
    }

    pub fn cursor(&self) -> Pos {
        self.cursor
    }

    /// The selection as (start, end), if any and not empty.
    pub fn selection(&self) -> Option<(Pos, Pos)> {
        let a = self.anchor?;
        (a != self.cursor).then(|| (a.min(self.cursor), a.max(self.cursor)))
    }

    pub fn selected_text(&self) -> Option<String> {
        let (s, e) = self.selection()?;
        Some(self.slice(s, e))
    }

    fn clamp(&self, p: Pos) -> Pos {
        let line = p.line.min(self.lines.len().saturating_sub(1));
        Pos::new(line, p.col.min(char_len(&self.lines[line])))
    }

    /// Moves the cursor to `p`; with `select`, extends the selection to it.
    pub fn set_cursor(&mut self, p: Pos, select: bool) {
        let p = self.clamp(p);
        if select {
            self.anchor.get_or_insert(self.cursor);
        } else {
            self.anchor = None;
        }
        self.cursor = p;
        self.goal = None;
    }

    pub fn select_all(&mut self) {
        let last = self.lines.len() - 1;
        self.anchor = Some(Pos::default());
        self.cursor = Pos::new(last, char_len(&self.lines[last]));
    }

    /// The text between two places.
    fn slice(&self, s: Pos, e: Pos) -> String {
        if s.line == e.line {
            let l = &self.lines[s.line];
            return l[byte_of(l, s.col)..byte_of(l, e.col)].to_owned();
        }
        let first = &self.lines[s.line];
        let mut out = first[byte_of(first, s.col)..].to_owned();
        for l in &self.lines[s.line + 1..e.line] {
            out.push('\n');
            out.push_str(l);
        }
        out.push('\n');
        let last = &self.lines[e.line];
        out.push_str(&last[..byte_of(last, e.col)]);
        out
    }

    /// Replaces the text between `s` and `e` with `text`; returns where the new text ends.
    fn splice(&mut self, s: Pos, e: Pos, text: &str) -> Pos {
        let head = {
            let l = &self.lines[s.line];
            l[..byte_of(l, s.col)].to_owned()
        };
        let tail = {
            let l = &self.lines[e.line];
            l[byte_of(l, e.col)..].to_owned()
        };
        let mut new: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let last = new.len() - 1;
        let end = Pos::new(
            s.line + last,
            if last == 0 { s.col } else { 0 } + char_len(&new[last]),
        );
        new[0].insert_str(0, &head);
        new[last].push_str(&tail);
        self.lines.splice(s.line..=e.line, new);
        self.version += 1;
        self.changed_from = Some(self.changed_from.map_or(s.line, |c| c.min(s.line)));
        end
    }

    fn apply(&mut self, s: Pos, e: Pos, text: &str, typing: bool) {
        let removed = self.slice(s, e);
        let (cursor_before, anchor_before) = (self.cursor, self.anchor);
        let end = self.splice(s, e, text);
        let edit = Edit {
            at: s,
            removed,
            inserted: text.to_owned(),
            end,
            cursor_before,
            anchor_before,
            typing,
        };
        self.cursor = end;
        self.anchor = None;
        self.goal = None;
        self.redo.clear();
        // Consecutive typed characters undo together, up to a word.
        if let Some(last) = self.undo.last_mut()
            && typing
            && last.typing
            && last.removed.is_empty()
            && edit.removed.is_empty()
            && !text.contains(char::is_whitespace)
            && last.end == s
        {
            last.inserted.push_str(text);
            last.end = end;
            return;
        }
        self.undo.push(edit);
    }

    fn end_of(at: Pos, inserted: &str) -> Pos {
        let parts: Vec<&str> = inserted.split('\n').collect();
        let last = parts.len() - 1;
        Pos::new(
            at.line + last,
            if last == 0 { at.col } else { 0 } + char_len(parts[last]),
        )
    }

    /// Types `text` at the cursor, replacing the selection.
    pub fn insert(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let (s, e) = self.selection().unwrap_or((self.cursor, self.cursor));
        let typing = !text.contains('\n') && char_len(&text) == 1;
        self.apply(s, e, &text, typing);
    }

    /// A new line, indented like the current one (one level more after an opening bracket).
    pub fn newline(&mut self) {
        let line = self.line(self.cursor.line);
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let before: String = line.chars().take(self.cursor.col).collect();
        let extra = if before.trim_end().ends_with(['(', '[', '{']) {
            "    "
        } else {
            ""
        };
        self.insert(&format!("\n{indent}{extra}"));
    }

    /// Deletes the selection, or the character before the cursor.
    pub fn backspace(&mut self) {
        if let Some((s, e)) = self.selection() {
            self.apply(s, e, "", false);
        } else if self.cursor != Pos::default() {
            let s = self.left_of(self.cursor);
            self.apply(s, self.cursor, "", false);
        }
    }

    /// Deletes the selection, or the character after the cursor.
    pub fn delete(&mut self) {
        if let Some((s, e)) = self.selection() {
            self.apply(s, e, "", false);
        } else {
            let e = self.right_of(self.cursor);
            if e != self.cursor {
                self.apply(self.cursor, e, "", false);
            }
        }
    }

    /// Cuts the selection: returns its text.
    pub fn cut(&mut self) -> Option<String> {
        let text = self.selected_text()?;
        self.backspace();
        Some(text)
    }

    fn left_of(&self, p: Pos) -> Pos {
        if p.col > 0 {
            Pos::new(p.line, p.col - 1)
        } else if p.line > 0 {
            Pos::new(p.line - 1, char_len(&self.lines[p.line - 1]))
        } else {
            p
        }
    }

    fn right_of(&self, p: Pos) -> Pos {
        if p.col < char_len(&self.lines[p.line]) {
            Pos::new(p.line, p.col + 1)
        } else if p.line + 1 < self.lines.len() {
            Pos::new(p.line + 1, 0)
        } else {
            p
        }
    }

    pub fn left(&mut self, select: bool) {
        let p = match (self.selection(), select) {
            (Some((s, _)), false) => s,
            _ => self.left_of(self.cursor),
        };
        self.set_cursor(p, select);
    }

    pub fn right(&mut self, select: bool) {
        let p = match (self.selection(), select) {
            (Some((_, e)), false) => e,
            _ => self.right_of(self.cursor),
        };
        self.set_cursor(p, select);
    }

    /// Up (negative) or down by `lines`, keeping the column where it can.
    pub fn vertical(&mut self, lines: isize, select: bool) {
        let goal = self.goal.unwrap_or(self.cursor.col);
        let line = self
            .cursor
            .line
            .saturating_add_signed(lines)
            .min(self.lines.len() - 1);
        self.set_cursor(Pos::new(line, goal), select);
        self.goal = Some(goal);
    }

    /// Home: to the first non-blank character, or to column 0 if already there.
    pub fn home(&mut self, select: bool) {
        let indent = self.lines[self.cursor.line]
            .chars()
            .take_while(|c| c.is_whitespace())
            .count();
        let col = if self.cursor.col == indent { 0 } else { indent };
        self.set_cursor(Pos::new(self.cursor.line, col), select);
    }

    pub fn end(&mut self, select: bool) {
        let col = char_len(&self.lines[self.cursor.line]);
        self.set_cursor(Pos::new(self.cursor.line, col), select);
    }

    pub fn undo(&mut self) -> bool {
        let Some(edit) = self.undo.pop() else {
            return false;
        };
        self.splice(edit.at, edit.end, &edit.removed);
        self.cursor = edit.cursor_before;
        self.anchor = edit.anchor_before;
        self.goal = None;
        self.redo.push(edit);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(edit) = self.redo.pop() else {
            return false;
        };
        let end = Self::end_of(edit.at, &edit.removed);
        self.cursor = self.splice(edit.at, end, &edit.inserted);
        self.anchor = None;
        self.goal = None;
        self.undo.push(edit);
        true
    }

    /// The byte offset of `p` in [`Buffer::text`].
    pub fn offset(&self, p: Pos) -> usize {
        let p = self.clamp(p);
        self.lines[..p.line]
            .iter()
            .map(|l| l.len() + 1)
            .sum::<usize>()
            + byte_of(&self.lines[p.line], p.col)
    }

    /// The place of byte offset `offset` in [`Buffer::text`].
    pub fn pos_of(&self, offset: usize) -> Pos {
        let mut rest = offset;
        for (i, l) in self.lines.iter().enumerate() {
            if rest <= l.len() {
                let col = l.get(..rest).map_or_else(|| char_len(l), char_len);
                return Pos::new(i, col);
            }
            rest -= l.len() + 1;
        }
        let last = self.lines.len() - 1;
        Pos::new(last, char_len(&self.lines[last]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_deleting_and_moving_across_lines() {
        let mut b = Buffer::new("ab\ncd");
        b.set_cursor(Pos::new(0, 2), false);
        b.insert("X");
        b.newline();
        b.insert("é");
        assert_eq!(b.text(), "abX\né\ncd");
        assert_eq!(b.cursor(), Pos::new(1, 1));
        b.backspace();
        b.backspace();
        assert_eq!(b.text(), "abX\ncd");
        b.set_cursor(Pos::new(0, 3), false);
        b.delete();
        assert_eq!(b.text(), "abXcd");
        b.vertical(5, false);
        assert_eq!(b.cursor(), Pos::new(0, 3), "one line: stays");
        assert_eq!(b.offset(Pos::new(0, 3)), 3);
    }

    #[test]
    fn selections_are_replaced_and_cut_and_undo_restores_everything() {
        let mut b = Buffer::new("one\ntwo\nthree");
        b.set_cursor(Pos::new(0, 1), false);
        b.set_cursor(Pos::new(2, 2), true);
        assert_eq!(b.selected_text().as_deref(), Some("ne\ntwo\nth"));
        b.insert("-");
        assert_eq!(b.text(), "o-ree");
        for c in ["a", "b", "c"] {
            b.insert(c);
        }
        assert_eq!(b.text(), "o-abcree");
        assert!(b.undo(), "the word typed undoes at once");
        assert_eq!(b.text(), "o-ree");
        assert!(b.undo());
        assert_eq!(b.text(), "one\ntwo\nthree");
        assert_eq!(b.selected_text().as_deref(), Some("ne\ntwo\nth"));
        assert!(b.redo());
        assert!(b.redo());
        assert_eq!(b.text(), "o-abcree");
        b.select_all();
        assert_eq!(b.cut().as_deref(), Some("o-abcree"));
        assert_eq!(b.text(), "");
    }

    #[test]
    fn newline_keeps_and_deepens_indentation_and_offsets_round_trip() {
        let mut b = Buffer::new("    questions: [");
        b.end(false);
        b.newline();
        assert_eq!(b.text(), "    questions: [\n        ");
        let text = "ab\nçd\n\nxyz";
        let b = Buffer::new(text);
        for (offset, _) in text.char_indices() {
            assert_eq!(b.offset(b.pos_of(offset)), offset);
        }
    }
}
