//! The `--all-nodes` commands' one concurrency pattern: a request per node, never more than
//! `--parallel` at once, the answers back in the order the nodes were asked (healthz, config
//! lint, pressure, status).

use std::future::Future;

use futures::StreamExt;

/// Runs `f` on every item, at most `parallel` (at least one) at a time, and returns the results
/// in the items' order, whatever order they finished in.
pub async fn ordered<I, F, Fut>(items: I, parallel: usize, mut f: F) -> Vec<Fut::Output>
where
    I: IntoIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: Future,
{
    let mut done: Vec<(usize, Fut::Output)> = futures::stream::iter(items.into_iter().enumerate())
        .map(|(i, item)| {
            let answer = f(item);
            async move { (i, answer.await) }
        })
        .buffer_unordered(parallel.max(1))
        .collect()
        .await;
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each item waits its own value in ms: the later items finish first.
    async fn sleepy(ms: u64) -> u64 {
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
        ms
    }

    #[tokio::test]
    async fn results_come_back_in_input_order() {
        let out = ordered(vec![30, 20, 10, 0], 4, sleepy).await;
        assert_eq!(out, [30, 20, 10, 0]);
    }

    #[tokio::test]
    async fn parallel_zero_still_runs_one_at_a_time() {
        let out = ordered([2, 1], 0, sleepy).await;
        assert_eq!(out, [2, 1]);
        let none: Vec<u64> = ordered(Vec::<u64>::new(), 3, sleepy).await;
        assert!(none.is_empty());
    }

    #[tokio::test]
    async fn never_more_than_parallel_at_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (running, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let out = ordered(0..10u64, 3, |i| {
            let (running, most) = (&running, &most);
            async move {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                sleepy(5 - i % 5).await;
                running.fetch_sub(1, Ordering::SeqCst);
                i
            }
        })
        .await;
        assert_eq!(out, (0..10).collect::<Vec<_>>());
        assert_eq!(most.load(Ordering::SeqCst), 3);
    }
}
