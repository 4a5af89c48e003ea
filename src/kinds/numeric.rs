//! Numeric: a number typed as people type it (`1,961`, `24,5`, `24 km`), right when within a
//! tolerance of the answer or inside a range. All or nothing, with "too low"/"too high".

use std::fmt::{self, Write as _};

use super::Form;
use super::ron::{number, string};
use super::{Block, GiftAnswer, GiftText, Graded, Kind, Response, ResponseError};
use crate::diag::findings::Findings;
pub use crate::format::format_number;

#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub enum NumericTarget {
    /// Within `tolerance` (≥ 0) of `value`.
    Near { value: f64, tolerance: f64 },
    /// Between `min` and `max` inclusive, `min ≤ max`.
    Range { min: f64, max: f64 },
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Numeric {
    pub target: NumericTarget,
    pub unit: Option<String>,
}

pub const SKELETON: &str = r#"Numeric(answer: 24, tolerance: 0, unit: "years")"#;

#[allow(clippy::too_many_arguments)]
pub(super) fn check(
    f: &mut Findings,
    path: &dyn fmt::Display,
    answer: Option<f64>,
    tolerance: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    unit: Option<String>,
) -> Option<Kind> {
    let target = numeric_target(f, path, answer, tolerance, min, max)?;
    Some(Kind::Numeric(Numeric { target, unit }))
}

fn numeric_target(
    f: &mut Findings,
    path: &dyn fmt::Display,
    answer: Option<f64>,
    tolerance: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
) -> Option<NumericTarget> {
    for (name, v) in [
        ("answer", answer),
        ("tolerance", tolerance),
        ("min", min),
        ("max", max),
    ] {
        if v.is_some_and(|v| !v.is_finite()) {
            f.error(
                format!("{path}.{name}"),
                format!("`{name}` must be a finite number"),
                "not finite",
            );
            return None;
        }
    }
    match (answer, min, max) {
        (Some(value), None, None) => {
            let tolerance = tolerance.unwrap_or(0.0);
            if tolerance < 0.0 {
                f.error(
                    format!("{path}.tolerance"),
                    format!("the tolerance {tolerance} is negative"),
                    "impossible tolerance",
                )
                .hint("the tolerance is a distance: `tolerance: 0.5` accepts answer ± 0.5");
                return None;
            }
            Some(NumericTarget::Near { value, tolerance })
        }
        (None, Some(min), Some(max)) => {
            if tolerance.is_some() {
                f.error(
                    format!("{path}.tolerance"),
                    "`tolerance` goes with `answer`, not with `min`/`max`",
                    "not used with a range",
                );
                return None;
            }
            if min > max {
                f.error(
                    format!("{path}.min"),
                    format!("impossible range: min {min} is greater than max {max}"),
                    "min > max",
                )
                .related(format!("{path}.max"), "max")
                .hint("swap `min` and `max`");
                return None;
            }
            Some(NumericTarget::Range { min, max })
        }
        (None, None, None) => {
            f.error(
                path.to_string(),
                "a numeric question needs `answer` (with optional `tolerance`) or `min` and `max`",
                "no target",
            )
            .hint("write `Numeric(answer: 1961)` or `Numeric(min: 2000, max: 2001)`");
            None
        }
        (Some(_), _, _) => {
            f.error(
                format!("{path}.answer"),
                "give either `answer` or `min`/`max`, not both",
                "both forms",
            );
            None
        }
        (None, _, _) => {
            let missing = if min.is_none() { "min" } else { "max" };
            f.error(
                path.to_string(),
                format!("a numeric range needs both `min` and `max`; `{missing}` is missing"),
                "incomplete range",
            );
            None
        }
    }
}

pub(super) fn grade(n: &Numeric, typed: &str) -> Result<Graded, ResponseError> {
    let value = parse_number(typed, n.unit.as_deref())?;
    let (right, feedback) = match n.target {
        NumericTarget::Near {
            value: target,
            tolerance,
        } => {
            let slack = tolerance.max(1e-9 * target.abs().max(1.0));
            let right = (value - target).abs() <= slack;
            (right, direction(value, target - slack, target + slack))
        }
        NumericTarget::Range { min, max } => {
            let right = (min..=max).contains(&value);
            (right, direction(value, min, max))
        }
    };
    let feedback = if right { Vec::new() } else { vec![feedback] };
    Ok(Graded::all_or_nothing(right, feedback, Vec::new()))
}

fn direction(value: f64, low: f64, high: f64) -> String {
    if value < low {
        "Too low.".into()
    } else if value > high {
        "Too high.".into()
    } else {
        String::new()
    }
}

/// Reads a number as people type it: `1961`, `1,961`, `1 961`, `24.5`, `24,5`, `-3`, `5e3`,
/// optionally followed by the question's unit (`24 km`).
pub fn parse_number(typed: &str, unit: Option<&str>) -> Result<f64, ResponseError> {
    let mut s = typed.trim();
    if s.is_empty() {
        return Err(ResponseError::Empty);
    }
    if let Some(unit) = unit.map(str::trim).filter(|u| !u.is_empty())
        && s.len() >= unit.len()
        && let Some(tail) = s.get(s.len() - unit.len()..)
        && tail.eq_ignore_ascii_case(unit)
    {
        s = s[..s.len() - unit.len()].trim_end();
    }
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '\u{2009}' && *c != '\u{202f}')
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    let normalized = if compact.contains('.') || is_thousands_grouped(&compact) {
        compact.replace(',', "")
    } else if compact.matches(',').count() == 1 {
        compact.replace(',', ".")
    } else {
        compact
    };
    normalized
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| ResponseError::NotANumber(typed.trim().to_owned()))
}

fn is_thousands_grouped(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut groups = digits.split(',');
    // `0,500` is a decimal comma: nobody groups the thousands of zero.
    let first_ok = groups.next().is_some_and(|g| {
        (1..=3).contains(&g.len()) && !g.starts_with('0') && g.bytes().all(|b| b.is_ascii_digit())
    });
    let rest: Vec<&str> = groups.collect();
    first_ok
        && !rest.is_empty()
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

pub(super) fn correct_answer(n: &Numeric) -> String {
    let unit = n
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    match n.target {
        NumericTarget::Near { value, tolerance } if tolerance > 0.0 => {
            format!(
                "{}{unit} (± {})",
                format_number(value),
                format_number(tolerance)
            )
        }
        NumericTarget::Near { value, .. } => format!("{}{unit}", format_number(value)),
        NumericTarget::Range { min, max } => {
            format!(
                "between {} and {}{unit}",
                format_number(min),
                format_number(max)
            )
        }
    }
}

pub(super) fn describe(response: &Response) -> Option<String> {
    let Response::Number(t) = response else {
        return None;
    };
    Some(t.trim().to_owned())
}

pub(super) fn worksheet(n: &Numeric) -> Vec<Block> {
    let unit = n
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    vec![Block::Para(format!("Answer: ______________{unit}"))]
}

pub(super) fn key(n: &Numeric) -> Vec<Block> {
    let mut blocks = vec![Block::Para(format!("Answer: {}", correct_answer(n)))];
    if let NumericTarget::Near { tolerance, .. } = n.target
        && tolerance > 0.0
    {
        blocks.push(Block::Note(format!(
            "Accept answers within ± {}.",
            format_number(tolerance)
        )));
    }
    blocks
}

pub(super) fn write_ron(out: &mut String, n: &Numeric, indent: &str) {
    let mut fields = match n.target {
        NumericTarget::Near { value, tolerance } if tolerance != 0.0 => vec![
            format!("answer: {}", number(value)),
            format!("tolerance: {}", number(tolerance)),
        ],
        NumericTarget::Near { value, .. } => vec![format!("answer: {}", number(value))],
        NumericTarget::Range { min, max } => vec![
            format!("min: {}", number(min)),
            format!("max: {}", number(max)),
        ],
    };
    if let Some(unit) = &n.unit {
        fields.push(format!("unit: {}", string(unit)));
    }
    let _ = writeln!(out, "{indent}answer: Numeric({}),", fields.join(", "));
}

pub(super) fn gift(n: &Numeric, prompt: &str, explanation: &str, g: GiftText) -> GiftAnswer {
    let target = match n.target {
        NumericTarget::Near { value, tolerance } if tolerance != 0.0 => {
            format!("{}:{}", number(value), number(tolerance))
        }
        NumericTarget::Near { value, .. } => number(value),
        NumericTarget::Range { min, max } => format!("{}..{}", number(min), number(max)),
    };
    let mut prompt = prompt.to_owned();
    if let Some(unit) = &n.unit {
        let _ = write!(prompt, " (unit: {unit})");
    }
    let block = format!("{{#\n\t{target}\n{}}}", g.general(explanation));
    GiftAnswer::block(prompt, block, Vec::new())
}

pub(super) fn canonical(form: &mut Form, n: &Numeric) {
    match n.target {
        NumericTarget::Near { value, tolerance } => {
            form.text("near");
            form.number(value);
            form.number(tolerance);
        }
        NumericTarget::Range { min, max } => {
            form.text("range");
            form.number(min);
            form.number(max);
        }
    }
    form.optional(n.unit.as_deref());
}

/// The response an answer test describes: the number as typed.
pub(super) fn response_for(
    e: &super::expect::Expectation,
) -> Result<Response, super::expect::ExpectError> {
    super::expect::typed(e, "a numeric question").map(|t| Response::Number(t.to_owned()))
}

/// What the question holds, for loss reports.
pub(crate) fn contents(n: &Numeric) -> Vec<String> {
    let mut out = vec![match n.target {
        NumericTarget::Near { value, tolerance } if tolerance > 0.0 => format!(
            "the answer {} ± {}",
            format_number(value),
            format_number(tolerance)
        ),
        NumericTarget::Near { value, .. } => format!("the answer {}", format_number(value)),
        NumericTarget::Range { min, max } => {
            format!("the range {} to {}", format_number(min), format_number(max))
        }
    }];
    if let Some(unit) = &n.unit {
        out.push(format!("the unit `{unit}`"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_people_type_them() {
        let ok = |s: &str, unit: Option<&str>| parse_number(s, unit).unwrap();
        assert_eq!(ok("1961", None), 1961.0);
        assert_eq!(ok(" 1,961 ", None), 1961.0);
        assert_eq!(ok("1 961", None), 1961.0);
        assert_eq!(ok("1,234,567.5", None), 1_234_567.5);
        assert_eq!(ok("24,5", None), 24.5);
        assert_eq!(ok("0,500", None), 0.5);
        assert_eq!(ok("24.5 km", Some("km")), 24.5);
        assert_eq!(ok("24.5KM", Some("km")), 24.5);
        assert_eq!(ok("\u{2212}3", None), -3.0);
        assert_eq!(ok("5e3", None), 5000.0);
        assert_eq!(parse_number("", None), Err(ResponseError::Empty));
        assert!(matches!(
            parse_number("abc", None),
            Err(ResponseError::NotANumber(_))
        ));
        assert!(matches!(
            parse_number("1,2,3", None),
            Err(ResponseError::NotANumber(_))
        ));
        assert!(matches!(
            parse_number("inf", None),
            Err(ResponseError::NotANumber(_))
        ));
        assert!(matches!(
            parse_number("24 miles", Some("km")),
            Err(ResponseError::NotANumber(_))
        ));
    }
}
