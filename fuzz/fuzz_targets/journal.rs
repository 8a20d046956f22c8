//! Fuzzes the journal engine of `status` (the JSON line scanner, MESSAGE as text or bytes, the
//! log formats, run splitting, the classifier) on arbitrary bytes: a bundle may come from anyone.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kubelet_doctor::fuzzing::journal(data));
