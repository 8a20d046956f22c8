//! The standalone binary's knobs for `status --all-nodes`: CSRs and a journal behind every
//! node's log query are generated (what they contain is judged in kubelet-doctor's
//! tests/status_remote.rs, built by the same library calls).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn fake() -> Command {
    Command::new(env!("CARGO_BIN_EXE_fake-apiserver"))
}

#[test]
fn csrs_and_node_logs_are_generated() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.txt");
    std::fs::write(
        &journal,
        "Jun 03 10:00:00.000000 n kubelet[1]: I0603 x\nJun 03 10:00:01.000000 n kubelet[1]: I0603 y\n",
    )
    .unwrap();
    let mut child = fake()
        .args([
            "--nodes",
            "3",
            "--pods",
            "0",
            "--pending-csrs",
            "1",
            "--unsigned-csrs",
            "1",
        ])
        .arg("--node-logs")
        .arg(&journal)
        .arg("--kubeconfig")
        .arg(dir.path().join("kubeconfig"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        first.starts_with(
            "generated 3 nodes, 0 pods, 0 events, 2 CSRs, 2 journal lines on every node in "
        ),
        "{first}"
    );
}

#[test]
fn a_node_logs_file_that_cannot_be_read_is_exit_2() {
    let out = fake()
        .args([
            "--nodes",
            "1",
            "--pods",
            "0",
            "--node-logs",
            "/nonexistent/journal.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "fake-apiserver: --node-logs /nonexistent/journal.txt: No such file or directory (os error 2)\n"
    );
}
