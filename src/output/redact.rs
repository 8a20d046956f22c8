//! What is never printed: the user-info part of a URL (`https://user:password@host`), which
//! kubeconfigs and `--url` may carry. One function, used wherever a URL reaches a message, a
//! table or JSON.

use std::borrow::Cow;

/// `url` with any user info replaced by `xxxxx` (Go's `URL.Redacted` hides only the password;
/// a user name can be a token too, so all of it goes).
pub fn url(url: &str) -> Cow<'_, str> {
    let Some(scheme_end) = url.find("://") else {
        return Cow::Borrowed(url);
    };
    let rest = &url[scheme_end + 3..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_len];
    match authority.rfind('@') {
        Some(at) => Cow::Owned(format!(
            "{}xxxxx{}",
            &url[..scheme_end + 3],
            &url[scheme_end + 3 + at..]
        )),
        None => Cow::Borrowed(url),
    }
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
}
