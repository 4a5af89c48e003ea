//! True/false: two radio buttons; 1 and 2 pick.

use super::{MarkedRow, answer_text};
use crate::bank::TrueFalse;
use crate::session::Response;

pub(super) fn draft(earlier: Option<&Response>) -> super::Draft {
    if let Some(Response::Bool(b)) = earlier {
        super::Draft::Bool(Some(*b))
    } else {
        super::Draft::Bool(None)
    }
}

pub(super) fn response(chosen: Option<bool>) -> Result<Response, &'static str> {
    chosen
        .map(Response::Bool)
        .ok_or("Pick True or False first.")
}

pub(super) fn input_ui(ui: &mut egui::Ui, chosen: &mut Option<bool>) {
    ui.radio_value(chosen, Some(true), answer_text("1. True"));
    ui.radio_value(chosen, Some(false), answer_text("2. False"));
}

pub(super) fn pick(chosen: &mut Option<bool>, n: usize) {
    if n < 2 {
        *chosen = Some(n == 0);
    }
}

pub(super) fn revealed_rows(tf: &TrueFalse, response: &Response) -> Vec<MarkedRow> {
    let chose = |b: bool| matches!(response, Response::Bool(x) if *x == b);
    vec![
        MarkedRow {
            text: "1. True".into(),
            correct: tf.answer,
            chosen: chose(true),
        },
        MarkedRow {
            text: "2. False".into(),
            correct: !tf.answer,
            chosen: chose(false),
        },
    ]
}
