//! Single choice: radio buttons in presentation order; digits pick.

use super::{InputCx, MarkedRow, answer_text};
use crate::bank::Choice;
use crate::session::Response;

pub(super) fn draft(earlier: Option<&Response>) -> super::Draft {
    if let Some(Response::Choice(i)) = earlier {
        super::Draft::Choice(Some(*i))
    } else {
        super::Draft::Choice(None)
    }
}

pub(super) fn response(chosen: Option<usize>) -> Result<Response, &'static str> {
    chosen.map(Response::Choice).ok_or("Pick an answer first.")
}

pub(super) fn input_ui(
    ui: &mut egui::Ui,
    choices: &[Choice],
    chosen: &mut Option<usize>,
    cx: &InputCx<'_>,
) {
    for (pos, &i) in cx.order.iter().enumerate() {
        let Some(c) = choices.get(i) else { continue };
        let label = answer_text(&format!("{}. {}", pos + 1, c.text));
        ui.radio_value(chosen, Some(i), label);
    }
}

pub(super) fn pick(chosen: &mut Option<usize>, order: &[usize], n: usize) {
    if let Some(&i) = order.get(n) {
        *chosen = Some(i);
    }
}

/// The choices as text after the answer, for both choice kinds: the correct ones and what the
/// learner picked, marked.
pub(super) fn revealed_rows(
    choices: &[Choice],
    order: &[usize],
    response: &Response,
) -> Vec<MarkedRow> {
    let picked = |i: usize| {
        if let Response::Choice(c) = response {
            *c == i
        } else if let Response::Choices(v) = response {
            v.contains(&i)
        } else {
            false
        }
    };
    order
        .iter()
        .enumerate()
        .filter_map(|(pos, &i)| {
            choices.get(i).map(|c| MarkedRow {
                text: format!("{}. {}", pos + 1, c.text),
                correct: c.correct,
                chosen: picked(i),
            })
        })
        .collect()
}
