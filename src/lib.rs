//! newsdex: offline search for news archives.
//!
//! Data flows one way, and the modules follow it:
//! files → [`ingest`] (find, decode, parse into [`article::Article`]) → [`entities`] (tag,
//! normalise, link) → [`index`] (schema, writer, incremental state); a query → [`search`]
//! (parse, filter, rank, snippet, count) → [`output`] (terminal, JSON). [`cli`] wires flags
//! to these and stays free of logic.

pub mod article;
pub mod cli;
pub mod entities;
pub mod index;
pub mod ingest;
pub mod output;
pub mod search;
