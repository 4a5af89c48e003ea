//! Short answer: one line of text.

use super::{InputCx, autofocus};
use crate::session::Response;

pub(super) fn draft(earlier: Option<&Response>) -> super::Draft {
    if let Some(Response::Text(t)) = earlier {
        super::Draft::Text(t.clone())
    } else {
        super::Draft::Text(String::new())
    }
}

pub(super) fn response(text: &str) -> Result<Response, &'static str> {
    if text.trim().is_empty() {
        Err("Type an answer first.")
    } else {
        Ok(Response::Text(text.to_owned()))
    }
}

pub(super) fn input_ui(ui: &mut egui::Ui, text: &mut String, cx: InputCx<'_>) {
    let label = ui.label("Your answer:");
    let edit = ui
        .add(
            egui::TextEdit::singleline(text)
                .font(egui::TextStyle::Heading)
                .desired_width(420.0),
        )
        .labelled_by(label.id);
    autofocus(&edit, cx.autofocused);
}
