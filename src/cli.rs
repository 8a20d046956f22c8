//! The command line, defined once: parsing, `--help`, the man pages and the shell completions
//! are all generated from these clap definitions (see `tests/generated.rs`).

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::client::query::parse_object_name;
use crate::duration::{Timeout, parse_probe_timeout, parse_timeout_flag, parse_wait};

const EXIT_CODES: &str = "\
Exit status:
  0    ran to the end and found nothing wrong
  1    ran to the end and found problems (an unhealthy node in the summary, a lint
       error in a kubelet config, an unhealthy kubelet, a pod stuck on an image,
       a failing probe)
  2    could not do the job: bad usage, a file unreadable or not a KubeletConfiguration,
       unreadable kubeconfig, cluster unreachable, credentials refused, permission denied
  130  interrupted (Ctrl-C)
A closed pipe (`| head`) is not an error. --exit-zero turns 1 into 0.";

/// Heading of the flags every command accepts, so each command's own flags stand out.
const GLOBAL: &str = "Global options";

/// Diagnose the kubelet: node health, node objects, kubelet configs, healthz, image errors.
#[derive(Debug, Parser)]
#[command(
    name = "kubelet-doctor",
    version,
    about = "Diagnose the kubelet: node health, configs, healthz, image pulls, probes, eviction pressure, why it is down",
    long_about = "Diagnose the kubelet, the agent on every Kubernetes node.\n\n\
        kubelet-doctor talks to the cluster with the same kubeconfig kubectl uses \
        (--kubeconfig, KUBECONFIG, ~/.kube/config, or the in-cluster service account), \
        prints its report on stdout and everything else on stderr, and says with its exit \
        status whether something is wrong, so runbooks can branch on it.\n\n\
        `nodes` dumps nodes or summarises their health; `config lint` checks a kubelet config \
        file (or a node's live config) the way the kubelet will; `healthz` asks kubelets \
        whether they are alive, here or on every node, and can wait until they are; `images` \
        finds every pod stuck on an image error and says why and what to do; `probes` finds \
        every failing liveness, readiness and startup probe, with the cause and the fix; \
        `pressure` shows how close each node is to evicting pods, and whom first; `status`, \
        on a node, says why its kubelet is not working (and `status --collect DIR` writes a \
        bundle for the ticket).",
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
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub kubeconfig: Option<PathBuf>,

    /// The kubeconfig context to use [default: the kubeconfig's current-context]
    #[arg(long, global = true, value_name = "NAME", help_heading = GLOBAL)]
    pub context: Option<String>,

    /// Give up on an API request after this long: 30s, 2m, 500ms, a number of seconds, or 0 for never
    #[arg(long, global = true, value_name = "DURATION", default_value = "30s", value_parser = parse_timeout_flag, help_heading = GLOBAL)]
    pub request_timeout: Timeout,

    /// Do not verify the API server's TLS certificate (insecure: only for a cluster you can vouch for)
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub insecure_skip_tls_verify: bool,

    /// When to colour the output; NO_COLOR or CLICOLOR=0 turn `auto` off, CLICOLOR_FORCE turns it on
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto, help_heading = GLOBAL)]
    pub color: ColorWhen,

    /// Print no report and no warnings; only errors and the exit status tell the result
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,

    /// Exit 0 even when problems are found (still 2 when the job could not be done)
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub exit_zero: bool,

    /// Show more in errors: a failed exec credential plugin's own stderr (hidden by default, as it may quote a secret)
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub verbose: bool,
}

/// The `--color` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour a terminal, unless NO_COLOR is set (CLICOLOR_FORCE colours a pipe too)
    Auto,
    /// Always colour, into a pipe or a file too
    Always,
    /// Never colour
    Never,
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

    /// Check a kubelet configuration before the kubelet does: lint files or live nodes
    #[command(
        subcommand_required = true,
        long_about = "Check a KubeletConfiguration the way the kubelet will: before a restart \
            finds out that it refuses to start, or silently ignores a misspelt key.\n\n\
            `config lint` checks files, stdin, or the live configuration of running kubelets; \
            `config rules` lists every rule it applies.",
        after_long_help = "Examples:
  # The node's own config file (the default path)
  sudo kubelet-doctor config lint

  # What every rule means
  kubelet-doctor config rules"
    )]
    Config(ConfigArgs),

    /// Is the kubelet alive? Probe its healthz here, or on nodes through the API server
    #[command(
        long_about = "Ask the kubelet whether it is healthy, and get a verdict that does not lie.\n\n\
            With no node, selector or --all-nodes, the kubelet on this machine is probed \
            directly: GET http://<healthzBindAddress>:<healthzPort>/healthz, address and port \
            read from the kubelet config file (--config, default /var/lib/kubelet/config.yaml; \
            127.0.0.1:10248 when it cannot be read), or --url. Proxy variables (HTTP_PROXY) are \
            ignored. The answer is healthy, unhealthy with the failing checks listed, refused \
            (nothing listens: is the kubelet running?), timed out (the kubelet is hung), or \
            disabled (healthzPort: 0), with its latency.\n\n\
            With node names, -l or --all-nodes, each node's kubelet is probed through the API \
            server's node proxy (/api/v1/nodes/NAME/proxy/healthz), --parallel at a time, each \
            with its own --timeout, so hung kubelets cost a bounded time and never hide the \
            others. healthz alone lies (the kubelet says ok while it cannot reach the API \
            server), so each node's verdict also weighs its Ready condition and Lease age, and \
            says when they disagree (\"healthz ok but lease 4m stale\").\n\n\
            --wait DURATION asks again every second until every kubelet is healthy or the time \
            is up: after `systemctl restart kubelet`, instead of a guessed sleep.\n\n\
            Remote probes need RBAC: get nodes/proxy (a powerful permission: it reaches the \
            kubelet API), list nodes (get nodes for names), list leases in kube-node-lease.",
        after_long_help = "Examples:
  # This node's kubelet (address and port from /var/lib/kubelet/config.yaml)
  kubelet-doctor healthz

  # In a runbook, after a restart: wait up to 60s for it to come back healthy
  sudo systemctl restart kubelet && kubelet-doctor healthz --wait 60s

  # Some nodes, or the workers, or every node, through the API server
  kubelet-doctor healthz node-a node-b
  kubelet-doctor healthz -l '!node-role.kubernetes.io/control-plane'
  kubelet-doctor healthz --all-nodes --timeout 2s --parallel 64

  # For scripts: the verdict per node as JSON, or the exit status only
  kubelet-doctor healthz --all-nodes -o json | jq -r '.results[] | select(.verdict != \"healthy\") | .node'
  kubelet-doctor -q healthz --url http://127.0.0.1:10248/healthz

Exit status: 0 every kubelet probed is healthy, 1 some kubelet is unhealthy (failing checks,
refused, hung, unreachable, NotReady or a stale lease; with --wait: still so at the deadline),
2 could not probe: bad usage, unreadable --config, healthz disabled, cluster unreachable,
permission denied (get nodes/proxy), a named node not found. --exit-zero turns 1 into 0."
    )]
    Healthz(HealthzArgs),

    /// Every pod stuck on an image, with the root cause and the fix
    #[command(
        long_about = "Find every container, init container and ephemeral container that is \
            waiting on an image (ImagePullBackOff, ErrImagePull, ImageInspectError, \
            ErrImageNeverPull, RegistryUnavailable, InvalidImageName, \
            SignatureValidationFailed), across all namespaces by default, and say why: \
            the image, its registry, the node, since when, how many pods share the problem, \
            the root cause (not-found, auth, dns, tls, rate-limit, ... read from the innermost \
            clause of the runtime's error) and a one-line remedy.\n\n\
            During back-off older kubelets write only `Back-off pulling image \"x\"`; the cause \
            is then taken from the pod's latest `Failed to pull image` event, read with one \
            list of events for the whole scope, never one call per pod. For auth failures the \
            tool says whether the pod or its service account references a pull secret at all.\n\n\
            Pods are read page by page and dropped as soon as they are classified, so memory \
            grows with the number of stuck containers, not with the cluster. \
            --group-by shows an outage as one line per cause, image, registry, node or \
            namespace instead of hundreds of rows. Messages come from the cluster: control \
            characters are always escaped in tables; -o json keeps them raw (JSON-escaped).\n\n\
            Needs RBAC: list pods, list events (only when a status carries no cause), get \
            serviceaccounts (only for auth failures; without it the pull-secret check is \
            skipped with a warning).",
        after_long_help = "Examples:
  # What is stuck on an image, anywhere, and why? Exit 1 if anything.
  kubelet-doctor images

  # One line per root cause: an outage, an expired secret and a typo, told apart
  kubelet-doctor images --group-by cause

  # Which registries are failing, and from which nodes
  kubelet-doctor images --group-by registry
  kubelet-doctor images --group-by node

  # On a node: only the pods scheduled here
  kubelet-doctor images --node \"$(hostname)\"

  # One namespace, one app, with registry, message and pull secrets
  kubelet-doctor images -n shop -l app=checkout -o wide

  # For scripts: the stuck pods, or the findings as JSON
  kubelet-doctor images -o name --exit-zero
  kubelet-doctor images -o json | jq -r '.findings[] | select(.cause == \"auth\") | .image'

Exit status: 0 nothing is stuck on an image, 1 something is (a finding is shown), 2 could
not list pods (unreachable, credentials, permission denied). --exit-zero turns 1 into 0."
    )]
    Images(ImagesArgs),

    /// How close each node is to evicting pods or collecting images, and who goes first
    #[command(
        long_about = "For every node (or the named ones, or those matching -l), read the \
            kubelet's own numbers and thresholds through the API server's node proxy \
            (/stats/summary and /configz) and compute each eviction signal exactly as the \
            kubelet does: memory.available (capacity minus the working set, not free memory), \
            allocatableMemory.available (the pods' cgroup), nodefs and imagefs bytes and \
            inodes, containerfs on split filesystems, pid.available. Each signal gets its \
            observed value, the hard and soft thresholds in force (percentages of capacity with \
            the kubelet's float32 rounding; a partial evictionHard keeps only what it names) \
            and the headroom: how much more can be used before the kubelet acts, in bytes or \
            count and in percent of capacity. Image GC: how full the image filesystem is \
            against imageGCHighThresholdPercent, how far GC is, and what it would free.\n\n\
            For a node near or past a threshold, its pods are listed in the kubelet's eviction \
            order for that resource (usage above requests first, then lower priority, then \
            larger usage); critical and static pods are marked as never evicted. Pressure \
            conditions that disagree with the numbers are said so, and so is an allocatable \
            memory that does not match the kubelet's reservations.\n\n\
            A node is `near` when its headroom on some signal is under --margin percentage \
            points of that signal's capacity (default 5), `past-soft` under a soft threshold \
            (eviction after its grace period), `evicting` under a hard one. The table shows \
            each node's tightest signal, tightest nodes first; -o wide shows every signal.\n\n\
            Kubelets are read --parallel at a time, each request with its own --timeout; a \
            kubelet that hangs or answers garbage is reported on its own row. When /configz \
            cannot be read the kubelet's defaults for the node's OS are assumed, and said.\n\n\
            Needs RBAC: list nodes (get nodes for names), get nodes/proxy (a powerful \
            permission: it reaches the kubelet API, including exec on some kubelets), and \
            list pods for the eviction order.",
        after_long_help = "Examples:
  # Which nodes are about to evict, and whom first? Exit 1 if any.
  kubelet-doctor pressure

  # Only the nodes past a threshold or within 10 points of one
  kubelet-doctor pressure --problems --margin 10

  # Every signal of two nodes, image GC included
  kubelet-doctor pressure node-a node-b -o wide

  # For scripts: the tight nodes, or the numbers as JSON
  kubelet-doctor pressure --problems -o name --exit-zero
  kubelet-doctor pressure -o json | jq '.nodes[] | {name, tightest, verdict}'

Exit status: 0 no node is near or past a threshold, 1 some node is (near, past-soft or
evicting), 2 could not run, or some kubelet could not be measured (its row says why).
--exit-zero turns 1 into 0."
    )]
    Pressure(PressureArgs),

    /// Every failing liveness, readiness and startup probe, with the cause and the fix
    #[command(
        args_conflicts_with_subcommands = true,
        long_about = "Find every container whose liveness, readiness or startup probe is failing \
            now or failed recently, across all namespaces by default, and say why: one row per \
            container and probe, with the cause (connection-refused, timeout, http-5xx, \
            port-unresolved, startup-too-slow, ... read from the innermost clause of the probe's \
            output), since when, how often, the restarts, the node, and a one-line remedy made \
            from the probe spec (\"the probe asks port 8080; the container declares 8081\").\n\n\
            Sources: the kubelet's Unhealthy, ProbeWarning and Killing events (one list of \
            events for the whole scope, never one call per pod; events are matched to pods by \
            uid, so a pod recreated under the same name does not inherit old events), the pod \
            status (ready, started, restarts, the last termination), and the probe spec. A \
            container restarted by an OOM kill or by its own crash is not a probe failure and is \
            not shown. Readiness failures while a container warms up are normal and not shown; \
            a startup probe failing inside its window is doing its job.\n\n\
            Events expire an hour after their last update (kube-apiserver --event-ttl). A \
            container that is unready, or was stopped by a signal at the time liveness would \
            kill it, with no events left, is shown with cause unknown and says so.\n\n\
            Probe output is written by the container: control characters are escaped in tables; \
            -o json keeps it raw (JSON-escaped).\n\n\
            `probes lint FILE...` checks manifests for probe specs that will fail or hurt \
            (a port name the container does not declare, liveness equal to readiness, ...).\n\n\
            Needs RBAC: list pods, list events (without it, causes stay unknown, with a warning).",
        after_long_help = "Examples:
  # Which probes fail, anywhere, and why? Exit 1 if any.
  kubelet-doctor probes

  # One namespace, one app, with handler, kills, last exit, workload and the raw output
  kubelet-doctor probes -n shop -l app=checkout -o wide

  # An outage as one line per cause, or per node (no-route on one node: its CNI)
  kubelet-doctor probes --group-by cause
  kubelet-doctor probes --group-by node

  # On a node: only the pods scheduled here
  kubelet-doctor probes --node \"$(hostname)\"

  # The probe specs running in a namespace, linted (one pod per workload)
  kubelet-doctor probes -n shop --lint=concise

  # For scripts: the pods, or the findings as JSON
  kubelet-doctor probes -o name --exit-zero
  kubelet-doctor probes -o json | jq -r '.findings[] | select(.cause == \"startup-too-slow\") | .pod'

  # Before it reaches the cluster: the probe specs of a chart
  helm template ./chart | kubelet-doctor probes lint -

Exit status: 0 no failing probe, 1 some probe fails (a finding is shown), 2 could not list
pods (unreachable, credentials, permission denied). --exit-zero turns 1 into 0."
    )]
    Probes(ProbesArgs),

    /// Why is the kubelet on this node not working? A verdict, the cause, the evidence, the fix
    #[command(
        long_about = "Say why the kubelet on this node is not working, in one command: a verdict \
            (healthy, degraded, failing, unknown), then each finding with its cause id, the \
            evidence (the journal line with its time, or the fact checked) and the fix, then a \
            short table of what was checked.\n\n\
            It reads what an on-call engineer would: the unit (`systemctl show`), the \
            kubelet's command line (/proc/PID/cmdline, or the unit's ExecStart expanded; flags \
            removed in the installed kubelet's version, asked with --version, and the config \
            fields flags override), the \
            config file --config names and its --config-dir drop-ins (linted by `config lint`), \
            the journal of the \
            kubelet's current and previous run (`journalctl -u UNIT -o json`, classified into \
            cause ids such as swap-enabled, unknown-flag, config-invalid, \
            runtime-socket-missing, cert-expired, clock-skew, cni-not-ready; repeats collapsed \
            with counts), and host files (/proc/swaps, the cgroup hierarchy, the client \
            certificate against the clock, who holds the kubelet's ports 10250 and 10248). On \
            the node it also asks \
            the kubelet's healthz and the container runtime over CRI (Version, Status), and the \
            API server (the Node's Ready condition, its Lease, version skew, the node's pending \
            CSRs), with --kubeconfig or KUBECONFIG, else with the kubelet's own kubeconfig (its \
            --kubeconfig flag, e.g. /etc/kubernetes/kubelet.conf, read under --root; 5s per \
            request at most): then no answer is api-unreachable and a refusal \
            api-unauthorized. Each part is optional and fails alone.\n\n\
            The runbook on a sick node: run `sudo kubelet-doctor status`; if the fix is not \
            obvious, `sudo kubelet-doctor status --collect /tmp/kubelet-bundle` writes what it \
            read to a directory to attach to the ticket (private keys are never copied, tokens \
            are redacted), and `kubelet-doctor status --bundle DIR` analyses it anywhere, with \
            the same code. The bundle layout is documented in the README, so one can be built \
            by hand: meta.json (required), systemctl-show.txt, journal.jsonl, cmdline, \
            root/<host path>.\n\n\
            From anywhere with a kubeconfig, `--node NAME` (or `--all-nodes [-l SELECTOR]`, \
            grouped by cause: \"cni-not-ready on 12 of 40 nodes\") judges nodes through the API \
            server: the Node's Ready condition (classified like a journal line), its Lease age, \
            and, where the kubelet enables system log queries (feature gate NodeLogQuery and \
            enableSystemLogQuery: true), its journal through the node proxy \
            (/api/v1/nodes/NAME/proxy/logs/?query=kubelet, needs get nodes/proxy; --since asks \
            it for sinceTime), read by the same engine. An approved CSR that no signer \
            answered within 5 minutes is reported like a pending one, naming the signer. The \
            unit, command line, config and host files are only seen on the node.",
        after_long_help = "Examples:
  # On the node (root reads the journal and the kubelet's files)
  sudo kubelet-doctor status

  # For the ticket: write a bundle, then analyse it anywhere
  sudo kubelet-doctor status --collect /tmp/kubelet-bundle
  kubelet-doctor status --bundle /tmp/kubelet-bundle

  # k3s runs the kubelet inside its own unit
  sudo kubelet-doctor status --unit k3s-agent

  # From a workstation: one node, or every worker grouped by cause
  kubelet-doctor status --node worker-3
  kubelet-doctor status --all-nodes -l '!node-role.kubernetes.io/control-plane' --parallel 32

  # The last hour of a node's journal only (the node log query's sinceTime)
  kubelet-doctor status --node worker-3 --since 1h

  # In a runbook: the cause ids of the fatal findings
  kubelet-doctor status --bundle ./bundle -o json | jq -r '.findings[] | select(.fatal) | .cause'

Exit status: 0 healthy, 1 a problem found (degraded or failing), 2 could not run: no
meta.json in the bundle, bad usage, or nothing to judge by (verdict unknown). With --node or
--all-nodes: the worst node decides; a node the API server could not be asked about is 2."
    )]
    Status(StatusArgs),
}

/// Output formats of `probes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ProbesOutput {
    /// One row per failing probe: pod, container, probe, cause, since, count, restarts, node, remedy
    Table,
    /// The table plus handler, liveness kills, last exit, workload and the probe's output
    Wide,
    /// A stable, versioned JSON document (kind ProbesReport; see the README), raw output included
    Json,
    /// pod/NAMESPACE/NAME, one line per pod with a failing probe
    Name,
}

/// What `probes --group-by` groups on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ProbesGroupBy {
    /// The cause (connection-refused, timeout, ...)
    Cause,
    /// The pod's namespace
    Namespace,
    /// The node the pod runs on
    Node,
    /// The pod's controller (a ReplicaSet's pods count for its Deployment)
    Workload,
}

#[derive(Debug, Subcommand)]
pub enum ProbesCommand {
    /// Lint probe specs in manifests: ports, schemes, windows, timeouts, liveness pitfalls
    #[command(
        long_about = "Check the liveness, readiness and startup probes of manifests before they \
            reach a cluster: Pods and the pod templates of Deployments, StatefulSets, DaemonSets, \
            ReplicaSets, Jobs and CronJobs, in multi-document YAML or JSON, and the Lists \
            `kubectl get -o yaml` writes. `-` reads standard input.\n\n\
            Each finding has a stable code and name, a severity, the file position, the object \
            and container, and a fix. Rules: PB001 liveness-equals-readiness, PB002 \
            no-startup-probe-slow-start, PB003 probe-timeout-default, PB004 probe-window, PB005 \
            exec-probe-heavy, PB006 http-scheme-on-tls-port, PB007 probe-port-name-missing, \
            PB008 probe-host-name, PB009 liveness-checks-dependencies, PB010 \
            probe-tgps-readiness, PB011 success-threshold-liveness.\n\n\
            The output formats are `config lint`'s; the summary line goes to stderr.",
        after_long_help = "Examples:
  kubelet-doctor probes lint deploy.yaml
  helm template ./chart | kubelet-doctor probes lint --strict -
  kubectl get deploy -A -o yaml | kubelet-doctor probes lint -o concise -
  kubelet-doctor probes lint -o github k8s/*.yaml

Exit status: 0 no error-level finding (warnings allowed unless --strict), 1 findings at the
chosen threshold, 2 a file could not be read or parsed. --exit-zero turns 1 into 0."
    )]
    Lint(ProbesLintArgs),
}

#[derive(Debug, Args)]
pub struct ProbesLintArgs {
    /// Manifest files (YAML or JSON, several documents allowed); `-` reads standard input
    #[arg(value_name = "FILE", required = true)]
    pub paths: Vec<PathBuf>,

    /// Report format (the same whether or not stdout is a terminal)
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value_t = LintOutputFormat::Full)]
    pub output_format: LintOutputFormat,

    /// Warnings fail too (exit status 1), not only errors
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ProbesArgs {
    #[command(subcommand)]
    pub command: Option<ProbesCommand>,

    #[command(flatten)]
    pub scope: PodScopeArgs,

    /// One row per cause, namespace, node or workload instead of one per probe
    #[arg(long, value_enum, value_name = "KEY")]
    pub group_by: Option<ProbesGroupBy>,

    /// Output format
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value_t = ProbesOutput::Table)]
    pub output: ProbesOutput,

    /// How many pods (and events) to ask the API server for per page
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..))]
    pub chunk_size: u32,

    /// Lint the probe specs running in the scope (one pod per workload) with the rules of `probes lint`, in FORMAT [default: full]
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "full",
        conflicts_with_all = ["group_by", "output"]
    )]
    pub lint: Option<LintOutputFormat>,

    /// With --lint: warnings fail too (exit status 1), not only errors
    #[arg(long, requires = "lint")]
    pub strict: bool,
}

/// Output formats of `status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusOutput {
    /// The verdict, each finding with its evidence and fix, and the table of checks
    Text,
    /// A stable, versioned JSON document (kind StatusReport; see the README)
    Json,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Analyse a bundle directory (written by --collect, or by hand) instead of this node
    #[arg(long, value_name = "DIR", conflicts_with_all = ["collect", "root", "unit", "since"])]
    pub bundle: Option<PathBuf>,

    /// Write what was gathered on this node to DIR (a new directory), for a ticket; then analyse it
    #[arg(long, value_name = "DIR")]
    pub collect: Option<PathBuf>,

    /// Read host files under DIR (the host's / mounted in a container or debug pod, e.g. /host)
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// The systemd unit that runs the kubelet [default: the first loaded of kubelet, k3s, k3s-agent, rke2-server, rke2-agent, snap.microk8s.daemon-kubelite]
    #[arg(long, value_name = "NAME")]
    pub unit: Option<String>,

    /// Read the journal from this long ago (30m, 2h); with --node/--all-nodes, the node log query's sinceTime (still at most its last 5000 lines) [default: the last 50,000 lines here, 5000 remotely]
    #[arg(long, value_name = "DURATION", value_parser = parse_wait)]
    pub since: Option<Duration>,

    /// Judge this node through the API server instead (its Node, Lease and, where the kubelet answers system log queries, its journal); repeatable
    #[arg(long = "node", value_name = "NAME", value_parser = parse_object_name, conflicts_with_all = ["bundle", "collect", "root", "unit"], help_heading = "Remote (through the API server)")]
    pub nodes: Vec<String>,

    /// Judge every node through the API server, grouped by cause
    #[arg(long, conflicts_with_all = ["nodes", "bundle", "collect", "root", "unit"], help_heading = "Remote (through the API server)")]
    pub all_nodes: bool,

    /// With --all-nodes: only nodes whose labels match this selector
    #[arg(
        short = 'l',
        long,
        value_name = "SELECTOR",
        requires = "all_nodes",
        help_heading = "Remote (through the API server)"
    )]
    pub selector: Option<String>,

    /// How many nodes to ask at once
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=1024), help_heading = "Remote (through the API server)")]
    pub parallel: u32,

    /// Give up on one node's request (API view, then journal) after this long
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_probe_timeout, help_heading = "Remote (through the API server)")]
    pub timeout: Duration,

    /// Output format
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value_t = StatusOutput::Text)]
    pub output: StatusOutput,
}

/// Output formats of `images`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImagesOutput {
    /// One row per stuck container: pod, container, image, reason, cause, node, since, remedy
    Table,
    /// The table plus registry, pods sharing the problem, pull secrets and the error message
    Wide,
    /// A stable, versioned JSON document (kind ImagesReport; see the README), raw messages included
    Json,
    /// pod/NAMESPACE/NAME, one line per stuck pod
    Name,
}

/// What `images --group-by` groups on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImagesGroupBy {
    /// The root cause (not-found, auth, dns, ...)
    Cause,
    /// The image reference as written in the pod spec
    Image,
    /// The registry host (docker.io for short names)
    Registry,
    /// The node the pod is scheduled on
    Node,
    /// The pod's namespace
    Namespace,
}

/// Which pods a pod command looks at, kubectl's way (`images`, `probes`).
#[derive(Debug, Args)]
pub struct PodScopeArgs {
    /// Only pods in this namespace [default: all namespaces]
    #[arg(
        short,
        long,
        value_name = "NAMESPACE",
        conflicts_with = "all_namespaces",
        value_parser = parse_object_name
    )]
    pub namespace: Option<String>,

    /// Pods in every namespace (the default; for kubectl habits)
    #[arg(short = 'A', long)]
    pub all_namespaces: bool,

    /// Only pods whose labels match this selector (app=web,tier!=cache)
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub selector: Option<String>,

    /// Only pods scheduled on this node (field selector spec.nodeName=NAME): for use on a node
    #[arg(long, value_name = "NAME")]
    pub node: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImagesArgs {
    #[command(flatten)]
    pub scope: PodScopeArgs,

    /// One row per cause, image, registry, node or namespace instead of one per container
    #[arg(long, value_enum, value_name = "KEY")]
    pub group_by: Option<ImagesGroupBy>,

    /// Output format
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value_t = ImagesOutput::Table)]
    pub output: ImagesOutput,

    /// How many pods (and events) to ask the API server for per page
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..))]
    pub chunk_size: u32,
}

/// Output formats of `pressure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PressureOutput {
    /// One row per node: verdict, tightest signal, its headroom, image GC, first to evict
    Table,
    /// One row per node and signal, image GC and notes
    Wide,
    /// A stable, versioned JSON document (kind PressureReport; see the README)
    Json,
    /// node/NAME, one line per node shown
    Name,
}

#[derive(Debug, Args)]
pub struct PressureArgs {
    /// Only these nodes [default: every node]
    #[arg(value_name = "NODE", value_parser = parse_object_name)]
    pub names: Vec<String>,

    /// Only the nodes whose labels match this selector
    #[arg(short = 'l', long, value_name = "SELECTOR", conflicts_with = "names")]
    pub selector: Option<String>,

    /// Show only nodes near or past a threshold, or not measured (the exit status still
    /// counts every node)
    #[arg(long)]
    pub problems: bool,

    /// Headroom under this many percentage points of a signal's capacity is "near": 5, 2.5%
    #[arg(long, value_name = "PERCENT", default_value = "5", value_parser = parse_margin)]
    pub margin: f64,

    /// How many kubelets to read at once
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub parallel: u32,

    /// Give up on one kubelet request after this long: 10s, 500ms, a number of seconds
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_probe_timeout)]
    pub timeout: Duration,

    /// Output format
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value_t = PressureOutput::Table)]
    pub output: PressureOutput,

    /// How many nodes (and pods) to ask the API server for per page
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..))]
    pub chunk_size: u32,
}

/// `--margin`: percentage points, `5` or `5%`, from 0 to 100.
fn parse_margin(text: &str) -> Result<f64, String> {
    let v: f64 = text
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("{text:?} is not a number of percentage points (e.g. 5 or 2.5%)"))?;
    if !(0.0..=100.0).contains(&v) {
        return Err(format!("{text:?} is not between 0 and 100"));
    }
    Ok(v)
}

/// Output formats of `healthz`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HealthzOutput {
    /// One row per kubelet: verdict, healthz, (Ready, lease,) latency, detail
    Table,
    /// A stable, versioned JSON document (kind HealthzReport; see the README)
    Json,
}

#[derive(Debug, Args)]
pub struct HealthzArgs {
    /// Probe these nodes' kubelets through the API server [default: this machine's kubelet]
    #[arg(value_name = "NODE", value_parser = parse_object_name, help_heading = "Remote probes (need the cluster)")]
    pub names: Vec<String>,

    /// Probe the nodes whose labels match this selector
    #[arg(
        short = 'l',
        long,
        value_name = "SELECTOR",
        conflicts_with = "names",
        help_heading = "Remote probes (need the cluster)"
    )]
    pub selector: Option<String>,

    /// Probe every node's kubelet
    #[arg(long, conflicts_with_all = ["names", "selector"], help_heading = "Remote probes (need the cluster)")]
    pub all_nodes: bool,

    /// How many kubelets to probe at once
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=1024), help_heading = "Remote probes (need the cluster)")]
    pub parallel: u32,

    /// Kubelet config file to read healthzBindAddress and healthzPort from
    #[arg(long, value_name = "PATH", conflicts_with_all = ["names", "selector", "all_nodes", "url"], help_heading = "Local probe")]
    pub config: Option<PathBuf>,

    /// Probe this URL instead (e.g. http://127.0.0.1:10248/healthz)
    #[arg(long, value_name = "URL", conflicts_with_all = ["names", "selector", "all_nodes"], help_heading = "Local probe")]
    pub url: Option<String>,

    /// Give up on one probe after this long: 3s, 500ms, a number of seconds
    #[arg(long, value_name = "DURATION", default_value = "3s", value_parser = parse_probe_timeout)]
    pub timeout: Duration,

    /// Ask again every second until healthy or this long has passed (exit 1 at the deadline)
    #[arg(long, value_name = "DURATION", value_parser = parse_wait)]
    pub wait: Option<Duration>,

    /// Output format
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value_t = HealthzOutput::Table)]
    pub output: HealthzOutput,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub command: ConfigCommand,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Lint kubelet config files (or a node's live config) with the kubelet's own checks
    #[command(
        long_about = "Lint KubeletConfiguration files with the checks the kubelet itself runs, \
            after applying its defaults exactly as it does, and report where the file is wrong, \
            what the kubelet will say, and how to fix it; plus what is legal but dangerous \
            (the CIS kubelet checks and friends).\n\n\
            Files are YAML or JSON, detected as the kubelet detects them. With no PATH the node's \
            own /var/lib/kubelet/config.yaml is linted; `-` reads standard input. Several files \
            may be given: one that cannot be read is reported on stderr (exit status 2) and the \
            others are still linted. A saved /configz body (`kubectl get --raw \
            /api/v1/nodes/NAME/proxy/configz`) is linted as the live config it is.\n\n\
            Findings have a stable code (KL001), a kebab-case name, and a severity: errors are \
            what stops the kubelet from starting, warnings what it ignores or what is unsafe, \
            infos what is merely worth knowing. `kubelet-doctor config rules` lists them all.\n\n\
            The report goes to stdout; a one-line summary (`Found 1 error, 2 warnings and 0 \
            infos in 1 file.`) goes to stderr, so `-o json` or `-o sarif` can be redirected as \
            is.\n\n\
            Live configuration: --node NAME lints what the node's kubelet really runs (its \
            /configz, read through the API server's node proxy; flags and --config-dir drop-ins \
            included), and --node NAME --diff PATH shows how a file differs from it. \
            --all-nodes lints every node (or those matching -l) concurrently and groups identical \
            findings. Each live config is judged by the rules of the kubelet version its node \
            reports, unless --kubelet-version is given. These need RBAC: get nodes/proxy, and get \
            nodes (--node) or list nodes (--all-nodes).",
        after_long_help = "Examples:
  # The node's own config (needs read access to /var/lib/kubelet/config.yaml)
  sudo kubelet-doctor config lint

  # A file you are about to roll out, and the same from a pipe
  kubelet-doctor config lint ./kubelet-config.yaml
  helm template ... | kubelet-doctor config lint -

  # In CI: fail on warnings too, annotate the pull request
  kubelet-doctor config lint --strict -o github configs/*.yaml

  # Only the security checks (KL4xx), or everything except unknown fields
  kubelet-doctor config lint --select KL4 config.yaml
  kubelet-doctor config lint --ignore unknown-field config.yaml

  # Check against the rules of an older kubelet
  kubelet-doctor config lint --kubelet-version 1.32 config.yaml

  # What one rule means
  kubelet-doctor config lint --explain KL401

  # What node-a's kubelet really runs, and how it differs from the file
  kubelet-doctor config lint --node node-a
  kubelet-doctor config lint --node node-a --diff /var/lib/kubelet/config.yaml

  # Every worker, 32 at a time, identical findings grouped
  kubelet-doctor config lint --all-nodes -l '!node-role.kubernetes.io/control-plane' --parallel 32

Exit status: 0 no error-level finding (warnings allowed unless --strict; with --diff: no
difference), 1 findings at the chosen threshold (with --diff: the file differs from the live
config), 2 could not do the job: a file unreadable or not a KubeletConfiguration, bad usage,
a node's config could not be read, cluster unreachable. --exit-zero turns 1 into 0."
    )]
    Lint(ConfigLintArgs),

    /// List every rule `config lint` applies: code, name, severity, summary
    #[command(
        long_about = "List every rule `config lint` applies, in code order: its stable code, \
            kebab-case name, severity and a one-line summary. Codes are grouped by hundreds: \
            KL0xx how the kubelet decodes the file, KL1xx ValidateKubeletConfiguration, KL2xx \
            start-up parsing that aborts the kubelet, KL3xx feature gates, KL4xx legal but \
            dangerous settings (CIS and friends), KL5xx informational.\n\n\
            Any code, prefix (KL4) or name can be given to `config lint --select/--ignore`; \
            `config lint --explain CODE` prints a rule's full explanation.",
        after_long_help = "Examples:
  kubelet-doctor config rules
  kubelet-doctor config rules -o json | jq -r '.rules[] | select(.severity == \"error\") | .code'"
    )]
    Rules(ConfigRulesArgs),
}

/// Output formats of `config lint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LintOutputFormat {
    /// Each finding with the offending source line and a marker, the kubelet's message and a fix
    Full,
    /// One line per finding: FILE:LINE:COL: CODE [severity] message
    Concise,
    /// A stable, versioned JSON document (see the JSON_FORMAT.md shipped with the source)
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards
    Sarif,
    /// GitHub Actions workflow commands (::error file=...), annotating pull requests
    Github,
}

#[derive(Debug, Args)]
pub struct ConfigLintArgs {
    /// Config files to lint (YAML or JSON); `-` reads standard input [default: /var/lib/kubelet/config.yaml]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Report format (the same whether or not stdout is a terminal)
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value_t = LintOutputFormat::Full, help_heading = "Lint options")]
    pub output_format: LintOutputFormat,

    /// Only these rules: codes (KL401), prefixes (KL4) or names (anonymous-auth-enabled), comma-separated, repeatable
    #[arg(long, value_name = "CODES", value_delimiter = ',', action = clap::ArgAction::Append, help_heading = "Lint options")]
    pub select: Vec<String>,

    /// Not these rules: codes, prefixes or names, comma-separated, repeatable; wins over --select
    #[arg(long, value_name = "CODES", value_delimiter = ',', action = clap::ArgAction::Append, help_heading = "Lint options")]
    pub ignore: Vec<String>,

    /// Warnings fail too (exit status 1), not only errors
    #[arg(long, help_heading = "Lint options")]
    pub strict: bool,

    /// Apply the rules of this kubelet release, 1.31 to 1.36 (also v1.33.2) [default: the newest; for live configs, the version each node reports]
    #[arg(long, value_name = "VERSION", help_heading = "Lint options")]
    pub kubelet_version: Option<String>,

    /// Print what a rule (code or name) checks and why, then exit
    #[arg(long, value_name = "CODE", conflicts_with_all = ["paths", "node", "all_nodes"], help_heading = "Lint options")]
    pub explain: Option<String>,

    /// Lint the live config of this node's kubelet (its /configz, via the API server's node proxy)
    #[arg(
        long,
        value_name = "NAME",
        conflicts_with = "paths",
        value_parser = parse_object_name,
        help_heading = "Live config (needs the cluster)"
    )]
    pub node: Option<String>,

    /// With --node: show how this file differs from what the kubelet really runs, instead of linting
    #[arg(
        long,
        value_name = "PATH",
        requires = "node",
        help_heading = "Live config (needs the cluster)"
    )]
    pub diff: Option<PathBuf>,

    /// Lint the live config of every node's kubelet, grouping identical findings
    #[arg(long, conflicts_with_all = ["paths", "node"], help_heading = "Live config (needs the cluster)")]
    pub all_nodes: bool,

    /// With --all-nodes: only nodes whose labels match this selector
    #[arg(
        short = 'l',
        long,
        value_name = "SELECTOR",
        requires = "all_nodes",
        help_heading = "Live config (needs the cluster)"
    )]
    pub selector: Option<String>,

    /// With --all-nodes: how many kubelets to ask at once
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=1024), help_heading = "Live config (needs the cluster)")]
    pub parallel: u32,
}

/// Output formats of `config rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesOutput {
    /// A table: code, name, severity, summary
    Table,
    /// A JSON object: version, tool, and rules (each with its full explanation)
    Json,
}

#[derive(Debug, Args)]
pub struct ConfigRulesArgs {
    /// Output format
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value_t = RulesOutput::Table)]
    pub output: RulesOutput,
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
    #[arg(value_name = "NODE", value_parser = parse_object_name)]
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

/// The file name kubectl looks for on PATH to run `kubectl kubelet-doctor ...` (kubectl turns
/// the `-` of a plugin's command name into `_` in the file name).
pub const KUBECTL_PLUGIN: &str = "kubectl-kubelet_doctor";

/// The command as the user typed it, for usage lines and help: `kubectl kubelet-doctor` when
/// run as the kubectl plugin (argv[0] is kubectl-kubelet_doctor: kubectl executes the plugin by
/// its path on PATH, a symlink or a copy), else clap's default, argv[0]'s file name.
pub fn bin_name(argv0: Option<&std::ffi::OsStr>) -> Option<&'static str> {
    let stem = std::path::Path::new(argv0?).file_stem()?;
    (stem == KUBECTL_PLUGIN).then_some("kubectl kubelet-doctor")
}

static INVOKED_AS: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();

/// The command as the user types it, for hints that name another command (`... config
/// rules`): `kubectl kubelet-doctor` as the kubectl plugin, else `kubelet-doctor`.
pub fn invoked_as() -> &'static str {
    INVOKED_AS.get().copied().unwrap_or("kubelet-doctor")
}

/// Parses `args` (argv[0] first) naming the command as the user typed it.
pub fn parse_from(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;

    let mut cmd = command();
    if let Some(name) = bin_name(args.first().map(|a| a.as_os_str())) {
        let _ = INVOKED_AS.set(name);
        cmd = cmd.bin_name(name);
    }
    let mut matches = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|err| err.format(&mut cmd))
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
    fn the_kubectl_plugin_is_named_as_kubectl_runs_it() {
        let name = |argv0: &str| bin_name(Some(std::ffi::OsStr::new(argv0)));
        assert_eq!(
            name("/tmp/bin/kubectl-kubelet_doctor"),
            Some("kubectl kubelet-doctor")
        );
        assert_eq!(
            name("kubectl-kubelet_doctor.exe"),
            Some("kubectl kubelet-doctor")
        );
        assert_eq!(name("/usr/bin/kubelet-doctor"), None);
    }

    #[test]
    fn chunk_size_zero_is_rejected() {
        assert!(Cli::try_parse_from(["kubelet-doctor", "nodes", "--chunk-size", "0"]).is_err());
    }
}
