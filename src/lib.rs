//! newsdex: offline search for news archives.
//!
//! Data flows one way, and the modules follow it:
//! files → [`ingest`] (find, decode, parse into [`article::Article`]) → [`entities`] (tag,
//! normalise, link) → [`index`] (schema, writer, incremental state); a query → [`search`]
//! (parse, filter, rank, snippet, count) → [`output`] (terminal, JSON) or [`serve`] (HTTP).
//! [`engine::Engine`] is the open index both the CLI and the server search through (one
//! reader, aliases cached); [`search::SearchRequest`] and [`search::SearchResponse`] are
//! the one request and response type of `search --json` and `/api/v1/search`. [`cli`] wires
//! flags to these and stays free of logic.

pub mod article;
pub mod cli;
pub mod engine;
pub mod entities;
pub mod export;
pub mod index;
pub mod ingest;
pub mod output;
pub mod search;
pub mod serve;
