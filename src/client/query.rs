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
    fn encodes_segments() {
        assert_eq!(encode_segment("node-1.example"), "node-1.example");
        assert_eq!(encode_segment("a/b?c"), "a%2Fb%3Fc");
    }
}
