//! Renderers for lint reports: `full` (source excerpt with a marker, like rustc/ruff),
//! `concise` (one line per finding), `json` (stable shape, see `../JSON_FORMAT.md`), `sarif`
//! (SARIF 2.1.0) and `github` (workflow commands). Human formats escape untrusted text.

mod concise;
pub mod diff;
pub mod fleet;
mod full;
pub(crate) mod github;
mod json;
pub(crate) mod sarif;

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use anstyle::{AnsiColor, Style};

use super::diagnostic::{FileReport, Severity};
use crate::output::term::paint;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OutputFormat {
    #[default]
    Full,
    Concise,
    Json,
    Sarif,
    Github,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 5] = [
        OutputFormat::Full,
        OutputFormat::Concise,
        OutputFormat::Json,
        OutputFormat::Sarif,
        OutputFormat::Github,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Full => "full",
            OutputFormat::Concise => "concise",
            OutputFormat::Json => "json",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Github => "github",
        }
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OutputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        OutputFormat::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!(
                    "unknown output format {s:?}: expected full, concise, json, sarif or github"
                )
            })
    }
}

/// Writes `reports` in `format`. `color` adds ANSI colours to the human formats.
pub fn render(
    reports: &[FileReport],
    format: OutputFormat,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Full => full::render(reports, color, out),
        OutputFormat::Concise => concise::render(reports, color, out),
        OutputFormat::Json => json::render(reports, out),
        OutputFormat::Sarif => sarif::render(reports, out),
        OutputFormat::Github => github::render(reports, out),
    }
}

/// Running counts for [`summary`] when reports are printed as they come and not kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.errors += report.count(Severity::Error);
        self.warnings += report.count(Severity::Warning);
        self.infos += report.count(Severity::Info);
    }

    /// `Found 2 errors, 1 warning and 3 infos in 2 files.` or `No problems found in 1 file.`
    pub fn summary(&self) -> String {
        if self.errors + self.warnings + self.infos == 0 {
            return format!("No problems found in {}.", plural(self.files, "file"));
        }
        format!(
            "Found {}, {} and {} in {}.",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info"),
            plural(self.files, "file")
        )
    }
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The linter's colours (rustc's: red errors, yellow warnings, cyan infos, blue gutter),
/// applied only when the stream is coloured.
pub(crate) struct Paint(pub bool);

impl Paint {
    fn wrap(&self, s: &str, style: Style) -> String {
        paint(s, style, self.0)
    }
    pub fn severity(&self, sev: Severity, s: &str) -> String {
        let color = match sev {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
            Severity::Info => AnsiColor::Cyan,
        };
        self.wrap(s, color.on_default().bold())
    }
    pub fn bold(&self, s: &str) -> String {
        self.wrap(s, Style::new().bold())
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap(s, Style::new().dimmed())
    }
    pub fn blue(&self, s: &str) -> String {
        self.wrap(s, AnsiColor::Blue.on_default().bold())
    }
}
