#!/usr/bin/env python3
"""Crash recovery and commit cadence, measured on the release binary.

    python3 bench/recovery.py kills   [--kills 20] [--seed 1] [--scale 10] [--files 20]
    python3 bench/recovery.py cadence [--runs 5]  [--scale 10]

`kills`: splits the bench corpus of SCALE (bench/make_corpus.py; built by bench/run.sh
into $WORK/xSCALE) into FILES JSON Lines files, builds a clean index, then KILLS times:
starts `newsdex index --commit-every 1` on a fresh index, SIGKILLs it at a seeded random
moment of the clean run's duration, re-runs it to the end (timed: the recovery), and
compares every article (id and stored content, from `search --json`) and the stats with
the clean build. Prints articles lost and duplicated per kill and in total, and the
recovery times.

`cadence`: indexing wall time of the SCALE corpus (one JSON Lines file, and the same split
into FILES files) with --commit-every 60 (the default: no commit inside the run at x10),
5, 2 and 1 s, alternating, RUNS times each; medians and ratios to the default.
"""
import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWSDEX = os.environ.get("NEWSDEX", os.path.join(ROOT, "target/release/newsdex"))
WORK = os.environ.get("WORK", "/tmp/newsdex-bench")


def corpus_files(scale, files):
    """The xSCALE corpus split into FILES JSON Lines files; returns the folder."""
    src = os.path.join(WORK, f"x{scale}", "corpus.jsonl")
    if not os.path.exists(src):
        sys.exit(f"missing {src}: run SCALES={scale} bash bench/run.sh first")
    out = os.path.join(WORK, f"x{scale}-split{files}")
    if not os.path.isdir(out):
        os.makedirs(out)
        lines = open(src, encoding="utf-8").read().splitlines()
        per = -(-len(lines) // files)
        for i in range(files):
            with open(os.path.join(out, f"part-{i:02}.jsonl"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines[i * per:(i + 1) * per]) + "\n")
    return out


def newsdex(index, *args, check=True):
    return subprocess.run([NEWSDEX, "--index", index, "--color", "never", *args],
                          capture_output=True, text=True, check=check)


def snapshot(index):
    out = newsdex(index, "search", "--json", "--limit", "10000000", check=False)
    hits = json.loads(out.stdout)["hits"] if out.stdout else []
    for h in hits:
        h.pop("score", None)
    stats = json.loads(newsdex(index, "stats", "--json", "--limit", "50").stdout)
    for layout in ("index_bytes", "index_path", "segments"):
        stats.pop(layout, None)
    return hits, stats


def index_run(index, corpus, *flags):
    start = time.monotonic()
    newsdex(index, "index", *flags, corpus)
    return time.monotonic() - start


def kills(args):
    corpus = corpus_files(args.scale, args.files)
    work = os.path.join(WORK, "recovery")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    clean = os.path.join(work, "clean")
    clean_time = index_run(clean, corpus, "--commit-every", "1")
    expected_hits, expected_stats = snapshot(clean)
    expected = {h["id"]: json.dumps(h, sort_keys=True) for h in expected_hits}
    print(f"corpus: {corpus} ({args.files} files, {len(expected)} articles); "
          f"clean run {clean_time:.2f} s")
    rng = random.Random(args.seed)
    lost_total = dup_total = differ_total = 0
    recoveries = []
    print("kill  at_s  committed  recovery_s  lost  duplicated  differing  stats")
    for k in range(args.kills):
        index = os.path.join(work, f"ix-{k}")
        moment = clean_time * rng.uniform(0.05, 0.95)
        child = subprocess.Popen([NEWSDEX, "--index", index, "index", "--commit-every", "1",
                                  corpus], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(moment)
        child.send_signal(signal.SIGKILL)
        child.wait()
        committed = len(snapshot(index)[0])
        recovery = index_run(index, corpus, "--commit-every", "1")
        recoveries.append(recovery)
        hits, stats = snapshot(index)
        ids = [h["id"] for h in hits]
        got = {h["id"]: json.dumps(h, sort_keys=True) for h in hits}
        lost = len(set(expected) - set(got))
        duplicated = len(ids) - len(set(ids))
        differing = sum(1 for i, h in got.items() if i in expected and expected[i] != h)
        same_stats = stats == expected_stats
        lost_total += lost
        dup_total += duplicated
        differ_total += differing
        print(f"{k:4}  {moment:4.2f}  {committed:9}  {recovery:10.2f}  {lost:4}  "
              f"{duplicated:10}  {differing:9}  {'same' if same_stats else 'DIFFER'}")
        shutil.rmtree(index)
    print(f"total over {args.kills} kills: lost {lost_total}, duplicated {dup_total}, "
          f"differing {differ_total}; recovery run median {statistics.median(recoveries):.2f} s "
          f"[{min(recoveries):.2f}-{max(recoveries):.2f}] (clean run {clean_time:.2f} s)")


def cadence(args):
    single = os.path.join(WORK, f"x{args.scale}", "corpus.jsonl")
    split = corpus_files(args.scale, args.files)
    work = os.path.join(WORK, "cadence")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    intervals = ["60", "5", "2", "1"]
    for name, corpus in (("one JSONL file", single), (f"{args.files} JSONL files", split)):
        times = {i: [] for i in intervals}
        for _ in range(args.runs):
            for interval in intervals:
                index = os.path.join(work, "ix")
                shutil.rmtree(index, ignore_errors=True)
                times[interval].append(index_run(index, corpus, "--commit-every", interval))
        base = statistics.median(times["60"])
        print(f"x{args.scale}, {name}:")
        for interval in intervals:
            t = times[interval]
            print(f"  --commit-every {interval:>2}: {statistics.median(t):.3f} s "
                  f"[{min(t):.3f}-{max(t):.3f}]  x{statistics.median(t) / base:.3f} of the default")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["kills", "cadence"])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    {"kills": kills, "cadence": cadence}[args.what](args)


if __name__ == "__main__":
    main()
