#!/usr/bin/env python3
"""Write a CoNLL file the ways other tools cut text, to check `newsdex tag --conll` on each.

The held-out sets are read with `newsdex tag --conll FILE`, and nothing says their documents,
sentences and tokens were cut the CoNLL-2003 way. From one CoNLL file (gold in the last
column) this writes, into OUT_DIR, one file per variant, each keeping the gold of every word:

  orig      the file as it is
  nodoc     no -DOCSTART- lines (the whole file one document)
  nosent    no blank lines inside a document (a document one sentence)
  glued     punctuation left on words, as splitting on spaces does: , . : ; ) ' " and 's
            onto the word before, ( " and $ onto the word after ("Kenya," "(Reuters)")
  poss      only possessives left on words ("Kenya's")
  ptb       Penn Treebank quotes and brackets (`` '' -LRB- -RRB-), as NLTK and CoreNLP write
  hyphens   hyphenated words cut apart ("Ojo - Salihu"), as spaCy does; the gold runs on
            through capitalised parts and stops before lowercase ones ("Lokoja B-LOC - O
            based O")
  gluednosent  glued and nosent together

Usage: python3 tools/ner-devsets/variants.py FILE.conll OUT_DIR   (writes OUT_DIR/VARIANT.conll)
"""
import os
import re
import sys


def read(path):
    """Documents of sentences of (token, gold) rows; a document starts at -DOCSTART-."""
    docs, sent = [[]], []
    for line in open(path, encoding="utf-8"):
        cols = line.split()
        if not cols:
            if sent:
                docs[-1].append(sent)
                sent = []
            continue
        if cols[0] == "-DOCSTART-":
            if sent:
                docs[-1].append(sent)
                sent = []
            docs.append([])
            continue
        sent.append((cols[0], cols[-1] if len(cols) > 1 else "O"))
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def write(path, docs, docstart=True):
    with open(path, "w", encoding="utf-8") as out:
        for doc in docs:
            if docstart:
                out.write("-DOCSTART- O\n\n")
            for sent in doc:
                out.write("".join(f"{t} {g}\n" for t, g in sent) + "\n")


AFTER = {",", ".", ":", ";", "?", "!", ")", "'s", "'", '"', "”", "’s", "%"}
BEFORE = {"(", '"', "“", "$"}


def glue(sent, after=AFTER, before=BEFORE):
    out, pending = [], ""
    for tok, gold in sent:
        if tok in before:
            pending += tok
            continue
        if out and tok in after and not pending:
            out[-1] = (out[-1][0] + tok, out[-1][1])
            continue
        out.append((pending + tok, gold))
        pending = ""
    if pending:
        if out:
            out[-1] = (out[-1][0] + pending, out[-1][1])
        else:
            out.append((pending, "O"))
    return out


def ptb(sent):
    out, opening = [], True
    for tok, gold in sent:
        if tok in ('"', "“", "”"):
            tok = "``" if (tok == "“" or (tok == '"' and opening)) else "''"
            opening = tok == "''"
        tok = {"(": "-LRB-", ")": "-RRB-"}.get(tok, tok)
        out.append((tok, gold))
    return out


HYPHENATED = re.compile(r"^[^\W\d_]+(-[^\W\d_]+)+$")


def cut_hyphens(sent):
    out = []
    for tok, gold in sent:
        if not HYPHENATED.match(tok):
            out.append((tok, gold))
            continue
        parts = re.split(r"(-)", tok)
        alive = gold != "O"
        inside = "I-" + gold[2:] if alive else "O"
        out.append((parts[0], gold))
        for k in range(1, len(parts)):
            word = parts[k + 1] if parts[k] == "-" else parts[k]
            alive = alive and word[:1].isupper()
            out.append((parts[k], inside if alive else "O"))
    return out


def main():
    src, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    docs = read(src)
    per_sentence = lambda f: [[f(s) for s in d] for d in docs]
    one_sentence = lambda d: [[row for s in d for row in s]]
    write(f"{out_dir}/orig.conll", docs)
    write(f"{out_dir}/nodoc.conll", docs, docstart=False)
    write(f"{out_dir}/nosent.conll", [one_sentence(d) for d in docs])
    write(f"{out_dir}/glued.conll", per_sentence(glue))
    write(f"{out_dir}/poss.conll", per_sentence(lambda s: glue(s, {"'s", "’s", "'S"}, set())))
    write(f"{out_dir}/ptb.conll", per_sentence(ptb))
    write(f"{out_dir}/hyphens.conll", per_sentence(cut_hyphens))
    write(f"{out_dir}/gluednosent.conll", [[glue(one_sentence(d)[0])] for d in docs])


if __name__ == "__main__":
    main()
