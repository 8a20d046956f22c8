//! The I/O edge of `status`: gather (a bundle directory), weigh, print, exit status.

use std::path::Path;

use super::render;
use super::report::{Verdict, build};
use crate::config::LintOptions;
use crate::error::Result;
use crate::exit::ExitStatus;
use crate::output::stdout::emit;
use crate::output::term;

/// How to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
}

/// `status` settings, validated.
#[derive(Clone, Debug)]
pub struct StatusSettings {
    pub output: Output,
}

/// `status --bundle DIR`.
pub fn run_bundle(dir: &Path, settings: &StatusSettings) -> Result<ExitStatus> {
    let gathered = super::bundle::gather(dir, &LintOptions::default())?;
    let report = build(&gathered);
    if !term::quiet() {
        let out = match settings.output {
            Output::Text => render::text(&report),
            Output::Json => render::json(&report),
        };
        emit(out.as_bytes())?;
    }
    Ok(exit_status(report.verdict))
}

/// 0 healthy, 1 a problem found, 2 nothing to judge by.
pub fn exit_status(verdict: Verdict) -> ExitStatus {
    match verdict {
        Verdict::Healthy => ExitStatus::Healthy,
        Verdict::Degraded | Verdict::Failing => ExitStatus::Problems,
        Verdict::Unknown => ExitStatus::Failure,
    }
}

/// `status` on this node: gather into a bundle directory (`--collect DIR`, or a private
/// temporary one), then analyse it like `--bundle`, so both paths are one.
pub async fn run_local(
    target: &crate::settings::LocalStatus,
    settings: &StatusSettings,
) -> Result<ExitStatus> {
    let _ = target;
    let _ = settings;
    Err(crate::error::Error::Usage(
        "status on the node is not built yet; collect the parts by hand (README \"status\") and use --bundle DIR".into(),
    ))
}
