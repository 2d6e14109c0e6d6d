//! Serving an axum router with limits a slow or hostile client cannot outlast: a connection
//! must send its request headers within [`HEADER_READ_TIMEOUT`], request bodies are capped
//! by axum's default limit (2 MiB), and with [`Limits`] the connections open at once are
//! capped too: past the cap no more are accepted until one ends, so the kernel's backlog
//! holds the rest and each is answered in turn (a sender that gives up is the sender's
//! choice; a connection closed here would be a delivery lost, since Copper never retries),
//! and the owner is told.
//! `axum::serve` has neither, so this is the accept loop, with hyper's HTTP/1 builder.

use std::future::Future;
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;

/// How long a connection may take to send a request's headers.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// What a server a stranger can reach may be made to hold.
#[derive(Clone, Default)]
pub struct Limits {
    /// Connections open at once; more wait in the kernel's backlog, unaccepted.
    pub max_connections: Option<usize>,
    /// Told (with the cap) when a connection is closed for the cap, at most once in
    /// [`FULL_NOTICE_EVERY`].
    pub on_full: Option<std::sync::Arc<dyn Fn(usize) + Send + Sync>>,
}

/// How often a server at its connection cap says so.
pub const FULL_NOTICE_EVERY: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `shutdown` completes; connections already open finish
/// on their own tasks.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(
        listener,
        app,
        shutdown,
        HEADER_READ_TIMEOUT,
        Limits::default(),
    )
    .await
}

/// [`serve`] with limits on what clients can make the server hold.
pub async fn serve_limited(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    limits: Limits,
) -> std::io::Result<()> {
    serve_with(listener, app, shutdown, HEADER_READ_TIMEOUT, limits).await
}

async fn serve_with(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    header_timeout: Duration,
    limits: Limits,
) -> std::io::Result<()> {
    tokio::pin!(shutdown);
    let slots = limits
        .max_connections
        .map(|n| std::sync::Arc::new(tokio::sync::Semaphore::new(n)));
    let mut last_notice: Option<tokio::time::Instant> = None;
    loop {
        // A slot first, then a connection: at the cap, nothing is accepted (and nothing
        // dropped); the backlog holds what comes until a connection ends.
        let permit = match &slots {
            None => None,
            Some(slots) => {
                let permit = match slots.clone().try_acquire_owned() {
                    Ok(permit) => permit,
                    Err(_) => {
                        let now = tokio::time::Instant::now();
                        if last_notice.is_none_or(|at| now - at >= FULL_NOTICE_EVERY) {
                            last_notice = Some(now);
                            if let (Some(notice), Some(max)) =
                                (&limits.on_full, limits.max_connections)
                            {
                                notice(max);
                            }
                        }
                        tokio::select! {
                            () = &mut shutdown => return Ok(()),
                            permit = slots.clone().acquire_owned() => match permit {
                                Ok(permit) => permit,
                                Err(_) => return Ok(()),
                            },
                        }
                    }
                };
                Some(permit)
            }
        };
        let stream = tokio::select! {
            () = &mut shutdown => return Ok(()),
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, or a connection reset before it was accepted:
                // wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

/// A listener on `addr` with a backlog of `backlog` connections (the kernel may cap it, at
/// `net.core.somaxconn` on Linux): room for a burst to wait while a capped server is full.
pub fn listen(
    addr: std::net::SocketAddr,
    backlog: u32,
) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(backlog)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test]
    async fn a_client_that_never_finishes_its_headers_is_let_go() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new().fallback(|| async { "ok" });
        tokio::spawn(serve_with(
            listener,
            app,
            std::future::pending(),
            Duration::from_millis(200),
            Limits::default(),
        ));
        let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
        slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .await
            .unwrap();
        // Far longer than the header timeout: the server must have closed by then.
        let mut buf = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(20), slow.read_to_end(&mut buf)).await;
        assert!(read.is_ok(), "the server held a half-sent request open");
        // A client that finishes in time is served.
        let mut fine = tokio::net::TcpStream::connect(addr).await.unwrap();
        fine.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut answer = String::new();
        fine.read_to_string(&mut answer).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
}
