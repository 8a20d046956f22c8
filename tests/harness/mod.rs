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
