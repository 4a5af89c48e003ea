//! The presenter fits the window: every stage of every question of the bundled banks, with and
//! without teams, scoreboard, chart and timer, at the projector sizes, draws every widget inside
//! the window (read from the AccessKit tree, as a screen reader sees it). A projector cannot
//! scroll for the class.

use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};
use quizdesk::classroom::{LessonConfig, Stage};
use quizdesk::library::Library;
use quizdesk::session::SessionConfig;
use quizdesk::ui::theme::Prefs;
use quizdesk::ui::{Command, QuizApp, Screen};

/// The window sizes a classroom projector or screen is likely to have.
const SIZES: [[f32; 2]; 3] = [[1024.0, 768.0], [1280.0, 720.0], [1920.0, 1080.0]];

/// What is on the screen besides the question.
#[derive(Clone, Copy, Debug)]
struct Extras {
    /// Three teams with the scoreboard shown, the chart shown, and a timer that has run out.
    all: bool,
}

/// A presenter harness; [`present`] starts each lesson in it (one harness keeps its glyphs).
fn harness(size: [f32; 2]) -> Harness<'static, QuizApp> {
    let app = QuizApp::new(Library::load(None), Prefs::default());
    Harness::builder()
        .with_size(size)
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut QuizApp| app.ui(ui), app)
}

/// Starts a lesson over all of bank `entry` at `size`.
fn present(h: &mut Harness<'_, QuizApp>, entry: usize, extras: Extras, size: [f32; 2]) {
    let lesson = if extras.all {
        LessonConfig {
            timer_secs: Some(60),
            teams: ["Red", "Blue", "Green"].map(str::to_owned).to_vec(),
        }
    } else {
        LessonConfig {
            timer_secs: None,
            teams: Vec::new(),
        }
    };
    h.set_size(size.into());
    let ctx = h.ctx.clone();
    h.state_mut().run(
        Command::Present {
            entry,
            config: SessionConfig::default(),
            lesson,
        },
        &ctx,
    );
    h.step();
    if extras.all {
        h.key_press(egui::Key::S);
        h.step();
    }
}

fn position(h: &Harness<'_, QuizApp>) -> Option<(usize, Stage, String, usize)> {
    match &h.state().screen {
        Screen::Presenter(p) if !p.ended => Some((
            p.lesson.index(),
            p.lesson.slide().stage,
            p.lesson.question().id.clone(),
            p.lesson.len(),
        )),
        _ => None,
    }
}

/// Every node of the AccessKit tree whose rectangle leaves the window (by more than a pixel).
fn outside(h: &Harness<'_, QuizApp>, size: [f32; 2]) -> Vec<String> {
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, size.into()).expand(1.0);
    h.query_all(By::new())
        .filter_map(|node| {
            let n = node.accesskit_node();
            // Nodes without bounds (the window, containers) draw nothing themselves.
            n.bounding_box()?;
            let rect = node.rect();
            if rect.area() <= 0.0 || screen.contains_rect(rect) {
                return None;
            }
            let text = n.label().or_else(|| n.value()).unwrap_or_default();
            let text: String = text.chars().take(50).collect();
            Some(format!("{:?} {text:?} at {rect:?}", n.role()))
        })
        .collect()
}

/// Walks a whole lesson on bank `entry`, checking each stage of `questions` (all when `None`).
fn walk(
    h: &mut Harness<'_, QuizApp>,
    entry: usize,
    extras: Extras,
    size: [f32; 2],
    questions: Option<&[usize]>,
    failures: &mut Vec<String>,
) -> usize {
    let h = &mut *h;
    present(h, entry, extras, size);
    let mut checked = 0;
    let mut shown = None;
    while let Some((index, stage, id, len)) = position(h) {
        if questions.is_some_and(|q| !q.contains(&index)) {
            if index + 1 >= len {
                break;
            }
            h.key_press(egui::Key::ArrowRight);
            h.step();
            continue;
        }
        if shown != Some(index) {
            shown = Some(index);
            if extras.all {
                h.key_press(egui::Key::V);
            }
            // Let any countdown run out: "Time's up" is the widest it gets.
            let now = h.ctx.input(|i| i.time);
            h.input_mut().time = Some(now + 10_000.0);
            h.step();
        }
        h.run();
        checked += 1;
        for problem in outside(h, size) {
            failures.push(format!(
                "{size:?} {extras:?} bank {entry} question {} ({id}) {stage:?}: {problem}",
                index + 1
            ));
        }
        h.key_press(egui::Key::Space);
        h.step();
    }
    checked
}

/// What to check: (size, everything on screen, every n-th question). All stages of every
/// question at every size take minutes in a debug build (big type lays out slowly, and each
/// slide takes a few layouts to fit); this spread keeps the test near a minute: a quarter of
/// the questions at the narrowest size with everything on, a spread at the other two.
const PLAN: [([f32; 2], bool, usize); 4] = [
    (SIZES[0], true, 4),
    (SIZES[1], false, 9),
    (SIZES[1], true, 13),
    (SIZES[2], true, 15),
];

#[test]
fn every_stage_of_a_spread_of_bundled_questions_fits_the_window() {
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut h = harness(SIZES[0]);
    for (n, (size, all, every)) in PLAN.into_iter().enumerate() {
        // A different offset at each size, so that between them most questions are seen.
        let questions: Vec<usize> = (0..100).filter(|i| i % every == n % every).collect();
        for entry in [0, 1] {
            checked += walk(
                &mut h,
                entry,
                Extras { all },
                size,
                Some(&questions),
                &mut failures,
            );
        }
    }
    eprintln!(
        "checked {checked} slides in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(checked > 100, "only {checked} slides checked");
    assert!(
        failures.is_empty(),
        "{} widgets outside the window, first:\n{}",
        failures.len(),
        failures[..failures.len().min(25)].join("\n")
    );
}

#[test]
fn the_lesson_results_give_the_question_the_width_of_the_screen() {
    let size = [1920.0, 1080.0];
    let mut h = harness(size);
    present(&mut h, 0, Extras { all: false }, size);
    let prompt = match &h.state().screen {
        Screen::Presenter(p) => p.lesson.question().prompt.clone(),
        _ => panic!("not presenting"),
    };
    h.key_press(egui::Key::Escape);
    h.run();
    let cell = h.get_by_label(&prompt).rect();
    // It was cut to a few characters (about 60 px) on a 1920-px screen.
    assert!(
        cell.width() > size[0] / 3.0,
        "the question gets {} px of {}",
        cell.width(),
        size[0]
    );
    assert!(cell.right() <= size[0], "{cell:?}");
}

#[test]
fn the_source_opens_in_presenter_type() {
    let size = [1280.0, 720.0];
    let mut h = harness(size);
    present(&mut h, 0, Extras { all: false }, size);
    // Step to the first explanation that cites the source.
    while h.query_all_by_label("Show in source").next().is_none() {
        h.key_press(egui::Key::Space);
        h.run();
    }
    h.get_all_by_label("Show in source").next().unwrap().click();
    h.run();
    let paragraph = h.get_by_label("¶1").rect().height();
    // The presenter's body type at 1280×720 is 32 px; the study screens' is 14.
    assert!(paragraph >= 28.0, "source text {paragraph} px high");
    // The panel takes a third of the window.
    let heading = h.get_by_label("Source").rect();
    assert!(heading.left() < size[0] * 0.75, "{heading:?}");
}

#[test]
fn the_tally_controls_line_up_at_the_right_edge_on_every_row() {
    // Noted on issue 12: the − / count / + of each row drifted right from row to row, up to
    // past the window's edge, at one pixel per point.
    for size in SIZES {
        let mut h = harness(size);
        h.ctx.set_pixels_per_point(1.0);
        for extras in [Extras { all: false }, Extras { all: true }] {
            present(&mut h, 0, extras, size);
            // Counts of one, two, three and four digits.
            let ctx = h.ctx.clone();
            for (row, delta) in [(0, 7), (1, 42), (2, 305), (3, 1200)] {
                h.state_mut().run(
                    Command::Presenter(quizdesk::ui::presenter_command::PresenterCommand::Tally {
                        row,
                        delta,
                    }),
                    &ctx,
                );
            }
            for _ in 0..6 {
                h.step();
            }
            check_tally_rows(&h, size, extras);
            // Revealed: the right row is framed, and still in line.
            h.key_press(egui::Key::Space);
            for _ in 0..6 {
                h.step();
            }
            assert_ne!(position(&h).map(|p| p.1), Some(Stage::Asking));
            check_tally_rows(&h, size, extras);
        }
    }
}

/// The tally's count fields start, and its + buttons end, at the same x on every row, inside
/// the window.
fn check_tally_rows(h: &Harness<'_, QuizApp>, size: [f32; 2], extras: Extras) {
    let fields: Vec<egui::Rect> = h
        .query_all(By::new().role(egui::accesskit::Role::SpinButton))
        .filter(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("Answers for "))
        })
        .map(|n| n.rect())
        .collect();
    assert!(fields.len() >= 2, "{size:?}: {} tally rows", fields.len());
    let plus: Vec<egui::Rect> = h.query_all_by_label("+").map(|n| n.rect()).collect();
    assert_eq!(plus.len(), fields.len());
    let width = h.ctx.content_rect().width();
    for (row, rect) in fields.iter().enumerate() {
        assert!(
            (rect.left() - fields[0].left()).abs() < 0.5,
            "{size:?} {extras:?}: row {row} at {rect:?}, row 0 at {:?}",
            fields[0]
        );
        assert!(
            (plus[row].right() - plus[0].right()).abs() < 0.5,
            "{size:?} {extras:?}: + of row {row} at {:?}, of row 0 at {:?}",
            plus[row],
            plus[0]
        );
        assert!(
            plus[row].right() <= width,
            "{size:?}: row {row} at {rect:?}"
        );
    }
}
