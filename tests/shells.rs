//! The committed shell completions (completions/), loaded into the real bash, zsh and fish and
//! asked for candidates the way a user's <TAB> would. The drift test (generated.rs) only proves
//! the files match the generator; these prove the generator's output completes.
//!
//! Each shell runs in a temp dir holding one known file and one directory, so a path completion
//! has something to offer and a file name where a subcommand belongs is easy to spot.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::external::installed;

const SUBCOMMANDS: &[&str] = &[
    "config", "healthz", "help", "images", "nodes", "pressure", "probes", "status",
];
const CONFIG_SUBCOMMANDS: &[&str] = &["help", "lint", "rules"];
const NODES_OUTPUTS: &[&str] = &["json", "name", "table", "wide", "yaml"];
const GROUP_BY_KEYS: &[&str] = &["cause", "image", "namespace", "node", "registry"];
const KNOWN_FILE: &str = "known.kubeconfig";
const KNOWN_DIR: &str = "subdir";

fn completions() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions")
}

/// A working directory with one file and one directory in it.
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(KNOWN_FILE), "apiVersion: v1\n").unwrap();
    std::fs::create_dir(dir.path().join(KNOWN_DIR)).unwrap();
    dir
}

/// Runs `cmd`, failing the test with its stderr if it fails.
fn output(mut cmd: Command) -> String {
    let out = cmd.output().expect("start the shell");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?} failed: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// Candidates one per line; a trailing `/` (a directory) is dropped so shells compare alike.
fn candidates(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(|l| l.trim_end_matches('/').to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The words a user completes: bare words, options (`-...`) set aside as not under test here.
fn words(all: &BTreeSet<String>) -> BTreeSet<String> {
    all.iter()
        .filter(|c| !c.starts_with('-'))
        .cloned()
        .collect()
}

/// The five cases of issue 9, asked of one shell through `complete(line, cwd)`.
fn check_shell(shell: &str, complete: impl Fn(&str, &Path) -> BTreeSet<String>) {
    let dir = workdir();
    let at = |line: &str| complete(line, dir.path());

    let top = at("kubelet-doctor ");
    assert_eq!(
        words(&top),
        set(SUBCOMMANDS),
        "{shell}: `kubelet-doctor <TAB>`"
    );

    let config = at("kubelet-doctor config ");
    assert_eq!(
        words(&config),
        set(CONFIG_SUBCOMMANDS),
        "{shell}: `kubelet-doctor config <TAB>`"
    );

    let outputs = at("kubelet-doctor nodes -o ");
    assert_eq!(outputs, set(NODES_OUTPUTS), "{shell}: `nodes -o <TAB>`");

    let keys = at("kubelet-doctor images --group-by ");
    assert_eq!(
        keys,
        set(GROUP_BY_KEYS),
        "{shell}: `images --group-by <TAB>`"
    );

    let paths = at("kubelet-doctor --kubeconfig ");
    assert!(
        paths.contains(KNOWN_FILE) && paths.contains(KNOWN_DIR),
        "{shell}: `--kubeconfig <TAB>` must offer paths, got {paths:?}"
    );
}

// bash: the completion function is called as readline would, with COMP_WORDS, COMP_CWORD,
// COMP_LINE and COMP_POINT set, and COMPREPLY printed. The function is the one the script
// registered for `kubelet-doctor` (`complete -p`), so the registration is tested too. An
// empty COMPREPLY is what makes readline fall back to file names (`-o default`).
const BASH_DRIVER: &str = r#"
source "$1"
line=$2
read -ra COMP_WORDS <<<"$line"
[[ $line == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE=$line
COMP_POINT=${#line}
spec=$(complete -p kubelet-doctor) || exit 3
fn=${spec##*-F }
fn=${fn%% *}
"$fn" kubelet-doctor "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;

fn bash_complete(bash: &Path, line: &str, cwd: &Path) -> BTreeSet<String> {
    let mut cmd = Command::new(bash);
    cmd.args(["--norc", "--noprofile", "-c", BASH_DRIVER, "bash"])
        .arg(completions().join("kubelet-doctor.bash"))
        .arg(line)
        .current_dir(cwd);
    candidates(&output(cmd))
}

#[test]
fn bash_completes_subcommands_values_and_paths() {
    let Some(bash) = installed("bash", "bash completion test") else {
        return;
    };
    check_shell("bash", |line, cwd| bash_complete(&bash, line, cwd));
}

// zsh: completion functions only run inside the line editor, so an interactive `zsh -f -i`
// runs under zsh's own zpty module (no terminal needed from the test), loads compinit with
// completions/ on fpath, and gets the line plus a TAB. `compadd` is wrapped to append every
// match zsh accepts (after its own prefix matching) to a file; `comppostfuncs` marks the end
// and exits. Reading a file rather than the pty's screen output avoids parsing redraws.
const ZSH_SETUP: &str = r#"
PROMPT='' RPROMPT=''
fpath=("$COMPLETIONS" $fpath)
autoload -Uz compinit && compinit -u -D
zstyle ':completion:*' insert-tab false
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __hits
  builtin compadd -A __hits "$@"
  (( $#__hits )) && print -rl -- $__hits >> "$OUT"
  builtin compadd "$@"
}
__done() { print -r -- '<done>' >> "$OUT"; exit }
comppostfuncs=( __done )
bindkey '^I' complete-word
print -r -- '<ready>' >> "$OUT"
"#;

const ZSH_DRIVER: &str = r#"
zmodload zsh/zpty || exit 3
wait_for() {
  repeat 200; do
    [[ -f $OUT ]] && grep -qF -- "$1" "$OUT" && return 0
    sleep 0.05
  done
  print -u2 "zsh: no $1 in 10s"; cat "$OUT" >&2; exit 4
}
zpty z 'zsh -f -i'
zpty -w z "source ${(q)SETUP}"
wait_for '<ready>'
zpty -w -n z "$1"$'\t'
wait_for '<done>'
zpty -d z
grep -vF -e '<ready>' -e '<done>' "$OUT"
exit 0
"#;

fn zsh_complete(zsh: &Path, line: &str, cwd: &Path) -> BTreeSet<String> {
    let scratch = tempfile::tempdir().unwrap();
    let setup = scratch.path().join("setup.zsh");
    std::fs::write(&setup, ZSH_SETUP).unwrap();
    let mut cmd = Command::new(zsh);
    cmd.args(["-f", "-c", ZSH_DRIVER, "zsh", line])
        .env("COMPLETIONS", completions())
        .env("SETUP", &setup)
        .env("OUT", scratch.path().join("out"))
        .current_dir(cwd);
    candidates(&output(cmd))
}

#[test]
fn zsh_completes_subcommands_values_and_paths() {
    let Some(zsh) = installed("zsh", "zsh completion test") else {
        return;
    };
    check_shell("zsh", |line, cwd| zsh_complete(&zsh, line, cwd));
}

// fish: `complete -C LINE` prints what fish would offer, `candidate<TAB>description`.
fn fish_complete(fish: &Path, line: &str, cwd: &Path) -> BTreeSet<String> {
    let mut cmd = Command::new(fish);
    cmd.args([
        "--no-config",
        "-c",
        "source $argv[1]; and complete -C $argv[2]",
    ])
    .arg(completions().join("kubelet-doctor.fish"))
    .arg(line)
    .current_dir(cwd);
    let text = output(cmd);
    let names: Vec<&str> = text
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    candidates(&names.join("\n"))
}

#[test]
fn fish_completes_subcommands_values_and_paths() {
    let Some(fish) = installed("fish", "fish completion test") else {
        return;
    };
    check_shell("fish", |line, cwd| fish_complete(&fish, line, cwd));
}
