//! How a config file differs from what a kubelet really runs (its `/configz`): flags and
//! drop-ins win over the file, so the live values are the truth. Values are compared after
//! the kubelet's defaulting, so an omitted field equals its default.

use super::decode::{self, Fv, TVal};
use super::defaults::View;
use super::schema::{self, Ty};
use super::secret;
use super::{LintOptions, SourceError, parse_doc, source};
use crate::go::duration;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DiffEntry {
    /// Dotted field path; map entries are `evictionHard.memory.available`.
    pub field: String,
    /// Effective value from the file, its default when the file leaves it out (`None`: unset,
    /// or a default this tool cannot compute).
    pub file: Option<String>,
    /// Value the kubelet runs with, the same way.
    pub live: Option<String>,
}

/// Fields that differ between a config file and a `/configz` body, sorted by field.
pub fn diff(
    file_bytes: &[u8],
    configz_bytes: &[u8],
    opts: &LintOptions,
) -> Result<Vec<DiffEntry>, SourceError> {
    diff_named("file", file_bytes, "configz", configz_bytes, opts)
}

/// [`diff`], with the names the inputs go by in error messages (a path, `node/NAME`).
/// Secret values (see `secret`) are compared as they are but shown redacted.
pub fn diff_named(
    file_name: &str,
    file_bytes: &[u8],
    configz_name: &str,
    configz_bytes: &[u8],
    opts: &LintOptions,
) -> Result<Vec<DiffEntry>, SourceError> {
    let minor = opts.kubelet_version.minor;
    let load = |name: &str, bytes: &[u8], configz: bool| -> Result<Vec<Fv>, SourceError> {
        let text = source::check(name, bytes)?;
        let doc = match parse_doc(name, text, configz)? {
            Ok(d) => d,
            Err(d) => {
                return Err(SourceError::NotKubeletConfiguration {
                    name: name.into(),
                    reason: d.message,
                });
            }
        };
        let mut sink = Vec::new();
        Ok(decode::decode(name, &doc, minor, configz, &mut sink)?.fields)
    };
    let file = load(file_name, file_bytes, false)?;
    let live = load(configz_name, configz_bytes, true)?;
    let file_view = View::new(&file, minor, None, false);
    let live_view = View::new(&live, minor, None, true);
    let mut file_flat = Vec::new();
    flatten(&file, "", &mut file_flat);
    let mut live_flat = Vec::new();
    flatten(&live, "", &mut live_flat);
    let mut paths: Vec<&String> = live_flat.iter().chain(&file_flat).map(|(p, _)| p).collect();
    paths.sort();
    paths.dedup();
    let mut out = Vec::new();
    for path in paths {
        if matches!(path.as_str(), "apiVersion" | "kind") {
            continue;
        }
        // Both sides after the kubelet's defaulting: a field one side leaves out reads as its
        // default there. An empty string or list is Go's "unset" and shown as such.
        let side = |flat: &[(String, String)], view: &View| {
            flat.iter()
                .find(|(p, _)| p == path)
                .map(|(_, v)| v.clone())
                .or_else(|| effective_default(view, path, flat))
                .filter(|v| !v.is_empty() && v != "[]")
        };
        let file_val = side(&file_flat, &file_view);
        let live_val = side(&live_flat, &live_view);
        if file_val != live_val {
            out.push(DiffEntry {
                field: path.clone(),
                file: file_val,
                live: live_val,
            });
        }
    }
    out.sort_by(|a, b| a.field.cmp(&b.field));
    for e in &mut out {
        for v in [&mut e.file, &mut e.live].into_iter().flatten() {
            *v = secret::shown(&e.field, v);
        }
    }
    Ok(out)
}

/// What a secret value is shown as.
pub const REDACTED: &str = secret::HIDDEN;

fn effective_default(v: &View, path: &str, file_flat: &[(String, String)]) -> Option<String> {
    // A map entry (evictionHard.x) whose map the file omits entirely.
    if let Some(rest) = path.strip_prefix("evictionHard.") {
        if file_flat
            .iter()
            .any(|(p, _)| p.starts_with("evictionHard."))
        {
            return None;
        }
        return v
            .eviction_hard()
            .into_iter()
            .find(|(k, ..)| k == rest)
            .map(|(_, val, ..)| val);
    }
    let field = schema::field_at(path)?;
    Some(match field.ty {
        Ty::Bool => v.bool(path).0.to_string(),
        Ty::Int32 | Ty::Int64 | Ty::Uint32 => v.int(path).0.to_string(),
        Ty::Float64 => v.float(path).0.to_string(),
        Ty::Dur | Ty::DurOrNanos => duration::format(v.dur(path).0),
        // Every quantity field of the config defaults to zero (logging's buffer sizes).
        Ty::QuantityValue if field.default == schema::Def::Zero => "0".to_string(),
        Ty::Str => v.str(path).0.to_string(),
        Ty::StrList => {
            let (l, _) = v.list(path);
            format!(
                "[{}]",
                l.iter().map(|(s, _)| *s).collect::<Vec<_>>().join(", ")
            )
        }
        _ => return None,
    })
}

fn show(v: &TVal) -> String {
    match v {
        TVal::Bool(b) => b.to_string(),
        TVal::Int(i) => i.to_string(),
        TVal::Float(f) => f.to_string(),
        TVal::Str(s) => s.clone(),
        TVal::Dur(d) => duration::format(*d),
        TVal::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| show(&i.val))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        TVal::Map(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|i| format!("{}: {}", i.key, show(&i.val)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        TVal::Obj(f) => format!(
            "{{{}}}",
            f.iter()
                .map(|x| format!("{}: {}", x.name, show(&x.val)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn flatten(fields: &[Fv], prefix: &str, out: &mut Vec<(String, String)>) {
    for f in fields {
        let path = if prefix.is_empty() {
            f.name.to_string()
        } else {
            format!("{prefix}.{}", f.name)
        };
        match &f.val {
            TVal::Obj(sub) => flatten(sub, &path, out),
            TVal::Map(m)
                if matches!(
                    f.name,
                    "evictionHard"
                        | "evictionSoft"
                        | "evictionSoftGracePeriod"
                        | "evictionMinimumReclaim"
                        | "featureGates"
                        | "kubeReserved"
                        | "systemReserved"
                        | "staticPodURLHeader"
                ) =>
            {
                for i in m {
                    out.push((format!("{path}.{}", i.key), show(&i.val)));
                }
            }
            v => out.push((path, show(v))),
        }
    }
}
