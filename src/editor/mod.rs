//! The bank editor's core, with no UI: the text being edited ([`buffer`]), syntax highlighting
//! ([`highlight`]), checking off the UI thread ([`check`]) and the text authors start from
//! ([`skeleton`]). The editor screen is `ui::editor`.

pub mod buffer;
pub mod check;
pub mod highlight;
pub mod skeleton;
