//! The kubelet's defaulting (`SetDefaults_KubeletConfiguration` plus the evictionHard default
//! applied in `loadConfigFile`), exposed as a view: every lookup returns the effective value
//! and, when the file wrote it, the field it came from.

use super::decode::{Fv, TVal, get};
use super::feature_gates::Gates;
use super::schema::{self, Def};
use super::tree::Span;

const S: i64 = 1_000_000_000;
const MIN: i64 = 60 * S;

/// The table's default for `path` (`Def::Zero` for a path that names no field).
fn default_of(path: &str) -> Def {
    schema::field_at(path).map_or(Def::Zero, |f| f.default)
}

/// Linux `DefaultEvictionHard` (imagefs.inodesFree since 1.30).
pub const EVICTION_HARD_DEFAULTS: &[(&str, &str)] = &[
    ("memory.available", "100Mi"),
    ("nodefs.available", "10%"),
    ("nodefs.inodesFree", "5%"),
    ("imagefs.available", "15%"),
    ("imagefs.inodesFree", "5%"),
];

/// The Windows kubelet's `DefaultEvictionHard` (`pkg/kubelet/eviction/defaults_windows.go`).
pub const EVICTION_HARD_DEFAULTS_WINDOWS: &[(&str, &str)] =
    &[("memory.available", "500Mi"), ("nodefs.available", "10%")];

pub struct View<'a> {
    pub fields: &'a [Fv],
    pub minor: u8,
    pub gates: Gates,
    /// Where to point findings about values written nowhere (the `kind` key).
    pub anchor: Option<Span>,
    /// Linting a live `/configz` (already defaulted; CIS "key present" checks do not apply).
    pub configz: bool,
}

/// An effective value and the field that set it (None = default).
pub type Eff<'a, T> = (T, Option<&'a Fv>);

impl<'a> View<'a> {
    pub fn new(fields: &'a [Fv], minor: u8, anchor: Option<Span>, configz: bool) -> Self {
        let explicit = get(fields, "featureGates")
            .map(|f| {
                f.val
                    .as_map()
                    .iter()
                    .filter_map(|m| match m.val {
                        TVal::Bool(b) => Some((m.key.clone(), b)),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        View {
            fields,
            minor,
            gates: Gates { minor, explicit },
            anchor,
            configz,
        }
    }

    pub fn get(&self, path: &str) -> Option<&'a Fv> {
        get(self.fields, path)
    }

    /// Whether the file looks written for a Windows kubelet. A config file carries no OS, but
    /// the Windows kubelet refuses `cgroupsPerQOS: true` and a non-empty
    /// `enforceNodeAllocatable`, both defaults elsewhere, so Windows files set both off
    /// explicitly (kubeadm does) and Linux files almost never do.
    pub fn looks_windows(&self) -> bool {
        matches!(self.bool("cgroupsPerQOS"), (false, Some(_)))
            && matches!(self.list("enforceNodeAllocatable"), (list, Some(_)) if list.is_empty())
    }

    /// The hard-eviction defaults of the kubelet this file is for (see [`Self::looks_windows`]).
    pub fn eviction_hard_defaults(&self) -> &'static [(&'static str, &'static str)] {
        if self.looks_windows() {
            EVICTION_HARD_DEFAULTS_WINDOWS
        } else {
            EVICTION_HARD_DEFAULTS
        }
    }

    /// The span to report for an effective value: the written value, else the anchor.
    pub fn at(&self, fv: Option<&Fv>) -> Option<Span> {
        fv.map(|f| f.span).or(self.anchor)
    }

    pub fn key_at(&self, fv: Option<&Fv>) -> Option<Span> {
        fv.map(|f| f.key_span).or(self.anchor)
    }

    /// The written value unless it is a zero the kubelet's defaulting replaces (only pointer
    /// fields keep an explicit zero), and the field's default: one schema lookup for both.
    fn effective(&self, path: &str) -> (Option<&'a Fv>, Def) {
        let field = schema::field_at(path);
        let written = self.get(path).filter(|fv| {
            field.is_some_and(|f| f.ptr)
                || !match &fv.val {
                    TVal::Int(0) | TVal::Dur(0) | TVal::Bool(false) => true,
                    TVal::Float(f) => *f == 0.0,
                    TVal::Str(s) => s.is_empty(),
                    _ => false,
                }
        });
        (written, field.map_or(Def::Zero, |f| f.default))
    }

    pub fn int(&self, path: &str) -> Eff<'a, i64> {
        let (written, default) = self.effective(path);
        if let Some(fv) = written
            && let TVal::Int(i) = fv.val
        {
            if path == "podPidsLimit" && i < 0 {
                return (-1, Some(fv));
            }
            return (i, Some(fv));
        }
        let d = match default {
            Def::Int(d) => d,
            _ => 0,
        };
        (d, None)
    }

    pub fn opt_int(&self, path: &str) -> Option<(i64, &'a Fv)> {
        let fv = self.get(path)?;
        match fv.val {
            TVal::Int(i) => Some((i, fv)),
            _ => None,
        }
    }

    pub fn float(&self, path: &str) -> Eff<'a, f64> {
        if let Some(fv) = self.get(path)
            && let TVal::Float(f) = fv.val
        {
            return (f, Some(fv));
        }
        let d = match default_of(path) {
            Def::Float(d) => d,
            _ => 0.0,
        };
        (d, None)
    }

    pub fn bool(&self, path: &str) -> Eff<'a, bool> {
        let (written, default) = self.effective(path);
        if let Some(fv) = written
            && let TVal::Bool(b) = fv.val
        {
            return (b, Some(fv));
        }
        let d = match default {
            Def::Bool(d) => d,
            Def::Computed => match path {
                "serializeImagePulls" => self
                    .opt_int("maxParallelImagePulls")
                    .is_none_or(|(v, _)| v <= 1),
                "failCgroupV1" => self.minor >= 35,
                _ => false,
            },
            _ => false,
        };
        (d, None)
    }

    pub fn dur(&self, path: &str) -> Eff<'a, i64> {
        let (written, default) = self.effective(path);
        if let Some(fv) = written
            && let TVal::Dur(d) = fv.val
        {
            return (d, Some(fv));
        }
        let d = match default {
            Def::Dur(d) => d,
            Def::Computed => match path {
                "nodeStatusReportFrequency" => {
                    match self.effective("nodeStatusUpdateFrequency").0 {
                        Some(Fv {
                            val: TVal::Dur(d), ..
                        }) => *d,
                        _ => 5 * MIN,
                    }
                }
                "crashLoopBackOff.maxContainerRestartPeriod"
                    if self.gates.enabled("KubeletCrashLoopBackOffMax") =>
                {
                    300 * S
                }
                _ => 0,
            },
            _ => 0,
        };
        (d, None)
    }

    pub fn str(&self, path: &str) -> Eff<'a, &'a str> {
        let (written, default) = self.effective(path);
        if let Some(fv) = written
            && let TVal::Str(s) = &fv.val
        {
            return (s.as_str(), Some(fv));
        }
        let d = match default {
            Def::Str(d) => d,
            Def::Computed => match path {
                "imagePullCredentialsVerificationPolicy"
                    if self.gates.enabled("KubeletEnsureSecretPulledImages") =>
                {
                    "NeverVerifyPreloadedImages"
                }
                _ => "",
            },
            _ => "",
        };
        (d, None)
    }

    /// A list field: the written list (even empty), else the default.
    pub fn list(&self, path: &str) -> Eff<'a, Vec<(&'a str, Option<Span>)>> {
        if let Some(fv) = self.get(path) {
            let v = fv
                .val
                .as_list()
                .iter()
                .filter_map(|i| i.val.as_str().map(|s| (s, Some(i.span))))
                .collect();
            return (v, Some(fv));
        }
        let d = match default_of(path) {
            Def::StrList(list) => list.iter().map(|item| (*item, None)).collect(),
            _ => Vec::new(),
        };
        (d, None)
    }

    /// The evictionHard map the kubelet uses: the defaults when the key is absent (or null),
    /// the written map otherwise, plus missing defaults when mergeDefaultEvictionSettings is
    /// true. Items carry the written span, if any.
    pub fn eviction_hard(&self) -> Vec<(String, String, Option<Span>, Option<Span>)> {
        match self.get("evictionHard") {
            None => self
                .eviction_hard_defaults()
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string(), None, None))
                .collect(),
            Some(fv) => {
                let mut out: Vec<_> = fv
                    .val
                    .as_map()
                    .iter()
                    .map(|m| {
                        (
                            m.key.clone(),
                            m.val.as_str().unwrap_or_default().to_string(),
                            Some(m.key_span),
                            Some(m.span),
                        )
                    })
                    .collect();
                if self.minor >= 33 && self.bool("mergeDefaultEvictionSettings").0 {
                    for (k, v) in EVICTION_HARD_DEFAULTS {
                        if !out.iter().any(|(ok, ..)| ok == k) {
                            out.push((k.to_string(), v.to_string(), None, None));
                        }
                    }
                }
                out
            }
        }
    }
}
