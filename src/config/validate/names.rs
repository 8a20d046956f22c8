//! Kubernetes names as apimachinery validates them (k8s.io/apimachinery/pkg/util/validation):
//! qualified names and label values, for `registerWithTaints`.

use super::*;

pub(super) fn taints(o: &mut Out) {
    let Some(fv) = o.v.get(crate::field!("registerWithTaints")) else {
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
            o.emit(Diagnostic::new(Code::KL111, Some(item.span), format!("invalid taint: {}", problems.join("; "))).field("registerWithTaints").kubelet(format!("invalid taint: {}", clean(&desc))).help("fix the taint's key, value and effect (NoSchedule, PreferNoSchedule or NoExecute)"));
        }
        if let Some(ta) = t.iter().find(|f| f.name == "timeAdded") {
            o.emit(
                Diagnostic::new(
                    Code::KL111,
                    Some(ta.key_span),
                    "`timeAdded` must not be set on a registration taint",
                )
                .field("registerWithTaints.timeAdded")
                .kubelet("taint.TimeAdded is not nil")
                .help("remove `timeAdded`"),
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

pub(super) fn name_chars(s: &str) -> bool {
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
