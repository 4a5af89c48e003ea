//! Numeric: one line of text, with the unit beside it.

use super::{InputCx, answer_text, autofocus};
use crate::bank::Numeric;
use crate::session::Response;

pub(super) fn draft(earlier: Option<&Response>) -> super::Draft {
    if let Some(Response::Number(t)) = earlier {
        super::Draft::Number(t.clone())
    } else {
        super::Draft::Number(String::new())
    }
}

pub(super) fn response(text: &str) -> Result<Response, &'static str> {
    if text.trim().is_empty() {
        Err("Type a number first.")
    } else {
        Ok(Response::Number(text.to_owned()))
    }
}

pub(super) fn input_ui(ui: &mut egui::Ui, n: &Numeric, text: &mut String, cx: InputCx<'_>) {
    ui.horizontal(|ui| {
        let label = ui.label("Your answer:");
        let edit = ui
            .add(
                egui::TextEdit::singleline(text)
                    .font(egui::TextStyle::Heading)
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
        if let Some(unit) = &n.unit {
            ui.label(answer_text(unit));
        }
        autofocus(&edit, cx.autofocused);
    });
}
