//! `kubelet-doctor status`: why the kubelet on a node is not working. A bundle (`--bundle DIR`,
//! the layout in README "status") is read part by part, each part optional and failing alone;
//! the journal engine ([`journal`]) classifies the kubelet's last runs into the taxonomy's cause
//! ids ([`cause`], [`classify`]); unit state ([`systemd`]), argv ([`cmdline`]), the config file
//! (through `config lint`) and host files ([`host`]) confirm or add findings; [`report`] weighs
//! them into a verdict and [`render`] prints it. The engine is pure; the I/O is in
//! [`command`], [`bundle`] and [`hostpath`] (reading a bundle), and in [`collect`] with
//! [`cri`], [`api`], [`ports`] and [`installed`] (asking this node and its API server).
//! [`remote`] judges nodes through the API server (`--node`, `--all-nodes`) with the same
//! engine, reading the node log query's text with [`journal::short`].

pub mod api;
pub mod bundle;
pub mod cause;
pub mod cert;
pub mod classify;
pub mod cmdline;
pub mod collect;
pub mod command;
pub mod config_flags;
pub mod cri;
pub mod host;
pub mod hostpath;
pub mod installed;
pub mod journal;
pub mod logline;
pub mod ports;
pub mod remote;
pub mod render;
pub mod report;
pub mod systemd;

pub use cause::{Cause, Severity};
pub use command::{Output, StatusSettings, run_bundle, run_local, run_remote};
