//! `kubelet-doctor probes lint` through the real binary: a failing and a passing manifest per
//! rule (each failing one triggers exactly its rule), positions in multi-document streams,
//! Lists and CronJobs, every output format, and the exit status (2 for an unreadable or
//! unparsable file while the others are still linted).

use crate::harness::{Outcome, Run};

fn lint(args: &[&str], stdin: &str) -> Outcome {
    Run::new(None)
        .args(["probes", "lint"])
        .args(args)
        .stdin(stdin.as_bytes().to_vec())
        .run()
}

/// A Deployment whose container `app` (image `image`, port 8080 named http) has `probes`
/// (YAML at the container's indentation, 8 spaces); the probes start on line 13.
fn deployment(image: &str, probes: &str) -> String {
    let mut probes_text = String::new();
    for l in probes.lines() {
        probes_text.push_str("        ");
        probes_text.push_str(l);
        probes_text.push('\n');
    }
    format!(
        "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: {image}
        ports:
        - {{name: http, containerPort: 8080}}
{probes_text}"
    )
}

const CLEAN: &str = "No problems found in 1 file.\n";

/// (rule, image, failing probes, the one concise line it must give, passing probes)
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "PB001",
        "nginx:1.27",
        "livenessProbe:\n  httpGet: {path: /healthz, port: 8080}\nreadinessProbe:\n  httpGet: {path: /healthz, port: http}",
        "-:13:9: PB001 [warning] liveness runs the same check as readiness and gives up after 30 s, no later than readiness (30 s): a blip restarts the container (Deployment/web, container app)",
        "livenessProbe:\n  httpGet: {path: /healthz, port: 8080}\n  failureThreshold: 6\nreadinessProbe:\n  httpGet: {path: /healthz, port: http}",
    ),
    (
        "PB002",
        "eclipse-temurin:21-jre",
        "livenessProbe:\n  httpGet: {path: /healthz, port: 8080}",
        "-:13:9: PB002 [warning] image \"eclipse-temurin:21-jre\" (jre) usually starts slowly, but liveness may kill it 30 s after start and there is no startupProbe (Deployment/web, container app)",
        "livenessProbe:\n  httpGet: {path: /healthz, port: 8080}\nstartupProbe:\n  httpGet: {path: /healthz, port: 8080}\n  failureThreshold: 30",
    ),
    (
        "PB003",
        "nginx:1.27",
        "readinessProbe:\n  exec: {command: [cat, /tmp/ready]}",
        "-:13:9: PB003 [info] readiness timeoutSeconds is unset (1 s) on an exec probe (a process start in the container) (Deployment/web, container app)",
        "readinessProbe:\n  exec: {command: [cat, /tmp/ready]}\n  timeoutSeconds: 3",
    ),
    (
        "PB004",
        "nginx:1.27",
        "livenessProbe:\n  tcpSocket: {port: 8080}\n  periodSeconds: 2",
        "-:13:9: PB004 [warning] liveness restarts the container after 6 s of failures (3 x 2 s): a GC pause or a load spike is enough (Deployment/web, container app)",
        "livenessProbe:\n  tcpSocket: {port: 8080}\n  periodSeconds: 5",
    ),
    (
        "PB005",
        "nginx:1.27",
        "readinessProbe:\n  exec:\n    command: [sh, -c, \"curl -sf localhost:8080/ready | grep ok\"]\n  periodSeconds: 5\n  timeoutSeconds: 3",
        "-:16:26: PB005 [info] readiness exec probe runs curl every 5 s (Deployment/web, container app)",
        "readinessProbe:\n  exec:\n    command: [sh, -c, \"curl -sf localhost:8080/ready | grep ok\"]\n  periodSeconds: 15\n  timeoutSeconds: 3",
    ),
    (
        "PB006",
        "nginx:1.27",
        "readinessProbe:\n  httpGet: {path: /healthz, port: 8443}",
        "-:14:11: PB006 [warning] readiness sends plain HTTP to port 8443, which looks like TLS (Deployment/web, container app)",
        "readinessProbe:\n  httpGet: {path: /healthz, port: 8443, scheme: HTTPS}",
    ),
    (
        "PB007",
        "nginx:1.27",
        "readinessProbe:\n  httpGet: {path: /healthz, port: metrics}",
        "-:14:43: PB007 [error] readiness probe port \"metrics\" is not a port of this container (ports named http); the kubelet will say: strconv.Atoi: parsing \"metrics\": invalid syntax (Deployment/web, container app)",
        "readinessProbe:\n  httpGet: {path: /healthz, port: http}",
    ),
    (
        "PB008",
        "nginx:1.27",
        "livenessProbe:\n  httpGet: {host: api.shop.svc, path: /healthz, port: 8080}",
        "-:14:27: PB008 [warning] liveness probe host \"api.shop.svc\" is a name: the node resolves it, without cluster DNS (Deployment/web, container app)",
        "livenessProbe:\n  httpGet: {host: 10.0.0.1, path: /healthz, port: 8080}",
    ),
    (
        "PB009",
        "nginx:1.27",
        "livenessProbe:\n  httpGet: {path: /healthz/db, port: 8080}",
        "-:14:27: PB009 [warning] the liveness check \"/healthz/db\" names \"db\": an outage there would restart every replica (Deployment/web, container app)",
        "livenessProbe:\n  httpGet: {path: /healthz/live, port: 8080}",
    ),
    (
        "PB010",
        "nginx:1.27",
        "readinessProbe:\n  tcpSocket: {port: 8080}\n  terminationGracePeriodSeconds: 10",
        "-:15:42: PB010 [error] terminationGracePeriodSeconds on a readiness probe: the API server rejects it (Deployment/web, container app)",
        "livenessProbe:\n  tcpSocket: {port: 8080}\n  terminationGracePeriodSeconds: 10",
    ),
    (
        "PB011",
        "nginx:1.27",
        "livenessProbe:\n  tcpSocket: {port: 8080}\n  successThreshold: 2",
        "-:15:29: PB011 [error] liveness successThreshold is 2: must be 1 for liveness and startup probes (Deployment/web, container app)",
        "readinessProbe:\n  tcpSocket: {port: 8080}\n  successThreshold: 2",
    ),
];

#[test]
fn each_rule_fails_its_manifest_and_passes_the_fixed_one() {
    for (code, image, failing, line, passing) in CASES {
        let out = lint(&["-o", "concise", "-"], &deployment(image, failing));
        let errors = line.contains("[error]");
        out.code(if errors { 1 } else { 0 })
            .stdout_is(&format!("{line}\n"));
        assert!(out.stdout.contains(code));
        let out = lint(
            &["-o", "concise", "--strict", "-"],
            &deployment(image, passing),
        );
        out.code(0).stdout_empty().stderr_is(CLEAN);
    }
}

#[test]
fn strict_fails_on_warnings_and_infos_pass() {
    let (_, image, failing, _, _) = CASES[0];
    lint(
        &["--strict", "-o", "concise", "-"],
        &deployment(image, failing),
    )
    .code(1);
    let (_, image, failing, _, _) = CASES[2];
    lint(
        &["--strict", "-o", "concise", "-"],
        &deployment(image, failing),
    )
    .code(0);
}

const STREAM: &str = "\
# a Pod, an empty document, a CronJob and a List of a Deployment and a Service
apiVersion: v1
kind: Pod
metadata: {name: api-0}
spec:
  containers:
  - name: api
    image: nginx
    readinessProbe: {httpGet: {port: web, path: /}}
---
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: proxy
            image: envoy
            restartPolicy: Always
            startupProbe: {tcpSocket: {port: admin}}
          containers: [{name: job, image: busybox}]
---
apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    template:
      spec:
        containers:
        - name: web
          image: nginx
          livenessProbe: {successThreshold: 3, tcpSocket: {port: 80}}
- {apiVersion: v1, kind: Service, metadata: {name: web}}
";

#[test]
fn positions_in_streams_lists_and_cronjobs() {
    lint(&["-o", "concise", "-"], STREAM).code(1).stdout_is(
        "\
-:9:38: PB007 [error] readiness probe port \"web\" is not a port of this container (no named ports); the kubelet will say: strconv.Atoi: parsing \"web\": invalid syntax (Pod/api-0, container api)
-:24:46: PB007 [error] startup probe port \"admin\" is not a port of this container (no named ports); the kubelet will say: strconv.Atoi: parsing \"admin\": invalid syntax (CronJob/nightly, container proxy)
-:39:45: PB011 [error] liveness successThreshold is 3: must be 1 for liveness and startup probes (Deployment/web, container web)
",
    )
    .stderr_is("Found 3 errors, 0 warnings and 0 infos in 1 file.\n");
}

#[test]
fn json_lists_as_kubectl_writes_them() {
    let list = r#"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x","livenessProbe":{"tcpSocket":{"port":"db"}}}]}}]}"#;
    lint(&["-o", "concise", "-"], list).code(1).stdout_is(
        "-:1:182: PB007 [error] liveness probe port \"db\" is not a port of this container (no named ports); the kubelet will say: strconv.Atoi: parsing \"db\": invalid syntax (Pod/p, container c)\n",
    );
}

#[test]
fn full_json_sarif_and_github() {
    let text = deployment("nginx:1.27", CASES[6].2);
    lint(&["-"], &text).code(1).stdout_is(
        "\
error[PB007]: readiness probe port \"metrics\" is not a port of this container (ports named http); the kubelet will say: strconv.Atoi: parsing \"metrics\": invalid syntax (probe-port-name-missing)
  --> -:14:43 (Deployment/web, container app)
   |
14 |           httpGet: {path: /healthz, port: metrics}
   |                                           ^^^^^^^
   = help: add `name: metrics` to the container's port, or give the number
",
    );
    let out = lint(&["-o", "json", "-"], &text);
    out.code(1);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        doc,
        serde_json::json!({"kind": "ProbesLintReport", "version": 1, "files": [{"name": "-", "diagnostics": [{
            "code": "PB007", "name": "probe-port-name-missing", "severity": "error",
            "message": "readiness probe port \"metrics\" is not a port of this container (ports named http); the kubelet will say: strconv.Atoi: parsing \"metrics\": invalid syntax",
            "help": "add `name: metrics` to the container's port, or give the number",
            "object": "Deployment/web", "container": "app", "probe": "readiness",
            "field": "spec.template.spec.containers[0].readinessProbe.httpGet.port",
            "start": {"line": 14, "column": 43}, "end": {"line": 14, "column": 50}
        }]}]})
    );
    let out = lint(&["-o", "sarif", "-"], &text);
    let sarif: serde_json::Value = serde_json::from_str(&out.code(1).stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        11
    );
    assert_eq!(
        sarif["runs"][0]["results"],
        serde_json::json!([{"ruleId": "PB007", "ruleIndex": 6, "level": "error",
            "message": {"text": "readiness probe port \"metrics\" is not a port of this container (ports named http); the kubelet will say: strconv.Atoi: parsing \"metrics\": invalid syntax (Deployment/web, container app)\nhelp: add `name: metrics` to the container's port, or give the number"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "-"}, "region": {"startLine": 14, "startColumn": 43, "endLine": 14, "endColumn": 50}}}]}])
    );
    lint(&["-o", "github", "-"], &text).code(1).stdout_is(
        "::error file=-,line=14,col=43,endLine=14,endColumn=50,title=PB007 probe-port-name-missing::readiness probe port \"metrics\" is not a port of this container (ports named http); the kubelet will say: strconv.Atoi: parsing \"metrics\": invalid syntax (Deployment/web, container app)%0Ahelp: add `name: metrics` to the container's port, or give the number\n",
    );
}

#[test]
fn unreadable_and_unparsable_files_exit_2_the_others_are_linted() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.yaml");
    std::fs::write(&good, deployment("nginx:1.27", CASES[6].2)).unwrap();
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "kind: Pod\nspec: [unclosed\n").unwrap();
    let missing = dir.path().join("missing.yaml");
    let out = Run::new(None)
        .args(["probes", "lint", "-o", "concise"])
        .args([&missing, &broken, &good].map(|p| p.display().to_string()))
        .run();
    out.code(2);
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("good.yaml:14:43: PB007"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("missing.yaml: no such file"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("broken.yaml: YAML syntax error at line"),
        "{}",
        out.stderr
    );
    // A file without workloads is clean; no file at all is a usage error.
    lint(
        &["-"],
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
    )
    .code(0)
    .stdout_empty()
    .stderr_is(CLEAN);
    Run::new(None).args(["probes", "lint"]).run().code(2);
}
