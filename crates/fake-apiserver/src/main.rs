// The fake kube-apiserver as a standalone process, for benchmarks and for checking the fake
// against real kubectl: generates a deterministic synthetic cluster (optionally with kubelet
// CSRs and a journal behind every node's log query), writes a kubeconfig and serves until
// killed. Same implementation as the tests use (this crate's library).

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Parser;

use fake_apiserver::{Cluster, FakeApiServer, NodeLogs, ServerOptions, Synthetic};

/// Serve a synthetic cluster over the real Kubernetes API protocol (TLS, bearer token).
#[derive(Parser, Debug)]
#[command(name = "fake-apiserver")]
struct Args {
    /// Number of nodes (node-00001, node-00002, ...).
    #[arg(long, default_value_t = 100)]
    nodes: usize,
    /// Entries in each node's status.images.
    #[arg(long, default_value_t = 50)]
    images_per_node: usize,
    /// Number of pods, spread over the worker nodes.
    #[arg(long, default_value_t = 1000)]
    pods: usize,
    /// Fraction of pods stuck on image errors (with matching Failed events).
    #[arg(long, default_value_t = 0.02)]
    stuck_fraction: f64,
    /// Fraction of nodes whose kubelet never answers through the node proxy.
    #[arg(long, default_value_t = 0.0)]
    hang_fraction: f64,
    /// Fraction of nodes whose kubelet healthz fails (syncloop).
    #[arg(long, default_value_t = 0.01)]
    failing_fraction: f64,
    /// Fraction of nodes whose kubelet the API server cannot dial (503).
    #[arg(long, default_value_t = 0.01)]
    unreachable_fraction: f64,
    /// Fraction of nodes with a problem of their own (NotReady, Unknown, memory/disk/PID
    /// pressure, cordoned, a stale lease, a KernelDeadlock condition).
    #[arg(long, default_value_t = 0.046)]
    sick_fraction: f64,
    /// Pods listed in each node's synthetic /stats/summary (110 is a full node: 100-200 KB).
    #[arg(long, default_value_t = 3)]
    summary_pods: usize,
    /// Give every pod liveness and readiness probes (for `kubelet-doctor probes`).
    #[arg(long)]
    probes: bool,
    /// With --probes: fraction of pods whose probes fail, with Unhealthy/Killing events.
    #[arg(long, default_value_t = 0.02)]
    probe_failing_fraction: f64,
    /// With --probes: about this many routine kubelet events, spread over the pods.
    #[arg(long, default_value_t = 0)]
    events: usize,
    /// Give the first N nodes a pending kubelet-serving CSR each (`kubectl get csr`: Pending).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pending_csrs: usize,
    /// Give the N nodes after those a kubelet-serving CSR approved an hour ago that no
    /// signer answered (no certificate; `kubectl get csr`: Approved).
    #[arg(long, value_name = "N", default_value_t = 0)]
    unsigned_csrs: usize,
    /// Serve this `journalctl --utc --output=short-precise` text as every node's
    /// `/logs/?query=kubelet` (NodeLogQuery on; `sinceTime` and `tailLines` honoured).
    /// Without it `/logs/` is the `/var/log` listing of a kubelet without the feature.
    #[arg(long, value_name = "FILE")]
    node_logs: Option<PathBuf>,
    /// Seed for the generator; same seed, same cluster.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Where to write the kubeconfig.
    #[arg(long, default_value = "/tmp/fake-apiserver.kubeconfig")]
    kubeconfig: PathBuf,
    /// Port on 127.0.0.1 (default: any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Bearer token to accept (default: random).
    #[arg(long)]
    token: Option<String>,
    /// Server worker threads.
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Also serve a ready container runtime (CRI Version and Status) on this unix socket, for
    /// the live `status` benchmark.
    #[arg(long, value_name = "PATH")]
    cri_socket: Option<PathBuf>,
}

fn main() {
    let args = Args::parse();
    let started = Instant::now();
    let spec = Synthetic {
        nodes: args.nodes,
        images_per_node: args.images_per_node,
        pods: args.pods,
        stuck_fraction: args.stuck_fraction,
        hang_fraction: args.hang_fraction,
        failing_fraction: args.failing_fraction,
        unreachable_fraction: args.unreachable_fraction,
        sick_fraction: args.sick_fraction,
        probes: args.probes,
        probe_failing_fraction: args.probe_failing_fraction,
        events: args.events,
        seed: args.seed,
    };
    let mut cluster = spec.build().summary_pods(args.summary_pods);
    cluster.add_serving_csrs(args.pending_csrs, args.unsigned_csrs);
    let journal = match &args.node_logs {
        Some(path) => format!(
            ", {} journal lines on every node",
            serve_node_logs(&mut cluster, path)
        ),
        None => String::new(),
    };
    let counts = format!(
        "{} nodes, {} pods, {} events, {} CSRs{journal}",
        cluster.count("nodes"),
        cluster.count("pods"),
        cluster.count("events"),
        cluster.count("certificatesigningrequests")
    );
    let mut opts = ServerOptions::new()
        .kubeconfig_path(&args.kubeconfig)
        .port(args.port)
        .worker_threads(args.threads)
        .log_limit(0);
    if let Some(t) = &args.token {
        opts = opts.token(t);
    }
    if let Some(path) = &args.cri_socket
        && let Err(e) = fake_apiserver::cri::serve(path, fake_apiserver::cri::CriMode::Ready)
    {
        eprintln!("cannot serve CRI on {}: {e}", path.display());
        std::process::exit(2);
    }
    let srv = FakeApiServer::start_with(cluster, opts);
    eprintln!("generated {counts} in {:.1?}", started.elapsed());
    eprintln!("kubeconfig {}", srv.kubeconfig_path().display());
    eprintln!("listening on {}", srv.url());
    srv.wait();
}

/// Every node's system log query answers with the text of `path`; returns its line count.
fn serve_node_logs(cluster: &mut Cluster, path: &Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("fake-apiserver: --node-logs {}: {e}", path.display());
        std::process::exit(2);
    });
    let lines = text.lines().count();
    cluster.set_node_logs_for_all(&NodeLogs::Journal(text));
    lines
}
