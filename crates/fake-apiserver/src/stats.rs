// The kubelet's Summary API (`/stats/summary`) behind the node proxy: a body set by a test, or
// a synthetic one generated per request from the node's name (deterministic), shaped like
// k8s.io/kubelet/pkg/apis/stats/v1alpha1 with the fields eviction reads and the usual others.

use std::fmt::Write;
use std::time::{Duration, SystemTime};

use super::json::{J, ago};
use super::util::{fnv64, format_time, uid_for};

/// Replaces every `time` in a summary with "5 s before the response", so a fixture written
/// with fixed dates reads as fresh stats.
pub fn fresh_times(j: &mut J) {
    match j {
        J::Obj(fields) => {
            for (k, v) in fields.iter_mut() {
                if k == "time" {
                    *v = ago(Duration::from_secs(5));
                } else {
                    fresh_times(v);
                }
            }
        }
        J::Arr(items) => items.iter_mut().for_each(fresh_times),
        _ => {}
    }
}

/// A node's synthetic summary: `pods` pods with two containers each, memory and disk usage
/// spread by a hash of the node's name (a few nodes end up near a threshold).
pub fn synthetic(node: &str, memory_ki: u64, pods: usize) -> Vec<u8> {
    let now = format_time(SystemTime::now(), false);
    let h = fnv64(node.as_bytes());
    let capacity = memory_ki * 1024;
    // 3 % to 60 % of memory available; 8 % to 70 % of a 100 GiB disk free.
    let available = capacity * (3 + h % 58) / 100;
    let disk: u64 = 107_374_182_400;
    let disk_free = disk * (8 + (h >> 8) % 63) / 100;
    let inodes: u64 = 6_553_600;
    let inodes_free = inodes * (20 + (h >> 16) % 70) / 100;
    let working_set = capacity - available;
    let pods_ws = working_set.saturating_sub(1 << 30);
    let pods_available = (capacity - (1 << 30) - (100 << 20)).saturating_sub(pods_ws);
    let mut out = String::with_capacity(1500 * pods + 2000);
    let fs = |out: &mut String, avail: u64, used: u64, ifree: u64, iused: u64| {
        let _ = write!(
            out,
            r#"{{"time":"{now}","availableBytes":{avail},"capacityBytes":{disk},"usedBytes":{used},"inodesFree":{ifree},"inodes":{inodes},"inodesUsed":{iused}}}"#
        );
    };
    let _ = write!(
        out,
        r#"{{"node":{{"nodeName":"{node}","systemContainers":[{{"name":"kubelet","startTime":"{now}","cpu":{{"time":"{now}","usageNanoCores":31000000,"usageCoreNanoSeconds":912000000000}},"memory":{{"time":"{now}","usageBytes":98304000,"workingSetBytes":81920000,"rssBytes":61000000,"pageFaults":1000,"majorPageFaults":0}}}},{{"name":"runtime","startTime":"{now}","memory":{{"time":"{now}","usageBytes":131072000,"workingSetBytes":104857600}}}},{{"name":"pods","startTime":"{now}","memory":{{"time":"{now}","availableBytes":{pods_available},"usageBytes":{pods_ws},"workingSetBytes":{pods_ws}}}}}],"startTime":"{now}","cpu":{{"time":"{now}","usageNanoCores":2315240118,"usageCoreNanoSeconds":2254790233000000}},"memory":{{"time":"{now}","availableBytes":{available},"usageBytes":{working_set},"workingSetBytes":{working_set},"rssBytes":{working_set},"pageFaults":9321144,"majorPageFaults":1820}},"network":{{"time":"{now}","name":"eth0","rxBytes":1000,"rxErrors":0,"txBytes":1000,"txErrors":0,"interfaces":[{{"name":"eth0","rxBytes":1000,"rxErrors":0,"txBytes":1000,"txErrors":0}}]}},"fs":"#
    );
    fs(
        &mut out,
        disk_free,
        disk - disk_free,
        inodes_free,
        inodes - inodes_free,
    );
    out.push_str(r#","runtime":{"imageFs":"#);
    fs(
        &mut out,
        disk_free,
        (disk - disk_free) / 2,
        inodes_free,
        (inodes - inodes_free) / 2,
    );
    out.push_str(r#","containerFs":"#);
    fs(
        &mut out,
        disk_free,
        (disk - disk_free) / 2,
        inodes_free,
        (inodes - inodes_free) / 2,
    );
    let _ = write!(
        out,
        r#"}},"rlimit":{{"time":"{now}","maxpid":4194304,"curproc":{}}}}},"pods":["#,
        400 + pods * 12
    );
    let per_pod = pods_ws / pods.max(1) as u64;
    for i in 0..pods {
        if i > 0 {
            out.push(',');
        }
        let name = format!("{node}-pod-{i:03}");
        let uid = uid_for(&name);
        let ws = per_pod / 2;
        let _ = write!(
            out,
            r#"{{"podRef":{{"name":"{name}","namespace":"default","uid":"{uid}"}},"startTime":"{now}","containers":["#
        );
        for c in 0..2 {
            if c > 0 {
                out.push(',');
            }
            let _ = write!(
                out,
                r#"{{"name":"c{c}","startTime":"{now}","cpu":{{"time":"{now}","usageNanoCores":1000000,"usageCoreNanoSeconds":5000000000}},"memory":{{"time":"{now}","usageBytes":{ws},"workingSetBytes":{ws},"rssBytes":{ws},"pageFaults":100,"majorPageFaults":0}},"rootfs":{{"time":"{now}","availableBytes":{disk_free},"capacityBytes":{disk},"usedBytes":40960,"inodesFree":{inodes_free},"inodes":{inodes},"inodesUsed":12}},"logs":{{"time":"{now}","availableBytes":{disk_free},"capacityBytes":{disk},"usedBytes":1048576,"inodesFree":{inodes_free},"inodes":{inodes},"inodesUsed":2}}}}"#
            );
        }
        let _ = write!(
            out,
            r#"],"cpu":{{"time":"{now}","usageNanoCores":2000000,"usageCoreNanoSeconds":10000000000}},"memory":{{"time":"{now}","usageBytes":{},"workingSetBytes":{}}},"network":{{"time":"{now}","name":"eth0","rxBytes":5000,"rxErrors":0,"txBytes":5000,"txErrors":0}},"volume":[{{"time":"{now}","availableBytes":{disk_free},"capacityBytes":{disk},"usedBytes":8192,"inodesFree":{inodes_free},"inodes":{inodes},"inodesUsed":9,"name":"kube-api-access"}}],"ephemeral-storage":{{"time":"{now}","availableBytes":{disk_free},"capacityBytes":{disk},"usedBytes":2187264,"inodesFree":{inodes_free},"inodes":{inodes},"inodesUsed":37}},"process_stats":{{"process_count":12}}}}"#,
            per_pod, per_pod
        );
    }
    out.push_str("]}");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_synthetic_summary_is_json_of_the_expected_size() {
        let body = super::synthetic("node-00001", 32_863_264, 110);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["pods"].as_array().unwrap().len(), 110);
        assert!((100_000..250_000).contains(&body.len()), "{}", body.len());
    }
}
