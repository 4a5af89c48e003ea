//! Discussion: a countdown, then the model answer and the rubric to tick; the presenter reads
//! the rubric out one point at a time.

use std::time::Duration;

use egui::RichText;

use super::{Countdown, InputCx, Sizes};
use crate::bank::Discussion;
use crate::classroom::Stage;
use crate::session::Response;

pub(super) fn draft(d: &Discussion, earlier: Option<&Response>) -> super::Draft {
    if let Some(Response::Rubric(v)) = earlier {
        super::Draft::Rubric {
            revealed: true,
            ticks: v.clone(),
        }
    } else {
        super::Draft::Rubric {
            revealed: false,
            ticks: vec![false; d.rubric.len()],
        }
    }
}

pub(super) fn response(revealed: bool, ticks: &[bool]) -> Result<Response, &'static str> {
    if revealed {
        Ok(Response::Rubric(ticks.to_vec()))
    } else {
        Err("Answer the prompt, then show the model answer and tick what your answer covered.")
    }
}

pub(super) fn input_ui(
    ui: &mut egui::Ui,
    d: &Discussion,
    revealed: &mut bool,
    ticks: &mut [bool],
    cx: InputCx<'_>,
) {
    if let Some(countdown) = cx.countdown {
        countdown_ui(ui, countdown);
    }
    if !*revealed {
        ui.label("Discuss or write your answer first, then compare it with the model answer.");
        if ui.button("Show the model answer").clicked() {
            *revealed = true;
        }
    } else {
        ui.label(RichText::new("Model answer").strong());
        ui.label(&d.model_answer);
        ui.add_space(6.0);
        ui.label(RichText::new("Tick each point your answer covered:").strong());
        for (point, tick) in d.rubric.iter().zip(ticks.iter_mut()) {
            let weight = if point.weight == 1 {
                "1 point".to_owned()
            } else {
                format!("{} points", point.weight)
            };
            ui.checkbox(tick, format!("{} ({weight})", point.point));
        }
    }
}

fn countdown_ui(ui: &mut egui::Ui, countdown: &mut Countdown) {
    let left = countdown.remaining();
    ui.horizontal(|ui| {
        let secs = left.as_secs();
        let text = crate::format::clock(secs);
        let color = if left.is_zero() {
            ui.visuals().warn_fg_color
        } else {
            ui.visuals().text_color()
        };
        ui.label(RichText::new(text).size(28.0).monospace().color(color));
        let label = if countdown.is_running() {
            "Pause timer"
        } else {
            "Start timer"
        };
        if ui.button(label).clicked() {
            countdown.toggle();
        }
        if ui.button("+1 minute").clicked() {
            countdown.total += Duration::from_secs(60);
        }
    });
    if countdown.is_running() && !left.is_zero() {
        // Once a second while the timer runs, and never otherwise.
        ui.ctx().request_repaint_after(Duration::from_millis(
            1000 - (left.subsec_millis() as u64 % 1000).min(999),
        ));
    }
}

pub(super) fn presenter_ui(ui: &mut egui::Ui, d: &Discussion, stage: Stage, sizes: &Sizes) {
    let compact = stage == Stage::Explained;
    let shown = match stage {
        Stage::Rubric(k) => k,
        Stage::Explained | Stage::Revealed => d.rubric.len(),
        Stage::Asking => 0,
    };
    if shown > 0 {
        ui.label(RichText::new("A strong answer …").size(sizes.body).weak());
    }
    for point in d.rubric.iter().take(shown) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("•").size(sizes.choice));
            ui.label(
                RichText::new(&point.point)
                    .size(if compact { sizes.body } else { sizes.choice })
                    .color(ui.visuals().strong_text_color()),
            );
        });
    }
    if stage == Stage::Explained {
        ui.add_space(sizes.small);
        ui.label(RichText::new("Model answer").size(sizes.body).strong());
        ui.label(RichText::new(&d.model_answer).size(sizes.body));
    }
}
