//! quizdesk's entry point: parses the command line and runs the app or a subcommand.

use std::process::ExitCode;

use clap::Parser;
use quizdesk::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match &cli.command {
        Some(Command::Check(args)) => cli::check(args),
        Some(Command::Export(cli::ExportCommand::Handout(args))) => cli::export_handout(
            args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        Some(Command::Gradebook(args)) => cli::gradebook(
            args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        Some(Command::Export(cli::ExportCommand::Gift(args))) => {
            quizdesk::interop::command::export_gift(args)
        }
        Some(Command::Import(command)) => quizdesk::interop::command::import(command),
        None => match quizdesk::ui::run(cli.path.as_slice()) {
            Ok(()) => cli::CheckStatus::Clean,
            Err(e) => {
                eprintln!("quizdesk: cannot open a window: {e}");
                cli::CheckStatus::Trouble
            }
        },
    };
    ExitCode::from(status as u8)
}
