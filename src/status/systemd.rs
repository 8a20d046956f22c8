//! `systemctl show UNIT` (kubelet-status.md §2.1, §2.2): `Name=value` lines in systemd's order,
//! turned into the unit's state, its last exit, its restart count and the unexpanded
//! `ExecStart` argv. Pure.

use std::collections::BTreeMap;

/// What systemd says of the unit.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Unit {
    pub id: Option<String>,
    pub load_state: Option<String>,
    pub active_state: Option<String>,
    pub sub_state: Option<String>,
    pub result: Option<String>,
    pub main_pid: Option<u32>,
    /// `ExecMainStatus`: the last exit status (or signal number).
    pub exec_main_status: Option<i64>,
    pub n_restarts: Option<u64>,
    pub exec_main_start: Option<String>,
    pub fragment_path: Option<String>,
    pub drop_in_paths: Vec<String>,
    /// `EnvironmentFiles`: (path, ignore errors).
    pub environment_files: Vec<(String, bool)>,
    /// `ExecStart`'s `argv[]`, unexpanded, split on spaces.
    pub exec_start: Vec<String>,
}

/// How the unit is doing, in `status`'s words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// No such unit (`LoadState=not-found`), or masked.
    NotInstalled,
    /// Running (`active/running`).
    Running,
    /// Waiting to restart after a failure, or failed for good.
    Failing,
    /// Stopped cleanly or never started.
    Stopped,
    /// Anything else (`activating/start`, `deactivating`, `reloading`).
    Other,
}

/// Parses the output; unknown lines are ignored, values are kept raw.
pub fn parse(text: &str) -> Unit {
    let mut map: BTreeMap<&str, &str> = BTreeMap::new();
    for line in text.lines() {
        if let Some((k, v)) = line.split_once('=') {
            // The first ExecStart is the one systemd runs; show prints only the effective ones.
            map.entry(k.trim()).or_insert(v);
        }
    }
    let get = |k: &str| {
        map.get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    Unit {
        id: get("Id"),
        load_state: get("LoadState"),
        active_state: get("ActiveState"),
        sub_state: get("SubState"),
        result: get("Result"),
        main_pid: get("MainPID").and_then(|v| v.parse().ok()),
        exec_main_status: get("ExecMainStatus").and_then(|v| v.parse().ok()),
        n_restarts: get("NRestarts").and_then(|v| v.parse().ok()),
        exec_main_start: get("ExecMainStartTimestamp"),
        fragment_path: get("FragmentPath"),
        drop_in_paths: get("DropInPaths")
            .map(|v| v.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default(),
        environment_files: get("EnvironmentFiles")
            .map(|v| environment_files(&v))
            .unwrap_or_default(),
        exec_start: get("ExecStart").map(|v| exec_argv(&v)).unwrap_or_default(),
    }
}

impl Unit {
    pub fn state(&self) -> State {
        if matches!(self.load_state.as_deref(), Some("not-found" | "masked")) {
            return State::NotInstalled;
        }
        match (self.active_state.as_deref(), self.sub_state.as_deref()) {
            (Some("active"), Some("running")) => State::Running,
            (Some("failed"), _) | (Some("activating"), Some("auto-restart")) => State::Failing,
            (Some("inactive"), _) if self.result.as_deref().is_some_and(|r| r != "success") => {
                State::Failing
            }
            (Some("inactive"), _) => State::Stopped,
            _ => State::Other,
        }
    }

    /// `failed (Result=exit-code, status 1), 14 restarts`.
    pub fn describe(&self) -> String {
        let name = self.id.as_deref().unwrap_or("the unit");
        let mut s = format!(
            "{name} {}",
            match (self.active_state.as_deref(), self.sub_state.as_deref()) {
                (Some(a), Some(b)) => format!("{a}/{b}"),
                (Some(a), None) => a.to_string(),
                _ => self
                    .load_state
                    .clone()
                    .unwrap_or_else(|| "state unknown".into()),
            }
        );
        let mut detail = Vec::new();
        if let Some(r) = &self.result
            && r != "success"
        {
            detail.push(format!("Result={r}"));
        }
        // While it runs, the main process has no exit status (systemd clears it at each start).
        if let Some(st) = self.exec_main_status
            && st != 0
            && self.state() != State::Running
        {
            detail.push(format!("exit status {st}"));
        }
        if let Some(n) = self.n_restarts
            && n > 0
        {
            detail.push(format!("{n} restarts"));
        }
        if self.load_state.as_deref() == Some("not-found") {
            detail.push("not installed".into());
        }
        if !detail.is_empty() {
            s.push_str(&format!(" ({})", detail.join(", ")));
        }
        s
    }
}

/// `/var/lib/kubelet/kubeadm-flags.env (ignore_errors=yes) /etc/default/kubelet (ignore_errors=yes)`
fn environment_files(v: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut words = v.split_whitespace().peekable();
    while let Some(path) = words.next() {
        let ignore = match words.peek() {
            Some(w) if w.starts_with("(ignore_errors=") => {
                let yes = w.contains("yes");
                words.next();
                yes
            }
            _ => false,
        };
        out.push((path.to_string(), ignore));
    }
    out
}

/// `{ path=/usr/bin/kubelet ; argv[]=/usr/bin/kubelet $A $B ; ignore_errors=no ; ... }`
fn exec_argv(v: &str) -> Vec<String> {
    let Some(rest) = v.split_once("argv[]=").map(|(_, r)| r) else {
        return Vec::new();
    };
    let end = rest.find(" ; ").unwrap_or(rest.len());
    rest[..end].split_whitespace().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAILING: &str = "Type=simple\nRestart=always\nNRestarts=14\nExecMainStartTimestamp=Tue 2025-06-03 10:12:03 UTC\nExecMainPID=4242\nExecMainCode=1\nExecMainStatus=1\nMainPID=0\nExecStart={ path=/usr/bin/kubelet ; argv[]=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS ; ignore_errors=no ; start_time=[Tue 2025-06-03 10:12:03 UTC] ; stop_time=[Tue 2025-06-03 10:12:04 UTC] ; pid=4242 ; code=exited ; status=1/FAILURE }\nResult=exit-code\nId=kubelet.service\nLoadState=loaded\nActiveState=activating\nSubState=auto-restart\nFragmentPath=/usr/lib/systemd/system/kubelet.service\nDropInPaths=/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf\nEnvironmentFiles=/var/lib/kubelet/kubeadm-flags.env (ignore_errors=yes)\n";

    #[test]
    fn a_crash_looping_kubeadm_unit() {
        let u = parse(FAILING);
        assert_eq!(u.state(), State::Failing);
        assert_eq!(u.n_restarts, Some(14));
        assert_eq!(u.exec_main_status, Some(1));
        assert_eq!(u.main_pid, Some(0));
        assert_eq!(
            u.exec_start,
            [
                "/usr/bin/kubelet",
                "$KUBELET_KUBECONFIG_ARGS",
                "$KUBELET_CONFIG_ARGS",
                "$KUBELET_KUBEADM_ARGS",
                "$KUBELET_EXTRA_ARGS"
            ]
        );
        assert_eq!(
            u.environment_files,
            [("/var/lib/kubelet/kubeadm-flags.env".to_string(), true)]
        );
        assert_eq!(
            u.describe(),
            "kubelet.service activating/auto-restart (Result=exit-code, exit status 1, 14 restarts)"
        );
    }

    #[test]
    fn a_running_unit_shows_its_restarts_but_no_exit_status() {
        let running = FAILING
            .replace("ActiveState=activating", "ActiveState=active")
            .replace("SubState=auto-restart", "SubState=running")
            .replace("Result=exit-code", "Result=success");
        assert_eq!(
            parse(&running).describe(),
            "kubelet.service active/running (14 restarts)"
        );
    }

    #[test]
    fn states() {
        let s = |t: &str| parse(t).state();
        assert_eq!(
            s("LoadState=not-found\nActiveState=inactive\nSubState=dead\n"),
            State::NotInstalled
        );
        assert_eq!(
            s("LoadState=loaded\nActiveState=active\nSubState=running\nResult=success\n"),
            State::Running
        );
        assert_eq!(
            s("LoadState=loaded\nActiveState=inactive\nSubState=dead\nResult=success\n"),
            State::Stopped
        );
        assert_eq!(
            s("LoadState=loaded\nActiveState=failed\nSubState=failed\nResult=start-limit-hit\n"),
            State::Failing
        );
        assert_eq!(s("garbage\n\u{1b}[31m"), State::Other);
    }
}
