//! The `logging` section: component-base's `logsapi.Validate`
//! (k8s.io/component-base/logs/api/v1/options.go), which validation.go calls.

use super::*;

/// component-base `logsapi.Validate` (k8s.io/component-base/logs/api/v1/options.go).
pub(super) fn logging(o: &mut Out) {
    let v = o.v;
    let (format, ffv) = v.str(crate::field!("logging.format"));
    o.one_of(
        crate::field!("logging.format"),
        &["text", "json"],
        format!(
            "logging.format: Invalid value: {}: Unsupported log format",
            go_quote(format)
        ),
        false, // a field error: no "invalid configuration" prefix
    );
    // The json format is registered with the LoggingBetaOptions gate.
    if format == "json" && !v.gates.enabled("LoggingBetaOptions") {
        o.emit(Diagnostic::new(Code::KL119, v.at(ffv), "`logging.format: json` needs feature gate LoggingBetaOptions").field("logging.format").kubelet("logging.format: Forbidden: Log format json is disabled, see LoggingBetaOptions feature").help("enable LoggingBetaOptions or use the text format"));
    }
    const MAX: i64 = i32::MAX as i64;
    if let Some((n, fv)) = v.opt_int(crate::field!("logging.verbosity"))
        && n > MAX
    {
        o.emit(
            Diagnostic::new(
                Code::KL119,
                Some(fv.span),
                format!("`logging.verbosity` {n} is above {MAX}"),
            )
            .field("logging.verbosity")
            .kubelet(format!(
                "logging.verbosity: Invalid value: {n}: Must be <= {MAX}"
            ))
            .help("use a small verbosity such as 2 or 4"),
        );
    }
    if let Some(vm) = v.get(crate::field!("logging.vmodule")) {
        let items = vm.val.as_list();
        if !items.is_empty() && format != "text" {
            o.emit(
                Diagnostic::new(
                    Code::KL119,
                    Some(vm.key_span),
                    "`logging.vmodule` only works with the text format",
                )
                .field("logging.vmodule")
                .kubelet("logging.vmodule: Forbidden: Only supported for text log format")
                .help("remove vmodule or use `format: text`"),
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
                o.emit(
                    Diagnostic::new(
                        Code::KL119,
                        Some(item.span),
                        format!("vmodule entry {i} has no filePattern"),
                    )
                    .field("logging.vmodule")
                    .kubelet(format!(
                        "logging.vmodule[{i}]: Required value: File pattern must not be empty"
                    ))
                    .help("give each entry a filePattern like \"kubelet*\" and a verbosity"),
                );
            }
            if pat.contains(['=', ',']) {
                o.emit(Diagnostic::new(Code::KL119, Some(item.span), format!("vmodule entry {i} has filePattern {} with `=` or `,`", go_quote(&clean(pat)))).field("logging.vmodule").kubelet(format!("logging.vmodule[{i}]: Invalid value: {}: File pattern must not contain equal sign or comma", go_quote(pat))).help("write one pattern per entry, without = or ,"));
            }
            if let Some(TVal::Int(n)) = obj.iter().find(|f| f.name == "verbosity").map(|f| &f.val)
                && *n > MAX
            {
                o.emit(
                    Diagnostic::new(
                        Code::KL119,
                        Some(item.span),
                        format!("vmodule entry {i} has verbosity {n} above {MAX}"),
                    )
                    .field("logging.vmodule")
                    .kubelet(format!(
                        "logging.vmodule[{i}]: Invalid value: {n}: Must be <= {MAX}"
                    ))
                    .help("use a small verbosity such as 4"),
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
                    o.emit(
                        Diagnostic::new(
                            Code::KL119,
                            Some(f.span),
                            format!("`{path}` needs feature gate {gate}"),
                        )
                        .field(&path)
                        .kubelet(format!("{path}: Forbidden: Feature {gate} is disabled"))
                        .help(format!("enable {gate} or remove the option")),
                    );
                }
            }
        }
    }
}
