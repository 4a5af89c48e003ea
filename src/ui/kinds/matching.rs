//! Matching: a drop-down of options beside each left item; the presenter shows lettered items
//! and numbered options, then "A → 3. …".

use egui::RichText;

use super::{InputCx, Sizes, answer_text};
use crate::bank::Matching;
use crate::classroom::{Stage, letter};
use crate::session::Response;

pub(super) fn draft(m: &Matching, earlier: Option<&Response>) -> super::Draft {
    if let Some(Response::Matches(v)) = earlier {
        super::Draft::Matches(v.clone())
    } else {
        super::Draft::Matches(vec![None; m.pairs.len()])
    }
}

pub(super) fn response(chosen: &[Option<usize>]) -> Result<Response, &'static str> {
    if chosen.iter().all(Option::is_none) {
        Err("Choose a partner for at least one item first.")
    } else {
        Ok(Response::Matches(chosen.to_vec()))
    }
}

pub(super) fn input_ui(
    ui: &mut egui::Ui,
    m: &Matching,
    chosen: &mut [Option<usize>],
    cx: &InputCx<'_>,
) {
    let options: Vec<&str> = m.options().collect();
    // The rows fit the space there is (a narrow window, the source panel beside): the items
    // wrap in their share, the drop-downs take the rest, and nothing widens the page.
    let gap = 16.0;
    let space = ui.available_width();
    let field = (space * 0.55).clamp(120.0, 360.0);
    let item = (space - field - gap).max(60.0);
    for (row, (left, _)) in m.pairs.iter().enumerate() {
        let Some(slot) = chosen.get_mut(row) else {
            break;
        };
        ui.horizontal(|ui| {
            let label = ui
                .allocate_ui_with_layout(
                    egui::vec2(item, 0.0),
                    egui::Layout::top_down(egui::Align::LEFT),
                    |ui| {
                        ui.set_width(item);
                        ui.add(egui::Label::new(answer_text(left)).wrap())
                    },
                )
                .inner;
            ui.add_space(gap - ui.spacing().item_spacing.x);
            let selected = slot
                .and_then(|o| options.get(o).copied())
                .unwrap_or("Choose…");
            egui::ComboBox::from_id_salt(("match", row))
                .selected_text(selected)
                .width(field)
                .truncate()
                .show_ui(ui, |ui| {
                    for &o in cx.order {
                        if let Some(text) = options.get(o) {
                            ui.selectable_value(slot, Some(o), *text);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.add_space(4.0);
    }
}

pub(super) fn presenter_ui(
    ui: &mut egui::Ui,
    m: &Matching,
    stage: Stage,
    order: &[usize],
    sizes: &Sizes,
) {
    if stage != Stage::Asking {
        return;
    }
    let strong = ui.visuals().strong_text_color();
    ui.columns(2, |cols| {
        cols[0].with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
            for (n, (left, _)) in m.pairs.iter().enumerate() {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("{}  {left}", letter(n)))
                            .size(sizes.choice)
                            .color(strong),
                    )
                    .wrap(),
                );
            }
        });
        let options: Vec<&str> = m.options().collect();
        cols[1].with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
            for (n, &i) in order.iter().enumerate() {
                if let Some(option) = options.get(i) {
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("{}. {option}", n + 1))
                                .size(sizes.choice)
                                .color(strong),
                        )
                        .wrap(),
                    );
                }
            }
        });
    });
}

/// As the class saw it: "A → 3", then the words.
pub(super) fn presenter_answer(m: &Matching, order: &[usize]) -> Vec<String> {
    m.pairs
        .iter()
        .enumerate()
        .map(|(p, (left, right))| {
            let number = order
                .iter()
                .position(|&o| o == p)
                .map(|n| format!("{}. ", n + 1))
                .unwrap_or_default();
            format!("{}  {left} → {number}{right}", letter(p))
        })
        .collect()
}
