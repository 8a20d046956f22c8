//! The API server's view of this node (kubelet-status.md §7), asked with the kubeconfig the
//! user gives (`--kubeconfig` or `KUBECONFIG`), else with the kubelet's own (its
//! `--kubeconfig`): the Node (its Ready condition, the kubelet version it reports), its
//! Lease's age, the server's version, and the node's pending certificate signing requests
//! (§7.3). Kept as `api.json` in the bundle; weighed in `report`. Asked with the kubelet's
//! credentials, a refusal or no answer is evidence about the kubelet itself.

use serde::{Deserialize, Serialize};

use crate::client::Cluster;
use crate::client::query::encode_segment;
use crate::error::{ApiCall, Error};

/// `api.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiView {
    /// `/version`'s `gitVersion`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_version: Option<String>,
    pub node: String,
    /// The Node object exists.
    pub found: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<Ready>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubelet_version: Option<String>,
    /// The Node's pressure conditions that are True (MemoryPressure, DiskPressure, PIDPressure).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pressure: Vec<Condition>,
    /// Seconds since the Lease was renewed, when it exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease_age_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease_duration_seconds: Option<i64>,
    /// Whose kubeconfig asked: `kubelet` (the kubelet's own, read under `--root`) or `user`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked_as: Option<AskedAs>,
    /// The kubeconfig file that asked, when it was the kubelet's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubeconfig: Option<String>,
    /// Why something could not be asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What kind of failure `error` is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_kind: Option<ErrorKind>,
    /// This node's CSRs neither approved nor denied, or approved and never signed (§7.3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending_csrs: Vec<PendingCsr>,
    /// Why the CSRs could not be listed (a node's own credentials may not list them all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csr_error: Option<String>,
}

/// Whose credentials asked the API server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AskedAs {
    Kubelet,
    User,
}

/// A failure to ask, by what it says about the path to the API server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorKind {
    /// No connection, no answer in time, or TLS failed: the server was not reached.
    Unreachable,
    /// 401: the credentials were refused.
    Unauthorized,
    /// 403: the credentials may not read this.
    Forbidden,
    /// The kubeconfig could not be loaded or used.
    Kubeconfig,
    Other,
}

impl ErrorKind {
    pub fn of(error: &Error) -> ErrorKind {
        match error {
            Error::Connect { .. } | Error::Timeout { .. } | Error::Transport { .. } => {
                ErrorKind::Unreachable
            }
            Error::Unauthorized { .. } | Error::Credentials { .. } => ErrorKind::Unauthorized,
            Error::Forbidden { .. } => ErrorKind::Forbidden,
            Error::Kubeconfig(_) | Error::NoConfiguration(_) | Error::UnknownContext { .. } => {
                ErrorKind::Kubeconfig
            }
            _ => ErrorKind::Other,
        }
    }
}

/// A certificate signing request from this node, pending: nobody decided it, or it was
/// approved and no signer answered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingCsr {
    pub name: String,
    pub signer_name: String,
    pub username: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When it was approved (the Approved condition's time), for one approved without a
    /// certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved: Option<String>,
    /// Seconds from the approval to when the CSRs were listed (as the Lease's age: a
    /// bundle judged later says what was true when it was collected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_age_seconds: Option<i64>,
}

/// How long a signer may take to answer an approved CSR before its silence is a finding: the
/// in-tree signers answer within seconds.
pub const UNSIGNED_GRACE_SECONDS: i64 = 300;

impl PendingCsr {
    /// The finding's evidence line.
    pub fn evidence(&self) -> String {
        match self.approved_age_seconds {
            Some(age) => format!(
                "CSR {} from {} for {} was approved {} ago but no certificate was issued: no signer is running for {}",
                self.name,
                self.username,
                self.signer_name,
                crate::duration::human_age(std::time::Duration::from_secs(age.max(0) as u64)),
                self.signer_name
            ),
            None => format!(
                "CSR {} from {} for {} is pending (neither approved nor denied){}",
                self.name,
                self.username,
                self.signer_name,
                self.created
                    .as_deref()
                    .map(|t| format!(", created {t}"))
                    .unwrap_or_default()
            ),
        }
    }

    /// The fix when it is not the cause's own (approve it): for an approved CSR, the signer
    /// that should have signed it.
    pub fn remedy(&self) -> Option<String> {
        self.approved_age_seconds?;
        Some(signer_remedy(&self.signer_name))
    }
}

/// Who signs `signer` (kube-controller-manager `startCertificateSigningRequestSigningController`:
/// the csrsigning controller starts a signer only for which it was given a CA's files, and
/// skips them all without).
fn signer_remedy(signer: &str) -> String {
    let kcm = |specific: &str| {
        format!(
            "kube-controller-manager's csrsigning controller signs {signer} only when it runs with --cluster-signing-cert-file and --cluster-signing-key-file (or {specific}-cert-file and {specific}-key-file) and --controllers does not leave csrsigning out"
        )
    };
    match signer {
        "kubernetes.io/kubelet-serving" => format!(
            "nobody signs it by default: {}; or run the external signer for {signer}; it then signs the approved CSR",
            kcm("--cluster-signing-kubelet-serving")
        ),
        "kubernetes.io/kube-apiserver-client-kubelet" => format!(
            "{}: check its flags and its log (\"Skipping CSR signer controller\"); it then signs the approved CSR",
            kcm("--cluster-signing-kubelet-client")
        ),
        other => format!(
            "run the signer for {other} (its controller is not answering), or have the node ask a signer that runs"
        ),
    }
}

/// The most CSRs looked at: a cluster keeps them an hour to a day (the CSR cleaner).
const CSR_SCAN_CAP: usize = 50_000;

/// `csr` is this node's and pending: from `system:node:NODE`, or from a bootstrap token
/// (`system:bootstrap:ID`) with `system:node:NODE` in its request's subject; no Approved or
/// Denied condition, or approved without a certificate for longer than the grace. (The tests
/// ask per node; the code lists once for all nodes.)
#[cfg(test)]
fn pending_for(csr: &serde_json::Value, node: &str, now_s: i64) -> Option<PendingCsr> {
    pending(csr, now_s)
        .filter(|(n, _)| n == node)
        .map(|(_, p)| p)
}

/// The node a pending CSR is for, and the CSR; `None` when it is decided (denied, failed,
/// signed, or approved less than [`UNSIGNED_GRACE_SECONDS`] before `now_s`) or not a node's.
pub fn pending(csr: &serde_json::Value, now_s: i64) -> Option<(String, PendingCsr)> {
    let spec = &csr["spec"];
    let username = spec["username"].as_str().unwrap_or("");
    let node = match username.strip_prefix("system:node:") {
        Some(n) => n.to_string(),
        None if username.starts_with("system:bootstrap:") => {
            request_node(spec["request"].as_str()?)?
        }
        None => return None,
    };
    let condition = |kind: &str| {
        csr["status"]["conditions"].as_array().and_then(|cs| {
            cs.iter().find(|c| {
                c["type"].as_str() == Some(kind) && c["status"].as_str().unwrap_or("True") == "True"
            })
        })
    };
    if node.is_empty() || condition("Denied").is_some() || condition("Failed").is_some() {
        return None;
    }
    let mut p = PendingCsr {
        name: csr["metadata"]["name"].as_str().unwrap_or("").to_string(),
        signer_name: spec["signerName"].as_str().unwrap_or("").to_string(),
        username: username.to_string(),
        created: csr["metadata"]["creationTimestamp"]
            .as_str()
            .map(str::to_string),
        ..PendingCsr::default()
    };
    if let Some(approved) = condition("Approved") {
        let signed = csr["status"]["certificate"]
            .as_str()
            .is_some_and(|c| !c.is_empty());
        if signed {
            return None;
        }
        // Without a time there is no telling a slow signer from a missing one: not reported.
        let at = ["lastUpdateTime", "lastTransitionTime"]
            .iter()
            .find_map(|k| approved[*k].as_str())?;
        let age = now_s - at.parse::<k8s_openapi::jiff::Timestamp>().ok()?.as_second();
        if age <= UNSIGNED_GRACE_SECONDS {
            return None;
        }
        p.approved = Some(at.to_string());
        p.approved_age_seconds = Some(age);
    }
    Some((node, p))
}

/// The node name in the PKCS#10 request's subject (`spec.request`: base64 of the PEM): the
/// string `system:node:NAME`, found in the DER by its prefix, its end given by the DER length
/// byte before it (so `node-ab` is never read as `node-a`).
fn request_node(request_b64: &str) -> Option<String> {
    const PREFIX: &[u8] = b"system:node:";
    let pem = super::cert::base64_decode(request_b64)?;
    let pem = String::from_utf8_lossy(&pem);
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = super::cert::base64_decode(&body)?;
    let i = der.windows(PREFIX.len()).position(|w| w == PREFIX)?;
    let len = usize::from(*der.get(i.checked_sub(1)?)?);
    if len <= PREFIX.len() || len >= 0x80 {
        return None;
    }
    let name = der.get(i + PREFIX.len()..i + len)?;
    String::from_utf8(name.to_vec()).ok()
}

/// Lists the CSRs once (at most [`CSR_SCAN_CAP`]): the pending ones by node name.
pub async fn pending_csrs(
    cluster: &Cluster,
) -> std::result::Result<std::collections::HashMap<String, Vec<PendingCsr>>, String> {
    let spec = crate::client::list::ListSpec {
        call: ApiCall::list("certificatesigningrequests", "certificates.k8s.io", None),
        path: "/apis/certificates.k8s.io/v1/certificatesigningrequests".to_string(),
        label_selector: None,
        field_selector: None,
        limit: 500,
    };
    let now_s = k8s_openapi::jiff::Timestamp::now().as_second();
    let mut seen = 0usize;
    let mut by_node: std::collections::HashMap<String, Vec<PendingCsr>> = Default::default();
    cluster
        .list_each::<serde_json::Value>(&spec, |event| {
            if let crate::client::list::ListEvent::Item(csr) = event {
                seen += 1;
                if seen > CSR_SCAN_CAP {
                    return Err(Error::Input(format!(
                        "more than {CSR_SCAN_CAP} CSRs: not all looked at"
                    )));
                }
                if let Some((node, p)) = pending(&csr, now_s) {
                    by_node.entry(node).or_default().push(p);
                }
            }
            Ok(())
        })
        .await
        .map_err(|e| e.to_string())?;
    Ok(by_node)
}

/// One of the Node's conditions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub message: String,
}

/// The condition types the kubelet sets when it evicts (`pkg/kubelet/nodestatus/setters.go`).
const PRESSURE: &[&str] = &["MemoryPressure", "DiskPressure", "PIDPressure"];

/// The Node's Ready condition.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ready {
    pub status: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub message: String,
}

/// [`ask_node`] plus this node's pending CSRs (not asked of a server that was not reached).
pub async fn ask(cluster: &Cluster, node: &str) -> ApiView {
    let mut view = ask_node(cluster, node).await;
    if view.error_kind == Some(ErrorKind::Unreachable) {
        return view;
    }
    match pending_csrs(cluster).await {
        Ok(mut by_node) => view.pending_csrs = by_node.remove(node).unwrap_or_default(),
        Err(e) => view.csr_error = Some(e),
    }
    view
}

/// Asks the API server about `node` (Node, Lease, version); failures are kept in `error`,
/// never returned.
pub async fn ask_node(cluster: &Cluster, node: &str) -> ApiView {
    let mut view = ApiView {
        node: node.to_string(),
        ..ApiView::default()
    };
    let version = ApiCall::get("version", "", None, "version");
    match cluster
        .get_json::<serde_json::Value>(&version, "/version")
        .await
    {
        Ok(v) => view.server_version = v["gitVersion"].as_str().map(str::to_string),
        Err(e) => {
            view.fail(&e);
            // Each further call would wait out the same deadline.
            if view.error_kind == Some(ErrorKind::Unreachable) {
                return view;
            }
        }
    }
    let call = ApiCall::get("nodes", "", None, node);
    match cluster
        .get_json::<serde_json::Value>(&call, &format!("/api/v1/nodes/{}", encode_segment(node)))
        .await
    {
        Ok(n) => {
            view.found = true;
            view.kubelet_version = n["status"]["nodeInfo"]["kubeletVersion"]
                .as_str()
                .map(str::to_string);
            view.pressure = n["status"]["conditions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|c| c["status"] == "True")
                .filter_map(|c| {
                    let kind = c["type"].as_str()?;
                    PRESSURE.contains(&kind).then(|| Condition {
                        kind: kind.to_string(),
                        reason: c["reason"].as_str().unwrap_or("").to_string(),
                        message: c["message"].as_str().unwrap_or("").to_string(),
                    })
                })
                .collect();
            view.ready = n["status"]["conditions"].as_array().and_then(|cs| {
                cs.iter().find(|c| c["type"] == "Ready").map(|c| Ready {
                    status: c["status"].as_str().unwrap_or("").to_string(),
                    reason: c["reason"].as_str().unwrap_or("").to_string(),
                    message: c["message"].as_str().unwrap_or("").to_string(),
                })
            });
        }
        Err(Error::NotFound { .. }) => {}
        Err(e) => {
            view.fail(&e);
            return view;
        }
    }
    let call = ApiCall::get(
        "leases",
        "coordination.k8s.io",
        Some("kube-node-lease"),
        node,
    );
    let uri = format!(
        "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/{}",
        encode_segment(node)
    );
    match cluster.get_json::<serde_json::Value>(&call, &uri).await {
        Ok(l) => {
            view.lease_duration_seconds = l["spec"]["leaseDurationSeconds"].as_i64();
            view.lease_age_seconds = l["spec"]["renewTime"]
                .as_str()
                .and_then(|t| t.parse::<k8s_openapi::jiff::Timestamp>().ok())
                .map(|t| k8s_openapi::jiff::Timestamp::now().as_second() - t.as_second());
        }
        Err(Error::NotFound { .. }) => {}
        Err(e) => view.fail(&e),
    }
    view
}

impl ApiView {
    /// Whether the Lease was renewed within its duration; `None` when either is unknown.
    pub fn lease_fresh(&self) -> Option<bool> {
        let (age, duration) = (self.lease_age_seconds?, self.lease_duration_seconds?);
        Some(age <= duration)
    }

    /// Keeps the first failure, and its kind.
    pub fn fail(&mut self, error: &Error) {
        if self.error.is_none() {
            self.error = Some(error.to_string());
            self.error_kind = Some(ErrorKind::of(error));
        }
    }
}

/// The version-skew policy: the kubelet not newer than the API server, at most three minors
/// older. `Some(why)` when it is broken.
pub fn skew(kubelet: &str, server: &str) -> Option<String> {
    use crate::config::KubeletVersion;
    let (k, s) = (
        KubeletVersion::minor_of(kubelet)?,
        KubeletVersion::minor_of(server)?,
    );
    if k > s {
        Some(format!(
            "kubelet {kubelet} is newer than the API server {server}"
        ))
    } else if s - k > 3 {
        Some(format!(
            "kubelet {kubelet} is {} minors older than the API server {server} (at most 3)",
            s - k
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csr(username: &str, request_cn: &str, condition: Option<&str>) -> serde_json::Value {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, request_cn);
        params
            .distinguished_name
            .push(rcgen::DnType::OrganizationName, "system:nodes");
        let pem = params.serialize_request(&key).unwrap().pem().unwrap();
        let request = b64(pem.as_bytes());
        // Decided an hour after it was created.
        let conditions: Vec<serde_json::Value> = condition
            .map(|c| {
                serde_json::json!({"type": c, "status": "True",
                    "lastUpdateTime": "2025-06-03T11:00:00Z",
                    "lastTransitionTime": "2025-06-03T11:00:00Z"})
            })
            .into_iter()
            .collect();
        serde_json::json!({
            "metadata": {"name": "csr-1", "creationTimestamp": "2025-06-03T10:00:00Z"},
            "spec": {"username": username, "request": request,
                     "signerName": "kubernetes.io/kube-apiserver-client-kubelet"},
            "status": {"conditions": conditions}
        })
    }

    fn b64(data: &[u8]) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for c in data.chunks(3) {
            let n = (u32::from(c[0]) << 16)
                | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                | u32::from(*c.get(2).unwrap_or(&0));
            for i in 0..4 {
                if i <= c.len() {
                    out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    /// 2025-06-03T12:00:00Z: an hour after the test CSRs were decided.
    const NOW: i64 = 1_748_952_000;

    #[test]
    fn pending_csrs_of_this_node() {
        let p = pending_for(
            &csr("system:node:node-a", "system:node:node-a", None),
            "node-a",
            NOW,
        )
        .unwrap();
        assert_eq!(p.username, "system:node:node-a");
        assert_eq!(p.signer_name, "kubernetes.io/kube-apiserver-client-kubelet");
        assert_eq!(p.created.as_deref(), Some("2025-06-03T10:00:00Z"));
        // Decided (approved and signed, denied, failed), or another node's.
        let mut signed = csr("system:node:node-a", "system:node:node-a", Some("Approved"));
        signed["status"]["certificate"] = "LS0tLS1CRUdJTi...".into();
        assert_eq!(pending_for(&signed, "node-a", NOW), None);
        for c in ["Denied", "Failed"] {
            assert_eq!(
                pending_for(
                    &csr("system:node:node-a", "system:node:node-a", Some(c)),
                    "node-a",
                    NOW
                ),
                None
            );
        }
        assert_eq!(
            pending_for(
                &csr("system:node:node-b", "system:node:node-b", None),
                "node-a",
                NOW
            ),
            None
        );
    }

    #[test]
    fn approved_without_a_certificate_past_the_grace_is_pending() {
        let approved = csr("system:node:node-a", "system:node:node-a", Some("Approved"));
        let p = pending_for(&approved, "node-a", NOW).unwrap();
        assert_eq!(p.approved.as_deref(), Some("2025-06-03T11:00:00Z"));
        assert_eq!(p.approved_age_seconds, Some(3600));
        assert_eq!(
            p.evidence(),
            "CSR csr-1 from system:node:node-a for kubernetes.io/kube-apiserver-client-kubelet was approved 60m ago but no certificate was issued: no signer is running for kubernetes.io/kube-apiserver-client-kubelet"
        );
        assert_eq!(
            p.remedy().unwrap(),
            "kube-controller-manager's csrsigning controller signs kubernetes.io/kube-apiserver-client-kubelet only when it runs with --cluster-signing-cert-file and --cluster-signing-key-file (or --cluster-signing-kubelet-client-cert-file and --cluster-signing-kubelet-client-key-file) and --controllers does not leave csrsigning out: check its flags and its log (\"Skipping CSR signer controller\"); it then signs the approved CSR"
        );
        // Within the grace the signer may still answer; the edge is not yet late.
        let grace_end = 1_748_948_400 + UNSIGNED_GRACE_SECONDS;
        assert_eq!(pending_for(&approved, "node-a", grace_end), None);
        assert!(pending_for(&approved, "node-a", grace_end + 1).is_some());
        // lastTransitionTime when lastUpdateTime is missing; no time at all: not reported.
        let mut only_transition = approved.clone();
        let drop = |csr: &mut serde_json::Value, key: &str| {
            csr["status"]["conditions"][0]
                .as_object_mut()
                .unwrap()
                .remove(key);
        };
        drop(&mut only_transition, "lastUpdateTime");
        assert!(pending_for(&only_transition, "node-a", NOW).is_some());
        drop(&mut only_transition, "lastTransitionTime");
        assert_eq!(pending_for(&only_transition, "node-a", NOW), None);
    }

    #[test]
    fn the_remedy_names_the_signer() {
        let p = |signer: &str, approved: bool| PendingCsr {
            signer_name: signer.into(),
            approved_age_seconds: approved.then_some(600),
            ..PendingCsr::default()
        };
        // A CSR nobody decided keeps the cause's own remedy (approve it).
        assert_eq!(p("kubernetes.io/kubelet-serving", false).remedy(), None);
        assert_eq!(
            p("kubernetes.io/kubelet-serving", true).remedy().unwrap(),
            "nobody signs it by default: kube-controller-manager's csrsigning controller signs kubernetes.io/kubelet-serving only when it runs with --cluster-signing-cert-file and --cluster-signing-key-file (or --cluster-signing-kubelet-serving-cert-file and --cluster-signing-kubelet-serving-key-file) and --controllers does not leave csrsigning out; or run the external signer for kubernetes.io/kubelet-serving; it then signs the approved CSR"
        );
        assert_eq!(
            p("example.com/signer", true).remedy().unwrap(),
            "run the signer for example.com/signer (its controller is not answering), or have the node ask a signer that runs"
        );
    }

    #[test]
    fn bootstrap_csrs_are_matched_by_their_subject() {
        let boot = csr("system:bootstrap:abcdef", "system:node:node-a", None);
        assert!(pending_for(&boot, "node-a", NOW).is_some());
        // A longer name with the same prefix is another node.
        assert_eq!(pending_for(&boot, "node-", NOW), None);
        let other = csr("system:bootstrap:abcdef", "system:node:node-ab", None);
        assert_eq!(pending_for(&other, "node-a", NOW), None);
        let mut garbage = boot.clone();
        garbage["spec"]["request"] = "%%%not base64".into();
        assert_eq!(pending_for(&garbage, "node-a", NOW), None);
    }

    #[test]
    fn a_lease_is_fresh_within_its_duration() {
        let lease = |age, duration| ApiView {
            lease_age_seconds: age,
            lease_duration_seconds: duration,
            ..ApiView::default()
        };
        assert_eq!(lease(Some(40), Some(40)).lease_fresh(), Some(true));
        assert_eq!(lease(Some(41), Some(40)).lease_fresh(), Some(false));
        assert_eq!(lease(None, Some(40)).lease_fresh(), None);
        assert_eq!(lease(Some(3), None).lease_fresh(), None);
    }

    #[test]
    fn version_skew_policy() {
        assert_eq!(skew("v1.34.2", "v1.34.0"), None);
        assert_eq!(skew("v1.31.0", "v1.34.0"), None);
        assert_eq!(
            skew("v1.35.0", "v1.34.1"),
            Some("kubelet v1.35.0 is newer than the API server v1.34.1".into())
        );
        assert_eq!(
            skew("v1.30.0", "v1.34.1-eks-1"),
            Some(
                "kubelet v1.30.0 is 4 minors older than the API server v1.34.1-eks-1 (at most 3)"
                    .into()
            )
        );
        assert_eq!(skew("garbage", "v1.34.0"), None);
    }
}
