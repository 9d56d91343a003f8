//! Train the NER model on CoNLL-2003 and write `models/ner.bin.gz`.
//!
//! Usage: cargo run --release --bin train-ner -- ../shared/ner/conll2003 [--out FILE]
//!        [--unlabelled DIR] [--epochs N] [--folds K]
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
            "--ensemble" => {
                options.ensemble = args.next().context("--ensemble needs a number")?.parse()?
            }
            "--prune" => options.prune = args.next().context("--prune needs a number")?.parse()?,
            other if !other.starts_with('-') => dir = Some(other.into()),
            other => bail!(
                "unknown option {other}; usage: train-ner CONLL_DIR [--out FILE] [--unlabelled DIR] [--epochs N] [--folds K] [--prune X]"
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
        let (files, _, _) = ingest::discover(std::slice::from_ref(dir), Default::default());
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
    let external = if no_external {
        Vec::new()
    } else {
        external_names(&data_dir)?
    };
    eprintln!("{} reference names", external.len());
    let started = Instant::now();
    let model = ner::train(&train, &unlabelled, &external, &options, &mut |line| {
        eprintln!("{line}")
    });
    eprintln!("trained in {:.1}s", started.elapsed().as_secs_f64());
    eprintln!(
        "features: pass one {}, pass two {}; gazetteer {} names, case prior {} words",
        model.first.num_features(),
        model.second.num_features(),
        model.lexicon.len(),
        model.lexicon.case_words()
    );
    println!(
        "validation (valid.txt), pass one only:\n{}",
        model.evaluate_passes(&valid, false).report()
    );
    println!(
        "validation (valid.txt):\n{}",
        model.evaluate(&valid).report()
    );
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
    let bytes = model.to_compressed()?;
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "wrote {} ({:.1} MB)",
        out.display(),
        bytes.len() as f64 / 1e6
    );
    Ok(())
}

/// Place names, person names and nationalities from the reference data in `data/`.
fn external_names(data: &std::path::Path) -> Result<ner::ExternalNames> {
    use newsdex::entities::features::*;
    use std::io::Read;
    let gunzip = |name: &str| -> Result<String> {
        let path = data.join(name);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes.as_slice()).read_to_string(&mut text)?;
        Ok(text)
    };
    let tokens = |name: &str| -> Vec<String> {
        newsdex::entities::tokenize::sentences(name)
            .into_iter()
            .flatten()
            .map(|t| t.text.to_string())
            .collect()
    };
    let mut out = Vec::new();
    for line in gunzip("places.tsv.gz")?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 7 {
            continue;
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
    for line in gunzip("names.tsv.gz")?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.first() {
            Some(&"first") => out.push((vec![cols[1].to_string()], EXT_FIRST_NAME)),
            Some(&"last") => out.push((vec![cols[1].to_string()], EXT_LAST_NAME)),
            _ => {}
        }
    }
    let demonyms =
        std::fs::read_to_string(data.join("demonyms.txt")).context("reading data/demonyms.txt")?;
    for line in demonyms
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        out.push((tokens(line.trim()), EXT_NATIONALITY));
    }
    Ok(out)
}
