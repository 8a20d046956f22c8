//! The dump formats of `nodes`: kubectl's `-o yaml` per node with `---` between documents,
//! kubectl's `-o json` `List`, and `-o name`. Objects are dumped from the raw JSON the server
//! sent, so fields this build's API version does not know survive.

use crate::output::json::{ListWriter, write_pretty};
use crate::output::tree::Tree;
use crate::output::yaml::write_yaml;

/// Makes a list item look like `kubectl get node NAME` returns it: list items carry no
/// `apiVersion`/`kind` on the wire, and kubectl drops `managedFields` unless asked.
pub fn prepare(node: &mut Tree<'_>, show_managed_fields: bool) {
    node.insert_missing("apiVersion", Tree::String("v1".into()));
    node.insert_missing("kind", Tree::String("Node".into()));
    if !show_managed_fields && let Some(meta) = node.get_mut("metadata") {
        meta.remove("managedFields");
    }
}

/// The node's name, or an empty string for an object without one.
pub fn name_of<'t>(node: &'t Tree<'_>) -> &'t str {
    node.get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Tree::as_str)
        .unwrap_or("")
}

/// The node's uid, which lets a restarted list skip what it already showed.
pub fn uid_of<'t>(node: &'t Tree<'_>) -> Option<&'t str> {
    node.get("metadata")?.get("uid")?.as_str()
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

    pub fn write(&mut self, node: &Tree<'_>, out: &mut Vec<u8>) {
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
pub fn single_document(node: &Tree<'_>, json: bool) -> Vec<u8> {
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
        let text = r#"{"metadata": {"name": "a", "managedFields": [{"manager": "kubelet"}]}}"#;
        let mut node = Tree::parse(text).unwrap();
        prepare(&mut node, false);
        assert_eq!(node.get("apiVersion").and_then(Tree::as_str), Some("v1"));
        assert_eq!(node.get("kind").and_then(Tree::as_str), Some("Node"));
        assert_eq!(name_of(&node), "a");
        assert!(node.get("metadata").unwrap().get("managedFields").is_none());

        let text = r#"{"apiVersion": "v2", "kind": "Node", "metadata": {"managedFields": []}}"#;
        let mut kept = Tree::parse(text).unwrap();
        prepare(&mut kept, true);
        assert_eq!(kept.get("apiVersion").and_then(Tree::as_str), Some("v2"));
        assert!(kept.get("metadata").unwrap().get("managedFields").is_some());
    }

    #[test]
    fn yaml_documents_are_separated_not_prefixed() {
        let mut out = Vec::new();
        let mut w = DumpWriter::yaml();
        w.write(
            &Tree::parse(r#"{"metadata": {"name": "a"}}"#).unwrap(),
            &mut out,
        );
        w.write(
            &Tree::parse(r#"{"metadata": {"name": "b"}}"#).unwrap(),
            &mut out,
        );
        w.finish(&mut out);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "metadata:\n  name: a\n---\nmetadata:\n  name: b\n");
    }

    #[test]
    fn names_are_sanitized() {
        let mut out = Vec::new();
        let node = Tree::parse(r#"{"metadata": {"name": "evil\u001b[2J"}}"#).unwrap();
        DumpWriter::Name.write(&node, &mut out);
        assert_eq!(out, b"node/evil\\e[2J\n");
    }
}
