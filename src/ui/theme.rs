//! UI preferences (persisted by eframe), theme and contrast, the window icon, and the user's
//! quiz folder.

use std::path::PathBuf;

use crate::session::SessionConfig;

/// Light, dark, or whatever the system uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// What the app remembers between runs. Study records are not kept here (they are the user's
/// data and get their own files); these are only UI preferences.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: ThemeChoice,
    pub high_contrast: bool,
    /// Text size relative to egui's default (Ctrl + / Ctrl − change it too).
    pub zoom: f32,
    /// The last session settings, offered again on the setup screen.
    #[serde(skip)]
    pub last_config: SessionConfig,
    /// The last presenter settings (timer, team names), offered again.
    pub last_lesson: crate::classroom::LessonConfig,
    /// The last applied values, so that styles are only rebuilt when something changed.
    #[serde(skip)]
    applied: Option<(ThemeChoice, bool)>,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            high_contrast: false,
            zoom: 1.25,
            last_config: SessionConfig::default(),
            last_lesson: crate::classroom::LessonConfig::default(),
            applied: None,
        }
    }
}

impl Prefs {
    /// Applies theme and contrast when they changed (cheap to call every frame).
    pub fn apply(&mut self, ctx: &egui::Context) {
        let wanted = (self.theme, self.high_contrast);
        if self.applied == Some(wanted) {
            self.zoom = ctx.zoom_factor();
            return;
        }
        if self.applied.is_none() {
            ctx.set_zoom_factor(self.zoom.clamp(0.5, 4.0));
            install_fonts(ctx);
        }
        self.applied = Some(wanted);
        ctx.set_theme(match self.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
        let high_contrast = self.high_contrast;
        ctx.all_styles_mut(|style| {
            let dark = style.visuals.dark_mode;
            let mut base = if dark {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            };
            if high_contrast {
                let (fg, bg) = if dark {
                    (egui::Color32::WHITE, egui::Color32::BLACK)
                } else {
                    (egui::Color32::BLACK, egui::Color32::WHITE)
                };
                base.override_text_color = Some(fg);
                // Secondary text stays clearly readable too.
                base.weak_text_color = Some(if dark {
                    egui::Color32::from_gray(210)
                } else {
                    egui::Color32::from_gray(40)
                });
                base.panel_fill = bg;
                base.window_fill = bg;
                base.extreme_bg_color = bg;
                base.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.5, fg);
                base.widgets.inactive.bg_stroke = egui::Stroke::new(1.5, fg);
                base.widgets.hovered.bg_stroke = egui::Stroke::new(2.0, fg);
                base.selection.stroke = egui::Stroke::new(2.0, fg);
            }
            style.visuals = base;
            style.spacing.item_spacing = egui::vec2(8.0, 6.0);
            style.spacing.button_padding = egui::vec2(8.0, 4.0);
            // Scroll bars take their own room: floating ones lay over the content's right
            // edge, where a wrapped row's last control (a setup toggle, a button) sat under them.
            style.spacing.scroll = egui::style::ScrollStyle::solid();
        });
    }

    /// The View menu.
    pub fn menu_ui(&mut self, ui: &mut egui::Ui) {
        ui.label("Theme");
        ui.radio_value(&mut self.theme, ThemeChoice::System, "Follow the system");
        ui.radio_value(&mut self.theme, ThemeChoice::Light, "Light");
        ui.radio_value(&mut self.theme, ThemeChoice::Dark, "Dark");
        ui.separator();
        ui.checkbox(&mut self.high_contrast, "High contrast");
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button("Smaller text (Ctrl −)").clicked() {
                ui.ctx()
                    .set_zoom_factor((ui.ctx().zoom_factor() - 0.1).max(0.5));
            }
            if ui.button("Larger text (Ctrl +)").clicked() {
                ui.ctx()
                    .set_zoom_factor((ui.ctx().zoom_factor() + 0.1).min(4.0));
            }
        });
    }
}

/// egui's proportional font lacks arrows and some other symbols that quiz text uses (an
/// ordering's answer reads "1961 → 2000"); its monospace font has them, so it becomes the
/// proportional family's fallback.
fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    let mono = fonts
        .families
        .get(&egui::FontFamily::Monospace)
        .cloned()
        .unwrap_or_default();
    let proportional = fonts
        .families
        .entry(egui::FontFamily::Proportional)
        .or_default();
    for name in mono {
        if !proportional.contains(&name) {
            proportional.push(name);
        }
    }
    ctx.set_fonts(fonts);
}

/// The folder where the user keeps their own quiz files (created on demand by the user).
pub fn user_quiz_folder() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "quizdesk").map(|d| d.data_dir().join("quizzes"))
}

/// The window icon, drawn here: a rounded square with a tick, in quizdesk's blue.
pub fn icon() -> egui::IconData {
    const SIZE: u32 = 64;
    let mut rgba = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    for y in 0..SIZE {
        for x in 0..SIZE {
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            // Rounded square with radius 14.
            let r = 14.0;
            let dx = (fx - fx.clamp(r, SIZE as f32 - r)).abs();
            let dy = (fy - fy.clamp(r, SIZE as f32 - r)).abs();
            let inside = dx * dx + dy * dy <= r * r;
            // A tick: two thick line segments.
            let on_tick = distance_to_segment((fx, fy), (17.0, 33.0), (28.0, 45.0)) < 5.0
                || distance_to_segment((fx, fy), (28.0, 45.0), (48.0, 20.0)) < 5.0;
            let pixel = match (inside, on_tick) {
                (true, true) => [255, 255, 255, 255],
                (true, false) => [37, 99, 235, 255],
                (false, _) => [0, 0, 0, 0],
            };
            rgba.extend_from_slice(&pixel);
        }
    }
    egui::IconData {
        rgba,
        width: SIZE,
        height: SIZE,
    }
}

fn distance_to_segment(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (abx, aby) = (b.0 - a.0, b.1 - a.1);
    let t = (((p.0 - a.0) * abx + (p.1 - a.1) * aby) / (abx * abx + aby * aby)).clamp(0.0, 1.0);
    let (cx, cy) = (a.0 + t * abx, a.1 + t * aby);
    ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt()
}
