//! Text helpers shared by the importers and exporters: ids from titles, HTML to plain text, and
//! one-line forms for comments.

use std::collections::{HashMap, HashSet};

use crate::format::{SLUG_MAX, slug};

/// Whether `id` follows the format's id rule: ASCII letters, digits, `-`, `_` and `.`, starting
/// with a letter or digit.
pub fn is_valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// An id made from a title: the title itself if it is already a valid id (so ids survive a round
/// trip through GIFT's `::title::`), otherwise a lower-case slug (`Grant's tomb` →
/// `grants-tomb`, `Café à Paris` → `cafe-a-paris`), or `None` if nothing of it is left.
pub fn id_from_title(title: &str) -> Option<String> {
    let title = title.trim();
    if is_valid_id(title) && title.chars().count() <= SLUG_MAX {
        return Some(title.to_owned());
    }
    let slug = slug(title);
    (!slug.is_empty()).then_some(slug)
}

/// Whether a title loses letters on its way to an id: letters that are not ASCII (after
/// [`transliterate`] and accent folding) are dropped by the slug.
pub fn title_loses_letters(title: &str) -> bool {
    crate::text::fold(&transliterate(title))
        .chars()
        .any(|c| c.is_alphabetic() && !c.is_ascii())
}

/// An id from a title, as [`id_from_title`], with Cyrillic and Greek letters written in Latin
/// first (`Вопрос 1` → `vopros-1`); `None` if nothing of it is left.
pub fn id_from_any_title(title: &str) -> Option<String> {
    id_from_title(&transliterate(title))
}

/// Cyrillic and Greek letters, and `ß`, `æ`, `ø`… in Latin (a simple, readable scheme close to ISO 9 / ELOT for
/// ids; not reversible); other characters are kept.
pub fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let latin = match lower {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            'є' => "ye",
            'і' => "i",
            'ї' => "yi",
            'ґ' => "g",
            'ў' => "u",
            'α' | 'ά' => "a",
            'β' => "v",
            'γ' => "g",
            'δ' => "d",
            'ε' | 'έ' => "e",
            'ζ' => "z",
            'η' | 'ή' => "i",
            'θ' => "th",
            'ι' | 'ί' | 'ϊ' | 'ΐ' => "i",
            'κ' => "k",
            'λ' => "l",
            'μ' => "m",
            'ν' => "n",
            'ξ' => "x",
            'ο' | 'ό' => "o",
            'π' => "p",
            'ρ' => "r",
            'σ' | 'ς' => "s",
            'τ' => "t",
            'υ' | 'ύ' | 'ϋ' | 'ΰ' => "y",
            'φ' => "f",
            'χ' => "ch",
            'ψ' => "ps",
            'ω' | 'ώ' => "o",
            // Latin letters that accent folding keeps.
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'ø' => "o",
            'đ' | 'ð' => "d",
            'ł' => "l",
            'þ' => "th",
            'ı' => "i",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(latin);
    }
    out
}

/// `text` with every carriage return that is not followed by a line feed (old Mac files, or
/// mixed line endings) turned into a line feed, byte for byte: offsets into the result are
/// offsets into `text`, so diagnostics keep their places and the line index (which counts
/// `\n`) gives the right lines. CR LF pairs are kept (readers strip the `\r` at the end of a
/// line). Borrowed when there is no lone `\r`.
pub fn unix_line_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes.get(i + 1) != Some(&b'\n');
    if !bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\r' && lone(i))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The ids given so far, to make each new one unique.
#[derive(Debug, Default)]
pub struct IdSet {
    taken: HashSet<String>,
    /// The next suffix to try for an id, so many repeats of one title stay linear.
    next: HashMap<String, u64>,
}

impl IdSet {
    /// `id`, or `id-2`, `id-3`, … if it is taken; recorded as taken.
    pub fn unique(&mut self, id: String) -> String {
        if self.taken.insert(id.clone()) {
            return id;
        }
        let n = self.next.entry(id.clone()).or_insert(2);
        loop {
            let candidate = format!("{id}-{n}");
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Text for a one-line comment: line breaks become spaces.
pub fn one_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` has anything HTML would change: a tag or an entity.
pub fn looks_like_html(text: &str) -> bool {
    html_to_text(text) != collapse_spaces(text)
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// HTML to plain text: paragraphs, headings, lists and `<div>`s are separated by a blank line,
/// `<br>` and table rows start a line, list items get a bullet, every other tag is dropped,
/// entities are decoded, and white space runs as it renders (one space).
pub fn html_to_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_collapsed(&mut out, rest.get(..lt).unwrap_or(""));
        let after = rest.get(lt + 1..).unwrap_or("");
        // A `<` that does not start a tag (`3 < 5`) is text.
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!'));
        let Some(gt) = after.find('>').filter(|_| is_tag) else {
            push_collapsed(&mut out, "<");
            rest = after;
            continue;
        };
        let tag = after.get(..gt).unwrap_or("");
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        match name.as_str() {
            "br" => {
                trim_spaces(&mut out);
                out.push('\n');
            }
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "table"
            | "blockquote" | "pre" => paragraph(&mut out),
            "li" if !closing => {
                line(&mut out);
                out.push_str("• ");
            }
            "tr" => line(&mut out),
            "td" | "th" if closing => out.push(' '),
            _ => {}
        }
        rest = after.get(gt + 1..).unwrap_or("");
    }
    push_collapsed(&mut out, rest);
    let decoded = decode_entities(&out);
    // Trim every line, and keep at most one empty line in a row.
    let mut lines: Vec<&str> = Vec::new();
    for line in decoded.split('\n').map(str::trim) {
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

fn trim_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

/// Starts a new line, unless at the start of one.
fn line(out: &mut String) {
    trim_spaces(out);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Starts a new paragraph: a blank line, unless at the start of the text.
fn paragraph(out: &mut String) {
    trim_spaces(out);
    if out.is_empty() {
        return;
    }
    while !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// Appends text with HTML's white space rule: every run of white space is one space.
fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.ends_with([' ', '\n']) && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, a few typographic names and
/// numeric references (`&#8217;`, `&#x2019;`); anything else is left as written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let decoded = after
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| Some((entity(after.get(..semi)?)?, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = after.get(semi + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "eacute" => 'é',
        "egrave" => 'è',
        "agrave" => 'à',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        "copy" => '©',
        "deg" => '°',
        "times" => '×',
        "minus" => '−',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_titles() {
        assert_eq!(id_from_title("Q1").as_deref(), Some("Q1"));
        assert_eq!(
            id_from_title("visit-who_travelled.2").as_deref(),
            Some("visit-who_travelled.2")
        );
        assert_eq!(
            id_from_title("Grant's tomb").as_deref(),
            Some("grants-tomb")
        );
        assert_eq!(
            id_from_title("  Café à Paris?! ").as_deref(),
            Some("cafe-a-paris")
        );
        assert_eq!(id_from_title("東京"), None);
        assert_eq!(id_from_any_title("Вопрос 1").as_deref(), Some("vopros-1"));
        assert_eq!(id_from_any_title("Ερώτηση 2").as_deref(), Some("erotisi-2"));
        assert_eq!(id_from_any_title("日本語"), None);
        assert!(title_loses_letters("日本語 1"));
        assert!(!title_loses_letters("Вопрос 1"));
        assert!(!title_loses_letters("Café"));
        assert_eq!(
            id_from_any_title("Straße Größe").as_deref(),
            Some("strasse-grosse")
        );
        assert_eq!(unix_line_breaks("a\rb\r\nc\n"), "a\nb\r\nc\n");
        assert_eq!(unix_line_breaks("a\rb").len(), 3);
        let long = id_from_title(&"word ".repeat(40)).unwrap();
        assert!(long.len() <= SLUG_MAX && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn unique_ids_get_suffixes() {
        let mut ids = IdSet::default();
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a-3".into()), "a-3");
        assert_eq!(ids.unique("a".into()), "a-2");
        assert_eq!(ids.unique("a".into()), "a-4");
    }

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            html_to_text(
                "<p>Who&#39;s <b>buried</b>&nbsp;in\n  Grant&rsquo;s tomb?</p><p>Think.</p>"
            ),
            "Who's buried in Grant’s tomb?\n\nThink."
        );
        assert_eq!(html_to_text("3 < 5 &amp; 2 &gt; 1"), "3 < 5 & 2 > 1");
        assert_eq!(html_to_text("<ul><li>a</li><li>b</li></ul>"), "• a\n• b");
        assert_eq!(html_to_text("a<br/>b"), "a\nb");
        assert_eq!(decode_entities("&bogus; &#x41;&#66;"), "&bogus; AB");
        assert!(looks_like_html("<i>x</i>"));
        assert!(!looks_like_html("x < y"));
    }
}
