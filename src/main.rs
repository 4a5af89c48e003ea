//! quizdesk's entry point: parses the command line, then starts one of the two frontends: the
//! command line (`quizdesk::cli`) for a subcommand, else the desktop app (`quizdesk::ui`).

use std::process::ExitCode;

use clap::Parser;
use quizdesk::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command).into(),
        None => cli::app_finished(quizdesk::ui::run(args.path.as_slice())).into(),
    }
}
