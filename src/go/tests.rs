//! Every `go` function against what Go itself printed (`tests/fixtures/go/*.json`, written by
//! `tools/go-fixtures`): a disagreement names the input and both answers.

use serde_json::Value;

use super::duration;
use super::filepath;
use super::strconv::{format_float_g, format_float_json, parse_int, quote};
use super::yaml::{Resolved, plain_is_str, resolve};

fn cases(json: &str) -> Vec<Value> {
    serde_json::from_str(json).expect("fixture is a JSON array")
}

fn s<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {case}"))
}

/// Runs `check` on every case and fails once with all disagreements.
fn all(json: &str, check: impl Fn(&Value) -> Option<String>) {
    let list = cases(json);
    assert!(list.len() >= 20, "too few cases");
    let failures: Vec<String> = list.iter().filter_map(check).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from Go:\n{}",
        failures.len(),
        list.len(),
        failures.join("\n")
    );
}

#[test]
fn duration_parse_matches_go() {
    all(
        include_str!("../../tests/fixtures/go/duration_parse.json"),
        |c| {
            let input = s(c, "in");
            let want = if c["ok"] == true {
                Ok(c["nanos"].as_i64().unwrap())
            } else {
                Err(s(c, "error").to_string())
            };
            let got = duration::parse(input);
            (got != want).then(|| format!("{input:?}: got {got:?}, Go {want:?}"))
        },
    );
}

#[test]
fn duration_format_matches_go() {
    all(
        include_str!("../../tests/fixtures/go/duration_format.json"),
        |c| {
            let nanos = c["nanos"].as_i64().unwrap();
            let got = duration::format(nanos);
            (got != s(c, "out")).then(|| format!("{nanos}: got {got:?}, Go {:?}", s(c, "out")))
        },
    );
}

#[test]
fn parse_int_matches_go() {
    all(
        include_str!("../../tests/fixtures/go/parse_int.json"),
        |c| {
            let (input, base, bits) = (
                s(c, "in"),
                c["base"].as_u64().unwrap() as u32,
                c["bits"].as_u64().unwrap() as u32,
            );
            let want = if c["ok"] == true {
                Ok(c["value"].as_i64().unwrap())
            } else {
                Err(s(c, "error").to_string())
            };
            let got = parse_int(input, base, bits);
            (got != want)
                .then(|| format!("{input:?} base {base} bits {bits}: got {got:?}, Go {want:?}"))
        },
    );
}

#[test]
fn quote_matches_go() {
    all(include_str!("../../tests/fixtures/go/quote.json"), |c| {
        let got = quote(s(c, "in"));
        (got != s(c, "out")).then(|| format!("{:?}: got {got}, Go {}", s(c, "in"), s(c, "out")))
    });
}

/// Parses a fixture's decimal literal as Go's `strconv.ParseFloat` would (both round
/// correctly), keeping the sign of `-0`.
fn float_of(literal: &str) -> f64 {
    match literal {
        "NaN" => f64::NAN,
        "+Inf" => f64::INFINITY,
        "-Inf" => f64::NEG_INFINITY,
        other => other
            .parse()
            .unwrap_or_else(|_| panic!("float literal {other}")),
    }
}

#[test]
fn json_floats_match_encoding_json() {
    all(
        include_str!("../../tests/fixtures/go/float_json.json"),
        |c| {
            let got = format_float_json(float_of(s(c, "in")));
            (got.as_deref() != Some(s(c, "out")))
                .then(|| format!("{}: got {got:?}, Go {}", s(c, "in"), s(c, "out")))
        },
    );
}

#[test]
fn yaml_floats_match_go_yaml() {
    // go-yaml v2 prints FormatFloat(f, 'g', -1, 64), spelling the specials its own way.
    all(
        include_str!("../../tests/fixtures/go/float_yaml.json"),
        |c| {
            let got = match format_float_g(float_of(s(c, "in"))).as_str() {
                "NaN" => ".nan".to_string(),
                "+Inf" => ".inf".to_string(),
                "-Inf" => "-.inf".to_string(),
                other => other.to_string(),
            };
            (got != s(c, "out")).then(|| format!("{}: got {got}, Go {}", s(c, "in"), s(c, "out")))
        },
    );
}

#[test]
fn scalar_resolution_matches_go_yaml() {
    all(
        include_str!("../../tests/fixtures/go/yaml_resolve.json"),
        |c| {
            let input = s(c, "in");
            // Only what the parser hands the resolver as one plain scalar: flow collections,
            // comments, anchors, tags and the like are the parser's business.
            if c.get("error").is_some() || !is_plain_scalar(input) {
                return None;
            }
            let got = resolve(input);
            let go_type = s(c, "type");
            let same = match (got, go_type) {
                (Resolved::Null, "null") => true,
                (Resolved::Bool(b), "bool") => c["value"] == b,
                (Resolved::Int(i), "int") => c["value"].as_i64() == Some(i),
                (Resolved::Uint(u), "uint64") => c["value"].as_u64() == Some(u),
                (Resolved::Float(f), "float64") => format_float_g(f) == s(c, "value"),
                // A timestamp decoded into interface{} is its text again.
                (Resolved::Timestamp | Resolved::Str, "string") => true,
                _ => false,
            };
            (!same).then(|| format!("{input:?}: got {got:?}, Go {go_type} {}", c["value"]))
        },
    );
}

#[test]
fn plain_strings_are_quoted_as_go_yaml_quotes_them() {
    // go-yaml v2 double-quotes a string, unchanged, exactly when it would read back as
    // something else; other quoting (single quotes, escapes) is the emitter's own analysis.
    all(
        include_str!("../../tests/fixtures/go/yaml_resolve.json"),
        |c| {
            let input = s(c, "in");
            let marshal = s(c, "marshal");
            let go_quotes = marshal.len() == input.len() + 2
                && marshal.starts_with('"')
                && marshal[1..marshal.len() - 1] == *input;
            (plain_is_str(input) == go_quotes).then(|| {
                format!(
                    "{input:?}: Go writes {marshal}, we would quote: {}",
                    !plain_is_str(input)
                )
            })
        },
    );
}

/// The inputs the resolver sees: a scalar the YAML parser hands over unchanged (no leading or
/// trailing space, no comment, no indicator that makes it something else).
fn is_plain_scalar(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    // `-`, `?` and `:` start a plain scalar only when a non-space follows (`-x`, not `- x`).
    let starts_plain = match first {
        b'-' | b'?' | b':' => {
            b.get(1).is_some_and(|c| !c.is_ascii_whitespace()) && !s.starts_with("---")
        }
        b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b'['
        | b']' | b'{' | b'}' | b',' => false,
        _ => true,
    };
    starts_plain && s.trim() == s && !s.contains(" #") && !s.contains(": ") && !s.ends_with(':')
}

#[test]
fn filepath_clean_matches_go() {
    all(
        include_str!("../../tests/fixtures/go/filepath_clean.json"),
        |c| {
            let got = filepath::clean(s(c, "in"));
            (got != s(c, "out"))
                .then(|| format!("{:?}: got {got:?}, Go {:?}", s(c, "in"), s(c, "out")))
        },
    );
}

#[test]
fn issue_edge_cases() {
    // The edge cases issue 8 names, through the functions that meet them.
    assert_eq!(format_float_json(1e21).as_deref(), Some("1e+21"));
    assert_eq!(format_float_json(0.0000001).as_deref(), Some("1e-7"));
    assert_eq!(format_float_json(-0.0).as_deref(), Some("-0"));
    assert_eq!(format_float_g(1e21), "1e+21");
    assert_eq!(format_float_g(0.0000001), "1e-07");
    assert_eq!(resolve("0x1F"), Resolved::Int(31));
    assert_eq!(resolve("1_000"), Resolved::Int(1000));
    assert_eq!(resolve("-0"), Resolved::Int(0));
    assert_eq!(parse_int("0x1F", 0, 64), Ok(31));
    assert_eq!(parse_int("1_000", 0, 64), Ok(1000));
    assert!(parse_int("1_000", 10, 64).is_err());
}
