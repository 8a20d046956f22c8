//! The I/O edge of `status`: gather (a bundle directory), weigh, print, exit status.

use std::path::Path;

use super::render;
use super::report::{Verdict, build};
use crate::config::LintOptions;
use crate::error::Result;
use crate::exit::ExitStatus;
use crate::output::stdout::emit;
use crate::output::term;

/// How to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
}

/// `status` settings, validated.
#[derive(Clone, Debug)]
pub struct StatusSettings {
    pub output: Output,
}

/// `status --bundle DIR`.
pub fn run_bundle(dir: &Path, settings: &StatusSettings) -> Result<ExitStatus> {
    analyse(dir, &dir.display().to_string(), settings, None)
}

/// The one analysis of a bundle directory; `origin` names it in the report; `journal` when
/// it was read already (the live run).
fn analyse(
    dir: &Path,
    origin: &str,
    settings: &StatusSettings,
    journal: Option<super::report::Part<super::journal::Journal>>,
) -> Result<ExitStatus> {
    let mut gathered = super::bundle::gather_with(dir, &LintOptions::default(), journal)?;
    gathered.origin = origin.to_string();
    let report = build(&gathered);
    if !term::quiet() {
        let out = match settings.output {
            Output::Text => render::text(&report),
            Output::Json => render::json(&report),
        };
        emit(out.as_bytes())?;
    }
    Ok(exit_status(report.verdict))
}

/// 0 healthy, 1 a problem found, 2 nothing to judge by.
pub fn exit_status(verdict: Verdict) -> ExitStatus {
    match verdict {
        Verdict::Healthy => ExitStatus::Healthy,
        Verdict::Degraded | Verdict::Failing => ExitStatus::Problems,
        Verdict::Unknown => ExitStatus::Failure,
    }
}

/// `status` on this node: gather into a bundle directory (`--collect DIR`, or a private
/// temporary one), then analyse it like `--bundle`, so both paths are one.
pub async fn run_local(
    global: &crate::settings::GlobalSettings,
    target: &crate::settings::LocalStatus,
    settings: &StatusSettings,
) -> Result<ExitStatus> {
    let temp;
    let dir = match &target.collect {
        Some(dir) => dir.clone(),
        None => {
            temp = tempfile::Builder::new()
                .prefix("kubelet-doctor-status-")
                .tempdir()
                .map_err(|e| {
                    crate::error::Error::Input(format!("cannot create a temporary directory: {e}"))
                })?;
            temp.path().join("bundle")
        }
    };
    // The user's kubeconfig when given; else the kubelet's own (root's ~/.kube/config on a
    // node is often an admin's, for another cluster or none: not guessed at).
    let api = if global.kubeconfig.is_some() || std::env::var_os("KUBECONFIG").is_some() {
        super::collect::ApiAccess::User(global.connect_options())
    } else {
        super::collect::ApiAccess::Kubelet(global.connect_options())
    };
    let collected = super::collect::collect(
        &dir,
        &target.root,
        target.unit.as_deref(),
        target.since,
        api,
        target.collect.is_some(),
    )
    .await?;
    for note in &collected.notes {
        term::warning(note);
    }
    let origin = match &target.collect {
        Some(dir) => dir.display().to_string(),
        None => "this node".to_string(),
    };
    let status = analyse(&dir, &origin, settings, Some(collected.journal))?;
    if let Some(dir) = &target.collect {
        term::note(format!("bundle written to {}", dir.display()));
    }
    Ok(status)
}

/// `status --node NAME` / `--all-nodes [-l SELECTOR]`: the nodes judged through the API server.
/// Exit 0 all healthy, 1 a problem on some node, 2 a node that could not be judged (or asked).
pub async fn run_remote(
    cluster: &crate::client::Cluster,
    target: &super::remote::RemoteStatus,
    settings: &StatusSettings,
) -> Result<ExitStatus> {
    let names = if target.names.is_empty() {
        super::remote::node_names(cluster, target.selector.as_deref()).await?
    } else {
        target.names.clone()
    };
    if names.is_empty() {
        if settings.output == Output::Json && !term::quiet() {
            emit(render::remote_json(&[]).as_bytes())?;
        }
        match &target.selector {
            Some(s) => term::note(format!(
                "No nodes match the selector {:?}.",
                crate::output::sanitize::sanitize(s).as_ref()
            )),
            None => term::note("The cluster has no nodes."),
        }
        return Ok(ExitStatus::Healthy);
    }
    let nodes = super::remote::ask_all(cluster, &names, target).await;
    for n in &nodes {
        if let Some(e) = &n.error {
            term::warning(format!(
                "node {}: {}",
                crate::output::sanitize::sanitize(&n.node),
                crate::output::sanitize::sanitize(e)
            ));
        }
    }
    if !term::quiet() {
        let out = match settings.output {
            Output::Text => {
                render::remote_text(&nodes, !target.names.is_empty(), term::stdout_width())
            }
            Output::Json => render::remote_json(&nodes),
        };
        emit(out.as_bytes())?;
    }
    let mut status = nodes
        .iter()
        .map(|n| exit_status(n.verdict))
        .fold(ExitStatus::Healthy, ExitStatus::combine);
    if nodes.iter().any(|n| n.error.is_some()) {
        status = status.combine(ExitStatus::Failure);
    }
    Ok(status)
}
