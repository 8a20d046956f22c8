//! The dump formats of `nodes`: kubectl's `-o yaml` per node with `---` between documents,
//! kubectl's `-o json` `List`, and `-o name`. Objects are dumped from the raw JSON the server
//! sent, so fields this build's API version does not know survive.

use serde_json::Value;

use crate::output::json::{ListWriter, write_pretty};
use crate::output::yaml::write_yaml;

/// Makes a list item look like `kubectl get node NAME` returns it: list items carry no
/// `apiVersion`/`kind` on the wire, and kubectl drops `managedFields` unless asked.
pub fn prepare(node: &mut Value, show_managed_fields: bool) {
    if let Value::Object(map) = node {
        map.entry("apiVersion").or_insert_with(|| Value::from("v1"));
        map.entry("kind").or_insert_with(|| Value::from("Node"));
        if !show_managed_fields && let Some(Value::Object(meta)) = map.get_mut("metadata") {
            meta.remove("managedFields");
        }
    }
}

/// The node's name, or an empty string for an object without one.
pub fn name_of(node: &Value) -> &str {
    node.get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// One of the streaming formats; `write` appends one node, `finish` closes the stream.
pub enum DumpWriter {
    Yaml { documents: usize },
    Json(ListWriter),
    Name,
}

impl DumpWriter {
    pub fn yaml() -> DumpWriter {
        DumpWriter::Yaml { documents: 0 }
    }

    pub fn json(out: &mut Vec<u8>) -> DumpWriter {
        DumpWriter::Json(ListWriter::start(out))
    }

    pub fn write(&mut self, node: &Value, out: &mut Vec<u8>) {
        match self {
            DumpWriter::Yaml { documents } => {
                if *documents > 0 {
                    out.extend_from_slice(b"---\n");
                }
                write_yaml(node, out);
                *documents += 1;
            }
            DumpWriter::Json(list) => list.item(node, out),
            DumpWriter::Name => {
                out.extend_from_slice(b"node/");
                // Names are printed raw elsewhere by kubectl; a hostile one must not drive the terminal.
                out.extend_from_slice(crate::output::sanitize::sanitize(name_of(node)).as_bytes());
                out.push(b'\n');
            }
        }
    }

    pub fn finish(self, out: &mut Vec<u8>) {
        if let DumpWriter::Json(list) = self {
            list.finish(out);
        }
    }
}

/// One node as a standalone file: YAML, or kubectl's `-o json` of a single object.
pub fn single_document(node: &Value, json: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 * 1024);
    if json {
        write_pretty(node, 0, &mut out);
        out.push(b'\n');
    } else {
        write_yaml(node, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepare_adds_type_and_strips_managed_fields() {
        let mut node = serde_json::json!({"metadata": {"name": "a", "managedFields": [{"manager": "kubelet"}]}});
        prepare(&mut node, false);
        assert_eq!(node["apiVersion"], "v1");
        assert_eq!(node["kind"], "Node");
        assert!(node["metadata"].get("managedFields").is_none());

        let mut kept = serde_json::json!({"apiVersion": "v1", "kind": "Node", "metadata": {"managedFields": []}});
        prepare(&mut kept, true);
        assert!(kept["metadata"].get("managedFields").is_some());
    }

    #[test]
    fn yaml_documents_are_separated_not_prefixed() {
        let mut out = Vec::new();
        let mut w = DumpWriter::yaml();
        w.write(&serde_json::json!({"metadata": {"name": "a"}}), &mut out);
        w.write(&serde_json::json!({"metadata": {"name": "b"}}), &mut out);
        w.finish(&mut out);
        let text = String::from_utf8(out).unwrap();
        assert!(!text.starts_with("---"));
        assert_eq!(text.matches("---\n").count(), 1);
    }

    #[test]
    fn names_are_sanitized() {
        let mut out = Vec::new();
        DumpWriter::Name.write(
            &serde_json::json!({"metadata": {"name": "evil\u{1b}[2J"}}),
            &mut out,
        );
        assert_eq!(out, b"node/evil\\e[2J\n");
    }
}
