//! Golden tests: every `tests/fixtures/yaml/NAME.json` must render byte-for-byte as
//! `NAME.yaml`, which `gen.sh` produced with real kubectl. kubectl is not
//! needed to run these tests.

use kubelet_doctor::output::tree::Tree;
use kubelet_doctor::output::yaml::{write_yaml, yaml_key_cmp};
use std::cmp::Ordering;
use std::path::Path;

fn render(v: &Tree<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    write_yaml(v, &mut out);
    out
}

fn first_diff(a: &[u8], b: &[u8]) -> String {
    let a = String::from_utf8_lossy(a);
    let b = String::from_utf8_lossy(b);
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  got:  {:?}\n  want: {:?}", i + 1, x, y);
        }
    }
    format!(
        "line counts differ: got {} want {}",
        a.lines().count(),
        b.lines().count()
    )
}

#[test]
fn fixtures_match_kubectl() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/yaml");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "json")
                .then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    assert!(names.len() >= 10, "fixture corpus missing");
    let mut failures = Vec::new();
    for name in &names {
        let json = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
        let want = std::fs::read(dir.join(format!("{name}.yaml")))
            .unwrap_or_else(|_| panic!("{name}.yaml missing: run ./gen.sh"));
        let v = Tree::parse(&json).unwrap();
        let got = render(&v);
        if got != want {
            failures.push(format!("{name}: {}", first_diff(&got, &want)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

/// Inputs kubectl itself refuses to print (go-yaml's reader rejects the raw
/// characters Go's JSON encoder leaves unescaped). We only require no panic.
#[test]
fn kubectl_rejected_inputs_do_not_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/yaml/rejected");
    for e in std::fs::read_dir(&dir).unwrap() {
        let json = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let v = Tree::parse(&json).unwrap();
        assert!(!render(&v).is_empty());
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    // The emitter keeps its own stack, so depth is bounded only by memory.
    // Nested sequences stay on one line ("- - - leaf"), keeping output small.
    let mut v = Tree::String("leaf".into());
    for _ in 0..200_000 {
        v = Tree::Array(vec![v]);
    }
    let out = render(&v);
    assert!(out.starts_with(b"- - - ") && out.ends_with(b"- leaf\n"));
    // A recursive Drop would overflow on this depth; leak it. (Parsed trees cannot be this
    // deep: serde_json stops at 128 levels.)
    std::mem::forget(v);

    let mut v = Tree::String("leaf".into());
    for i in 0..3_000 {
        v = if i % 2 == 0 {
            Tree::Array(vec![v])
        } else {
            Tree::Object(vec![("k".into(), v)])
        };
    }
    assert!(render(&v).ends_with(b"leaf\n"));
    std::mem::forget(v);
}

#[test]
fn key_cmp_natural_order() {
    use Ordering::*;
    let cases: &[(&str, &str, Ordering)] = &[
        ("z9", "z10", Less),
        ("z10", "z9", Greater),
        ("a0", "a00", Less),
        ("a00", "a0", Greater),
        ("a01", "a1", Greater),
        ("a1", "a01", Less),
        ("a2", "a10", Less),
        ("a101", "a11", Greater),
        ("abc", "abc", Equal),
        ("", "a", Less),
        ("B", "a", Less),      // both letters: code point order
        ("a_b", "ab", Less),   // non-letter before letter
        ("a-b", "a_b", Less),  // two non-letters: code point order
        ("a9", "a_", Greater), // digits after other non-letters
        ("a-", "a0", Less),
        ("1", "a", Less),
        ("apiVersion", "kind", Less),
        ("kubernetes.io/os", "kubernetes.io/arch", Greater),
        ("x.y", "x/y", Less),
        ("é", "z", Greater),    // both letters, code point order
        ("a日", "a_", Greater), // CJK is a letter
        ("a٣", "a2", Greater),  // Arabic-indic digit 3 counts as digit value 0x633
        ("v1beta1", "v1", Greater),
        ("v1alpha1", "v1beta1", Less),
        ("v10", "v9beta1", Greater),
    ];
    for &(a, b, want) in cases {
        assert_eq!(yaml_key_cmp(a, b), want, "yaml_key_cmp({a:?}, {b:?})");
    }
}

#[test]
fn key_cmp_is_antisymmetric_on_sample() {
    let keys = [
        "a", "A", "_", "-", "0", "00", "01", "1", "10", "9", "a0", "a00", "a1", "a10", "a9", "a_",
        "a-", "a.", "aa", "aB", "Ab", "z", "é", "日本", "x1y2", "x01y2", "x1y02", "",
    ];
    for a in keys {
        for b in keys {
            let ab = yaml_key_cmp(a, b);
            let ba = yaml_key_cmp(b, a);
            assert_eq!(ab, ba.reverse(), "{a:?} vs {b:?}");
            assert_eq!(ab == Ordering::Equal, a == b);
        }
    }
}
