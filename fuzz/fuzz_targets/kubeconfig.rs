//! Fuzzes the kubeconfig reader (UTF-8/UTF-16 decoding, every YAML document, the YAML reader's
//! alias and depth limits, the merge) on arbitrary bytes: a kubeconfig may come from anyone.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kubelet_doctor::fuzzing::kubeconfig(data));
