//! Shell completions and man pages are generated from the clap definitions and committed.
//! These tests fail when the committed files drift from the code; regenerate them with
//! `KUBELET_DOCTOR_BLESS=1 cargo test --test integration generated`. The generator itself is
//! `generate.rs`; whether the files work is tested in the real shells (`shells.rs`) and man
//! (`man_pages.rs`).

use std::path::{Path, PathBuf};

use clap_complete::Shell;

use crate::generate;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("KUBELET_DOCTOR_BLESS").is_some()
}

fn check(path: &Path, want: &[u8]) {
    if bless() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, want).unwrap();
        return;
    }
    let have = std::fs::read(path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}); run KUBELET_DOCTOR_BLESS=1 cargo test --test integration generated",
            path.display()
        )
    });
    assert!(
        have == want,
        "{} is out of date with the clap definitions; run KUBELET_DOCTOR_BLESS=1 cargo test --test integration generated",
        path.display()
    );
}

#[test]
fn completions_match_the_cli() {
    let shells = [
        (Shell::Bash, "kubelet-doctor.bash"),
        (Shell::Zsh, "_kubelet-doctor"),
        (Shell::Fish, "kubelet-doctor.fish"),
        (Shell::PowerShell, "_kubelet-doctor.ps1"),
        (Shell::Elvish, "kubelet-doctor.elv"),
    ];
    for (shell, file) in shells {
        let out = generate::completion(shell);
        assert!(out.len() > 200, "{shell} completion is suspiciously small");
        check(&root().join("completions").join(file), &out);
    }
}

#[test]
fn man_pages_match_the_cli() {
    for (file, out) in generate::man_pages() {
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.contains(".SH"), "{file} has no sections");
        check(&root().join("man").join(&file), &out);
    }
}

#[test]
fn every_command_has_a_man_page() {
    let pages = generate::man_pages();
    let files: Vec<&str> = pages.iter().map(|(f, _)| f.as_str()).collect();
    for want in [
        "kubelet-doctor-nodes.1",
        "kubelet-doctor-config.1",
        "kubelet-doctor-config-lint.1",
        "kubelet-doctor-config-rules.1",
    ] {
        assert!(files.contains(&want), "no {want} in {files:?}");
    }
    assert!(
        !files
            .iter()
            .any(|f| f.contains("config-help") || f.contains("help-"))
    );
}

#[test]
fn man_page_documents_exit_status() {
    let pages = generate::man_pages();
    let (_, top) = pages.iter().find(|(f, _)| f == "kubelet-doctor.1").unwrap();
    let text = String::from_utf8(top.clone()).unwrap();
    for needle in ["130", "credentials", "found problems"] {
        assert!(
            text.contains(needle),
            "top man page must document exit status ({needle})"
        );
    }
}
