//! From argv to exit status: parse, validate settings before any network call, run the
//! command under a Ctrl-C watch, and print the one-line error on stderr.

use std::io::IsTerminal;

use clap::Parser;
use colored::Colorize;

use crate::cli::{Cli, Command, NodesArgs, NodesOutput};
use crate::client::{Cluster, ConnectOptions};
use crate::duration::parse_timeout;
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::nodes::NodesSettings;
use crate::output::color::{stderr_color, stdout_color};

/// The whole program; `main` only turns the status into a process exit code.
pub fn main() -> ExitStatus {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return match err.kind() {
                clap::error::ErrorKind::DisplayHelp
                | clap::error::ErrorKind::DisplayVersion
                | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    ExitStatus::Healthy
                }
                _ => ExitStatus::Failure,
            };
        }
    };
    let color_stderr = stderr_color(cli.global.color);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            report(
                &Error::Usage(format!("cannot start the async runtime: {err}")),
                color_stderr,
            );
            return ExitStatus::Failure;
        }
    };
    let outcome = runtime.block_on(async {
        tokio::select! {
            result = dispatch(&cli) => result,
            _ = tokio::signal::ctrl_c() => Err(Error::Interrupted),
        }
    });
    let status = match outcome {
        Ok(status) => status,
        Err(err) => {
            if !matches!(err, Error::BrokenPipe) {
                report(&err, color_stderr);
            }
            err.exit_status()
        }
    };
    status.with_exit_zero(cli.global.exit_zero)
}

fn report(err: &Error, color: bool) {
    let prefix = if color {
        "error:".red().bold().to_string()
    } else {
        "error:".to_string()
    };
    eprintln!("{prefix} {err}");
}

async fn dispatch(cli: &Cli) -> Result<ExitStatus> {
    match &cli.command {
        Command::Nodes(args) => {
            let settings = nodes_settings(cli, args)?;
            let cluster = connect(cli).await?;
            crate::nodes::run(&cluster, &settings).await
        }
    }
}

async fn connect(cli: &Cli) -> Result<Cluster> {
    let g = &cli.global;
    let request_timeout = parse_timeout(&g.request_timeout)
        .map_err(|e| Error::Usage(format!("--request-timeout: {e}")))?;
    Cluster::connect(&ConnectOptions {
        kubeconfig: g.kubeconfig.as_deref(),
        context: g.context.as_deref(),
        request_timeout,
        insecure_skip_tls_verify: g.insecure_skip_tls_verify,
        quiet: g.quiet,
    })
    .await
}

/// Checks flag combinations clap cannot express, before anything touches the network.
fn nodes_settings(cli: &Cli, args: &NodesArgs) -> Result<NodesSettings> {
    parse_timeout(&cli.global.request_timeout)
        .map_err(|e| Error::Usage(format!("--request-timeout: {e}")))?;
    if args.output_dir.is_some() && !matches!(args.output, NodesOutput::Yaml | NodesOutput::Json) {
        return Err(Error::Usage(
            "--output-dir writes YAML (default) or JSON (-o json) files; drop -o or use -o json"
                .into(),
        ));
    }
    if let Some(name) = args.names.iter().find(|n| n.is_empty()) {
        return Err(Error::Usage(format!("node name {name:?} is empty")));
    }
    let _ = std::io::stdout().is_terminal();
    Ok(NodesSettings {
        names: args.names.clone(),
        selector: args.selector.clone(),
        output: args.output,
        output_dir: args.output_dir.clone(),
        show_managed_fields: args.show_managed_fields,
        problems_only: args.problems,
        chunk_size: args.chunk_size,
        color: stdout_color(cli.global.color),
        quiet: cli.global.quiet,
    })
}
