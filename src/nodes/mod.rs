//! `kubelet-doctor nodes`: dump nodes as kubectl would, or summarise their health.
//!
//! Nodes are read page by page and each page is written out before the next is fetched, so
//! memory holds one page however many nodes the cluster has. The summary keeps one small row
//! per node (a table needs every row to size its columns).

pub mod dump;
pub mod health;
pub mod leases;
pub mod output_dir;
pub mod table;

use std::path::PathBuf;

use k8s_openapi::api::core::v1::Node;
use k8s_openapi::jiff::Timestamp;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::client::Cluster;
use crate::client::list::{ItemKind, ListEvent, ListItem, ListSpec, Owned};
use crate::client::query::encode_segment;
use crate::error::{ApiCall, Error, Result};
use crate::exit::ExitStatus;
use crate::output::stdout::emit;
use crate::output::term;
use crate::output::tree::Tree;
use dump::DumpWriter;
use health::NodeHealth;

/// Validated settings of one `nodes` run.
#[derive(Debug, Clone)]
pub struct NodesSettings {
    pub names: Vec<String>,
    pub selector: Option<String>,
    pub output: Output,
    pub output_dir: Option<PathBuf>,
    pub show_managed_fields: bool,
    pub problems_only: bool,
    pub chunk_size: u32,
}

/// What `nodes` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// Each node as `kubectl get node -o yaml` prints it, `---` between them.
    Yaml,
    /// A kubectl `v1` `List`.
    Json,
    /// `node/NAME` lines.
    Name,
    /// The health summary.
    Table,
    /// The health summary with addresses, OS, runtime and allocatable.
    Wide,
}

impl NodesSettings {
    fn summary(&self) -> bool {
        matches!(self.output, Output::Table | Output::Wide)
    }

    /// Whether node health must be judged (and so leases read).
    fn needs_health(&self) -> bool {
        self.summary() || self.problems_only
    }
}

/// Output is written in chunks of about this size: big enough for few syscalls, small enough
/// that a page of 500 nodes (several MB of YAML) is never held whole.
const FLUSH_AT: usize = 256 * 1024;

/// Runs the command and returns how it ended.
pub async fn run(cluster: &Cluster, settings: &NodesSettings) -> Result<ExitStatus> {
    let mut status = ExitStatus::Healthy;
    let leases = if settings.needs_health() {
        match leases::fetch_leases(cluster, &settings.names, settings.chunk_size).await {
            Ok(map) => Some(map),
            Err(err @ Error::Forbidden { .. }) => {
                // The nodes can still be shown; the verdict on liveness cannot, so the run
                // cannot claim success.
                term::error(format!("{err}; lease ages are not shown"));
                status = ExitStatus::Failure;
                None
            }
            Err(err) => return Err(err),
        }
    } else {
        None
    };

    let leases_known = leases.is_some();
    // Lease ages are measured from when the leases were read, not from when we started.
    let now = Timestamp::now();
    let mut sink = Sink::new(settings)?;
    let mut found_problem = false;
    let judge = |node: Decoded| node.judge(leases.as_ref(), now);
    // The summary needs only the typed fields; decoding straight into `Node` skips building a
    // tree per node. The dumps need the whole object, unknown fields included, as a tree that
    // borrows its strings from the page.
    let missing = if settings.summary() {
        let mut handle = |node: Decoded, sink: &mut Sink| -> Result<()> {
            let verdict = judge(node);
            if !counts(&verdict, settings.problems_only, &mut found_problem) {
                return Ok(());
            }
            sink.node(None, Some(verdict))
        };
        each_node::<Owned<Decoded>>(cluster, settings, &mut sink, &mut handle).await?
    } else {
        let mut scratch = Vec::new();
        let mut handle = |mut tree: Tree<'_>, sink: &mut Sink| -> Result<()> {
            if settings.needs_health() {
                let verdict = judge(typed_node(&tree, &mut scratch));
                if !counts(&verdict, settings.problems_only, &mut found_problem) {
                    return Ok(());
                }
                dump::prepare(&mut tree, settings.show_managed_fields);
                return sink.node(Some(tree), Some(verdict));
            }
            dump::prepare(&mut tree, settings.show_managed_fields);
            sink.node(Some(tree), None)
        };
        each_node::<Trees>(cluster, settings, &mut sink, &mut handle).await?
    };
    if missing > 0 {
        status = status.combine(ExitStatus::Failure);
    }
    let shown = sink.finish(settings)?;
    if shown.unwritten > 0 {
        status = ExitStatus::Failure;
    }
    if settings.needs_health() {
        summary_line(shown, settings, leases_known, missing);
    }
    Ok(status.combine(if settings.needs_health() {
        ExitStatus::from_problems(found_problem)
    } else {
        ExitStatus::Healthy
    }))
}

fn summary_line(sink: Shown, settings: &NodesSettings, leases_known: bool, missing: usize) {
    let noun = |n: usize| if n == 1 { "node" } else { "nodes" };
    let message = if missing > 0 {
        // "all 1 node healthy" would read as if every node asked for were fine.
        format!(
            "{} of {} named {} not found; {} of {} shown with problems",
            missing,
            settings.names.len(),
            noun(settings.names.len()),
            sink.problems,
            sink.total
        )
    } else if settings.problems_only {
        match sink.problems {
            0 => "no node has a problem".to_string(),
            n => format!("{n} {} with problems", noun(n)),
        }
    } else if sink.problems == 0 {
        format!("all {} {} healthy", sink.total, noun(sink.total))
    } else {
        format!(
            "{} of {} {} with problems",
            sink.problems,
            sink.total,
            noun(sink.total)
        )
    };
    if leases_known {
        term::note(message);
    } else {
        term::note(format!(
            "{message} (leases unknown: a kubelet that stopped heartbeating would not show)"
        ));
    }
}

/// Whether a node with this verdict is shown (`--problems` shows only problems); notes a
/// problem in `found_problem`.
fn counts(verdict: &NodeHealth, problems_only: bool, found_problem: &mut bool) -> bool {
    *found_problem |= verdict.has_problem();
    verdict.has_problem() || !problems_only
}

/// The typed node of a dumped one, for `--problems` with a dump format (the only mode that
/// needs both). The tree is written back to JSON and decoded: simple, and this mode is rare.
fn typed_node(tree: &Tree<'_>, scratch: &mut Vec<u8>) -> Decoded {
    scratch.clear();
    crate::output::json::write_pretty(tree, 0, scratch);
    match serde_json::from_slice::<Node>(scratch) {
        Ok(node) => Decoded::Node(Box::new(node)),
        // A half-broken object is one node's problem, never the end of the run.
        Err(e) => Decoded::Broken {
            name: dump::name_of(tree).to_string(),
            uid: dump::uid_of(tree).map(str::to_string),
            error: e.to_string(),
        },
    }
}

/// Nodes decoded for a dump: trees borrowing from the page.
pub(crate) struct Trees;

impl ItemKind for Trees {
    type Item<'de> = Tree<'de>;
    fn uid<'a>(item: &'a Tree<'_>) -> Option<&'a str> {
        dump::uid_of(item)
    }
}

/// A node decoded into the typed `Node`, or, when its object does not fit (a half-broken
/// node, a field of an unexpected type), its name and why: one bad object becomes one problem
/// row instead of failing the whole list. Shared by the summary and `healthz`.
pub(crate) enum Decoded {
    Node(Box<Node>),
    Broken {
        name: String,
        uid: Option<String>,
        error: String,
    },
}

impl<'de> Deserialize<'de> for Decoded {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        Ok(match serde_json::from_str::<Node>(raw.get()) {
            Ok(node) => Decoded::Node(Box::new(node)),
            Err(e) => {
                let (name, uid) = crate::client::list::name_and_uid(raw.get());
                Decoded::Broken {
                    name: name.unwrap_or_default(),
                    uid,
                    error: e.to_string(),
                }
            }
        })
    }
}

impl Decoded {
    /// The node's verdict; `leases` is `None` when they could not be read.
    pub(crate) fn judge(
        &self,
        leases: Option<&std::collections::HashMap<String, health::LeaseFacts>>,
        now: Timestamp,
    ) -> NodeHealth {
        match self {
            Decoded::Node(node) => {
                let name = node.metadata.name.as_deref().unwrap_or("");
                health::assess(node, leases.map(|m| m.get(name)), now)
            }
            Decoded::Broken { name, error, .. } => NodeHealth::unreadable(name, error.clone()),
        }
    }
}

impl ListItem for Decoded {
    fn uid(&self) -> Option<&str> {
        match self {
            Decoded::Node(node) => node.metadata.uid.as_deref(),
            Decoded::Broken { uid, .. } => uid.as_deref(),
        }
    }
}

/// Feeds every requested node, decoded as `K`, to `handle`: the whole list page by page, or
/// each named node. Returns how many named nodes could not be fetched (already reported on
/// stderr).
async fn each_node<K: ItemKind>(
    cluster: &Cluster,
    settings: &NodesSettings,
    sink: &mut Sink,
    handle: &mut impl for<'p> FnMut(K::Item<'p>, &mut Sink) -> Result<()>,
) -> Result<usize> {
    if settings.names.is_empty() {
        let spec = ListSpec::nodes(settings.selector.as_deref(), settings.chunk_size);
        cluster
            .list_stream::<K>(&spec, |event| match event {
                ListEvent::Item(node) => {
                    handle(node, sink)?;
                    sink.flush_if_full()
                }
                ListEvent::PageEnd => sink.flush(),
            })
            .await?;
        return Ok(0);
    }
    let mut missing = 0;
    for name in &settings.names {
        let call = ApiCall::get("nodes", "", None, name);
        let uri = format!("/api/v1/nodes/{}", encode_segment(name));
        match cluster.get_json::<Box<RawValue>>(&call, &uri).await {
            Ok(raw) => {
                let node =
                    serde_json::from_str::<K::Item<'_>>(raw.get()).map_err(|e| Error::Decode {
                        call: call.clone(),
                        detail: e.to_string(),
                    })?;
                handle(node, sink)?;
            }
            // One missing node must not hide the others: report it and go on.
            Err(err @ (Error::NotFound { .. } | Error::Api { .. })) => {
                term::error(&err);
                missing += 1;
            }
            Err(err) => return Err(err),
        }
        sink.flush()?;
    }
    Ok(missing)
}

/// Counts for the closing line on stderr.
#[derive(Clone, Copy, Default)]
struct Shown {
    total: usize,
    problems: usize,
    /// Nodes that could not be written to --output-dir (already reported on stderr).
    unwritten: usize,
}

/// Where nodes go: a stream on stdout, files in a directory, or rows for the summary.
struct Sink {
    mode: SinkMode,
    buf: Vec<u8>,
    shown: Shown,
}

enum SinkMode {
    Stream(DumpWriter),
    Dir {
        dir: PathBuf,
        json: bool,
        written: usize,
        /// File names already written in this run: a second node of the same name must not
        /// silently replace the first.
        names: std::collections::HashSet<String>,
    },
    Summary(Vec<NodeHealth>),
}

impl Sink {
    fn new(settings: &NodesSettings) -> Result<Sink> {
        let mut buf = Vec::with_capacity(FLUSH_AT + 64 * 1024);
        let mode = if let Some(dir) = &settings.output_dir {
            output_dir::prepare_dir(dir)?;
            SinkMode::Dir {
                dir: dir.clone(),
                json: settings.output == Output::Json,
                written: 0,
                names: std::collections::HashSet::new(),
            }
        } else {
            match settings.output {
                Output::Yaml => SinkMode::Stream(DumpWriter::yaml()),
                Output::Json => SinkMode::Stream(DumpWriter::json(&mut buf)),
                Output::Name => SinkMode::Stream(DumpWriter::Name),
                Output::Table | Output::Wide => SinkMode::Summary(Vec::new()),
            }
        };
        Ok(Sink {
            mode,
            buf,
            shown: Shown::default(),
        })
    }

    /// Takes one node: its raw object for the dumps (`None` in summary mode) and its verdict
    /// when health is judged.
    fn node(&mut self, node: Option<Tree<'_>>, verdict: Option<NodeHealth>) -> Result<()> {
        self.shown.total += 1;
        if verdict.as_ref().is_some_and(NodeHealth::has_problem) {
            self.shown.problems += 1;
        }
        match (&mut self.mode, node) {
            (SinkMode::Summary(rows), _) => rows.extend(verdict),
            (SinkMode::Stream(writer), Some(node)) => writer.write(&node, &mut self.buf),
            (
                SinkMode::Dir {
                    dir,
                    json,
                    written,
                    names,
                },
                Some(node),
            ) => {
                let name = dump::name_of(&node);
                if !output_dir::safe_file_stem(name) {
                    term::error(format!(
                        "node name {:?} is not safe as a file name; not written",
                        crate::output::sanitize::sanitize(name)
                    ));
                    self.shown.unwritten += 1;
                    return Ok(());
                }
                if !names.insert(name.to_string()) {
                    term::error(format!(
                        "node {name} came twice; the second copy was not written (the file holds the first)"
                    ));
                    self.shown.unwritten += 1;
                    return Ok(());
                }
                let bytes = dump::single_document(&node, *json);
                output_dir::write_atomically(
                    dir,
                    name,
                    if *json { "json" } else { "yaml" },
                    &bytes,
                )?;
                *written += 1;
            }
            // Dump modes always fetch raw objects; there is nothing to write without one.
            (_, None) => {}
        }
        Ok(())
    }

    /// Flushes once the buffer is large enough that holding more would only cost memory.
    fn flush_if_full(&mut self) -> Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    /// Sends what has accumulated to stdout (at least once per page).
    fn flush(&mut self) -> Result<()> {
        if !self.buf.is_empty() {
            if !term::quiet() {
                emit(&self.buf)?;
            }
            self.buf.clear();
        }
        Ok(())
    }

    fn finish(mut self, settings: &NodesSettings) -> Result<Shown> {
        let shown = self.shown;
        match std::mem::replace(&mut self.mode, SinkMode::Summary(Vec::new())) {
            SinkMode::Stream(writer) => writer.finish(&mut self.buf),
            SinkMode::Dir { dir, written, .. } => {
                term::note(format!(
                    "wrote {written} {} to {}",
                    if written == 1 { "node" } else { "nodes" },
                    dir.display()
                ));
            }
            SinkMode::Summary(rows) => {
                if !rows.is_empty() {
                    let wide = settings.output == Output::Wide;
                    self.buf.extend_from_slice(
                        table::render_summary_fitted(
                            &rows,
                            wide,
                            term::stdout_color(),
                            term::stdout_width(),
                        )
                        .as_bytes(),
                    );
                }
            }
        }
        self.flush()?;
        Ok(shown)
    }
}
