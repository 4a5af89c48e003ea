//! Multiple select: check boxes in presentation order; digits toggle.

use super::{InputCx, answer_text};
use crate::bank::Choice;
use crate::session::Response;

pub(super) fn draft(earlier: Option<&Response>) -> super::Draft {
    if let Some(Response::Choices(v)) = earlier {
        super::Draft::Choices(v.clone())
    } else {
        super::Draft::Choices(Vec::new())
    }
}

pub(super) fn input_ui(
    ui: &mut egui::Ui,
    choices: &[Choice],
    ticked: &mut Vec<usize>,
    cx: &InputCx<'_>,
) {
    ui.label(egui::RichText::new("Tick every answer that applies.").weak());
    for (pos, &i) in cx.order.iter().enumerate() {
        let Some(c) = choices.get(i) else { continue };
        let mut on = ticked.contains(&i);
        let label = answer_text(&format!("{}. {}", pos + 1, c.text));
        if ui.checkbox(&mut on, label).changed() {
            toggle(ticked, i, on);
        }
    }
}

pub(super) fn pick(ticked: &mut Vec<usize>, order: &[usize], n: usize) {
    if let Some(&i) = order.get(n) {
        let on = !ticked.contains(&i);
        toggle(ticked, i, on);
    }
}

fn toggle(ticked: &mut Vec<usize>, i: usize, on: bool) {
    if on {
        if !ticked.contains(&i) {
            ticked.push(i);
        }
    } else {
        ticked.retain(|&x| x != i);
    }
}
