//! kubelet-doctor: diagnoses the kubelet. The binary is a thin wrapper around [`run::main`].
//!
//! Data flows one way: argv → [`cli`] → [`settings`] (typed, validated) → command ([`nodes`],
//! [`config`], [`healthz`], [`images`], [`pressure`], [`probes`], [`status`]) → typed report →
//! [`output`] → [`exit`] status. Every cluster call goes through [`client`]; every line on
//! stderr through [`output::term`], the only module allowed to print.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod client;
pub mod config;
pub mod duration;
pub mod error;
pub mod exit;
pub mod fanout;
pub mod files;
#[doc(hidden)]
pub mod fuzzing;
pub mod go;
pub mod healthz;
pub mod images;
pub mod nodes;
pub mod output;
pub mod pressure;
pub mod probes;
pub mod run;
pub mod settings;
pub mod status;
