// Deterministic synthetic clusters for benchmarks and big-cluster tests: node-00001..N in a mix
// of states, pods spread over them, a fraction stuck on image errors with the kubelet's real
// messages and matching events. Same spec and seed, same cluster, byte for byte.

use std::time::Duration;

use super::fixtures::{EventFixture, NodeFixture, PodFixture, Pressure, ServiceAccountFixture};
use super::kubelet::Kubelet;
use super::state::Cluster;
use super::util::{Rng, fnv64, name_suffix};

/// What to generate. Fractions are of nodes (kubelet behaviours) or of pods (`stuck_fraction`).
#[derive(Clone, Debug)]
pub struct Synthetic {
    pub nodes: usize,
    pub images_per_node: usize,
    pub pods: usize,
    pub stuck_fraction: f64,
    pub hang_fraction: f64,
    pub failing_fraction: f64,
    pub unreachable_fraction: f64,
    /// Fraction of nodes with a problem of their own (NotReady, Unknown, pressure, cordoned,
    /// a stale lease, a node-problem-detector condition), spread over those kinds.
    pub sick_fraction: f64,
    /// Every pod gets liveness and readiness probes (`kubelet-doctor probes` benchmarks).
    pub probes: bool,
    /// With `probes`: the fraction of pods whose probes fail (unready, `Unhealthy` and
    /// `Killing` events in the wordings of several kubelet versions).
    pub probe_failing_fraction: f64,
    /// With `probes`: about this many routine kubelet events (Pulling, Pulled, Created,
    /// Started), spread evenly over the pods; failing probes add theirs on top.
    pub events: usize,
    pub seed: u64,
}

impl Default for Synthetic {
    fn default() -> Self {
        Synthetic {
            nodes: 100,
            images_per_node: 50,
            pods: 1000,
            stuck_fraction: 0.02,
            hang_fraction: 0.0,
            failing_fraction: 0.01,
            unreachable_fraction: 0.01,
            sick_fraction: SICK_DEFAULT,
            probes: false,
            probe_failing_fraction: 0.02,
            events: 0,
            seed: 42,
        }
    }
}

/// The share of sick nodes the thresholds below were written for.
const SICK_DEFAULT: f64 = 0.046;

const NAMESPACES: &[&str] = &[
    "default",
    "kube-system",
    "monitoring",
    "ingress-nginx",
    "cert-manager",
    "payments",
    "checkout",
    "search",
    "identity",
    "data-pipeline",
    "batch",
    "frontend",
];
const APPS: &[&str] = &[
    "api",
    "web",
    "worker",
    "cache",
    "billing",
    "indexer",
    "auth",
    "gateway",
    "frontend",
    "reports",
    "scheduler",
    "notifier",
];

/// Node names are `node-00001` and up.
pub fn node_name(i: usize) -> String {
    format!("node-{:05}", i + 1)
}

impl Synthetic {
    pub fn build(&self) -> Cluster {
        let mut rng = Rng::new(self.seed);
        let mut cluster = Cluster::new();
        let mut versions = Vec::with_capacity(self.nodes);
        for i in 0..self.nodes {
            let name = node_name(i);
            let old = rng.f64() < 0.15;
            let version = if old { "v1.31.4" } else { "v1.33.1" };
            versions.push(version);
            let created = Duration::from_secs(86_400 * (5 + rng.below(200)));
            let mut n = NodeFixture::new(&name)
                .images(self.images_per_node)
                .kubelet_version(version)
                .created_ago(created)
                .internal_ip(&format!(
                    "10.{}.{}.{}",
                    20 + i / 62_500,
                    (i / 250) % 250,
                    10 + i % 250
                ));
            if i < 3 {
                n = n.control_plane();
            }
            // Scaled so that --sick-fraction keeps the mix of problems but not their share.
            let r = rng.f64() * SICK_DEFAULT / self.sick_fraction.max(1e-9);
            let mut dead = false;
            n = if i < 3 {
                n
            } else if r < 0.010 {
                n.not_ready("KubeletNotReady", "PLEG is not healthy: pleg was last seen active 3m12.574136291s ago; threshold is 3m0s")
                    .transitioned_ago(Duration::from_secs(200))
            } else if r < 0.015 {
                dead = true;
                n.unknown().transitioned_ago(Duration::from_secs(400))
            } else if r < 0.020 {
                n.pressure(Pressure::Memory)
            } else if r < 0.025 {
                n.pressure(Pressure::Disk)
            } else if r < 0.028 {
                n.pressure(Pressure::Pid)
            } else if r < 0.038 {
                n.cordoned()
            } else if r < 0.043 {
                // Stale lease while the Ready condition still says True.
                n.lease_renewed_ago(Duration::from_secs(95))
            } else if r < 0.046 {
                n.condition(
                    "KernelDeadlock",
                    "True",
                    "DockerHung",
                    "kernel: INFO: task docker:20744 blocked for more than 120 seconds.",
                )
            } else {
                n
            };
            let k = rng.f64();
            let kubelet = if dead {
                Kubelet::Unreachable
            } else if k < self.hang_fraction {
                Kubelet::Hang
            } else if k < self.hang_fraction + self.failing_fraction {
                Kubelet::FailingCheck("syncloop".into())
            } else if k < self.hang_fraction + self.failing_fraction + self.unreachable_fraction {
                Kubelet::Unreachable
            } else {
                Kubelet::Healthy
            };
            cluster.add_node(n.kubelet(kubelet));
        }
        cluster.add_leases_for_all_nodes();

        for ns in NAMESPACES {
            if fnv64(ns.as_bytes()).is_multiple_of(3) {
                cluster.add_service_account(
                    ServiceAccountFixture::new(ns, "default").image_pull_secret("regcred"),
                );
            }
        }

        let workers = self.nodes.saturating_sub(3).max(1);
        // A generator of its own, so that clusters without probes stay byte for byte the same.
        let mut prng = Rng::new(self.seed ^ 0x9e37_79b9_7f4a_7c15);
        // Routine events per pod; the failing probes add their own on top.
        let routine = if self.probes && self.pods > 0 {
            self.events / self.pods
        } else {
            0
        };
        for j in 0..self.pods {
            let ns = *rng.pick(NAMESPACES);
            let app = *rng.pick(APPS);
            let rs_hash = &name_suffix(fnv64(format!("rs/{ns}/{app}").as_bytes()), 10);
            // A bijection on 0..27^5 (the multiplier is coprime with 27), so names never collide.
            let pod_name = format!(
                "{app}-{rs_hash}-{}",
                name_suffix((j as u64 * 7_368_787 + 1_234_567) % 14_348_907, 5)
            );
            let node_idx = if self.nodes > 3 {
                3 + (rng.below(workers as u64) as usize)
            } else {
                rng.below(self.nodes.max(1) as u64) as usize
            };
            let node = (self.nodes > 0).then(|| node_name(node_idx));
            let image = format!("registry.example.com/{ns}/{app}:v1.{}.{}", j % 7, j % 13);
            let created = Duration::from_secs(600 + rng.below(20 * 86_400));
            let mut pod = PodFixture::new(ns, &pod_name)
                .container("app", &image)
                .created_ago(created)
                .label("app", app)
                .label("pod-template-hash", rs_hash)
                .owned_by("ReplicaSet", &format!("{app}-{rs_hash}"));
            if let Some(n) = &node {
                pod = pod.node(n);
            }
            if self.probes {
                let (p, events) = probed(pod, j, &mut prng, self.probe_failing_fraction, routine);
                pod = p;
                for e in events {
                    cluster.add_event(e);
                }
            }
            if node.is_none() || rng.f64() >= self.stuck_fraction {
                cluster.add_pod(pod);
                continue;
            }
            let version = versions[node_idx];
            let (pod, events) = stuck(pod, &image, &mut rng, version, created);
            cluster.add_pod(pod);
            for e in events {
                cluster.add_event(e);
            }
        }
        cluster
    }
}

/// Makes `pod` stuck on one of the common image errors, with the events the kubelet records.
fn stuck(
    pod: PodFixture,
    image: &str,
    rng: &mut Rng,
    kubelet_version: &str,
    created: Duration,
) -> (PodFixture, Vec<EventFixture>) {
    let kind = rng.below(10);
    let where_ = rng.below(10);
    // Mostly regular containers; some init and some debug containers.
    let (pod, container, field_path) = if where_ == 0 {
        (
            pod.init_container("init-config", image),
            "init-config",
            "spec.initContainers{init-config}",
        )
    } else if where_ == 1 {
        (
            pod.ephemeral_container("debugger", image),
            "debugger",
            "spec.ephemeralContainers{debugger}",
        )
    } else {
        (pod, "app", "spec.containers{app}")
    };
    let (reg_image, registry_error) = match kind {
        0..=3 => (
            image.to_string(),
            format!(
                "rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": {image}: not found"
            ),
        ),
        4..=6 => (
            image.to_string(),
            format!(
                "failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
            ),
        ),
        7 | 8 => (
            image.replace("registry.example.com", "registry.internal.example"),
            {
                let img = image.replace("registry.example.com", "registry.internal.example");
                let repo = img.trim_start_matches("registry.internal.example/");
                let (path, tag) = repo.rsplit_once(':').unwrap_or((repo, "latest"));
                format!(
                    "failed to pull and unpack image \"{img}\": failed to resolve reference \"{img}\": failed to do request: Head \"https://registry.internal.example/v2/{path}/manifests/{tag}\": dial tcp: lookup registry.internal.example on 10.96.0.10:53: no such host"
                )
            },
        ),
        _ => (String::new(), String::new()),
    };
    let first = created.saturating_sub(Duration::from_secs(5));
    let last = Duration::from_secs(30 + rng.below(240));
    let count = 3 + rng.below(40) as i64;
    let mut events = Vec::new();
    let ev = |e: EventFixture| {
        e.field_path(field_path)
            .first_seen_ago(first)
            .last_seen_ago(last)
            .count(count)
    };
    if kind == 9 {
        let bad = image.replace("registry.example.com/", "Registry.Example.com/");
        let msg = format!(
            "Failed to apply default image tag \"{bad}\": couldn't parse image name \"{bad}\": invalid reference format: repository name must be lowercase"
        );
        let pod = with_image(pod, container, &bad).waiting(container, "InvalidImageName", &msg);
        events.push(ev(
            EventFixture::for_pod(&pod, None).warning("InspectFailed", &msg)
        ));
        events.push(ev(
            EventFixture::for_pod(&pod, None).warning("Failed", "Error: InvalidImageName")
        ));
        return (pod, events);
    }
    let pod = with_image(pod, container, &reg_image);
    let backoff = rng.below(3) != 0;
    let (reason, message) = if !backoff {
        ("ErrImagePull", registry_error.clone())
    } else if kubelet_version.starts_with("v1.31") {
        (
            "ImagePullBackOff",
            format!("Back-off pulling image \"{reg_image}\""),
        )
    } else {
        (
            "ImagePullBackOff",
            format!("Back-off pulling image \"{reg_image}\": ErrImagePull: {registry_error}"),
        )
    };
    let pod = pod.waiting(container, reason, &message);
    events.push(ev(EventFixture::for_pod(&pod, None)
        .normal("Pulling", &format!("Pulling image \"{reg_image}\""))));
    events.push(ev(EventFixture::for_pod(&pod, None).warning(
        "Failed",
        &format!("Failed to pull image \"{reg_image}\": {registry_error}"),
    )));
    events.push(ev(
        EventFixture::for_pod(&pod, None).warning("Failed", &format!("Error: {reason}"))
    ));
    if backoff {
        events.push(ev(EventFixture::for_pod(&pod, None).normal(
            "BackOff",
            &format!("Back-off pulling image \"{reg_image}\""),
        )));
    }
    (pod, events)
}

fn http_port(path: &str, port: &str) -> serde_json::Value {
    serde_json::json!({"httpGet": {"path": path, "port": port, "scheme": "HTTP"},
        "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3})
}

/// Gives `pod` the probes of a typical web app; a fraction fail, with the kubelet's events.
fn probed(
    pod: PodFixture,
    j: usize,
    rng: &mut Rng,
    failing: f64,
    routine: usize,
) -> (PodFixture, Vec<EventFixture>) {
    let http = |path: &str| http_port(path, "http");
    let mut pod = pod
        .port("app", Some("http"), 8080)
        .probe("app", "livenessProbe", http("/healthz"))
        .probe("app", "readinessProbe", http("/ready"));
    let mut events = Vec::new();
    for (k, reason) in ["Pulling", "Pulled", "Created", "Started"]
        .iter()
        .cycle()
        .take(routine)
        .enumerate()
    {
        events.push(
            EventFixture::for_pod(&pod, Some("app"))
                .normal(reason, &format!("{reason} container app ({k})"))
                .first_seen_ago(Duration::from_secs(3000)),
        );
    }
    if rng.f64() >= failing {
        return (pod, events);
    }
    let ip = format!("10.244.{}.{}", j % 250, 2 + j % 200);
    let (message, kill) = match rng.below(4) {
        0 => (format!("Liveness probe failed: Get \"http://{ip}:8080/healthz\": dial tcp {ip}:8080: connect: connection refused"), true),
        1 => (format!("Readiness probe failed: Get \"http://{ip}:8080/ready\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"), false),
        2 => ("Readiness probe failed: HTTP probe failed with statuscode: 503".to_string(), false),
        _ => ("Readiness probe errored and resulted in unknown state: strconv.Atoi: parsing \"metrics\": invalid syntax".to_string(), false),
    };
    if message.contains("\"metrics\"") {
        // The spec that gives this event: a port name the container does not declare.
        pod = pod.probe("app", "readinessProbe", http_port("/ready", "metrics"));
    }
    pod = pod
        .ready("app", false)
        .running_for("app", Duration::from_secs(1800));
    if kill {
        // Restarted 20 s ago after 31 s of life: liveness killed it before it came up.
        pod = pod
            .running_for("app", Duration::from_secs(20))
            .restarts("app", 3)
            .last_terminated(
                "app",
                "Error",
                137,
                Duration::from_secs(31),
                Duration::from_secs(20),
            );
        events.push(
            EventFixture::for_pod(&pod, Some("app"))
                .normal(
                    "Killing",
                    "Container app failed liveness probe, will be restarted",
                )
                .count(3)
                .first_seen_ago(Duration::from_secs(1500))
                .last_seen_ago(Duration::from_secs(60)),
        );
    }
    events.push(
        EventFixture::for_pod(&pod, Some("app"))
            .warning("Unhealthy", &message)
            .count(5 + rng.below(100) as i64)
            .first_seen_ago(Duration::from_secs(1700))
            .last_seen_ago(Duration::from_secs(10)),
    );
    (pod, events)
}

/// Replaces the image of `container` (it was added with the default image).
fn with_image(pod: PodFixture, container: &str, image: &str) -> PodFixture {
    pod.set_image(container, image)
}
