//! What is never printed: the user-info part of a URL (`https://user:password@host`), which
//! kubeconfigs and `--url` may carry. One function, used wherever a URL reaches a message, a
//! table or JSON. Next to it, the query values of a URL that is itself a secret-bearing
//! setting (the kubelet's `staticPodURL`, see `config::secret`).

use std::borrow::Cow;
use std::ops::Range;

/// `url` with any user info replaced by `xxxxx` (Go's `URL.Redacted` hides only the password;
/// a user name can be a token too, so all of it goes).
pub fn url(url: &str) -> Cow<'_, str> {
    match user_info(url) {
        Some(r) => Cow::Owned(format!("{}xxxxx{}", &url[..r.start], &url[r.end..])),
        None => Cow::Borrowed(url),
    }
}

/// `url` with the value of every query parameter replaced by `xxxxx`, the names kept
/// (`?token=xxxxx`): a query often carries a token, and the reader still sees which one.
pub fn query(url: &str) -> Cow<'_, str> {
    let values = query_values(url);
    if values.is_empty() {
        return Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len());
    let mut at = 0;
    for r in values {
        out.push_str(&url[at..r.start]);
        out.push_str("xxxxx");
        at = r.end;
    }
    out.push_str(&url[at..]);
    Cow::Owned(out)
}

/// Byte ranges of `url` that are secret: the user info and every query value. For masking
/// text that must keep its length (a source excerpt whose marker columns must still line up).
pub fn secret_ranges(url: &str) -> Vec<Range<usize>> {
    user_info(url)
        .into_iter()
        .chain(query_values(url))
        .collect()
}

/// The user info of `url` (between `://` and the last `@` of the authority), if any.
fn user_info(url: &str) -> Option<Range<usize>> {
    let start = url.find("://")? + 3;
    let rest = &url[start..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let at = rest[..authority_len].rfind('@')?;
    Some(start..start + at)
}

/// The non-empty values of the query of `url`; a parameter without `=` is all value (`?TOKEN`).
fn query_values(url: &str) -> Vec<Range<usize>> {
    let end = url.find('#').unwrap_or(url.len());
    let Some(q) = url[..end].find('?') else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = q + 1;
    for part in url[q + 1..end].split('&') {
        let value = match part.find('=') {
            Some(eq) => start + eq + 1..start + part.len(),
            None => start..start + part.len(),
        };
        if !value.is_empty() {
            out.push(value);
        }
        start += part.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn user_info_is_hidden_and_nothing_else_changes() {
        for (given, shown) in [
            (
                "https://user:pa55@host:6443/x?y=1",
                "https://xxxxx@host:6443/x?y=1",
            ),
            ("https://tok@host", "https://xxxxx@host"),
            ("http://a:b@c@host/p@q", "http://xxxxx@host/p@q"),
            ("https://host:6443", "https://host:6443"),
            ("https://host/path@x", "https://host/path@x"),
            ("not a url", "not a url"),
        ] {
            assert_eq!(super::url(given), shown, "{given}");
        }
    }

    #[test]
    fn query_values_are_hidden_and_their_names_kept() {
        for (given, shown) in [
            (
                "https://h/m?token=t0k&v=1#frag",
                "https://h/m?token=xxxxx&v=xxxxx#frag",
            ),
            ("https://h/m?BARE&e=", "https://h/m?xxxxx&e="),
            ("https://h/m", "https://h/m"),
        ] {
            assert_eq!(super::query(given), shown, "{given}");
        }
    }

    #[test]
    fn secret_ranges_cover_user_info_and_query_values() {
        let u = "https://u:p@h/m?token=t0k";
        let shown: Vec<&str> = super::secret_ranges(u).into_iter().map(|r| &u[r]).collect();
        assert_eq!(shown, ["u:p", "t0k"]);
    }
}
