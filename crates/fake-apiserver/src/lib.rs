// An in-process fake kube-apiserver speaking the real protocol over real TLS, for integration
// tests and benchmarks: `FakeApiServer::start(Cluster::new().node(...))` runs it on its own
// thread and tokio runtime, writes a kubeconfig for it, and stops it on Drop.

pub mod cri;
pub mod discovery;
pub mod faults;
pub mod fixtures;
pub mod journal;
pub mod json;
pub mod kubeconfig;
pub mod kubelet;
pub mod log;
pub mod pagination;
pub mod request;
pub mod resources;
pub mod selectors;
pub mod server;
pub mod state;
pub mod stats;
pub mod status;
pub mod synth;
pub mod table;
pub mod tls;
pub mod util;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::sync::oneshot;

pub use faults::{Fault, FaultAction};
pub use fixtures::{
    EventFixture, LeaseFixture, NodeFixture, PodFixture, Pressure, ServiceAccountFixture,
};
pub use journal::short_precise_time;
pub use json::J;
pub use kubeconfig::KubeconfigNames;
pub use kubelet::{Kubelet, NodeLogs};
pub use log::LoggedRequest;
pub use state::Cluster;
pub use synth::Synthetic;

use server::Shared;

/// How to run the server. Defaults: ephemeral port on 127.0.0.1, a kubeconfig in a temp dir
/// the server owns, cluster/context `fake`, user `fake-admin`, a random token, two worker
/// threads, API server version v1.33.1.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    names: KubeconfigNames,
    token: Option<String>,
    kubeconfig_path: Option<PathBuf>,
    port: u16,
    worker_threads: usize,
    log_limit: usize,
    kube_version: String,
    user: Option<String>,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            names: KubeconfigNames::default(),
            token: None,
            kubeconfig_path: None,
            port: 0,
            worker_threads: 2,
            log_limit: 100_000,
            kube_version: "v1.33.1".into(),
            user: None,
        }
    }
}

impl ServerOptions {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn cluster_name(mut self, n: &str) -> Self {
        self.names.cluster = n.into();
        self
    }
    pub fn context_name(mut self, n: &str) -> Self {
        self.names.context = n.into();
        self
    }
    /// The kubeconfig user name; also the user named in Forbidden messages unless
    /// [`authenticated_user`](Self::authenticated_user) says otherwise.
    pub fn user_name(mut self, n: &str) -> Self {
        self.names.user = n.into();
        self
    }
    /// Sets `contexts[].context.namespace` in the kubeconfig.
    pub fn namespace(mut self, ns: &str) -> Self {
        self.names.namespace = Some(ns.into());
        self
    }
    /// The user the API server believes it is talking to (Forbidden messages).
    pub fn authenticated_user(mut self, u: &str) -> Self {
        self.user = Some(u.into());
        self
    }
    pub fn token(mut self, t: &str) -> Self {
        self.token = Some(t.into());
        self
    }
    /// Write the kubeconfig here instead of into a temp dir.
    pub fn kubeconfig_path(mut self, p: impl Into<PathBuf>) -> Self {
        self.kubeconfig_path = Some(p.into());
        self
    }
    /// Listen on this port of 127.0.0.1 (0 = ephemeral).
    pub fn port(mut self, p: u16) -> Self {
        self.port = p;
        self
    }
    pub fn worker_threads(mut self, n: usize) -> Self {
        self.worker_threads = n.max(1);
        self
    }
    /// Keep at most `n` request-log entries (0 turns logging off, for benchmarks).
    pub fn log_limit(mut self, n: usize) -> Self {
        self.log_limit = n;
        self
    }
    /// The version `/version` reports.
    pub fn kube_version(mut self, v: &str) -> Self {
        self.kube_version = v.into();
        self
    }
}

/// A running fake API server. Dropping it stops the server and removes its temp dir.
///
/// ```ignore
/// let srv = FakeApiServer::start(
///     Cluster::new()
///         .node(NodeFixture::new("node-a").ready())
///         .node(NodeFixture::new("node-b").not_ready("KubeletNotReady", "PLEG is not healthy"))
///         .lease_for_all_nodes(),
/// );
/// srv.inject(Fault::status(403).on("GET", "/api/v1/nodes").exact().times(1));
/// srv.set_kubelet("node-a", Kubelet::Hang);
/// Command::cargo_bin("kubelet-doctor")?.args(["nodes", "--kubeconfig"]).arg(srv.kubeconfig_path());
/// assert_eq!(srv.requests_to("/api/v1/nodes")[0].param("limit"), Some("500"));
/// ```
pub struct FakeApiServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    url: String,
    ca_pem: String,
    ca_der: Vec<u8>,
    token: String,
    names: KubeconfigNames,
    kubeconfig: PathBuf,
    _dir: Option<tempfile::TempDir>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl FakeApiServer {
    pub fn start(cluster: Cluster) -> Self {
        Self::start_with(cluster, ServerOptions::default())
    }

    pub fn start_with(cluster: Cluster, opts: ServerOptions) -> Self {
        let token = opts.token.clone().unwrap_or_else(random_token);
        let user = opts.user.clone().unwrap_or_else(|| opts.names.user.clone());
        let shared = Arc::new(Shared::new(
            cluster,
            token.clone(),
            user,
            opts.kube_version.clone(),
            opts.log_limit,
        ));
        let tls = tls::generate();
        let listener =
            std::net::TcpListener::bind(("127.0.0.1", opts.port)).expect("bind 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let addr = listener.local_addr().expect("local addr");
        *shared
            .server_address
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = addr.to_string();
        let url = format!("https://{addr}");

        let (dir, kubeconfig) = match &opts.kubeconfig_path {
            Some(p) => (None, p.clone()),
            None => {
                let dir = tempfile::Builder::new()
                    .prefix("fake-apiserver-")
                    .tempdir()
                    .expect("temp dir");
                let p = dir.path().join("kubeconfig");
                (Some(dir), p)
            }
        };
        std::fs::write(
            &kubeconfig,
            kubeconfig::render(&url, &tls.ca_pem, &token, &opts.names),
        )
        .unwrap_or_else(|e| panic!("write kubeconfig {}: {e}", kubeconfig.display()));

        let (tx, rx) = oneshot::channel();
        let server_config = tls.server_config.clone();
        let serve_shared = shared.clone();
        let threads = opts.worker_threads;
        let thread = std::thread::Builder::new()
            .name("fake-apiserver".into())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(threads)
                    .thread_name("fake-apiserver-worker")
                    .enable_all()
                    .build()
                    .expect("tokio runtime");
                rt.block_on(async move {
                    let listener =
                        tokio::net::TcpListener::from_std(listener).expect("tokio listener");
                    server::serve(listener, server_config, serve_shared, rx).await;
                });
                // Hanging requests and open connections are simply dropped.
                rt.shutdown_timeout(std::time::Duration::from_millis(200));
            })
            .expect("spawn server thread");

        FakeApiServer {
            shared,
            addr,
            url,
            ca_pem: tls.ca_pem,
            ca_der: tls.ca_der.to_vec(),
            token,
            names: opts.names,
            kubeconfig,
            _dir: dir,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    /// `https://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
    pub fn port(&self) -> u16 {
        self.addr.port()
    }
    /// The kubeconfig written at start (token auth, CA inline).
    pub fn kubeconfig_path(&self) -> &Path {
        &self.kubeconfig
    }
    /// The bearer token the server accepts.
    pub fn token(&self) -> &str {
        &self.token
    }
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }
    pub fn ca_der(&self) -> &[u8] {
        &self.ca_der
    }
    /// The kubeconfig text for this server with any `token` (e.g. a wrong one).
    pub fn kubeconfig_yaml(&self, token: &str) -> String {
        kubeconfig::render(&self.url, &self.ca_pem, token, &self.names)
    }
    /// Writes a kubeconfig with `token` to `path`; returns `path`.
    pub fn write_kubeconfig(&self, path: impl AsRef<Path>, token: &str) -> PathBuf {
        let path = path.as_ref().to_path_buf();
        std::fs::write(&path, self.kubeconfig_yaml(token))
            .unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        path
    }

    /// Adds a fault rule; rules are checked in the order they were added.
    pub fn inject(&self, fault: Fault) {
        self.shared
            .faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(fault);
    }
    pub fn clear_faults(&self) {
        self.shared
            .faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
    /// How often each injected fault fired, in injection order.
    pub fn faults_fired(&self) -> Vec<usize> {
        self.shared
            .faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .map(Fault::fired)
            .collect()
    }

    pub fn set_kubelet(&self, node: &str, k: Kubelet) {
        self.with_state(|c| c.set_kubelet(node, k));
    }
    pub fn set_configz(&self, node: &str, body: serde_json::Value) {
        self.with_state(|c| c.set_configz(node, body));
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared
            .log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
    /// Requests whose path is exactly `path`.
    pub fn requests_to(&self, path: &str) -> Vec<LoggedRequest> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }
    pub fn clear_requests(&self) {
        self.shared
            .log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Reads or changes the cluster while the server runs.
    pub fn with_state<R>(&self, f: impl FnOnce(&mut Cluster) -> R) -> R {
        f(&mut self.shared.cluster())
    }

    /// Blocks the calling thread until the server stops (the standalone server never stops).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for FakeApiServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn random_token() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let seed = format!(
        "{nanos}/{}/{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    format!("kd-fake-{}", util::hex_for(&seed, 40))
}
