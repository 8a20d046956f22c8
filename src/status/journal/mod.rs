//! The journal engine: `journalctl -u UNIT -o json` streamed line by line with bounded memory,
//! split into kubelet runs (by `_SYSTEMD_INVOCATION_ID`, systemd's `INVOCATION_ID`, else
//! `_PID`; kubelet-status.md §4.5), only the current and previous run kept, each line classified
//! in its run's context and repeats collapsed into counts. Pure apart from the reader it is
//! given; `status` turns a [`Journal`] into findings.

pub mod entry;
pub mod lines;
pub mod short;

use std::io::{self, BufRead};

use super::cause::{Cause, Severity};
use super::classify::{self, Class, Context};
use super::logline::{self, Level};

/// The most of a line kept as evidence (the whole line is still classified).
pub const EVIDENCE_CAP: usize = 2048;
/// Distinct (cause, text) pairs kept per run; more only add to [`Run::overflow`].
const HITS_CAP: usize = 64;
/// The part of a line that tells repeats apart (times and pids are in the header, not here).
const KEY_CAP: usize = 512;

/// systemd's MESSAGE_IDs for a unit's life (src/core/service.c, unit.c).
const STARTED: &str = "39f53479d3a045ac8e11786248231fbf";
const EXITED: &str = "98e322203f7a4ed290d09fe03c09fe15";
const RESTART_SCHEDULED: &str = "5eb03494b6584870a536b337290809b3";

/// A journal line as shown: its time and its text, cut at [`EVIDENCE_CAP`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub time_us: Option<u64>,
    pub text: String,
}

impl Evidence {
    fn new(time_us: Option<u64>, text: &str) -> Evidence {
        Evidence {
            time_us,
            text: cut(text, EVIDENCE_CAP),
        }
    }

    /// Replaces the line, reusing the buffer (repeats are the common case).
    fn set(&mut self, time_us: Option<u64>, text: &str) {
        self.time_us = time_us;
        self.text.clear();
        let p = prefix(text, EVIDENCE_CAP);
        self.text.push_str(p);
        if p.len() < text.len() {
            self.text.push('…');
        }
    }
}

/// Lines of one cause and one text, collapsed.
#[derive(Clone, Debug)]
pub struct Hit {
    pub cause: Cause,
    pub severity: Severity,
    pub count: u64,
    pub first_us: Option<u64>,
    /// The latest occurrence.
    pub evidence: Evidence,
    key: String,
}

/// How a run ended, as systemd said it.
#[derive(Clone, Debug)]
pub struct Exit {
    /// `EXIT_STATUS` (a number or a signal name).
    pub status: Option<String>,
    pub evidence: Evidence,
}

/// The line the kubelet died on, with its cause (`Unknown` when no signature matches).
#[derive(Clone, Debug)]
pub struct Fatal {
    pub cause: Cause,
    pub evidence: Evidence,
}

/// One run of the kubelet: from a start to an exit.
#[derive(Clone, Debug, Default)]
pub struct Run {
    key: Option<String>,
    pub pid: Option<u32>,
    pub lines: u64,
    pub first_us: Option<u64>,
    pub last_us: Option<u64>,
    pub registered: bool,
    /// `"Kubelet version" kubeletVersion="v1.34.1"`.
    pub version: Option<String>,
    /// `"Using cgroup driver setting received from the CRI runtime"`: the driver cannot differ.
    pub driver_from_cri: bool,
    /// The arguments of k3s's `Running kubelet ...` line (the kubelet runs inside k3s).
    pub running_args: Option<String>,
    pub hits: Vec<Hit>,
    pub overflow: u64,
    pub fatal: Option<Fatal>,
    /// The last error or fatal line, for a run that exits without a line we know.
    pub last_error: Option<Evidence>,
    pub exit: Option<Exit>,
}

impl Run {
    pub fn ended(&self) -> bool {
        self.exit.is_some() || self.fatal.is_some()
    }

    /// Ended on a fatal line or a non-zero exit.
    pub fn failed(&self) -> bool {
        self.fatal.is_some()
            || self
                .exit
                .as_ref()
                .is_some_and(|e| e.status.as_deref().is_some_and(|s| s != "0"))
    }

    /// The cause the run died of, with the bootstrap trap applied (§5.1 rule 6): an expired
    /// client certificate makes the kubelet fall back to the bootstrap kubeconfig that kubeadm
    /// deleted, so "unable to load bootstrap kubeconfig" after an expired certificate is the
    /// certificate's fault.
    pub fn fatal_cause(&self) -> Option<Cause> {
        let cause = self.fatal.as_ref()?.cause;
        if cause == Cause::BootstrapMissing
            && self.hits.iter().any(|h| h.cause == Cause::CertExpired)
        {
            return Some(Cause::CertExpired);
        }
        Some(cause)
    }

    fn add(
        &mut self,
        cause: Cause,
        severity: Severity,
        key: &str,
        time_us: Option<u64>,
        text: &str,
    ) {
        // Repeats are the common case: compare against the stored (cut) key and reuse the
        // evidence buffer, allocating only for a new hit.
        if let Some(hit) = self
            .hits
            .iter_mut()
            .find(|h| h.cause == cause && is_cut_of(&h.key, key, KEY_CAP))
        {
            hit.count += 1;
            hit.severity = hit.severity.min(severity);
            hit.evidence.set(time_us, text);
            return;
        }
        if self.hits.len() >= HITS_CAP {
            self.overflow += 1;
            return;
        }
        self.hits.push(Hit {
            cause,
            severity,
            count: 1,
            first_us: time_us,
            evidence: Evidence::new(time_us, text),
            key: cut(key, KEY_CAP),
        });
    }
}

/// What the journal said, after the last line.
#[derive(Debug, Default)]
pub struct Journal {
    /// Lines read (JSON or not).
    pub lines: u64,
    /// Lines that were not a JSON object (not a journal line, for the short text), skipped.
    pub not_json: u64,
    /// Read from the node log query's short text, not from `journalctl -o json`.
    pub short_text: bool,
    /// Entries without a MESSAGE (null or absent), skipped.
    pub no_message: u64,
    /// Messages cut at the cap.
    pub truncated: u64,
    pub runs_seen: u64,
    pub previous: Option<Run>,
    pub current: Option<Run>,
    /// Runs in a row, ending with the previous one, that failed.
    pub failed_before: u64,
    /// systemd's highest `restart counter is at N`, with its line.
    pub restarts: Option<(u64, Evidence)>,
    api_host: Option<String>,
}

/// Reads the node log query's text (`journalctl --output=short-precise`), line by line.
pub fn read_short(text: &str, api_host: Option<&str>, now_s: i64) -> Journal {
    let mut journal = Journal {
        api_host: api_host.map(str::to_string),
        short_text: true,
        ..Journal::default()
    };
    for line in text.lines() {
        journal.push_short(line, now_s);
    }
    journal
}

/// Reads a whole journal export.
pub fn read<R: BufRead>(mut reader: R, api_host: Option<&str>) -> io::Result<Journal> {
    let mut stream = Stream::new(api_host);
    loop {
        let chunk = match reader.fill_buf() {
            Ok([]) => break,
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        stream.feed(chunk);
        let n = chunk.len();
        reader.consume(n);
    }
    Ok(stream.finish())
}

/// A journal export read as its bytes arrive (`journalctl -o json`'s pipe, or a file).
pub struct Stream {
    journal: Journal,
    lines: lines::Splitter,
}

impl Stream {
    pub fn new(api_host: Option<&str>) -> Stream {
        Stream {
            journal: Journal {
                api_host: api_host.map(str::to_string),
                ..Journal::default()
            },
            lines: lines::Splitter::new(lines::LINE_CAP),
        }
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        let journal = &mut self.journal;
        self.lines.feed(bytes, |line, cut| journal.push(line, cut));
    }

    pub fn finish(mut self) -> Journal {
        let journal = &mut self.journal;
        self.lines.finish(|line, cut| journal.push(line, cut));
        self.journal
    }
}

impl Journal {
    /// Takes one line of `journalctl -o json`; `cut` when the reader cut it at its cap.
    pub fn push(&mut self, line: &[u8], cut: bool) {
        self.lines += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        let Ok(entry) = entry::parse(line, cut) else {
            self.not_json += 1;
            return;
        };
        self.push_entry(&entry);
    }

    /// Takes one line of `journalctl --output=short-precise` (the node log query's text);
    /// `now_s` gives the year the format leaves out.
    pub fn push_short(&mut self, line: &str, now_s: i64) {
        self.lines += 1;
        if line.trim().is_empty() {
            return;
        }
        match short::parse(line, now_s) {
            Some(entry) => self.push_entry(&entry),
            None => self.not_json += 1,
        }
    }

    fn push_entry(&mut self, entry: &entry::Entry) {
        if entry.message_truncated {
            self.truncated += 1;
        }
        let Some(message) = entry.message.as_deref() else {
            self.no_message += 1;
            return;
        };
        if is_manager(entry) {
            self.manager_line(entry, message);
        } else {
            self.kubelet_line(entry, message);
        }
    }

    fn start_run(&mut self, key: Option<String>, pid: Option<u32>) {
        if let Some(done) = self.current.take() {
            if done.failed() {
                self.failed_before += 1;
            } else {
                self.failed_before = 0;
            }
            self.previous = Some(done);
        }
        self.runs_seen += 1;
        self.current = Some(Run {
            key,
            pid,
            ..Run::default()
        });
    }

    /// systemd's own lines about the unit: a run starts, exits, is restarted.
    fn manager_line(&mut self, e: &entry::Entry, message: &str) {
        let id = e.message_id.as_deref();
        let key = e.manager_invocation.clone();
        if id == Some(STARTED) || (id.is_none() && message.starts_with("Started ")) {
            let same =
                matches!((&self.current, &key), (Some(c), Some(k)) if c.key.as_ref() == Some(k));
            let fresh = self
                .current
                .as_ref()
                .is_some_and(|c| c.key.is_none() && c.lines == 0);
            if fresh {
                if let Some(c) = self.current.as_mut() {
                    c.key = key;
                }
            } else if !same {
                self.start_run(key, None);
            }
        } else if id == Some(EXITED) || (id.is_none() && message.contains("Main process exited")) {
            let status = e.exit_status.clone().or_else(|| status_from_text(message));
            let exit = Exit {
                status,
                evidence: Evidence::new(e.realtime_us, message),
            };
            if let Some(run) = self.run_for(key.as_deref()) {
                run.exit = Some(exit);
            }
        } else if id == Some(RESTART_SCHEDULED)
            || (id.is_none() && message.contains("Scheduled restart job"))
        {
            let n = e.n_restarts.or_else(|| counter_from_text(message));
            if let Some(n) = n
                && self.restarts.as_ref().is_none_or(|(m, _)| n >= *m)
            {
                self.restarts = Some((n, Evidence::new(e.realtime_us, message)));
            }
        }
    }

    /// The run systemd's line is about: by invocation id, else the current one.
    fn run_for(&mut self, key: Option<&str>) -> Option<&mut Run> {
        if let Some(k) = key
            && self
                .previous
                .as_ref()
                .is_some_and(|p| p.key.as_deref() == Some(k))
        {
            return self.previous.as_mut();
        }
        self.current.as_mut()
    }

    fn kubelet_line(&mut self, e: &entry::Entry, message: &str) {
        // Borrowed: this runs for every line of a journal that may hold millions.
        let pid_key;
        let key: Option<&str> = match (&e.invocation, e.pid) {
            (Some(i), _) => Some(i),
            (None, Some(p)) => {
                pid_key = format!("pid:{p}");
                Some(&pid_key)
            }
            (None, None) => None,
        };
        let line = logline::parse(message);
        let landmark_restart = key.is_none()
            && line.text.starts_with("\"Kubelet version\"")
            && self.current.as_ref().is_some_and(|c| c.version.is_some());
        let is_key = |run: &Option<Run>| matches!((run, key), (Some(r), Some(k)) if r.key.as_deref() == Some(k));
        let target_previous = is_key(&self.previous) && !is_key(&self.current);
        if !target_previous {
            let new_run = match &self.current {
                None => true,
                Some(c) => match (c.key.as_deref(), key) {
                    // A run systemd started, before the kubelet's first line.
                    (None, Some(_)) if c.lines == 0 => false,
                    (Some(ck), Some(k)) => ck != k,
                    // No ids at all (a hand-made journal): a run ends with its fatal line.
                    _ => c.ended() || landmark_restart,
                },
            };
            if new_run {
                self.start_run(key.map(str::to_string), e.pid);
            }
        }
        let Journal {
            api_host,
            previous,
            current,
            ..
        } = self;
        let Some(run) = (if target_previous {
            previous.as_mut()
        } else {
            current.as_mut()
        }) else {
            return;
        };
        if run.key.is_none() {
            run.key = key.map(str::to_string);
        }
        if run.pid.is_none() {
            run.pid = e.pid;
        }
        run.lines += 1;
        if run.first_us.is_none() {
            run.first_us = e.realtime_us;
        }
        if e.realtime_us.is_some() {
            run.last_us = e.realtime_us;
        }
        let text: &str = &line.text;
        if let Some(args) = text.strip_prefix("Running kubelet ") {
            run.running_args = Some(cut(args, EVIDENCE_CAP * 8));
        }
        if text.starts_with("\"Using cgroup driver setting received from the CRI runtime\"") {
            run.driver_from_cri = true;
        }
        if text.starts_with("\"Kubelet version\"") {
            run.version = value_of(text, "kubeletVersion=\"").map(str::to_string);
        }
        let found = classify::Found::of(text);
        if found.registered() {
            run.registered = true;
            // Refusals and timeouts before the API server let the node in were transient.
            run.hits.retain(|h| {
                !matches!(
                    h.cause,
                    Cause::ApiUnreachable | Cause::RegisterRejected | Cause::ApiUnauthorized
                )
            });
        }
        if found.node_ready() {
            // A network or runtime not ready at start-up, and ready since.
            run.hits
                .retain(|h| !matches!(h.cause, Cause::CniNotReady | Cause::RuntimeUnhealthy));
        }
        let cx = Context {
            registered: run.registered,
            api_host: api_host.as_deref(),
        };
        let (class, fatal) = classify::judge(&line, found, cx);
        if let Class::Hit(cause, severity) = class {
            run.add(cause, severity, text, e.realtime_us, message);
        }
        if line.level >= Level::Error {
            match &mut run.last_error {
                Some(ev) => ev.set(e.realtime_us, message),
                None => run.last_error = Some(Evidence::new(e.realtime_us, message)),
            }
        }
        if fatal {
            let cause = match class {
                Class::Hit(c, _) => c,
                _ => Cause::Unknown,
            };
            run.fatal = Some(Fatal {
                cause,
                evidence: Evidence::new(e.realtime_us, message),
            });
        }
    }
}

/// systemd's lines: PID 1, or one of its MESSAGE_IDs about a unit.
fn is_manager(e: &entry::Entry) -> bool {
    e.pid == Some(1)
        || e.comm.as_deref() == Some("systemd")
        || matches!(
            e.message_id.as_deref(),
            Some(STARTED | EXITED | RESTART_SCHEDULED)
        )
}

/// `status=1/FAILURE` in `Main process exited, code=exited, status=1/FAILURE`.
fn status_from_text(message: &str) -> Option<String> {
    let rest = message.split_once("status=")?.1;
    let end = rest.find(['/', ' ', ',']).unwrap_or(rest.len());
    Some(rest[..end].to_string()).filter(|s| !s.is_empty())
}

/// N in `Scheduled restart job, restart counter is at N.`.
fn counter_from_text(message: &str) -> Option<u64> {
    let rest = message.split_once("restart counter is at ")?.1;
    rest.trim_end_matches('.').trim().parse().ok()
}

/// The quoted value after `key` (`kubeletVersion="` -> `v1.34.1`).
fn value_of<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let rest = text.split_once(key)?.1;
    Some(&rest[..rest.find('"')?])
}

/// `s` cut to at most `max` bytes on a character boundary, with `…` when cut.
pub fn cut(s: &str, max: usize) -> String {
    let p = prefix(s, max);
    if p.len() == s.len() {
        s.to_string()
    } else {
        format!("{p}…")
    }
}

/// Whether `stored` is `cut(s, max)`, without building it.
fn is_cut_of(stored: &str, s: &str, max: usize) -> bool {
    let p = prefix(s, max);
    if p.len() == s.len() {
        stored == s
    } else {
        stored.strip_suffix('…') == Some(p)
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_cut_of_agrees_with_cut() {
        for s in [
            "",
            "short",
            "exactly10!",
            "a longer key than ten",
            "ééééééé",
        ] {
            for other in [
                "",
                "short",
                "exactly10!",
                "a longer key than ten",
                "ééééééé",
            ] {
                assert_eq!(
                    is_cut_of(&cut(other, 10), s, 10),
                    cut(other, 10) == cut(s, 10),
                    "{other} {s}"
                );
            }
        }
    }

    fn line(inv: &str, pid: u32, us: u64, message: &str) -> String {
        serde_json::json!({
            "__REALTIME_TIMESTAMP": us.to_string(),
            "_SYSTEMD_INVOCATION_ID": inv,
            "_PID": pid.to_string(),
            "_COMM": "kubelet",
            "MESSAGE": message,
        })
        .to_string()
    }

    fn manager(inv: &str, id: &str, us: u64, message: &str, extra: &[(&str, &str)]) -> String {
        let mut v = serde_json::json!({
            "__REALTIME_TIMESTAMP": us.to_string(),
            "_PID": "1",
            "_COMM": "systemd",
            "INVOCATION_ID": inv,
            "MESSAGE_ID": id,
            "MESSAGE": message,
        });
        for (k, x) in extra {
            v[*k] = serde_json::Value::String(x.to_string());
        }
        v.to_string()
    }

    fn journal(lines: &[String]) -> Journal {
        read(lines.join("\n").as_bytes(), None).unwrap()
    }

    const SWAP: &str = "E0603 10:12:13.123456    4242 run.go:74] \"command failed\" err=\"failed to run Kubelet: running with swap on is not supported, please disable swap or set --fail-swap-on flag to false\"";

    #[test]
    fn runs_split_by_invocation_and_only_two_are_kept() {
        let mut lines = Vec::new();
        for (i, inv) in ["a", "b", "c"].iter().enumerate() {
            let t = 1_000_000 * i as u64;
            lines.push(manager(
                inv,
                STARTED,
                t,
                "Started kubelet.service - kubelet.",
                &[],
            ));
            lines.push(line(inv, 100 + i as u32, t + 1, SWAP));
            lines.push(manager(
                inv,
                EXITED,
                t + 2,
                "kubelet.service: Main process exited, code=exited, status=1/FAILURE",
                &[("EXIT_STATUS", "1")],
            ));
            lines.push(manager(
                inv,
                RESTART_SCHEDULED,
                t + 3,
                "kubelet.service: Scheduled restart job, restart counter is at 3.",
                &[("N_RESTARTS", &(i + 1).to_string())],
            ));
        }
        let j = journal(&lines);
        assert_eq!(j.runs_seen, 3);
        assert_eq!(j.failed_before, 2);
        let cur = j.current.as_ref().unwrap();
        assert_eq!(cur.key.as_deref(), Some("c"));
        assert_eq!(cur.pid, Some(102));
        assert_eq!(cur.exit.as_ref().unwrap().status.as_deref(), Some("1"));
        assert_eq!(cur.fatal_cause(), Some(Cause::SwapEnabled));
        assert_eq!(j.previous.as_ref().unwrap().key.as_deref(), Some("b"));
        assert_eq!(j.restarts.as_ref().unwrap().0, 3);
    }

    #[test]
    fn repeats_collapse_and_registration_clears_transient_refusals() {
        let cni = "E0603 10:12:13.123456 1 kubelet.go:3002] \"Container runtime network not ready\" networkReady=\"NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized\"";
        let refused = "E0603 10:12:13.123456 1 kubelet_node_status.go:95] \"Unable to register node with API server\" err=\"Post \\\"https://10.0.0.1:6443/api/v1/nodes\\\": dial tcp 10.0.0.1:6443: connect: connection refused\" node=\"a\"";
        let j = journal(&[
            line("x", 7, 1, refused),
            line("x", 7, 2, refused),
            line(
                "x",
                7,
                3,
                "I0603 10:12:14.000000 1 kubelet_node_status.go:78] \"Successfully registered node\" node=\"a\"",
            ),
            line("x", 7, 4, cni),
            line("x", 7, 5, cni),
            line("x", 7, 6, cni),
        ]);
        let run = j.current.unwrap();
        assert_eq!(run.hits.len(), 1, "{:?}", run.hits);
        assert_eq!(run.hits[0].cause, Cause::CniNotReady);
        assert_eq!(run.hits[0].count, 3);
        assert_eq!(run.hits[0].first_us, Some(4));
        assert_eq!(run.hits[0].evidence.time_us, Some(6));
        assert!(!run.ended());
    }

    #[test]
    fn without_ids_a_fatal_line_ends_the_run() {
        let plain = |m: &str| serde_json::json!({ "MESSAGE": m }).to_string();
        let j = journal(&[
            plain(
                "I0603 10:12:10.000000 1 server.go:1] \"Kubelet version\" kubeletVersion=\"v1.35.0\"",
            ),
            plain(SWAP),
            plain(
                "I0603 10:12:20.000000 1 server.go:1] \"Kubelet version\" kubeletVersion=\"v1.35.0\"",
            ),
            plain(
                "E0603 10:12:21.000000 1 run.go:74] \"command failed\" err=\"failed to parse kubelet flag: unknown flag: --cloud-config\"",
            ),
        ]);
        assert_eq!(j.runs_seen, 2);
        assert_eq!(j.failed_before, 1);
        assert_eq!(j.previous.unwrap().fatal_cause(), Some(Cause::SwapEnabled));
        let cur = j.current.unwrap();
        assert_eq!(cur.fatal_cause(), Some(Cause::UnknownFlag));
        assert_eq!(cur.version.as_deref(), Some("v1.35.0"));
    }

    #[test]
    fn expired_certificate_then_missing_bootstrap_is_the_certificate() {
        let j = journal(&[
            line(
                "x",
                7,
                1,
                "I0603 10:12:13.123456 1 bootstrap.go:101] \"Part of the existing bootstrap client certificate in /etc/kubernetes/kubelet.conf is expired\" err=\"2025-01-01 00:00:00 +0000 UTC\"",
            ),
            line(
                "x",
                7,
                2,
                "E0603 10:12:13.123456 1 run.go:74] \"command failed\" err=\"failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory\"",
            ),
        ]);
        assert_eq!(j.current.unwrap().fatal_cause(), Some(Cause::CertExpired));
    }

    #[test]
    fn hostile_lines_are_counted_not_fatal() {
        let mut data = b"not json\n{\"MESSAGE\":null}\n{\"MESSAGE\":[255,69]}\n\n".to_vec();
        data.extend_from_slice(b"{\"MESSAGE\":\"");
        data.extend(std::iter::repeat_n(b'x', lines::LINE_CAP + 10));
        data.extend_from_slice(b"\"}\n");
        let j = read(&data[..], None).unwrap();
        assert_eq!(j.lines, 5);
        assert_eq!(j.not_json, 1);
        assert_eq!(j.no_message, 1);
        assert_eq!(j.truncated, 1);
        assert_eq!(j.current.unwrap().lines, 2);
    }
}
