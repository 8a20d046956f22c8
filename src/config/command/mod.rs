//! The I/O edge of `config lint` and `config rules`: reads files and stdin ([`files`]) or the
//! kubelets' live `/configz` through the cluster ([`live`]), hands the bytes to the pure engine,
//! writes the report to stdout and the summary to stderr, and decides the exit status.

pub mod files;
pub mod live;

use std::fmt::Write as _;

use serde::Serialize;

use super::render::OutputFormat;
use super::rules::Rule;
use super::{LintOptions, rules};
use crate::error::Result;
use crate::exit::ExitStatus;
use crate::output::stdout::emit;
use crate::output::term;

/// The node's own config file, linted when no PATH is given.
pub const DEFAULT_PATH: &str = "/var/lib/kubelet/config.yaml";

/// Validated settings of one `config lint` run (built by `settings::from_cli`); the target
/// (files, one node, all nodes) is the entry point called.
#[derive(Debug, Clone)]
pub struct LintSettings {
    pub format: OutputFormat,
    pub options: LintOptions,
    /// `--kubelet-version` was given. Otherwise live configs are judged by the rules of the
    /// version each node reports (`status.nodeInfo.kubeletVersion`), when it can be read.
    pub kubelet_version_explicit: bool,
}

/// Settings of `config rules`.
#[derive(Debug, Clone, Copy)]
pub struct RulesSettings {
    pub json: bool,
}

/// A `--select`/`--ignore` list, trimmed, without the empty entries a trailing comma leaves,
/// or the error naming the first entry that matches no rule (a typo must not pass silently).
pub fn rule_selectors(flag: &str, list: &[String]) -> std::result::Result<Vec<String>, String> {
    let mut out = Vec::with_capacity(list.len());
    for entry in list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !rules::selects_any(entry) {
            return Err(format!(
                "{flag}: {:?} is not a rule code, code prefix (KL4) or rule name; `{} config rules` lists them",
                crate::output::sanitize::sanitize(entry).as_ref(),
                crate::cli::invoked_as()
            ));
        }
        out.push(entry.to_string());
    }
    Ok(out)
}

/// `config lint --explain CODE`.
pub fn explain(rule: &Rule) -> Result<ExitStatus> {
    if !term::quiet() {
        emit(explain_text(rule).as_bytes())?;
    }
    Ok(ExitStatus::Healthy)
}

/// `config rules`: every rule as a table or as JSON.
pub fn run_rules(settings: &RulesSettings) -> Result<ExitStatus> {
    if term::quiet() {
        return Ok(ExitStatus::Healthy);
    }
    let text = if settings.json {
        rules_json()
    } else {
        rules_table()
    };
    emit(text.as_bytes())?;
    Ok(ExitStatus::Healthy)
}

/// What `--explain CODE` prints.
pub fn explain_text(rule: &Rule) -> String {
    format!(
        "{} {} ({}, {})\n\n{}\n\n{}\n",
        rule.code,
        rule.name,
        rule.severity.as_str(),
        category_name(rule),
        rule.summary,
        rule.explanation
    )
}

fn category_name(rule: &Rule) -> String {
    serde_json::to_value(rule.category)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `CODE  NAME  SEVERITY  SUMMARY`, kubectl's table look, one rule per line.
pub fn rules_table() -> String {
    let all = rules::rules();
    let w_name = all.iter().map(|r| r.name.len()).max().unwrap_or(4).max(4);
    let mut out = String::new();
    let _ = writeln!(out, "CODE    {:<w_name$}   SEVERITY   SUMMARY", "NAME");
    for r in all {
        let _ = writeln!(
            out,
            "{:<5}   {:<w_name$}   {:<8}   {}",
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary
        );
    }
    out
}

#[derive(Serialize)]
struct RulesDoc {
    version: u32,
    tool: &'static str,
    rules: &'static [Rule],
}

/// The rule catalogue as JSON (shape in `JSON_FORMAT.md`).
pub fn rules_json() -> String {
    let doc = RulesDoc {
        version: 1,
        tool: "kubelet-doctor",
        rules: rules::rules(),
    };
    let mut text = crate::output::json::report(&doc);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_table_lists_every_rule_once() {
        let table = rules_table();
        assert!(table.starts_with("CODE    NAME"));
        assert_eq!(table.lines().count(), rules::rules().len() + 1);
        assert!(table.contains("KL009   unknown-field"));
        assert!(table.lines().all(|l| l == l.trim_end()));
    }

    #[test]
    fn rules_json_is_versioned_and_complete() {
        let v: serde_json::Value = serde_json::from_str(&rules_json()).unwrap();
        assert_eq!(v["version"], 1);
        let rules = v["rules"].as_array().unwrap();
        assert_eq!(rules.len(), rules::rules().len());
        assert_eq!(rules[0]["code"], "KL001");
        for key in [
            "code",
            "name",
            "severity",
            "category",
            "summary",
            "explanation",
        ] {
            assert!(rules.iter().all(|r| r[key].is_string()), "{key}");
        }
    }

    #[test]
    fn selectors_are_checked_against_the_catalogue() {
        let list = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            rule_selectors(
                "--select",
                &list(&["KL4", " kl009 ", "", "unknown-field", "all"])
            ),
            Ok(list(&["KL4", "kl009", "unknown-field", "all"]))
        );
        let err = rule_selectors("--ignore", &list(&["KL9"])).unwrap_err();
        assert!(err.starts_with("--ignore: \"KL9\" is not a rule"), "{err}");
    }

    #[test]
    fn explanation_names_the_rule() {
        let text = explain_text(rules::explain("KL009").unwrap());
        assert!(text.starts_with("KL009 unknown-field (warning, decoding)\n\n"));
    }
}
