#!/usr/bin/env python3
"""Convert the NER sets in ../shared/ner to 2-column CoNLL-2003 style (token TAG, IOB2,
types PER/LOC/ORG/MISC, blank line between sentences, `-DOCSTART- O` between documents).

Usage: python3 convert.py [--src ../shared/ner] [--out /tmp/ner-devsets/data]
                          [--tweet-docs | --no-tweet-docs] [--keep-at-split]

Outputs (in --out):
  conll2003.valid.conll  conll2003.train.conll   (as is, 2 columns; already IOB1->IOB2-safe)
  wikigold.conll                                 (IOB1 -> IOB2, -DOCSTART- kept)
  btc.{a,b,e,f,g,h}.conll  btc.all.conll         (IOB2; "@ handle" rejoined, see below)
  wnut17.{train,dev,test}.conll                  (types mapped, see WNUT_MAP)
  *.nodocs.conll for tweets (one document per file) when --also-nodocs
  Training/dev partitions for training on the out-of-domain sets (train-ner --extra/--dev):
  the LAST third of wikigold's documents and of each BTC section's tweets is dev, the rest
  train (contiguous blocks, not every third item, so a dev tweet's story is rarely in train):
  wikigold.{train,dev}.conll  btc.train.conll  btc.{g,all}.dev.conll  (WNUT-17 has its own)

Choices:
  * Tweets (BTC, WNUT-17) carry no -DOCSTART-; newsdex then treats the whole file as ONE
    document and its second pass shares label votes across unrelated tweets. By default
    each tweet becomes its own document (-DOCSTART- before each).
  * BTC's CoNLL release splits mentions into "@" + "handle" and gives BOTH the handle's tag
    with B- (e.g. "@ B-ORG / 4corners B-ORG"), i.e. two entities per mention. We rejoin them
    into one token "@4corners B-ORG" (each mention its own entity, B-); --keep-at-split
    instead keeps two tokens tagged B-X I-X.
  * Whitespace inside a token (BTC h: "ke s") is replaced by "_"; tokens that are empty
    or whitespace (BTC f/h) are dropped (all are tagged O); trailing spaces stripped.
"""
import argparse, os, re, sys

WNUT_MAP = {"person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG",
            "product": "MISC", "creative-work": "MISC"}
CONLL_TYPES = {"PER", "LOC", "ORG", "MISC"}


def read_conll(path):
    """Yield documents: list of sentences; sentence = list of (token, tag).
    Splits on TAB if the line has one (BTC/WNUT), else on whitespace (CoNLL/wikigold)."""
    docs, doc, sent = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if line.strip() == "":
                if sent:
                    doc.append(sent); sent = []
                continue
            if line.startswith("-DOCSTART-"):
                if sent:
                    doc.append(sent); sent = []
                if doc:
                    docs.append(doc)
                doc = []
                continue
            if "\t" in line:
                parts = line.split("\t")
                tok, tag = parts[0], parts[-1].strip()
            else:
                parts = line.split()
                tok, tag = parts[0], parts[-1]
            sent.append((tok, tag))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def to_iob2(tags):
    out = list(tags)
    for i, t in enumerate(out):
        if t.startswith("I-"):
            prev = out[i - 1] if i else "O"
            if prev[2:] != t[2:] or prev == "O":
                out[i] = "B-" + t[2:]
    return out


def clean_tokens(sent, stats):
    out = []
    for tok, tag in sent:
        t = tok.strip()
        if t == "":
            stats["dropped_empty_tokens"] += 1
            if tag != "O":
                stats["dropped_empty_tagged"] += 1
            continue
        if re.search(r"\s", t):
            t = re.sub(r"\s+", "_", t); stats["internal_space_tokens"] += 1
        out.append((t, tag))
    return out


def join_at(sent, keep_split, stats):
    out, i = [], 0
    while i < len(sent):
        tok, tag = sent[i]
        if tok == "@" and i + 1 < len(sent) and sent[i + 1][0] not in ("@",):
            ntok, ntag = sent[i + 1]
            kind = (ntag[2:] if ntag != "O" else (tag[2:] if tag != "O" else None))
            stats["at_mentions"] += 1
            if kind:
                stats["at_mentions_tagged"] += 1
            if keep_split:
                out += [("@", "B-" + kind if kind else "O"), (ntok, "I-" + kind if kind else "O")]
            else:
                out.append(("@" + ntok, "B-" + kind if kind else "O"))
            i += 2
            continue
        out.append((tok, tag)); i += 1
    return out


def write(path, docs, docstarts):
    with open(path, "w", encoding="utf-8") as f:
        for doc in docs:
            if docstarts:
                f.write("-DOCSTART- O\n\n")
            for sent in doc:
                for tok, tag in sent:
                    f.write(f"{tok} {tag}\n")
                f.write("\n")


def check_and_count(docs):
    sents = sum(len(d) for d in docs)
    toks = sum(len(s) for d in docs for s in d)
    ents = {}
    for d in docs:
        for s in d:
            for tok, tag in s:
                if tag.startswith("B-"):
                    ents[tag[2:]] = ents.get(tag[2:], 0) + 1
                assert tag == "O" or tag[:2] in ("B-", "I-"), tag
                assert tag == "O" or tag[2:] in CONLL_TYPES, tag
    return dict(docs=len(docs), sents=sents, toks=toks, ents=sum(ents.values()), by_type=ents)


def normalise(docs, mapper=None):
    out = []
    for d in docs:
        nd = []
        for s in d:
            tags = [t for _, t in s]
            if mapper:
                tags = [t if t == "O" else t[:2] + mapper[t[2:]] for t in tags]
            tags = to_iob2(tags)
            nd.append([(tok, tg) for (tok, _), tg in zip(s, tags)])
        out.append(nd)
    return out


def tweets_as_docs(docs, per_tweet):
    sents = [s for d in docs for s in d]
    return [[s] for s in sents] if per_tweet else [sents]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default="../shared/ner")
    ap.add_argument("--out", default="/tmp/ner-devsets/data")
    ap.add_argument("--keep-at-split", action="store_true")
    ap.add_argument("--also-nodocs", action="store_true",
                    help="also write tweet files as one document (no -DOCSTART-)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    report = []

    def emit(name, docs, docstarts=True):
        write(os.path.join(a.out, name), docs, docstarts)
        report.append((name, check_and_count(docs)))

    # CoNLL-2003: already CoNLL types; 4 columns -> 2; IOB2 (normalised anyway).
    for split in ("valid", "train"):
        emit(f"conll2003.{split}.conll",
             normalise(read_conll(f"{a.src}/conll2003/{split}.txt")))
    # wikigold: IOB1 (only I- tags), CoNLL types, -DOCSTART- separated.
    wiki = normalise(read_conll(f"{a.src}/wikigold/wikigold.conll"))
    emit("wikigold.conll", wiki)
    emit("wikigold.train.conll", wiki[:len(wiki) - len(wiki) // 3])
    emit("wikigold.dev.conll", wiki[len(wiki) - len(wiki) // 3:])
    # BTC: per-section files, TAB separated, IOB2, PER/LOC/ORG.
    btc_all, btc_train, btc_dev = [], [], []
    for sec in "abefgh":
        stats = {k: 0 for k in ("dropped_empty_tokens", "dropped_empty_tagged",
                                "internal_space_tokens", "at_mentions", "at_mentions_tagged")}
        docs = read_conll(f"{a.src}/btc/{sec}.conll")
        docs = [[join_at(clean_tokens(s, stats), a.keep_at_split, stats) for s in d] for d in docs]
        docs = [[s for s in d if s] for d in docs]
        docs = normalise(docs)
        print(f"btc.{sec}: {stats}", file=sys.stderr)
        tweets = tweets_as_docs(docs, True)
        btc_all += tweets
        cut = len(tweets) - len(tweets) // 3
        btc_train += tweets[:cut]
        btc_dev += tweets[cut:]
        emit(f"btc.{sec}.conll", tweets)
        if sec == "g":
            emit("btc.g.dev.conll", tweets[cut:])
        if a.also_nodocs:
            emit(f"btc.{sec}.nodocs.conll", tweets_as_docs(docs, False), docstarts=False)
    emit("btc.all.conll", btc_all)
    emit("btc.train.conll", btc_train)
    emit("btc.all.dev.conll", btc_dev)
    # WNUT-17: TAB separated, IOB2, six lowercase types mapped to CoNLL types.
    for split in ("train", "dev", "test"):
        p = f"{a.src}/wnut17/{split}.conll"
        if not os.path.exists(p):
            continue
        stats = {k: 0 for k in ("dropped_empty_tokens", "dropped_empty_tagged",
                                "internal_space_tokens")}
        docs = read_conll(p)
        docs = [[clean_tokens(s, stats) for s in d] for d in docs]
        docs = normalise(docs, WNUT_MAP)
        emit(f"wnut17.{split}.conll", tweets_as_docs(docs, True))
        if a.also_nodocs:
            emit(f"wnut17.{split}.nodocs.conll", tweets_as_docs(docs, False), docstarts=False)
    for name, c in report:
        print(f"{name:28s} docs={c['docs']:5d} sents={c['sents']:6d} toks={c['toks']:7d} "
              f"ents={c['ents']:6d} {dict(sorted(c['by_type'].items()))}")


if __name__ == "__main__":
    main()
