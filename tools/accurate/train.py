#!/usr/bin/env python3
"""Fine-tune the accurate tier's tagger: all-MiniLM-L6-v2 (6 layers, 384 wide, uncased
WordPiece, Apache-2.0) with a token-classification head for PER/LOC/ORG/MISC (IOB2).

The encoder is uncased, and case is most of what a news NER tagger sees, so each piece also
gets a *case class* of the word it comes from (lower, Title, CAPS, mixed, digits, other,
each also "first word of its sentence" or not). The class rides in BERT's token-type
embedding, widened from 2 rows to CASE_CLASSES rows that start as copies of row 0, so the
model needs nothing beyond a standard BERT at inference (src/entities/accurate.rs).

Training data (same as the fast tier, tools/ner-devsets/train.sh): CoNLL-2003 train, the
training two thirds of wikigold (weight 2) and of the Broad Twitter Corpus (no MISC there:
on BTC an O token only says "not PER/LOC/ORG", so its loss is the probability of O, B-MISC
or I-MISC together). Each document is cut into windows of whole sentences of at most
WINDOW pieces, which is how the Rust side reads an article.

The shipped weights then went on for two epochs over the hand-annotated synthetic worldwide
articles (tools/distill/synthetic/, built by tools/distill/gold.sh) and a random half of
the windows above, at a lower learning rate (--init, --extra, --base-share), and then for
two more with those and 1,120 real worldwide news excerpts as this tier tagged them
(self-training; BENCHMARKS.md, thirty-sixth session).

Usage (from the repository root, after tools/ner-devsets/convert.py):
  python3 tools/accurate/train.py --encoder DIR_WITH_model.safetensors_AND_vocab.txt \
      --data /tmp/ner-devsets/data --out models/accurate [--epochs 3] [--seed 7]
  sh tools/distill/gold.sh > /tmp/distill/synth-gold.conll
  python3 tools/accurate/train.py --init models/accurate --extra /tmp/distill/synth-gold.conll:1 \
      --base-share 0.5 --epochs 2 --lr 3e-5 --seed 7 --out models/accurate
  # then self-training on 1,120 real news excerpts this tier tagged (tools/distill/real/):
  python3 tools/accurate/train.py --init models/accurate --extra /tmp/distill/real.conll:1 \
      --extra /tmp/distill/synth-gold.conll:1 --base-share 0.5 --epochs 2 --lr 3e-5 --seed 8 \
      --out models/accurate
Writes OUT/model.safetensors (f16), OUT/config.json, OUT/vocab.txt; prints dev scores.
"""
import argparse, json, math, os, random, sys, time, unicodedata

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file, save_file

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
LABEL_ID = {l: i for i, l in enumerate(LABELS)}
NOT_PLO = [LABEL_ID[l] for l in ("O", "B-MISC", "I-MISC")]
WINDOW = 128  # pieces per window, without [CLS] and [SEP]
CASE_CLASSES = 12


# ---------------------------------------------------------------- tokenisation
# The same rules as src/entities/accurate.rs (BERT's BasicTokenizer for uncased models, then
# greedy longest-match WordPiece); a word becomes one or more pieces, never fewer.

def is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_split(word):
    """Lower-case, strip accents, split off punctuation; CJK ideographs are their own part."""
    text = unicodedata.normalize("NFD", word.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    parts, cur = [], []
    for ch in text:
        cp = ord(ch)
        if ch.isspace() or cp == 0 or cp == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cf"):
            if cur:
                parts.append("".join(cur)); cur = []
        elif is_punct(ch) or 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF:
            if cur:
                parts.append("".join(cur)); cur = []
            parts.append(ch)
        else:
            cur.append(ch)
    if cur:
        parts.append("".join(cur))
    return parts


class WordPiece:
    def __init__(self, vocab_path):
        with open(vocab_path, encoding="utf-8") as f:
            self.vocab = {line.rstrip("\n"): i for i, line in enumerate(f)}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]
        self.cache = {}

    def pieces(self, word):
        got = self.cache.get(word)
        if got is not None:
            return got
        out = []
        for part in basic_split(word):
            if len(part) > 100:
                out.append(self.unk); continue
            start, ids = 0, []
            while start < len(part):
                end, found = len(part), None
                while start < end:
                    sub = part[start:end] if start == 0 else "##" + part[start:end]
                    if sub in self.vocab:
                        found = self.vocab[sub]; break
                    end -= 1
                if found is None:
                    ids = [self.unk]; break
                ids.append(found); start = end
            out.extend(ids)
        if not out:
            out = [self.unk]
        self.cache[word] = out
        return out


def case_class(word, first):
    """Shape of the original word (before lower-casing): 6 shapes x first-in-sentence."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        shape = 4 if any(c.isdigit() for c in word) else 5
    elif all(c.islower() for c in letters):
        shape = 0
    elif all(c.isupper() for c in letters):
        shape = 2 if len(letters) > 1 else 1
    elif letters[0].isupper() and all(c.islower() for c in letters[1:]):
        shape = 1
    else:
        shape = 3
    return shape * 2 + (1 if first else 0)


# ---------------------------------------------------------------- data

def read_conll(path):
    """Documents as lists of sentences; a sentence is a list of (word, tag)."""
    docs, doc, sent = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if sent: doc.append(sent); sent = []
                if doc: docs.append(doc); doc = []
                continue
            if not line.strip():
                if sent: doc.append(sent); sent = []
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            tag = cols[-1] if len(cols) > 1 else "O"
            sent.append((cols[0], tag))
    if sent: doc.append(sent)
    if doc: docs.append(doc)
    return docs


def load_world_names(path):
    """Given names and surnames per Faker locale, from data/world-names.tsv.gz (one-word names
    only), for the renamed training copies."""
    import gzip
    by_locale = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            kind, name, locales = line.rstrip("\n").split("\t")
            if " " in name:
                continue
            for loc in locales.split(","):
                by_locale.setdefault(loc, {"given": [], "surname": []})[kind].append(name)
    return [(loc, v["given"], v["surname"]) for loc, v in sorted(by_locale.items())
            if v["given"] and v["surname"]]


def renamed(doc, names, rng):
    """A copy of a document whose persons carry names from one other part of the world:
    every PER span gets given names and a surname from one Faker locale, the same new name
    wherever the old one recurs in the document (a lone surname follows its full name), in
    the old name's case (capitals stay capitals). The rest of the text is unchanged, so the
    model learns persons from context and name shape, not from 1996's names."""
    _, given, surnames = names[rng.randrange(len(names))]
    mapping = {}

    def new_word(old, pool):
        key = old.lower()
        if key not in mapping:
            mapping[key] = pool[rng.randrange(len(pool))]
        w = mapping[key]
        return w.upper() if old.isupper() and len(old) > 1 else w

    out = []
    for sent in doc:
        new, i = [], 0
        while i < len(sent):
            w, t = sent[i]
            if t.endswith("-PER") and (t.startswith("B-") or i == 0 or not sent[i - 1][1].endswith("-PER")):
                j = i + 1
                while j < len(sent) and sent[j][1] == "I-PER":
                    j += 1
                span = sent[i:j]
                alpha = [k for k, (x, _) in enumerate(span) if x[:1].isalpha()]
                for k, (x, tag) in enumerate(span):
                    if k in alpha:
                        pool = surnames if k == alpha[-1] else given
                        new.append((new_word(x, pool), tag))
                    else:
                        new.append((x, tag))
                i = j
            else:
                new.append((w, t)); i += 1
        out.append(new)
    return out


def windows(doc, wp):
    """Whole sentences packed into windows of at most WINDOW pieces. A sentence longer than
    that is cut at word boundaries. Yields lists of (pieces, case, tag) per word."""
    out, cur, size = [], [], 0
    for sent in doc:
        words = [(wp.pieces(w)[:16], case_class(w, i == 0), t) for i, (w, t) in enumerate(sent)]
        n = sum(len(p) for p, _, _ in words)
        if size + n > WINDOW and cur:
            out.append(cur); cur, size = [], 0
        for item in words:
            if size + len(item[0]) > WINDOW and cur:
                out.append(cur); cur, size = [], 0
            cur.append(item); size += len(item[0])
    if cur:
        out.append(cur)
    return out


def encode(window, wp, partial):
    """Input ids, case ids, labels on first pieces (-100 elsewhere), partial flags."""
    ids, case, labels = [wp.cls], [0], [-100]
    for pieces, c, tag in window:
        for k, p in enumerate(pieces):
            ids.append(p); case.append(c)
            labels.append(LABEL_ID.get(tag, 0) if k == 0 else -100)
    ids.append(wp.sep); case.append(0); labels.append(-100)
    return ids, case, labels, partial


# ---------------------------------------------------------------- model (plain BERT)

class Bert(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h, self.heads = cfg["hidden_size"], cfg["num_attention_heads"]
        self.word = nn.Embedding(cfg["vocab_size"], h)
        self.pos = nn.Embedding(cfg["max_position_embeddings"], h)
        self.typ = nn.Embedding(cfg["type_vocab_size"], h)
        self.ln = nn.LayerNorm(h, eps=cfg["layer_norm_eps"])
        self.layers = nn.ModuleList()
        for _ in range(cfg["num_hidden_layers"]):
            layer = nn.ModuleDict(dict(
                q=nn.Linear(h, h), k=nn.Linear(h, h), v=nn.Linear(h, h), o=nn.Linear(h, h),
                ln1=nn.LayerNorm(h, eps=cfg["layer_norm_eps"]),
                up=nn.Linear(h, cfg["intermediate_size"]), down=nn.Linear(cfg["intermediate_size"], h),
                ln2=nn.LayerNorm(h, eps=cfg["layer_norm_eps"])))
            self.layers.append(layer)
        self.drop = nn.Dropout(cfg["hidden_dropout_prob"])
        self.head = nn.Linear(h, len(LABELS))

    def forward(self, ids, case, mask):
        b, n = ids.shape
        pos = torch.arange(n, device=ids.device).unsqueeze(0)
        x = self.drop(self.ln(self.word(ids) + self.pos(pos) + self.typ(case)))
        bias = (1.0 - mask[:, None, None, :].float()) * -10000.0
        d = x.shape[-1] // self.heads
        for L in self.layers:
            def split(t):
                return t.view(b, n, self.heads, d).transpose(1, 2)
            q, k, v = split(L["q"](x)), split(L["k"](x)), split(L["v"](x))
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, dim=-1)
            att = self.drop(att)
            ctx = (att @ v).transpose(1, 2).reshape(b, n, -1)
            x = L["ln1"](x + self.drop(L["o"](ctx)))
            x = L["ln2"](x + self.drop(L["down"](F.gelu(L["up"](x)))))
        return self.head(self.drop(x))


# HF BertModel names <-> ours; the Rust side reads the HF names (candle's BertModel layout).
def hf_names(cfg):
    m = {"word.weight": "embeddings.word_embeddings.weight",
         "pos.weight": "embeddings.position_embeddings.weight",
         "typ.weight": "embeddings.token_type_embeddings.weight",
         "ln.weight": "embeddings.LayerNorm.weight", "ln.bias": "embeddings.LayerNorm.bias",
         "head.weight": "classifier.weight", "head.bias": "classifier.bias"}
    sub = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
           "o": "attention.output.dense", "ln1": "attention.output.LayerNorm",
           "up": "intermediate.dense", "down": "output.dense", "ln2": "output.LayerNorm"}
    for i in range(cfg["num_hidden_layers"]):
        for ours, theirs in sub.items():
            for p in ("weight", "bias"):
                m[f"layers.{i}.{ours}.{p}"] = f"encoder.layer.{i}.{theirs}.{p}"
    return m


def load_weights(model, path, cfg, fine_tuned=False):
    """Tensors from the pretrained encoder (the head keeps its initialisation; the case rows
    of the token-type embedding start as copies of segment 0) or, `fine_tuned`, every
    tensor of a model this script wrote (stored in f16; trained on in f32)."""
    src = load_file(path)
    names = hf_names(cfg)
    state = model.state_dict()
    for ours, theirs in names.items():
        if ours.startswith("head.") and not fine_tuned:
            continue
        t = src.get(theirs)
        if t is None:
            sys.exit(f"{path}: no tensor {theirs}")
        if ours == "typ.weight" and not fine_tuned:  # widen: every case class starts as segment 0
            t = t[0:1].repeat(CASE_CLASSES, 1)
        if t.shape != state[ours].shape:
            sys.exit(f"{path}: {theirs} has shape {tuple(t.shape)}, not {tuple(state[ours].shape)}")
        state[ours].copy_(t.float())
    return names


# ---------------------------------------------------------------- training and scoring

def batches(items, size, shuffle, rng):
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    groups = [order[i:i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(groups)
    for g in groups:
        n = max(len(items[i][0]) for i in g)
        ids = torch.zeros(len(g), n, dtype=torch.long)
        case = torch.zeros(len(g), n, dtype=torch.long)
        labels = torch.full((len(g), n), -100, dtype=torch.long)
        mask = torch.zeros(len(g), n, dtype=torch.long)
        partial = torch.zeros(len(g), dtype=torch.bool)
        for r, i in enumerate(g):
            a, c, l, p = items[i]
            ids[r, :len(a)] = torch.tensor(a); case[r, :len(c)] = torch.tensor(c)
            labels[r, :len(l)] = torch.tensor(l); mask[r, :len(a)] = 1; partial[r] = p
        yield g, ids, case, mask, labels, partial


def loss_fn(logits, labels, partial):
    logp = torch.log_softmax(logits.float(), dim=-1)
    keep = labels != -100
    gold = labels.clamp(min=0)
    nll = -logp.gather(-1, gold.unsqueeze(-1)).squeeze(-1)
    # BTC: an O token says only "not PER/LOC/ORG"
    soft = -torch.logsumexp(logp[..., NOT_PLO], dim=-1)
    use_soft = partial[:, None] & (labels == 0)
    per_tok = torch.where(use_soft, soft, nll)
    return (per_tok * keep).sum() / keep.sum().clamp(min=1)


ALLOWED_AFTER = None


def decode(logits_rows):
    """IOB2-valid Viterbi over per-word log-probabilities (I-X only after B-X or I-X)."""
    n = len(LABELS)
    ok = [[True] * n for _ in range(n)]
    for j, l in enumerate(LABELS):
        if l.startswith("I-"):
            for i, p in enumerate(LABELS):
                ok[i][j] = p[2:] == l[2:] and p != "O"
    start_ok = [not l.startswith("I-") for l in LABELS]
    score = [logits_rows[0][j] if start_ok[j] else -1e9 for j in range(n)]
    back = []
    for row in logits_rows[1:]:
        new, bp = [], []
        for j in range(n):
            best, arg = -1e18, 0
            for i in range(n):
                if ok[i][j] and score[i] > best:
                    best, arg = score[i], i
            new.append(best + row[j]); bp.append(arg)
        score = new; back.append(bp)
    j = max(range(n), key=lambda k: score[k])
    path = [j]
    for bp in reversed(back):
        j = bp[j]; path.append(j)
    return [LABELS[k] for k in reversed(path)]


def spans(tags, plo_only):
    out, start, typ = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None and (not plo_only or typ != "MISC"):
                out.add((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return out


def evaluate(model, docs, wp, bsz=32):
    model.eval()
    gold_all, pred_all = [], []
    items, words = [], []
    for doc in docs:
        for w in windows(doc, wp):
            items.append(encode(w, wp, False)); words.append(w)
    preds = [None] * len(items)
    with torch.no_grad():
        for g, ids, case, mask, labels, _ in batches(items, bsz, False, None):
            logp = torch.log_softmax(model(ids, case, mask), dim=-1)
            for r, i in enumerate(g):
                rows = [logp[r, k].tolist() for k in range(labels.shape[1]) if labels[r, k] != -100]
                preds[i] = decode(rows)
    tp = fp = fn = 0
    tp4 = fp4 = fn4 = 0
    for w, p in zip(words, preds):
        g = [t for _, _, t in w]
        g = [("B-" + t[2:]) if t.startswith("I-") and (k == 0 or g[k - 1][2:] != t[2:]) else t
             for k, t in enumerate(g)]
        gs, ps = spans(g, True), spans(p, True)
        tp += len(gs & ps); fp += len(ps - gs); fn += len(gs - ps)
        gs, ps = spans(g, False), spans(p, False)
        tp4 += len(gs & ps); fp4 += len(ps - gs); fn4 += len(gs - ps)
    f = lambda a, b, c: 2 * a / max(1, 2 * a + b + c)
    model.train()
    return f(tp4, fp4, fn4), f(tp, fp, fn)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--encoder", help="the pretrained encoder's folder (model.safetensors, config.json, vocab.txt); not with --init")
    ap.add_argument("--data", default="/tmp/ner-devsets/data")
    ap.add_argument("--out", default="models/accurate")
    ap.add_argument("--epochs", type=float, default=3)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--limit", type=int, default=0, help="train windows (0 = all), for a quick try")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--renamed", type=float, default=0.0,
                    help="add renamed copies (persons given world names) of this share of CoNLL-2003 train's documents")
    ap.add_argument("--names", default="data/world-names.tsv.gz")
    ap.add_argument("--init", help="go on from a fine-tuned model (a folder this script wrote, "
                    "e.g. models/accurate) instead of the bare encoder")
    ap.add_argument("--extra", action="append", default=[], metavar="CONLL:WEIGHT",
                    help="more gold training data (IOB2 CoNLL), each window WEIGHT times")
    ap.add_argument("--base-share", type=float, default=1.0,
                    help="keep this share of the base data's windows (CoNLL-2003, wikigold, BTC), "
                         "so a continued run sees the new data without forgetting the old")
    args = ap.parse_args()
    torch.manual_seed(args.seed); rng = random.Random(args.seed)
    torch.set_num_threads(args.threads)

    start = args.init or args.encoder
    if not start:
        sys.exit("give --encoder DIR (a fresh start) or --init DIR (go on from a fine-tuned model)")
    cfg = json.load(open(os.path.join(start, "config.json")))
    cfg["type_vocab_size"] = CASE_CLASSES
    wp = WordPiece(os.path.join(start, "vocab.txt"))
    D = args.data
    train = []
    sources = [(os.path.join(D, name + ".conll"), weight, partial, args.base_share)
               for name, weight, partial in (("conll2003.train", 1, False),
                                             ("wikigold.train", 2, False), ("btc.train", 1, True))]
    for spec in args.extra:
        path, weight = spec.rsplit(":", 1)
        sources.append((path, int(weight), False, 1.0))
    for path, weight, partial, share in sources:
        docs = read_conll(path)
        name = os.path.basename(path)[:-len(".conll")]
        for doc in docs:
            for w in windows(doc, wp):
                if share < 1.0 and rng.random() >= share:
                    continue
                for _ in range(weight):
                    train.append(encode(w, wp, partial))
        if name == "conll2003.train" and args.renamed > 0:
            names = load_world_names(args.names)
            picked = [d for d in docs if rng.random() < args.renamed]
            for doc in picked:
                for w in windows(renamed(doc, names, rng), wp):
                    train.append(encode(w, wp, partial))
            print(f"{len(picked)} renamed copies of CoNLL-2003 train documents", flush=True)
    rng.shuffle(train)
    if args.limit:
        train = train[:args.limit]
    dev = {n: read_conll(os.path.join(D, n + ".conll"))
           for n in ("conll2003.valid", "wikigold.dev", "btc.g.dev", "btc.all.dev", "wnut17.dev")}
    print(f"{len(train)} training windows, {sum(len(t[0]) for t in train)} pieces", flush=True)

    model = Bert(cfg)
    names = load_weights(model, os.path.join(start, "model.safetensors"), cfg, fine_tuned=bool(args.init))
    decay = [p for n, p in model.named_parameters() if not (n.endswith("bias") or "ln" in n)]
    rest = [p for n, p in model.named_parameters() if n.endswith("bias") or "ln" in n]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01},
                             {"params": rest, "weight_decay": 0.0}], lr=args.lr)
    steps_per_epoch = math.ceil(len(train) / args.batch)
    total = int(steps_per_epoch * args.epochs)
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    step, t0 = 0, time.time()
    model.train()
    while step < total:
        for _, ids, case, mask, labels, partial in batches(train, args.batch, True, rng):
            loss = loss_fn(model(ids, case, mask), labels, partial)
            opt.zero_grad(); loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step(); step += 1
            if step % 100 == 0:
                print(f"step {step}/{total} loss {loss.item():.4f} {time.time() - t0:.0f}s", flush=True)
            if step >= total:
                break
        scores = {n: evaluate(model, d, wp) for n, d in dev.items()}
        print(f"after step {step} ({time.time() - t0:.0f}s): " +
              "  ".join(f"{n} {a * 100:.2f}/{b * 100:.2f}" for n, (a, b) in scores.items()), flush=True)

    os.makedirs(args.out, exist_ok=True)
    state = {names[k]: v.detach().to(torch.float16).contiguous() for k, v in model.state_dict().items()}
    save_file(state, os.path.join(args.out, "model.safetensors"))
    cfg["labels"] = LABELS
    cfg["window"] = WINDOW
    json.dump(cfg, open(os.path.join(args.out, "config.json"), "w"), indent=1)
    # Read before writing: with --init and --out the same folder, opening the output first
    # would truncate the vocabulary being copied.
    with open(os.path.join(start, "vocab.txt"), encoding="utf-8") as f:
        vocab = f.read()
    with open(os.path.join(args.out, "vocab.txt"), "w", encoding="utf-8") as g:
        g.write(vocab)
    print(f"wrote {args.out} in {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()
