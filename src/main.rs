//! The binary: notices a stdout closed before start (below), then hands over to `run::main`.

fn main() -> std::process::ExitCode {
    kubelet_doctor::output::stdout::started_closed(closed_at_start::stdout());
    kubelet_doctor::run::main().into()
}

/// Whether descriptor 1 was closed when the process started (`kubelet-doctor nodes >&-`).
///
/// Rust's runtime reopens a closed descriptor 0, 1 or 2 on `/dev/null` before `main`, and
/// after that a closed stdout looks exactly like a `/dev/null` the caller chose on purpose
/// (Python's `subprocess.DEVNULL`, systemd's `StandardOutput=null`). So the question is asked
/// earlier, from an ELF initializer, which the C runtime calls before Rust's start-up code.
/// This is the one `unsafe` in the project: a `link_section` and a `fcntl` that only looks.
#[allow(unsafe_code)]
mod closed_at_start {
    use std::sync::atomic::{AtomicBool, Ordering};

    static STDOUT: AtomicBool = AtomicBool::new(false);

    pub fn stdout() -> bool {
        STDOUT.load(Ordering::Relaxed)
    }

    #[cfg(target_os = "linux")]
    #[used]
    #[unsafe(link_section = ".init_array")]
    static CHECK: extern "C" fn() = check;

    #[cfg(target_os = "linux")]
    extern "C" fn check() {
        // SAFETY: F_GETFD reads the descriptor's flags; it neither takes nor changes anything,
        // and errno is read on this same thread right after.
        let closed = unsafe { libc::fcntl(1, libc::F_GETFD) } == -1
            && std::io::Error::last_os_error().raw_os_error() == Some(libc::EBADF);
        STDOUT.store(closed, Ordering::Relaxed);
    }
}
