#!/usr/bin/env python3
"""Scale-out benchmark (issue #20): distributed extraction, loading and remote search,
against the local binary on the same articles and machine.

    target/scale-venv/bin/python bench/scale.py [--newsdex target/release/newsdex]
        [--corpus /tmp/newsdex-bench/x10/corpus.jsonl] [--chunks 100] [--batch-size 10] [--runs 3]

Splits the corpus into `--chunks` JSON Lines files (newsdex-scale plans batches of files),
then, `--runs` times each, alternating: `newsdex index --threads 1` and `--threads 2`
(extraction and indexing), `newsdex-scale --local 1` and `--local 2` (extraction only, one
core per worker). Then it loads the 2-worker shards into a 2-shard Sphinx cluster on
loopback (`newsdex canonical` included), times `newsdex export` of the local index (MB/s,
peak RSS), and runs the 20 searches of bench/serve-queries.lua through `newsdex search`
on the local index and with `--remote` on the cluster, 5 rounds, for p50/p99 of each.
Prints a Markdown table of medians.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scale"))

from newsdex_scale import check  # noqa: E402  (the cluster helpers)


def searches():
    """The 20 searches of bench/serve-queries.lua as `newsdex search` arguments."""
    text = open(os.path.join(ROOT, "bench", "serve-queries.lua"), encoding="utf-8").read()
    block = text[text.index("local searches = {"):]
    out = []
    for entry in re.findall(r"\{ (q = [^}]*)\}", block)[:20]:
        fields = dict(re.findall(r'(\w+) = "([^"]*)"', entry))
        args = [fields.pop("q")]
        for key, value in fields.items():
            args += [f"--{key}", value]
        out.append(args)
    return out


def timed(cmd, env=None):
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return elapsed, done


def split(corpus, directory, chunks):
    lines = open(corpus, encoding="utf-8").read().splitlines()
    os.makedirs(directory, exist_ok=True)
    per = -(-len(lines) // chunks)
    for i in range(0, len(lines), per):
        with open(os.path.join(directory, f"part-{i // per:04d}.jsonl"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines[i : i + per]) + "\n")
    return len(lines)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--newsdex", default=os.path.join(ROOT, "target/release/newsdex"))
    parser.add_argument("--corpus", default="/tmp/newsdex-bench/x10/corpus.jsonl")
    parser.add_argument("--chunks", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=10, help="files per newsdex-scale batch")
    args = parser.parse_args()
    newsdex = os.path.abspath(args.newsdex)
    work = tempfile.mkdtemp(prefix="newsdex-scale-bench-")
    env = {**os.environ, "PYTHONPATH": os.path.join(ROOT, "scale")}
    rows = []
    cluster = None
    try:
        chunks = os.path.join(work, "chunks")
        articles = split(args.corpus, chunks, args.chunks)
        mb = os.path.getsize(args.corpus) / 1e6
        print(f"bench: {articles} articles, {mb:.0f} MB in {args.chunks} files", file=sys.stderr)
        times = {}
        index = os.path.join(work, "index")
        for run in range(args.runs):
            for name, cmd in [
                ("newsdex index --threads 1", [newsdex, "--index", index, "index", "--rebuild", "--threads", "1", chunks]),
                ("newsdex index --threads 2", [newsdex, "--index", index, "index", "--rebuild", "--threads", "2", chunks]),
                ("newsdex-scale --local 1", None),
                ("newsdex-scale --local 2", None),
            ]:
                if cmd is None:
                    out = os.path.join(work, f"shards-{name[-1]}")
                    shutil.rmtree(out, ignore_errors=True)
                    cmd = [sys.executable, "-m", "newsdex_scale.extract", "--local", name[-1],
                           "--batch-size", str(args.batch_size), "--out", out, "--newsdex", newsdex, chunks]
                elapsed, _ = timed(cmd, env)
                times.setdefault(name, []).append(elapsed)
                print(f"bench: {name}: {elapsed:.1f} s", file=sys.stderr)
        for name, values in times.items():
            median = statistics.median(values)
            rows.append((name, f"{median:.1f} s", f"{articles / median:,.0f} articles/s",
                         ", ".join(f"{v:.1f}" for v in values)))

        cluster = check.Cluster(os.path.join(work, "cluster"), newsdex)
        cluster.start_all()
        shards = os.path.join(work, "shards-2")
        files = sorted(os.path.join(shards, n) for n in os.listdir(shards) if n.endswith(".jsonl"))
        elapsed, _ = timed([sys.executable, "-m", "newsdex_scale.sphinx", "load", "--dir",
                            cluster.directory, "--newsdex", newsdex, *files], env)
        rows.append(("load into 2 shards (canonical pass included)", f"{elapsed:.1f} s",
                     f"{articles / elapsed:,.0f} articles/s", ""))

        elapsed, done = timed(["/usr/bin/time", "-f", "%M", newsdex, "--index", index, "export"])
        exported = len(done.stdout.encode())
        peak_kb = int(done.stderr.strip().splitlines()[-1])
        rows.append(("newsdex export (x10 index)", f"{elapsed:.2f} s",
                     f"{exported / 1e6 / elapsed:.0f} MB/s of JSON Lines, peak RSS {peak_kb / 1024:.0f} MB", ""))

        latencies = {"local": [], "remote": []}
        took = {"local": [], "remote": []}
        for _ in range(5):
            for query in searches():
                for where in ("local", "remote"):
                    cmd = [newsdex, "--index", index, "search", "--json", *query]
                    if where == "remote":
                        cmd += ["--remote", cluster.url]
                    elapsed, done = timed(cmd)
                    latencies[where].append(elapsed * 1000)
                    if done.stdout.strip():
                        took[where].append(json.loads(done.stdout)["took_ms"])
        for where in ("local", "remote"):
            lat, t = latencies[where], took[where]
            rows.append((f"search {where}, 20 searches x 5 (process wall)",
                         f"p50 {percentile(lat, 50):.1f} ms", f"p99 {percentile(lat, 99):.1f} ms",
                         f"in-process took_ms p50 {percentile(t, 50):.1f}, p99 {percentile(t, 99):.1f}"))
    finally:
        if cluster is not None:
            cluster.stop_all()
        shutil.rmtree(work, ignore_errors=True)
    print("| step | median | rate | runs |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
