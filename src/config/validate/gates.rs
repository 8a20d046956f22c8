//! Feature gates as component-base's `featuregate` checks them: unknown and locked gates, and
//! (1.35+) dependencies between gates.

use super::*;

/// Feature-gate names and locks (validation rule 1; a panic during defaulting since 1.32).
pub fn feature_gates(v: &View, d: &mut Vec<Diagnostic>) {
    let Some(fv) = v.get(crate::field!("featureGates")) else {
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
                            Code::KL302,
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
                            Code::KL303,
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
                        Code::KL301,
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
                        Code::KL301,
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
        .any(|x| x.code == Code::KL301 || x.code == Code::KL302);
    if !fatal {
        dependency_errors(v, fv, d);
    }
}

pub(super) fn dependency_errors(v: &View, fv: &Fv, d: &mut Vec<Diagnostic>) {
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
                Code::KL304,
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

pub(super) fn feature_gates_suggestion(name: &str, minor: u8) -> String {
    match schema::suggest_in(feature_gates::names_at(minor), name) {
        Some(s) if s.eq_ignore_ascii_case(name) => {
            format!("did you mean {s}? (gate names are case-sensitive)")
        }
        Some(s) => format!("did you mean {s}?"),
        None => "remove it; the kubelet refuses to start with a gate it does not know".into(),
    }
}
