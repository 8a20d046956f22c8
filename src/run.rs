//! From argv to exit status: parse, build the validated settings before any network call,
//! run the job under a Ctrl-C and SIGTERM watch, and print the one error line on stderr. A
//! report that cannot be written (a full disk, `--help` included) is a failure.

use std::io::Write;

use crate::client::Cluster;
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::output::term;
use crate::settings::{GlobalSettings, Job};

/// The whole program; `main` only turns the status into a process exit code.
pub fn main() -> ExitStatus {
    let cli = match crate::cli::parse_from(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(err) => {
            // Asking for help is success; a missing subcommand is a usage error, even though
            // clap answers it with the help text (a script that forgot the subcommand must fail).
            let asked = matches!(
                err.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            );
            let printed = match crate::output::stdout::closed_error() {
                // Usage errors go to stderr, which is still open.
                Some(e) if asked => Err(e),
                _ => err.print().and_then(|()| std::io::stdout().flush()),
            };
            if let Err(e) = printed {
                // `--help | head` closing the pipe early is what the reader wanted.
                if asked && e.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitStatus::Healthy;
                }
                if asked {
                    term::error(Error::Write {
                        path: "standard output".into(),
                        source: e,
                    });
                }
                return ExitStatus::Failure;
            }
            return if asked {
                ExitStatus::Healthy
            } else {
                ExitStatus::Failure
            };
        }
    };
    let (global, job) = match crate::settings::from_cli(&cli) {
        Ok(settings) => settings,
        Err(err) => {
            term::init(
                crate::settings::color_choice(cli.global.color),
                cli.global.quiet,
            );
            term::error(&err);
            return err.exit_status();
        }
    };
    term::init(global.color, global.quiet);
    // Cluster jobs get two workers: list pages are fetched on one while the main thread
    // decodes and writes the previous page (client::list); more would only compete on a small
    // node. Local jobs start faster on the current thread alone.
    let mut builder = if job.needs_cluster() {
        let mut b = tokio::runtime::Builder::new_multi_thread();
        b.worker_threads(2);
        b
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(err) => {
            term::error(format!("cannot start the async runtime: {err}"));
            return ExitStatus::Failure;
        }
    };
    let outcome = runtime.block_on(async {
        tokio::select! {
            result = dispatch(&global, job) => result,
            _ = tokio::signal::ctrl_c() => Err(Error::Interrupted),
            () = terminated() => Err(Error::Terminated),
        }
    });
    // Stop every task (hung kubelet probes, a credential plugin's process group) before
    // deciding how to leave.
    drop(runtime);
    let status = match outcome {
        Ok(status) => status,
        Err(Error::Interrupted) => die_of(signal_hook::consts::SIGINT),
        Err(Error::Terminated) => die_of(signal_hook::consts::SIGTERM),
        Err(err) => {
            if !matches!(err, Error::BrokenPipe) {
                term::error(&err);
            }
            err.exit_status()
        }
    };
    status.with_exit_zero(global.exit_zero)
}

/// Ctrl-C (or SIGTERM), as a good Unix citizen: end the progress line, then die of the signal
/// with its default disposition, so that a calling shell loop (`for n in ...; do kubelet-doctor
/// ...; done`) stops too; `$?` is 130 for Ctrl-C. Exiting 130 normally would let the loop go on.
fn die_of(signal: i32) -> ExitStatus {
    term::end_progress();
    // Returns only if the signal could not be re-raised; then exit 130 is the next best thing.
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    ExitStatus::Interrupted
}

/// Resolves on SIGTERM (a supervisor or `timeout(1)` stopping us), so that the run is torn
/// down like on Ctrl-C, children killed, instead of the process vanishing mid-write. Never
/// resolves if the handler cannot be installed.
async fn terminated() {
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut sigterm) => {
            sigterm.recv().await;
        }
        Err(_) => std::future::pending().await,
    }
}

async fn dispatch(global: &GlobalSettings, job: Job) -> Result<ExitStatus> {
    use crate::{config, healthz, images, nodes, probes};

    let timeout = global.proxy_timeout();
    match job {
        Job::Nodes(settings) => nodes::run(&connect(global).await?, &settings).await,
        Job::ExplainRule(rule) => config::command::explain(rule),
        Job::LintFiles(settings, paths) => config::command::files::run(&paths, &settings),
        Job::LintNode(settings, name) => {
            let cluster = connect(global).await?;
            config::command::live::one_node(&cluster, &settings, timeout, &name).await
        }
        Job::DiffNode(settings, name, file) => {
            config::command::live::diff_node(global, &settings, timeout, &name, &file).await
        }
        Job::LintAllNodes(settings, selector, parallel) => {
            let cluster = connect(global).await?;
            let selector = selector.as_deref();
            config::command::live::all_nodes(&cluster, &settings, timeout, selector, parallel).await
        }
        Job::Rules(settings) => config::command::run_rules(&settings),
        Job::HealthzLocal(settings, target) => healthz::run_local(&settings, &target).await,
        Job::HealthzRemote(settings, target) => {
            healthz::run_remote(&connect(global).await?, &settings, &target).await
        }
        Job::Images(settings) => images::run(&connect(global).await?, &settings).await,
        Job::Pressure(settings) => crate::pressure::run(&connect(global).await?, &settings).await,
        Job::Probes(settings) => probes::run(&connect(global).await?, &settings).await,
        Job::LintProbes(settings, paths) => probes::lint::run(&paths, &settings),
        Job::LintProbesLive(settings, lint) => {
            probes::lint::live::run(&connect(global).await?, &settings, &lint).await
        }
        Job::StatusBundle(settings, dir) => crate::status::run_bundle(&dir, &settings),
        Job::StatusLocal(settings, target) => {
            crate::status::run_local(global, &target, &settings).await
        }
        Job::StatusRemote(settings, target) => {
            crate::status::run_remote(&connect(global).await?, &target, &settings).await
        }
    }
}

async fn connect(global: &GlobalSettings) -> Result<Cluster> {
    Cluster::connect(&global.connect_options()).await
}
