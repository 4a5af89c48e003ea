//! What the teacher can do to a lesson in presenter mode, as values: the presenter screen
//! ([`super::presenter`]) emits them from keys and clicks during the frame, and the command
//! handler applies them to the [`crate::classroom::Lesson`] after it
//! ([`PresenterState::apply`]).

use super::presenter::PresenterState;

/// Something the teacher did to the lesson, applied after the frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PresenterCommand {
    /// The next step: reveal, explanation (or the next rubric point), the next question; after
    /// the last, the end of the lesson.
    Step,
    /// Hide what was last revealed.
    StepBack,
    NextQuestion,
    PreviousQuestion,
    /// Count `delta` more answers (fewer, if negative) for tally row `row`.
    Tally {
        row: usize,
        delta: i32,
    },
    /// Give team `team` `delta` points (take them back, if negative).
    Award {
        team: usize,
        delta: i32,
    },
    ToggleChart,
    ToggleScoreboard,
    /// Start or pause the countdown.
    ToggleTimer,
    /// Add `secs` seconds to the countdown (a countdown of them, if there is none).
    AddTime {
        secs: f64,
    },
    ClearTimer,
    /// The end-of-lesson screen.
    End,
    /// Back from the end-of-lesson screen to the lesson.
    Resume,
}

impl PresenterState {
    /// Applies `command` to the lesson, at `now` on the UI's clock.
    pub fn apply(&mut self, command: PresenterCommand, now: f64) {
        let lesson = &mut self.lesson;
        match command {
            PresenterCommand::Step => {
                if !lesson.step(now) {
                    self.ended = true;
                }
            }
            PresenterCommand::StepBack => lesson.step_back(),
            PresenterCommand::NextQuestion => {
                lesson.next(now);
            }
            PresenterCommand::PreviousQuestion => {
                lesson.previous(now);
            }
            PresenterCommand::Tally { row, delta } => lesson.tally(row, delta),
            PresenterCommand::Award { team, delta } => lesson.award(team, delta),
            PresenterCommand::ToggleChart => lesson.toggle_chart(),
            PresenterCommand::ToggleScoreboard => {
                lesson.scoreboard_shown = !lesson.scoreboard_shown;
            }
            PresenterCommand::ToggleTimer => lesson.toggle_timer(now),
            PresenterCommand::AddTime { secs } => lesson.add_time(secs, now),
            PresenterCommand::ClearTimer => lesson.clear_timer(),
            PresenterCommand::End => self.ended = true,
            PresenterCommand::Resume => self.ended = false,
        }
    }
}
