//! `config lint PATH...`: reads each file (or stdin for `-`) with bounded memory, lints it,
//! and prints its findings before reading the next, so a long list streams. A file that
//! cannot be read is reported on stderr and the others are still linted.

use std::io;
use std::path::{Path, PathBuf};

use super::super::diagnostic::FileReport;
use super::super::render::{self, OutputFormat, Tally};
use super::super::source::MAX_BYTES;
use super::super::{SourceError, lint_configz, lint_source, looks_like_configz};
use super::{DEFAULT_PATH, LintSettings};
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::output::stdout::emit;
use crate::output::term;

/// Lints `paths` in order and returns the exit status.
pub fn run(paths: &[PathBuf], settings: &LintSettings) -> Result<ExitStatus> {
    let mut printer = Printer::new(settings);
    let mut status = ExitStatus::Healthy;
    for path in paths {
        let (name, bytes) = match read_input(path) {
            Ok(read) => read,
            Err(message) => {
                term::error(message);
                status = status.combine(ExitStatus::Failure);
                continue;
            }
        };
        let linted = match lint_source(&name, &bytes, &settings.options) {
            Err(SourceError::NotKubeletConfiguration { .. }) if looks_like_configz(&bytes) => {
                lint_configz(&name, &bytes, &settings.options)
            }
            other => other,
        };
        match linted {
            Ok(report) => {
                if report.has_errors(settings.options.strict) {
                    status = status.combine(ExitStatus::Problems);
                }
                printer.report(report)?;
            }
            Err(err) => {
                term::error(source_error_message(&err));
                status = status.combine(ExitStatus::Failure);
            }
        }
    }
    printer.finish()?;
    Ok(status)
}

/// Writes reports as they come (human formats) or at the end (JSON and SARIF are one
/// document), and keeps the counts for the summary line.
pub(crate) struct Printer<'a> {
    settings: &'a LintSettings,
    tally: Tally,
    /// Reports kept for the one-document formats, without their source text.
    kept: Vec<FileReport>,
    printed_any: bool,
}

impl<'a> Printer<'a> {
    pub(crate) fn new(settings: &'a LintSettings) -> Self {
        Printer {
            settings,
            tally: Tally::default(),
            kept: Vec::new(),
            printed_any: false,
        }
    }

    pub(crate) fn report(&mut self, mut report: FileReport) -> Result<()> {
        self.tally.add(&report);
        if term::quiet() {
            return Ok(());
        }
        match self.settings.format {
            OutputFormat::Json | OutputFormat::Sarif => {
                report.source = String::new();
                self.kept.push(report);
                Ok(())
            }
            format => {
                if report.diagnostics.is_empty() {
                    return Ok(());
                }
                let mut buf = Vec::new();
                if self.printed_any && format == OutputFormat::Full {
                    buf.push(b'\n');
                }
                render::render(&[report], format, term::stdout_color(), &mut buf)
                    .map_err(write_error)?;
                self.printed_any = true;
                emit(&buf)
            }
        }
    }

    /// Prints what was kept and the summary line; returns the counts.
    pub(crate) fn finish(self) -> Result<Tally> {
        if term::quiet() {
            return Ok(self.tally);
        }
        if matches!(
            self.settings.format,
            OutputFormat::Json | OutputFormat::Sarif
        ) {
            let mut buf = Vec::new();
            render::render(&self.kept, self.settings.format, false, &mut buf)
                .map_err(write_error)?;
            emit(&buf)?;
        }
        if self.tally.files > 0 {
            term::note(self.tally.summary());
        }
        Ok(self.tally)
    }
}

fn write_error(e: io::Error) -> Error {
    Error::Write {
        path: "standard output".into(),
        source: e,
    }
}

/// Reads a file, or stdin for `-`, refusing more than [`MAX_BYTES`] without reading it all.
/// Returns the name to report it under and its bytes, or the one-line error.
pub fn read_input(path: &Path) -> std::result::Result<(String, Vec<u8>), String> {
    use crate::files::ReadError;
    let stdin = path.as_os_str() == "-";
    let name = path.display().to_string();
    match crate::files::read_capped_or_stdin(path, MAX_BYTES as u64) {
        Ok(bytes) => Ok((name, bytes)),
        Err(ReadError::Io(e)) if stdin => Err(format!("cannot read standard input: {e}")),
        Err(ReadError::Io(e)) => Err(read_error(&name, path, &e)),
        Err(ReadError::Directory) => Err(format!(
            "cannot lint {name}: it is a directory; give the config file itself (the kubelet's --config), e.g. {DEFAULT_PATH}"
        )),
        Err(ReadError::TooLarge { size, .. }) => Err(too_large(&name, size)),
    }
}

fn too_large(name: &str, size: Option<u64>) -> String {
    let size = size.map_or_else(|| "more than".to_string(), |s| format!("{s} bytes,"));
    format!(
        "cannot lint {name}: it is {size} larger than the {MAX_BYTES}-byte limit; a kubelet config is a few KiB, so this is not one"
    )
}

fn read_error(name: &str, path: &Path, e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound if path == Path::new(DEFAULT_PATH) => format!(
            "cannot read {name}: no such file; on a node, give the path the kubelet's --config flag names \
             (see `systemctl cat kubelet`), or lint a running kubelet with --node NAME"
        ),
        io::ErrorKind::NotFound => format!("cannot read {name}: no such file"),
        io::ErrorKind::PermissionDenied => format!(
            "cannot read {name}: permission denied; the kubelet's config is usually readable by root only: try sudo"
        ),
        _ => format!("cannot read {name}: {e}"),
    }
}

/// The error line for input that is not a config the kubelet could read at all.
pub fn source_error_message(err: &SourceError) -> String {
    match err {
        SourceError::NotKubeletConfiguration { .. } => format!(
            "{err}; give a file with `apiVersion: kubelet.config.k8s.io/v1beta1` and `kind: KubeletConfiguration`"
        ),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_default_path_says_where_to_look() {
        let e = io::Error::from(io::ErrorKind::NotFound);
        let msg = read_error(DEFAULT_PATH, Path::new(DEFAULT_PATH), &e);
        assert!(msg.contains("--config") && msg.contains("--node"), "{msg}");
        let msg = read_error("x.yaml", Path::new("x.yaml"), &e);
        assert_eq!(msg, "cannot read x.yaml: no such file");
    }

    #[test]
    fn directories_and_huge_files_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_input(dir.path()).unwrap_err();
        assert!(err.contains("is a directory"), "{err}");
        let big = dir.path().join("big.yaml");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_BYTES as u64 + 1).unwrap();
        let err = read_input(&big).unwrap_err();
        assert!(err.contains("larger than"), "{err}");
    }
}
