//! From argv to exit status: parse, validate settings before any network call, run the
//! command under a Ctrl-C watch, and print the one-line error on stderr.

use clap::Parser;
use colored::Colorize;

use crate::cli::{
    Cli, Command, ConfigCommand, ConfigLintArgs, HealthzArgs, HealthzOutput, ImagesArgs,
    ImagesGroupBy, ImagesOutput, NodesArgs, NodesOutput, RulesOutput,
};
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
            // Asking for help is success; a missing subcommand is a usage error, even though
            // clap answers it with the help text (a script that forgot the subcommand must fail).
            return match err.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
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
        Command::Config(config) => match &config.command {
            ConfigCommand::Lint(args) => {
                let settings = config_lint_settings(cli, args)?;
                if settings.target.needs_cluster() {
                    let cluster = connect(cli).await?;
                    crate::config::command::live::run(&cluster, &settings).await
                } else {
                    crate::config::command::run_local(&settings)
                }
            }
            ConfigCommand::Rules(args) => {
                crate::config::command::run_rules(&crate::config::command::RulesSettings {
                    json: args.output == RulesOutput::Json,
                    quiet: cli.global.quiet,
                })
            }
        },
        Command::Healthz(args) => {
            let settings = healthz_settings(cli, args)?;
            if settings.target.needs_cluster() {
                let cluster = connect(cli).await?;
                crate::healthz::run_remote(&cluster, &settings).await
            } else {
                crate::healthz::run_local(&settings).await
            }
        }
        Command::Images(args) => {
            let settings = images_settings(cli, args)?;
            let cluster = connect(cli).await?;
            crate::images::run(&cluster, &settings).await
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

/// Checks `config lint` flags clap cannot, before anything is read or sent: the kubelet
/// version, that every --select/--ignore entry names a rule, the --explain code, which formats
/// --diff can print, and --request-timeout for the cluster modes.
fn config_lint_settings(
    cli: &Cli,
    args: &ConfigLintArgs,
) -> Result<crate::config::command::LintSettings> {
    use crate::config::command::{DEFAULT_PATH, LintSettings, Target, rule_selectors};
    use crate::config::{KubeletVersion, LintOptions, OutputFormat};

    let kubelet_version = match &args.kubelet_version {
        Some(v) => v
            .parse::<KubeletVersion>()
            .map_err(|e| Error::Usage(format!("--kubelet-version: {e}")))?,
        None => KubeletVersion::default(),
    };
    let select = rule_selectors("--select", &args.select).map_err(Error::Usage)?;
    let ignore = rule_selectors("--ignore", &args.ignore).map_err(Error::Usage)?;
    let format = OutputFormat::from(args.output_format);
    let target = if let Some(code) = &args.explain {
        Target::Explain(crate::config::explain(code.trim()).ok_or_else(|| {
            Error::Usage(format!(
                "--explain: no rule {:?}; `kubelet-doctor config rules` lists them",
                crate::output::sanitize::sanitize(code).as_ref()
            ))
        })?)
    } else if let Some(name) = &args.node {
        if name.is_empty() {
            return Err(Error::Usage("--node: the node name is empty".into()));
        }
        if args.diff.is_some() && matches!(format, OutputFormat::Sarif | OutputFormat::Github) {
            return Err(Error::Usage(
                "--diff prints a table (full, concise) or JSON (-o json); sarif and github are for findings"
                    .into(),
            ));
        }
        Target::Node {
            name: name.clone(),
            diff: args.diff.clone(),
        }
    } else if args.all_nodes {
        Target::AllNodes {
            selector: args.selector.clone(),
            parallel: args.parallel as usize,
        }
    } else if args.paths.is_empty() {
        Target::Files(vec![DEFAULT_PATH.into()])
    } else if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::Usage(
            "`-` (standard input) can be given only once".into(),
        ));
    } else {
        Target::Files(args.paths.clone())
    };
    // A node-proxy call always takes a deadline; `0` (never) becomes a century.
    let proxy_timeout = parse_timeout(&cli.global.request_timeout)
        .map_err(|e| Error::Usage(format!("--request-timeout: {e}")))?
        .unwrap_or(std::time::Duration::from_secs(100 * 365 * 24 * 3600));
    Ok(LintSettings {
        target,
        format,
        options: LintOptions {
            kubelet_version,
            select,
            ignore,
            strict: args.strict,
        },
        kubelet_version_explicit: args.kubelet_version.is_some(),
        proxy_timeout,
        color: stdout_color(cli.global.color),
        stderr_color: stderr_color(cli.global.color),
        quiet: cli.global.quiet,
    })
}

/// Checks `healthz` flags before anything is probed: durations (a probe needs a real
/// deadline, so 0 is refused), node names, the URL's scheme, and --request-timeout for the
/// remote mode.
fn healthz_settings(cli: &Cli, args: &HealthzArgs) -> Result<crate::healthz::HealthzSettings> {
    use crate::healthz::{DEFAULT_CONFIG, HealthzSettings, Target};

    let timeout = parse_timeout(&args.timeout)
        .map_err(|e| Error::Usage(format!("--timeout: {e}")))?
        .ok_or_else(|| Error::Usage("--timeout: a probe needs a deadline; 0 is not one".into()))?;
    let wait = match &args.wait {
        None => None,
        Some(w) => Some(
            parse_timeout(w)
                .map_err(|e| Error::Usage(format!("--wait: {e}")))?
                .ok_or_else(|| Error::Usage("--wait: give how long to wait, e.g. 60s".into()))?,
        ),
    };
    if let Some(name) = args.names.iter().find(|n| n.is_empty()) {
        return Err(Error::Usage(format!("node name {name:?} is empty")));
    }
    if let Some(url) = &args.url
        && !url.starts_with("http://")
    {
        return Err(Error::Usage(format!(
            "--url: {:?} is not an http:// URL (the kubelet serves healthz over plain HTTP)",
            crate::output::sanitize::sanitize(url).as_ref()
        )));
    }
    let remote = !args.names.is_empty() || args.selector.is_some() || args.all_nodes;
    let target = if remote {
        parse_timeout(&cli.global.request_timeout)
            .map_err(|e| Error::Usage(format!("--request-timeout: {e}")))?;
        Target::Remote {
            names: args.names.clone(),
            selector: args.selector.clone(),
        }
    } else {
        Target::Local {
            url: args.url.clone(),
            config: args.config.clone().unwrap_or_else(|| DEFAULT_CONFIG.into()),
            config_explicit: args.config.is_some(),
        }
    };
    Ok(HealthzSettings {
        target,
        timeout,
        parallel: args.parallel as usize,
        wait,
        json: args.output == HealthzOutput::Json,
        color: stdout_color(cli.global.color),
        quiet: cli.global.quiet,
    })
}

/// Checks `images` flags before anything is listed: --request-timeout, empty names, and
/// --group-by with -o name (a name list has nothing to group).
fn images_settings(cli: &Cli, args: &ImagesArgs) -> Result<crate::images::ImagesSettings> {
    use crate::images::GroupBy;

    parse_timeout(&cli.global.request_timeout)
        .map_err(|e| Error::Usage(format!("--request-timeout: {e}")))?;
    if args.namespace.as_deref() == Some("") {
        return Err(Error::Usage("--namespace: the namespace is empty".into()));
    }
    if args.node.as_deref() == Some("") {
        return Err(Error::Usage("--node: the node name is empty".into()));
    }
    if let Some(node) = &args.node
        && node.contains(',')
    {
        return Err(Error::Usage(format!(
            "--node: {:?} is one node name; a comma would change the field selector",
            crate::output::sanitize::sanitize(node).as_ref()
        )));
    }
    if args.group_by.is_some() && args.output == ImagesOutput::Name {
        return Err(Error::Usage(
            "--group-by groups rows of a table or JSON; -o name lists pods, one per line".into(),
        ));
    }
    Ok(crate::images::ImagesSettings {
        namespace: args.namespace.clone(),
        selector: args.selector.clone(),
        node: args.node.clone(),
        group_by: args.group_by.map(|g| match g {
            ImagesGroupBy::Cause => GroupBy::Cause,
            ImagesGroupBy::Image => GroupBy::Image,
            ImagesGroupBy::Registry => GroupBy::Registry,
            ImagesGroupBy::Node => GroupBy::Node,
            ImagesGroupBy::Namespace => GroupBy::Namespace,
        }),
        output: args.output,
        chunk_size: args.chunk_size,
        color: stdout_color(cli.global.color),
        quiet: cli.global.quiet,
    })
}
