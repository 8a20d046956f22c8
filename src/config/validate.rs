//! `ValidateKubeletConfiguration` (pkg/kubelet/apis/config/validation) and the start-up parsing
//! in cmd/kubelet/app/server.go that aborts the kubelet, run on defaulted values. Messages quote
//! the kubelet's wording; `invalid configuration: ` is the prefix of every validation error.

use super::decode::{Fv, TVal};
use super::defaults::View;
use super::diagnostic::Diagnostic;
use super::feature_gates::{self, Stage};
use super::quantity;
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
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        code: &'static str,
        span: Option<Span>,
        field: &str,
        msg: String,
        kubelet: String,
        help: &str,
    ) {
        let mut d = Diagnostic::new(code, span, msg).field(field);
        if !kubelet.is_empty() {
            d = d.kubelet(kubelet);
        }
        if !help.is_empty() {
            d = d.help(help);
        }
        self.d.push(d);
    }

    /// A validation error with the `invalid configuration: ` prefix.
    fn invalid(
        &mut self,
        code: &'static str,
        fv: Option<&Fv>,
        field: &str,
        msg: String,
        kubelet: &str,
        help: &str,
    ) {
        let span = self.v.at(fv);
        self.push(
            code,
            span,
            field,
            msg,
            format!("invalid configuration: {kubelet}"),
            help,
        );
    }

    fn invalid_at(
        &mut self,
        code: &'static str,
        span: Span,
        field: &str,
        msg: String,
        kubelet: &str,
        help: &str,
    ) {
        self.push(
            code,
            Some(span),
            field,
            msg,
            format!("invalid configuration: {kubelet}"),
            help,
        );
    }

    fn not_negative(&mut self, path: &str, flag: &str) {
        let (n, fv) = self.v.int(path);
        if n < 0 {
            self.invalid(
                "KL101",
                fv,
                path,
                format!("`{path}` is {n}; it must not be negative"),
                &format!("{path} (--{flag}) {n} must not be a negative number"),
                "use 0 or a positive number",
            );
        }
    }

    fn range(
        &mut self,
        code: &'static str,
        path: &str,
        flag: &str,
        lo: i64,
        hi: i64,
        kubelet_lo: i64,
    ) {
        let (n, fv) = self.v.int(path);
        if n < lo || n > hi {
            self.invalid(
                code,
                fv,
                path,
                format!("`{path}` is {n}; it must be between {lo} and {hi}"),
                &format!("{path} (--{flag}) {n} must be between {kubelet_lo} and {hi}, inclusive"),
                &format!("use a value from {lo} to {hi}"),
            );
        }
    }

    fn gate_required(&mut self, fv: Option<&Fv>, path: &str, gate: &str, kubelet: &str) {
        let state = if self.v.gates.explicit.iter().any(|(n, _)| n == gate) {
            "disabled in featureGates"
        } else {
            "off by default in this release"
        };
        self.invalid(
            "KL109",
            fv,
            path,
            format!("`{path}` requires feature gate {gate}, which is {state}"),
            kubelet,
            &format!("enable it with `featureGates: {{{gate}: true}}` or remove `{path}`"),
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
        self.push("KL112", self.v.at(fv), path, msg, kubelet, &help);
    }
}

/// All of `ValidateKubeletConfiguration` plus the start-up checks outside it.
pub fn run(v: &View, d: &mut Vec<Diagnostic>) {
    let mut o = Out { v, d };
    let minor = v.minor;
    let g = |n: &str| v.gates.enabled(n);

    // Rule 3 and the plain "must not be negative" family.
    let (lease, fv) = v.int("nodeLeaseDurationSeconds");
    if lease <= 0 {
        o.invalid(
            "KL101",
            fv,
            "nodeLeaseDurationSeconds",
            format!("`nodeLeaseDurationSeconds` is {lease}; it must be greater than 0"),
            "nodeLeaseDurationSeconds must be greater than 0",
            "use a positive number of seconds (default 40)",
        );
    }
    for (path, flag) in [
        ("eventBurst", "event-burst"),
        ("eventRecordQPS", "event-qps"),
        ("kubeAPIBurst", "kube-api-burst"),
        ("kubeAPIQPS", "kube-api-qps"),
        ("maxOpenFiles", "max-open-files"),
        ("maxPods", "max-pods"),
        ("podsPerCore", "pods-per-core"),
        ("registryBurst", "registry-burst"),
        ("registryPullQPS", "registry-qps"),
    ] {
        o.not_negative(path, flag);
    }

    // Rule 4.
    let (sys_cg, fv) = v.str("systemCgroups");
    if !sys_cg.is_empty() && v.str("cgroupRoot").0.is_empty() {
        o.invalid("KL107", fv, "systemCgroups", "`systemCgroups` is set but `cgroupRoot` is not".into(), "systemCgroups (--system-cgroups) was specified and cgroupRoot (--cgroup-root) was not specified", "set `cgroupRoot` (e.g. \"/\") or remove `systemCgroups`");
    }

    // Ports (7, 26, 27).
    let (hp, fv) = v.int("healthzPort");
    if hp != 0 && !(1..=65535).contains(&hp) {
        o.invalid(
            "KL102",
            fv,
            "healthzPort",
            format!("`healthzPort` is {hp}; it must be 0 (disabled) or 1..65535"),
            &format!("healthzPort (--healthz-port) {hp} must be between 1 and 65535, inclusive"),
            "use a port from 1 to 65535, or 0 to disable",
        );
    }
    let (port, fv) = v.int("port");
    if !(1..=65535).contains(&port) {
        o.invalid(
            "KL102",
            fv,
            "port",
            format!("`port` is {port}; it must be 1..65535"),
            &format!("port (--port) {port} must be between 1 and 65535, inclusive"),
            "use a port from 1 to 65535 (default 10250)",
        );
    }
    let (ro, fv) = v.int("readOnlyPort");
    if !(0..=65535).contains(&ro) {
        o.invalid(
            "KL102",
            fv,
            "readOnlyPort",
            format!("`readOnlyPort` is {ro}; it must be 0 (disabled) or 1..65535"),
            &format!("readOnlyPort (--read-only-port) {ro} must be between 0 and 65535, inclusive"),
            "use 0 to disable the read-only port",
        );
    }

    // CPU CFS quota period (8, 9).
    let (period, fv) = v.dur("cpuCFSQuotaPeriod");
    if !g("CustomCPUCFSQuotaPeriod") && period != 100 * MS {
        o.gate_required(fv, "cpuCFSQuotaPeriod", "CustomCPUCFSQuotaPeriod", &format!("cpuCFSQuotaPeriod (--cpu-cfs-quota-period) {{{}}} requires feature gate CustomCPUCFSQuotaPeriod", dur(period)));
    } else if g("CustomCPUCFSQuotaPeriod") && !(MS..=S).contains(&period) {
        o.invalid("KL104", fv, "cpuCFSQuotaPeriod", format!("`cpuCFSQuotaPeriod` is {}; it must be between 1ms and 1s", dur(period)), &format!("cpuCFSQuotaPeriod (--cpu-cfs-quota-period) {{{}}} must be between 1ms and 1sec, inclusive", dur(period)), "use a period from 1ms to 1s (default 100ms)");
    }

    // Image GC thresholds (10, 11, 12).
    let (high, hfv) = v.int("imageGCHighThresholdPercent");
    let (low, lfv) = v.int("imageGCLowThresholdPercent");
    o.range(
        "KL103",
        "imageGCHighThresholdPercent",
        "image-gc-high-threshold",
        0,
        100,
        0,
    );
    o.range(
        "KL103",
        "imageGCLowThresholdPercent",
        "image-gc-low-threshold",
        0,
        100,
        0,
    );
    if low >= high {
        let (fv, which) = if lfv.is_some() {
            (lfv, "imageGCLowThresholdPercent")
        } else {
            (hfv, "imageGCHighThresholdPercent")
        };
        let note = match (lfv.is_some(), hfv.is_some()) {
            (true, false) => " (the default)",
            (false, true) => " (the low threshold is the default)",
            _ => "",
        };
        o.invalid("KL105", fv, which, format!("imageGCLowThresholdPercent {low} must be below imageGCHighThresholdPercent {high}{note}"), &format!("imageGCLowThresholdPercent (--image-gc-low-threshold) {low} must be less than imageGCHighThresholdPercent (--image-gc-high-threshold) {high}"), "set the low threshold below the high one, e.g. 80 and 85");
    }

    // Image GC ages (13-16).
    let (max_age, maxfv) = v.dur("imageMaximumGCAge");
    let (min_age, minfv) = v.dur("imageMinimumGCAge");
    if max_age != 0 && !g("ImageMaximumGCAge") {
        o.gate_required(maxfv, "imageMaximumGCAge", "ImageMaximumGCAge", "ImageMaximumGCAge feature gate is required for Kubelet configuration option imageMaximumGCAge");
    }
    if minor >= 36 && min_age < 0 {
        o.invalid(
            "KL101",
            minfv,
            "imageMinimumGCAge",
            format!(
                "`imageMinimumGCAge` is {}; it must not be negative",
                dur(min_age)
            ),
            &format!("imageMinimumGCAge {} must not be negative", dur(min_age)),
            "use a positive duration (default 2m)",
        );
    }
    if max_age < 0 {
        o.invalid(
            "KL101",
            maxfv,
            "imageMaximumGCAge",
            format!(
                "`imageMaximumGCAge` is {}; it must not be negative",
                dur(max_age)
            ),
            &format!("imageMaximumGCAge {} must not be negative", dur(max_age)),
            "use 0 (disabled) or a positive duration",
        );
    }
    if max_age > 0 && max_age <= min_age {
        let note = if minfv.is_none() {
            " (the default)"
        } else {
            ""
        };
        o.invalid(
            "KL106",
            maxfv,
            "imageMaximumGCAge",
            format!(
                "`imageMaximumGCAge` {} must be greater than imageMinimumGCAge {}{note}",
                dur(max_age),
                dur(min_age)
            ),
            &format!(
                "imageMaximumGCAge {} must be greater than imageMinimumGCAge {}",
                dur(max_age),
                dur(min_age)
            ),
            "raise imageMaximumGCAge above imageMinimumGCAge, or set it to 0 to disable it",
        );
    }

    // iptables bits (17, 18), nodeStatusMaxImages (21), oomScoreAdj (24).
    o.range("KL103", "iptablesDropBit", "iptables-drop-bit", 0, 31, 0);
    o.range(
        "KL103",
        "iptablesMasqueradeBit",
        "iptables-masquerade-bit",
        0,
        31,
        0,
    );
    let (nsmi, fv) = v.int("nodeStatusMaxImages");
    if nsmi < -1 {
        o.invalid(
            "KL103",
            fv,
            "nodeStatusMaxImages",
            format!("`nodeStatusMaxImages` is {nsmi}; it must be -1 (no cap) or greater"),
            &format!("nodeStatusMaxImages (--node-status-max-images) {nsmi} must be -1 or greater"),
            "use -1 for no cap, or a non-negative number",
        );
    }
    o.range("KL103", "oomScoreAdj", "oom-score-adj", -1000, 1000, -1000);

    // Parallel image pulls (30, 31).
    if let Some((n, fv)) = v.opt_int("maxParallelImagePulls") {
        if n < 1 {
            o.invalid(
                "KL103",
                Some(fv),
                "maxParallelImagePulls",
                format!("`maxParallelImagePulls` is {n}; it must be at least 1"),
                &format!("maxParallelImagePulls {n} must be a positive number"),
                "use 1 or more, or remove the field for no limit",
            );
        }
        let (serialize, sfv) = v.bool("serializeImagePulls");
        if serialize && n > 1 {
            let note = if sfv.is_some() {
                ""
            } else {
                " (it defaults to true)"
            };
            o.invalid("KL108", Some(fv), "maxParallelImagePulls", format!("`maxParallelImagePulls` is {n} but serializeImagePulls is true{note}"), "maxParallelImagePulls cannot be larger than 1 unless SerializeImagePulls (--serialize-image-pulls) is set to false", "set `serializeImagePulls: false`");
        }
    }

    // 32, 33.
    let (stb, fv) = v.bool("serverTLSBootstrap");
    if stb && !g("RotateKubeletServerCertificate") {
        o.gate_required(
            fv,
            "serverTLSBootstrap",
            "RotateKubeletServerCertificate",
            "serverTLSBootstrap true requires feature gate RotateKubeletServerCertificate",
        );
    }
    let (run_once, fv) = v.bool("runOnce");
    if run_once {
        o.invalid(
            "KL110",
            fv,
            "runOnce",
            "`runOnce: true` is no longer supported".into(),
            "runOnce (--runOnce) true, Runonce mode has been deprecated and should not be set",
            "remove `runOnce`",
        );
    }

    taints(&mut o);

    // Topology manager (36, 37).
    let (tmp, _) = v.str("topologyManagerPolicy");
    o.one_of("topologyManagerPolicy", &["none", "best-effort", "restricted", "single-numa-node"], format!("topologyManagerPolicy (--topology-manager-policy) {} must be one of: [\"best-effort\" \"none\" \"restricted\" \"single-numa-node\"]", go_quote(tmp)), true);
    let (tms, _) = v.str("topologyManagerScope");
    o.one_of("topologyManagerScope", &["container", "pod"], format!("topologyManagerScope (--topology-manager-scope) {} must be one of: \"container\", or \"pod\"", go_quote(tms)), true);

    shutdown(&mut o);

    // Swap (44, 45).
    if let Some(fv) = v.get("memorySwap.swapBehavior") {
        let sb = fv.val.as_str().unwrap_or_default();
        if !g("NodeSwap") {
            if !sb.is_empty() {
                o.gate_required(
                    Some(fv),
                    "memorySwap.swapBehavior",
                    "NodeSwap",
                    "memorySwap.swapBehavior cannot be set when NodeSwap feature flag is disabled",
                );
            }
        } else {
            o.one_of("memorySwap.swapBehavior", &["", "NoSwap", "LimitedSwap"], format!("memorySwap.swapBehavior {} must be one of: \"\", \"LimitedSwap\" or \"NoSwap\"", go_quote(sb)), true);
        }
    }

    // Crash loop back-off (47, 48).
    if let Some(fv) = v.get("crashLoopBackOff.maxContainerRestartPeriod") {
        let TVal::Dur(p) = fv.val else {
            unreachable_dur()
        };
        if g("KubeletCrashLoopBackOffMax") {
            if !(S..=300 * S).contains(&p) {
                o.invalid("KL104", Some(fv), "crashLoopBackOff.maxContainerRestartPeriod", format!("`crashLoopBackOff.maxContainerRestartPeriod` is {}; it must be between 1s and 300s", dur(p)), &format!("CrashLoopBackOff.MaxContainerRestartPeriod (got: {} seconds) must be set between 1s and 300s", p as f64 / S as f64), "use a duration from 1s to 5m");
            }
        } else {
            o.gate_required(Some(fv), "crashLoopBackOff.maxContainerRestartPeriod", "KubeletCrashLoopBackOffMax", "FeatureGate KubeletCrashLoopBackOffMax not enabled, CrashLoopBackOff.MaxContainerRestartPeriod must not be set");
        }
    }

    enforce_node_allocatable(&mut o);

    // 57.
    let (hm, _) = v.str("hairpinMode");
    o.one_of("hairpinMode", &["none", "hairpin-veth", "promiscuous-bridge"], format!("option {} specified for hairpinMode (--hairpin-mode). Valid options are \"none\", \"hairpin-veth\" or \"promiscuous-bridge\"", go_quote(hm)), true);

    image_credentials(&mut o);
    reserved_cpus(&mut o);
    reserved_memory(&mut o);

    // 68.
    let (shm, fv) = v.str("showHiddenMetricsForVersion");
    if !shm.is_empty() {
        let prev = format!("1.{}", minor - 1);
        let ok = shm.trim_start_matches('v') == prev
            || shm.trim_start_matches('v').starts_with(&format!("{prev}."));
        if !ok {
            o.push("KL118", v.at(fv), "showHiddenMetricsForVersion", format!("`showHiddenMetricsForVersion` is {}; kubelet 1.{minor} only accepts {prev:?}", go_quote(&clean(shm))), format!("--show-hidden-metrics-for-version must be omitted or have the value '{prev}'. Only the previous minor version is allowed"), &format!("use \"{prev}\" or remove the field"));
        }
    }

    logging(&mut o);
    tracing(&mut o);

    // 72-74.
    let (mtf, fv) = v.float("memoryThrottlingFactor");
    if mtf <= 0.0 || mtf > 1.0 {
        o.invalid(
            "KL103",
            fv,
            "memoryThrottlingFactor",
            format!("`memoryThrottlingFactor` is {mtf}; it must be greater than 0 and at most 1"),
            &format!(
                "memoryThrottlingFactor {mtf} must be greater than 0 and less than or equal to 1.0"
            ),
            "use a value in (0, 1], e.g. 0.9",
        );
    }
    if minor >= 36 {
        let (mrp, fv) = v.str("memoryReservationPolicy");
        o.one_of("memoryReservationPolicy", &["None", "TieredReservation"], format!("option {} specified for memoryReservationPolicy. Valid options are \"None\" or \"TieredReservation\"", go_quote(mrp)), true);
        if mrp == "TieredReservation" && !g("MemoryQoS") {
            o.gate_required(fv, "memoryReservationPolicy", "MemoryQoS", "memoryReservationPolicy \"TieredReservation\" requires MemoryQoS feature gate to be enabled");
        }
    }

    // 76, 77.
    let (q, qfv) = v.bool("enableSystemLogQuery");
    if q && !g("NodeLogQuery") {
        o.gate_required(
            qfv,
            "enableSystemLogQuery",
            "NodeLogQuery",
            "NodeLogQuery feature gate is required for enableSystemLogQuery",
        );
    }
    if q && !v.bool("enableSystemLogHandler").0 {
        o.invalid(
            "KL121",
            qfv,
            "enableSystemLogQuery",
            "`enableSystemLogQuery` is true but enableSystemLogHandler is false".into(),
            "enableSystemLogHandler is required for enableSystemLogQuery",
            "set `enableSystemLogHandler: true` or disable the query",
        );
    }

    // 78-80.
    let (w, fv) = v.int("containerLogMaxWorkers");
    if w < 1 {
        o.invalid(
            "KL103",
            fv,
            "containerLogMaxWorkers",
            format!("`containerLogMaxWorkers` is {w}; it must be at least 1"),
            "containerLogMaxWorkers must be greater than or equal to 1",
            "use 1 or more",
        );
    }
    let (mi, fv) = v.dur("containerLogMonitorInterval");
    if mi < 3 * S {
        o.invalid("KL104", fv, "containerLogMonitorInterval", format!("`containerLogMonitorInterval` is {}; it must be at least 3s", dur(mi)), "containerLogMonitorInterval must be a positive time duration greater than or equal to 3s", "use 3s or more (default 10s)");
    }
    let (mf, fv) = v.int("containerLogMaxFiles");
    if mf <= 1 {
        o.invalid(
            "KL103",
            fv,
            "containerLogMaxFiles",
            format!("`containerLogMaxFiles` is {mf}; it must be greater than 1"),
            "containerLogMaxFiles must be greater than 1",
            "use 2 or more (default 5)",
        );
    }

    pod_logs_dir(&mut o);

    // Start-up checks outside validation.
    let (am, _) = v.str("authorization.mode");
    o.one_of(
        "authorization.mode",
        &["Webhook", "AlwaysAllow"],
        format!("unknown authorization mode {}", go_quote(am)),
        false,
    );
    let (cd, _) = v.str("cgroupDriver");
    o.one_of(
        "cgroupDriver",
        &["cgroupfs", "systemd"],
        format!(
            "misconfiguration: kubelet cgroup driver: {} is not supported",
            go_quote(cd)
        ),
        false,
    );
    let (cmp, _) = v.str("cpuManagerPolicy");
    o.one_of(
        "cpuManagerPolicy",
        &["none", "static"],
        format!("unknown policy: {}", go_quote(cmp)),
        false,
    );
    let (mmp, _) = v.str("memoryManagerPolicy");
    o.one_of(
        "memoryManagerPolicy",
        &["None", "Static"],
        format!("unknown policy: {}", go_quote(mmp)),
        false,
    );
    let (cms, _) = v.str("configMapAndSecretChangeDetectionStrategy");
    o.one_of(
        "configMapAndSecretChangeDetectionStrategy",
        &["Get", "Cache", "Watch"],
        format!(
            "unknown configmap and secret manager mode: {}",
            go_quote(cms)
        ),
        false,
    );

    if let Some(fv) = v.get("topologyManagerPolicyOptions")
        && !fv.val.as_map().is_empty()
        && !g("TopologyManagerPolicyOptions")
    {
        o.gate_required(Some(fv), "topologyManagerPolicyOptions", "TopologyManagerPolicyOptions", "topology manager policy options require feature gate \"TopologyManagerPolicyOptions\" enabled");
    }
    qos_reserved(&mut o);
    reserved_resources(&mut o, "kubeReserved", "kube-reserved");
    reserved_resources(&mut o, "systemReserved", "system-reserved");
    tls(&mut o);
    let (cls, fv) = v.str("containerLogMaxSize");
    if let Err(e) = quantity::parse(cls) {
        o.push(
            "KL210",
            v.at(fv),
            "containerLogMaxSize",
            format!(
                "`containerLogMaxSize` {} is not a valid quantity: {e}",
                go_quote(&clean(cls))
            ),
            format!(
                "failed to parse container log max size {}: {e}",
                go_quote(cls)
            ),
            "use a quantity such as \"10Mi\" or \"50Mi\"",
        );
    } else if let Ok(q) = quantity::parse(cls)
        && q.milli
    {
        o.push(
            "KL418",
            v.at(fv),
            "containerLogMaxSize",
            format!(
                "`containerLogMaxSize` {} means {} bytes (`m` is milli)",
                go_quote(cls),
                q.value
            ),
            String::new(),
            "use Mi or M, e.g. \"10Mi\"",
        );
    }
}

fn unreachable_dur() -> ! {
    unreachable!("duration fields decode to TVal::Dur")
}

fn taints(o: &mut Out) {
    let Some(fv) = o.v.get("registerWithTaints") else {
        return;
    };
    for item in fv.val.as_list() {
        let t = item.val.as_obj();
        let s = |n: &str| {
            t.iter()
                .find(|f| f.name == n)
                .and_then(|f| f.val.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let (key, value, effect) = (s("key"), s("value"), s("effect"));
        let desc = format!("{{{key} {value} {effect}}}");
        let mut problems = Vec::new();
        if let Err(e) = qualified_name(&key) {
            problems.push(format!("key {}: {e}", go_quote(&clean(&key))));
        }
        if let Err(e) = label_value(&value) {
            problems.push(format!("value {}: {e}", go_quote(&clean(&value))));
        }
        if effect.is_empty() {
            problems.push("effect is required".into());
        } else if !["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(&effect.as_str()) {
            problems.push(format!(
                "effect {} must be one of NoSchedule, PreferNoSchedule, NoExecute",
                go_quote(&clean(&effect))
            ));
        }
        if !problems.is_empty() {
            o.push(
                "KL111",
                Some(item.span),
                "registerWithTaints",
                format!("invalid taint: {}", problems.join("; ")),
                format!("invalid taint: {}", clean(&desc)),
                "fix the taint's key, value and effect (NoSchedule, PreferNoSchedule or NoExecute)",
            );
        }
        if let Some(ta) = t.iter().find(|f| f.name == "timeAdded") {
            o.push(
                "KL111",
                Some(ta.key_span),
                "registerWithTaints.timeAdded",
                "`timeAdded` must not be set on a registration taint".into(),
                "taint.TimeAdded is not nil".into(),
                "remove `timeAdded`",
            );
        }
    }
}

/// Kubernetes qualified name: optional DNS-subdomain prefix and `/`, then a 1..63 character name.
pub fn qualified_name(s: &str) -> Result<(), String> {
    let (prefix, name) = match s.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, s),
    };
    if let Some(p) = prefix
        && (p.is_empty()
            || p.len() > 253
            || !p.split('.').all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && l.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !l.starts_with('-')
                    && !l.ends_with('-')
            }))
    {
        return Err("prefix part must be a lowercase DNS subdomain".into());
    }
    if name.is_empty() {
        return Err("name part must be non-empty".into());
    }
    if name.len() > 63 {
        return Err("name part must be no more than 63 characters".into());
    }
    if !name_chars(name) {
        return Err("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character".into());
    }
    Ok(())
}

fn name_chars(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(|c| c.is_ascii_alphanumeric())
        && b.last().is_some_and(|c| c.is_ascii_alphanumeric())
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

pub fn label_value(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Ok(());
    }
    if s.len() > 63 {
        return Err("must be no more than 63 characters".into());
    }
    if !name_chars(s) {
        return Err("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character".into());
    }
    Ok(())
}

fn shutdown(o: &mut Out) {
    let v = o.v;
    let (p, pfv) = v.dur("shutdownGracePeriod");
    let (c, cfv) = v.dur("shutdownGracePeriodCriticalPods");
    let by_prio = v
        .get("shutdownGracePeriodByPodPriority")
        .filter(|f| !f.val.as_list().is_empty());
    if v.gates.enabled("GracefulNodeShutdown") {
        if c > p {
            o.invalid(
                "KL113",
                cfv,
                "shutdownGracePeriodCriticalPods",
                format!(
                    "`shutdownGracePeriodCriticalPods` {} is longer than shutdownGracePeriod {}",
                    dur(c),
                    dur(p)
                ),
                &format!(
                    "shutdownGracePeriodCriticalPods {{{}}} must be <= shutdownGracePeriod {{{}}}",
                    dur(c),
                    dur(p)
                ),
                "the critical-pod period is part of shutdownGracePeriod; make it shorter or equal",
            );
        }
        if p < 0 || (p > 0 && p < S) {
            o.invalid(
                "KL104",
                pfv,
                "shutdownGracePeriod",
                format!(
                    "`shutdownGracePeriod` is {}; it must be 0 or at least 1s",
                    dur(p)
                ),
                &format!(
                    "shutdownGracePeriod {{{}}} must be either zero or otherwise >= 1 sec",
                    dur(p)
                ),
                "use 0 (disabled) or 1s or more",
            );
        }
        if c < 0 || (c > 0 && c < S) {
            o.invalid("KL104", cfv, "shutdownGracePeriodCriticalPods", format!("`shutdownGracePeriodCriticalPods` is {}; it must be 0 or at least 1s", dur(c)), &format!("shutdownGracePeriodCriticalPods {{{}}} must be either zero or otherwise >= 1 sec", dur(c)), "use 0 or 1s or more");
        }
    } else if p > 0 || c > 0 {
        o.gate_required(pfv.or(cfv), "shutdownGracePeriod", "GracefulNodeShutdown", "specifying shutdownGracePeriod or shutdownGracePeriodCriticalPods requires feature gate GracefulNodeShutdown");
    }
    if let Some(fv) = by_prio {
        if v.gates.enabled("GracefulNodeShutdownBasedOnPodPriority") {
            if p > 0 || c > 0 {
                o.invalid("KL113", Some(fv), "shutdownGracePeriodByPodPriority", "`shutdownGracePeriodByPodPriority` cannot be combined with shutdownGracePeriod/shutdownGracePeriodCriticalPods".into(), "Cannot specify both shutdownGracePeriodByPodPriority and shutdownGracePeriod at the same time", "use either the priority list or the two plain periods");
            }
        } else {
            o.gate_required(Some(fv), "shutdownGracePeriodByPodPriority", "GracefulNodeShutdownBasedOnPodPriority", "Specifying shutdownGracePeriodByPodPriority requires feature gate GracefulNodeShutdownBasedOnPodPriority");
        }
    }
}

fn enforce_node_allocatable(o: &mut Out) {
    let v = o.v;
    let (list, lfv) = v.list("enforceNodeAllocatable");
    let field = "enforceNodeAllocatable";
    let span_of = |sp: Option<Span>| sp.or_else(|| v.at(lfv));
    let has = |n: &str| list.iter().any(|(x, _)| *x == n);
    const FLAG: &str = "enforceNodeAllocatable (--enforce-node-allocatable)";
    for (a, b) in [
        ("system-reserved", "system-reserved-compressible"),
        ("kube-reserved", "kube-reserved-compressible"),
    ] {
        if has(a) && has(b) {
            o.push("KL114", v.at(lfv), field, format!("{a:?} and {b:?} cannot both be listed"), format!("invalid configuration: both {a:?} and {b:?} cannot be specified together in {FLAG}"), &format!("keep either {a:?} or {b:?}"));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for (name, sp) in &list {
        if seen.contains(name) {
            o.push(
                "KL114",
                span_of(*sp),
                field,
                format!("{} is listed twice", go_quote(&clean(name))),
                format!(
                    "invalid configuration: duplicated enforcements {} in {FLAG}",
                    go_quote(name)
                ),
                "list each enforcement once",
            );
        }
        seen.push(name);
        match *name {
            "system-reserved" | "system-reserved-compressible" => {
                if v.str("systemReservedCgroup").0.is_empty() {
                    o.push("KL114", span_of(*sp), field, format!("{name:?} needs systemReservedCgroup"), format!("invalid configuration: systemReservedCgroup (--system-reserved-cgroup) must be specified when \"system-reserved\" or \"system-reserved-compressible\" included in {FLAG}"), "set systemReservedCgroup (e.g. /system.slice) or drop the entry");
                }
            }
            "kube-reserved" | "kube-reserved-compressible" => {
                if v.str("kubeReservedCgroup").0.is_empty() {
                    o.push("KL114", span_of(*sp), field, format!("{name:?} needs kubeReservedCgroup"), format!("invalid configuration: kubeReservedCgroup (--kube-reserved-cgroup) must be specified when \"kube-reserved\" or \"kube-reserved-compressible\" included in {FLAG}"), "set kubeReservedCgroup (e.g. /kube.slice) or drop the entry");
                }
            }
            "none" => {
                if list.len() > 1 {
                    o.push("KL114", span_of(*sp), field, "\"none\" cannot be combined with other enforcements".into(), format!("invalid configuration: {FLAG} may not contain additional enforcements when \"none\" is specified"), "use either [\"none\"] or a list without it");
                }
            }
            "pods" => {}
            other => {
                let opts = [
                    "pods",
                    "system-reserved",
                    "system-reserved-compressible",
                    "kube-reserved",
                    "kube-reserved-compressible",
                    "none",
                ];
                let help = schema::suggest_in(opts.iter().copied(), other).map_or_else(
                    || format!("use one of: {}", opts.join(", ")),
                    |s| format!("did you mean {s:?}?"),
                );
                o.push("KL114", span_of(*sp), field, format!("unknown enforcement {}", go_quote(&clean(other))), format!("invalid configuration: option {} specified for {FLAG}. Valid options are \"pods\", \"system-reserved\", \"system-reserved-compressible\", \"kube-reserved\", \"kube-reserved-compressible\" or \"none\"", go_quote(other)), &help);
            }
        }
    }
    let real = list.iter().any(|(n, _)| *n != "none");
    let (per_qos, qfv) = v.bool("cgroupsPerQOS");
    if real && !per_qos {
        o.push("KL114", v.at(qfv.or(lfv)), "cgroupsPerQOS", "enforceNodeAllocatable needs cgroupsPerQOS: true".into(), format!("invalid configuration: cgroupsPerQOS (--cgroups-per-qos) must be set to true when \"pods\" contained in {FLAG}"), "set `cgroupsPerQOS: true`, or `enforceNodeAllocatable: []` (as Windows nodes need)");
    }
}

fn image_credentials(o: &mut Out) {
    let v = o.v;
    let gate = v.gates.enabled("KubeletEnsureSecretPulledImages");
    let (policy, pfv) = v.str("imagePullCredentialsVerificationPolicy");
    let allow = v.get("preloadedImagesVerificationAllowlist");
    if !gate {
        if pfv.is_some() {
            o.gate_required(pfv, "imagePullCredentialsVerificationPolicy", "KubeletEnsureSecretPulledImages", "`imagePullCredentialsVerificationPolicy` must not be set if KubeletEnsureSecretPulledImages feature gate is not enabled");
        }
        if let Some(a) = allow.filter(|a| !a.val.as_list().is_empty()) {
            o.gate_required(Some(a), "preloadedImagesVerificationAllowlist", "KubeletEnsureSecretPulledImages", "`preloadedImagesVerificationAllowlist` must not be set if KubeletEnsureSecretPulledImages feature gate is not enabled");
        }
        return;
    }
    let opts = [
        "NeverVerify",
        "NeverVerifyPreloadedImages",
        "NeverVerifyAllowlistedImages",
        "AlwaysVerify",
    ];
    o.one_of("imagePullCredentialsVerificationPolicy", &opts, format!("option {} specified for imagePullCredentialsVerificationPolicy. Valid options are \"NeverVerify\", \"NeverVerifyPreloadedImages\", \"NeverVerifyAllowlistedImages\" or \"AlwaysVerify\"", go_quote(policy)), true);
    let Some(a) = allow else { return };
    let items = a.val.as_list();
    if !items.is_empty() && policy != "NeverVerifyAllowlistedImages" {
        o.invalid("KL115", Some(a), "preloadedImagesVerificationAllowlist", format!("the allowlist only applies when imagePullCredentialsVerificationPolicy is \"NeverVerifyAllowlistedImages\" (it is {})", go_quote(policy)), "can't set `preloadedImagesVerificationAllowlist` if `imagePullCredentialsVertificationPolicy` is not \"NeverVerifyAllowlistedImages\"", "set the policy to NeverVerifyAllowlistedImages or remove the allowlist");
        // validation.go checks the patterns only in the `else` branch of this check.
        return;
    }
    for it in items {
        let s = it.val.as_str().unwrap_or_default();
        if let Err(e) = image_pattern(s) {
            o.push("KL115", Some(it.span), "preloadedImagesVerificationAllowlist", format!("invalid image pattern {}: {e}", go_quote(&clean(s))), format!("invalid configuration: invalid image pattern in `preloadedImagesVerificationAllowlist`: {}", go_quote(s)), "write a repository such as registry.k8s.io/pause or registry.example.com/team/*, without tag or digest");
        }
    }
}

/// An allowlist entry: an image reference without tag or digest, optionally ending in `/*`.
fn image_pattern(s: &str) -> Result<(), &'static str> {
    let base = s.strip_suffix("/*").unwrap_or(s);
    if base.is_empty() {
        return Err("empty pattern");
    }
    if base.contains('@') {
        return Err("digests are not allowed");
    }
    let last = base.rsplit('/').next().unwrap_or(base);
    if last.contains(':') {
        return Err("tags are not allowed");
    }
    if base.contains('*') {
        return Err("a wildcard is only allowed as a trailing /*");
    }
    if !base.bytes().all(|b| {
        b.is_ascii_lowercase()
            || b.is_ascii_digit()
            || matches!(b, b'.' | b'_' | b'-' | b'/' | b':')
    }) {
        return Err("invalid characters in image name");
    }
    Ok(())
}

/// Parses a cpuset list like `0-3,8,10-11`.
pub fn parse_cpuset(s: &str) -> Result<Vec<(u32, u32)>, String> {
    let mut out = Vec::new();
    if s.is_empty() {
        return Ok(out);
    }
    for part in s.split(',') {
        let part = part.trim();
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a, b),
            None => (part, part),
        };
        let a: u32 = a
            .parse()
            .map_err(|_| format!("strconv.Atoi: parsing {}: invalid syntax", go_quote(a)))?;
        let b: u32 = b
            .parse()
            .map_err(|_| format!("strconv.Atoi: parsing {}: invalid syntax", go_quote(b)))?;
        if a > b {
            return Err(format!("invalid range {}", go_quote(part)));
        }
        out.push((a, b));
    }
    Ok(out)
}

fn reserved_cpus(o: &mut Out) {
    let v = o.v;
    let (cpus, fv) = v.str("reservedSystemCPUs");
    if cpus.is_empty() {
        return;
    }
    if !v.str("systemReservedCgroup").0.is_empty() || !v.str("kubeReservedCgroup").0.is_empty() {
        o.invalid("KL116", fv, "reservedSystemCPUs", "`reservedSystemCPUs` cannot be combined with systemReservedCgroup or kubeReservedCgroup".into(), "can't use reservedSystemCPUs (--reserved-cpus) with systemReservedCgroup (--system-reserved-cgroup) or kubeReservedCgroup (--kube-reserved-cgroup)", "remove the reserved cgroups or reservedSystemCPUs");
    }
    if let Err(e) = parse_cpuset(cpus) {
        o.invalid(
            "KL116",
            fv,
            "reservedSystemCPUs",
            format!(
                "`reservedSystemCPUs` {} is not a cpuset list: {e}",
                go_quote(&clean(cpus))
            ),
            &format!("unable to parse reservedSystemCPUs (--reserved-cpus) {cpus}, error: {e}"),
            "write CPU ids and ranges such as \"0-1\" or \"0,2,4-5\"",
        );
    }
}

fn reserved_memory(o: &mut Out) {
    let Some(fv) = o.v.get("reservedMemory") else {
        return;
    };
    let mut seen: Vec<(i64, String)> = Vec::new();
    for item in fv.val.as_list() {
        let obj = item.val.as_obj();
        let numa = obj
            .iter()
            .find(|f| f.name == "numaNode")
            .and_then(|f| {
                if let TVal::Int(i) = f.val {
                    Some(i)
                } else {
                    None
                }
            })
            .unwrap_or(0);
        let Some(limits) = obj.iter().find(|f| f.name == "limits") else {
            continue;
        };
        for m in limits.val.as_map() {
            let key = m.key.as_str();
            if key != "memory" && !key.starts_with("hugepages-") {
                o.invalid_at("KL117", m.key_span, "reservedMemory.limits", format!("resource {} cannot be reserved per NUMA node (only memory and hugepages-<size>)", go_quote(&clean(key))), &format!("the limit type {} for NUMA node {numa} is not supported, only [memory hugepages-<HugePageSize>] is accepted", go_quote(key)), "use memory or hugepages-2Mi / hugepages-1Gi");
            }
            if m.val
                .as_str()
                .and_then(|q| quantity::parse(q).ok())
                .is_some_and(|q| q.is_zero)
            {
                o.invalid_at(
                    "KL117",
                    m.span,
                    "reservedMemory.limits",
                    format!("reserved {key} on NUMA node {numa} is zero"),
                    &format!(
                        "reserved memory may not be zero for NUMA node {numa} and resource {}",
                        go_quote(key)
                    ),
                    "remove the entry or reserve a positive amount",
                );
            }
            if seen.iter().any(|(n, k)| *n == numa && k == key) {
                o.invalid_at("KL117", m.key_span, "reservedMemory.limits", format!("NUMA node {numa} reserves {key} twice"), &format!("the reserved memory has a duplicate value for NUMA node {numa} and resource {}", go_quote(key)), "merge the duplicate entries");
            }
            seen.push((numa, key.to_string()));
        }
    }
}

/// component-base `logsapi.Validate` (k8s.io/component-base/logs/api/v1/options.go).
fn logging(o: &mut Out) {
    let v = o.v;
    let (format, ffv) = v.str("logging.format");
    o.one_of(
        "logging.format",
        &["text", "json"],
        format!(
            "logging.format: Invalid value: {}: Unsupported log format",
            go_quote(format)
        ),
        false, // a field error: no "invalid configuration" prefix
    );
    // The json format is registered with the LoggingBetaOptions gate.
    if format == "json" && !v.gates.enabled("LoggingBetaOptions") {
        o.push(
            "KL119",
            v.at(ffv),
            "logging.format",
            "`logging.format: json` needs feature gate LoggingBetaOptions".into(),
            "logging.format: Forbidden: Log format json is disabled, see LoggingBetaOptions feature".into(),
            "enable LoggingBetaOptions or use the text format",
        );
    }
    const MAX: i64 = i32::MAX as i64;
    if let Some((n, fv)) = v.opt_int("logging.verbosity")
        && n > MAX
    {
        o.push(
            "KL119",
            Some(fv.span),
            "logging.verbosity",
            format!("`logging.verbosity` {n} is above {MAX}"),
            format!("logging.verbosity: Invalid value: {n}: Must be <= {MAX}"),
            "use a small verbosity such as 2 or 4",
        );
    }
    if let Some(vm) = v.get("logging.vmodule") {
        let items = vm.val.as_list();
        if !items.is_empty() && format != "text" {
            o.push(
                "KL119",
                Some(vm.key_span),
                "logging.vmodule",
                "`logging.vmodule` only works with the text format".into(),
                "logging.vmodule: Forbidden: Only supported for text log format".into(),
                "remove vmodule or use `format: text`",
            );
        }
        for (i, item) in items.iter().enumerate() {
            let obj = item.val.as_obj();
            let pat = obj
                .iter()
                .find(|f| f.name == "filePattern")
                .and_then(|f| f.val.as_str())
                .unwrap_or_default();
            if pat.is_empty() {
                o.push(
                    "KL119",
                    Some(item.span),
                    "logging.vmodule",
                    format!("vmodule entry {i} has no filePattern"),
                    format!("logging.vmodule[{i}]: Required value: File pattern must not be empty"),
                    "give each entry a filePattern like \"kubelet*\" and a verbosity",
                );
            }
            if pat.contains(['=', ',']) {
                o.push("KL119", Some(item.span), "logging.vmodule", format!("vmodule entry {i} has filePattern {} with `=` or `,`", go_quote(&clean(pat))), format!("logging.vmodule[{i}]: Invalid value: {}: File pattern must not contain equal sign or comma", go_quote(pat)), "write one pattern per entry, without = or ,");
            }
            if let Some(TVal::Int(n)) = obj.iter().find(|f| f.name == "verbosity").map(|f| &f.val)
                && *n > MAX
            {
                o.push(
                    "KL119",
                    Some(item.span),
                    "logging.vmodule",
                    format!("vmodule entry {i} has verbosity {n} above {MAX}"),
                    format!("logging.vmodule[{i}]: Invalid value: {n}: Must be <= {MAX}"),
                    "use a small verbosity such as 4",
                );
            }
        }
    }
    // Both the text and the json output-routing options need LoggingAlphaOptions.
    for opt in ["text", "json"] {
        let gate = "LoggingAlphaOptions";
        if let Some(fv) = v.get(&format!("logging.options.{opt}")) {
            for f in fv.val.as_obj() {
                let set = match &f.val {
                    TVal::Bool(b) => *b,
                    TVal::Str(s) => quantity::parse(s).is_ok_and(|q| !q.is_zero),
                    TVal::Int(n) => *n != 0,
                    TVal::Float(x) => *x != 0.0,
                    _ => false,
                };
                if set && !v.gates.enabled(gate) {
                    let path = format!("logging.options.{opt}.{}", f.name);
                    o.push(
                        "KL119",
                        Some(f.span),
                        &path,
                        format!("`{path}` needs feature gate {gate}"),
                        format!("{path}: Forbidden: Feature {gate} is disabled"),
                        &format!("enable {gate} or remove the option"),
                    );
                }
            }
        }
    }
}

/// validation.go runs component-base `ValidateTracingConfiguration` when KubeletTracing is on;
/// kubelets where the gate could be off (≤1.33) reject any `tracing` with it off.
fn tracing(o: &mut Out) {
    let v = o.v;
    let Some(t) = v.get("tracing") else { return };
    if !v.gates.enabled("KubeletTracing") {
        o.gate_required(
            Some(t),
            "tracing",
            "KubeletTracing",
            "tracing should not be configured if KubeletTracing feature flag is disabled.",
        );
        return;
    }
    if let Some((rate, fv)) = v.opt_int("tracing.samplingRatePerMillion")
        && !(0..=1_000_000).contains(&rate)
    {
        let why = if rate < 0 {
            "sampling rate must be positive"
        } else {
            "sampling rate per million must be less than or equal to one million"
        };
        o.push(
            "KL103",
            Some(fv.span),
            "tracing.samplingRatePerMillion",
            format!("`tracing.samplingRatePerMillion` is {rate}; it must be 0..1000000"),
            format!("tracing.samplingRatePerMillion: Invalid value: {rate}: {why}"),
            "use a value from 0 to 1000000",
        );
    }
    if let Some(fv) = v.get("tracing.endpoint") {
        let ep = fv.val.as_str().unwrap_or_default();
        if let Err(why) = tracing_endpoint(ep) {
            // component-base reports the endpoint with `dns://` prepended when it had no `//`.
            let shown = if ep.contains("//") {
                ep.to_string()
            } else {
                format!("dns://{ep}")
            };
            o.push(
                "KL120",
                Some(fv.span),
                "tracing.endpoint",
                format!(
                    "`tracing.endpoint` {} is not a valid gRPC target: {}",
                    go_quote(&clean(ep)),
                    clean(&why)
                ),
                format!(
                    "tracing.endpoint: Invalid value: {}: {why}",
                    go_quote(&shown)
                ),
                "use host:port (e.g. localhost:4317), dns://host:port or unix:///path/to/socket",
            );
        }
    }
}

/// component-base `validateEndpoint`: without `//` the endpoint gets `dns://` prepended, is
/// parsed as a URL and its scheme must be dns, unix or unix-abstract. Go's `url.Parse` is
/// modelled for the errors a config file meets (control characters, bad port, bad host).
pub fn tracing_endpoint(ep: &str) -> Result<(), String> {
    let full = if ep.contains("//") {
        ep.to_string()
    } else {
        format!("dns://{ep}")
    };
    let q = go_quote(&full);
    if full.chars().any(|c| (c as u32) < 0x20 || c as u32 == 0x7f) {
        return Err(format!(
            "parse {q}: net/url: invalid control character in URL"
        ));
    }
    let Some((scheme, rest)) = full.split_once(':') else {
        return Err(format!("parse {q}: missing protocol scheme"));
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return Err(format!(
            "parse {q}: first path segment in URL cannot contain colon"
        ));
    }
    let scheme = scheme.to_ascii_lowercase();
    if let Some(auth) = rest.strip_prefix("//") {
        let auth = auth.split(['/', '?', '#']).next().unwrap_or_default();
        let host = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
        if host.contains(' ') {
            return Err(format!("parse {q}: invalid character \" \" in host name"));
        }
        if !host.starts_with('[')
            && let Some((_, port)) = host.rsplit_once(':')
            && !port.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(format!(
                "parse {q}: invalid port {} after host",
                go_quote(&format!(":{port}"))
            ));
        }
    }
    match scheme.as_str() {
        "dns" | "unix" | "unix-abstract" => Ok(()),
        other => Err(format!(
            "unsupported scheme: {other}.  Options are none, dns, unix, or unix-abstract.  See https://github.com/grpc/grpc/blob/master/doc/naming.md"
        )),
    }
}

fn pod_logs_dir(o: &mut Out) {
    let v = o.v;
    let Some(fv) = v.get("podLogsDir") else {
        return;
    };
    let dir = fv.val.as_str().unwrap_or_default();
    if dir.is_empty() {
        return; // "" is defaulted to /var/log/pods
    }
    let q = go_quote(dir);
    if !dir.starts_with('/') {
        o.invalid("KL122", Some(fv), "podLogsDir", format!("podLogsDir {} is not absolute (it is not resolved against the config file's directory)", go_quote(&clean(dir))), &format!("pod logs path {q} must be absolute path"), "use an absolute path such as /var/log/pods");
    } else if clean_path(dir) != dir {
        o.invalid(
            "KL122",
            Some(fv),
            "podLogsDir",
            format!(
                "podLogsDir {} is not normalized; the kubelet wants {}",
                go_quote(&clean(dir)),
                go_quote(&clean_path(dir))
            ),
            &format!("pod logs path {q} must be normalized"),
            &format!("write {}", clean_path(dir)),
        );
    }
    if !dir.is_ascii() {
        o.invalid(
            "KL122",
            Some(fv),
            "podLogsDir",
            format!(
                "podLogsDir {} contains non-ASCII characters",
                go_quote(&clean(dir))
            ),
            &format!("pod logs path {q} mut contains ASCII characters only"),
            "use an ASCII-only path",
        );
    }
}

/// Go's `filepath.Clean` for absolute Unix paths.
pub fn clean_path(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

fn qos_reserved(o: &mut Out) {
    let v = o.v;
    let Some(fv) = v.get("qosReserved") else {
        return;
    };
    let map = fv.val.as_map();
    if map.is_empty() {
        return;
    }
    if !v.gates.enabled("QOSReserved") {
        o.gate_required(
            Some(fv),
            "qosReserved",
            "QOSReserved",
            "qos-reserved requires feature gate QOSReserved",
        );
    }
    for m in map {
        let val = m.val.as_str().unwrap_or_default();
        if m.key != "memory" {
            o.push(
                "KL209",
                Some(m.key_span),
                "qosReserved",
                format!(
                    "qosReserved only supports memory, not {}",
                    go_quote(&clean(&m.key))
                ),
                format!(
                    "--qos-reserved value failed to parse: cannot reserve {} resource",
                    go_quote(&m.key)
                ),
                "use `memory: \"50%\"`",
            );
            continue;
        }
        let ok = val
            .strip_suffix('%')
            .and_then(|n| n.parse::<i64>().ok())
            .is_some_and(|n| (0..=100).contains(&n));
        if !ok {
            o.push(
                "KL209",
                Some(m.span),
                "qosReserved.memory",
                format!(
                    "qosReserved memory {} is not a percentage 0%..100%",
                    go_quote(&clean(val))
                ),
                format!(
                    "--qos-reserved value failed to parse: invalid percentage: {}",
                    go_quote(val)
                ),
                "write an integer percentage such as \"50%\"",
            );
        }
    }
}

fn reserved_resources(o: &mut Out, path: &str, flag: &str) {
    let Some(fv) = o.v.get(path) else { return };
    for m in fv.val.as_map() {
        let val = m.val.as_str().unwrap_or_default();
        let p = format!("{path}.{}", m.key);
        match m.key.as_str() {
            "cpu" | "memory" | "ephemeral-storage" | "pid" => {}
            other => {
                let help = schema::suggest_in(
                    ["cpu", "memory", "ephemeral-storage", "pid"].into_iter(),
                    other,
                )
                .map_or(
                    "reserve only cpu, memory, ephemeral-storage or pid".to_string(),
                    |s| format!("did you mean {s:?}?"),
                );
                o.push(
                    "KL206",
                    Some(m.key_span),
                    &p,
                    format!("{path} cannot reserve {}", go_quote(&clean(other))),
                    format!(
                        "--{flag} value failed to parse: cannot reserve {} resource",
                        go_quote(other)
                    ),
                    &help,
                );
                continue;
            }
        }
        match quantity::parse(val) {
            Err(e) => o.push("KL206", Some(m.span), &p, format!("`{p}` {} is not a valid quantity: {e}", go_quote(&clean(val))), format!("--{flag} value failed to parse: {e}"), "use a quantity such as 500m (cpu) or 1Gi (memory)"),
            Ok(q) if q.negative => o.push("KL206", Some(m.span), &p, format!("`{p}` is negative"), format!("--{flag} value failed to parse: resource quantity for {} cannot be negative: {val}", go_quote(&m.key)), "reserve zero or a positive amount"),
            Ok(q) if q.milli && matches!(m.key.as_str(), "memory" | "ephemeral-storage") => o.push("KL418", Some(m.span), &p, format!("`{p}` {} is {} bytes (`m` is milli)", go_quote(val), q.value), String::new(), "use Mi/Gi or M/G"),
            Ok(_) => {}
        }
    }
}

pub const STRONG_CIPHERS: &[&str] = &[
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
];

/// Cipher suite names known to component-base (Go's secure and insecure lists plus aliases).
pub const KNOWN_CIPHERS: &[&str] = &[
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_RSA_WITH_AES_128_CBC_SHA",
    "TLS_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_RSA_WITH_AES_256_CBC_SHA",
    "TLS_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
    "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
    "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
    "TLS_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_RSA_WITH_RC4_128_SHA",
];

fn tls(o: &mut Out) {
    let v = o.v;
    if let Some(fv) = v.get("tlsCipherSuites") {
        for it in fv.val.as_list() {
            let name = it.val.as_str().unwrap_or_default();
            if !KNOWN_CIPHERS.contains(&name) {
                let help = schema::suggest_in(KNOWN_CIPHERS.iter().copied(), name).map_or_else(
                    || {
                        "use Go cipher suite names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
                            .to_string()
                    },
                    |s| format!("did you mean {s}?"),
                );
                o.push(
                    "KL207",
                    Some(it.span),
                    "tlsCipherSuites",
                    format!("unknown cipher suite {}", go_quote(&clean(name))),
                    format!("Cipher suite {name} not supported or doesn't exist"),
                    &help,
                );
            }
        }
    }
    curves(o);
    let (ver, fv) = v.str("tlsMinVersion");
    if !ver.is_empty() {
        let known = [
            "VersionTLS10",
            "VersionTLS11",
            "VersionTLS12",
            "VersionTLS13",
        ];
        if !known.contains(&ver) {
            let help = schema::suggest_in(known.iter().copied(), ver).map_or_else(
                || "use VersionTLS12 or VersionTLS13".to_string(),
                |s| format!("did you mean {s}?"),
            );
            o.push(
                "KL208",
                v.at(fv),
                "tlsMinVersion",
                format!("unknown TLS version {}", go_quote(&clean(ver))),
                format!("unknown tls version {}", go_quote(ver)),
                &help,
            );
        } else if matches!(ver, "VersionTLS10" | "VersionTLS11") {
            o.push(
                "KL419",
                v.at(fv),
                "tlsMinVersion",
                format!("`tlsMinVersion: {ver}` allows deprecated TLS versions"),
                String::new(),
                "use VersionTLS12 or VersionTLS13",
            );
        }
    }
}

/// Go `crypto/tls` CurveIDs whose `String()` is a name: P-256, P-384, P-521, X25519 and
/// X25519MLKEM768 (Go 1.24+), plus SecP256r1MLKEM768 and SecP384r1MLKEM1024 (Go 1.26). Which
/// of the last two a kubelet accepts depends on the Go release it was built with; they are
/// accepted here rather than guessed wrong.
pub const KNOWN_CURVES: &[(i64, &str)] = &[
    (23, "CurveP256"),
    (24, "CurveP384"),
    (25, "CurveP521"),
    (29, "X25519"),
    (4587, "SecP256r1MLKEM768"),
    (4588, "X25519MLKEM768"),
    (4589, "SecP384r1MLKEM1024"),
];

/// `tlsCurvePreferences` (1.36+): numeric CurveIDs, parsed at start-up by component-base
/// `cliflag.TLSCurvePreferences`, which stops at the first bad entry.
fn curves(o: &mut Out) {
    let v = o.v;
    if v.minor < 36 {
        return;
    }
    let Some(fv) = v.get("tlsCurvePreferences") else {
        return;
    };
    let mut seen: Vec<i64> = Vec::new();
    for it in fv.val.as_list() {
        let TVal::Int(id) = it.val else { continue };
        let (msg, kubelet) = if !(1..=65535).contains(&id) {
            (
                format!("curve ID {id} is out of range"),
                format!("curve preference {id} is out of range (must be 1-65535)"),
            )
        } else if seen.contains(&id) {
            (
                format!("curve ID {id} is listed twice"),
                format!("duplicate curve preference {id}"),
            )
        } else if !KNOWN_CURVES.iter().any(|(c, _)| *c == id) {
            (
                format!("curve ID {id} is not a curve Go's crypto/tls knows"),
                format!("curve preference {id} is not supported by the current Go version"),
            )
        } else {
            seen.push(id);
            continue;
        };
        o.push(
            "KL211",
            Some(it.span),
            "tlsCurvePreferences",
            msg,
            kubelet,
            "use numeric Go CurveIDs, each once: 23 (P-256), 24 (P-384), 25 (P-521), 29 (X25519), 4588 (X25519MLKEM768)",
        );
        return;
    }
}

/// Feature-gate names and locks (validation rule 1; a panic during defaulting since 1.32).
pub fn feature_gates(v: &View, d: &mut Vec<Diagnostic>) {
    let Some(fv) = v.get("featureGates") else {
        return;
    };
    let minor = v.minor;
    let before = d.len();
    for m in fv.val.as_map() {
        let TVal::Bool(val) = m.val else { continue };
        let name = m.key.as_str();
        let shown = go_quote(&clean(name));
        match feature_gates::gate(name).map(|g| (g, g.at(minor))) {
            Some((g, Some(st))) => {
                if st.locked && val != st.default {
                    d.push(
                        Diagnostic::new(
                            "KL302",
                            Some(m.span),
                            format!(
                                "feature gate {name} is locked to {} in kubelet 1.{minor}",
                                st.default
                            ),
                        )
                        .field(format!("featureGates.{name}"))
                        .kubelet(format!(
                            "cannot set feature gate {name} to {val}, feature is locked to {}",
                            st.default
                        ))
                        .help(format!("remove `{name}` from featureGates")),
                    );
                } else if st.locked {
                    let when = match g.removal {
                        Some(r) if r <= minor => format!(
                            "; upstream scheduled its removal in 1.{r}, and a kubelet without it refuses to start"
                        ),
                        Some(r) => format!(" and is scheduled for removal in 1.{r}"),
                        None => " and will be removed in a later release".into(),
                    };
                    let stage = if st.stage == Stage::Deprecated {
                        "deprecated and locked"
                    } else {
                        "GA and locked"
                    };
                    d.push(
                        Diagnostic::new(
                            "KL303",
                            Some(m.key_span),
                            format!("feature gate {name} is {stage} to {}{when}", st.default),
                        )
                        .field(format!("featureGates.{name}"))
                        .help(format!("remove `{name}` from featureGates")),
                    );
                }
            }
            Some((g, None)) => {
                let why = match g.gone {
                    Some(gone) if minor >= gone => format!("was removed in 1.{gone}"),
                    _ => format!("does not exist yet in kubelet 1.{minor}"),
                };
                d.push(
                    Diagnostic::new(
                        "KL301",
                        Some(m.key_span),
                        format!("feature gate {shown} {why}"),
                    )
                    .field(format!("featureGates.{name}"))
                    .kubelet(format!("unrecognized feature gate: {name}"))
                    .help(format!("remove `{name}` from featureGates")),
                );
            }
            None => {
                let help = feature_gates_suggestion(name, minor);
                d.push(
                    Diagnostic::new(
                        "KL301",
                        Some(m.key_span),
                        format!("unknown feature gate {shown}"),
                    )
                    .field(format!("featureGates.{name}"))
                    .kubelet(format!("unrecognized feature gate: {name}"))
                    .help(help),
                );
            }
        }
    }
    // Rule 2: gate dependencies. component-base checks them only when every name is known and
    // no locked gate was flipped (it returns those errors first).
    let fatal = d[before..]
        .iter()
        .any(|x| x.code == "KL301" || x.code == "KL302");
    if !fatal {
        dependency_errors(v, fv, d);
    }
}

fn dependency_errors(v: &View, fv: &Fv, d: &mut Vec<Diagnostic>) {
    let map = fv.val.as_map();
    let entry = |n: &str| map.iter().find(|m| m.key == n);
    for viol in v.gates.dependency_violations() {
        let missing = viol.missing.join(" ");
        // Point at what the user wrote: the dependent gate, else the dependency they
        // switched off, else AllAlpha/AllBeta, else the featureGates map.
        let at = entry(viol.gate)
            .or_else(|| viol.missing.iter().find_map(|m| entry(m)))
            .or_else(|| entry("AllAlpha").or_else(|| entry("AllBeta")));
        let span = at.map_or(v.at(Some(fv)), |m| Some(m.key_span));
        let how = if entry(viol.gate).is_some() {
            "is enabled"
        } else {
            "is on by default"
        };
        let fix = viol
            .missing
            .iter()
            .map(|m| format!("{m}: true"))
            .collect::<Vec<_>>()
            .join(", ");
        d.push(
            Diagnostic::new(
                "KL304",
                span,
                format!(
                    "feature gate {} {how} but needs {} (disabled)",
                    viol.gate,
                    viol.missing.join(" and ")
                ),
            )
            .field(format!("featureGates.{}", viol.gate))
            .kubelet(format!(
                "{} is enabled, but depends on features that are disabled: [{missing}]",
                viol.gate
            ))
            .help(format!(
                "enable the dependency (`{fix}`) or set `{}: false`",
                viol.gate
            )),
        );
    }
}

fn feature_gates_suggestion(name: &str, minor: u8) -> String {
    match schema::suggest_in(feature_gates::names_at(minor), name) {
        Some(s) if s.eq_ignore_ascii_case(name) => {
            format!("did you mean {s}? (gate names are case-sensitive)")
        }
        Some(s) => format!("did you mean {s}?"),
        None => "remove it; the kubelet refuses to start with a gate it does not know".into(),
    }
}
