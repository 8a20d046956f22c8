//! Shell completions and man pages are generated from the clap definitions and committed.
//! These tests fail when the committed files drift from the code; regenerate them with
//! `KUBELET_DOCTOR_BLESS=1 cargo test --test integration generated`.

use std::path::{Path, PathBuf};

use clap_complete::Shell;

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
        let mut cmd = kubelet_doctor::cli::command();
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut cmd, "kubelet-doctor", &mut out);
        assert!(out.len() > 200, "{shell} completion is suspiciously small");
        check(&root().join("completions").join(file), &out);
    }
}

#[test]
fn man_pages_match_the_cli() {
    let mut cmd = kubelet_doctor::cli::command();
    // Building propagates the global flags into each subcommand, so their pages list them.
    cmd.build();
    let mut pages = vec![("kubelet-doctor.1".to_string(), cmd.clone())];
    collect_pages(&cmd, "kubelet-doctor", true, &mut pages);
    for (file, page) in pages {
        let mut out = Vec::new();
        clap_mangen::Man::new(page).render(&mut out).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.contains(".SH"), "{file} has no sections");
        check(&root().join("man").join(&file), &out);
    }
}

/// One page per command at every depth, named like git's (`kubelet-doctor-config-lint.1`):
/// a group (`config`) and each of its leaves (`config lint`, `config rules`). clap's own
/// `help` subcommand gets a page at the top level only.
fn collect_pages(
    parent: &clap::Command,
    prefix: &str,
    top: bool,
    pages: &mut Vec<(String, clap::Command)>,
) {
    for sub in parent.get_subcommands() {
        if !top && sub.get_name() == "help" {
            continue;
        }
        let name = format!("{prefix}-{}", sub.get_name());
        // clap wants a static name; leaking a few bytes in a test is fine.
        let page = sub.clone().name(&*Box::leak(name.clone().into_boxed_str()));
        pages.push((format!("{name}.1"), page));
        if sub.get_name() != "help" {
            collect_pages(sub, &name, false, pages);
        }
    }
}

#[test]
fn every_command_has_a_man_page() {
    let mut cmd = kubelet_doctor::cli::command();
    cmd.build();
    let mut pages = Vec::new();
    collect_pages(&cmd, "kubelet-doctor", true, &mut pages);
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
    let mut out = Vec::new();
    clap_mangen::Man::new(kubelet_doctor::cli::command())
        .render(&mut out)
        .unwrap();
    let text = String::from_utf8(out).unwrap();
    for needle in ["130", "credentials", "found problems"] {
        assert!(
            text.contains(needle),
            "top man page must document exit status ({needle})"
        );
    }
}
