#!/usr/bin/env python3
"""Build the 2019 news dev set: CoNLL (token gold-tag, IOB2) from the reference bodies of
../shared/extraction-dev (read at run time, never committed) and the hand annotation in
ann/NN.ann.

    python3 tools/modern-dev/build.py [--shared ../shared] [--out /tmp/modern-dev.conll]
    python3 tools/modern-dev/build.py --manifest manifest-b.tsv --out /tmp/news-b.conll   # news2019.b
    python3 tools/modern-dev/build.py --texts tools/world-dev --out /tmp/world-dev.conll  # world.dev
    python3 tools/modern-dev/build.py --texts tools/world-b --parity even --out /tmp/wb.conll  # world.b.test
    python3 tools/modern-dev/build.py --show ARTICLE.txt   # numbered sentences, for annotators
    newsdex tag --conll --eval /tmp/modern-dev.conll            # fast tier
    newsdex tag --ner accurate --conll --eval /tmp/modern-dev.conll

Each article of manifest.tsv (number, ground-truth key, URL) is cut to its first
paragraphs (until more than 320 words), split into sentences and tokens as below, and the
annotation's mentions (sentence number, the mention's tokens, type) are placed on the first
free match in that sentence, in reading order. With --texts DIR, the articles are DIR/NN.txt
(whole, not cut) annotated in DIR/NN.ann. See README.md.
"""
import argparse, json, os, sys
import re
ABBR = r"(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|Prof|Inc|Corp|Co|Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Calif|Ariz|Mass|Fla|Wash|Va|Pa)\."
TOKEN = re.compile(
    r"(?:" + ABBR + r")(?:-[\w.]+)*"
    r"|\d+(?:[.,:/]\d+)*%?"
    r"|[\w&]+(?:[-'’.][\w&]+)*(?=n['’]t)"
    r"|n['’]t"
    r"|['’](?:s|re|ve|ll|d|m)\b"
    r"|[\w&]+(?:[-'’.][\w&]+)*"
    r"|\S", re.UNICODE)
CLITIC = re.compile(r"^(.+?)(['’](?:s|re|ve|ll|d|m))$", re.I)
def tokens(text):
    out = []
    for t in TOKEN.findall(text):
        m = CLITIC.match(t)
        if m and not re.match(r"^[A-Z]['’]", t):
            out += [m.group(1), m.group(2)]
        else:
            out.append(t)
    return out
def sentences(par):
    # split after . ! ? followed by space and an uppercase letter or quote
    parts = re.split(r'((?:(?<=[.!?])|(?<=[.!?]["”’]))(?<!\.[A-Z]\.)(?<!Mr\.)(?<!Ms\.)(?<!Dr\.)(?<!St\.)\s+(?=["“‘(]?[A-Z0-9]))', par)
    return [p for p in parts if p.strip()]
def article_sentences(text):
    out = []
    for par in re.split(r"\n\s*\n", text):
        par = " ".join(par.split())
        for s in sentences(par):
            t = tokens(s)
            if t: out.append(t)
    return out

def first_paragraphs(body, words=320):
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    text, n = [], 0
    for p in paras:
        if n > words:
            break
        text.append(p)
        n += len(p.split())
    return "\n\n".join(text) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "..", "shared"))
    ap.add_argument("--out", default="/tmp/modern-dev.conll", help="a file, or - for stdout")
    ap.add_argument("--manifest", default="manifest.tsv", help="a file in tools/modern-dev: manifest.tsv (news2019.dev) or manifest-b.tsv (news2019.b)")
    ap.add_argument("--texts", help="a folder of NN.txt articles with NN.ann beside them, instead of the benchmark's bodies")
    ap.add_argument("--show", help="print an article's sentences, numbered, as the annotation counts them")
    ap.add_argument("--parity", choices=["odd", "even"], help="with --texts: only the articles with odd (or even) numbers")
    ap.add_argument("--annotated-only", action="store_true", help="with --texts: skip articles that have no NN.ann yet")
    ap.add_argument("--ann-dir", help="with --texts: the NN.ann files are here, not beside the texts; a manifest.tsv "
                    "here (NN, SHA-256 of NN.txt, url, source) lists the articles and checks each text")
    ap.add_argument("--numbers", help="with --texts: only articles numbered FROM-TO (e.g. 50-99)")
    args = ap.parse_args()
    if args.show:
        for i, s in enumerate(article_sentences(open(args.show, encoding="utf-8").read())):
            print(f"{i + 1}\t{' '.join(s)}")
        return
    if args.texts and args.ann_dir:
        import hashlib
        names = []
        for line in open(os.path.join(args.ann_dir, "manifest.tsv"), encoding="utf-8"):
            nn, digest = line.split("\t")[:2]
            path = os.path.join(args.texts, nn + ".txt")
            if not os.path.exists(path):
                sys.exit(f"{path}: missing (the texts are not in the repository: see {args.ann_dir}/../README.md)")
            if hashlib.sha256(open(path, "rb").read()).hexdigest() != digest:
                sys.exit(f"{path}: not the text that was annotated (SHA-256 differs from manifest.tsv)")
            names.append(nn)
        if args.numbers:
            lo, hi = (int(x) for x in args.numbers.split("-"))
            names = [nn for nn in names if lo <= int(nn) <= hi]
        articles = [(nn, open(os.path.join(args.texts, nn + ".txt"), encoding="utf-8").read(),
                     os.path.join(args.ann_dir, nn + ".ann")) for nn in names]
    elif args.texts:
        names = sorted(f[:-4] for f in os.listdir(args.texts) if f.endswith(".txt"))
        if args.parity:
            names = [nn for nn in names if int(nn) % 2 == (1 if args.parity == "odd" else 0)]
        if args.annotated_only:
            names = [nn for nn in names if os.path.exists(os.path.join(args.texts, nn + ".ann"))]
        articles = [(nn, open(os.path.join(args.texts, nn + ".txt"), encoding="utf-8").read(),
                     os.path.join(args.texts, nn + ".ann")) for nn in names]
    else:
        truth = json.load(open(os.path.join(args.shared, "extraction-dev", "ground-truth.json")))
        articles = []
        for line in open(os.path.join(here, args.manifest)):
            nn, key, _url = line.rstrip("\n").split("\t")
            articles.append((nn, first_paragraphs(truth[key]["articleBody"]), os.path.join(here, "ann", nn + ".ann")))
    out, problems, counts = [], 0, {}
    for nn, text, ann in articles:
        sents = {i + 1: s for i, s in enumerate(article_sentences(text))}
        tags = {n: ["O"] * len(t) for n, t in sents.items()}
        cursor = {n: 0 for n in sents}
        for row in open(ann, encoding="utf-8"):
            parts = row.rstrip("\n").split("\t")
            if len(parts) != 3 or int(parts[0]) not in sents:
                print(f"{nn}: bad line {row!r}", file=sys.stderr); problems += 1; continue
            n, mention, typ = int(parts[0]), parts[1].split(), parts[2].strip()
            toks, k = sents[n], len(mention)
            starts = list(range(cursor[n], len(toks) - k + 1)) + list(range(0, cursor[n]))
            found = next((s for s in starts if toks[s:s + k] == mention
                          and all(t == "O" for t in tags[n][s:s + k])), None)
            if found is None:
                print(f"{nn}: sentence {n}: not found: {parts[1]}", file=sys.stderr); problems += 1; continue
            tags[n][found:found + k] = ["B-" + typ] + ["I-" + typ] * (k - 1)
            cursor[n] = found + k
            counts[typ] = counts.get(typ, 0) + 1
        out.append("-DOCSTART- O\n\n")
        for n in sorted(sents):
            out.extend(f"{t} {g}\n" for t, g in zip(sents[n], tags[n]))
            out.append("\n")
    if args.out == "-":
        sys.stdout.write("".join(out))
    else:
        with open(args.out, "w") as f:
            f.write("".join(out))
    print(f"{args.out}: {sum(counts.values())} mentions {counts}, {problems} problems", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
