//! Eviction maps as `ParseThresholdConfig` (pkg/kubelet/eviction/helpers.go) parses them at
//! start-up: signal names, percentage and quantity thresholds, soft grace periods and minimum
//! reclaims. Errors here abort the kubelet.

use super::decode::MapItem;
use super::defaults::View;
use super::diagnostic::Diagnostic;
use super::quantity;
use super::rules::Code;
use super::schema;
use crate::go::duration;
use crate::go::strconv::quote as go_quote;
use crate::output::sanitize::clean;

pub const SIGNALS: &[&str] = &[
    "memory.available",
    "allocatableMemory.available",
    "nodefs.available",
    "nodefs.inodesFree",
    "imagefs.available",
    "imagefs.inodesFree",
    "containerfs.available",
    "containerfs.inodesFree",
    "pid.available",
];

/// A threshold value as the kubelet reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Threshold {
    /// Fraction 0..=1.
    Percent(f64),
    Quantity(f64),
    /// `0%` or `100%`: silently dropped.
    Dropped,
}

/// `parseThresholdStatement` for one value; the error text is the kubelet's.
pub fn parse_threshold(signal: &str, val: &str) -> Result<Threshold, String> {
    if val.ends_with('%') {
        if val == "0%" || val == "100%" {
            return Ok(Threshold::Dropped);
        }
        let p = parse_percentage(val)?;
        if p < 0.0 {
            return Err(format!(
                "eviction percentage threshold {signal} must be >= 0%: {val}"
            ));
        }
        if p > 1.0 {
            return Err(format!(
                "eviction percentage threshold {signal} must be <= 100%: {val}"
            ));
        }
        return Ok(Threshold::Percent(p));
    }
    let q = quantity::parse(val).map_err(str::to_string)?;
    if q.negative || q.is_zero {
        return Err(format!(
            "eviction threshold {signal} must be positive: {val}"
        ));
    }
    Ok(Threshold::Quantity(q.value))
}

/// `strconv.ParseFloat(strings.TrimRight(v, "%"), 32) / 100`.
fn parse_percentage(val: &str) -> Result<f64, String> {
    let num = val.trim_end_matches('%');
    let ok = !num.is_empty()
        && num
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && num.parse::<f64>().is_ok();
    if !ok {
        return Err(format!(
            "strconv.ParseFloat: parsing {}: invalid syntax",
            go_quote(num)
        ));
    }
    Ok(num.parse::<f64>().unwrap_or(0.0) / 100.0)
}

fn signal_ok(o: &mut Vec<Diagnostic>, map: &str, m: &MapItem) -> bool {
    if SIGNALS.contains(&m.key.as_str()) {
        return true;
    }
    let help = schema::suggest_in(SIGNALS.iter().copied(), &m.key).map_or_else(
        || {
            if m.key == "swap.available" {
                "swap.available is declared but not accepted by the threshold parser; remove it"
                    .to_string()
            } else {
                format!("use one of: {}", SIGNALS.join(", "))
            }
        },
        |s| format!("did you mean {s}? (signal names are case-sensitive)"),
    );
    o.push(
        Diagnostic::new(
            Code::KL201,
            Some(m.key_span),
            format!(
                "{map} uses unsupported eviction signal {}",
                go_quote(&clean(&m.key))
            ),
        )
        .field(format!("{map}.{}", m.key))
        .kubelet(format!("unsupported eviction signal {}", m.key))
        .help(help),
    );
    false
}

pub fn run(v: &View, d: &mut Vec<Diagnostic>) {
    for map in ["evictionHard", "evictionSoft"] {
        let Some(fv) = v.get(map) else { continue };
        for m in fv.val.as_map() {
            if !signal_ok(d, map, m) {
                continue;
            }
            let val = m.val.as_str().unwrap_or_default();
            let path = format!("{map}.{}", m.key);
            match parse_threshold(&m.key, val) {
                Err(e) => {
                    let help = if val.starts_with(['<', '>']) {
                        "drop the operator: the file takes a bare value such as \"100Mi\" or \"10%\" (`<` belongs to the --eviction-hard flag)"
                    } else if val.ends_with('%') {
                        "write a percentage from 0% to 100% without spaces, e.g. \"10%\""
                    } else {
                        "write a positive quantity such as \"500Mi\" or a percentage such as \"10%\""
                    };
                    d.push(Diagnostic::new(Code::KL202, Some(m.span), format!("`{path}` {}: {e}", go_quote(&clean(val)))).field(path).kubelet(e).help(help));
                }
                Ok(Threshold::Dropped) => d.push(
                    Diagnostic::new(Code::KL413, Some(m.span), format!("`{path}: {val}` disables the {} signal instead of setting a threshold", m.key))
                        .field(path)
                        .help(if val == "0%" { "remove the entry to say \"no threshold\" explicitly, or give a real threshold" } else { "100% would evict always; the kubelet ignores it — give a real threshold" }),
                ),
                Ok(Threshold::Quantity(q)) => {
                    if let Ok(pq) = quantity::parse(val)
                        && pq.milli && (m.key.starts_with("memory") || m.key.contains("fs.available")) {
                            d.push(Diagnostic::new(Code::KL418, Some(m.span), format!("`{path}` {} is {q} bytes (`m` is milli)", go_quote(val))).field(path.clone()).help("use Mi or Gi, e.g. \"100Mi\""));
                        }
                }
                Ok(Threshold::Percent(_)) => {}
            }
            if m.key.starts_with("containerfs.") {
                d.push(
                    Diagnostic::new(Code::KL414, Some(m.key_span), format!("`{map}.{}` has no effect: the kubelet replaces containerfs thresholds with the nodefs/imagefs ones", m.key))
                        .field(format!("{map}.{}", m.key))
                        .kubelet(format!("found {} for {} eviction. ignoring", m.key, if map == "evictionHard" { "hard" } else { "soft" }))
                        .help("set nodefs.* or imagefs.* instead"),
                );
            }
        }
    }
    let soft = v
        .get("evictionSoft")
        .map(|f| f.val.as_map())
        .unwrap_or_default();
    let grace = v.get(crate::field!("evictionSoftGracePeriod"));
    let grace_items = grace.map(|f| f.val.as_map()).unwrap_or_default();
    for m in grace_items {
        if !signal_ok(d, "evictionSoftGracePeriod", m) {
            continue;
        }
        let val = m.val.as_str().unwrap_or_default();
        let path = format!("evictionSoftGracePeriod.{}", m.key);
        match duration::parse(val) {
            Err(e) => d.push(
                Diagnostic::new(
                    Code::KL204,
                    Some(m.span),
                    format!(
                        "`{path}` {} is not a Go duration: {e}",
                        go_quote(&clean(val))
                    ),
                )
                .field(path)
                .kubelet(e)
                .help("write a duration such as \"1m30s\""),
            ),
            Ok(ns) if ns < 0 => d.push(
                Diagnostic::new(Code::KL204, Some(m.span), format!("`{path}` is negative"))
                    .field(path)
                    .kubelet(format!(
                        "invalid eviction grace period specified: {val}, must be a positive value"
                    ))
                    .help("use zero or a positive duration"),
            ),
            Ok(_) => {}
        }
    }
    for m in soft {
        // The kubelet drops a `0%` or `100%` threshold before it looks for a grace period
        // (`parseThresholdStatement` returns nil in pkg/kubelet/eviction/helpers.go), so such
        // an entry needs none; KL413 already says it does nothing.
        let dropped = matches!(m.val.as_str(), Some("0%" | "100%"));
        if SIGNALS.contains(&m.key.as_str())
            && !dropped
            && !grace_items.iter().any(|g| g.key == m.key)
        {
            d.push(
                Diagnostic::new(
                    Code::KL203,
                    Some(m.key_span),
                    format!("soft threshold `{}` has no evictionSoftGracePeriod", m.key),
                )
                .field(format!("evictionSoft.{}", m.key))
                .kubelet(format!(
                    "grace period must be specified for the soft eviction threshold {}",
                    m.key
                ))
                .help(format!(
                    "add `evictionSoftGracePeriod: {{{}: \"1m30s\"}}`",
                    m.key
                )),
            );
        }
    }
    if let Some(fv) = v.get(crate::field!("evictionMinimumReclaim")) {
        for m in fv.val.as_map() {
            if !signal_ok(d, "evictionMinimumReclaim", m) {
                continue;
            }
            let val = m.val.as_str().unwrap_or_default();
            let path = format!("evictionMinimumReclaim.{}", m.key);
            let err = if val.ends_with('%') {
                match parse_percentage(val) {
                    Err(e) => Some(e),
                    Ok(p) if p <= 0.0 => Some(format!(
                        "eviction percentage minimum reclaim {} must be positive: {val}",
                        m.key
                    )),
                    Ok(_) => None,
                }
            } else {
                match quantity::parse(val) {
                    Err(e) => Some(e.to_string()),
                    Ok(q) if q.negative => Some(format!(
                        "negative eviction minimum reclaim specified for {}",
                        m.key
                    )),
                    Ok(_) => None,
                }
            };
            if let Some(e) = err {
                d.push(
                    Diagnostic::new(
                        Code::KL205,
                        Some(m.span),
                        format!("`{path}` {}: {e}", go_quote(&clean(val))),
                    )
                    .field(path)
                    .kubelet(e)
                    .help(
                        "use a positive percentage such as \"5%\" or a quantity such as \"500Mi\"",
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds() {
        assert_eq!(
            parse_threshold("memory.available", "100Mi"),
            Ok(Threshold::Quantity(104_857_600.0))
        );
        assert_eq!(
            parse_threshold("nodefs.available", "7.5%"),
            Ok(Threshold::Percent(0.075))
        );
        assert_eq!(
            parse_threshold("nodefs.available", "0%"),
            Ok(Threshold::Dropped)
        );
        assert_eq!(
            parse_threshold("nodefs.available", "100%"),
            Ok(Threshold::Dropped)
        );
        assert!(parse_threshold("nodefs.available", "10 %").is_err());
        assert_eq!(
            parse_threshold("nodefs.available", "101%"),
            Err("eviction percentage threshold nodefs.available must be <= 100%: 101%".into())
        );
        assert_eq!(
            parse_threshold("nodefs.available", "-1%"),
            Err("eviction percentage threshold nodefs.available must be >= 0%: -1%".into())
        );
        assert_eq!(
            parse_threshold("memory.available", "0Mi"),
            Err("eviction threshold memory.available must be positive: 0Mi".into())
        );
        assert!(parse_threshold("memory.available", "<100Mi").is_err());
    }
}
