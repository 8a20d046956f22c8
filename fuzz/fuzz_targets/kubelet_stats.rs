//! Fuzzes `pressure`'s reading of a kubelet: the Summary API and /configz parsers, the
//! eviction arithmetic (hostile numbers must not overflow or panic), the ranking and every
//! renderer.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kubelet_doctor::fuzzing::kubelet_stats(data));
