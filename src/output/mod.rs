//! Rendering reports. stdout carries only the report; warnings and progress go to stderr.

pub mod json;
pub mod redact;
pub mod sanitize;
pub mod stdout;
pub mod table;
pub mod term;
pub mod tree;
pub mod yaml;

/// `-o name` for pod findings: `pod/NAMESPACE/NAME`, one line per pod (by uid, so a pod with
/// several findings is named once), in the order given; names sanitized.
pub fn pod_names<'a>(pods: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut out = String::new();
    for (uid, namespace, name) in pods {
        if seen.insert(uid) {
            out.push_str(&format!(
                "pod/{}/{}\n",
                sanitize::sanitize(namespace),
                sanitize::sanitize(name)
            ));
        }
    }
    out
}
