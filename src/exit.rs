//! The process exit codes: the one place where the contract with scripts lives.
//!
//! 0 = ran to the end and found nothing wrong, 1 = ran to the end and found problems,
//! 2 = could not do the job, 130 = interrupted (Ctrl-C). A broken pipe counts as 0.

/// How a run ended, ordered by severity so that several outcomes combine with `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Ran to the end, nothing wrong at the chosen threshold.
    Healthy,
    /// Ran to the end and found problems (unhealthy nodes, lint errors, stuck pods).
    Problems,
    /// Could not do the job: bad usage, unreadable file, cluster unreachable, credentials refused.
    Failure,
    /// Stopped by SIGINT (Ctrl-C).
    Interrupted,
}

impl ExitStatus {
    /// The number the process exits with.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Healthy => 0,
            ExitStatus::Problems => 1,
            ExitStatus::Failure => 2,
            ExitStatus::Interrupted => 130,
        }
    }

    /// The worse of two outcomes: a failure on one node outweighs a problem on another.
    pub fn combine(self, other: ExitStatus) -> ExitStatus {
        self.max(other)
    }

    /// `--exit-zero`: callers that only want the report see findings as success.
    /// Failures stay failures; a report that could not be produced is not a report.
    pub fn with_exit_zero(self, exit_zero: bool) -> ExitStatus {
        if exit_zero && self == ExitStatus::Problems {
            ExitStatus::Healthy
        } else {
            self
        }
    }

    /// `Problems` when `found` is true, else `Healthy`.
    pub fn from_problems(found: bool) -> ExitStatus {
        if found {
            ExitStatus::Problems
        } else {
            ExitStatus::Healthy
        }
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status.code())
    }
}

#[cfg(test)]
mod tests {
    use super::ExitStatus::*;
    use super::*;

    #[test]
    fn codes_are_the_documented_contract() {
        assert_eq!(Healthy.code(), 0);
        assert_eq!(Problems.code(), 1);
        assert_eq!(Failure.code(), 2);
        assert_eq!(Interrupted.code(), 130);
    }

    #[test]
    fn combine_keeps_the_worst() {
        assert_eq!(Healthy.combine(Problems), Problems);
        assert_eq!(Problems.combine(Healthy), Problems);
        assert_eq!(Problems.combine(Failure), Failure);
        assert_eq!(Failure.combine(Interrupted), Interrupted);
        assert_eq!(Healthy.combine(Healthy), Healthy);
    }

    #[test]
    fn exit_zero_only_forgives_findings() {
        assert_eq!(Problems.with_exit_zero(true), Healthy);
        assert_eq!(Problems.with_exit_zero(false), Problems);
        assert_eq!(Failure.with_exit_zero(true), Failure);
        assert_eq!(Interrupted.with_exit_zero(true), Interrupted);
    }

    #[test]
    fn from_problems_maps_bool() {
        assert_eq!(ExitStatus::from_problems(true), Problems);
        assert_eq!(ExitStatus::from_problems(false), Healthy);
    }
}
