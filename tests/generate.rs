//! Generates the shell completions and man pages from the clap definitions: clap_complete's and
//! clap_mangen's output, plus the repairs this project needs on top of them. `generated.rs`
//! compares the committed files with this output; `shells.rs` and `man_pages.rs` check that
//! the committed files work in the real shells and in `man`.

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
    pages()
        .into_iter()
        .map(|(file, page)| (file, man_page(page)))
        .collect()
}

/// Every man page's file name with the examples and exit status it must show.
pub fn man_page_after_help() -> Vec<(String, AfterHelp)> {
    pages()
        .into_iter()
        .map(|(file, page)| (file, after_help(&page)))
        .collect()
}

fn pages() -> Vec<(String, clap::Command)> {
    let mut cmd = kubelet_doctor::cli::command();
    // Building propagates the global flags into each subcommand, so their pages list them.
    cmd.build();
    let mut pages = vec![(format!("{BIN}.1"), cmd.clone())];
    collect_pages(&cmd, BIN, true, &mut pages);
    pages
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

// clap_mangen prints the after-help under "EXTRA" as ordinary filled text: examples reflowed
// and hyphenated, the exit-status table's columns lost. The after-help is therefore taken
// out of clap_mangen's hands and rendered here as EXIT STATUS (a tagged list, which keeps its
// alignment at any width) and EXAMPLES (no-fill `.EX`, so each command is one intact line).
fn man_page(page: clap::Command) -> Vec<u8> {
    let after = after_help(&page);
    let page = page.after_help(None::<&str>).after_long_help(None::<&str>);
    let mut out = Vec::new();
    // The footer's source is the package, not the page name: "kubelet-doctor-config-rules
    // 0.1.0" ran into the page name at 80 columns.
    let source = format!("{BIN} {}", env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(page)
        .source(source)
        .render(&mut out)
        .unwrap();
    let mut roff = String::from_utf8(out).expect("clap_mangen writes UTF-8");
    // No hyphenation: prose here is full of flags and paths (`--config`, `un-readable`).
    let after_title = roff
        .find(".TH ")
        .and_then(|at| roff[at..].find('\n').map(|n| at + n + 1));
    roff.insert_str(after_title.expect("clap_mangen writes .TH"), ".nh\n");
    let ours = after.exit_status_roff() + &after.examples_roff();
    // Before VERSION, which clap_mangen puts last; at the end if there is none.
    let at = roff.find(".SH VERSION\n").unwrap_or(roff.len());
    roff.insert_str(at, &ours);
    roff.into_bytes()
}

fn after_help(page: &clap::Command) -> AfterHelp {
    page.get_after_long_help()
        .or_else(|| page.get_after_help())
        .map(|text| AfterHelp::parse(&text.to_string()))
        .unwrap_or_default()
}

/// A command's after-help, in the shape every command in cli.rs writes it: an `Examples:`
/// block of two-space-indented lines, then an `Exit status:` paragraph whose indented lines,
/// if any, are a table of `CODE  meaning`.
#[derive(Default)]
pub struct AfterHelp {
    pub examples: Vec<String>,
    pub exit_status: Vec<String>,
}

impl AfterHelp {
    /// Panics on text outside those two parts: a new kind of after-help needs a decision on
    /// how the man page shows it, not a silent "EXTRA".
    pub fn parse(text: &str) -> AfterHelp {
        let mut after = AfterHelp::default();
        let mut part: Option<&mut Vec<String>> = None;
        for line in text.lines() {
            if line == "Examples:" {
                part = Some(&mut after.examples);
            } else if let Some(rest) = line.strip_prefix("Exit status:") {
                let status = &mut after.exit_status;
                if !rest.trim().is_empty() {
                    status.push(rest.trim().to_string());
                }
                part = Some(status);
            } else if let Some(lines) = part.as_mut() {
                lines.push(line.to_string());
            } else {
                panic!("after-help line outside Examples:/Exit status: {line:?}");
            }
        }
        // Indented by two in --help; flush left in the man page's own indented block.
        for line in &mut after.examples {
            *line = line.strip_prefix("  ").unwrap_or(line).to_string();
        }
        trim_blank_ends(&mut after.examples);
        trim_blank_ends(&mut after.exit_status);
        after
    }

    fn examples_roff(&self) -> String {
        if self.examples.is_empty() {
            return String::new();
        }
        let body: String = self.examples.iter().map(|l| escape(l) + "\n").collect();
        format!(".SH EXAMPLES\n.EX\n{body}.EE\n")
    }

    /// Indented `CODE  text` lines (and their indented continuations) become a tagged list;
    /// the other lines are prose paragraphs, filled by man.
    fn exit_status_roff(&self) -> String {
        if self.exit_status.is_empty() {
            return String::new();
        }
        let mut roff = String::from(".SH \"EXIT STATUS\"\n");
        for block in exit_status_blocks(&self.exit_status) {
            roff += &match block {
                Block::Row(code, text) => format!(".TP 6\n\\fB{code}\\fR\n{}\n", escape(&text)),
                Block::Prose(text) => format!(".PP\n{}\n", escape(&text)),
            };
        }
        roff
    }
}

/// A part of the exit-status text: a table row (code, meaning) or a paragraph.
enum Block {
    Row(String, String),
    Prose(String),
}

fn exit_status_blocks(lines: &[String]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for line in lines {
        let text = line.trim();
        match (table_row(line), blocks.last_mut()) {
            (Some((code, meaning)), _) => blocks.push(Block::Row(code.into(), meaning.into())),
            _ if text.is_empty() => {}
            // Indented under a row: the rest of that row's meaning.
            (None, Some(Block::Row(_, meaning))) if line.starts_with(' ') => {
                *meaning += &format!(" {text}");
            }
            (None, Some(Block::Prose(prose))) => *prose += &format!(" {text}"),
            (None, _) => blocks.push(Block::Prose(text.into())),
        }
    }
    blocks
}

/// `"  130  interrupted"` is `("130", "interrupted")`.
fn table_row(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(' ')?.trim_start();
    let (code, text) = rest.split_once(' ')?;
    code.chars()
        .all(|c| c.is_ascii_digit())
        .then(|| (code, text.trim_start()))
}

fn trim_blank_ends(lines: &mut Vec<String>) {
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
}

/// Text for a roff text line, printed as typed: groff would otherwise turn `-` into a hyphen
/// (where it may break), `'` and `` ` `` into curly quotes and `\` into an escape, all of which
/// break a copied command. `\*(Aq` is defined by the preamble clap_mangen writes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str(r"\e"),
            '-' => out.push_str(r"\-"),
            '\'' => out.push_str(r"\*(Aq"),
            '`' => out.push_str(r"\(ga"),
            '~' => out.push_str(r"\(ti"),
            '^' => out.push_str(r"\(ha"),
            _ => out.push(c),
        }
    }
    // A line starting with `.` would be read as a request.
    if out.starts_with('.') {
        out.insert_str(0, r"\&");
    }
    out
}
