//! `kubelet-doctor config lint` and `config rules` through the real binary, on files and
//! stdin: exit statuses, every output format, the flags, and hostile input. The cluster
//! modes (`--node`, `--all-nodes`, `--diff`) are in `config_live.rs`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::harness::{Outcome, Run};

fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(rel)
        .display()
        .to_string()
}

fn sample() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/kubelet-config.yaml")
        .display()
        .to_string()
}

fn broken() -> String {
    fixture("snapshots/broken.yaml")
}

fn unsafe_yaml() -> String {
    fixture("snapshots/unsafe.yaml")
}

fn lint<I, S>(args: I) -> Outcome
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    Run::new(None).args(["config", "lint"]).args(args).run()
}

/// `config lint ARGS` with `input` on standard input.
fn lint_stdin(args: &[&str], input: &[u8]) -> (Option<i32>, String, String) {
    let out = Run::new(None)
        .args(["config", "lint"])
        .args(args)
        .stdin(input)
        .run();
    (out.code, out.stdout, out.stderr)
}

/// A config with a warning (anonymous auth) and nothing at error level.
const WARN_ONLY: &str = "apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous:
    enabled: true
";

fn write(dir: &tempfile::TempDir, name: &str, body: &[u8]) -> String {
    let path: PathBuf = dir.path().join(name);
    std::fs::write(&path, body).unwrap();
    path.display().to_string()
}

// ---------------------------------------------------------------------------------------
// Exit statuses

#[test]
fn a_clean_config_exits_0_with_an_empty_report() {
    lint([sample()])
        .code(0)
        .stdout_empty()
        .stderr_is("No problems found in 1 file.\n");
}

#[test]
fn errors_exit_1_with_the_report_on_stdout_and_the_summary_on_stderr() {
    let out = lint([broken()]);
    out.code(1)
        .stdout_has("error[KL006]")
        .stdout_has("broken.yaml:4:10")
        .stdout_has("= help: remove the quotes: 110")
        .stderr_is("Found 3 errors, 2 warnings and 1 info in 1 file.\n");
}

/// Every format through the binary, byte for byte: the reviewed snapshots of
/// `tests/fixtures/config/snapshots` (the engine's own tests render the same files).
#[test]
fn every_format_matches_its_reviewed_snapshot() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config/snapshots");
    for (format, snapshot, code) in [
        ("full", "expected.full.txt", 1),
        ("concise", "expected.concise.txt", 1),
        ("github", "expected.github.txt", 1),
        ("json", "expected.json.json", 1),
        ("sarif", "expected.sarif.sarif", 1),
    ] {
        let want = std::fs::read_to_string(dir.join(snapshot)).unwrap();
        Run::new(None)
            .current_dir(&dir)
            .args(["config", "lint", "-o", format, "broken.yaml", "unsafe.yaml"])
            .run()
            .code(code)
            .stdout_is(&want)
            .stderr_is("Found 8 errors, 7 warnings and 1 info in 2 files.\n");
    }
}

#[test]
fn warnings_pass_unless_strict() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "warn.yaml", WARN_ONLY.as_bytes());
    lint([&f]).code(0).stdout_has("warning[KL401]");
    lint([f.as_str(), "--strict"])
        .code(1)
        .stdout_has("warning[KL401]");
}

#[test]
fn exit_zero_forgives_findings_but_not_failures() {
    Run::new(None)
        .args(["--exit-zero", "config", "lint", &broken()])
        .run()
        .code(0)
        .stdout_has("error[KL006]");
    lint([broken().as_str(), "/nonexistent/config.yaml", "--exit-zero"]).code(2);
}

#[test]
fn quiet_prints_nothing_but_errors() {
    let out = Run::new(None)
        .args(["-q", "config", "lint", &broken()])
        .run();
    out.code(1).stdout_empty();
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr);
    let out = lint(["-q", "/nonexistent.yaml"]);
    out.code(2).stdout_empty().one_error_line();
}

#[test]
fn a_missing_file_exits_2_with_one_error_line() {
    lint(["/nonexistent/config.yaml"])
        .code(2)
        .stdout_empty()
        .stderr_is("error: cannot read /nonexistent/config.yaml: no such file\n");
}

#[test]
fn the_default_path_is_the_nodes_own_config() {
    if Path::new("/var/lib/kubelet/config.yaml").exists() {
        return; // a real node: nothing to assert about its contents
    }
    lint::<[&str; 0], &str>([])
        .code(2)
        .one_error_line()
        .stderr_has("/var/lib/kubelet/config.yaml")
        .stderr_has("--node NAME");
}

#[test]
fn a_directory_is_not_a_config() {
    let dir = tempfile::tempdir().unwrap();
    lint([dir.path().display().to_string()])
        .code(2)
        .one_error_line()
        .stderr_has("is a directory");
}

#[test]
fn a_manifest_of_another_kind_is_not_a_kubelet_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        &dir,
        "deploy.yaml",
        b"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
    );
    lint([&f])
        .code(2)
        .stdout_empty()
        .one_error_line()
        .stderr_has("not a KubeletConfiguration")
        .stderr_has("Deployment");
}

#[test]
fn an_empty_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "empty.yaml", b"");
    lint([&f]).code(2).stderr_has("was empty");
}

// ---------------------------------------------------------------------------------------
// Inputs: stdin and several files

#[test]
fn dash_reads_stdin() {
    let (code, stdout, stderr) = lint_stdin(&["-", "-o", "concise"], WARN_ONLY.as_bytes());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("\n-:5:14: KL401 [warning]"),
        "stdout: {stdout}"
    );
    let bad = std::fs::read(broken()).unwrap();
    let (code, stdout, _) = lint_stdin(&["-", "-o", "json"], &bad);
    assert_eq!(code, Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["files"][0]["path"], "-");
}

#[test]
fn stdin_can_be_named_only_once() {
    let (code, _, stderr) = lint_stdin(&["-", "-"], WARN_ONLY.as_bytes());
    assert_eq!(code, Some(2));
    assert!(stderr.contains("only once"), "{stderr}");
}

#[test]
fn several_files_are_linted_in_order_and_an_unreadable_one_does_not_stop_the_others() {
    let out = lint([
        broken().as_str(),
        "/nonexistent/a.yaml",
        unsafe_yaml().as_str(),
        "-o",
        "concise",
    ]);
    out.code(2)
        .stderr_has("cannot read /nonexistent/a.yaml")
        .stderr_has("in 2 files.");
    let broken_at = out
        .stdout
        .find("broken.yaml:")
        .expect("broken.yaml reported");
    let unsafe_at = out
        .stdout
        .find("unsafe.yaml:")
        .expect("unsafe.yaml reported");
    assert!(broken_at < unsafe_at, "{}", out.stdout);
}

#[test]
fn several_clean_files_pass() {
    let corpus: Vec<String> = ["kubeadm.yaml", "kind.yaml", "eks-al2.json"]
        .iter()
        .map(|f| fixture(&format!("corpus/{f}")))
        .collect();
    let out = lint(
        corpus
            .iter()
            .map(String::as_str)
            .chain(["--select", "KL0,KL1,KL2,KL3"]),
    );
    out.code(0).stderr_has("in 3 files.");
}

// ---------------------------------------------------------------------------------------
// Output formats: stdout carries the report and nothing else

#[test]
fn full_shows_the_source_line_and_a_marker() {
    let out = lint([broken()]);
    out.stdout_has("4 | maxPods: \"110\"\n  |          ^^^^^\n");
}

#[test]
fn concise_is_one_line_per_finding() {
    let out = lint([broken().as_str(), "--output-format", "concise"]);
    out.code(1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{}", out.stdout);
    assert!(
        lines.iter().all(|l| l.contains("broken.yaml:")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(":4:10: KL006 [error] `maxPods` must be")
    );
}

#[test]
fn json_is_one_document_in_the_documented_shape() {
    let out = lint([broken().as_str(), &unsafe_yaml(), "-o", "json"]);
    out.code(1);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("stdout is JSON");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"], "kubelet-doctor");
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["summary"]["errors"], 3);
    let d = &files[0]["diagnostics"][1];
    assert_eq!(d["code"], "KL006");
    assert_eq!(d["name"], "type-mismatch");
    assert_eq!(d["location"]["line"], 4);
    assert_eq!(d["location"]["column"], 10);
}

#[test]
fn sarif_is_version_2_1_0_with_results() {
    let out = lint([broken().as_str(), "-o", "sarif"]);
    out.code(1);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("stdout is JSON");
    assert_eq!(doc["version"], "2.1.0");
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    assert!(results.iter().any(|r| r["ruleId"] == "KL006"));
    assert!(
        doc["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len()
            > 60
    );
}

#[test]
fn sarif_and_json_are_valid_even_without_findings() {
    for format in ["json", "sarif"] {
        let out = lint([sample().as_str(), "-o", format]);
        out.code(0);
        let _: serde_json::Value = serde_json::from_str(&out.stdout).expect("stdout is JSON");
    }
}

#[test]
fn github_prints_workflow_commands() {
    let out = lint([broken().as_str(), "-o", "github"]);
    out.code(1);
    assert!(
        out.stdout.lines().all(|l| l.starts_with("::")),
        "{}",
        out.stdout
    );
    out.stdout_has("::error file=")
        .stdout_has(",line=4,col=10,")
        .stdout_has("title=KL006 type-mismatch::");
}

#[test]
fn color_follows_the_global_flag() {
    let plain = lint([broken()]);
    assert!(!plain.stdout.contains('\u{1b}'), "no colour into a pipe");
    let colored = Run::new(None)
        .args(["--color", "always", "config", "lint", &broken()])
        .run();
    colored
        .code(1)
        .stdout_has("\u{1b}[1m\u{1b}[31merror[KL006]");
    // stderr too: `always` means always, into a pipe; `auto` into a pipe is plain, and
    // CLICOLOR_FORCE colours it, but not over NO_COLOR.
    let missing = ["config", "lint", "/nonexistent/kubelet.yaml"];
    let red_error = "\u{1b}[1m\u{1b}[31merror:\u{1b}[0m cannot read";
    Run::new(None)
        .args(["--color", "always"])
        .args(missing)
        .run()
        .code(2)
        .stderr_has(red_error);
    let plain = Run::new(None).args(missing).run();
    assert!(
        plain.stderr.starts_with("error: cannot read"),
        "{}",
        plain.stderr
    );
    Run::new(None)
        .env("CLICOLOR_FORCE", "1")
        .args(missing)
        .run()
        .stderr_has(red_error);
    let no_color = Run::new(None)
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .args(missing)
        .run();
    assert!(
        no_color.stderr.starts_with("error: cannot read"),
        "{}",
        no_color.stderr
    );
    let json = Run::new(None)
        .args([
            "--color",
            "always",
            "config",
            "lint",
            &broken(),
            "-o",
            "json",
        ])
        .run();
    assert!(!json.stdout.contains('\u{1b}'), "JSON is never coloured");
}

// ---------------------------------------------------------------------------------------
// Rule selection, versions, explanations

#[test]
fn select_and_ignore_take_codes_prefixes_and_names() {
    let codes = |out: &Outcome| -> Vec<String> {
        let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        doc["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    let out = lint([unsafe_yaml().as_str(), "-o", "json", "--select", "KL4"]);
    out.code(0);
    let c = codes(&out);
    assert!(
        !c.is_empty() && c.iter().all(|c| c.starts_with("KL4")),
        "{c:?}"
    );

    let out = lint([
        unsafe_yaml().as_str(),
        "-o",
        "json",
        "--select",
        "KL401,KL419",
        "--select",
        "KL105",
        "--ignore",
        "old-tls-min-version",
    ]);
    out.code(1);
    assert_eq!(codes(&out), ["KL401", "KL105"]);

    let out = lint([broken().as_str(), "-o", "json", "--ignore", "KL0"]);
    out.code(0);
    assert!(codes(&out).is_empty());
}

#[test]
fn an_unknown_rule_in_select_is_a_usage_error() {
    lint([broken().as_str(), "--select", "KL999"])
        .code(2)
        .stdout_empty()
        .one_error_line()
        .stderr_has("--select: \"KL999\" is not a rule");
    lint([broken().as_str(), "--ignore", "no-such-rule"])
        .code(2)
        .stderr_has("--ignore");
}

#[test]
fn kubelet_version_changes_version_dependent_rules() {
    let run = |v: &str| {
        lint([
            unsafe_yaml().as_str(),
            "-o",
            "concise",
            "--select",
            "KL302",
            "--kubelet-version",
            v,
        ])
    };
    run("1.36")
        .code(1)
        .stdout_has("locked to true in kubelet 1.36");
    run("v1.33.4").code(0).stdout_empty();
    lint([unsafe_yaml().as_str(), "--kubelet-version", "1.20"])
        .code(2)
        .one_error_line()
        .stderr_has("--kubelet-version");
}

#[test]
fn explain_prints_one_rule() {
    for code in ["KL401", "kl401", "anonymous-auth-enabled"] {
        lint(["--explain", code])
            .code(0)
            .stdout_has("KL401 anonymous-auth-enabled (warning, safety)")
            .stdout_has("system:anonymous");
    }
    lint(["--explain", "KL999"])
        .code(2)
        .stdout_empty()
        .stderr_has("no rule \"KL999\"");
    // --explain does not lint: it conflicts with paths.
    lint(["--explain", "KL401", &broken()]).code(2);
}

#[test]
fn rules_lists_every_rule() {
    let out = Run::new(None).args(["config", "rules"]).run();
    out.code(0)
        .stdout_has("CODE    NAME")
        .stdout_has("KL001   yaml-syntax-error")
        .stdout_has("KL401   anonymous-auth-enabled");
    let n = out.stdout.lines().filter(|l| l.starts_with("KL")).count();
    let json = Run::new(None).args(["config", "rules", "-o", "json"]).run();
    json.code(0);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let rules = doc["rules"].as_array().unwrap();
    assert_eq!(rules.len(), n);
    for r in rules {
        for key in ["code", "name", "severity", "summary", "explanation"] {
            assert!(r[key].is_string(), "{key} in {r}");
        }
    }
}

#[test]
fn help_teaches_with_examples() {
    let out = Run::new(None).args(["config", "lint", "--help"]).run();
    out.code(0)
        .stdout_has("Examples:")
        .stdout_has("--output-format")
        .stdout_has("--all-nodes")
        .stdout_has("get nodes/proxy")
        .stdout_has("Exit status:");
    Run::new(None)
        .args(["config", "--help"])
        .run()
        .code(0)
        .stdout_has("rules");
    Run::new(None)
        .args(["config", "rules", "--help"])
        .run()
        .code(0)
        .stdout_has("KL4xx");
}

#[test]
fn usage_errors_exit_2() {
    lint(["--diff", "x.yaml"]).code(2); // --diff needs --node
    lint(["-l", "a=b"]).code(2); // -l needs --all-nodes
    lint(["--node", "a", &broken()]).code(2);
    lint(["--all-nodes", "--parallel", "0"]).code(2);
    lint([broken().as_str(), "-o", "xml"]).code(2);
    // A bare `config` shows its help on stderr, but a forgotten subcommand is a usage error.
    Run::new(None)
        .args(["config"])
        .run()
        .code(2)
        .stdout_empty()
        .stderr_has("Usage: kubelet-doctor config");
    Run::new(None)
        .run()
        .code(2)
        .stdout_empty()
        .stderr_has("Usage: kubelet-doctor");
}

// ---------------------------------------------------------------------------------------
// Hostile input: bounded time, exit 2, nothing raw on a terminal

fn alias_bomb() -> String {
    let mut s = String::from(
        "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for i in 1..12 {
        let p = i - 1;
        s.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    s
}

#[test]
fn an_alias_bomb_exits_2_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "bomb.yaml", alias_bomb().as_bytes());
    let started = Instant::now();
    lint([&f])
        .code(2)
        .stdout_empty()
        .one_error_line()
        .stderr_has("excessive aliasing");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn huge_deep_binary_and_invalid_utf8_inputs_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.yaml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 << 20)
        .unwrap();
    let deep = write(
        &dir,
        "deep.yaml",
        format!(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nx: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        )
        .as_bytes(),
    );
    let binary = write(&dir, "bin.yaml", b"\x7fELF\x02\x01\x01\x00\x00\x00garbage");
    let latin1 = write(&dir, "latin1.yaml", b"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nclusterDomain: caf\xe9\n");
    for (f, needle) in [
        (huge.display().to_string(), "larger than"),
        (deep, "nesting deeper"),
        (binary, "binary"),
        (latin1, "invalid UTF-8"),
    ] {
        let started = Instant::now();
        lint([&f])
            .code(2)
            .stdout_empty()
            .one_error_line()
            .stderr_has(needle);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{f}: {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn control_characters_in_keys_never_reach_stdout_raw() {
    let dir = tempfile::tempdir().unwrap();
    // Double-quoted YAML escapes produce ESC, BEL, CSI and a bidi override inside keys.
    let f = write(
        &dir,
        "ctl.yaml",
        b"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n\"\\e[2J\\e]0;pwned\\amaxPods\": 1\n\"x\\u202Ey\\x9b31m\": true\nclusterDomain: \"a\\e[31mb\"\n",
    );
    for format in ["full", "concise", "github"] {
        let out = lint([f.as_str(), "-o", format]);
        assert_eq!(out.code, Some(0), "{format}: {}", out.stderr);
        assert!(out.stdout.contains("KL009"), "{format}: {}", out.stdout);
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(
                !out.stdout.contains(bad) && !out.stderr.contains(bad),
                "{format} printed {bad:?} raw:\n{}",
                out.stdout
            );
        }
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::process::{Command, Stdio};
    let files: Vec<String> = std::iter::repeat_n(broken(), 200).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubelet-doctor"))
        .args(["config", "lint"])
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away at once, like `| head -0`
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn a_saved_configz_body_is_linted_as_a_live_config() {
    let out = lint([fixture("corpus/node-configz.json").as_str(), "-o", "json"]);
    out.code(0);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["files"][0]["kind"], "configz");
    assert!(doc["files"][0]["summary"]["warnings"].as_u64().unwrap() > 0);
}

// ---------------------------------------------------------------------------------------
// Secrets: every value under staticPodURLHeader, and the user info and query of
// staticPodURL, are never printed, in any format, excerpts included.

const FORMATS: [&str; 5] = ["full", "concise", "json", "sarif", "github"];

/// Lints `file` in every format: each finding in `findings` is reported (its message text,
/// in every format), and no text of `secrets` appears on stdout or stderr.
fn never_shows_in_any_format(file: &str, findings: &[&str], secrets: &[&str]) {
    for format in FORMATS {
        let out = lint([file, "-o", format]);
        for finding in findings {
            out.stdout_has(finding);
        }
        for secret in secrets {
            out.never_shows(secret);
        }
    }
}

#[test]
fn a_static_pod_url_header_of_the_wrong_type_is_reported_without_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let head = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";
    // A string where a mapping belongs (the common mistake), quoted and plain.
    for (name, value) in [
        ("quoted.yaml", "\"Bearer wr0ng-type-quoted\""),
        ("plain.yaml", "Bearer wr0ng-type-plain"),
    ] {
        let f = write(
            &dir,
            name,
            format!("{head}staticPodURLHeader: {value}\n").as_bytes(),
        );
        let msg =
            "`staticPodURLHeader` must be a mapping of names to lists of strings, found a string";
        never_shows_in_any_format(&f, &[msg], &["wr0ng-type"]);
        lint([f.as_str(), "-o", "concise"])
            .code(1)
            .stdout_is(&format!("{f}:3:21: KL006 [error] {msg}\n"));
        let stars = "*".repeat(value.len());
        lint([f.as_str()]).stdout_has(&format!("3 | staticPodURLHeader: {stars}\n"));
    }
    // A string, a number and a boolean where a list of strings belongs.
    let f = write(
        &dir,
        "entries.yaml",
        format!(
            "{head}staticPodURLHeader:\n  X-Trace: \"tr4ce-str1ng\"\n  X-Id: [31337]\n  X-On: [yes]\n"
        )
        .as_bytes(),
    );
    never_shows_in_any_format(
        &f,
        &[
            "`staticPodURLHeader.X-Trace` must be a list of strings",
            "`staticPodURLHeader.X-Id[0]` must be a string; quote values YAML would read as numbers or booleans, found a number",
            // Not "the boolean true": even how the value was read is not shown.
            "`staticPodURLHeader.X-On[0]` must be a string; quote values YAML would read as numbers or booleans, found a boolean",
        ],
        &["tr4ce-str1ng", "31337"],
    );
    lint([f.as_str(), "-o", "concise"]).stdout_has(
        ":4:12: KL006 [error] `staticPodURLHeader.X-Trace` must be a list of strings, e.g. [\"10.96.0.10\"], found a string\n",
    );
}

#[test]
fn static_pod_url_header_values_never_appear_in_excerpts() {
    let dir = tempfile::tempdir().unwrap();
    // Duplicate keys point at the earlier (ignored) entry; a wrong-case key is an unknown
    // field; both show their line in the `full` excerpt.
    let f = write(
        &dir,
        "dup.yaml",
        b"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstaticPodURLHeader:\n  X-Custom: [\"dup-f1rst\"]\n  X-Custom:\n  - dup-s3cond\n  Authorization: [\"Bearer dup-auth-f1rst\"]\n  Authorization: [\"Bearer dup-auth-s3cond\"]\nStaticPodURLHeader: {X-Custom: [wr0ng-case-hdr]}\nStaticPodURL: https://u5er:wr0ng-case-pass@pods.example/m?token=wr0ng-case-tok\n",
    );
    never_shows_in_any_format(
        &f,
        &[
            "`staticPodURLHeader.X-Custom` is set again later in the same mapping: this earlier value is ignored",
            "unknown field `StaticPodURLHeader`",
            "unknown field `StaticPodURL`",
        ],
        &[
            "dup-f1rst",
            "dup-s3cond",
            "dup-auth-f1rst",
            "dup-auth-s3cond",
            "wr0ng-case",
            "u5er",
        ],
    );
    let stars = |text: &str| "*".repeat(text.len());
    lint([f.as_str()])
        .stdout_has(&format!("4 |   X-Custom: {}\n", stars("[\"dup-f1rst\"]")))
        .stdout_has(&format!(
            "9 | StaticPodURLHeader: {{X-Custom: {}}}\n",
            stars("[wr0ng-case-hdr]")
        ))
        .stdout_has(&format!(
            "10 | StaticPodURL: https://{}@pods.example/m?token={}\n",
            stars("u5er:wr0ng-case-pass"),
            stars("wr0ng-case-tok")
        ));
}

#[test]
fn a_json_config_never_echoes_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let head = r#"{"apiVersion":"kubelet.config.k8s.io/v1beta1","kind":"KubeletConfiguration","#;
    // One line: every finding's excerpt is the whole file.
    let wrong_type = write(
        &dir,
        "wrong-type.json",
        format!(
            r#"{head}"staticPodURL":"https://k8suser:js0n-pass@pods.example/m?token=js0n-tok&v=js0n-v","staticPodURLHeader":"Bearer js0n-str"}}"#
        )
        .as_bytes(),
    );
    never_shows_in_any_format(
        &wrong_type,
        &["`staticPodURLHeader` must be a mapping of names to lists of strings, found a string"],
        &["js0n-pass", "js0n-tok", "js0n-v", "js0n-str", "k8suser"],
    );
    let stars = |text: &str| "*".repeat(text.len());
    // The excerpt of a long line is a window around the marker.
    lint([wrong_type.as_str()]).stdout_has(&format!(
        "&v={}\",\"staticPodURLHeader\":{}}}\n",
        stars("js0n-v"),
        stars("\"Bearer js0n-str\"")
    ));
    let duplicate = write(
        &dir,
        "duplicate.json",
        format!(
            r#"{head}"staticPodURLHeader":{{"X-Custom":["js0n-dup1"],"X-Custom":["js0n-dup2"],"X-Id":[7357]}},"maxPods":"110"}}"#
        )
        .as_bytes(),
    );
    never_shows_in_any_format(
        &duplicate,
        &[
            "`staticPodURLHeader.X-Custom` is set again later in the same mapping",
            "`staticPodURLHeader.X-Id[0]` must be a string; quote values YAML would read as numbers or booleans, found a number",
            "`maxPods` must be",
        ],
        &["js0n-dup", "7357"],
    );
    // A syntax error after the secrets: the file has no tree, its excerpt is still masked.
    let broken = write(
        &dir,
        "broken.json",
        format!(
            r#"{head}"staticPodURL":"https://js0n-user@pods.example/?js0n-bare-tok","staticPodURLHeader":{{"X-Custom":["js0n-synt4x"]}},"maxPods":110,}}"#
        )
        .as_bytes(),
    );
    never_shows_in_any_format(
        &broken,
        &["JSON syntax error: invalid character '}' looking for beginning of object key string"],
        &["js0n-user", "js0n-bare-tok", "js0n-synt4x"],
    );
}

#[test]
fn a_yaml_syntax_error_never_shows_the_header_values_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        &dir,
        "broken.yaml",
        b"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstaticPodURLHeader:\n  X-Custom: [\"yaml-synt4x\"]\n  Authorization: [\"Bearer yaml-unterm1nated\n",
    );
    never_shows_in_any_format(
        &f,
        &["YAML syntax error"],
        &["yaml-synt4x", "yaml-unterm1nated"],
    );
}

#[test]
fn a_fifo_without_a_writer_is_read_as_empty_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.yaml");
    crate::harness::mkfifo(&fifo);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kubelet-doctor"))
        .args(["config", "lint"])
        .arg(&fifo)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("config lint waited on a FIFO nobody writes to");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(2), "an empty file is not a config");
}

#[test]
fn json_reports_escape_what_could_drive_a_terminal() {
    // A file name is the one string a config lint report carries raw: give it an override.
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "evil\u{202e}lmay.yaml", WARN_ONLY.as_bytes());
    for format in ["json", "sarif"] {
        let out = lint(["-o", format, &path]);
        out.code(0);
        assert!(
            !out.stdout.contains('\u{202e}'),
            "{format}: raw override in\n{}",
            out.stdout
        );
        // JSON escapes it (parsed, the name is the file's name); SARIF's URIs percent-encode.
        let shown = if format == "json" {
            r"evil\u202elmay.yaml"
        } else {
            "evil%E2%80%AElmay.yaml"
        };
        assert!(out.stdout.contains(shown), "{format}:\n{}", out.stdout);
        let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(
            doc.to_string().contains("evil\u{202e}lmay.yaml"),
            format == "json"
        );
    }
}

#[test]
fn a_soft_threshold_of_0_or_100_percent_needs_no_grace_period() {
    // The kubelet drops these before it looks for a grace period: only the real one needs it.
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "soft.yaml",
        b"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nevictionSoft:\n  memory.available: \"0%\"\n  nodefs.available: \"100%\"\n  imagefs.available: \"10%\"\n",
    );
    let out = lint(["--select", "KL203,KL413", "-o", "concise", &path]);
    out.code(1).stdout_is(&format!(
        "{path}:4:21: KL413 [warning] `evictionSoft.memory.available: 0%` disables the memory.available signal instead of setting a threshold\n\
         {path}:5:21: KL413 [warning] `evictionSoft.nodefs.available: 100%` disables the nodefs.available signal instead of setting a threshold\n\
         {path}:6:3: KL203 [error] soft threshold `imagefs.available` has no evictionSoftGracePeriod\n"
    ));
}

#[test]
fn a_finding_names_and_points_at_the_field_the_user_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "shutdown.yaml",
        b"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfeatureGates:\n  GracefulNodeShutdown: false\nshutdownGracePeriodCriticalPods: 10s\n",
    );
    let out = lint(["--select", "KL109", "-o", "concise", &path]);
    out.code(1).stdout_is(&format!(
        "{path}:5:34: KL109 [error] `shutdownGracePeriodCriticalPods` requires feature gate GracefulNodeShutdown, which is disabled in featureGates\n"
    ));
}
