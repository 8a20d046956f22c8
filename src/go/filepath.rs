//! Go's `path/filepath.Clean` on Unix: the kubelet cleans the paths it is given (config file,
//! drop-in directory, static pod path) before it compares or reports them, so a comparison with
//! what it runs must clean them the same way.

/// The shortest path equal to `path` by pure lexical processing: repeated separators become one,
/// `.` elements go, `..` eats the element before it (and is dropped at the root); an empty
/// result is `.`.
pub fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for element in path.split('/') {
        match element {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                // `..` above the root is the root; above a relative start it stays.
                _ if rooted => {}
                _ => parts.push(".."),
            },
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}
