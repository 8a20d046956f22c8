//! The committed man pages (man/) rendered by the real `man -l` at 80 columns, as a user reads
//! them: every example from the after-help on one intact line (not reflowed, not hyphenated,
//! quotes and dashes as typed), sections named EXAMPLES and EXIT STATUS, and the top page's
//! exit-status table still in columns. The drift test (generated.rs) only proves the files
//! match the generator.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::external::installed;
use crate::generate::{AfterHelp, man_page_after_help};

fn man_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("man")
}

/// `man -l FILE` at 80 columns into a pipe (so without bold and underline overstrikes).
fn render(man: &Path, file: &str) -> String {
    let out = Command::new(man)
        .arg("-l")
        .arg(man_dir().join(file))
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("LC_ALL", "C.UTF-8")
        .env_remove("MAN_KEEP_FORMATTING")
        .output()
        .expect("run man");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "man -l {file} failed: {stderr}");
    assert!(stderr.trim().is_empty(), "man -l {file} warns: {stderr}");
    String::from_utf8(out.stdout).expect("man prints UTF-8")
}

/// Each rendered page with what its after-help says it must show.
fn rendered_pages() -> Option<Vec<(String, String, AfterHelp)>> {
    let man = installed("man", "man page rendering test")?;
    installed("groff", "man page rendering test")?;
    let pages = man_page_after_help()
        .into_iter()
        .map(|(file, after)| (file.clone(), render(&man, &file), after))
        .collect();
    Some(pages)
}

/// The rendered lines of section `name`: from its heading to the next heading.
fn section<'a>(page: &'a str, name: &str) -> Vec<&'a str> {
    page.lines()
        .skip_while(|l| *l != name)
        .skip(1)
        .take_while(|l| l.is_empty() || l.starts_with(' '))
        .collect()
}

#[test]
fn every_example_renders_on_one_intact_line_at_80_columns() {
    let Some(pages) = rendered_pages() else {
        return;
    };
    for (file, page, after) in pages {
        let examples = section(&page, "EXAMPLES");
        for want in after
            .examples
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
        {
            assert!(
                examples.iter().any(|l| l.trim() == want),
                "{file}: example line not intact at 80 columns:\n  {want}\nEXAMPLES section:\n{}",
                examples.join("\n")
            );
        }
    }
}

#[test]
fn sections_are_named_examples_and_exit_status() {
    let Some(pages) = rendered_pages() else {
        return;
    };
    for (file, page, after) in pages {
        assert!(
            !page.lines().any(|l| l == "EXTRA"),
            "{file} has an EXTRA section"
        );
        if !after.examples.is_empty() {
            assert!(page.lines().any(|l| l == "EXAMPLES"), "{file}: no EXAMPLES");
        }
        if !after.exit_status.is_empty() {
            assert!(
                page.lines().any(|l| l == "EXIT STATUS"),
                "{file}: no EXIT STATUS"
            );
        }
    }
}

#[test]
fn exit_status_table_keeps_its_columns() {
    let Some(pages) = rendered_pages() else {
        return;
    };
    let (_, page, _) = pages
        .iter()
        .find(|(f, _, _)| f == "kubelet-doctor.1")
        .unwrap();
    let status = section(page, "EXIT STATUS");
    // The column where each code's meaning starts, for the rows of the table.
    let columns: Vec<(&str, usize)> = ["0", "1", "2", "130"]
        .iter()
        .map(|code| {
            let row = status
                .iter()
                .find(|l| l.trim_start().split(' ').next() == Some(code))
                .unwrap_or_else(|| panic!("no row for exit status {code}:\n{}", status.join("\n")));
            let after_code = row.find(code).unwrap() + code.len();
            let gap = row[after_code..].len() - row[after_code..].trim_start().len();
            (*code, after_code + gap)
        })
        .collect();
    assert!(
        columns.iter().all(|(_, c)| *c == columns[0].1),
        "exit status meanings not aligned {columns:?}:\n{}",
        status.join("\n")
    );
}
