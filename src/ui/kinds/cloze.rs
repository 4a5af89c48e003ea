//! Cloze: the text with a field or a drop-down in each gap, flowing as a paragraph; after the
//! answer, each gap marked right or wrong with the right word; the presenter shows the text with
//! numbered blanks, then filled in.
//!
//! Each gap is marked in words as well as colour (the default fonts have no ✓ or ✗).

use egui::RichText;

use super::{CORRECT_COLOR, InputCx, Sizes, answer_text, autofocus};
use crate::bank::{Cloze, Gap, GapAnswer, Segment};
use crate::classroom::Stage;
use crate::session::Response;
use crate::text::fold;

/// What the learner has put in one gap so far.
#[derive(Clone, Debug, PartialEq)]
pub enum GapDraft {
    Typed(String),
    Picked(Option<usize>),
}

pub(super) fn draft(c: &Cloze, earlier: Option<&Response>) -> super::Draft {
    let given = match earlier {
        Some(Response::Gaps(g)) => Some(g),
        Some(_) | None => None,
    };
    super::Draft::Gaps(
        c.gaps
            .iter()
            .enumerate()
            .map(|(i, gap)| {
                let was = given.and_then(|g| g.get(i)).and_then(Option::as_ref);
                match (gap, was) {
                    (Gap::Typed(_), Some(GapAnswer::Typed(t))) => GapDraft::Typed(t.clone()),
                    (Gap::Typed(_), Some(GapAnswer::Picked(_)) | None) => {
                        GapDraft::Typed(String::new())
                    }
                    (Gap::Choose(_), Some(GapAnswer::Picked(p))) => GapDraft::Picked(Some(*p)),
                    (Gap::Choose(_), Some(GapAnswer::Typed(_)) | None) => GapDraft::Picked(None),
                }
            })
            .collect(),
    )
}

pub(super) fn response(gaps: &[GapDraft]) -> Result<Response, &'static str> {
    let answers: Vec<Option<GapAnswer>> = gaps
        .iter()
        .map(|g| match g {
            GapDraft::Typed(t) if fold(t).is_empty() => None,
            GapDraft::Typed(t) => Some(GapAnswer::Typed(t.clone())),
            GapDraft::Picked(p) => p.map(GapAnswer::Picked),
        })
        .collect();
    if answers.iter().all(Option::is_none) {
        Err("Fill in at least one gap first.")
    } else {
        Ok(Response::Gaps(answers))
    }
}

pub(super) fn input_ui(ui: &mut egui::Ui, c: &Cloze, gaps: &mut [GapDraft], cx: InputCx<'_>) {
    let orders = c.gap_orders(cx.order);
    let mut focus_given = false;
    ui.horizontal_wrapped(|ui| {
        for segment in &c.segments {
            match segment {
                Segment::Text(t) => {
                    ui.label(answer_text(t));
                }
                Segment::Gap(i) => {
                    let (Some(gap), Some(slot), Some(order)) =
                        (c.gaps.get(*i), gaps.get_mut(*i), orders.get(*i))
                    else {
                        continue;
                    };
                    let label = ui.label(RichText::new(format!("({})", i + 1)).weak());
                    match (gap, slot) {
                        (Gap::Typed(_), GapDraft::Typed(text)) => {
                            let edit = ui
                                .add(egui::TextEdit::singleline(text).desired_width(140.0))
                                .labelled_by(label.id);
                            if !focus_given {
                                focus_given = true;
                                autofocus(&edit, cx.autofocused);
                            }
                        }
                        (Gap::Choose(choices), GapDraft::Picked(picked)) => {
                            let selected = picked
                                .and_then(|p| choices.get(p))
                                .map_or("Choose…", |c| c.text.as_str());
                            egui::ComboBox::from_id_salt(("gap", *i))
                                .selected_text(selected)
                                .show_ui(ui, |ui| {
                                    for &k in order {
                                        if let Some(choice) = choices.get(k) {
                                            ui.selectable_value(picked, Some(k), &choice.text);
                                        }
                                    }
                                })
                                .response
                                .labelled_by(label.id);
                        }
                        (Gap::Typed(_), GapDraft::Picked(_))
                        | (Gap::Choose(_), GapDraft::Typed(_)) => {}
                    }
                }
            }
        }
    });
    ui.label(RichText::new("Fill in each numbered gap.").weak());
}

/// The text with each gap's answer marked right or wrong (with the right word after it).
pub(super) fn revealed_ui(
    ui: &mut egui::Ui,
    c: &Cloze,
    _order: &[usize],
    response: &Response,
) -> bool {
    let Response::Gaps(given) = response else {
        return false;
    };
    let error = ui.visuals().error_fg_color;
    ui.horizontal_wrapped(|ui| {
        for segment in &c.segments {
            match segment {
                Segment::Text(t) => {
                    ui.label(answer_text(t));
                }
                Segment::Gap(i) => {
                    let answer = given.get(*i).and_then(Option::as_ref);
                    let right = c.gap_is_right(*i, answer);
                    let said = match (c.gaps.get(*i), answer) {
                        (_, None) => "(blank)".to_owned(),
                        (_, Some(GapAnswer::Typed(t))) => t.trim().to_owned(),
                        (Some(Gap::Choose(choices)), Some(GapAnswer::Picked(p))) => {
                            choices.get(*p).map_or_else(String::new, |c| c.text.clone())
                        }
                        (Some(Gap::Typed(_)) | None, Some(GapAnswer::Picked(_))) => String::new(),
                    };
                    if right {
                        ui.label(
                            answer_text(&format!("({}) {said}: right", i + 1))
                                .color(CORRECT_COLOR)
                                .strong(),
                        );
                    } else {
                        ui.label(answer_text(&format!("({}) {said}: wrong", i + 1)).color(error));
                        ui.label(
                            answer_text(&format!("→ {}", c.gap_answer(*i)))
                                .color(CORRECT_COLOR)
                                .strong(),
                        );
                    }
                }
            }
        }
    });
    true
}

pub(super) fn presenter_ui(
    ui: &mut egui::Ui,
    c: &Cloze,
    stage: Stage,
    order: &[usize],
    sizes: &Sizes,
) {
    let revealed = matches!(stage, Stage::Revealed | Stage::Explained);
    let size = if stage == Stage::Explained {
        sizes.body
    } else {
        sizes.choice
    };
    let strong = ui.visuals().strong_text_color();
    ui.horizontal_wrapped(|ui| {
        for segment in &c.segments {
            match segment {
                Segment::Text(t) => {
                    ui.label(RichText::new(t).size(size).color(strong));
                }
                Segment::Gap(i) if revealed => {
                    ui.label(
                        RichText::new(format!("({}) {}", i + 1, c.gap_answer(*i)))
                            .size(size)
                            .strong()
                            .color(CORRECT_COLOR),
                    );
                }
                Segment::Gap(i) => {
                    ui.label(
                        RichText::new(format!("({}) ______", i + 1))
                            .size(size)
                            .color(strong),
                    );
                }
            }
        }
    });
    if revealed {
        return;
    }
    for (i, (gap, o)) in c.gaps.iter().zip(c.gap_orders(order)).enumerate() {
        if let Gap::Choose(choices) = gap {
            let options: Vec<&str> = o
                .iter()
                .filter_map(|&k| choices.get(k).map(|c| c.text.as_str()))
                .collect();
            ui.label(
                RichText::new(format!("({}) {}", i + 1, options.join("  ·  "))).size(sizes.body),
            );
        }
    }
}
