//! The HTTP layer: `newsdex serve`'s JSON API (`/api/v1`) over an `Engine`, and the pages.
//!
//! Owns routes, parameter decoding into the library's request types, the wire format of
//! errors (`{"error": {"code", "message"}}`), authentication, limits and security headers.
//! It must not rank, filter or count anything itself (that is `search`), and nothing it
//! serves writes the index or reads a file by a path a request names.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use tower_http::limit::RequestBodyLimitLayer;

use crate::article::EntityKind;
use crate::engine::Engine;
use crate::search::{Hit, SearchError, SearchRequest, Suggestion};

/// How long one request may search before it is answered with an error.
pub const REQUEST_TIME_LIMIT: Duration = Duration::from_secs(10);
/// The largest request body accepted (every endpoint is a GET).
const MAX_BODY_BYTES: usize = 16 * 1024;
/// Rows an export hands to the network at a time.
const EXPORT_CHUNK: usize = 256;
/// The cookie the web app keeps the token in after `/?token=...`.
const TOKEN_COOKIE: &str = "newsdex_token";

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: SocketAddr,
    /// When set, every request must carry it.
    pub token: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "{0} is not a loopback address: serving the archive to the network needs --token TOKEN (or NEWSDEX_TOKEN)"
    )]
    NeedsToken(SocketAddr),
    #[error("the token is empty")]
    EmptyToken,
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Refuse what would expose the archive by mistake.
pub fn check_options(options: &ServeOptions) -> Result<(), ServeError> {
    match &options.token {
        Some(t) if t.is_empty() => Err(ServeError::EmptyToken),
        None if !options.bind.ip().is_loopback() => Err(ServeError::NeedsToken(options.bind)),
        _ => Ok(()),
    }
}

/// Serve until Ctrl-C or SIGTERM; `listening` is told the bound address first.
pub fn run(
    engine: Arc<Engine>,
    options: ServeOptions,
    listening: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    check_options(&options)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|e| ServeError::Bind(options.bind, e))?;
        // On Unix the handlers are in place before anyone learns the address: a signal sent
        // as soon as the first answer arrives must stop the server, not kill it mid-write.
        // (Elsewhere tokio registers Ctrl-C's handler when the future is first polled.)
        let stop = stop_signal()?;
        listening(listener.local_addr()?);
        // `into_make_service` hands each connection a clone of one `Arc`; a bare `Router`
        // would copy its whole route table per connection (per request on fresh ones).
        axum::serve(listener, router(engine, options.token).into_make_service())
            .with_graceful_shutdown(stop)
            .await?;
        Ok(())
    })
}

/// Registers the Ctrl-C and SIGTERM handlers now and returns a future that ends at the
/// first of them.
#[cfg(unix)]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
    })
}

#[cfg(not(unix))]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

#[derive(Clone)]
struct AppState {
    engine: Arc<Engine>,
    token: Option<Arc<str>>,
    /// Index work running at once: requests beyond it wait their turn without a thread,
    /// so 64 connections run on a few threads, not 64 (BENCHMARKS.md, serve under load).
    index_work: Arc<tokio::sync::Semaphore>,
    /// Exports streaming at once (one per core): each holds a thread for its whole length,
    /// so they do not share `index_work`, where they would starve searches.
    exports: Arc<tokio::sync::Semaphore>,
}

/// Every route, with authentication, limits and headers: what `serve` runs and what the
/// API tests call.
pub fn router(engine: Arc<Engine>, token: Option<String>) -> Router {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let state = AppState {
        engine,
        token: token.map(Arc::from),
        index_work: Arc::new(tokio::sync::Semaphore::new(cores * CONCURRENT_PER_CORE)),
        exports: Arc::new(tokio::sync::Semaphore::new(cores)),
    };
    Router::new()
        .route("/", get(page_html))
        .route("/app.js", get(page_js))
        .route("/app.css", get(page_css))
        .route("/healthz", get(healthz))
        .route("/api/openapi.json", get(openapi))
        .route("/api/v1/search", get(search))
        .route("/api/v1/articles/{id}", get(article))
        .route("/api/v1/entities", get(entities))
        .route("/api/v1/export", get(export))
        .route("/api/v1/stats", get(stats))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .with_state(state)
}

/// An API error: its status, a stable code and a message that points at the problem.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> Self {
        let code = match &e {
            SearchError::BadQuery { .. } => "bad_query",
            SearchError::BadDate(_) => "bad_date",
            SearchError::BadParameter { .. } => "bad_parameter",
            SearchError::Tantivy(_) | SearchError::Index(_) | SearchError::Remote { .. } => {
                return ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "index", e.to_string());
            }
            SearchError::TimedOut => return timed_out(),
        };
        ApiError::new(StatusCode::BAD_REQUEST, code, e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": { "code": self.code, "message": self.message } });
        (self.status, axum::Json(body)).into_response()
    }
}

/// Blocking requests (articles, entity lists, stats) run at once per core: more only adds
/// threads and memory, as they are CPU-bound. Searches run on the async threads instead.
const CONCURRENT_PER_CORE: usize = 4;

/// Run blocking index work off the async threads, at most `AppState::index_work` at once,
/// within the request time limit (the wait for a turn included). A search that overruns
/// is answered at the limit; its thread finishes on its own and is dropped.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let turn = Arc::clone(&state.index_work);
    let run = async move {
        // The semaphore is never closed, so acquiring fails only if it were.
        let permit = turn.acquire_owned().await;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
    };
    match tokio::time::timeout(REQUEST_TIME_LIMIT, run).await {
        Ok(Ok(result)) => result,
        Ok(Err(join)) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("the request failed: {join}"),
        )),
        Err(_) => Err(timed_out()),
    }
}

/// The answer to a request that passed `REQUEST_TIME_LIMIT`.
fn timed_out() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "timeout",
        format!(
            "the search took longer than {} s; narrow the query or add filters",
            REQUEST_TIME_LIMIT.as_secs()
        ),
    )
}

/// The query string's pairs, decoded.
fn pairs(query: &Option<String>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

/// A search request out of the query string; `extra` names parameters the endpoint takes
/// itself (they are returned, not passed on). The token is never a search parameter.
fn search_request(
    query: &Option<String>,
    extra: &[&str],
) -> Result<(SearchRequest, Vec<(String, String)>), ApiError> {
    let all = pairs(query);
    let (own, rest): (Vec<_>, Vec<_>) = all
        .into_iter()
        .filter(|(k, _)| k != "token")
        .partition(|(k, _)| extra.contains(&k.as_str()));
    let req = SearchRequest::from_pairs(rest.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    Ok((req, own))
}

// The web app, embedded in the binary: no CDN, works offline.
async fn page_html() -> Response {
    asset(
        "text/html; charset=utf-8",
        include_str!("assets/index.html"),
    )
}

async fn page_js() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("assets/app.js"),
    )
}

async fn page_css() -> Response {
    asset("text/css; charset=utf-8", include_str!("assets/app.css"))
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn healthz() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({ "status": "ok" }))
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
        .into_response()
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such page; the API is under /api/v1 (see /api/openapi.json)",
    )
}

async fn search(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (req, _) = search_request(&query, &[])?;
    // On this async thread, not `blocking`'s pool: the hand-over to another thread and
    // back cost a fifth of a search's CPU (BENCHMARKS.md, issue #19). The deadline stops
    // the walk over the matches (the part whose cost grows with the archive) and is
    // checked before each hit, so a slow search still ends at the limit.
    let deadline = Instant::now() + REQUEST_TIME_LIMIT;
    let run = || state.engine.search().with_deadline(deadline).run(&req);
    // A bug in the search answers 500, as the blocking pool's failed join did, instead of
    // dropping the connection with the task.
    let response =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).map_err(|_| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the search failed (a bug: the server's log has the details)",
            )
        })??;
    Ok(axum::Json(response).into_response())
}

/// The `show --json` object; with `q` (even empty) also the `marks`: byte offsets of the
/// query's hits and of entity mentions in each field.
async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut q = None;
    for (name, value) in pairs(&query) {
        match name.as_str() {
            "q" => q = Some(value),
            "token" => {}
            other => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "bad_parameter",
                    format!("invalid parameter `{other}`: unknown; an article takes only `q`"),
                ));
            }
        }
    }
    let engine = Arc::clone(&state.engine);
    let lookup = id.clone();
    let found = blocking(&state, move || {
        Ok(engine.search().article_view(&lookup, q.as_deref())?)
    })
    .await?;
    match found {
        Some(view) => Ok(axum::Json(view).into_response()),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no article with id {id:?}; ids come from /api/v1/search"),
        )),
    }
}

#[derive(Serialize)]
struct EntitiesResponse {
    #[serde(rename = "type")]
    kind: EntityKind,
    prefix: String,
    entities: Vec<Suggestion>,
}

async fn entities(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (mut kind, mut prefix, mut limit) = (EntityKind::Person, String::new(), 10usize);
    let bad = |name: &str, reason: String| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_parameter",
            format!("invalid parameter `{name}`: {reason}"),
        )
    };
    for (name, value) in pairs(&query) {
        match name.as_str() {
            "type" => {
                kind = EntityKind::ALL
                    .into_iter()
                    .find(|k| k.field_name() == value)
                    .ok_or_else(|| bad("type", format!("{value:?}: use person, place or org")))?
            }
            "prefix" => prefix = value,
            "limit" => {
                limit = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=100).contains(n))
                    .ok_or_else(|| bad("limit", format!("{value:?}: a number from 1 to 100")))?
            }
            "token" => {}
            other => {
                return Err(bad(
                    other,
                    "unknown parameter; use type, prefix, limit".into(),
                ));
            }
        }
    }
    let engine = Arc::clone(&state.engine);
    let wanted = prefix.clone();
    let entities = blocking(&state, move || {
        Ok(engine.search().suggest(kind, &wanted, limit)?)
    })
    .await?;
    Ok(axum::Json(EntitiesResponse {
        kind,
        prefix,
        entities,
    })
    .into_response())
}

async fn stats(State(state): State<AppState>) -> Result<Response, ApiError> {
    let engine = Arc::clone(&state.engine);
    let stats = blocking(&state, move || Ok(engine.search().stats(10)?)).await?;
    Ok(axum::Json(stats).into_response())
}

#[derive(Clone, Copy, PartialEq)]
enum ExportFormat {
    Csv,
    Jsonl,
}

/// Every match of a search, in its order, streamed as CSV or JSON lines: no page cap.
async fn export(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (mut req, own) = search_request(&query, &["format", "limit", "offset"])?;
    let mut format = ExportFormat::Jsonl;
    for (name, value) in own {
        match (name.as_str(), value.as_str()) {
            ("format", "csv") => format = ExportFormat::Csv,
            ("format", "jsonl") => format = ExportFormat::Jsonl,
            ("format", other) => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "bad_parameter",
                    format!("invalid parameter `format`: {other:?}: use csv or jsonl"),
                ));
            }
            _ => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "bad_parameter",
                    format!("invalid parameter `{name}`: an export lists every match"),
                ));
            }
        }
    }
    req.facets.clear();
    req.histogram = None;
    // Check the query before the response starts: once streaming, errors cannot be 400s.
    {
        let engine = Arc::clone(&state.engine);
        let check = req.clone();
        blocking(&state, move || {
            Ok(engine.search().build_query(&check).map(drop)?)
        })
        .await?;
    }
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<String, std::io::Error>>(4);
    let engine = Arc::clone(&state.engine);
    // The semaphore is never closed, so acquiring fails only if it were.
    let turn = Arc::clone(&state.exports).acquire_owned().await;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let search = engine.search();
        let mut chunk = String::new();
        if format == ExportFormat::Csv {
            chunk.push_str(CSV_HEADER);
        }
        let mut rows = 0;
        let outcome = search.for_each_match(&req, |hit| {
            push_row(&mut chunk, &hit, format);
            rows += 1;
            if rows % EXPORT_CHUNK == 0 {
                // The client went away: stop reading the index.
                return sender.blocking_send(Ok(std::mem::take(&mut chunk))).is_ok();
            }
            true
        });
        let last = match outcome {
            Ok(()) => Ok(chunk),
            Err(e) => Err(std::io::Error::other(e.to_string())),
        };
        let _ = sender.blocking_send(last);
    });
    let stream = futures_util::stream::unfold(receiver, |mut r| async move {
        r.recv().await.map(|item| (item, r))
    });
    let (content_type, name) = match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "newsdex-export.csv"),
        ExportFormat::Jsonl => ("application/jsonl; charset=utf-8", "newsdex-export.jsonl"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

const CSV_HEADER: &str = "id,date,headline,byline,dateline,persons,places,orgs,path\r\n";

fn push_row(out: &mut String, hit: &Hit, format: ExportFormat) {
    match format {
        ExportFormat::Jsonl => {
            out.push_str(&serde_json::to_string(hit).expect("hits serialise"));
            out.push('\n');
        }
        ExportFormat::Csv => {
            let fields = [
                hit.id.clone(),
                hit.date.clone().unwrap_or_default(),
                hit.headline.clone(),
                hit.byline.join("; "),
                hit.dateline.clone().unwrap_or_default(),
                hit.persons.join("; "),
                hit.places.join("; "),
                hit.orgs.join("; "),
                hit.path.clone(),
            ];
            for (i, field) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                csv_field(out, field);
            }
            out.push_str("\r\n");
        }
    }
}

/// RFC 4180 quoting; a field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
/// first) gets a leading apostrophe.
fn csv_field(out: &mut String, field: &str) {
    out.push('"');
    if field.starts_with(['=', '+', '-', '@']) {
        out.push('\'');
    }
    out.push_str(&field.replace('"', "\"\""));
    out.push('"');
}

/// Headers every response carries unless its handler set them.
const SECURITY_HEADERS: [(header::HeaderName, &str); 4] = [
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
    (header::REFERRER_POLICY, "no-referrer"),
    (header::X_FRAME_OPTIONS, "DENY"),
];

/// Authentication, then the security headers: one middleware, as each layer costs every
/// request a boxed clone (BENCHMARKS.md, issue #19).
async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = authenticate(&state, request, next).await;
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}

/// With a token set, a request carries it as `Authorization: Bearer`, as `?token=` (which
/// also sets a cookie, so the web app's later requests carry it) or in that cookie.
async fn authenticate(state: &AppState, request: Request, next: Next) -> Response {
    let Some(token) = &state.token else {
        return next.run(request).await;
    };
    if request.uri().path() == "/healthz" {
        return next.run(request).await;
    }
    let from_query = request.uri().query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "token")
            .map(|(_, v)| v.into_owned())
    });
    let presented = bearer(request.headers())
        .or_else(|| from_query.clone())
        .or_else(|| cookie(request.headers()));
    if !presented.is_some_and(|p| same(p.as_bytes(), token.as_bytes())) {
        return ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "this server needs its token: send `Authorization: Bearer TOKEN` or open /?token=TOKEN",
        )
        .into_response();
    }
    let mut response = next.run(request).await;
    if from_query.is_some()
        && let Ok(value) = HeaderValue::from_str(&format!(
            "{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
        ))
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(|t| t.trim().to_string())
}

fn cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == TOKEN_COOKIE).then(|| value.to_string())
        })
}

/// Compare without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A search stopped at its deadline is answered like one `blocking` cut off: 503.
    #[test]
    fn a_search_past_its_deadline_is_a_503_timeout() {
        let error = ApiError::from(SearchError::TimedOut);
        assert_eq!(error.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(error.code, "timeout");
        assert!(
            error.message.contains("narrow the query"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_public_address_needs_a_token() {
        let public = ServeOptions {
            bind: "0.0.0.0:8080".parse().unwrap(),
            token: None,
        };
        assert!(matches!(
            check_options(&public),
            Err(ServeError::NeedsToken(_))
        ));
        let with_token = ServeOptions {
            token: Some("s3cret".into()),
            ..public.clone()
        };
        assert!(check_options(&with_token).is_ok());
        let loopback = ServeOptions {
            bind: "127.0.0.1:0".parse().unwrap(),
            token: None,
        };
        assert!(check_options(&loopback).is_ok());
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        let mut out = String::new();
        csv_field(&mut out, "say \"hi\", then");
        assert_eq!(out, "\"say \"\"hi\"\", then\"");
        out.clear();
        csv_field(&mut out, "=HYPERLINK(\"x\")");
        assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\")\"");
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
    }
}
