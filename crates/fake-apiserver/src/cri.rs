// A fake container runtime on a unix socket: the CRI's `runtime.v1.RuntimeService` `Version`
// and `Status` over gRPC (plain HTTP/2), with the protobuf answers written by hand, for the
// `status` tests and the live benchmark. Any other method gets the `Status` answer.

use std::path::Path;

/// How the runtime answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CriMode {
    /// containerd v2.0.4, RuntimeReady and NetworkReady true.
    Ready,
    /// NetworkReady=false, as with no CNI config.
    NoNetwork,
    /// No CRI service at all (Docker's containerd.io with the cri plugin disabled).
    Unimplemented,
}

/// Binds `path` and serves it on a thread of its own until the process ends.
pub fn serve(path: &Path, mode: CriMode) -> std::io::Result<()> {
    let listener = std::os::unix::net::UnixListener::bind(path)?;
    listener.set_nonblocking(true)?;
    std::thread::spawn(move || {
        let Ok(rt) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        rt.block_on(async move {
            let Ok(listener) = tokio::net::UnixListener::from_std(listener) else {
                return;
            };
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(connection(stream, mode));
            }
        });
    });
    Ok(())
}

async fn connection(stream: tokio::net::UnixStream, mode: CriMode) {
    // A plain connect (the socket check) ends before any handshake.
    let Ok(mut conn) = h2::server::handshake(stream).await else {
        return;
    };
    while let Some(Ok((request, respond))) = conn.accept().await {
        let method = request.uri().path().rsplit('/').next().unwrap_or("");
        answer(respond, method, mode);
    }
}

fn answer(mut respond: h2::server::SendResponse<bytes::Bytes>, method: &str, mode: CriMode) {
    let head = http::Response::builder()
        .status(200)
        .header("content-type", "application/grpc");
    if mode == CriMode::Unimplemented {
        let head = head
            .header("grpc-status", "12")
            .header("grpc-message", "unknown service runtime.v1.RuntimeService");
        if let Ok(head) = head.body(()) {
            let _ = respond.send_response(head, true);
        }
        return;
    }
    let message = match method {
        "Version" => [
            pb(1, b"0.1.0"),
            pb(2, b"containerd"),
            pb(3, b"v2.0.4"),
            pb(4, b"v1"),
        ]
        .concat(),
        _ => status(mode == CriMode::Ready),
    };
    let mut framed = vec![0u8];
    framed.extend_from_slice(&(message.len() as u32).to_be_bytes());
    framed.extend_from_slice(&message);
    let Ok(head) = head.body(()) else {
        return;
    };
    let Ok(mut send) = respond.send_response(head, false) else {
        return;
    };
    let _ = send.send_data(bytes::Bytes::from(framed), false);
    let mut trailers = http::HeaderMap::new();
    trailers.insert("grpc-status", http::HeaderValue::from_static("0"));
    let _ = send.send_trailers(trailers);
}

/// `StatusResponse{status: RuntimeStatus{conditions}}`.
fn status(network: bool) -> Vec<u8> {
    let mut conditions = condition("RuntimeReady", true, "", "");
    conditions.extend(if network {
        condition("NetworkReady", true, "", "")
    } else {
        condition(
            "NetworkReady",
            false,
            "NetworkPluginNotReady",
            "Network plugin returns error: cni plugin not initialized",
        )
    });
    pb(1, &conditions)
}

/// Protobuf: a length-delimited field (short ones only: one length byte).
fn pb(field: u8, bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![(field << 3) | 2, bytes.len() as u8];
    out.extend_from_slice(bytes);
    out
}

/// `RuntimeCondition{type=1, status=2, reason=3, message=4}`, as field 1 of its parent.
fn condition(kind: &str, ready: bool, reason: &str, message: &str) -> Vec<u8> {
    let mut c = pb(1, kind.as_bytes());
    c.extend_from_slice(&[0x10, u8::from(ready)]);
    c.extend(pb(3, reason.as_bytes()));
    c.extend(pb(4, message.as_bytes()));
    pb(1, &c)
}
