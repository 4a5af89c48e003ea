//! Ordering: the items in the learner's order, moved with ↑/↓ buttons or by dragging; the
//! presenter lists them scrambled, then in order.

use egui::RichText;

use super::{Sizes, answer_text};
use crate::classroom::Stage;
use crate::session::Response;

pub(super) fn draft(order: &[usize], earlier: Option<&Response>) -> super::Draft {
    if let Some(Response::Order(v)) = earlier {
        super::Draft::Order(v.clone())
    } else {
        super::Draft::Order(order.to_vec())
    }
}

pub(super) fn input_ui(ui: &mut egui::Ui, items: &[String], current: &mut Vec<usize>) {
    ui.label(
        RichText::new("Put the items in order: first at the top. Use the arrows, or drag an item.")
            .weak(),
    );
    let mut swap: Option<(usize, usize)> = None;
    let mut moved: Option<(usize, usize)> = None;
    let n = current.len();
    for (pos, &item) in current.iter().enumerate() {
        let text = items.get(item).map_or("", String::as_str);
        let row = ui.horizontal(|ui| {
            // Named for screen readers and tests: "Move <item> up".
            let up = ui.add_enabled(pos > 0, egui::Button::new("↑"));
            up.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, pos > 0, format!("Move {text} up"))
            });
            if up.clicked() {
                swap = Some((pos, pos - 1));
            }
            let down = ui.add_enabled(pos + 1 < n, egui::Button::new("↓"));
            down.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    pos + 1 < n,
                    format!("Move {text} down"),
                )
            });
            if down.clicked() {
                swap = Some((pos, pos + 1));
            }
            let handle = ui.dnd_drag_source(egui::Id::unique(("order", item)), pos, |ui| {
                ui.label(answer_text(&format!("{}. {text}", pos + 1)));
            });
            handle.response
        });
        if let Some(from) = row.response.dnd_release_payload::<usize>() {
            moved = Some((*from, pos));
        }
    }
    if let Some((a, b)) = swap {
        current.swap(a, b);
    }
    if let Some((from, to)) = moved
        && from < n
        && to < n
    {
        let item = current.remove(from);
        current.insert(to, item);
    }
}

pub(super) fn presenter_ui(
    ui: &mut egui::Ui,
    items: &[String],
    stage: Stage,
    order: &[usize],
    sizes: &Sizes,
) {
    if stage != Stage::Asking {
        return;
    }
    ui.label(RichText::new("Put in order:").size(sizes.body).weak());
    for &i in order {
        if let Some(item) = items.get(i) {
            ui.label(RichText::new(format!("• {item}")).size(sizes.choice));
        }
    }
}

pub(super) fn presenter_answer(items: &[String]) -> Vec<String> {
    items
        .iter()
        .enumerate()
        .map(|(n, item)| format!("{}. {item}", n + 1))
        .collect()
}
