//! The second stage of the command line: clap's raw arguments ([`crate::cli`]) become typed,
//! validated settings, here and nowhere else, before anything is read or sent. Commands receive
//! these types and never see clap's: the flags-to-settings mapping lives in one file.

use std::path::PathBuf;
use std::time::Duration;

use crate::cli::{
    Cli, ColorWhen, Command, ConfigCommand, ConfigLintArgs, GlobalArgs, HealthzArgs, HealthzOutput,
    ImagesArgs, ImagesGroupBy, ImagesOutput, LintOutputFormat, NodesArgs, NodesOutput,
    PodScopeArgs, PressureArgs, PressureOutput, ProbesArgs, ProbesCommand, ProbesGroupBy,
    ProbesOutput, RulesOutput, StatusArgs, StatusOutput,
};
use crate::client::ConnectOptions;
use crate::client::list::PodScope;
use crate::config::command::{DEFAULT_PATH, LintSettings, RulesSettings, rule_selectors};
use crate::config::rules::Rule;
use crate::config::{KubeletVersion, LintOptions, OutputFormat};
use crate::error::{Error, Result};
use crate::healthz::{DEFAULT_CONFIG, HealthzSettings, LocalTarget, RemoteTarget};
use crate::images::{GroupBy, ImagesSettings};
use crate::nodes::NodesSettings;
use crate::output::sanitize::sanitize;
use crate::output::term::ColorChoice;
use crate::pressure::PressureSettings;
use crate::probes::ProbesSettings;
use crate::status::{Output as StatusOutputKind, StatusSettings};

/// Settings every command shares, built once.
#[derive(Debug, Clone)]
pub struct GlobalSettings {
    pub kubeconfig: Option<PathBuf>,
    pub context: Option<String>,
    /// Deadline of one API request; `None` is never.
    pub request_timeout: Option<Duration>,
    pub insecure_skip_tls_verify: bool,
    pub color: ColorChoice,
    pub quiet: bool,
    pub exit_zero: bool,
    pub verbose: bool,
}

impl GlobalSettings {
    pub fn connect_options(&self) -> ConnectOptions<'_> {
        ConnectOptions {
            kubeconfig: self.kubeconfig.as_deref(),
            context: self.context.as_deref(),
            request_timeout: self.request_timeout,
            insecure_skip_tls_verify: self.insecure_skip_tls_verify,
            verbose: self.verbose,
        }
    }

    /// The deadline of one node-proxy call: always a real one (`0`, never, becomes a century).
    pub fn proxy_timeout(&self) -> Duration {
        self.request_timeout
            .unwrap_or(Duration::from_secs(100 * 365 * 24 * 3600))
    }
}

/// What one run does: a command with its target, each with its own entry point.
#[derive(Debug)]
pub enum Job {
    Nodes(NodesSettings),
    /// `config lint --explain CODE`.
    ExplainRule(&'static Rule),
    /// `config lint [PATH...]`.
    LintFiles(LintSettings, Vec<PathBuf>),
    /// `config lint --node NAME`.
    LintNode(LintSettings, String),
    /// `config lint --node NAME --diff PATH`.
    DiffNode(LintSettings, String, PathBuf),
    /// `config lint --all-nodes [-l SELECTOR]`.
    LintAllNodes(LintSettings, Option<String>, usize),
    Rules(RulesSettings),
    HealthzLocal(HealthzSettings, LocalTarget),
    HealthzRemote(HealthzSettings, RemoteTarget),
    Images(ImagesSettings),
    Pressure(PressureSettings),
    Probes(ProbesSettings),
    /// `probes lint FILE...`.
    LintProbes(crate::probes::lint::LintSettings, Vec<PathBuf>),
    /// `probes --lint`: the workloads running in the scope.
    LintProbesLive(ProbesSettings, crate::probes::lint::LintSettings),
    /// `status --bundle DIR`.
    StatusBundle(StatusSettings, PathBuf),
    /// `status` on this node (`--collect DIR` keeps what was gathered).
    StatusLocal(StatusSettings, LocalStatus),
    /// `status --node NAME` / `--all-nodes`: through the API server.
    StatusRemote(StatusSettings, crate::status::remote::RemoteStatus),
}

/// Where the live `status` reads the node.
#[derive(Debug, Clone)]
pub struct LocalStatus {
    pub collect: Option<PathBuf>,
    pub root: PathBuf,
    pub unit: Option<String>,
    /// `journalctl --since`, as a time before now.
    pub since: Option<Duration>,
}

impl Job {
    /// Whether the job talks to the API server. Only those get worker threads (to fetch the
    /// next list page while this one is written); a local lint or probe starts faster without.
    pub fn needs_cluster(&self) -> bool {
        matches!(
            self,
            Job::Nodes(_)
                | Job::LintNode(..)
                | Job::DiffNode(..)
                | Job::LintAllNodes(..)
                | Job::HealthzRemote(..)
                | Job::StatusRemote(..)
                | Job::Images(_)
                | Job::Pressure(_)
                | Job::Probes(_)
                | Job::LintProbesLive(..)
        )
    }
}

/// Validates the parsed command line.
pub fn from_cli(cli: &Cli) -> Result<(GlobalSettings, Job)> {
    let global = global(&cli.global);
    let job = match &cli.command {
        Command::Nodes(args) => Job::Nodes(nodes(args)?),
        Command::Config(config) => match &config.command {
            ConfigCommand::Lint(args) => config_lint(args)?,
            ConfigCommand::Rules(args) => Job::Rules(RulesSettings {
                json: args.output == RulesOutput::Json,
            }),
        },
        Command::Healthz(args) => healthz(args)?,
        Command::Images(args) => Job::Images(images(args)?),
        Command::Pressure(args) => Job::Pressure(pressure(args)?),
        Command::Probes(args) => match &args.command {
            Some(ProbesCommand::Lint(lint)) => {
                if lint.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
                    return Err(Error::Usage(
                        "`-` (standard input) can be given only once".into(),
                    ));
                }
                Job::LintProbes(
                    crate::probes::lint::LintSettings {
                        format: lint_format(lint.output_format),
                        strict: lint.strict,
                    },
                    lint.paths.clone(),
                )
            }
            None => match args.lint {
                Some(format) => Job::LintProbesLive(
                    probes(args)?,
                    crate::probes::lint::LintSettings {
                        format: lint_format(format),
                        strict: args.strict,
                    },
                ),
                None => Job::Probes(probes(args)?),
            },
        },
        Command::Status(args) => status(args)?,
    };
    Ok((global, job))
}

fn global(g: &GlobalArgs) -> GlobalSettings {
    GlobalSettings {
        kubeconfig: g.kubeconfig.clone(),
        context: g.context.clone(),
        request_timeout: g.request_timeout.0,
        insecure_skip_tls_verify: g.insecure_skip_tls_verify,
        verbose: g.verbose,
        color: color_choice(g.color),
        quiet: g.quiet,
        exit_zero: g.exit_zero,
    }
}

/// `--color`, for the terminal channel.
pub fn color_choice(when: ColorWhen) -> ColorChoice {
    match when {
        ColorWhen::Auto => ColorChoice::Auto,
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
    }
}

/// Flag combinations clap cannot express: --output-dir writes only YAML or JSON; empty names.
fn nodes(args: &NodesArgs) -> Result<NodesSettings> {
    use crate::nodes::Output;

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
        output: match args.output {
            NodesOutput::Yaml => Output::Yaml,
            NodesOutput::Json => Output::Json,
            NodesOutput::Name => Output::Name,
            NodesOutput::Table => Output::Table,
            NodesOutput::Wide => Output::Wide,
        },
        output_dir: args.output_dir.clone(),
        show_managed_fields: args.show_managed_fields,
        problems_only: args.problems,
        chunk_size: args.chunk_size,
    })
}

/// `config lint`: the kubelet version, that every --select/--ignore entry names a rule, the
/// --explain code, which formats --diff can print, and which target the flags name.
fn config_lint(args: &ConfigLintArgs) -> Result<Job> {
    let kubelet_version = match &args.kubelet_version {
        Some(v) => v
            .parse::<KubeletVersion>()
            .map_err(|e| Error::Usage(format!("--kubelet-version: {e}")))?,
        None => KubeletVersion::default(),
    };
    let select = rule_selectors("--select", &args.select).map_err(Error::Usage)?;
    let ignore = rule_selectors("--ignore", &args.ignore).map_err(Error::Usage)?;
    if let Some(code) = &args.explain {
        return crate::config::explain(code.trim())
            .map(Job::ExplainRule)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--explain: no rule {:?}; `{} config rules` lists them",
                    sanitize(code).as_ref(),
                    crate::cli::invoked_as()
                ))
            });
    }
    let format = lint_format(args.output_format);
    let settings = LintSettings {
        format,
        options: LintOptions {
            kubelet_version,
            select,
            ignore,
            strict: args.strict,
        },
        kubelet_version_explicit: args.kubelet_version.is_some(),
    };
    if let Some(name) = &args.node {
        if name.is_empty() {
            return Err(Error::Usage("--node: the node name is empty".into()));
        }
        return Ok(match &args.diff {
            None => Job::LintNode(settings, name.clone()),
            Some(_) if matches!(format, OutputFormat::Sarif | OutputFormat::Github) => {
                return Err(Error::Usage(
                    "--diff prints a table (full, concise) or JSON (-o json); sarif and github are for findings"
                        .into(),
                ));
            }
            Some(path) => Job::DiffNode(settings, name.clone(), path.clone()),
        });
    }
    if args.all_nodes {
        return Ok(Job::LintAllNodes(
            settings,
            args.selector.clone(),
            args.parallel as usize,
        ));
    }
    if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::Usage(
            "`-` (standard input) can be given only once".into(),
        ));
    }
    let paths = if args.paths.is_empty() {
        vec![DEFAULT_PATH.into()]
    } else {
        args.paths.clone()
    };
    Ok(Job::LintFiles(settings, paths))
}

fn lint_format(f: LintOutputFormat) -> OutputFormat {
    match f {
        LintOutputFormat::Full => OutputFormat::Full,
        LintOutputFormat::Concise => OutputFormat::Concise,
        LintOutputFormat::Json => OutputFormat::Json,
        LintOutputFormat::Sarif => OutputFormat::Sarif,
        LintOutputFormat::Github => OutputFormat::Github,
    }
}

/// `healthz`: node names, the URL's scheme, and whether the probe is local or remote.
fn healthz(args: &HealthzArgs) -> Result<Job> {
    if let Some(name) = args.names.iter().find(|n| n.is_empty()) {
        return Err(Error::Usage(format!("node name {name:?} is empty")));
    }
    if let Some(url) = &args.url
        && !url.starts_with("http://")
    {
        return Err(Error::Usage(format!(
            "--url: {:?} is not an http:// URL (the kubelet serves healthz over plain HTTP)",
            sanitize(url).as_ref()
        )));
    }
    let settings = HealthzSettings {
        timeout: args.timeout,
        parallel: args.parallel as usize,
        wait: args.wait,
        json: args.output == HealthzOutput::Json,
    };
    let remote = !args.names.is_empty() || args.selector.is_some() || args.all_nodes;
    Ok(if remote {
        Job::HealthzRemote(
            settings,
            RemoteTarget {
                names: args.names.clone(),
                selector: args.selector.clone(),
            },
        )
    } else {
        Job::HealthzLocal(
            settings,
            LocalTarget {
                url: args.url.clone(),
                config: args.config.clone().unwrap_or_else(|| DEFAULT_CONFIG.into()),
                config_explicit: args.config.is_some(),
            },
        )
    })
}

/// `pressure`: empty names.
fn pressure(args: &PressureArgs) -> Result<PressureSettings> {
    use crate::pressure::Output;

    if let Some(name) = args.names.iter().find(|n| n.is_empty()) {
        return Err(Error::Usage(format!("node name {name:?} is empty")));
    }
    Ok(PressureSettings {
        names: args.names.clone(),
        selector: args.selector.clone(),
        parallel: args.parallel as usize,
        timeout: args.timeout,
        output: match args.output {
            PressureOutput::Table => Output::Table,
            PressureOutput::Wide => Output::Wide,
            PressureOutput::Json => Output::Json,
            PressureOutput::Name => Output::Name,
        },
        problems: args.problems,
        margin: args.margin,
        chunk_size: args.chunk_size,
    })
}

/// `images`: empty names, a comma in --node (it would change the field selector), and
/// --group-by with -o name (a name list has nothing to group).
fn images(args: &ImagesArgs) -> Result<ImagesSettings> {
    use crate::images::Output;

    let scope = pod_scope(
        &args.scope,
        args.chunk_size,
        args.group_by.is_some() && args.output == ImagesOutput::Name,
    )?;
    Ok(ImagesSettings {
        scope,
        group_by: args.group_by.map(|g| match g {
            ImagesGroupBy::Cause => GroupBy::Cause,
            ImagesGroupBy::Image => GroupBy::Image,
            ImagesGroupBy::Registry => GroupBy::Registry,
            ImagesGroupBy::Node => GroupBy::Node,
            ImagesGroupBy::Namespace => GroupBy::Namespace,
        }),
        output: match args.output {
            ImagesOutput::Table => Output::Table,
            ImagesOutput::Wide => Output::Wide,
            ImagesOutput::Json => Output::Json,
            ImagesOutput::Name => Output::Name,
        },
    })
}

/// The checks `images` and `probes` share: --group-by with -o name (a name list has nothing
/// to group), empty names, a comma in --node (it would change the field selector).
fn pod_scope(scope: &PodScopeArgs, chunk_size: u32, grouped_names: bool) -> Result<PodScope> {
    if grouped_names {
        return Err(Error::Usage(
            "--group-by groups rows of a table or JSON; -o name lists pods, one per line".into(),
        ));
    }
    let (namespace, node) = (scope.namespace.as_deref(), scope.node.as_deref());
    if namespace == Some("") {
        return Err(Error::Usage("--namespace: the namespace is empty".into()));
    }
    if node == Some("") {
        return Err(Error::Usage("--node: the node name is empty".into()));
    }
    if let Some(node) = node
        && node.contains(',')
    {
        return Err(Error::Usage(format!(
            "--node: {:?} is one node name; a comma would change the field selector",
            sanitize(node).as_ref()
        )));
    }
    Ok(PodScope {
        namespace: scope.namespace.clone(),
        selector: scope.selector.clone(),
        node: scope.node.clone(),
        chunk_size,
    })
}

/// `probes`: the pod scope, and --group-by with -o name (a name list has nothing to group).
fn probes(args: &ProbesArgs) -> Result<ProbesSettings> {
    use crate::probes::{GroupBy, Output};

    let scope = pod_scope(
        &args.scope,
        args.chunk_size,
        args.group_by.is_some() && args.output == ProbesOutput::Name,
    )?;
    Ok(ProbesSettings {
        scope,
        group_by: args.group_by.map(|g| match g {
            ProbesGroupBy::Cause => GroupBy::Cause,
            ProbesGroupBy::Namespace => GroupBy::Namespace,
            ProbesGroupBy::Node => GroupBy::Node,
            ProbesGroupBy::Workload => GroupBy::Workload,
        }),
        output: match args.output {
            ProbesOutput::Table => Output::Table,
            ProbesOutput::Wide => Output::Wide,
            ProbesOutput::Json => Output::Json,
            ProbesOutput::Name => Output::Name,
        },
    })
}

/// `status`: a bundle, or this node (optionally collected into a new directory).
fn status(args: &StatusArgs) -> Result<Job> {
    let settings = StatusSettings {
        output: match args.output {
            StatusOutput::Text => StatusOutputKind::Text,
            StatusOutput::Json => StatusOutputKind::Json,
        },
    };
    if let Some(dir) = &args.bundle {
        return Ok(Job::StatusBundle(settings, dir.clone()));
    }
    if !args.nodes.is_empty() || args.all_nodes {
        return Ok(Job::StatusRemote(
            settings,
            crate::status::remote::RemoteStatus {
                names: args.nodes.clone(),
                selector: args.selector.clone(),
                parallel: args.parallel as usize,
                timeout: args.timeout,
                since: args.since,
            },
        ));
    }
    if args.unit.as_deref() == Some("") {
        return Err(Error::Usage("--unit: the unit name is empty".into()));
    }
    Ok(Job::StatusLocal(
        settings,
        LocalStatus {
            collect: args.collect.clone(),
            root: args.root.clone().unwrap_or_else(|| "/".into()),
            unit: args.unit.clone(),
            since: args.since,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn job(args: &[&str]) -> Result<Job> {
        let cli =
            Cli::try_parse_from(std::iter::once("kubelet-doctor").chain(args.iter().copied()))
                .expect("clap accepts");
        from_cli(&cli).map(|(_, job)| job)
    }

    #[test]
    fn each_target_has_its_own_job() {
        assert!(
            matches!(job(&["config", "lint"]), Ok(Job::LintFiles(_, p)) if p == [PathBuf::from(DEFAULT_PATH)])
        );
        assert!(
            matches!(job(&["config", "lint", "--node", "a"]), Ok(Job::LintNode(_, n)) if n == "a")
        );
        assert!(matches!(
            job(&["config", "lint", "--node", "a", "--diff", "f"]),
            Ok(Job::DiffNode(..))
        ));
        assert!(matches!(
            job(&["config", "lint", "--all-nodes", "--parallel", "3"]),
            Ok(Job::LintAllNodes(_, None, 3))
        ));
        assert!(matches!(
            job(&["config", "lint", "--explain", "KL401"]),
            Ok(Job::ExplainRule(_))
        ));
        assert!(matches!(job(&["healthz"]), Ok(Job::HealthzLocal(..))));
        assert!(matches!(
            job(&["healthz", "--all-nodes"]),
            Ok(Job::HealthzRemote(..))
        ));
    }

    #[test]
    fn only_cluster_jobs_need_the_cluster() {
        assert!(!job(&["config", "lint", "x.yaml"]).unwrap().needs_cluster());
        assert!(
            !job(&["config", "lint", "--explain", "KL401"])
                .unwrap()
                .needs_cluster()
        );
        assert!(!job(&["config", "rules"]).unwrap().needs_cluster());
        assert!(!job(&["healthz"]).unwrap().needs_cluster());
        assert!(job(&["nodes"]).unwrap().needs_cluster());
        assert!(job(&["images"]).unwrap().needs_cluster());
        assert!(job(&["probes"]).unwrap().needs_cluster());
        assert!(!job(&["probes", "lint", "x.yaml"]).unwrap().needs_cluster());
        assert!(job(&["healthz", "n1"]).unwrap().needs_cluster());
        assert!(
            job(&["config", "lint", "--all-nodes"])
                .unwrap()
                .needs_cluster()
        );
    }

    #[test]
    fn durations_are_typed_by_clap() {
        let cli =
            Cli::try_parse_from(["kubelet-doctor", "--request-timeout", "0", "nodes"]).unwrap();
        assert_eq!(from_cli(&cli).unwrap().0.request_timeout, None);
        let cli =
            Cli::try_parse_from(["kubelet-doctor", "--request-timeout", "1m30s", "nodes"]).unwrap();
        assert_eq!(
            from_cli(&cli).unwrap().0.request_timeout,
            Some(Duration::from_secs(90))
        );
        let err = Cli::try_parse_from(["kubelet-doctor", "healthz", "--timeout", "0"]).unwrap_err();
        assert!(
            err.to_string().contains("a probe needs a deadline"),
            "{err}"
        );
        let Ok(Job::HealthzLocal(s, _)) = job(&["healthz", "--wait", "1500ms"]) else {
            panic!("local healthz")
        };
        assert_eq!(s.wait, Some(Duration::from_millis(1500)));
    }

    #[test]
    fn diff_refuses_finding_formats() {
        assert!(
            job(&[
                "config", "lint", "--node", "a", "--diff", "f", "-o", "sarif"
            ])
            .is_err()
        );
    }
}
