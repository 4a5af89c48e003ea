//! Text for people, one way everywhere: escaping for HTML, plurals, clocks, dates, numbers and
//! slugs. Plain functions with no UI, used by the app, the command line and every file writer.

use std::time::{Duration, UNIX_EPOCH};

/// `text` safe anywhere in HTML, in element content and in attribute values quoted with `"` or
/// `'`: `&`, `<`, `>`, `"` and `'` become entities.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `1 file`, `2 files`, `0 files`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A clock: `m:ss` (`2:05`), or `h:mm:ss` from an hour (`1:02:03`).
pub fn clock(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

/// [`clock`] of a time in milliseconds, rounded to the nearest second.
pub fn clock_ms(ms: u64) -> String {
    clock(ms.saturating_add(500) / 1000)
}

/// How long something took, for a person: `45 s` under a minute, `2:05 min` under an hour,
/// else `1:02:03` (whole seconds, the rest dropped).
pub fn duration_ms(ms: u64) -> String {
    let secs = ms / 1000;
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", clock(secs)),
        _ => clock(secs),
    }
}

/// A time in milliseconds since the Unix epoch as an ISO 8601 UTC date and time,
/// `2026-11-28T16:31:07Z`.
pub fn iso_date(unix_ms: u64) -> String {
    let t: chrono::DateTime<chrono::Utc> = (UNIX_EPOCH + Duration::from_millis(unix_ms)).into();
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A number without a useless `.0`: `1961`, `0.5`, `-2`.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The longest [`slug`], in bytes (a slug is ASCII, so also in characters).
pub const SLUG_MAX: usize = 60;

/// A lower-case ASCII slug, for ids and folder names: the text folded as answers are compared
/// ([`crate::text::fold`]: lower case, accents dropped, `Café` → `cafe`, apostrophes removed,
/// `Grant's` → `grants`), then every run of characters that are not ASCII letters or digits
/// becomes one `-`, with none at either end, and a slug longer than [`SLUG_MAX`] is cut at a `-`
/// in its second half (else at the limit). It may be empty (a name in a script with no ASCII
/// letters): callers choose their own fallback.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in crate::text::fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.len() > SLUG_MAX {
        let cut = out.get(..SLUG_MAX).unwrap_or("");
        let cut = match cut.rfind('-') {
            Some(i) if i > SLUG_MAX / 2 => cut.get(..i).unwrap_or(cut),
            _ => cut,
        };
        out = cut.trim_end_matches('-').to_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escape_leaves_no_markup_and_no_way_out_of_an_attribute() {
        assert_eq!(
            html_escape("<a href='x'>\"Tom\" & Jerry</a>"),
            "&lt;a href=&#39;x&#39;&gt;&quot;Tom&quot; &amp; Jerry&lt;/a&gt;"
        );
        assert_eq!(
            html_escape("&amp;"),
            "&amp;amp;",
            "escaped once, as written"
        );
        assert_eq!(html_escape("plain — ü"), "plain — ü");
    }

    #[test]
    fn plurals_are_singular_for_one_only() {
        assert_eq!(plural(1, "file", "files"), "1 file");
        assert_eq!(plural(0, "file", "files"), "0 files");
        assert_eq!(plural(2, "match", "matches"), "2 matches");
    }

    #[test]
    fn clocks_show_minutes_and_seconds_and_hours_from_an_hour() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(125), "2:05");
        assert_eq!(clock(3599), "59:59");
        assert_eq!(clock(3723), "1:02:03");
        assert_eq!(clock_ms(1_499), "0:01");
        assert_eq!(clock_ms(1_500), "0:02", "rounded to the nearest second");
        assert_eq!(clock_ms(u64::MAX), clock(u64::MAX / 1000));
        assert_eq!(duration_ms(59_999), "59 s");
        assert_eq!(duration_ms(125_900), "2:05 min");
        assert_eq!(duration_ms(3_723_000), "1:02:03");
    }

    #[test]
    fn dates_are_iso_8601_utc() {
        assert_eq!(iso_date(1_795_883_467_000), "2026-11-28T16:31:07Z");
        assert_eq!(iso_date(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn numbers_format_without_trailing_zero() {
        assert_eq!(format_number(1961.0), "1961");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(-2.0), "-2");
    }

    #[test]
    fn slugs_fold_accents_drop_apostrophes_and_join_words_with_one_dash() {
        assert_eq!(slug("Ada Lovelace"), "ada-lovelace");
        assert_eq!(slug("Grant's tomb"), "grants-tomb");
        assert_eq!(slug("  Café à Paris!  "), "cafe-a-paris");
        assert_eq!(slug("Zoë O’Neil"), "zoe-oneil");
        assert_eq!(slug("--a__b--"), "a-b");
        assert_eq!(slug("Юлия"), "", "nothing of it is ASCII");
        assert_eq!(slug("Ana 東京 2"), "ana-2");
        let long = slug(&"word ".repeat(30));
        assert!(long.len() <= SLUG_MAX && !long.ends_with('-'), "{long}");
        assert!(long.len() > SLUG_MAX / 2, "{long}");
    }
}
