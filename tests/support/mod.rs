// Shared helpers for the integration tests: the fake kube-apiserver the CLI is run against.
// Each test binary uses only part of it, hence the dead-code allowance.
#![allow(dead_code)]

pub mod fake_api;
