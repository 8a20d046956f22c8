//! The kubelet's image-error waiting reasons: the short fixed tokens it writes in
//! `state.waiting.reason` (pkg/kubelet/images/types.go and cri-api errors.go).
//! Anything else in that field (CrashLoopBackOff, PodInitializing, ...) is not ours.

use serde::{Deserialize, Serialize};

/// A waiting reason the kubelet uses for a container it cannot get an image for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Reason {
    ImagePullBackOff,
    ErrImagePull,
    ImageInspectError,
    ErrImageNeverPull,
    RegistryUnavailable,
    InvalidImageName,
    SignatureValidationFailed,
}

impl Reason {
    pub const ALL: [Reason; 7] = [
        Reason::ImagePullBackOff,
        Reason::ErrImagePull,
        Reason::ImageInspectError,
        Reason::ErrImageNeverPull,
        Reason::RegistryUnavailable,
        Reason::InvalidImageName,
        Reason::SignatureValidationFailed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::ImagePullBackOff => "ImagePullBackOff",
            Reason::ErrImagePull => "ErrImagePull",
            Reason::ImageInspectError => "ImageInspectError",
            Reason::ErrImageNeverPull => "ErrImageNeverPull",
            Reason::RegistryUnavailable => "RegistryUnavailable",
            Reason::InvalidImageName => "InvalidImageName",
            Reason::SignatureValidationFailed => "SignatureValidationFailed",
        }
    }

    /// Exact, case-sensitive: the kubelet writes these tokens verbatim.
    pub fn parse(token: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.as_str() == token)
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_round_trips_through_its_token() {
        for r in Reason::ALL {
            assert_eq!(Reason::parse(r.as_str()), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
    }

    #[test]
    fn other_waiting_reasons_are_not_image_errors() {
        for other in [
            "CrashLoopBackOff",
            "PodInitializing",
            "ContainerCreating",
            "errimagepull",
            "",
        ] {
            assert_eq!(Reason::parse(other), None, "{other}");
        }
    }
}
