//! Index: the Tantivy index on disk, its schema, and turning articles into documents.
//!
//! Owns opening/creating the index directory, the schema-version check, the article <->
//! document mapping, and the incremental state (which files are indexed, as what). It must
//! not parse files (that is `ingest`) or rank results (that is `search`). Writing runs live
//! in `writer`.

pub mod analysis;
pub mod canonical;
pub mod lock;
mod merges;
pub mod schema;
pub mod storage;
pub mod writer;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::schema::{OwnedValue, TantivyDocument, Value};
use tantivy::{DateTime, Index, TantivyDocument as Doc};

use crate::article::{Article, Entity, EntityKind};
use crate::entities::fold_key;
pub use schema::{Fields, ID_HASH, SALIENCE_SEPARATOR, SCHEMA_VERSION};

/// The file newsdex keeps beside Tantivy's own in the index directory.
const META_FILE: &str = "newsdex.json";

/// Where the index lives when neither `--index` nor `NEWSDEX_INDEX` says.
pub const DEFAULT_INDEX_DIR: &str = ".newsdex";

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no newsdex index at {0}: run `newsdex index PATH` first, or pass --index DIR")]
    Missing(PathBuf),
    #[error(
        "the index at {path} was built by schema version {found}, this newsdex uses {expected}: rebuild it with `newsdex index --rebuild PATH`"
    )]
    WrongVersion {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error(
        "the index at {0} is damaged or unreadable ({1}): rebuild it with `newsdex index --rebuild PATH`"
    )]
    Corrupt(PathBuf, String),
    #[error(
        "another process{} is writing the index at {path}; wait for it to finish",
        pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
    )]
    Busy { path: PathBuf, pid: Option<u32> },
    #[error("cannot use the index directory {0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// Writing failed for a reason the system named (full disk, read-only, permissions).
    /// `detail` says what is known of space and of what the index still holds.
    #[error("{cause} writing {path}{detail}: {hint}", hint = cause.hint())]
    Storage {
        path: PathBuf,
        cause: storage::StorageCause,
        detail: String,
    },
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl IndexError {
    /// An I/O failure on `path`: a `Storage` error when the system named a cause the user
    /// can act on (full disk, read-only, permissions), else `Io`.
    pub fn from_io(path: &Path, error: std::io::Error) -> IndexError {
        match storage::StorageCause::of_io(&error) {
            Some(cause) => IndexError::Storage {
                path: path.to_path_buf(),
                cause,
                detail: String::new(),
            },
            None => IndexError::Io(path.to_path_buf(), error),
        }
    }

    /// A Tantivy failure while writing under `path`, classified as `from_io` does.
    pub fn from_tantivy(path: &Path, error: tantivy::TantivyError) -> IndexError {
        match storage::StorageCause::of_tantivy(&error) {
            Some(cause) => IndexError::Storage {
                path: path.to_path_buf(),
                cause,
                detail: String::new(),
            },
            None => IndexError::Tantivy(error),
        }
    }

    /// This error with I/O and Tantivy failures met while writing under `dir` classified
    /// (`from_io`, `from_tantivy`); other errors as they are.
    pub fn classified(self, dir: &Path) -> IndexError {
        match self {
            IndexError::Tantivy(e) => IndexError::from_tantivy(dir, e),
            IndexError::Io(path, e) => IndexError::from_io(&path, e),
            other => other,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    schema_version: u32,
}

/// An open newsdex index.
pub struct NewsIndex {
    pub dir: PathBuf,
    pub index: Index,
    pub fields: Fields,
}

impl NewsIndex {
    /// Open an existing index, checking its schema version.
    pub fn open(dir: &Path) -> Result<NewsIndex, IndexError> {
        let meta_path = dir.join(META_FILE);
        let meta_text = match std::fs::read_to_string(&meta_path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(IndexError::Missing(dir.to_path_buf()));
            }
            Err(e) => return Err(IndexError::Io(dir.to_path_buf(), e)),
        };
        let meta: Meta = serde_json::from_str(&meta_text)
            .map_err(|e| IndexError::Corrupt(dir.to_path_buf(), format!("{META_FILE}: {e}")))?;
        if meta.schema_version != SCHEMA_VERSION {
            return Err(IndexError::WrongVersion {
                path: dir.to_path_buf(),
                found: meta.schema_version,
                expected: SCHEMA_VERSION,
            });
        }
        let directory = tantivy::directory::MmapDirectory::open(dir)
            .map_err(|e| IndexError::Corrupt(dir.to_path_buf(), e.to_string()))?;
        let index = Index::open(storage::ReadOnlyTolerant(directory))
            .map_err(|e| IndexError::Corrupt(dir.to_path_buf(), e.to_string()))?;
        // The same terms as Tantivy's own `en_stem`, remembered per search thread.
        index
            .tokenizers()
            .register(analysis::EN_STEM, analysis::en_stem_for_search());
        let (_, fields) = schema::build();
        Ok(NewsIndex {
            dir: dir.to_path_buf(),
            index,
            fields,
        })
    }

    /// Open the index, creating it when absent; with `rebuild`, delete what was there.
    pub fn open_or_create(dir: &Path, rebuild: bool) -> Result<NewsIndex, IndexError> {
        let exists = dir.join(META_FILE).exists();
        if exists && !rebuild {
            return NewsIndex::open(dir);
        }
        let io = |e| IndexError::from_io(dir, e);
        if rebuild && dir.exists() {
            // Only remove a directory that is a newsdex index (or empty): never a user's folder.
            let is_ours = exists
                || std::fs::read_dir(dir)
                    .map(|mut d| d.next().is_none())
                    .unwrap_or(false)
                || dir.join("meta.json").exists();
            if !is_ours {
                return Err(IndexError::Io(
                    dir.to_path_buf(),
                    std::io::Error::other("not a newsdex index; refusing to delete it"),
                ));
            }
            // Nor one that a live writer is using.
            if let lock::Holder::Running { pid } = lock::holder(&dir.join(lock::WRITER_LOCK_FILE)) {
                return Err(IndexError::Busy {
                    path: dir.to_path_buf(),
                    pid: Some(pid),
                });
            }
            std::fs::remove_dir_all(dir).map_err(io)?;
        }
        if dir.exists() && std::fs::read_dir(dir).map_err(io)?.next().is_some() {
            return Err(IndexError::Io(
                dir.to_path_buf(),
                std::io::Error::other(
                    "directory exists, is not empty and is not a newsdex index; choose another --index",
                ),
            ));
        }
        // Built beside `dir` and renamed into place: a run killed while creating the index
        // leaves no half-made one, and of two runs creating it at once one wins and the
        // other opens the winner's.
        let staging = staging_dir(dir);
        remove_stale_staging_dirs(dir);
        let _ = std::fs::remove_dir_all(&staging);
        std::fs::create_dir_all(&staging).map_err(io)?;
        let created = create_in(&staging);
        let renamed = created.and_then(|()| std::fs::rename(&staging, dir).map_err(io));
        if let Err(e) = renamed {
            let _ = std::fs::remove_dir_all(&staging);
            if !dir.join(META_FILE).exists() {
                return Err(e);
            }
        }
        NewsIndex::open(dir)
    }

    /// Size of the index on disk in bytes.
    pub fn size_on_disk(&self) -> u64 {
        walkdir::WalkDir::new(&self.dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum()
    }
}

/// Where a new index is built before it is renamed to `dir`: a hidden sibling named after
/// this process.
fn staging_dir(dir: &Path) -> PathBuf {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    dir.with_file_name(format!(".{name}.creating-{}", std::process::id()))
}

/// Remove staging folders that runs killed while creating this index left beside it (their
/// process is gone). Linux only, where `/proc` says which processes exist.
fn remove_stale_staging_dirs(dir: &Path) {
    if !cfg!(target_os = "linux") {
        return;
    }
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}.creating-");
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Create an empty newsdex index in the folder `dir` (which exists and is empty).
fn create_in(dir: &Path) -> Result<(), IndexError> {
    let (schema, _) = schema::build();
    // lz4 in 16 KB blocks (Tantivy's defaults): every search reads its ten hits from
    // the store, and zstd in 64 KB blocks made that half of a query's time (x10: p50
    // 0.90 ms with zstd, 0.50 ms with lz4; index 0.91x -> 1.20x of the input).
    let settings = tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Lz4,
        docstore_blocksize: 16 * 1024,
        ..Default::default()
    };
    Index::builder()
        .schema(schema)
        .settings(settings)
        .create_in_dir(dir)
        .map_err(|e| IndexError::from_tantivy(dir, e))?;
    let meta = serde_json::to_string(&Meta {
        schema_version: SCHEMA_VERSION,
    })
    .expect("serialising a struct of one integer cannot fail");
    storage::atomic_write(&dir.join(META_FILE), meta.as_bytes())
        .map_err(|e| IndexError::from_io(dir, e))
}

/// What the index holds for one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileState {
    pub fingerprint: u64,
    pub hash: u64,
}

/// The cheap change check: size and modification time mixed into one number.
pub fn fingerprint(size: u64, mtime_ns: u64) -> u64 {
    xxhash_rust::xxh3::xxh3_64(&[size.to_le_bytes(), mtime_ns.to_le_bytes()].concat())
}

/// Read which files the index holds, from fast fields (no stored-document reads).
pub fn indexed_files(
    searcher: &tantivy::Searcher,
) -> Result<HashMap<String, FileState>, IndexError> {
    let mut files = HashMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str("path")? else {
            continue;
        };
        let fps = fast.u64("file_fingerprint")?;
        let hashes = fast.u64("file_hash")?;
        // One state per path ordinal (all documents of a file share it), then one pass
        // over the path dictionary in order: no per-document dictionary lookups.
        let mut by_ord: Vec<Option<FileState>> = vec![None; paths.num_terms()];
        for doc in segment.doc_ids_alive() {
            if let Some(ord) = paths.term_ords(doc).next()
                && let Some(slot) = by_ord.get_mut(ord as usize)
            {
                *slot = Some(FileState {
                    fingerprint: fps.first(doc).unwrap_or(0),
                    hash: hashes.first(doc).unwrap_or(0),
                });
            }
        }
        let corrupt = |e: std::io::Error| IndexError::Corrupt(PathBuf::new(), e.to_string());
        let mut terms = paths.dictionary().stream().map_err(corrupt)?;
        while terms.advance() {
            if let Some(Some(state)) = by_ord.get(terms.term_ord() as usize) {
                files.insert(String::from_utf8_lossy(terms.key()).into_owned(), *state);
            }
        }
    }
    Ok(files)
}

/// How many articles each tagger tier tagged.
pub fn tier_counts(
    searcher: &tantivy::Searcher,
    fields: &Fields,
) -> Result<Vec<(crate::entities::Tier, u64)>, IndexError> {
    let mut out = Vec::new();
    for tier in crate::entities::Tier::ALL {
        let term = tantivy::Term::from_field_text(fields.tagger, tier.name());
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        out.push((
            tier,
            searcher.search(&query, &tantivy::collector::Count)? as u64,
        ));
    }
    Ok(out)
}

/// Stored entity counts, as kept in the `entity_counts` field.
#[derive(Debug, Default, Serialize, Deserialize)]
struct EntityCounts {
    persons: Vec<Entity>,
    places: Vec<Entity>,
    orgs: Vec<Entity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dateline_place: Option<Entity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    countries: Vec<Entity>,
}

/// The tie order of an article among hits with the same score or date (see `search`).
pub fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// Build the Tantivy document for an article from the given source file state.
pub fn to_document(fields: &Fields, article: &Article, state: FileState) -> Doc {
    let mut doc = Doc::default();
    doc.add_text(fields.id, &article.id);
    doc.add_u64(fields.id_hash, id_hash(&article.id));
    doc.add_text(fields.path, &article.path);
    doc.add_text(fields.headline, &article.headline);
    for author in &article.byline {
        doc.add_text(fields.byline, author);
        doc.add_text(fields.byline_key, fold_key(author));
        doc.add_text(fields.byline_name, author);
    }
    for caption in &article.captions {
        doc.add_text(fields.caption, caption);
    }
    doc.add_text(fields.body, &article.body);
    if let Some(dateline) = &article.dateline {
        doc.add_text(fields.dateline, dateline);
    }
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    if let Some((instant, offset)) = article
        .date
        .as_deref()
        .and_then(crate::ingest::date::parse_with_offset)
    {
        // The wall clock, so day filters use the day the source printed (schema.rs).
        doc.add_date(fields.date, DateTime::from_timestamp_secs(instant + offset));
        doc.add_i64(fields.date_offset, offset);
    }
    for kind in EntityKind::ALL {
        let (words, names) = entity_fields(fields, kind);
        let salience = salience_field(fields, kind);
        for entity in article.entities(kind) {
            doc.add_text(words, fold_key(&entity.name));
            for short in &entity.short_forms {
                doc.add_text(words, fold_key(short));
            }
            doc.add_text(names, &entity.name);
            if entity.cued {
                doc.add_text(
                    fields.cued_name,
                    format!("{}{SALIENCE_SEPARATOR}{}", kind.field_name(), entity.name),
                );
            }
            doc.add_text(
                salience,
                format!("{}{SALIENCE_SEPARATOR}{}", entity.name, entity.salience),
            );
        }
    }
    for place in &article.places {
        if let Some(country) = &place.country {
            doc.add_text(fields.place_country, fold_key(country));
        }
        if let Some(region) = &place.region {
            doc.add_text(fields.place_region, fold_key(region));
        }
    }
    for path in place_paths(article) {
        doc.add_text(fields.place_path, path);
    }
    // What the article is about, whatever the type.
    for kind in EntityKind::ALL {
        for entity in article.entities(kind) {
            if entity.salience >= crate::entities::salience::CENTRAL {
                doc.add_text(fields.about, fold_key(&entity.name));
                if let Some(country) = entity.country.as_ref().filter(|c| **c != entity.name) {
                    doc.add_text(fields.about, fold_key(country));
                }
            }
        }
    }
    // Countries named by adjectives or organisation names count for `--place COUNTRY` like a place in them.
    for country in &article.countries {
        doc.add_text(fields.place_country, fold_key(&country.name));
        // A region linked this way ("Wales" for its team) counts for its country too.
        if let Some(parent) = country.country.as_ref().filter(|c| **c != country.name) {
            doc.add_text(fields.place_country, fold_key(parent));
        }
    }
    // `--dateline` matches the dateline's place, its region and its country, or any part
    // of a dateline the gazetteer does not know.
    if let Some(place) = &article.dateline_place {
        for name in [
            Some(&place.name),
            place.region.as_ref(),
            place.country.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            doc.add_text(fields.dateline_place, fold_key(name));
        }
    }
    if let Some(dateline) = &article.dateline {
        for part in dateline.split(',') {
            doc.add_text(fields.dateline_place, fold_key(part));
        }
    }
    let dateline_name = article
        .dateline_place
        .as_ref()
        .map(|p| p.name.as_str())
        .or(article.dateline.as_deref())
        .map(str::trim)
        .filter(|d| !d.is_empty());
    if let Some(name) = dateline_name {
        doc.add_text(fields.dateline_name, name);
    }
    let counts = EntityCounts {
        persons: article.persons.clone(),
        places: article.places.clone(),
        orgs: article.orgs.clone(),
        dateline_place: article.dateline_place.clone(),
        countries: article.countries.clone(),
    };
    doc.add_text(
        fields.entity_counts,
        serde_json::to_string(&counts).expect("entity lists always serialise"),
    );
    if let Some(tier) = article.tagger {
        doc.add_text(fields.tagger, tier.name());
    }
    doc.add_u64(fields.file_fingerprint, state.fingerprint);
    doc.add_u64(fields.file_hash, state.hash);
    doc
}

/// The article's nodes in the place tree (country, country › region, country › region ›
/// place), each once: every resolved place and every country an adjective names.
pub fn place_paths(article: &Article) -> Vec<String> {
    let sep = schema::PLACE_PATH_SEPARATOR.to_string();
    let mut paths: Vec<String> = Vec::new();
    let mut add = |path: String| {
        if !paths.contains(&path) {
            paths.push(path);
        }
    };
    for place in &article.places {
        let Some(country) = &place.country else {
            continue;
        };
        add(country.clone());
        let mut at = country.clone();
        if let Some(region) = place.region.as_ref().filter(|r| *r != country) {
            at = format!("{at}{sep}{region}");
            add(at.clone());
        }
        if place.name != *country && Some(&place.name) != place.region.as_ref() {
            add(format!("{at}{sep}{}", place.name));
        }
    }
    for country in &article.countries {
        match country.country.as_ref().filter(|c| **c != country.name) {
            Some(parent) => {
                add(parent.clone());
                add(format!("{parent}{sep}{}", country.name));
            }
            None => add(country.name.clone()),
        }
    }
    paths
}

/// The (word-matching, display-name) field pair of an entity kind.
pub fn entity_fields(
    fields: &Fields,
    kind: EntityKind,
) -> (tantivy::schema::Field, tantivy::schema::Field) {
    match kind {
        EntityKind::Person => (fields.person, fields.person_name),
        EntityKind::Place => (fields.place, fields.place_name),
        EntityKind::Org => (fields.org, fields.org_name),
    }
}

/// The fast field holding each entity's name with its salience, for `kind`.
pub fn salience_field(fields: &Fields, kind: EntityKind) -> tantivy::schema::Field {
    match kind {
        EntityKind::Person => fields.person_salience,
        EntityKind::Place => fields.place_salience,
        EntityKind::Org => fields.org_salience,
    }
}

fn first_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn all_texts(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

/// An entity's name and mention count, all a search hit reads of it.
#[derive(Deserialize)]
struct NameCount {
    name: String,
    count: u32,
}

/// The stored entity lists, names and counts only (the rest of `EntityCounts` is skipped
/// unread).
#[derive(Deserialize)]
struct EntityNames {
    #[serde(default)]
    persons: Vec<NameCount>,
    #[serde(default)]
    places: Vec<NameCount>,
    #[serde(default)]
    orgs: Vec<NameCount>,
}

/// What a search hit shows of a stored document: `from_document` without the body and
/// captions (read them from `doc`; copying them cost served searches, see BENCHMARKS.md,
/// issue #19) and with only the names and counts of the entities.
pub fn hit_article(fields: &Fields, doc: &TantivyDocument) -> Article {
    let names: Option<EntityNames> = doc
        .get_first(fields.entity_counts)
        .and_then(|v| v.as_str())
        .and_then(|s| serde_json::from_str(s).ok());
    let entities = |list: Vec<NameCount>| {
        list.into_iter()
            .map(|e| Entity {
                name: e.name,
                count: e.count,
                ..Entity::default()
            })
            .collect()
    };
    let (persons, places, orgs) = names
        .map(|n| (entities(n.persons), entities(n.places), entities(n.orgs)))
        .unwrap_or_default();
    Article {
        persons,
        places,
        orgs,
        ..short_fields(fields, doc)
    }
}

/// The article's short fields (what a hit shows of it), the rest left empty.
fn short_fields(fields: &Fields, doc: &TantivyDocument) -> Article {
    Article {
        id: first_text(doc, fields.id).unwrap_or_default(),
        path: first_text(doc, fields.path).unwrap_or_default(),
        headline: first_text(doc, fields.headline).unwrap_or_default(),
        byline: all_texts(doc, fields.byline),
        date: stored_date(fields, doc),
        dateline: first_text(doc, fields.dateline),
        ..Article::default()
    }
}

/// The stored date as RFC 3339 at the offset the source wrote it with.
fn stored_date(fields: &Fields, doc: &TantivyDocument) -> Option<String> {
    let offset = doc
        .get_first(fields.date_offset)
        .and_then(|v| match OwnedValue::from(v) {
            OwnedValue::I64(offset) => Some(offset),
            _ => None,
        })
        .unwrap_or(0);
    doc.get_first(fields.date)
        .and_then(|v| match OwnedValue::from(v) {
            OwnedValue::Date(wall_clock) => Some(crate::ingest::date::format_with_offset(
                wall_clock.into_timestamp_secs() - offset,
                offset,
            )),
            _ => None,
        })
}

/// Rebuild the article from a stored document.
pub fn from_document(fields: &Fields, doc: &TantivyDocument) -> Article {
    let counts: EntityCounts = doc
        .get_first(fields.entity_counts)
        .and_then(|v| v.as_str())
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    Article {
        url: first_text(doc, fields.url),
        captions: all_texts(doc, fields.caption),
        body: first_text(doc, fields.body).unwrap_or_default(),
        persons: counts.persons,
        places: counts.places,
        orgs: counts.orgs,
        dateline_place: counts.dateline_place,
        countries: counts.countries,
        tagger: first_text(doc, fields.tagger).and_then(|t| crate::entities::Tier::from_name(&t)),
        ..short_fields(fields, doc)
    }
}
