//! The engine of `kubelet-doctor probes`: pods and their probe events in, one finding per
//! failing liveness, readiness or startup probe out, with a cause id and a remedy made from the
//! probe spec. `message` parses the kubelet's event texts, `classify` maps probe output to a
//! cause, `events` folds the one events list, `finding` adds restart history, `remedy` the fix;
//! all pure. `command` lists, `render` prints.

pub mod cause;
pub mod classify;
pub mod command;
pub mod events;
pub mod finding;
pub mod group;
pub mod lint;
pub mod message;
pub mod remedy;
pub mod render;
pub mod spec;

pub use cause::Cause;
pub use command::{Output, ProbesSettings, run};
pub use group::GroupBy;
pub use message::ProbeKind;
