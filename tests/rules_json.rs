//! `config rules -o json` is what its help and man page say it is (an object with the rules
//! under `rules`), and the help's `jq` example, run through the real jq, prints rule codes.

use crate::external::installed;
use crate::harness::Run;
use serde_json::Value;

fn rules_json() -> String {
    let out = Run::new(None).args(["config", "rules", "-o", "json"]).run();
    out.code(0);
    out.stdout
}

fn rules_long_help() -> String {
    let out = Run::new(None).args(["config", "rules", "--help"]).run();
    out.code(0);
    out.stdout
}

#[test]
fn rules_json_is_the_object_its_help_describes() {
    let doc: Value = serde_json::from_str(&rules_json()).unwrap();
    let rules = doc["rules"]
        .as_array()
        .expect("an object with a rules array");
    assert!(rules.iter().all(|r| r["code"].is_string()));
    let help = rules_long_help();
    assert!(
        !help.contains("JSON array"),
        "help still says array:\n{help}"
    );
    assert!(
        help.contains("JSON object"),
        "help must say object:\n{help}"
    );
}

/// The filter of the help's `... | jq -r 'FILTER'` example.
fn jq_example(help: &str) -> String {
    let line = help
        .lines()
        .find(|l| l.contains("config rules -o json | jq"))
        .expect("the help has a jq example");
    let start = line.find("jq -r '").expect("jq -r '...'") + "jq -r '".len();
    let end = line.rfind('\'').unwrap();
    line[start..end].to_string()
}

#[test]
fn rules_help_jq_example_prints_error_rule_codes() {
    let Some(jq) = installed("jq", "config rules jq example test") else {
        return;
    };
    let filter = jq_example(&rules_long_help());
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("rules.json");
    std::fs::write(&input, rules_json()).unwrap();
    let out = std::process::Command::new(jq)
        .args(["-r", &filter])
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "jq -r '{filter}' failed: {stderr}");
    let codes = String::from_utf8(out.stdout).unwrap();
    assert!(!codes.trim().is_empty(), "jq -r '{filter}' printed nothing");
    assert!(
        codes.lines().all(|c| c.starts_with("KL")),
        "not rule codes: {codes}"
    );
}
