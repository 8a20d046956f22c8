//! Fuzzes the whole `config lint` engine on arbitrary bytes: the source checks, the YAML and
//! JSON parsers, decoding, defaulting, every rule and every renderer. Nothing may panic, hang
//! or blow up memory; a source error (exit 2 in the CLI) is a fine answer.
#![no_main]

use kubelet_doctor::config::{self, LintOptions, OutputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = LintOptions::default();
    if let Ok(report) = config::lint_source("fuzz.yaml", data, &opts) {
        for format in OutputFormat::ALL {
            let mut out = Vec::new();
            config::render(std::slice::from_ref(&report), format, false, &mut out).unwrap();
        }
    }
    // The same bytes as a /configz body, and as both sides of --diff.
    let _ = config::lint_configz("node/fuzz", data, &opts);
    let _ = config::diff(data, data, &opts);
});
