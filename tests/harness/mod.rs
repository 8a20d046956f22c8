//! Running the real `kubelet-doctor` binary from tests, with a clean environment (no
//! KUBECONFIG, HOME in a temp dir, no proxies), and asserting on its stdout, stderr and exit
//! status.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// One invocation to build up and run.
pub struct Run {
    cmd: Command,
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    _home: tempfile::TempDir,
}

impl Run {
    /// `kubelet-doctor ARGS...` with `--kubeconfig PATH` appended when given.
    pub fn new(kubeconfig: Option<&Path>) -> Run {
        let home = tempfile::tempdir().expect("temp home");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kubelet-doctor"));
        for var in [
            "KUBECONFIG",
            "NO_COLOR",
            "CLICOLOR",
            "CLICOLOR_FORCE",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "http_proxy",
            "https_proxy",
            "ALL_PROXY",
            "KUBERNETES_SERVICE_HOST",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("HOME", home.path());
        let mut run = Run {
            cmd,
            args: Vec::new(),
            stdin: None,
            _home: home,
        };
        if let Some(path) = kubeconfig {
            run.args.push("--kubeconfig".into());
            run.args.push(path.display().to_string());
        }
        run
    }

    pub fn args<I, S>(mut self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_string()));
        self
    }

    /// Runs in `dir`, so relative file names print as given (stable across checkouts).
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Run {
        self.cmd.current_dir(dir);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Run {
        self.cmd.env(key, value);
        self
    }

    /// Feeds `bytes` to the process's standard input (otherwise stdin is empty).
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Run {
        self.stdin = Some(bytes.into());
        self
    }

    pub fn home(&self) -> PathBuf {
        self._home.path().to_path_buf()
    }

    pub fn run(mut self) -> Outcome {
        // Subcommand first keeps the command line readable in failure messages.
        let mut args = self.args.clone();
        if let Some(pos) = args.iter().position(|a| a == "--kubeconfig") {
            let kc: Vec<String> = args.drain(pos..pos + 2).collect();
            args.extend(kc);
        }
        self.cmd.args(&args);
        self.cmd.stdin(std::process::Stdio::piped());
        self.cmd.stdout(std::process::Stdio::piped());
        self.cmd.stderr(std::process::Stdio::piped());
        let mut child = self.cmd.spawn().expect("run kubelet-doctor");
        let input = self.stdin.take().unwrap_or_default();
        let mut pipe = child.stdin.take().expect("stdin is piped");
        // Written from a thread: a large input must not deadlock against a full stdout pipe.
        let writer = std::thread::spawn(move || {
            use std::io::Write;
            let _ = pipe.write_all(&input);
        });
        let output = child.wait_with_output().expect("wait for kubelet-doctor");
        let _ = writer.join();
        Outcome {
            args: args.join(" "),
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// What a run did.
#[derive(Debug)]
pub struct Outcome {
    pub args: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    /// The stdout table row whose `column`-th word (0-based) is `value`.
    #[track_caller]
    pub fn row(&self, column: usize, value: &str) -> &str {
        self.stdout
            .lines()
            .find(|l| l.split_whitespace().nth(column) == Some(value))
            .unwrap_or_else(|| {
                panic!(
                    "no row with {value:?} in column {column} in:\n{}",
                    self.stdout
                )
            })
    }

    #[track_caller]
    pub fn code(&self, want: i32) -> &Outcome {
        assert_eq!(
            self.code,
            Some(want),
            "exit status of `kubelet-doctor {}`\n--- stdout\n{}\n--- stderr\n{}",
            self.args,
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Outcome {
        assert!(
            self.stderr.contains(needle),
            "stderr of `kubelet-doctor {}` lacks {needle:?}:\n{}",
            self.args,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Outcome {
        assert!(
            self.stdout.contains(needle),
            "stdout of `kubelet-doctor {}` lacks {needle:?}:\n{}",
            self.args,
            self.stdout
        );
        self
    }

    /// stdout is exactly `want`; on failure, the first differing line is named.
    #[track_caller]
    pub fn stdout_is(&self, want: &str) -> &Outcome {
        exactly("stdout", &self.args, &self.stdout, want);
        self
    }

    /// stderr is exactly `want`.
    #[track_caller]
    pub fn stderr_is(&self, want: &str) -> &Outcome {
        exactly("stderr", &self.args, &self.stderr, want);
        self
    }

    #[track_caller]
    pub fn stdout_empty(&self) -> &Outcome {
        assert!(
            self.stdout.is_empty(),
            "stdout of `kubelet-doctor {}` should be empty:\n{}",
            self.args,
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn never_shows(&self, secret: &str) -> &Outcome {
        assert!(
            !self.stdout.contains(secret) && !self.stderr.contains(secret),
            "`kubelet-doctor {}` printed a secret",
            self.args
        );
        self
    }

    /// stderr holds exactly one line (our one-line error), plus optional warnings.
    #[track_caller]
    pub fn one_error_line(&self) -> &Outcome {
        let errors = self
            .stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .count();
        assert_eq!(
            errors, 1,
            "want one `error:` line from `kubelet-doctor {}`:\n{}",
            self.args, self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "panic:\n{}", self.stderr);
        self
    }
}

#[track_caller]
fn exactly(stream: &str, args: &str, got: &str, want: &str) {
    if got == want {
        return;
    }
    let line = got
        .lines()
        .zip(want.lines())
        .position(|(g, w)| g != w)
        .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
    panic!(
        "{stream} of `kubelet-doctor {args}` differs from line {}:\n  got:  {:?}\n  want: {:?}\n--- whole {stream}\n{got}",
        line + 1,
        got.lines().nth(line).unwrap_or("<end>"),
        want.lines().nth(line).unwrap_or("<end>"),
    );
}

/// Starts `kubelet-doctor ARGS... --kubeconfig PATH` with piped stdout and stderr, for tests
/// that interact with the running process (closing the pipe early, sending signals).
pub fn spawn(kubeconfig: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kubelet-doctor"))
        .args(args)
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .env_remove("KUBECONFIG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn kubelet-doctor")
}

/// What in a table varies from run to run, for [`Outcome::table_is`].
#[derive(Clone, Copy, Debug)]
pub enum Vary<'a> {
    /// In `column`, each duration (`5s`, `4m59s`, `12ms`, `30d`) right after `after` reads
    /// `<age>`: ages and latencies are measured against the clock.
    Time { column: &'a str, after: &'a str },
    /// `value`, known to the test but new each run (a random port, a temp path), reads
    /// `placeholder` wherever it appears.
    Known {
        value: &'a str,
        placeholder: &'a str,
    },
}

/// Every duration in `column` reads `<age>`.
pub const fn timed(column: &str) -> Vary<'_> {
    Vary::Time { column, after: "" }
}

/// In `column`, only the durations right after `after` read `<age>` (a fixed `--timeout 1s`
/// in the same cell stays asserted).
pub const fn timed_after<'a>(column: &'a str, after: &'a str) -> Vary<'a> {
    Vary::Time { column, after }
}

/// `value` reads `placeholder`.
pub const fn known<'a>(value: &'a str, placeholder: &'a str) -> Vary<'a> {
    Vary::Known { value, placeholder }
}

/// The length of the Go-style duration token (`5s`, `4m59s`, `1.5s`, `12ms`, `3d`) that starts
/// `text` and ends at a word boundary, if one does.
fn duration_len(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            break;
        }
        let mut j = i + digits;
        if b.get(j) == Some(&b'.') {
            let frac = b[j + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if frac == 0 {
                break;
            }
            j += 1 + frac;
        }
        let unit = ["ms", "s", "m", "h", "d", "y"]
            .into_iter()
            .find(|u| b[j..].starts_with(u.as_bytes()));
        let Some(unit) = unit else { break };
        i = j + unit.len();
    }
    let boundary = b.get(i).is_none_or(|c| !c.is_ascii_alphanumeric());
    (i > 0 && boundary).then_some(i)
}

/// `text` with each duration right after `after` (anywhere a word starts, when empty) replaced
/// by `<age>`.
pub fn normalize_durations(text: &str, after: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut word_start = true;
    while !rest.is_empty() {
        let token = if after.is_empty() {
            word_start.then(|| duration_len(rest)).flatten()
        } else {
            rest.strip_prefix(after).and_then(duration_len)
        };
        if let Some(n) = token {
            out.push_str(after);
            out.push_str("<age>");
            rest = &rest[after.len() + n..];
            word_start = false;
            continue;
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        word_start = !c.is_ascii_alphanumeric() && c != '.';
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The duration that `token` spells (`4m59s`, `12ms`, `2.0s`, `30d`).
#[track_caller]
pub fn duration(token: &str) -> std::time::Duration {
    assert_eq!(
        duration_len(token),
        Some(token.len()),
        "not a duration: {token:?}"
    );
    let mut secs = 0.0;
    let mut rest = token;
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap();
        let value: f64 = rest[..n].parse().unwrap();
        let (scale, unit) = [
            (0.001, "ms"),
            (1.0, "s"),
            (60.0, "m"),
            (3600.0, "h"),
            (86_400.0, "d"),
            (31_536_000.0, "y"),
        ]
        .into_iter()
        .find(|(_, u)| rest[n..].starts_with(u))
        .unwrap();
        secs += value * scale;
        rest = &rest[n + unit.len()..];
    }
    std::time::Duration::from_secs_f64(secs)
}

/// A borderless table as printed: the header's column names, and each line cut into cells
/// at the header's column starts.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Cuts `text`; a row that does not line up under the header panics.
    #[track_caller]
    fn parse(text: &str) -> Table {
        let mut lines = text.lines();
        let header_line: Vec<char> = lines.next().unwrap_or("").chars().collect();
        // Columns start where a non-space follows two spaces (or the line starts).
        let starts: Vec<usize> = (0..header_line.len())
            .filter(|&i| {
                header_line[i] != ' ' && (i == 0 || (i >= 2 && header_line[i - 2..i] == [' ', ' ']))
            })
            .collect();
        let cut = |line: &[char]| -> Vec<String> {
            starts
                .iter()
                .enumerate()
                .map(|(k, &s)| {
                    let end = starts.get(k + 1).map_or(line.len(), |&e| e.min(line.len()));
                    let s = s.min(end);
                    assert!(
                        s == 0 || s >= line.len() || line[s - 1] == ' ',
                        "cell {k} does not start under its header in {:?}",
                        line.iter().collect::<String>()
                    );
                    line[s..end]
                        .iter()
                        .collect::<String>()
                        .trim_end()
                        .to_string()
                })
                .collect()
        };
        Table {
            header: cut(&header_line),
            rows: lines.map(|l| cut(&l.chars().collect::<Vec<_>>())).collect(),
        }
    }
}

impl Outcome {
    /// stdout is the table `want` (a leading newline is dropped), cell for cell; only what
    /// `vary` names may differ, and there it must read as `want` spells it (`<age>`, or the
    /// placeholder). The widths of the columns may differ (a `4m59s` is wider than a `5m`), but
    /// every row must line up under the header, without trailing spaces.
    #[track_caller]
    pub fn table_is(&self, want: &str, vary: &[Vary]) -> &Outcome {
        let want = want.strip_prefix('\n').unwrap_or(want);
        #[track_caller]
        fn failed(out: &Outcome, want: &str, what: String) -> ! {
            panic!(
                "stdout of `kubelet-doctor {}`: {what}\n--- whole stdout\n{}--- want\n{want}",
                out.args, out.stdout
            )
        }
        let fail = |what| failed(self, want, what);
        if let Some(l) = self.stdout.lines().find(|l| l.ends_with(' ')) {
            fail(format!("trailing spaces in {l:?}"));
        }
        if self.stdout.lines().count() != want.lines().count() || !self.stdout.ends_with('\n') {
            fail(format!(
                "{} lines, want {}",
                self.stdout.lines().count(),
                want.lines().count()
            ));
        }
        let got = Table::parse(&self.stdout);
        let wanted = Table::parse(want);
        if got.header != wanted.header {
            fail(format!("header {:?}, want {:?}", got.header, wanted.header));
        }
        for (r, (g, w)) in got.rows.iter().zip(&wanted.rows).enumerate() {
            for ((cell, want_cell), column) in g.iter().zip(w).zip(&got.header) {
                let mut cell = cell.clone();
                for v in vary {
                    match *v {
                        Vary::Known { value, placeholder } => {
                            cell = cell.replace(value, placeholder);
                        }
                        Vary::Time { column: c, after } if c == column => {
                            cell = normalize_durations(&cell, after);
                        }
                        Vary::Time { .. } => {}
                    }
                }
                if &cell != want_cell {
                    fail(format!(
                        "row {} column {column}:\n  got:  {cell:?}\n  want: {want_cell:?}",
                        r + 1
                    ));
                }
            }
        }
        self
    }

    /// The cell under `column` in the row whose first cell is `key`.
    #[track_caller]
    pub fn cell(&self, key: &str, column: &str) -> String {
        let table = Table::parse(&self.stdout);
        let c = table
            .header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column {column} in:\n{}", self.stdout));
        let row = table
            .rows
            .iter()
            .find(|r| r[0] == key)
            .unwrap_or_else(|| panic!("no row {key} in:\n{}", self.stdout));
        row[c].clone()
    }

    /// stderr is exactly `want` once each duration right after `after` reads `<age>`.
    #[track_caller]
    pub fn stderr_timed_is(&self, after: &str, want: &str) -> &Outcome {
        exactly(
            "stderr",
            &self.args,
            &normalize_durations(&self.stderr, after),
            want,
        );
        self
    }
}

/// `kubelet-doctor --kubeconfig KUBECONFIG ARGS` on a pseudo-terminal `cols` wide (util-linux
/// `script`), stdout and stderr as the terminal shows them (`\r` removed); `None`, with a
/// note, when `script` is not installed.
pub fn on_terminal(kubeconfig: &Path, cols: usize, args: &str) -> Option<String> {
    let command = format!(
        "stty cols {cols} rows 50; exec '{}' --kubeconfig '{}' {args}",
        env!("CARGO_BIN_EXE_kubelet-doctor"),
        kubeconfig.display()
    );
    match Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .output()
    {
        Ok(out) => Some(String::from_utf8_lossy(&out.stdout).replace('\r', "")),
        Err(_) => {
            eprintln!(
                "note: skipping a terminal-width test: `script` (util-linux) is not installed"
            );
            None
        }
    }
}

/// Creates a FIFO at `path` (for tests of readers that must not wait on one).
pub fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Checks that `node`'s LEASE cell is `nominal` seconds old: a second younger at most (the
/// fake renders relative times to the second), and up to 3 s older, the time a run may take
/// between the fake's answer and the tool's clock on a loaded 2-core machine (1 s flaked
/// there). Returns the age as shown when the lease is stale, for the caller to find in the
/// column that explains it.
#[track_caller]
pub fn lease_age_is(out: &Outcome, node: &str, nominal: u64) -> Option<String> {
    let lease = out.cell(node, "LEASE");
    let age = lease.strip_suffix(" (stale)");
    let secs = duration(age.unwrap_or(&lease)).as_secs();
    assert!(
        (nominal - 1..=nominal + 3).contains(&secs),
        "{node}: lease {lease}, want {nominal}s"
    );
    age.map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(stdout: &str) -> Outcome {
        Outcome {
            args: "test".into(),
            code: Some(0),
            stdout: stdout.into(),
            stderr: String::new(),
        }
    }

    #[test]
    fn only_durations_become_ages() {
        assert_eq!(
            normalize_durations(
                "5m (stale) 4m59s 12ms 2.0s 30d v1.33.1 110 10.0.1.2 5mx",
                ""
            ),
            "<age> (stale) <age> <age> <age> <age> v1.33.1 110 10.0.1.2 5mx"
        );
        assert_eq!(
            normalize_durations("no answer within 1s; lease 4m stale", "lease "),
            "no answer within 1s; lease <age> stale"
        );
        assert_eq!(duration("4m59s").as_secs(), 299);
        assert_eq!(duration("12ms").as_millis(), 12);
    }

    #[test]
    fn tables_compare_cell_for_cell() {
        let want = "\nNAME   LEASE   PODS\na      <age>   110\n";
        let rules = [timed("LEASE")];
        outcome("NAME   LEASE   PODS\na      5s      110\n").table_is(want, &rules);
        // A wider age moves the next column, which is fine...
        outcome("NAME   LEASE    PODS\na      4m59s    110\n").table_is(want, &rules);
        // ...but other cells, rows and alignment are exact.
        for wrong in [
            "NAME   LEASE   PODS\na      5s      111\n",
            "NAME   LEASE   PODS\na      5s      110\nb      5s      110\n",
            "NAME   LEASE   PODS\na      5s     110\n",
            "NAME   LEASE   PODS\na      5s      110 \n",
            "NAME   LEASE   PODS\na      soon    110\n",
        ] {
            let failed = std::panic::catch_unwind(|| {
                outcome(wrong).table_is(want, &rules);
            });
            assert!(failed.is_err(), "accepted {wrong:?}");
        }
    }
}
