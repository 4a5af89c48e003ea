//! The source side panel: the bank's source text, with the cited paragraph highlighted and
//! scrolled into view. In presenter mode it is drawn in the presenter's body type and takes a
//! third of the window, so the class can read the passage from the back of the room.

use super::kinds::Sizes;
use super::{Command, SourceView};
use crate::bank::Bank;

/// The panel on the right of the window; `presenting` draws it in presenter type.
pub fn ui(
    ui: &mut egui::Ui,
    bank: &Bank,
    view: &SourceView,
    presenting: bool,
    commands: &mut Vec<Command>,
) {
    let paragraph = view.paragraph;
    let Some(source) = bank.source() else { return };
    let window = ui.available_size();
    // Its own id when presenting: the width a study screen left it is too narrow for a room.
    let (id, width) = if presenting {
        ("presenter_source_panel", window.x / 3.0)
    } else {
        // Beside a study screen: never more than half the window, so the question and its
        // feedback keep room to wrap in (an 800-px window leaves them 480).
        ("source_panel", 380.0_f32.min(window.x * 0.4))
    };
    egui::Panel::right(id)
        .resizable(true)
        .default_size(width)
        .max_size(window.x * 0.5)
        .show(ui, |ui| {
            if presenting {
                super::presenter::set_text_styles(ui.style_mut(), &Sizes::for_space(window));
            }
            ui.horizontal(|ui| {
                ui.heading("Source");
                if ui.button("Close source").clicked() {
                    commands.push(Command::CloseSource);
                }
            });
            ui.label(egui::RichText::new(&source.title).strong());
            if let Some(date) = &source.date {
                ui.label(egui::RichText::new(date).weak());
            }
            ui.separator();
            // Scroll to the cited paragraph once each time a citation is opened.
            let scrolled_id = egui::Id::unique("source_scrolled_to");
            let scrolled = ui.data(|d| d.get_temp::<usize>(scrolled_id));
            egui::ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| {
                    for (i, text) in source.text.paragraphs().iter().enumerate() {
                        let number = i + 1;
                        let cited = number == paragraph;
                        let frame = if cited {
                            egui::Frame::group(ui.style())
                                .fill(ui.visuals().selection.bg_fill.gamma_multiply(0.35))
                                .stroke(ui.visuals().selection.stroke)
                        } else {
                            egui::Frame::NONE.inner_margin(6.0)
                        };
                        let response = frame
                            .show(ui, |ui| {
                                ui.label(egui::RichText::new(format!("¶{number}")).weak());
                                if cited {
                                    ui.label(with_quote(ui, text, &view.quote));
                                } else {
                                    ui.label(text);
                                }
                            })
                            .response;
                        if cited && scrolled != Some(paragraph) {
                            response.scroll_to_me(Some(egui::Align::Center));
                            ui.data_mut(|d| d.insert_temp(scrolled_id, paragraph));
                        }
                    }
                });
        });
}

/// The paragraph with the quoted words picked out (strong and underlined).
fn with_quote(ui: &egui::Ui, text: &str, quote: &str) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    let plain = egui::TextFormat {
        font_id: egui::TextStyle::Body.resolve(ui.style()),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let picked = egui::TextFormat {
        color: ui.visuals().strong_text_color(),
        underline: egui::Stroke::new(1.0, ui.visuals().strong_text_color()),
        ..plain.clone()
    };
    match text.find(quote).filter(|_| !quote.is_empty()) {
        Some(at) => {
            job.append(&text[..at], 0.0, plain.clone());
            job.append(quote, 0.0, picked);
            job.append(&text[at + quote.len()..], 0.0, plain);
        }
        None => job.append(text, 0.0, plain),
    }
    job
}
