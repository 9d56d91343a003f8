//! Prepares the data the binary embeds, so no run spends its start-up on it:
//! - `data/places.tsv.gz` compiled into the gazetteer table (`src/entities/place_table.rs`
//!   has the layout and the reasons);
//! - `models/ner.bin.gz` inflated (the model's own format, read by `NerModel::from_raw`).

use std::io::Read;

#[path = "src/entities/fold.rs"]
mod fold;
#[path = "src/entities/place_table.rs"]
mod place_table;

// `place_table` reaches the name folding as `super::fold_key`, as it does in the library.
use fold::fold_key;

fn main() {
    for input in [
        "data/places.tsv.gz",
        "models/ner.bin.gz",
        "src/entities/fold.rs",
        "src/entities/place_table.rs",
    ] {
        println!("cargo::rerun-if-changed={input}");
    }
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open("data/places.tsv.gz").expect(
        "data/places.tsv.gz is part of the source tree (rebuild it with tools/build_data.py)",
    ))
    .read_to_string(&mut text)
    .expect("data/places.tsv.gz is gzip'd UTF-8 text (written by tools/build_data.py)");
    let out = std::path::PathBuf::from(
        std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"),
    );
    std::fs::write(out.join("places.bin"), place_table::build(&text))
        .expect("the build directory is writable");

    let mut model = Vec::new();
    flate2::read::DeflateDecoder::new(
        std::fs::File::open("models/ner.bin.gz")
            .expect("models/ner.bin.gz is part of the source tree (written by train-ner)"),
    )
    .read_to_end(&mut model)
    .expect("models/ner.bin.gz is deflated (written by train-ner)");
    std::fs::write(out.join("ner.bin"), model).expect("the build directory is writable");
}
