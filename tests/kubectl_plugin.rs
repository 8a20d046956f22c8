//! kubelet-doctor as a kubectl plugin: a symlink named kubectl-kubelet_doctor on PATH makes
//! `kubectl kubelet-doctor ...` run it, and its usage lines and errors then name the command
//! the user typed. Run through the real kubectl when installed (skipped with a note if not);
//! the name detection itself is also checked by running the symlink directly.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Output};

use crate::external::installed;
use fake_apiserver::{Cluster, FakeApiServer, NodeFixture};

/// A directory holding `kubectl-kubelet_doctor`, a symlink to the binary under test.
fn plugin_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join(kubelet_doctor::cli::KUBECTL_PLUGIN);
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_kubelet-doctor"), link).unwrap();
    dir
}

/// `program args...` with `dir` first on PATH and no kubeconfig from the environment.
fn run(program: &Path, dir: &Path, args: &[&str]) -> Output {
    let mut path = OsString::from(dir);
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());
    Command::new(program)
        .args(args)
        .env("PATH", path)
        .env("HOME", dir)
        .env_remove("KUBECONFIG")
        .output()
        .expect("run")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn server() -> FakeApiServer {
    let cluster = Cluster::new()
        .node(NodeFixture::new("node-a").ready())
        .node(NodeFixture::new("node-b").ready());
    FakeApiServer::start(cluster.lease_for_all_nodes())
}

#[test]
fn kubectl_runs_the_plugin_against_the_cluster() {
    let Some(kubectl) = installed("kubectl", "kubectl plugin test") else {
        return;
    };
    let dir = plugin_dir();
    let srv = server();
    let kubeconfig = srv.kubeconfig_path().to_str().unwrap();
    let out = run(
        &kubectl,
        dir.path(),
        &[
            "kubelet-doctor",
            "nodes",
            "-o",
            "name",
            "--kubeconfig",
            kubeconfig,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "node/node-a\nnode/node-b\n");
}

#[test]
fn kubectl_plugin_usage_and_errors_say_kubectl_kubelet_doctor() {
    let Some(kubectl) = installed("kubectl", "kubectl plugin usage test") else {
        return;
    };
    let dir = plugin_dir();
    let help = run(&kubectl, dir.path(), &["kubelet-doctor", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let stdout = text(&help.stdout);
    assert!(
        stdout.contains("Usage: kubectl kubelet-doctor [OPTIONS] <COMMAND>"),
        "{stdout}"
    );
    let bad = run(
        &kubectl,
        dir.path(),
        &["kubelet-doctor", "nodes", "--bogus"],
    );
    assert_eq!(bad.status.code(), Some(2));
    let stderr = text(&bad.stderr);
    assert!(
        stderr.contains("Usage: kubectl kubelet-doctor nodes [OPTIONS]"),
        "{stderr}"
    );
}

#[test]
fn run_by_its_plugin_name_it_names_itself_kubectl_kubelet_doctor() {
    let dir = plugin_dir();
    let plugin = dir.path().join(kubelet_doctor::cli::KUBECTL_PLUGIN);
    let out = run(&plugin, dir.path(), &["nodes", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("Usage: kubectl kubelet-doctor nodes"),
        "{stderr}"
    );
}

#[test]
fn run_by_its_own_name_it_names_itself_kubelet_doctor() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        Path::new(env!("CARGO_BIN_EXE_kubelet-doctor")),
        dir.path(),
        &["nodes", "--bogus"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("Usage: kubelet-doctor nodes"), "{stderr}");
}

/// The krew template installs the binary krew will link as kubectl-kubelet_doctor, for each
/// platform a release builds.
#[test]
fn krew_manifest_template_covers_the_release_platforms() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/krew/kubelet-doctor.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let manifest: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(manifest["kind"], "Plugin");
    // krew names the link kubectl-<name with - as _>: the name kubelet-doctor recognises.
    assert_eq!(manifest["metadata"]["name"], "kubelet-doctor");
    let platforms = manifest["spec"]["platforms"].as_array().unwrap();
    let mut seen: Vec<String> = platforms
        .iter()
        .map(|p| {
            assert_eq!(p["bin"], "kubelet-doctor");
            assert!(p["sha256"].as_str().unwrap().starts_with("SHA256_OF_"));
            let labels = &p["selector"]["matchLabels"];
            format!(
                "{}/{}",
                labels["os"].as_str().unwrap(),
                labels["arch"].as_str().unwrap()
            )
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        ["darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm64"]
    );
}

#[test]
fn hints_name_the_command_as_the_plugin_user_types_it() {
    let dir = plugin_dir();
    let plugin = dir.path().join(kubelet_doctor::cli::KUBECTL_PLUGIN);
    let out = run(
        &plugin,
        dir.path(),
        &["config", "lint", "--explain", "KL999"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: --explain: no rule \"KL999\"; `kubectl kubelet-doctor config rules` lists them\n"
    );
    let out = run(
        Path::new(env!("CARGO_BIN_EXE_kubelet-doctor")),
        dir.path(),
        &["config", "lint", "--explain", "KL999"],
    );
    assert_eq!(
        text(&out.stderr),
        "error: --explain: no rule \"KL999\"; `kubelet-doctor config rules` lists them\n"
    );
}
