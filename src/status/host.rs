//! Host facts that confirm or rule out a cause (kubelet-status.md §6), read from files only:
//! `/proc/swaps`, the cgroup v2 controllers file, and the few config fields that decide whether
//! a fact is a problem (`failSwapOn`, `failCgroupV1`), containerd's config, and the kubelet's
//! kubeconfig (its server and client certificate). Pure: the caller reads the files.

/// Swap devices in use: the lines of `/proc/swaps` after its header.
pub fn swaps(text: &str) -> Vec<String> {
    text.lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// A socket in state `0A` (LISTEN) of `/proc/net/tcp` or `tcp6`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listener {
    pub port: u16,
    /// The local address, hex as the kernel writes it.
    pub addr: String,
    pub uid: String,
    pub inode: String,
}

/// Every listening socket in `/proc/net/tcp` or `tcp6` text.
pub fn listening(text: &str) -> Vec<Listener> {
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let (Some(local), Some(state), Some(uid), Some(inode)) =
            (f.get(1), f.get(3), f.get(7), f.get(9))
        else {
            continue;
        };
        let Some((addr, port)) = local.rsplit_once(':') else {
            continue;
        };
        if *state != "0A" {
            continue;
        }
        let Ok(port) = u16::from_str_radix(port, 16) else {
            continue;
        };
        out.push(Listener {
            port,
            addr: addr.to_string(),
            uid: uid.to_string(),
            inode: inode.to_string(),
        });
    }
    out
}

/// The cgroup hierarchy, from whether `sys/fs/cgroup/cgroup.controllers` exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cgroup {
    /// cgroup v2, with its enabled controllers.
    V2(Vec<String>),
    V1,
}

impl Cgroup {
    /// Controllers the kubelet needs that cgroup v2 does not enable at the root.
    pub fn missing_controllers(&self) -> Vec<&'static str> {
        match self {
            Cgroup::V2(have) => ["cpu", "memory", "pids"]
                .into_iter()
                .filter(|c| !have.iter().any(|h| h == c))
                .collect(),
            Cgroup::V1 => Vec::new(),
        }
    }
}

/// `cgroup.controllers` content, or `None` when the file is absent but the hierarchy is there.
pub fn cgroup(controllers: Option<&str>) -> Cgroup {
    match controllers {
        Some(text) => Cgroup::V2(text.split_whitespace().map(str::to_string).collect()),
        None => Cgroup::V1,
    }
}

/// The config fields `status` weighs facts with (those a flag can also set, so that the
/// command line can be laid over them: see `config_flags`); absent fields keep the kubelet's
/// defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigFacts {
    pub fields: std::collections::BTreeMap<&'static str, String>,
}

impl ConfigFacts {
    pub fn fail_swap_on(&self) -> Option<bool> {
        self.bool("failSwapOn")
    }

    pub fn fail_cgroup_v1(&self) -> Option<bool> {
        self.bool("failCgroupV1")
    }

    pub fn cgroup_driver(&self) -> Option<&str> {
        self.fields.get("cgroupDriver").map(String::as_str)
    }

    /// A boolean field, read as the kubelet reads it from a file or a flag.
    fn bool(&self, field: &str) -> Option<bool> {
        super::config_flags::flag_bool(Some(self.fields.get(field)?))
    }
}

/// The fields from a KubeletConfiguration (YAML or JSON); unreadable text gives no facts.
pub fn config_facts(text: &str) -> ConfigFacts {
    let value: serde_json::Value = if crate::config::source::looks_like_json(text) {
        serde_json::from_str(text).unwrap_or_default()
    } else {
        serde_saphyr::from_str(text).unwrap_or_default()
    };
    ConfigFacts {
        fields: super::config_flags::file_values(&value),
    }
}

/// What containerd's `config.toml` says about the kubelet's concerns.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Containerd {
    /// `SystemdCgroup = true|false` of the runc options (1.x: false when absent).
    pub systemd_cgroup: Option<bool>,
    /// `disabled_plugins` lists the CRI plugin (Docker's containerd.io default).
    pub cri_disabled: bool,
}

/// The lines of a containerd config that `status` reads; a bundle keeps only these (the file
/// may hold registry credentials).
pub fn containerd_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| {
        !l.starts_with('#')
            && (l.starts_with("SystemdCgroup")
                || l.starts_with("disabled_plugins")
                || l.starts_with("version"))
    })
}

pub fn containerd(text: &str) -> Containerd {
    let mut facts = Containerd::default();
    for line in containerd_lines(text) {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.split('#').next().unwrap_or("").trim();
        match key.trim() {
            "SystemdCgroup" => facts.systemd_cgroup = value.parse().ok(),
            "disabled_plugins" => {
                facts.cri_disabled = value
                    .trim_matches(['[', ']'])
                    .split(',')
                    .map(|p| p.trim().trim_matches(['"', '\'']))
                    .any(|p| p == "cri" || p == "io.containerd.grpc.v1.cri");
            }
            _ => {}
        }
    }
    facts
}

/// The first `key:` value of a kubeconfig, unquoted (each field status reads sits on a line of
/// its own).
fn kubeconfig_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let value = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix(key)?.strip_prefix(':'))?;
    let value = value.trim().trim_matches(['"', '\'']);
    (!value.is_empty()).then_some(value)
}

/// The client certificate's path in a kubeconfig.
pub fn client_certificate(text: &str) -> Option<String> {
    kubeconfig_value(text, "client-certificate").map(str::to_string)
}

/// The host of the first `server:` in a kubeconfig (`https://10.0.0.1:6443` -> `10.0.0.1:6443`).
pub fn kubeconfig_host(text: &str) -> Option<String> {
    let url = kubeconfig_value(text, "server")?;
    let host = url.split_once("://").map_or(url, |(_, r)| r);
    let host = host.split('/').next()?;
    (!host.is_empty()).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_lines_after_the_header() {
        assert!(swaps("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n").is_empty());
        assert_eq!(
            swaps(
                "Filename\tType\tSize\tUsed\tPriority\n/swap.img                               file\t\t2097148\t\t0\t\t-2\n"
            ),
            ["/swap.img"]
        );
    }

    #[test]
    fn cgroup_versions_and_controllers() {
        assert_eq!(
            cgroup(Some("cpuset cpu io memory hugetlb pids rdma misc\n")).missing_controllers(),
            Vec::<&str>::new()
        );
        assert_eq!(
            cgroup(Some("cpuset io pids")).missing_controllers(),
            ["cpu", "memory"]
        );
        assert_eq!(cgroup(None), Cgroup::V1);
    }

    #[test]
    fn listening_sockets_on_a_port() {
        let tcp = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000:280A 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0\n   1: 0100007F:280A 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 4243 1 0 100 0 0 10 0\n   2: 0100007F:2808 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4244 1 0 100 0 0 10 0\n";
        // The established connection (state 01) is not a listener.
        assert_eq!(
            listening(tcp),
            [
                Listener {
                    port: 10250,
                    addr: "00000000".into(),
                    uid: "0".into(),
                    inode: "4242".into()
                },
                Listener {
                    port: 10248,
                    addr: "0100007F".into(),
                    uid: "0".into(),
                    inode: "4244".into()
                },
            ]
        );
        assert!(listening("garbage\n1: x").is_empty());
    }

    #[test]
    fn containerd_config_facts() {
        let text = "version = 2\ndisabled_plugins = [\"cri\"]\n[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options]\n  SystemdCgroup = true # set by kubeadm docs\n[plugins.\"io.containerd.grpc.v1.cri\".registry.configs.\"r\".auth]\n  password = \"hunter2\"\n";
        assert_eq!(
            containerd(text),
            Containerd {
                systemd_cgroup: Some(true),
                cri_disabled: true
            }
        );
        assert_eq!(
            containerd_lines(text).collect::<Vec<_>>(),
            [
                "version = 2",
                "disabled_plugins = [\"cri\"]",
                "SystemdCgroup = true # set by kubeadm docs"
            ]
        );
        assert_eq!(
            containerd("disabled_plugins = []\n# SystemdCgroup = true\n"),
            Containerd::default()
        );
    }

    #[test]
    fn config_fields() {
        let facts = config_facts(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfailSwapOn: false\n",
        );
        assert_eq!(facts.fields, [("failSwapOn", "false".to_string())].into());
        assert_eq!(
            (
                facts.fail_swap_on(),
                facts.fail_cgroup_v1(),
                facts.cgroup_driver()
            ),
            (Some(false), None, None)
        );
        assert_eq!(
            config_facts("{\"failCgroupV1\": true}").fail_cgroup_v1(),
            Some(true)
        );
        assert_eq!(config_facts(": : :"), ConfigFacts::default());
    }

    #[test]
    fn kubeconfig_server_and_certificate() {
        assert_eq!(
            kubeconfig_host("clusters:\n- cluster:\n    server: https://10.0.0.1:6443\n")
                .as_deref(),
            Some("10.0.0.1:6443")
        );
        assert_eq!(kubeconfig_host("nothing"), None);
        assert_eq!(
            client_certificate(
                "users:\n- user:\n    client-certificate: \"/var/lib/kubelet/pki/c.pem\"\n"
            )
            .as_deref(),
            Some("/var/lib/kubelet/pki/c.pem")
        );
        assert_eq!(client_certificate("client-certificate: ''"), None);
    }
}
