//! kubelet-doctor: diagnoses the kubelet. The binary is a thin wrapper around [`run::main`].
//!
//! Data flows one way: argv → [`cli`] → validated settings → command ([`nodes`]) → typed report
//! → [`output`] → [`exit`] status. Every cluster call goes through [`client`].

pub mod cli;
pub mod client;
pub mod config;
pub mod duration;
pub mod error;
pub mod exit;
pub mod healthz;
pub mod images;
pub mod nodes;
pub mod output;
pub mod run;
