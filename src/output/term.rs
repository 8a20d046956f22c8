//! The terminal channel: every line the tool writes to stderr (errors, warnings, notes and
//! the one live progress line) goes through here, and the colour decision for both streams is
//! made here, once per process. The rest of the crate is forbidden to print directly
//! (`clippy::print_stderr`, `clippy::print_stdout`); stdout carries only reports, through
//! [`crate::output::stdout::emit`].
//!
//! A process-wide value rather than a handle passed around: the SIGINT path must be able to
//! end an open progress line, and a warning deep in the client must obey `-q` and the colour
//! decision without every caller threading them through.
#![allow(clippy::print_stderr)]

use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::OnceLock;

use anstyle::{AnsiColor, Style};

use crate::output::sanitize::sanitize;

/// The `--color` flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour a stream that is a terminal, unless the environment says otherwise.
    Auto,
    /// Always colour, into a pipe or a file too.
    Always,
    /// Never colour.
    Never,
}

/// The colour-related environment, read once. `NO_COLOR` (no-color.org) and `CLICOLOR=0`
/// turn `auto` off, `CLICOLOR_FORCE` (bixense.com/clicolors) turns it on without a terminal,
/// `TERM=dumb` means the terminal cannot colour. None of them overrides an explicit
/// `--color always|never`: that is the user's latest word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColorEnv {
    pub no_color: bool,
    pub clicolor_force: bool,
    pub clicolor_off: bool,
    pub term_dumb: bool,
}

impl ColorEnv {
    pub fn from_process() -> ColorEnv {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let is = |name: &str, value: &str| std::env::var_os(name).is_some_and(|v| v == value);
        ColorEnv {
            no_color: set("NO_COLOR"),
            clicolor_force: set("CLICOLOR_FORCE") && !is("CLICOLOR_FORCE", "0"),
            clicolor_off: is("CLICOLOR", "0"),
            term_dumb: is("TERM", "dumb"),
        }
    }
}

/// Whether to colour one stream.
pub fn use_color(choice: ColorChoice, is_terminal: bool, env: &ColorEnv) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if env.no_color => false,
        ColorChoice::Auto if env.clicolor_force => true,
        ColorChoice::Auto => is_terminal && !env.clicolor_off && !env.term_dumb,
    }
}

struct Term {
    stdout_color: bool,
    stderr_color: bool,
    stderr_is_terminal: bool,
    quiet: bool,
    /// Whether a progress line is open on stderr (written without its newline).
    progress_open: Mutex<bool>,
}

static TERM: OnceLock<Term> = OnceLock::new();

/// Decides colour for both streams and records `-q`. Called once, first thing in
/// [`crate::run::main`]; a second call changes nothing. Before it (in unit tests), nothing is
/// coloured and nothing is quiet.
pub fn init(choice: ColorChoice, quiet: bool) {
    let env = ColorEnv::from_process();
    let stderr_is_terminal = std::io::stderr().is_terminal();
    let _ = TERM.set(Term {
        stdout_color: use_color(choice, std::io::stdout().is_terminal(), &env),
        stderr_color: use_color(choice, stderr_is_terminal, &env),
        stderr_is_terminal,
        quiet,
        progress_open: Mutex::new(false),
    });
}

fn term() -> &'static Term {
    TERM.get_or_init(|| Term {
        stdout_color: false,
        stderr_color: false,
        stderr_is_terminal: false,
        quiet: false,
        progress_open: Mutex::new(false),
    })
}

/// Whether the report on stdout is coloured.
pub fn stdout_color() -> bool {
    term().stdout_color
}

/// The width of the terminal stdout is, in columns; `None` into a pipe or a file, where tables
/// keep full rows for scripts. `COLUMNS` wins when set (a terminal that cannot say its size,
/// or a person asking for narrower output).
pub fn stdout_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    let width = from_env.or_else(|| {
        rustix::termios::tcgetwinsize(std::io::stdout())
            .ok()
            .map(|w| usize::from(w.ws_col))
    })?;
    (width >= 20).then_some(width)
}

/// Whether `-q` was given: no report, no warnings, no notes; errors still.
pub fn quiet() -> bool {
    term().quiet
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();

/// `error: MESSAGE`, always (also under `-q`: errors are how a quiet run explains itself).
/// Every line is sanitized: messages quote names and texts from the cluster and from files.
pub fn error(message: impl Display) {
    line(Some(("error:", ERROR)), &message.to_string());
}

/// `warning: MESSAGE`, unless `-q`.
pub fn warning(message: impl Display) {
    if !term().quiet {
        line(Some(("warning:", WARNING)), &message.to_string());
    }
}

/// A plain line (a summary, a "wrote 5 nodes"), unless `-q`.
pub fn note(message: impl Display) {
    if !term().quiet {
        line(None, &message.to_string());
    }
}

/// Shows `message` as the one live progress line, replacing the previous one. Only on a
/// terminal and not under `-q`; elsewhere progress would be noise in a log.
pub fn progress(message: impl Display) {
    let t = term();
    if t.quiet || !t.stderr_is_terminal {
        return;
    }
    let mut open = lock(&t.progress_open);
    let message = message.to_string();
    let text = sanitize(&message);
    let mut err = std::io::stderr().lock();
    // \r and "erase line" (CSI 2K): the terminal redraws the line in place.
    let _ = write!(err, "\r\x1b[2K{text}");
    let _ = err.flush();
    *open = true;
}

/// Erases the progress line, if one is open, so the next line starts clean.
pub fn end_progress() {
    let t = term();
    let mut open = lock(&t.progress_open);
    if *open {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
        *open = false;
    }
}

fn lock(m: &Mutex<bool>) -> std::sync::MutexGuard<'_, bool> {
    // A panic while printing must not also silence every later line.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn line(prefix: Option<(&str, Style)>, message: &str) {
    end_progress();
    let t = term();
    // One line each: a name from the cluster with a newline in it cannot forge a second one.
    let message = sanitize(message);
    let mut err = std::io::stderr().lock();
    // A failed write to stderr has nowhere to be reported; the exit status still tells.
    let _ = match prefix {
        Some((label, style)) if t.stderr_color => {
            writeln!(
                err,
                "{}{label}{} {message}",
                style.render(),
                style.render_reset()
            )
        }
        Some((label, _)) => writeln!(err, "{label} {message}"),
        None => writeln!(err, "{message}"),
    };
}

/// `text` in `style` when `color`, else as is: for the few coloured words outside tables
/// (tables colour their cells through comfy-table).
pub fn paint(text: &str, style: Style, color: bool) -> String {
    if color {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(f: impl FnOnce(&mut ColorEnv)) -> ColorEnv {
        let mut e = ColorEnv::default();
        f(&mut e);
        e
    }

    #[test]
    fn auto_follows_the_terminal() {
        assert!(use_color(ColorChoice::Auto, true, &ColorEnv::default()));
        assert!(!use_color(ColorChoice::Auto, false, &ColorEnv::default()));
    }

    #[test]
    fn environment_only_moves_auto() {
        let no_color = env(|e| e.no_color = true);
        let force = env(|e| e.clicolor_force = true);
        let off = env(|e| e.clicolor_off = true);
        let dumb = env(|e| e.term_dumb = true);
        assert!(!use_color(ColorChoice::Auto, true, &no_color));
        assert!(use_color(ColorChoice::Auto, false, &force));
        assert!(!use_color(ColorChoice::Auto, true, &off));
        assert!(!use_color(ColorChoice::Auto, true, &dumb));
        // NO_COLOR wins over CLICOLOR_FORCE, as no-color.org asks.
        let both = env(|e| {
            e.no_color = true;
            e.clicolor_force = true
        });
        assert!(!use_color(ColorChoice::Auto, true, &both));
        // An explicit choice wins over the environment, into a pipe too.
        assert!(use_color(ColorChoice::Always, false, &no_color));
        assert!(!use_color(ColorChoice::Never, true, &force));
    }

    #[test]
    fn paint_is_plain_without_colour() {
        assert_eq!(paint("x", ERROR, false), "x");
        assert_eq!(paint("x", ERROR, true), "\x1b[1m\x1b[31mx\x1b[0m");
    }
}
