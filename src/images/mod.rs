//! The engine of `kubelet-doctor images`: pods and events in, findings with a root
//! cause and a remedy out. The engine modules are pure functions; the listing lives in
//! `command` and the output in `render`.

pub mod cause;
pub mod classify;
pub mod command;
pub mod events;
pub mod finding;
pub mod group;
pub mod reasons;
pub mod registry;
pub mod render;

pub use cause::Cause;
pub use classify::{classify, runtime_text};
pub use command::{ImagesSettings, Output, run};
pub use events::{EVENT_FIELD_SELECTOR, EventJoin, join_events};
pub use finding::{CauseSource, ContainerKind, Finding, apply_service_account, findings};
pub use group::{Group, GroupBy, group, pods_sharing};
pub use reasons::Reason;
pub use registry::{ImageRef, registry_host};
