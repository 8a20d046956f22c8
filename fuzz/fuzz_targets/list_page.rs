//! Fuzzes an API list page as every list command decodes it: streamed in one pass, items as
//! borrowed trees rendered to kubectl's YAML and JSON, and as typed nodes judged for health.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kubelet_doctor::fuzzing::list_page(data));
