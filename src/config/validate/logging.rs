//! The `logging` section: component-base's `logsapi.Validate`
//! (k8s.io/component-base/logs/api/v1/options.go), which validation.go calls.

use super::*;

/// component-base `logsapi.Validate` (k8s.io/component-base/logs/api/v1/options.go).
pub(super) fn logging(o: &mut Out) {
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
            Code::KL119,
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
            Code::KL119,
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
                Code::KL119,
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
                    Code::KL119,
                    Some(item.span),
                    "logging.vmodule",
                    format!("vmodule entry {i} has no filePattern"),
                    format!("logging.vmodule[{i}]: Required value: File pattern must not be empty"),
                    "give each entry a filePattern like \"kubelet*\" and a verbosity",
                );
            }
            if pat.contains(['=', ',']) {
                o.push(Code::KL119, Some(item.span), "logging.vmodule", format!("vmodule entry {i} has filePattern {} with `=` or `,`", go_quote(&clean(pat))), format!("logging.vmodule[{i}]: Invalid value: {}: File pattern must not contain equal sign or comma", go_quote(pat)), "write one pattern per entry, without = or ,");
            }
            if let Some(TVal::Int(n)) = obj.iter().find(|f| f.name == "verbosity").map(|f| &f.val)
                && *n > MAX
            {
                o.push(
                    Code::KL119,
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
                        Code::KL119,
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
