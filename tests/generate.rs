//! Generates the shell completions and man pages from the clap definitions: clap_complete's and
//! clap_mangen's output, plus the repairs this project needs on top of them. `generated.rs`
//! compares the committed files with this output; `shells.rs` checks that the committed
//! completions work in the real shells.

use clap_complete::Shell;

pub const BIN: &str = "kubelet-doctor";

/// The completion script for `shell`, as committed under completions/.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut cmd = kubelet_doctor::cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, BIN, &mut out);
    if shell == Shell::Bash {
        let script = String::from_utf8(out).expect("clap_complete writes UTF-8");
        let script = fix_bash_state_names(&script, BIN);
        check_bash_states(&script);
        out = script.into_bytes();
    }
    out
}

// clap_complete's bash script (4.6) walks the words into a state, `cmd="kubelet__doctor__subcmd__config"`,
// naming it from the bin name with `-` turned into `__`; then `case "${cmd}"` picks the
// candidates, but labels its branches from the subcommand's full bin name with both ` ` and
// `-` turned into `__subcmd__`: `kubelet__subcmd__doctor__subcmd__config)`. For a bin name
// with a hyphen no branch below the top level ever matches, COMPREPLY stays empty and
// `complete -o default` falls back to file names. Renaming the branches to the states' spelling
// fixes it; `check_bash_states` makes the generator refuse any script where a state still has
// no branch (a future clap_complete spelling them differently again).
fn fix_bash_state_names(script: &str, bin: &str) -> String {
    let wrong = format!("        {}__subcmd__", bin.replace('-', "__subcmd__"));
    let right = format!("        {}__subcmd__", bin.replace('-', "__"));
    script
        .lines()
        .map(|line| match line.strip_prefix(&wrong) {
            Some(rest) if rest.ends_with(')') => format!("{right}{rest}"),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Every state the word walk can reach (`cmd="STATE"`) must have its `STATE)` branch.
fn check_bash_states(script: &str) {
    let branches: Vec<&str> = script
        .lines()
        .filter_map(|l| l.strip_prefix("        ")?.strip_suffix(')'))
        .collect();
    let states = script
        .lines()
        .filter_map(|l| l.trim().strip_prefix("cmd=\"")?.strip_suffix('"'))
        .filter(|state| !state.is_empty());
    for state in states {
        assert!(
            branches.contains(&state),
            "bash completion: state {state} has no case branch; the script would complete file names"
        );
    }
}

/// Every man page as (file name, roff), one per command at every depth.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut cmd = kubelet_doctor::cli::command();
    // Building propagates the global flags into each subcommand, so their pages list them.
    cmd.build();
    let mut pages = vec![(format!("{BIN}.1"), cmd.clone())];
    collect_pages(&cmd, BIN, true, &mut pages);
    pages
        .into_iter()
        .map(|(file, page)| (file, man_page(page)))
        .collect()
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

fn man_page(page: clap::Command) -> Vec<u8> {
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out).unwrap();
    out
}
