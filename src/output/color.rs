//! Whether to colour a stream: decided once from `--color`, `NO_COLOR` and whether the stream
//! is a terminal, then passed down; nothing else looks at the environment.

use std::io::IsTerminal;

/// The `--color` flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when the stream is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour, even into a pipe.
    Always,
    /// Never colour.
    Never,
}

/// Resolves the choice for one stream. `NO_COLOR` (any non-empty value) only affects `auto`:
/// an explicit `--color always` is the user's latest word.
pub fn use_color(
    choice: ColorChoice,
    stream_is_terminal: bool,
    no_color_env: Option<&str>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_terminal && no_color_env.is_none_or(str::is_empty),
    }
}

/// The decision for stdout in this process.
pub fn stdout_color(choice: ColorChoice) -> bool {
    let no_color = std::env::var("NO_COLOR").ok();
    use_color(choice, std::io::stdout().is_terminal(), no_color.as_deref())
}

/// The decision for stderr in this process.
pub fn stderr_color(choice: ColorChoice) -> bool {
    let no_color = std::env::var("NO_COLOR").ok();
    use_color(choice, std::io::stderr().is_terminal(), no_color.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_follows_terminal_and_no_color() {
        assert!(use_color(ColorChoice::Auto, true, None));
        assert!(!use_color(ColorChoice::Auto, false, None));
        assert!(!use_color(ColorChoice::Auto, true, Some("1")));
        assert!(use_color(ColorChoice::Auto, true, Some("")));
    }

    #[test]
    fn explicit_choices_win() {
        assert!(use_color(ColorChoice::Always, false, Some("1")));
        assert!(!use_color(ColorChoice::Never, true, None));
    }
}
