//! The kubelet's own checks of a defaulted KubeletConfiguration, one file per upstream source
//! area: `validation` (ValidateKubeletConfiguration), `startup` (cmd/kubelet/app/server.go),
//! `logging` and `tracing` (component-base), `names` (apimachinery), `gates` (featuregate).
//! This module holds `Out`, the helpers every check uses to emit a finding. Messages quote the
//! kubelet's wording; `invalid configuration: ` is the prefix of every validation error.

mod gates;
mod logging;
mod names;
mod startup;
mod tracing;
mod validation;

use logging::*;
use names::*;
use startup::*;
use tracing::*;

pub use gates::feature_gates;
pub use startup::{KNOWN_CIPHERS, STRONG_CIPHERS};
pub use validation::run;

use super::decode::{Fv, TVal};
use super::defaults::View;
use super::diagnostic::Diagnostic;
use super::feature_gates::{self, Stage};
use super::quantity;
use super::rules::Code;
use super::schema;
use super::tree::Span;
use crate::go::duration::format as dur;
use crate::go::strconv::quote as go_quote;
use crate::output::sanitize::clean;

const S: i64 = 1_000_000_000;
const MS: i64 = 1_000_000;

struct Out<'v, 'a> {
    v: &'v View<'a>,
    d: &'v mut Vec<Diagnostic>,
}

impl Out<'_, '_> {
    /// Adds a finding; an empty kubelet text or help means none.
    fn emit(&mut self, mut d: Diagnostic) {
        d.kubelet = d.kubelet.filter(|k| !k.is_empty());
        d.help = d.help.filter(|h| !h.is_empty());
        self.d.push(d);
    }

    fn not_negative(&mut self, path: &str, flag: &str) {
        let (n, fv) = self.v.int(path);
        if n < 0 {
            self.emit(
                Diagnostic::new(
                    Code::KL101,
                    self.v.at(fv),
                    format!("`{path}` is {n}; it must not be negative"),
                )
                .field(path)
                .invalid(format!(
                    "{path} (--{flag}) {n} must not be a negative number"
                ))
                .help("use 0 or a positive number"),
            );
        }
    }

    fn range(&mut self, code: Code, path: &str, flag: &str, lo: i64, hi: i64, kubelet_lo: i64) {
        let (n, fv) = self.v.int(path);
        if n < lo || n > hi {
            self.emit(
                Diagnostic::new(
                    code,
                    self.v.at(fv),
                    format!("`{path}` is {n}; it must be between {lo} and {hi}"),
                )
                .field(path)
                .invalid(format!(
                    "{path} (--{flag}) {n} must be between {kubelet_lo} and {hi}, inclusive"
                ))
                .help(format!("use a value from {lo} to {hi}")),
            );
        }
    }

    fn gate_required(&mut self, fv: Option<&Fv>, path: &str, gate: &str, kubelet: &str) {
        let state = if self.v.gates.explicit.iter().any(|(n, _)| n == gate) {
            "disabled in featureGates"
        } else {
            "off by default in this release"
        };
        self.emit(
            Diagnostic::new(
                Code::KL109,
                self.v.at(fv),
                format!("`{path}` requires feature gate {gate}, which is {state}"),
            )
            .field(path)
            .invalid(kubelet)
            .help(format!(
                "enable it with `featureGates: {{{gate}: true}}` or remove `{path}`"
            )),
        );
    }

    fn one_of(&mut self, path: &str, allowed: &[&str], kubelet: String, validation: bool) {
        let (val, fv) = self.v.str(path);
        if fv.is_none() || allowed.contains(&val) {
            return;
        }
        let suggestion = schema::suggest_in(allowed.iter().copied(), val);
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? (values are case-sensitive)"),
            None => format!(
                "use one of: {}",
                allowed
                    .iter()
                    .filter(|a| !a.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let msg = format!(
            "`{path}` is {}; expected one of {}",
            go_quote(&clean(val)),
            allowed
                .iter()
                .map(|a| go_quote(a))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let kubelet = if validation {
            format!("invalid configuration: {kubelet}")
        } else {
            kubelet
        };
        self.emit(
            Diagnostic::new(Code::KL112, self.v.at(fv), msg)
                .field(path)
                .kubelet(kubelet)
                .help(&help),
        );
    }
}
