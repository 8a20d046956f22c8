//! `probes lint FILE...|-`: reads each manifest (capped, stdin for `-`), lints every container
//! of every workload in it, and prints its findings before reading the next (JSON and SARIF
//! are one document, written at the end). A file that cannot be read or parsed is reported on
//! stderr (exit 2) and the others are still linted.

use std::io;
use std::path::{Path, PathBuf};

use super::check::check;
use super::manifest::containers;
use super::render::{FileLint, render};
use crate::config::Severity;
use crate::config::render::{OutputFormat, Tally};
use crate::config::source::{LineIndex, MAX_BYTES};
use crate::config::yaml::{YamlError, parse_all};
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::output::sanitize::sanitize;
use crate::output::stdout::emit;
use crate::output::term;

#[derive(Debug, Clone)]
pub struct LintSettings {
    pub format: OutputFormat,
    /// Warnings fail too.
    pub strict: bool,
}

pub fn run(paths: &[PathBuf], settings: &LintSettings) -> Result<ExitStatus> {
    let mut status = ExitStatus::Healthy;
    let mut tally = Tally::default();
    let mut kept = Vec::new();
    let mut printed = false;
    for path in paths {
        let file = match read(path).and_then(|(name, bytes)| lint(&name, &bytes)) {
            Ok(f) => f,
            Err(message) => {
                term::error(message);
                status = status.combine(ExitStatus::Failure);
                continue;
            }
        };
        tally.files += 1;
        for (d, _, _) in &file.diagnostics {
            match d.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Info => tally.infos += 1,
            }
        }
        let fails = file.diagnostics.iter().any(|(d, _, _)| {
            d.severity == Severity::Error || (settings.strict && d.severity == Severity::Warning)
        });
        if fails {
            status = status.combine(ExitStatus::Problems);
        }
        if term::quiet() {
            continue;
        }
        match settings.format {
            OutputFormat::Json | OutputFormat::Sarif => kept.push(file),
            format if !file.diagnostics.is_empty() => {
                let mut buf = Vec::new();
                if printed && format == OutputFormat::Full {
                    buf.push(b'\n');
                }
                render(&[file], format, term::stdout_color(), &mut buf).map_err(write_error)?;
                printed = true;
                emit(&buf)?;
            }
            _ => {}
        }
    }
    if !term::quiet() {
        if matches!(settings.format, OutputFormat::Json | OutputFormat::Sarif) {
            let mut buf = Vec::new();
            render(&kept, settings.format, false, &mut buf).map_err(write_error)?;
            emit(&buf)?;
        }
        if tally.files > 0 {
            term::note(tally.summary());
        }
    }
    Ok(status)
}

/// Lints one manifest stream: every document, every workload, every container.
pub fn lint(name: &str, bytes: &[u8]) -> std::result::Result<FileLint, String> {
    let shown = sanitize(name);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let pos = LineIndex::new(&String::from_utf8_lossy(&bytes[..e.valid_up_to()]))
            .position(e.valid_up_to() as u32);
        format!(
            "cannot lint {shown}: not UTF-8 text (line {}, column {})",
            pos.line, pos.column
        )
    })?;
    let docs = parse_all(text).map_err(|e| match e {
        YamlError::Syntax(s) => {
            let pos = LineIndex::new(text).position(s.offset);
            format!(
                "cannot lint {shown}: YAML syntax error at line {}, column {}: {}",
                pos.line,
                pos.column,
                sanitize(&s.message)
            )
        }
        YamlError::TooDeep => {
            format!("cannot lint {shown}: nesting too deep; refusing to read further")
        }
        YamlError::Aliasing => format!("cannot lint {shown}: too many alias expansions"),
        YamlError::TooManyNodes => format!("cannot lint {shown}: too many YAML nodes"),
    })?;
    let diagnostics = containers(&docs).iter().flat_map(check).collect();
    Ok(FileLint::new(name, text, diagnostics))
}

fn write_error(e: io::Error) -> Error {
    Error::Write {
        path: "standard output".into(),
        source: e,
    }
}

/// A file, or stdin for `-`, refusing more than [`MAX_BYTES`].
fn read(path: &Path) -> std::result::Result<(String, Vec<u8>), String> {
    use crate::files::ReadError;
    let stdin = path.as_os_str() == "-";
    let name = path.display().to_string();
    let shown = sanitize(&name).into_owned();
    match crate::files::read_capped_or_stdin(path, MAX_BYTES as u64) {
        Ok(bytes) => Ok((name, bytes)),
        Err(ReadError::Io(e)) if stdin => Err(format!("cannot read standard input: {e}")),
        Err(ReadError::TooLarge { .. }) if stdin => Err(format!(
            "cannot lint standard input: more than {MAX_BYTES} bytes"
        )),
        Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
            Err(format!("cannot read {shown}: no such file"))
        }
        Err(ReadError::Io(e)) => Err(format!("cannot read {shown}: {e}")),
        Err(ReadError::Directory) => Err(format!(
            "cannot lint {shown}: it is a directory; give the manifest files"
        )),
        Err(ReadError::TooLarge { .. }) => Err(format!(
            "cannot lint {shown}: larger than the {MAX_BYTES}-byte limit"
        )),
    }
}
