//! The command line, defined once: parsing, `--help`, the man pages and the shell completions
//! are all generated from these clap definitions (see `tests/generated.rs`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::color::ColorChoice;

const EXIT_CODES: &str = "\
Exit status:
  0    ran to the end and found nothing wrong
  1    ran to the end and found problems (e.g. an unhealthy node in the summary)
  2    could not do the job: bad usage, unreadable kubeconfig, cluster unreachable,
       credentials refused, permission denied
  130  interrupted (Ctrl-C)
A closed pipe (`| head`) is not an error. --exit-zero turns 1 into 0.";

/// Diagnose the kubelet: node health, and node objects dumped as kubectl would.
#[derive(Debug, Parser)]
#[command(
    name = "kubelet-doctor",
    version,
    about = "Diagnose the kubelet: node health, node objects, from one command",
    long_about = "Diagnose the kubelet, the agent on every Kubernetes node.\n\n\
        kubelet-doctor talks to the cluster with the same kubeconfig kubectl uses \
        (--kubeconfig, KUBECONFIG, ~/.kube/config, or the in-cluster service account), \
        prints its report on stdout and everything else on stderr, and says with its exit \
        status whether something is wrong, so runbooks can branch on it.",
    after_long_help = EXIT_CODES,
    max_term_width = 100,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts; the cluster ones mean what they mean to kubectl.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Path to the kubeconfig file [default: $KUBECONFIG (a list), else ~/.kube/config, else in-cluster]
    #[arg(long, global = true, value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,

    /// The kubeconfig context to use [default: the kubeconfig's current-context]
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,

    /// Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never
    #[arg(long, global = true, value_name = "DURATION", default_value = "30s")]
    pub request_timeout: String,

    /// Do not verify the API server's TLS certificate (insecure: only for a cluster you can vouch for)
    #[arg(long, global = true)]
    pub insecure_skip_tls_verify: bool,

    /// When to colour the output; NO_COLOR in the environment turns `auto` off
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print no report and no warnings; only errors and the exit status tell the result
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Exit 0 even when problems are found (still 2 when the job could not be done)
    #[arg(long, global = true)]
    pub exit_zero: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Dump every node's object as YAML, or summarise node health (-o table)
    #[command(
        long_about = "Dump every node's full object, exactly as `kubectl get node NAME -o yaml` prints it, \
            one YAML document per node with `---` between them, read in pages so memory stays \
            small on any cluster size. Or, with -o table / -o wide, summarise each node's health: \
            Ready condition, lease age (is the kubelet still heartbeating?), pressure and other \
            problem conditions, cordon, taints.\n\n\
            The summary exits 1 when any node it shows has a problem (NotReady or Unknown, \
            memory/disk/PID pressure, network unavailable, a problem condition such as \
            node-problem-detector's KernelDeadlock, a stale or missing lease, cordoned) and 0 \
            when all are healthy. --problems keeps only the nodes with problems, in any output \
            format, and also sets the exit status.\n\n\
            Needs RBAC: list nodes (get nodes when names are given) and, for the summary or \
            --problems, list leases in namespace kube-node-lease.",
        after_long_help = "Examples:
  # Every node as YAML, valid multi-document (one `---` per node)
  kubelet-doctor nodes > nodes.yaml

  # One file per node for a support bundle
  kubelet-doctor nodes --output-dir ./bundle/nodes

  # Which nodes are sick? Exit 1 if any.
  kubelet-doctor nodes -o table --problems

  # In a runbook: the names of sick workers, nothing else
  kubelet-doctor nodes -l '!node-role.kubernetes.io/control-plane' --problems -o name --exit-zero

  # A wider summary with addresses, OS, kernel, runtime and allocatable resources
  kubelet-doctor nodes -o wide

Exit status: 0 healthy (or dump written), 1 a node has a problem (summary or --problems),
2 could not list nodes (unreachable, credentials, permissions)."
    )]
    Nodes(NodesArgs),
}

/// Output formats of `nodes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NodesOutput {
    /// Each node's full object as YAML, `---` between nodes (kubectl's -o yaml)
    Yaml,
    /// A v1 List of the nodes, as kubectl's -o json prints it
    Json,
    /// node/NAME, one per line
    Name,
    /// Health summary, one row per node
    Table,
    /// Health summary plus addresses, OS image, kernel, runtime, allocatable CPU and memory
    Wide,
}

#[derive(Debug, Args)]
pub struct NodesArgs {
    /// Nodes to show [default: all nodes]
    #[arg(value_name = "NODE")]
    pub names: Vec<String>,

    /// Only nodes whose labels match this selector (`=`, `==`, `!=`, `in`, `notin`, `key`, `!key`)
    #[arg(short = 'l', long, value_name = "SELECTOR", conflicts_with = "names")]
    pub selector: Option<String>,

    /// Output format
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value_t = NodesOutput::Yaml)]
    pub output: NodesOutput,

    /// Write one file per node, DIR/<node>.yaml (or .json with -o json), atomically, instead of printing
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,

    /// Keep metadata.managedFields in dumps (stripped by default, as kubectl does)
    #[arg(long)]
    pub show_managed_fields: bool,

    /// Only nodes that have a problem; the exit status is then 1 if any is shown
    #[arg(long)]
    pub problems: bool,

    /// How many nodes to ask the API server for per page
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..))]
    pub chunk_size: u32,
}

/// The clap `Command`, for generating man pages and completions.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definitions_are_consistent() {
        command().debug_assert();
    }

    #[test]
    fn names_and_selector_conflict() {
        let err = Cli::try_parse_from(["kubelet-doctor", "nodes", "a", "-l", "x=y"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
    }

    #[test]
    fn global_flags_work_after_the_subcommand() {
        let cli =
            Cli::try_parse_from(["kubelet-doctor", "nodes", "--context", "prod", "-q"]).unwrap();
        assert_eq!(cli.global.context.as_deref(), Some("prod"));
        assert!(cli.global.quiet);
    }

    #[test]
    fn chunk_size_zero_is_rejected() {
        assert!(Cli::try_parse_from(["kubelet-doctor", "nodes", "--chunk-size", "0"]).is_err());
    }
}
