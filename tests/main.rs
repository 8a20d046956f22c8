//! The integration tests, as one binary so that it compiles and links once: a module per
//! feature, each running the real `kubelet-doctor` binary (see `harness`) against files or the
//! fake API server (`crates/fake-apiserver`).

mod harness;

mod cluster_errors;
mod config_lint;
mod config_live;
mod credentials;
mod external;
mod fake_api_selftest;
mod generate;
mod generated;
mod healthz_local;
mod healthz_remote;
mod hostile;
mod images;
mod kubectl_plugin;
mod man_pages;
mod node_proxy;
mod nodes_dump;
mod nodes_summary;
mod pressure;
mod probes;
mod probes_lint;
mod rules_json;
mod shells;
mod status;
mod status_live;
mod status_remote;
mod yaml_golden;
