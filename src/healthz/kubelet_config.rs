//! Where the local kubelet serves healthz: `healthzBindAddress` and `healthzPort` from its
//! KubeletConfiguration file (YAML or JSON), with the kubelet's defaults for what is omitted.
//!
//! Only these two keys are read, leniently: linting the file is `config lint`'s job, and a
//! file that is wrong elsewhere still tells us where to knock.

use serde::Deserialize;

/// The kubelet's defaults (`healthzBindAddress: 127.0.0.1`, `healthzPort: 10248`).
pub const DEFAULT_URL: &str = "http://127.0.0.1:10248/healthz";

/// What the config says about the endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Url(String),
    /// `healthzPort: 0`.
    Disabled,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct HealthzKeys {
    healthz_bind_address: Option<String>,
    healthz_port: Option<i64>,
}

/// Reads the endpoint from the text of a kubelet config file.
pub fn endpoint(text: &str) -> Result<Endpoint, String> {
    let text = text.trim_start_matches('\u{feff}');
    let keys: HealthzKeys = if text.trim().is_empty() {
        HealthzKeys::default()
    } else {
        serde_saphyr::from_str(text).map_err(|e| first_line(&e.to_string()))?
    };
    endpoint_of(keys.healthz_bind_address.as_deref(), keys.healthz_port)
}

/// The endpoint for `healthzBindAddress` and `healthzPort` as text (what `status` knows of
/// the kubelet's effective config: the file's fields, then its flags over them).
pub fn endpoint_at(bind: Option<&str>, port: Option<&str>) -> Result<Endpoint, String> {
    let port = port
        .map(|p| {
            p.trim()
                .parse()
                .map_err(|_| format!("healthzPort {p:?} is not a number"))
        })
        .transpose()?;
    endpoint_of(bind, port)
}

fn endpoint_of(bind: Option<&str>, port: Option<i64>) -> Result<Endpoint, String> {
    let port = port.unwrap_or(10248);
    if port == 0 {
        return Ok(Endpoint::Disabled);
    }
    if !(1..=65535).contains(&port) {
        return Err(format!("healthzPort {port} is not a port (1-65535)"));
    }
    Ok(Endpoint::Url(format!(
        "http://{}:{port}/healthz",
        host(bind.unwrap_or(""))
    )))
}

/// The address to connect to for a bind address: a wildcard bind is reached on loopback.
fn host(bind: &str) -> String {
    match bind.trim() {
        "" | "0.0.0.0" => "127.0.0.1".to_string(),
        "::" | "[::]" => "[::1]".to_string(),
        a if a.contains(':') && !a.starts_with('[') => format!("[{a}]"),
        a => a.to_string(),
    }
}

/// The parser's first line, without its own `error: ` (ours already says it is one).
fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_omitted() {
        let yaml = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";
        assert_eq!(endpoint(yaml), Ok(Endpoint::Url(DEFAULT_URL.into())));
        assert_eq!(endpoint(""), Ok(Endpoint::Url(DEFAULT_URL.into())));
    }

    #[test]
    fn address_and_port_from_yaml_and_json() {
        let yaml = "kind: KubeletConfiguration\nhealthzBindAddress: 10.1.2.3\nhealthzPort: 20248\nevictionHard:\n  memory.available: 100Mi\n";
        assert_eq!(
            endpoint(yaml),
            Ok(Endpoint::Url("http://10.1.2.3:20248/healthz".into()))
        );
        let json =
            r#"{"kind":"KubeletConfiguration","healthzPort":1234,"healthzBindAddress":"::1"}"#;
        assert_eq!(
            endpoint(json),
            Ok(Endpoint::Url("http://[::1]:1234/healthz".into()))
        );
    }

    #[test]
    fn wildcard_binds_are_reached_on_loopback() {
        assert_eq!(
            endpoint("healthzBindAddress: 0.0.0.0\n"),
            Ok(Endpoint::Url(DEFAULT_URL.into()))
        );
        assert_eq!(
            endpoint("healthzBindAddress: '::'\nhealthzPort: 5\n"),
            Ok(Endpoint::Url("http://[::1]:5/healthz".into()))
        );
    }

    #[test]
    fn port_zero_is_disabled_and_nonsense_is_an_error() {
        assert_eq!(endpoint("healthzPort: 0\n"), Ok(Endpoint::Disabled));
        assert!(endpoint("healthzPort: 70000\n").is_err());
        assert_eq!(
            endpoint("healthzPort: [1\n"),
            Err("line 1 column 14: expected string scalar".into())
        );
    }
}
