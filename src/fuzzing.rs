//! Entry points for the fuzz targets under `fuzz/` (one per parser of untrusted input), kept
//! in the library so that they compile, and run on seeds, with every `cargo test`. Each takes
//! arbitrary bytes and must return without panicking, hanging or exhausting memory.

use crate::client::list::{Owned, PageMeta, stream_page};
use crate::output::tree::Tree;

/// A kubeconfig file, as `--kubeconfig` or `KUBECONFIG` would read it.
pub fn kubeconfig(data: &[u8]) {
    let _ = crate::client::kubeconfig::parse_bytes(data.to_vec());
}

/// An API list page, decoded as every list command decodes it: items as borrowed trees
/// rendered to YAML and JSON (the `nodes` dumps), and as typed nodes judged for health (the
/// summary, `healthz`).
pub fn list_page(data: &[u8]) {
    let mut on_meta = |_: PageMeta| Ok(());
    let mut on_tree = |tree: Tree<'_>| {
        let mut out = Vec::new();
        crate::output::yaml::write_yaml(&tree, &mut out);
        crate::output::json::write_pretty(&tree, 0, &mut out);
        Ok(())
    };
    let _ = stream_page::<crate::nodes::Trees>(data, &mut on_meta, &mut on_tree);
    let now = k8s_openapi::jiff::Timestamp::UNIX_EPOCH;
    let mut on_node = |node: crate::nodes::Decoded| {
        let health = node.judge(None, now);
        let _ = crate::nodes::table::render_summary(&[health], true, false);
        Ok(())
    };
    let _ = stream_page::<Owned<crate::nodes::Decoded>>(data, &mut on_meta, &mut on_node);
}

/// A kubelet's `/stats/summary` and `/configz` (the same bytes as both), judged, ranked and
/// rendered in every format as `pressure` does.
pub fn kubelet_stats(data: &[u8]) {
    use crate::pressure::{self, Report};
    let Ok(summary) = pressure::summary::Summary::parse(data) else {
        return;
    };
    let node: pressure::node::NodeFacts =
        serde_json::from_str(r#"{"metadata":{"name":"fuzz"},"status":{"capacity":{"memory":"1Gi"},
            "allocatable":{"memory":"1Gi"},"conditions":[{"type":"MemoryPressure","status":"True"}]}}"#)
            .expect("a valid node");
    let mut report = pressure::judge(&node, &summary, Ok(data.to_vec()), 5.0);
    let pods: Vec<pressure::ranking::PodSpecFacts> = summary
        .pods
        .iter()
        .filter_map(|p| {
            let uid = serde_json::to_string(&p.pod_ref.uid).ok()?;
            serde_json::from_str(&format!(r#"{{"metadata":{{"uid":{uid}}}}}"#)).ok()
        })
        .collect();
    let layout = report.layout.unwrap_or(pressure::signal::Layout::Shared);
    report.eviction_order = pressure::orders(&report.signals, layout, &pods, &summary);
    let report = Report {
        margin: 5.0,
        nodes: vec![report],
        errors: Vec::new(),
    };
    let _ = pressure::render::table(&report, true);
    let _ = pressure::render::wide(&report, false);
    let _ = pressure::render::json(&report, |_| Ok(()));
}

/// A `journalctl -o json` export, as `status --bundle` reads `journal.jsonl`: every line
/// decoded, split into runs and classified; also each line alone as a MESSAGE; and the same
/// bytes as every other part of a bundle (systemctl show, cmdline, PEM, /proc files,
/// containerd's config, a CRI answer).
pub fn journal(data: &[u8]) {
    use crate::status::{cert, cmdline, host, systemd};
    let _ = crate::status::journal::read(data, Some("api.example"));
    let text = String::from_utf8_lossy(data);
    let unit = systemd::parse(&text);
    let _ = (unit.state(), unit.describe());
    let argv = cmdline::Argv::from_proc(data);
    let _ = argv.removed();
    let mut env = cmdline::Env::default();
    env.add_unit_file(&text, "f");
    env.add_env_file(&text, "g");
    let _ = env.expand(&unit.exec_start).removed();
    for der in cert::pem_certificates(&text) {
        let _ = cert::validity(&der);
    }
    let _ = cert::validity(data);
    let _ = (
        host::swaps(&text),
        host::listening(&text),
        host::containerd(&text),
    );
    let _ = host::config_facts(&text);
    crate::status::cri::fuzz_fields(data);
    for line in data.split(|b| *b == b'\n') {
        let _ = crate::status::journal::entry::parse(line, true);
        let text = String::from_utf8_lossy(line);
        let parsed = crate::status::logline::parse(&text);
        let _ = crate::status::classify::classify(&parsed, Default::default());
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn seeds_run_clean() {
        let page = br#"{"kind":"NodeList","metadata":{"continue":"x"},"items":[
            {"metadata":{"name":"a\u001b[31m","labels":{"kubernetes.io/role":"x"}},
             "status":{"conditions":[{"type":"Ready","status":"True"}]}},
            {"metadata":{"name":1}}, null, [], {"status":{"conditions":"x"}}]}"#;
        super::list_page(page);
        super::list_page(b"{\"items\":[{\"a\":");
        super::list_page(&[0xff, 0xfe, 0x00]);
        super::kubeconfig(b"apiVersion: v1\nclusters: [{name: c, cluster: {server: x}}]\n");
        super::kubeconfig(b"a: &a [*a]");
        super::kubeconfig(&[0xff, 0xfe, 0x41]);
        super::kubelet_stats(include_bytes!(
            "../tests/fixtures/pressure/worked-example-summary.json"
        ));
        super::kubelet_stats(br#"{"node":{"memory":{"availableBytes":18446744073709551615,
            "workingSetBytes":18446744073709551615},"fs":{"availableBytes":1,"capacityBytes":0},
            "rlimit":{"maxpid":-9223372036854775808,"curproc":9223372036854775807}},
            "kubeletconfig":{"evictionHard":{"memory.available":"1e400","nodefs.available":"99.99999%"},
            "imageGCHighThresholdPercent":-5,"imageGCLowThresholdPercent":900}}"#);
        // Every bundle fixture's journal is a seed.
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/status");
        let mut seeds = 0;
        for bundle in std::fs::read_dir(fixtures).expect("status fixtures") {
            let path = bundle.unwrap().path().join("journal.jsonl");
            if let Ok(data) = std::fs::read(&path) {
                super::journal(&data);
                seeds += 1;
            }
        }
        assert!(seeds > 10, "{seeds} journal seeds");
        super::journal(b"{\"MESSAGE\":\"\\ud800\\u12\"}\n{\"MESSAGE\":[1,2,\n{\"_PID\":\"1\",\"MESSAGE\":\"Main process exited, status=\"}");
    }
}
