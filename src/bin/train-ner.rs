//! Train the NER model on CoNLL-2003 and write `models/ner.bin.gz`.
//!
//! Usage: cargo run --release --bin train-ner -- ../shared/ner/conll2003 [--out FILE]
//!        [--unlabelled DIR] [--epochs N] [--folds K]
//!        [--extra FILE[:WEIGHT][:nomisc]]... [--dev FILE]...
//!        [--title-case F] [--upper-case F] [--lower-case F] [--tickers F] [--org-rename F] [--seed N]
//! `--model FILE` scores that model instead of training (and writes nothing).
//! `--extra` trains on another CoNLL-style file as well (WEIGHT: times each document is
//! used; `nomisc`: the file does not annotate MISC); `--dev` scores the model on a file
//! (PER+LOC+ORG and per type) after training. tools/ner-devsets/train.sh gives the files.
//! Reads `train.txt` (training) and `valid.txt` (scored after training), prints progress and
//! the validation scores, and writes the compressed model that `newsdex` embeds.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use newsdex::entities::conll;
use newsdex::entities::ner::{self, TrainOptions};
use newsdex::ingest;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let mut out = PathBuf::from("models/ner.bin.gz");
    let mut options = TrainOptions::default();
    let mut unlabelled_dir: Option<PathBuf> = None;
    let mut data_dir = PathBuf::from("data");
    let mut no_external = false;
    let mut no_clusters = false;
    let mut extra: Vec<ner::ExtraCorpus> = Vec::new();
    let mut dev: Vec<PathBuf> = Vec::new();
    let mut load: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().context("--out needs a file")?.into(),
            "--epochs" => {
                options.epochs = args.next().context("--epochs needs a number")?.parse()?
            }
            "--folds" => options.folds = args.next().context("--folds needs a number")?.parse()?,
            "--unlabelled" => {
                unlabelled_dir = Some(args.next().context("--unlabelled needs a folder")?.into())
            }
            "--data" => data_dir = args.next().context("--data needs a folder")?.into(),
            "--no-external" => no_external = true,
            "--no-clusters" => no_clusters = true,
            "--extra" => extra.push(extra_corpus(
                &args
                    .next()
                    .context("--extra needs FILE[:WEIGHT][:nomisc]")?,
            )?),
            "--model" => load = Some(args.next().context("--model needs a file")?.into()),
            "--dev" => dev.push(args.next().context("--dev needs a file")?.into()),
            "--title-case" => {
                options.title_case = args
                    .next()
                    .context("--title-case needs a fraction")?
                    .parse()?
            }
            "--seed" => options.seed = args.next().context("--seed needs a number")?.parse()?,
            "--augment" => {
                options.augment = args.next().context("--augment needs a fraction")?.parse()?
            }
            "--ensemble" => {
                options.ensemble = args.next().context("--ensemble needs a number")?.parse()?
            }
            "--prune" => options.prune = args.next().context("--prune needs a number")?.parse()?,
            "--lower-case" => {
                options.lower_case = args
                    .next()
                    .context("--lower-case needs a fraction")?
                    .parse()?
            }
            "--upper-case" => {
                options.upper_case = args
                    .next()
                    .context("--upper-case needs a fraction")?
                    .parse()?
            }
            "--org-rename" => {
                options.org_rename = args
                    .next()
                    .context("--org-rename needs a fraction")?
                    .parse()?
            }
            "--tickers" => {
                options.tickers = args.next().context("--tickers needs a fraction")?.parse()?
            }
            other if !other.starts_with('-') => dir = Some(other.into()),
            other => bail!(
                "unknown option {other}; usage: train-ner CONLL_DIR [--out FILE] [--unlabelled DIR] [--epochs N] [--folds K] [--prune X] [--extra FILE[:W][:nomisc]] [--dev FILE] [--title-case F] [--upper-case F] [--lower-case F] [--tickers F] [--seed N]"
            ),
        }
    }
    let dir =
        dir.context("usage: train-ner CONLL_DIR (the folder with train.txt and valid.txt)")?;
    let read = |name: &str| -> Result<Vec<conll::Document>> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        Ok(conll::read(&text))
    };
    let train = read("train.txt")?;
    let valid = read("valid.txt")?;
    eprintln!(
        "{} training documents, {} validation documents; {:?}",
        train.len(),
        valid.len(),
        options
    );
    let mut unlabelled = Vec::new();
    if let Some(dir) = &unlabelled_dir {
        let (files, _, _) = ingest::discover(std::slice::from_ref(dir), Default::default(), &[]);
        for file in files {
            if let Ok(parsed) = ingest::read_file(&file.path, Default::default()) {
                unlabelled.extend(
                    parsed
                        .articles
                        .into_iter()
                        .map(|a| format!("{}\n{}", a.headline, a.body)),
                );
            }
        }
        eprintln!(
            "{} unlabelled articles for the case prior",
            unlabelled.len()
        );
    }
    let mut references = ner::References::default();
    if !no_external {
        (references.names, references.pools) = external_names(&data_dir)?;
    }
    if !no_clusters {
        references.clusters = word_clusters(&data_dir)?;
    }
    eprintln!(
        "{} reference names, {} words with clusters",
        references.names.len(),
        references.clusters.len()
    );
    let started = Instant::now();
    let model = match &load {
        // Score a model written before instead of training one.
        Some(path) => ner::NerModel::from_compressed(
            &std::fs::read(path).with_context(|| format!("reading {}", path.display()))?,
        )?,
        None => ner::train(
            &train,
            &extra,
            &unlabelled,
            &references,
            &options,
            &mut |line| eprintln!("{line}"),
        ),
    };
    eprintln!("trained in {:.1}s", started.elapsed().as_secs_f64());
    eprintln!(
        "features: pass one {}, pass two {}; gazetteer {} names, case prior {} words",
        model.first.num_features(),
        model.second.num_features(),
        model.lexicon().len(),
        model.lexicon().case_words()
    );
    println!(
        "validation (valid.txt), pass one only:\n{}",
        model.evaluate_passes(&valid, false).report()
    );
    println!(
        "validation (valid.txt):\n{}",
        model.evaluate(&valid).report()
    );
    // Robustness: people renamed to invented names no list or training text contains, and
    // every sentence in Title Case (as in headlines).
    let invented = invented_names();
    let renamed: Vec<conll::Document> = valid
        .iter()
        .enumerate()
        .map(|(i, d)| ner::renamed_copy(d, &invented, &["PER"], i as u64 + 1))
        .collect();
    println!(
        "validation, people renamed to invented names:\n{}",
        model.evaluate(&renamed).report()
    );
    if std::env::var("NEWSDEX_NER_SWEEP").is_ok() {
        for threshold in [0.0f32, 5.0, 10.0, 15.0, 20.0, 30.0, 50.0] {
            let s = model.evaluate_confident(&valid, threshold);
            println!(
                "confidence >= {threshold}: P {:.2} R {:.2} F1 {:.2}",
                100.0 * s.overall.precision(),
                100.0 * s.overall.recall(),
                100.0 * s.overall.f1()
            );
        }
    }
    let titled: Vec<conll::Document> = valid.iter().map(title_case).collect();
    println!(
        "validation, Title Case:\n{}",
        model.evaluate(&titled).report()
    );
    for (label, recase) in [
        ("ALL CAPS", str::to_uppercase as fn(&str) -> String),
        ("lower case", str::to_lowercase),
    ] {
        let recased: Vec<conll::Document> = valid.iter().map(|d| recased(d, recase)).collect();
        println!(
            "validation, {label}:\n{}",
            model.evaluate(&recased).report()
        );
    }
    for path in &dev {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let score = model.evaluate(&conll::read(&text));
        let plo = score.micro(&["PER", "LOC", "ORG"]);
        let f = |kind: &str| score.by_type.get(kind).map_or(0.0, |c| 100.0 * c.f1());
        println!(
            "dev {:<28} PER+LOC+ORG P {:5.2} R {:5.2} F1 {:5.2} | PER {:5.2} LOC {:5.2} ORG {:5.2} (R {:5.2}) MISC {:5.2}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            100.0 * plo.precision(),
            100.0 * plo.recall(),
            100.0 * plo.f1(),
            f("PER"),
            f("LOC"),
            f("ORG"),
            score.by_type.get("ORG").map_or(0.0, |c| 100.0 * c.recall()),
            f("MISC"),
        );
    }
    if let Ok(path) = std::env::var("NEWSDEX_NER_ERRORS") {
        // Diagnostics: write every wrongly tagged validation sentence to PATH.
        let mut report = String::new();
        for doc in &valid {
            let owned: Vec<Vec<&str>> = doc
                .sentences
                .iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect();
            for (s, p) in doc.sentences.iter().zip(model.tag_document(&owned)) {
                let p = newsdex::entities::perceptron::decode_iob2(&p);
                if p.iter().zip(&s.tags).any(|(a, b)| a != b) {
                    for ((tok, g), p) in s.tokens.iter().zip(&s.tags).zip(&p) {
                        let mark = if g != p { "  <<<" } else { "" };
                        report.push_str(&format!("{tok} {g} {p}{mark}\n"));
                    }
                    report.push('\n');
                }
            }
        }
        std::fs::write(path, report)?;
    }
    if load.is_some() {
        return Ok(());
    }
    let bytes = model.to_compressed()?;
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "wrote {} ({:.1} MB)",
        out.display(),
        bytes.len() as f64 / 1e6
    );
    Ok(())
}

/// The text of a gzipped reference file in `data/`.
fn read_gzipped(path: &std::path::Path) -> Result<String> {
    use std::io::Read;
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_string(&mut text)
        .with_context(|| format!("decompressing {}", path.display()))?;
    Ok(text)
}

/// `data/word-clusters.tsv.gz` (tools/clusters/build.py): word, then three cluster ids.
fn word_clusters(data: &std::path::Path) -> Result<ner::WordClusters> {
    let path = data.join("word-clusters.tsv.gz");
    let text = read_gzipped(&path)?;
    let mut out = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let id = |i: usize| -> Result<u16> {
            cols.get(i).and_then(|c| c.parse().ok()).with_context(|| {
                format!(
                    "{}:{}: expected word and three cluster ids",
                    path.display(),
                    n + 1
                )
            })
        };
        out.push((cols[0].to_string(), [id(1)?, id(2)?, id(3)?]));
    }
    Ok(out)
}

/// `FILE[:WEIGHT][:nomisc]` of `--extra`.
fn extra_corpus(spec: &str) -> Result<ner::ExtraCorpus> {
    let mut parts = spec.split(':');
    let path = parts.next().unwrap_or_default();
    let mut corpus = ner::ExtraCorpus {
        weight: 1.0,
        ..Default::default()
    };
    for part in parts {
        if part == "nomisc" {
            corpus.no_misc = true;
        } else {
            corpus.weight = part.parse().with_context(|| {
                format!("--extra {spec}: {part} is neither a weight nor nomisc")
            })?;
        }
    }
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    corpus.docs = conll::read(&text);
    eprintln!(
        "{path}: {} documents, weight {}",
        corpus.docs.len(),
        corpus.weight
    );
    Ok(corpus)
}

/// Place names, person names and nationalities from the reference data in `data/`.
fn external_names(data: &std::path::Path) -> Result<(ner::ExternalNames, ner::NamePools)> {
    use newsdex::entities::features::*;
    let gunzip = |name: &str| read_gzipped(&data.join(name));
    let tokens = |name: &str| -> Vec<String> {
        newsdex::entities::tokenize::sentences(name)
            .into_iter()
            .flatten()
            .map(|t| t.text.to_string())
            .collect()
    };
    let mut out = Vec::new();
    let mut places = Vec::new();
    for line in gunzip("places.tsv.gz")?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 7 {
            continue;
        }
        if cols[1] == "city"
            && !cols[2].contains(' ')
            && cols[5].parse::<u64>().unwrap_or(0) > 100_000
        {
            places.push(cols[2].to_string());
        }
        let bits = match cols[1] {
            "country" => EXT_COUNTRY,
            "region" => EXT_REGION,
            "continent" => EXT_CONTINENT,
            _ => EXT_CITY,
        };
        out.push((tokens(cols[2]), bits));
        for alias in cols[6].split('|').filter(|a| !a.is_empty()) {
            out.push((tokens(alias), bits));
        }
    }
    let mut pools = ner::NamePools {
        places,
        ..Default::default()
    };
    for line in gunzip("names.tsv.gz")?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.first() {
            Some(&"first") => {
                out.push((vec![cols[1].to_string()], EXT_FIRST_NAME));
                pools.given.push(cols[1].to_string());
            }
            Some(&"last") => {
                out.push((vec![cols[1].to_string()], EXT_LAST_NAME));
                if pools.surnames.len() < 5000 {
                    pools.surnames.push(cols[1].to_string());
                }
            }
            _ => {}
        }
    }
    let world = std::fs::read_to_string(data.join("world-names.txt"))
        .context("reading data/world-names.txt")?;
    for line in world.lines().filter(|l| !l.starts_with('#')) {
        match line.split_once(' ') {
            Some(("given", name)) => {
                out.push((vec![name.to_string()], EXT_FIRST_NAME));
                // World names are rarer in the census pools: weight them up.
                pools.given.extend(std::iter::repeat_n(name.to_string(), 8));
            }
            Some(("surname", name)) => {
                out.push((tokens(name), EXT_LAST_NAME));
                pools
                    .surnames
                    .extend(std::iter::repeat_n(name.to_string(), 8));
            }
            _ => {}
        }
    }
    // Faker's names from Africa, Asia and Latin America (tools/world_names.py): reference
    // names, and drawn as often as the census's in renamed training copies.
    for line in gunzip("world-names.tsv.gz")?.lines() {
        match line.split('\t').collect::<Vec<_>>()[..] {
            ["given", name, _] => {
                out.push((tokens(name), EXT_FIRST_NAME));
                pools.given.push(name.to_string());
            }
            ["surname", name, _] => {
                out.push((tokens(name), EXT_LAST_NAME));
                pools.surnames.push(name.to_string());
            }
            _ => {}
        }
    }
    // Today's organisations, drawn by `--org-rename` copies: listed companies' short names
    // and the hand-written list of parties, armed groups and clubs ("*": also an English
    // word, a mark the list needs and a drawn name does not).
    for file in ["listed-companies.txt", "known-organisations.txt"] {
        let text = std::fs::read_to_string(data.join(file))
            .with_context(|| format!("reading data/{file}"))?;
        pools.orgs.extend(
            text.lines()
                .map(|l| l.trim().trim_end_matches('*').trim())
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(tokens),
        );
    }
    let demonyms =
        std::fs::read_to_string(data.join("demonyms.txt")).context("reading data/demonyms.txt")?;
    for line in demonyms
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        out.push((tokens(line.trim()), EXT_NATIONALITY));
    }
    Ok((out, pools))
}

/// Pronounceable names that appear in no list: "Taluveni Morask".
fn invented_names() -> ner::NamePools {
    let onsets = [
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "kr", "st",
        "tr",
    ];
    let vowels = ["a", "e", "i", "o", "u", "ai", "ou"];
    let codas = ["", "", "n", "r", "sk", "l", "th"];
    let mut state = 0x9E37_79B9u64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut word = |syllables: usize| {
        let mut w = String::new();
        for _ in 0..syllables {
            w.push_str(onsets[next(onsets.len())]);
            w.push_str(vowels[next(vowels.len())]);
        }
        w.push_str(codas[next(codas.len())]);
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    ner::NamePools {
        given: (0..2000).map(|i| word(2 + i % 2)).collect(),
        surnames: (0..2000).map(|i| word(2 + i % 3)).collect(),
        ..Default::default()
    }
}

/// The document with every word recased (in capitals, in lower case).
fn recased(doc: &conll::Document, recase: fn(&str) -> String) -> conll::Document {
    let mut doc = doc.clone();
    for s in &mut doc.sentences {
        for t in &mut s.tokens {
            *t = recase(t);
        }
    }
    doc
}

/// The document with every sentence in headline Title Case.
fn title_case(doc: &conll::Document) -> conll::Document {
    let mut out = doc.clone();
    for s in &mut out.sentences {
        ner::title_case(&mut s.tokens);
    }
    out
}
