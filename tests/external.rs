//! Finding the external programs some tests drive (bash, zsh, fish, man, jq, kubectl): a test
//! that needs one which is not installed says so on stderr and passes, so a skip is visible in
//! `cargo test -- --nocapture` and in CI logs rather than a silent green.
#![allow(dead_code)]

use std::path::PathBuf;

/// `program`'s path on `PATH`, or `None` after printing why the caller skips.
pub fn installed(program: &str, test: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|path| is_executable(path))
    });
    if found.is_none() {
        eprintln!("note: skipping {test}: `{program}` is not installed (.ci/run installs it)");
    }
    found
}

fn is_executable(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}
