//! The checks of `ValidateKubeletConfiguration` (pkg/kubelet/apis/config/validation/validation.go),
//! run on defaulted values; each error carries the kubelet's `invalid configuration: ` text.
//! OS-specific checks (validation_linux.go, validation_windows.go) are not modelled yet.

use super::*;

/// All of `ValidateKubeletConfiguration` plus the start-up checks outside it.
pub fn run(v: &View, d: &mut Vec<Diagnostic>) {
    let mut o = Out { v, d };
    let minor = v.minor;
    let g = |n: &str| v.gates.enabled(n);

    // Rule 3 and the plain "must not be negative" family.
    let (lease, fv) = v.int(crate::field!("nodeLeaseDurationSeconds"));
    if lease <= 0 {
        o.emit(
            Diagnostic::new(
                Code::KL101,
                o.v.at(fv),
                format!("`nodeLeaseDurationSeconds` is {lease}; it must be greater than 0"),
            )
            .field("nodeLeaseDurationSeconds")
            .invalid("nodeLeaseDurationSeconds must be greater than 0")
            .help("use a positive number of seconds (default 40)"),
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
    let (sys_cg, fv) = v.str(crate::field!("systemCgroups"));
    if !sys_cg.is_empty() && v.str(crate::field!("cgroupRoot")).0.is_empty() {
        o.emit(Diagnostic::new(Code::KL107, o.v.at(fv), "`systemCgroups` is set but `cgroupRoot` is not").field("systemCgroups").invalid("systemCgroups (--system-cgroups) was specified and cgroupRoot (--cgroup-root) was not specified").help("set `cgroupRoot` (e.g. \"/\") or remove `systemCgroups`"));
    }

    // Ports (7, 26, 27).
    let (hp, fv) = v.int(crate::field!("healthzPort"));
    if hp != 0 && !(1..=65535).contains(&hp) {
        o.emit(
            Diagnostic::new(
                Code::KL102,
                o.v.at(fv),
                format!("`healthzPort` is {hp}; it must be 0 (disabled) or 1..65535"),
            )
            .field("healthzPort")
            .invalid(format!(
                "healthzPort (--healthz-port) {hp} must be between 1 and 65535, inclusive"
            ))
            .help("use a port from 1 to 65535, or 0 to disable"),
        );
    }
    let (port, fv) = v.int(crate::field!("port"));
    if !(1..=65535).contains(&port) {
        o.emit(
            Diagnostic::new(
                Code::KL102,
                o.v.at(fv),
                format!("`port` is {port}; it must be 1..65535"),
            )
            .field("port")
            .invalid(format!(
                "port (--port) {port} must be between 1 and 65535, inclusive"
            ))
            .help("use a port from 1 to 65535 (default 10250)"),
        );
    }
    let (ro, fv) = v.int(crate::field!("readOnlyPort"));
    if !(0..=65535).contains(&ro) {
        o.emit(
            Diagnostic::new(
                Code::KL102,
                o.v.at(fv),
                format!("`readOnlyPort` is {ro}; it must be 0 (disabled) or 1..65535"),
            )
            .field("readOnlyPort")
            .invalid(format!(
                "readOnlyPort (--read-only-port) {ro} must be between 0 and 65535, inclusive"
            ))
            .help("use 0 to disable the read-only port"),
        );
    }

    // CPU CFS quota period (8, 9).
    let (period, fv) = v.dur(crate::field!("cpuCFSQuotaPeriod"));
    if !g("CustomCPUCFSQuotaPeriod") && period != 100 * MS {
        o.gate_required(fv, "cpuCFSQuotaPeriod", "CustomCPUCFSQuotaPeriod", &format!("cpuCFSQuotaPeriod (--cpu-cfs-quota-period) {{{}}} requires feature gate CustomCPUCFSQuotaPeriod", dur(period)));
    } else if g("CustomCPUCFSQuotaPeriod") && !(MS..=S).contains(&period) {
        o.emit(Diagnostic::new(Code::KL104, o.v.at(fv), format!("`cpuCFSQuotaPeriod` is {}; it must be between 1ms and 1s", dur(period))).field("cpuCFSQuotaPeriod").invalid(format!("cpuCFSQuotaPeriod (--cpu-cfs-quota-period) {{{}}} must be between 1ms and 1sec, inclusive", dur(period))).help("use a period from 1ms to 1s (default 100ms)"));
    }

    // Image GC thresholds (10, 11, 12).
    let (high, hfv) = v.int(crate::field!("imageGCHighThresholdPercent"));
    let (low, lfv) = v.int(crate::field!("imageGCLowThresholdPercent"));
    o.range(
        Code::KL103,
        "imageGCHighThresholdPercent",
        "image-gc-high-threshold",
        0,
        100,
        0,
    );
    o.range(
        Code::KL103,
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
        o.emit(Diagnostic::new(Code::KL105, o.v.at(fv), format!("imageGCLowThresholdPercent {low} must be below imageGCHighThresholdPercent {high}{note}")).field(which).invalid(format!("imageGCLowThresholdPercent (--image-gc-low-threshold) {low} must be less than imageGCHighThresholdPercent (--image-gc-high-threshold) {high}")).help("set the low threshold below the high one, e.g. 80 and 85"));
    }

    // Image GC ages (13-16).
    let (max_age, maxfv) = v.dur(crate::field!("imageMaximumGCAge"));
    let (min_age, minfv) = v.dur(crate::field!("imageMinimumGCAge"));
    if max_age != 0 && !g("ImageMaximumGCAge") {
        o.gate_required(maxfv, "imageMaximumGCAge", "ImageMaximumGCAge", "ImageMaximumGCAge feature gate is required for Kubelet configuration option imageMaximumGCAge");
    }
    if minor >= 36 && min_age < 0 {
        o.emit(
            Diagnostic::new(
                Code::KL101,
                o.v.at(minfv),
                format!(
                    "`imageMinimumGCAge` is {}; it must not be negative",
                    dur(min_age)
                ),
            )
            .field("imageMinimumGCAge")
            .invalid(format!(
                "imageMinimumGCAge {} must not be negative",
                dur(min_age)
            ))
            .help("use a positive duration (default 2m)"),
        );
    }
    if max_age < 0 {
        o.emit(
            Diagnostic::new(
                Code::KL101,
                o.v.at(maxfv),
                format!(
                    "`imageMaximumGCAge` is {}; it must not be negative",
                    dur(max_age)
                ),
            )
            .field("imageMaximumGCAge")
            .invalid(format!(
                "imageMaximumGCAge {} must not be negative",
                dur(max_age)
            ))
            .help("use 0 (disabled) or a positive duration"),
        );
    }
    if max_age > 0 && max_age <= min_age {
        let note = if minfv.is_none() {
            " (the default)"
        } else {
            ""
        };
        o.emit(
            Diagnostic::new(
                Code::KL106,
                o.v.at(maxfv),
                format!(
                    "`imageMaximumGCAge` {} must be greater than imageMinimumGCAge {}{note}",
                    dur(max_age),
                    dur(min_age)
                ),
            )
            .field("imageMaximumGCAge")
            .invalid(format!(
                "imageMaximumGCAge {} must be greater than imageMinimumGCAge {}",
                dur(max_age),
                dur(min_age)
            ))
            .help("raise imageMaximumGCAge above imageMinimumGCAge, or set it to 0 to disable it"),
        );
    }

    // iptables bits (17, 18), nodeStatusMaxImages (21), oomScoreAdj (24).
    o.range(
        Code::KL103,
        "iptablesDropBit",
        "iptables-drop-bit",
        0,
        31,
        0,
    );
    o.range(
        Code::KL103,
        "iptablesMasqueradeBit",
        "iptables-masquerade-bit",
        0,
        31,
        0,
    );
    let (nsmi, fv) = v.int(crate::field!("nodeStatusMaxImages"));
    if nsmi < -1 {
        o.emit(
            Diagnostic::new(
                Code::KL103,
                o.v.at(fv),
                format!("`nodeStatusMaxImages` is {nsmi}; it must be -1 (no cap) or greater"),
            )
            .field("nodeStatusMaxImages")
            .invalid(format!(
                "nodeStatusMaxImages (--node-status-max-images) {nsmi} must be -1 or greater"
            ))
            .help("use -1 for no cap, or a non-negative number"),
        );
    }
    o.range(
        Code::KL103,
        "oomScoreAdj",
        "oom-score-adj",
        -1000,
        1000,
        -1000,
    );

    // Parallel image pulls (30, 31).
    if let Some((n, fv)) = v.opt_int(crate::field!("maxParallelImagePulls")) {
        if n < 1 {
            o.emit(
                Diagnostic::new(
                    Code::KL103,
                    o.v.at(Some(fv)),
                    format!("`maxParallelImagePulls` is {n}; it must be at least 1"),
                )
                .field("maxParallelImagePulls")
                .invalid(format!(
                    "maxParallelImagePulls {n} must be a positive number"
                ))
                .help("use 1 or more, or remove the field for no limit"),
            );
        }
        let (serialize, sfv) = v.bool(crate::field!("serializeImagePulls"));
        if serialize && n > 1 {
            let note = if sfv.is_some() {
                ""
            } else {
                " (it defaults to true)"
            };
            o.emit(Diagnostic::new(Code::KL108, o.v.at(Some(fv)), format!("`maxParallelImagePulls` is {n} but serializeImagePulls is true{note}")).field("maxParallelImagePulls").invalid("maxParallelImagePulls cannot be larger than 1 unless SerializeImagePulls (--serialize-image-pulls) is set to false").help("set `serializeImagePulls: false`"));
        }
    }

    // 32, 33.
    let (stb, fv) = v.bool(crate::field!("serverTLSBootstrap"));
    if stb && !g("RotateKubeletServerCertificate") {
        o.gate_required(
            fv,
            "serverTLSBootstrap",
            "RotateKubeletServerCertificate",
            "serverTLSBootstrap true requires feature gate RotateKubeletServerCertificate",
        );
    }
    let (run_once, fv) = v.bool(crate::field!("runOnce"));
    if run_once {
        o.emit(
            Diagnostic::new(
                Code::KL110,
                o.v.at(fv),
                "`runOnce: true` is no longer supported",
            )
            .field("runOnce")
            .invalid(
                "runOnce (--runOnce) true, Runonce mode has been deprecated and should not be set",
            )
            .help("remove `runOnce`"),
        );
    }

    taints(&mut o);

    // Topology manager (36, 37).
    let (tmp, _) = v.str(crate::field!("topologyManagerPolicy"));
    o.one_of(
crate::field!("topologyManagerPolicy"), &["none", "best-effort", "restricted", "single-numa-node"], format!("topologyManagerPolicy (--topology-manager-policy) {} must be one of: [\"best-effort\" \"none\" \"restricted\" \"single-numa-node\"]", go_quote(tmp)), true);
    let (tms, _) = v.str(crate::field!("topologyManagerScope"));
    o.one_of(
crate::field!("topologyManagerScope"), &["container", "pod"], format!("topologyManagerScope (--topology-manager-scope) {} must be one of: \"container\", or \"pod\"", go_quote(tms)), true);

    shutdown(&mut o);

    // Swap (44, 45).
    if let Some(fv) = v.get(crate::field!("memorySwap.swapBehavior")) {
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
            o.one_of(
crate::field!("memorySwap.swapBehavior"), &["", "NoSwap", "LimitedSwap"], format!("memorySwap.swapBehavior {} must be one of: \"\", \"LimitedSwap\" or \"NoSwap\"", go_quote(sb)), true);
        }
    }

    // Crash loop back-off (47, 48).
    if let Some(fv) = v.get(crate::field!("crashLoopBackOff.maxContainerRestartPeriod")) {
        let TVal::Dur(p) = fv.val else {
            unreachable_dur()
        };
        if g("KubeletCrashLoopBackOffMax") {
            if !(S..=300 * S).contains(&p) {
                o.emit(Diagnostic::new(Code::KL104, o.v.at(Some(fv)), format!("`crashLoopBackOff.maxContainerRestartPeriod` is {}; it must be between 1s and 300s", dur(p))).field("crashLoopBackOff.maxContainerRestartPeriod").invalid(format!("CrashLoopBackOff.MaxContainerRestartPeriod (got: {} seconds) must be set between 1s and 300s", p as f64 / S as f64)).help("use a duration from 1s to 5m"));
            }
        } else {
            o.gate_required(Some(fv), "crashLoopBackOff.maxContainerRestartPeriod", "KubeletCrashLoopBackOffMax", "FeatureGate KubeletCrashLoopBackOffMax not enabled, CrashLoopBackOff.MaxContainerRestartPeriod must not be set");
        }
    }

    enforce_node_allocatable(&mut o);

    // 57.
    let (hm, _) = v.str(crate::field!("hairpinMode"));
    o.one_of(
crate::field!("hairpinMode"), &["none", "hairpin-veth", "promiscuous-bridge"], format!("option {} specified for hairpinMode (--hairpin-mode). Valid options are \"none\", \"hairpin-veth\" or \"promiscuous-bridge\"", go_quote(hm)), true);

    image_credentials(&mut o);
    reserved_cpus(&mut o);
    reserved_memory(&mut o);

    // 68.
    let (shm, fv) = v.str(crate::field!("showHiddenMetricsForVersion"));
    if !shm.is_empty() {
        let prev = format!("1.{}", minor - 1);
        let ok = shm.trim_start_matches('v') == prev
            || shm.trim_start_matches('v').starts_with(&format!("{prev}."));
        if !ok {
            o.emit(Diagnostic::new(Code::KL118, v.at(fv), format!("`showHiddenMetricsForVersion` is {}; kubelet 1.{minor} only accepts {prev:?}", go_quote(&clean(shm)))).field("showHiddenMetricsForVersion").kubelet(format!("--show-hidden-metrics-for-version must be omitted or have the value '{prev}'. Only the previous minor version is allowed")).help(format!("use \"{prev}\" or remove the field")));
        }
    }

    logging(&mut o);
    tracing(&mut o);

    // 72-74.
    let (mtf, fv) = v.float(crate::field!("memoryThrottlingFactor"));
    if mtf <= 0.0 || mtf > 1.0 {
        o.emit(
            Diagnostic::new(
                Code::KL103,
                o.v.at(fv),
                format!(
                    "`memoryThrottlingFactor` is {mtf}; it must be greater than 0 and at most 1"
                ),
            )
            .field("memoryThrottlingFactor")
            .invalid(format!(
                "memoryThrottlingFactor {mtf} must be greater than 0 and less than or equal to 1.0"
            ))
            .help("use a value in (0, 1], e.g. 0.9"),
        );
    }
    if minor >= 36 {
        let (mrp, fv) = v.str(crate::field!("memoryReservationPolicy"));
        o.one_of(
crate::field!("memoryReservationPolicy"), &["None", "TieredReservation"], format!("option {} specified for memoryReservationPolicy. Valid options are \"None\" or \"TieredReservation\"", go_quote(mrp)), true);
        if mrp == "TieredReservation" && !g("MemoryQoS") {
            o.gate_required(fv, "memoryReservationPolicy", "MemoryQoS", "memoryReservationPolicy \"TieredReservation\" requires MemoryQoS feature gate to be enabled");
        }
    }

    // 76, 77.
    let (q, qfv) = v.bool(crate::field!("enableSystemLogQuery"));
    if q && !g("NodeLogQuery") {
        o.gate_required(
            qfv,
            "enableSystemLogQuery",
            "NodeLogQuery",
            "NodeLogQuery feature gate is required for enableSystemLogQuery",
        );
    }
    if q && !v.bool(crate::field!("enableSystemLogHandler")).0 {
        o.emit(
            Diagnostic::new(
                Code::KL121,
                o.v.at(qfv),
                "`enableSystemLogQuery` is true but enableSystemLogHandler is false",
            )
            .field("enableSystemLogQuery")
            .invalid("enableSystemLogHandler is required for enableSystemLogQuery")
            .help("set `enableSystemLogHandler: true` or disable the query"),
        );
    }

    // 78-80.
    let (w, fv) = v.int(crate::field!("containerLogMaxWorkers"));
    if w < 1 {
        o.emit(
            Diagnostic::new(
                Code::KL103,
                o.v.at(fv),
                format!("`containerLogMaxWorkers` is {w}; it must be at least 1"),
            )
            .field("containerLogMaxWorkers")
            .invalid("containerLogMaxWorkers must be greater than or equal to 1")
            .help("use 1 or more"),
        );
    }
    let (mi, fv) = v.dur(crate::field!("containerLogMonitorInterval"));
    if mi < 3 * S {
        o.emit(Diagnostic::new(Code::KL104, o.v.at(fv), format!("`containerLogMonitorInterval` is {}; it must be at least 3s", dur(mi))).field("containerLogMonitorInterval").invalid("containerLogMonitorInterval must be a positive time duration greater than or equal to 3s").help("use 3s or more (default 10s)"));
    }
    let (mf, fv) = v.int(crate::field!("containerLogMaxFiles"));
    if mf <= 1 {
        o.emit(
            Diagnostic::new(
                Code::KL103,
                o.v.at(fv),
                format!("`containerLogMaxFiles` is {mf}; it must be greater than 1"),
            )
            .field("containerLogMaxFiles")
            .invalid("containerLogMaxFiles must be greater than 1")
            .help("use 2 or more (default 5)"),
        );
    }

    pod_logs_dir(&mut o);

    // Start-up checks outside validation.
    let (am, _) = v.str(crate::field!("authorization.mode"));
    o.one_of(
        crate::field!("authorization.mode"),
        &["Webhook", "AlwaysAllow"],
        format!("unknown authorization mode {}", go_quote(am)),
        false,
    );
    let (cd, _) = v.str(crate::field!("cgroupDriver"));
    o.one_of(
        crate::field!("cgroupDriver"),
        &["cgroupfs", "systemd"],
        format!(
            "misconfiguration: kubelet cgroup driver: {} is not supported",
            go_quote(cd)
        ),
        false,
    );
    let (cmp, _) = v.str(crate::field!("cpuManagerPolicy"));
    o.one_of(
        crate::field!("cpuManagerPolicy"),
        &["none", "static"],
        format!("unknown policy: {}", go_quote(cmp)),
        false,
    );
    let (mmp, _) = v.str(crate::field!("memoryManagerPolicy"));
    o.one_of(
        crate::field!("memoryManagerPolicy"),
        &["None", "Static"],
        format!("unknown policy: {}", go_quote(mmp)),
        false,
    );
    let (cms, _) = v.str(crate::field!("configMapAndSecretChangeDetectionStrategy"));
    o.one_of(
        crate::field!("configMapAndSecretChangeDetectionStrategy"),
        &["Get", "Cache", "Watch"],
        format!(
            "unknown configmap and secret manager mode: {}",
            go_quote(cms)
        ),
        false,
    );

    if let Some(fv) = v.get(crate::field!("topologyManagerPolicyOptions"))
        && !fv.val.as_map().is_empty()
        && !g("TopologyManagerPolicyOptions")
    {
        o.gate_required(Some(fv), "topologyManagerPolicyOptions", "TopologyManagerPolicyOptions", "topology manager policy options require feature gate \"TopologyManagerPolicyOptions\" enabled");
    }
    qos_reserved(&mut o);
    reserved_resources(&mut o, "kubeReserved", "kube-reserved");
    reserved_resources(&mut o, "systemReserved", "system-reserved");
    tls(&mut o);
    let (cls, fv) = v.str(crate::field!("containerLogMaxSize"));
    if let Err(e) = quantity::parse(cls) {
        o.emit(
            Diagnostic::new(
                Code::KL210,
                v.at(fv),
                format!(
                    "`containerLogMaxSize` {} is not a valid quantity: {e}",
                    go_quote(&clean(cls))
                ),
            )
            .field("containerLogMaxSize")
            .kubelet(format!(
                "failed to parse container log max size {}: {e}",
                go_quote(cls)
            ))
            .help("use a quantity such as \"10Mi\" or \"50Mi\""),
        );
    } else if let Ok(q) = quantity::parse(cls)
        && q.milli
    {
        o.emit(
            Diagnostic::new(
                Code::KL418,
                v.at(fv),
                format!(
                    "`containerLogMaxSize` {} means {} bytes (`m` is milli)",
                    go_quote(cls),
                    q.value
                ),
            )
            .field("containerLogMaxSize")
            .help("use Mi or M, e.g. \"10Mi\""),
        );
    }
}

pub(super) fn unreachable_dur() -> ! {
    unreachable!("duration fields decode to TVal::Dur")
}

pub(super) fn shutdown(o: &mut Out) {
    let v = o.v;
    let (p, pfv) = v.dur(crate::field!("shutdownGracePeriod"));
    let (c, cfv) = v.dur(crate::field!("shutdownGracePeriodCriticalPods"));
    let by_prio = v
        .get("shutdownGracePeriodByPodPriority")
        .filter(|f| !f.val.as_list().is_empty());
    if v.gates.enabled("GracefulNodeShutdown") {
        if c > p {
            o.emit(Diagnostic::new(Code::KL113, o.v.at(cfv), format!(
                    "`shutdownGracePeriodCriticalPods` {} is longer than shutdownGracePeriod {}",
                    dur(c),
                    dur(p)
                )).field("shutdownGracePeriodCriticalPods").invalid(format!(
                    "shutdownGracePeriodCriticalPods {{{}}} must be <= shutdownGracePeriod {{{}}}",
                    dur(c),
                    dur(p)
                )).help("the critical-pod period is part of shutdownGracePeriod; make it shorter or equal"));
        }
        if p < 0 || (p > 0 && p < S) {
            o.emit(
                Diagnostic::new(
                    Code::KL104,
                    o.v.at(pfv),
                    format!(
                        "`shutdownGracePeriod` is {}; it must be 0 or at least 1s",
                        dur(p)
                    ),
                )
                .field("shutdownGracePeriod")
                .invalid(format!(
                    "shutdownGracePeriod {{{}}} must be either zero or otherwise >= 1 sec",
                    dur(p)
                ))
                .help("use 0 (disabled) or 1s or more"),
            );
        }
        if c < 0 || (c > 0 && c < S) {
            o.emit(Diagnostic::new(Code::KL104, o.v.at(cfv), format!("`shutdownGracePeriodCriticalPods` is {}; it must be 0 or at least 1s", dur(c))).field("shutdownGracePeriodCriticalPods").invalid(format!("shutdownGracePeriodCriticalPods {{{}}} must be either zero or otherwise >= 1 sec", dur(c))).help("use 0 or 1s or more"));
        }
    } else if p > 0 || c > 0 {
        // Name and point at the field the user wrote: the critical-pods one may stand alone.
        let (fv, path) = if p > 0 {
            (pfv, "shutdownGracePeriod")
        } else {
            (cfv, "shutdownGracePeriodCriticalPods")
        };
        o.gate_required(fv, path, "GracefulNodeShutdown", "specifying shutdownGracePeriod or shutdownGracePeriodCriticalPods requires feature gate GracefulNodeShutdown");
    }
    if let Some(fv) = by_prio {
        if v.gates.enabled("GracefulNodeShutdownBasedOnPodPriority") {
            if p > 0 || c > 0 {
                o.emit(Diagnostic::new(Code::KL113, o.v.at(Some(fv)), "`shutdownGracePeriodByPodPriority` cannot be combined with shutdownGracePeriod/shutdownGracePeriodCriticalPods").field("shutdownGracePeriodByPodPriority").invalid("Cannot specify both shutdownGracePeriodByPodPriority and shutdownGracePeriod at the same time").help("use either the priority list or the two plain periods"));
            }
        } else {
            o.gate_required(Some(fv), "shutdownGracePeriodByPodPriority", "GracefulNodeShutdownBasedOnPodPriority", "Specifying shutdownGracePeriodByPodPriority requires feature gate GracefulNodeShutdownBasedOnPodPriority");
        }
    }
}

pub(super) fn enforce_node_allocatable(o: &mut Out) {
    let v = o.v;
    let (list, lfv) = v.list(crate::field!("enforceNodeAllocatable"));
    let field = "enforceNodeAllocatable";
    let span_of = |sp: Option<Span>| sp.or_else(|| v.at(lfv));
    let has = |n: &str| list.iter().any(|(x, _)| *x == n);
    const FLAG: &str = "enforceNodeAllocatable (--enforce-node-allocatable)";
    for (a, b) in [
        ("system-reserved", "system-reserved-compressible"),
        ("kube-reserved", "kube-reserved-compressible"),
    ] {
        if has(a) && has(b) {
            o.emit(Diagnostic::new(Code::KL114, v.at(lfv), format!("{a:?} and {b:?} cannot both be listed")).field(field).kubelet(format!("invalid configuration: both {a:?} and {b:?} cannot be specified together in {FLAG}")).help(format!("keep either {a:?} or {b:?}")));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for (name, sp) in &list {
        if seen.contains(name) {
            o.emit(
                Diagnostic::new(
                    Code::KL114,
                    span_of(*sp),
                    format!("{} is listed twice", go_quote(&clean(name))),
                )
                .field(field)
                .kubelet(format!(
                    "invalid configuration: duplicated enforcements {} in {FLAG}",
                    go_quote(name)
                ))
                .help("list each enforcement once"),
            );
        }
        seen.push(name);
        match *name {
            "system-reserved" | "system-reserved-compressible" => {
                if v.str(crate::field!("systemReservedCgroup")).0.is_empty() {
                    o.emit(Diagnostic::new(Code::KL114, span_of(*sp), format!("{name:?} needs systemReservedCgroup")).field(field).kubelet(format!("invalid configuration: systemReservedCgroup (--system-reserved-cgroup) must be specified when \"system-reserved\" or \"system-reserved-compressible\" included in {FLAG}")).help("set systemReservedCgroup (e.g. /system.slice) or drop the entry"));
                }
            }
            "kube-reserved" | "kube-reserved-compressible" => {
                if v.str(crate::field!("kubeReservedCgroup")).0.is_empty() {
                    o.emit(Diagnostic::new(Code::KL114, span_of(*sp), format!("{name:?} needs kubeReservedCgroup")).field(field).kubelet(format!("invalid configuration: kubeReservedCgroup (--kube-reserved-cgroup) must be specified when \"kube-reserved\" or \"kube-reserved-compressible\" included in {FLAG}")).help("set kubeReservedCgroup (e.g. /kube.slice) or drop the entry"));
                }
            }
            "none" => {
                if list.len() > 1 {
                    o.emit(Diagnostic::new(Code::KL114, span_of(*sp), "\"none\" cannot be combined with other enforcements").field(field).kubelet(format!("invalid configuration: {FLAG} may not contain additional enforcements when \"none\" is specified")).help("use either [\"none\"] or a list without it"));
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
                o.emit(Diagnostic::new(Code::KL114, span_of(*sp), format!("unknown enforcement {}", go_quote(&clean(other)))).field(field).kubelet(format!("invalid configuration: option {} specified for {FLAG}. Valid options are \"pods\", \"system-reserved\", \"system-reserved-compressible\", \"kube-reserved\", \"kube-reserved-compressible\" or \"none\"", go_quote(other))).help(&help));
            }
        }
    }
    let real = list.iter().any(|(n, _)| *n != "none");
    let (per_qos, qfv) = v.bool(crate::field!("cgroupsPerQOS"));
    if real && !per_qos {
        o.emit(Diagnostic::new(Code::KL114, v.at(qfv.or(lfv)), "enforceNodeAllocatable needs cgroupsPerQOS: true").field("cgroupsPerQOS").kubelet(format!("invalid configuration: cgroupsPerQOS (--cgroups-per-qos) must be set to true when \"pods\" contained in {FLAG}")).help("set `cgroupsPerQOS: true`, or `enforceNodeAllocatable: []` (as Windows nodes need)"));
    }
}

pub(super) fn image_credentials(o: &mut Out) {
    let v = o.v;
    let gate = v.gates.enabled("KubeletEnsureSecretPulledImages");
    let (policy, pfv) = v.str(crate::field!("imagePullCredentialsVerificationPolicy"));
    let allow = v.get(crate::field!("preloadedImagesVerificationAllowlist"));
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
    o.one_of(
crate::field!("imagePullCredentialsVerificationPolicy"), &opts, format!("option {} specified for imagePullCredentialsVerificationPolicy. Valid options are \"NeverVerify\", \"NeverVerifyPreloadedImages\", \"NeverVerifyAllowlistedImages\" or \"AlwaysVerify\"", go_quote(policy)), true);
    let Some(a) = allow else { return };
    let items = a.val.as_list();
    if !items.is_empty() && policy != "NeverVerifyAllowlistedImages" {
        o.emit(Diagnostic::new(Code::KL115, o.v.at(Some(a)), format!("the allowlist only applies when imagePullCredentialsVerificationPolicy is \"NeverVerifyAllowlistedImages\" (it is {})", go_quote(policy))).field("preloadedImagesVerificationAllowlist").invalid("can't set `preloadedImagesVerificationAllowlist` if `imagePullCredentialsVertificationPolicy` is not \"NeverVerifyAllowlistedImages\"").help("set the policy to NeverVerifyAllowlistedImages or remove the allowlist"));
        // validation.go checks the patterns only in the `else` branch of this check.
        return;
    }
    for it in items {
        let s = it.val.as_str().unwrap_or_default();
        if let Err(e) = image_pattern(s) {
            o.emit(Diagnostic::new(Code::KL115, Some(it.span), format!("invalid image pattern {}: {e}", go_quote(&clean(s)))).field("preloadedImagesVerificationAllowlist").kubelet(format!("invalid configuration: invalid image pattern in `preloadedImagesVerificationAllowlist`: {}", go_quote(s))).help("write a repository such as registry.k8s.io/pause or registry.example.com/team/*, without tag or digest"));
        }
    }
}

/// An allowlist entry: an image reference without tag or digest, optionally ending in `/*`.
pub(super) fn image_pattern(s: &str) -> Result<(), &'static str> {
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

pub(super) fn reserved_cpus(o: &mut Out) {
    let v = o.v;
    let (cpus, fv) = v.str(crate::field!("reservedSystemCPUs"));
    if cpus.is_empty() {
        return;
    }
    if !v.str(crate::field!("systemReservedCgroup")).0.is_empty()
        || !v.str(crate::field!("kubeReservedCgroup")).0.is_empty()
    {
        o.emit(Diagnostic::new(Code::KL116, o.v.at(fv), "`reservedSystemCPUs` cannot be combined with systemReservedCgroup or kubeReservedCgroup").field("reservedSystemCPUs").invalid("can't use reservedSystemCPUs (--reserved-cpus) with systemReservedCgroup (--system-reserved-cgroup) or kubeReservedCgroup (--kube-reserved-cgroup)").help("remove the reserved cgroups or reservedSystemCPUs"));
    }
    if let Err(e) = parse_cpuset(cpus) {
        o.emit(
            Diagnostic::new(
                Code::KL116,
                o.v.at(fv),
                format!(
                    "`reservedSystemCPUs` {} is not a cpuset list: {e}",
                    go_quote(&clean(cpus))
                ),
            )
            .field("reservedSystemCPUs")
            .invalid(format!(
                "unable to parse reservedSystemCPUs (--reserved-cpus) {cpus}, error: {e}"
            ))
            .help("write CPU ids and ranges such as \"0-1\" or \"0,2,4-5\""),
        );
    }
}

pub(super) fn reserved_memory(o: &mut Out) {
    let Some(fv) = o.v.get(crate::field!("reservedMemory")) else {
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
                o.emit(Diagnostic::new(Code::KL117, Some(m.key_span), format!("resource {} cannot be reserved per NUMA node (only memory and hugepages-<size>)", go_quote(&clean(key)))).field("reservedMemory.limits").invalid(format!("the limit type {} for NUMA node {numa} is not supported, only [memory hugepages-<HugePageSize>] is accepted", go_quote(key))).help("use memory or hugepages-2Mi / hugepages-1Gi"));
            }
            if m.val
                .as_str()
                .and_then(|q| quantity::parse(q).ok())
                .is_some_and(|q| q.is_zero)
            {
                o.emit(
                    Diagnostic::new(
                        Code::KL117,
                        Some(m.span),
                        format!("reserved {key} on NUMA node {numa} is zero"),
                    )
                    .field("reservedMemory.limits")
                    .invalid(format!(
                        "reserved memory may not be zero for NUMA node {numa} and resource {}",
                        go_quote(key)
                    ))
                    .help("remove the entry or reserve a positive amount"),
                );
            }
            if seen.iter().any(|(n, k)| *n == numa && k == key) {
                o.emit(Diagnostic::new(Code::KL117, Some(m.key_span), format!("NUMA node {numa} reserves {key} twice")).field("reservedMemory.limits").invalid(format!("the reserved memory has a duplicate value for NUMA node {numa} and resource {}", go_quote(key))).help("merge the duplicate entries"));
            }
            seen.push((numa, key.to_string()));
        }
    }
}

pub(super) fn pod_logs_dir(o: &mut Out) {
    let v = o.v;
    let Some(fv) = v.get(crate::field!("podLogsDir")) else {
        return;
    };
    let dir = fv.val.as_str().unwrap_or_default();
    if dir.is_empty() {
        return; // "" is defaulted to /var/log/pods
    }
    let q = go_quote(dir);
    if !dir.starts_with('/') {
        o.emit(Diagnostic::new(Code::KL122, o.v.at(Some(fv)), format!("podLogsDir {} is not absolute (it is not resolved against the config file's directory)", go_quote(&clean(dir)))).field("podLogsDir").invalid(format!("pod logs path {q} must be absolute path")).help("use an absolute path such as /var/log/pods"));
    } else if crate::go::filepath::clean(dir) != dir {
        o.emit(
            Diagnostic::new(
                Code::KL122,
                o.v.at(Some(fv)),
                format!(
                    "podLogsDir {} is not normalized; the kubelet wants {}",
                    go_quote(&clean(dir)),
                    go_quote(&crate::go::filepath::clean(dir))
                ),
            )
            .field("podLogsDir")
            .invalid(format!("pod logs path {q} must be normalized"))
            .help(format!("write {}", crate::go::filepath::clean(dir))),
        );
    }
    if !dir.is_ascii() {
        o.emit(
            Diagnostic::new(
                Code::KL122,
                o.v.at(Some(fv)),
                format!(
                    "podLogsDir {} contains non-ASCII characters",
                    go_quote(&clean(dir))
                ),
            )
            .field("podLogsDir")
            .invalid(format!(
                "pod logs path {q} mut contains ASCII characters only"
            ))
            .help("use an ASCII-only path"),
        );
    }
}
