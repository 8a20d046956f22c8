// The HTTP side: TLS accept loop (HTTP/1.1 and HTTP/2 via hyper-util auto), bearer-token
// authentication, fault injection, request logging and routing to discovery, lists, gets and
// the node proxy. Responses carry the headers a real kube-apiserver sends.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use hyper::body::{Bytes, Frame, Incoming, SizeHint};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio_rustls::TlsAcceptor;

use super::discovery;
use super::faults::{self, Fault, FaultAction};
use super::json::{J, obj};
use super::kubelet::{self, KubeletReply};
use super::log::LoggedRequest;
use super::pagination::{self, ListError, ListOptions};
use super::request::RequestInfo;
use super::resources::{self, ResourceDef};
use super::selectors::{FieldSelector, LabelSelector};
use super::state::Cluster;
use super::status::{self, ErrorReply};
use super::table::{self, IncludeObject};
use super::util::uid_for;

/// State shared between the server tasks and the test thread.
pub struct Shared {
    pub cluster: Mutex<Cluster>,
    pub faults: Mutex<Vec<Fault>>,
    pub log: Mutex<Vec<LoggedRequest>>,
    /// Keep at most this many log entries (the standalone server keeps none).
    pub log_limit: usize,
    pub token: String,
    pub user: String,
    pub kube_version: String,
    pub server_address: Mutex<String>,
    audit_counter: AtomicU64,
}

impl Shared {
    pub fn new(
        cluster: Cluster,
        token: String,
        user: String,
        kube_version: String,
        log_limit: usize,
    ) -> Self {
        Shared {
            cluster: Mutex::new(cluster),
            faults: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
            log_limit,
            token,
            user,
            kube_version,
            server_address: Mutex::new(String::new()),
            audit_counter: AtomicU64::new(0),
        }
    }

    pub fn cluster(&self) -> MutexGuard<'_, Cluster> {
        self.cluster.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn log_request(&self, r: LoggedRequest) -> Option<usize> {
        if self.log_limit == 0 {
            return None;
        }
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        if log.len() >= self.log_limit {
            return None;
        }
        log.push(r);
        Some(log.len() - 1)
    }

    fn set_status(&self, idx: Option<usize>, status: u16) {
        if let Some(i) = idx {
            let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(r) = log.get_mut(i) {
                r.status = Some(status);
            }
        }
    }
}

/// Accepts TLS connections until `shutdown` fires.
pub async fn serve(
    listener: TcpListener,
    tls: Arc<rustls::ServerConfig>,
    shared: Arc<Shared>,
    mut shutdown: oneshot::Receiver<()>,
) {
    let acceptor = TlsAcceptor::from(tls);
    loop {
        let (tcp, _) = tokio::select! {
            _ = &mut shutdown => return,
            r = listener.accept() => match r {
                Ok(c) => c,
                Err(_) => continue,
            },
        };
        let _ = tcp.set_nodelay(true);
        let acceptor = acceptor.clone();
        let shared = shared.clone();
        tokio::spawn(async move {
            let Ok(stream) = acceptor.accept(tcp).await else {
                return;
            };
            let http2 = stream.get_ref().1.alpn_protocol() == Some(b"h2");
            let svc = service_fn(move |req| handle(shared.clone(), req, http2));
            let builder = auto::Builder::new(TokioExecutor::new());
            let _ = builder.serve_connection(TokioIo::new(stream), svc).await;
        });
    }
}

/// A response body: whole, or cut off part-way to simulate a dropped connection.
pub enum Body {
    Full(Option<Bytes>),
    Truncated {
        first: Option<Bytes>,
        total: u64,
        pause: Pin<Box<tokio::time::Sleep>>,
    },
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match self.get_mut() {
            Body::Full(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            Body::Truncated { first, pause, .. } => {
                if let Some(b) = first.take() {
                    return Poll::Ready(Some(Ok(Frame::data(b))));
                }
                // Give the first part time to reach the client before the connection dies.
                match pause.as_mut().poll(cx) {
                    Poll::Ready(()) => Poll::Ready(Some(Err(io::Error::new(
                        io::ErrorKind::ConnectionAborted,
                        "fake-apiserver: connection dropped mid-body",
                    )))),
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(Some(b)) => SizeHint::with_exact(b.len() as u64),
            Body::Full(None) => SizeHint::with_exact(0),
            Body::Truncated { total, .. } => SizeHint::with_exact(*total),
        }
    }
}

/// A response before it becomes a hyper one.
struct Reply {
    status: u16,
    content_type: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    truncate: bool,
}

impl Reply {
    fn new(status: u16, content_type: impl Into<String>, body: Vec<u8>) -> Self {
        Reply {
            status,
            content_type: content_type.into(),
            headers: Vec::new(),
            body,
            truncate: false,
        }
    }
    fn json(status: u16, body: Vec<u8>) -> Self {
        Reply::new(status, "application/json", body)
    }
    fn doc(j: &J) -> Self {
        let mut body = j.to_json().into_bytes();
        body.push(b'\n');
        Reply::json(200, body)
    }
}

impl From<ErrorReply> for Reply {
    fn from(e: ErrorReply) -> Reply {
        Reply {
            status: e.code,
            content_type: e.content_type.into(),
            headers: e.headers,
            body: e.body,
            truncate: false,
        }
    }
}

async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
    http2: bool,
) -> Result<Response<Body>, Infallible> {
    let method = req.method().as_str().to_string();
    let path = req.uri().path().to_string();
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let accept = header("accept").unwrap_or_default();
    let authorization = header("authorization");
    let info = RequestInfo::parse(&method, &path, req.uri().query());
    let authorized = authorization.as_deref() == Some(format!("Bearer {}", shared.token).as_str());
    let idx = shared.log_request(LoggedRequest {
        method: method.clone(),
        path: path.clone(),
        query: info.query.clone(),
        has_authorization: authorization.is_some(),
        authorized,
        accept: header("accept"),
        user_agent: header("user-agent"),
        http2,
        status: None,
    });
    drop(req);

    let reply = respond(&shared, &method, &info, &accept, authorized).await;
    shared.set_status(idx, reply.status);
    Ok(into_response(&shared, reply))
}

fn into_response(shared: &Shared, r: Reply) -> Response<Body> {
    let n = shared.audit_counter.fetch_add(1, Ordering::Relaxed);
    let mut b = Response::builder()
        .status(r.status)
        .header(
            "Audit-Id",
            uid_for(&format!("audit/{n}/{}", shared.token.len())),
        )
        .header("Cache-Control", "no-cache, private")
        .header("Content-Type", r.content_type.as_str())
        .header(
            "X-Kubernetes-Pf-Flowschema-Uid",
            uid_for("flowschema/exempt"),
        )
        .header(
            "X-Kubernetes-Pf-Prioritylevel-Uid",
            uid_for("prioritylevel/exempt"),
        );
    for (k, v) in r.headers {
        b = b.header(k, v);
    }
    let total = r.body.len() as u64;
    let body = if r.truncate {
        let cut = (r.body.len() / 2).max(1).min(r.body.len());
        Body::Truncated {
            first: Some(Bytes::from(r.body[..cut].to_vec())),
            total,
            pause: Box::pin(tokio::time::sleep(Duration::from_millis(50))),
        }
    } else {
        Body::Full(Some(Bytes::from(r.body)))
    };
    b.body(body).expect("valid response parts")
}

async fn hang() -> ! {
    std::future::pending::<()>().await;
    unreachable!("pending never completes")
}

async fn respond(
    shared: &Shared,
    method: &str,
    info: &RequestInfo,
    accept: &str,
    authorized: bool,
) -> Reply {
    if !authorized {
        return status::unauthorized().into();
    }
    let fault = {
        let mut f = shared.faults.lock().unwrap_or_else(|e| e.into_inner());
        faults::check(&mut f, method, info)
    };
    let mut truncate = false;
    match fault {
        None => {}
        Some(FaultAction::Status(code)) => return fault_status(shared, code, info).into(),
        Some(FaultAction::TooManyRequests { retry_after }) => {
            return status::too_many_requests(retry_after).into();
        }
        Some(FaultAction::Throttled { retry_after }) => {
            return status::throttled(retry_after).into();
        }
        Some(FaultAction::InternalError(cause)) => return status::internal_error(&cause).into(),
        Some(FaultAction::ServiceUnavailable(msg)) => {
            return status::service_unavailable(&msg).into();
        }
        Some(FaultAction::Raw {
            code,
            content_type,
            body,
        }) => {
            return Reply::new(code, content_type, body.into_bytes());
        }
        Some(FaultAction::EndlessPages { remaining, page }) => {
            let remaining =
                remaining.map_or(String::new(), |n| format!(r#","remainingItemCount":{n}"#));
            let body = format!(
                r#"{{"kind":"List","apiVersion":"v1","metadata":{{"resourceVersion":"1","continue":"endless-{page}"{remaining}}},"items":[{{"metadata":{{"name":"endless-{page}","uid":"endless-{page}"}}}}]}}"#
            );
            return Reply::new(200, "application/json", body.into_bytes());
        }
        Some(FaultAction::Delay(d)) => tokio::time::sleep(d).await,
        Some(FaultAction::Hang) => hang().await,
        Some(FaultAction::DropMidBody) => truncate = true,
    }
    let mut r = route(shared, method, info, accept).await;
    r.truncate = truncate;
    r
}

fn fault_status(shared: &Shared, code: u16, info: &RequestInfo) -> ErrorReply {
    match code {
        401 => status::unauthorized(),
        403 => status::forbidden(&shared.user, info),
        404 => status::not_found_for(info),
        410 => {
            let resume = info
                .param("continue")
                .and_then(|t| pagination::decode_continue(t).ok())
                .map(|(_, start)| pagination::encode_continue(-1, &start));
            status::expired(resume)
        }
        429 => status::too_many_requests(1),
        500 => status::internal_error("etcdserver: request timed out"),
        503 => status::service_unavailable("the server is currently unable to handle the request"),
        other => status::generic(other),
    }
}

async fn route(shared: &Shared, method: &str, info: &RequestInfo, accept: &str) -> Reply {
    if !info.resource_request {
        return non_resource(shared, method, info, accept);
    }
    let Some(def) = resources::find(&info.group, &info.version, &info.resource) else {
        return status::not_found_generic().into();
    };
    // Namespaced objects by name need a namespace; cluster-scoped ones must not have one.
    let bad_scope = match (def.plural, def.namespaced) {
        ("namespaces", _) => false,
        (_, true) => info.name.is_some() && info.namespace.is_none(),
        (_, false) => info.namespace.is_some(),
    };
    if bad_scope {
        return status::not_found_generic().into();
    }
    if method != "GET" && method != "HEAD" {
        return status::method_not_allowed().into();
    }
    match (&info.name, info.subresource.as_deref()) {
        (Some(name), Some("proxy")) if def.plural == "nodes" => {
            node_proxy(shared, name, info).await
        }
        (Some(name), None | Some("status")) => get_object(shared, def, info, name, accept),
        (Some(_), Some(_)) => status::not_found_generic().into(),
        (None, _) if info.verb == "watch" => status::method_not_allowed().into(),
        (None, _) => list(shared, def, info, accept),
    }
}

fn non_resource(shared: &Shared, method: &str, info: &RequestInfo, accept: &str) -> Reply {
    if method != "GET" {
        return status::method_not_allowed().into();
    }
    let path = info.path.trim_end_matches('/');
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    match parts.as_slice() {
        ["version"] => Reply::doc(&discovery::version(&shared.kube_version)),
        ["healthz"] | ["livez"] | ["readyz"] => {
            Reply::new(200, "text/plain; charset=utf-8", b"ok".to_vec())
        }
        ["api"] | ["apis"] if discovery::wants_aggregated(accept) => {
            let mut r = Reply::doc(&discovery::aggregated(parts[0] == "api"));
            r.content_type = discovery::AGGREGATED_CONTENT_TYPE.into();
            r.headers.push(("Vary", "Accept".into()));
            r
        }
        ["api"] => {
            let addr = shared
                .server_address
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            Reply::doc(&discovery::api_versions(&addr))
        }
        ["apis"] => Reply::doc(&discovery::api_group_list()),
        ["api", v] => discovery::resource_list("", v)
            .map_or_else(|| status::not_found_generic().into(), |d| Reply::doc(&d)),
        ["apis", g] => discovery::api_group_doc(g)
            .map_or_else(|| status::not_found_generic().into(), |d| Reply::doc(&d)),
        ["apis", g, v] => discovery::resource_list(g, v)
            .map_or_else(|| status::not_found_generic().into(), |d| Reply::doc(&d)),
        _ => status::not_found_generic().into(),
    }
}

fn get_object(
    shared: &Shared,
    def: &'static ResourceDef,
    info: &RequestInfo,
    name: &str,
    accept: &str,
) -> Reply {
    let ns = if def.namespaced {
        info.namespace.as_deref()
    } else {
        None
    };
    let (obj, rv) = {
        let c = shared.cluster();
        (c.lookup(def, ns, name), c.resource_version())
    };
    let Some(obj) = obj else {
        return status::not_found(def.group, def.plural, name).into();
    };
    let now = SystemTime::now();
    if table::wants_table(accept) {
        let item = obj.body.render(now);
        let include = IncludeObject::from_param(info.param("includeObject"));
        let meta = super::json::obj([("resourceVersion", rv.to_string().into())]);
        return Reply::json(200, table::render(def, &[item], meta, include, now));
    }
    let mut out = Vec::with_capacity(obj.body.len_hint() + 64);
    obj.body
        .render_typed_into(now, def.kind, &def.api_version(), &mut out);
    out.push(b'\n');
    Reply::json(200, out)
}

fn list(shared: &Shared, def: &'static ResourceDef, info: &RequestInfo, accept: &str) -> Reply {
    let limit = match info.param("limit").filter(|l| !l.is_empty()) {
        None => None,
        Some(l) => match l.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n as usize),
            Ok(_) => None,
            Err(_) => {
                return status::bad_request(&format!(
                    "strconv.ParseInt: parsing {l:?}: invalid syntax"
                ))
                .into();
            }
        },
    };
    let continue_token = info
        .param("continue")
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    if continue_token.is_some() && info.param("resourceVersion").is_some_and(|v| !v.is_empty()) {
        return status::bad_request(
            "specifying resource version is not allowed when using continue",
        )
        .into();
    }
    let labels = match LabelSelector::parse(info.param("labelSelector").unwrap_or("")) {
        Ok(s) => s,
        Err(e) => return status::bad_request(&e).into(),
    };
    let fields = match FieldSelector::parse(info.param("fieldSelector").unwrap_or("")) {
        Ok(s) => s,
        Err(e) => return status::bad_request(&e).into(),
    };
    if let Err(e) = fields.check_supported(&def.supported_fields()) {
        return status::bad_request(&e).into();
    }
    let opts = ListOptions {
        limit,
        continue_token,
        labels,
        fields,
    };
    let ns = if def.namespaced {
        info.namespace.as_deref()
    } else {
        None
    };
    let source = pagination::ListSource::of(&shared.cluster(), def);
    let page = pagination::select(&source, def, ns, &opts);
    let page = match page {
        Ok(p) => p,
        Err(ListError::BadRequest(m)) => return status::bad_request(&m).into(),
        Err(ListError::Expired(tok)) => return status::expired(tok).into(),
    };
    let mut meta = obj([("resourceVersion", page.resource_version.to_string().into())]);
    if let Some(c) = &page.continue_token {
        meta.set("continue", c.clone());
    }
    if let Some(n) = page.remaining {
        meta.set("remainingItemCount", n);
    }
    let now = SystemTime::now();
    if table::wants_table(accept) {
        let items: Vec<Vec<u8>> = page.items.iter().map(|o| o.body.render(now)).collect();
        let include = IncludeObject::from_param(info.param("includeObject"));
        return Reply::json(200, table::render(def, &items, meta, include, now));
    }
    let cap: usize = page
        .items
        .iter()
        .map(|o| o.body.len_hint() + 1)
        .sum::<usize>()
        + 256;
    let mut out = Vec::with_capacity(cap);
    out.extend_from_slice(
        format!(
            "{{\"kind\":\"{}\",\"apiVersion\":\"{}\",\"metadata\":",
            def.list_kind(),
            def.api_version()
        )
        .as_bytes(),
    );
    out.extend_from_slice(meta.to_json_at(now).as_bytes());
    out.extend_from_slice(b",\"items\":[");
    for (i, o) in page.items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        o.body.render_into(now, &mut out);
    }
    out.extend_from_slice(b"]}\n");
    Reply::json(200, out)
}

async fn node_proxy(shared: &Shared, raw_name: &str, info: &RequestInfo) -> Reply {
    // `nodes/<name>:<port>/proxy` and `nodes/https:<name>:<port>/proxy` address the same node.
    let name = raw_name
        .strip_prefix("https:")
        .or_else(|| raw_name.strip_prefix("http:"))
        .unwrap_or(raw_name);
    let name = name.split(':').next().unwrap_or(name).to_string();
    let meta = shared.cluster().node_meta(&name).cloned();
    let Some(meta) = meta else {
        return status::not_found("", "nodes", &name).into();
    };
    let path = if info.rest.is_empty() {
        "/"
    } else {
        info.rest.as_str()
    };
    let (delay, reply) = kubelet::answer(
        &meta.kubelet,
        &meta.internal_ip,
        path,
        &info.query,
        &meta.logs,
        || shared.cluster().configz_for(&name),
        || shared.cluster().summary_for(&name),
    );
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    match reply {
        KubeletReply::Hang => hang().await,
        KubeletReply::ProxyError {
            status: 503,
            message,
            ..
        } => status::service_unavailable(&message).into(),
        KubeletReply::ProxyError {
            status, message, ..
        } => {
            let mut e = status::generic(status);
            e.body = message.into_bytes();
            e.into()
        }
        KubeletReply::Respond {
            status,
            content_type,
            mut body,
        } => {
            if content_type == "application/json" {
                body.push(b'\n');
            }
            let mut r = Reply::new(status, content_type, body);
            if content_type.starts_with("text/plain") {
                r.headers.push(("X-Content-Type-Options", "nosniff".into()));
            }
            r
        }
    }
}
