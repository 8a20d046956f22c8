//! Rendering reports. stdout carries only the report; warnings and progress go to stderr.

pub mod json;
pub mod redact;
pub mod sanitize;
pub mod stdout;
pub mod table;
pub mod term;
pub mod tree;
pub mod yaml;
