//! Building request URIs: percent-encoding query values (selectors contain `=`, `!`, `,`,
//! `(`, spaces) so that what the server sees is what the user typed.

/// Appends `key=value` to `uri`, with `?` or `&` as needed, percent-encoding the value.
pub fn push_param(uri: &mut String, key: &str, value: &str) {
    uri.push(if uri.contains('?') { '&' } else { '?' });
    uri.push_str(key);
    uri.push('=');
    encode_into(uri, value);
}

/// Percent-encodes one path segment (a node name from the command line).
pub fn encode_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    encode_into(&mut out, value);
    out
}

/// Why `name` cannot be an object name in a request path, as client-go refuses it before
/// sending (`IsValidPathSegmentName`): `.` and `..` would climb the URL (`nodes/../proxy`),
/// `/` and `%` would change its meaning, and an empty name would address the collection.
pub fn invalid_name(name: &str) -> Option<&'static str> {
    match name {
        "" => Some("may not be empty"),
        "." | ".." => Some("may not be '.' or '..'"),
        _ if name.contains('/') => Some("may not contain '/'"),
        _ if name.contains('%') => Some("may not contain '%'"),
        _ => None,
    }
}

/// clap value parser for names given on the command line.
pub fn parse_object_name(name: &str) -> std::result::Result<String, String> {
    match invalid_name(name) {
        Some(why) => Err(format!("not a valid object name: {why}")),
        None => Ok(name.to_string()),
    }
}

/// The path segment for an object name from the cluster or the user, or an error that names
/// the bad name (sanitized: it may come from a hostile server).
pub fn name_segment(kind: &str, name: &str) -> crate::error::Result<String> {
    match invalid_name(name) {
        Some(why) => Err(crate::error::Error::Input(format!(
            "invalid {kind} name {:?}: {why}",
            crate::output::sanitize::sanitize(name).as_ref()
        ))),
        None => Ok(encode_segment(name)),
    }
}

fn encode_into(out: &mut String, value: &str) {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_selectors() {
        let mut uri = "/api/v1/nodes".to_string();
        push_param(&mut uri, "limit", "500");
        push_param(&mut uri, "labelSelector", "env in (a,b),!gpu");
        assert_eq!(
            uri,
            "/api/v1/nodes?limit=500&labelSelector=env%20in%20%28a%2Cb%29%2C%21gpu"
        );
    }

    #[test]
    fn refuses_names_that_would_change_the_path() {
        for (name, why) in [
            ("", "may not be empty"),
            (".", "may not be '.' or '..'"),
            ("..", "may not be '.' or '..'"),
            ("a/b", "may not contain '/'"),
            ("50%", "may not contain '%'"),
        ] {
            assert_eq!(invalid_name(name), Some(why), "{name:?}");
        }
        for ok in ["...", "node-1", ".hidden", "a..b"] {
            assert_eq!(invalid_name(ok), None, "{ok:?}");
        }
        assert_eq!(
            name_segment("node", "..").unwrap_err().to_string(),
            r#"invalid node name "..": may not be '.' or '..'"#
        );
    }

    #[test]
    fn encodes_segments() {
        assert_eq!(encode_segment("node-1.example"), "node-1.example");
        assert_eq!(encode_segment("a/b?c"), "a%2Fb%3Fc");
    }
}
