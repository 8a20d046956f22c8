//! The container runtime asked over CRI (kubelet-status.md §8.1): `Version` and `Status` of
//! `runtime.v1.RuntimeService`, gRPC over the unix socket the caller connected (one HTTP/2
//! connection, a stream per call), plaintext with authority `localhost` as cri-client does. The
//! few protobuf fields are encoded and decoded by hand (no protoc, no build script); HTTP/2 is
//! h2's.

use std::time::Duration;

use bytes::Bytes;
use h2::client::SendRequest;
use serde::{Deserialize, Serialize};
use tokio::net::UnixStream;

/// The most of one gRPC answer read.
const ANSWER_CAP: usize = 1 << 20;

/// What the runtime said, for `cri.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Answers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_version: Option<String>,
    /// The gRPC code `Version` failed with (12 is Unimplemented: no CRI v1 here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_code: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u32>,
    /// Why a call could not be made at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// `RuntimeCondition{type=1, status=2, reason=3, message=4}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    #[serde(rename = "type")]
    pub kind: String,
    pub status: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

impl Condition {
    /// The kubelet's own shape, `%s=%t reason:%s message:%s`, so both can be grepped alike.
    pub fn kubelet_text(&self) -> String {
        format!(
            "{}={} reason:{} message:{}",
            self.kind, self.status, self.reason, self.message
        )
    }
}

/// gRPC Unimplemented.
pub const UNIMPLEMENTED: u32 = 12;

/// Asks `Version` then `Status` within `deadline` each, two streams of one HTTP/2 connection
/// over `socket`.
pub async fn ask(socket: UnixStream, deadline: Duration) -> Answers {
    // The handshake only writes the preface: it waits on nothing from the runtime.
    let (client, connection) = match h2::client::handshake(socket).await {
        Ok(pair) => pair,
        Err(e) => {
            let error = Some(format!("HTTP/2 handshake: {e}"));
            return Answers {
                error,
                ..Answers::default()
            };
        }
    };
    let driver = tokio::spawn(async move {
        let _ = connection.await;
    });
    let answers = ask_over(&client, deadline).await;
    driver.abort();
    answers
}

/// [`ask`]'s two calls, over `client`.
async fn ask_over(client: &SendRequest<Bytes>, deadline: Duration) -> Answers {
    let mut out = Answers::default();
    match tokio::time::timeout(deadline, call(client, "Version", &version_request())).await {
        Ok(Ok(Reply::Message(bytes))) => {
            for (field, value) in fields(&bytes) {
                match (field, value) {
                    (2, Value::Bytes(b)) => {
                        out.runtime_name = Some(String::from_utf8_lossy(b).into_owned())
                    }
                    (3, Value::Bytes(b)) => {
                        out.runtime_version = Some(String::from_utf8_lossy(b).into_owned())
                    }
                    _ => {}
                }
            }
        }
        Ok(Ok(Reply::Code(code))) => out.version_code = Some(code),
        Ok(Err(e)) => {
            out.error = Some(e);
            return out;
        }
        Err(_) => {
            out.error = Some(format!("Version: no answer within {}s", deadline.as_secs()));
            return out;
        }
    }
    match tokio::time::timeout(deadline, call(client, "Status", &[])).await {
        Ok(Ok(Reply::Message(bytes))) => {
            for (field, value) in fields(&bytes) {
                if let (1, Value::Bytes(status)) = (field, value) {
                    for (f, v) in fields(status) {
                        if let (1, Value::Bytes(c)) = (f, v) {
                            out.conditions.push(condition(c));
                        }
                    }
                }
            }
        }
        Ok(Ok(Reply::Code(code))) => out.status_code = Some(code),
        Ok(Err(e)) => out.error = Some(e),
        Err(_) => out.error = Some(format!("Status: no answer within {}s", deadline.as_secs())),
    }
    out
}

/// `VersionRequest{version="v1"}`.
fn version_request() -> Vec<u8> {
    let mut m = vec![0x0a, 2];
    m.extend_from_slice(b"v1");
    m
}

fn condition(bytes: &[u8]) -> Condition {
    let mut c = Condition::default();
    for (field, value) in fields(bytes) {
        match (field, value) {
            (1, Value::Bytes(b)) => c.kind = String::from_utf8_lossy(b).into_owned(),
            (2, Value::Varint(v)) => c.status = v != 0,
            (3, Value::Bytes(b)) => c.reason = String::from_utf8_lossy(b).into_owned(),
            (4, Value::Bytes(b)) => c.message = String::from_utf8_lossy(b).into_owned(),
            _ => {}
        }
    }
    c
}

enum Reply {
    Message(Vec<u8>),
    /// A non-zero grpc-status.
    Code(u32),
}

/// One unary call, a stream of its own: POST /runtime.v1.RuntimeService/METHOD with a
/// gRPC-framed message.
async fn call(client: &SendRequest<Bytes>, method: &str, message: &[u8]) -> Result<Reply, String> {
    let mut client = client.clone().ready().await.map_err(|e| e.to_string())?;
    let request = http::Request::builder()
        .method("POST")
        .uri(format!(
            "http://localhost/runtime.v1.RuntimeService/{method}"
        ))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(())
        .map_err(|e| e.to_string())?;
    let (response, mut send) = client
        .send_request(request, false)
        .map_err(|e| e.to_string())?;
    let mut framed = vec![0u8];
    framed.extend_from_slice(&(message.len() as u32).to_be_bytes());
    framed.extend_from_slice(message);
    send.send_data(Bytes::from(framed), true)
        .map_err(|e| e.to_string())?;
    let response = response.await.map_err(|e| format!("{method}: {e}"))?;
    let (head, mut body) = response.into_parts();
    if let Some(code) = grpc_status(&head.headers) {
        // Trailers-only: the answer is the code.
        if code != 0 {
            return Ok(Reply::Code(code));
        }
    }
    let mut data = Vec::new();
    while let Some(chunk) = body.data().await {
        let chunk = chunk.map_err(|e| e.to_string())?;
        let _ = body.flow_control().release_capacity(chunk.len());
        data.extend_from_slice(&chunk);
        if data.len() > ANSWER_CAP {
            return Err(format!("{method}: more than {ANSWER_CAP} bytes"));
        }
    }
    let trailers = body.trailers().await.map_err(|e| e.to_string())?;
    if let Some(code) = trailers.as_ref().and_then(grpc_status)
        && code != 0
    {
        return Ok(Reply::Code(code));
    }
    // One length-prefixed message: flag byte, u32 length, bytes.
    let len = data
        .get(1..5)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .ok_or_else(|| format!("{method}: empty answer"))?;
    let message = data
        .get(5..5 + len)
        .ok_or_else(|| format!("{method}: answer cut short"))?;
    Ok(Reply::Message(message.to_vec()))
}

fn grpc_status(headers: &http::HeaderMap) -> Option<u32> {
    headers.get("grpc-status")?.to_str().ok()?.parse().ok()
}

/// For the fuzz target: the protobuf reader on arbitrary bytes.
#[doc(hidden)]
pub fn fuzz_fields(data: &[u8]) {
    for (_, v) in fields(data) {
        if let Value::Bytes(b) = v {
            let _ = condition(b);
        }
    }
}

enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
}

/// The top-level fields of a protobuf message; stops at the first malformed one.
fn fields(mut b: &[u8]) -> Vec<(u64, Value<'_>)> {
    let mut out = Vec::new();
    while !b.is_empty() {
        let Some((key, rest)) = varint(b) else { break };
        b = rest;
        let (field, wire) = (key >> 3, key & 7);
        match wire {
            0 => {
                let Some((v, rest)) = varint(b) else { break };
                out.push((field, Value::Varint(v)));
                b = rest;
            }
            2 => {
                let Some((len, rest)) = varint(b) else { break };
                let Some(v) = usize::try_from(len).ok().and_then(|l| rest.get(..l)) else {
                    break;
                };
                out.push((field, Value::Bytes(v)));
                b = &rest[v.len()..];
            }
            1 if b.len() >= 8 => b = &b[8..],
            5 if b.len() >= 4 => b = &b[4..],
            _ => break,
        }
    }
    out
}

fn varint(b: &[u8]) -> Option<(u64, &[u8])> {
    let mut v = 0u64;
    for (i, byte) in b.iter().enumerate().take(10) {
        v |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((v, &b[i + 1..]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protobuf_fields_and_conditions() {
        // RuntimeCondition{type="NetworkReady", status=false, reason="NetworkPluginNotReady", message="cni"}
        let mut c = vec![0x0a, 12];
        c.extend_from_slice(b"NetworkReady");
        c.extend_from_slice(&[0x10, 0x00, 0x1a, 21]);
        c.extend_from_slice(b"NetworkPluginNotReady");
        c.extend_from_slice(&[0x22, 3]);
        c.extend_from_slice(b"cni");
        let cond = condition(&c);
        assert_eq!(
            cond.kubelet_text(),
            "NetworkReady=false reason:NetworkPluginNotReady message:cni"
        );
        // Malformed input stops, never panics.
        assert!(fields(&[0x0a, 0xff]).is_empty());
        assert!(fields(&[0xff; 12]).is_empty());
        assert_eq!(varint(&[0xac, 0x02]).map(|(v, _)| v), Some(300));
    }
}

#[cfg(test)]
mod call_tests {
    use super::*;

    /// A server that answers every call trailers-only with grpc-status 12, as grpc-go does
    /// for a service it does not register; it counts the connections it accepts.
    #[tokio::test]
    async fn unimplemented_is_a_code_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sock");
        let listener = tokio::net::UnixListener::bind(&path).unwrap();
        let connections = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = connections.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                tokio::spawn(async move {
                    let Ok(mut conn) = h2::server::handshake(stream).await else {
                        return;
                    };
                    while let Some(Ok((_, mut respond))) = conn.accept().await {
                        let head = http::Response::builder()
                            .status(200)
                            .header("content-type", "application/grpc")
                            .header("grpc-status", "12");
                        let _ = respond.send_response(head.body(()).unwrap(), true);
                    }
                });
            }
        });
        let socket = UnixStream::connect(&path).await.unwrap();
        let a = ask(socket, Duration::from_secs(2)).await;
        assert_eq!(
            a,
            Answers {
                version_code: Some(UNIMPLEMENTED),
                status_code: Some(UNIMPLEMENTED),
                ..Answers::default()
            }
        );
        // Both calls, one connection.
        assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 1);
    }
}
