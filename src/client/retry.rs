//! When a failed request is worth repeating, and how long to wait first.
//!
//! Lists retry a bounded number of times: 429 after the server's `Retry-After`, 5xx and broken
//! connections with exponential backoff. Node-proxy calls never retry: a hung kubelet must
//! cost one timeout, not several.

use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Total attempts, the first included. 1 means no retry.
    pub max_attempts: u32,
    /// Wait before the second attempt; doubles after each failure.
    pub base_delay: Duration,
    /// Upper bound on any single wait, `Retry-After` included.
    pub max_delay: Duration,
}

impl RetryPolicy {
    /// For idempotent reads of the API server (GET, list pages).
    pub const READ: RetryPolicy = RetryPolicy {
        max_attempts: 5,
        base_delay: Duration::from_millis(250),
        max_delay: Duration::from_secs(10),
    };

    /// For calls whose single answer is the measurement (node proxy).
    pub const NEVER: RetryPolicy = RetryPolicy {
        max_attempts: 1,
        base_delay: Duration::ZERO,
        max_delay: Duration::ZERO,
    };

    /// The wait before retrying after HTTP `status`, or `None` to give up.
    pub fn delay_for_status(
        &self,
        attempt: u32,
        status: u16,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        match status {
            429 => Some(
                retry_after
                    .unwrap_or_else(|| self.backoff(attempt))
                    .min(self.max_delay),
            ),
            500 | 502 | 503 | 504 => Some(
                retry_after
                    .unwrap_or_else(|| self.backoff(attempt))
                    .min(self.max_delay),
            ),
            _ => None,
        }
    }

    /// The wait before retrying after the connection broke, or `None` to give up.
    pub fn delay_for_broken(&self, attempt: u32) -> Option<Duration> {
        (attempt < self.max_attempts).then(|| self.backoff(attempt))
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.saturating_sub(1).min(16);
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honours_retry_after_within_the_cap() {
        let p = RetryPolicy::READ;
        assert_eq!(
            p.delay_for_status(1, 429, Some(Duration::from_secs(2))),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            p.delay_for_status(1, 429, Some(Duration::from_secs(3600))),
            Some(Duration::from_secs(10))
        );
    }

    #[test]
    fn backs_off_exponentially_on_5xx() {
        let p = RetryPolicy::READ;
        assert_eq!(
            p.delay_for_status(1, 500, None),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            p.delay_for_status(2, 503, None),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            p.delay_for_status(3, 504, None),
            Some(Duration::from_secs(1))
        );
    }

    #[test]
    fn gives_up_after_max_attempts_and_on_client_errors() {
        let p = RetryPolicy::READ;
        assert_eq!(p.delay_for_status(5, 500, None), None);
        assert_eq!(p.delay_for_status(1, 403, None), None);
        assert_eq!(p.delay_for_status(1, 404, None), None);
        assert_eq!(p.delay_for_status(1, 410, None), None);
        assert_eq!(p.delay_for_broken(5), None);
        assert!(p.delay_for_broken(1).is_some());
    }

    #[test]
    fn never_never_retries() {
        assert_eq!(RetryPolicy::NEVER.delay_for_status(1, 503, None), None);
        assert_eq!(RetryPolicy::NEVER.delay_for_broken(1), None);
    }
}
