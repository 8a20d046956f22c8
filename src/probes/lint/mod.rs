//! `probes lint`: probes.md section 6's anti-patterns in pod specs and pod templates, with
//! stable codes (`rules`), positions in the manifest (`manifest` finds the containers in a
//! multi-document stream or a List), one function per rule (`check`), and `config lint`'s
//! output formats (`render`). `command` reads the files.

pub mod check;
pub mod command;
pub mod live;
pub mod manifest;
pub mod render;
pub mod rules;

pub use command::{LintSettings, lint, run};
