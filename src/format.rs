//! Text for people, one way everywhere: escaping for HTML, plurals, clocks, dates and numbers.
//! Plain functions with no UI, used by the app, the command line and every file writer.

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
}
