"""Distributed extraction: `newsdex extract` over many files on a Dask cluster.

Owns planning (which files go in which batch), running batches on the cluster, and writing
each batch's articles as one JSON Lines shard. It must not parse articles itself: every
article comes from the `newsdex extract` binary, so shards hold exactly what a local run
prints (entities, canonical places, salience).

Guarantees, for one output directory:
- every input file belongs to exactly one batch, recorded in `plan.json` on the first run;
  later runs reuse that plan (new files become new batches), so no article is written twice;
- a shard appears only complete (written to a temporary name, then renamed), so a killed
  worker or driver leaves no partial shard;
- a batch whose worker dies is run again elsewhere by the scheduler; a run that stops part
  way resumes with the batches that have no shard yet.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time

# What `newsdex index` reads (newsdex's ingest::format_from_name), with or without .gz.
EXTENSIONS = (".txt", ".text", ".md", ".json", ".jsonl", ".ndjson", ".html", ".htm")


def find_files(paths):
    """Every article file under `paths` (files or folders), sorted, hidden ones skipped."""
    found = []
    for path in paths:
        if os.path.isfile(path):
            found.append(os.path.abspath(path))
            continue
        if not os.path.isdir(path):
            raise SystemExit(f"newsdex-scale: {path}: no such file or folder")
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                bare = name[:-3] if name.endswith(".gz") else name
                if not name.startswith(".") and bare.lower().endswith(EXTENSIONS):
                    found.append(os.path.abspath(os.path.join(root, name)))
    return sorted(set(found))


def plan(out_dir, files, batch_size):
    """Batches ({"id", "files"}) for `files`: those of `plan.json` when the directory has
    one, plus new batches for files it does not list. Saved back to `plan.json`."""
    path = os.path.join(out_dir, "plan.json")
    batches = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            batches = json.load(f)["batches"]
    planned = {name for batch in batches for name in batch["files"]}
    new = [name for name in files if name not in planned]
    for start in range(0, len(new), batch_size):
        chunk = new[start : start + batch_size]
        digest = hashlib.sha1("\n".join(chunk).encode()).hexdigest()[:12]
        batches.append({"id": f"{len(batches):05d}-{digest}", "files": chunk})
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"batches": batches}, f, indent=1)
    os.replace(tmp, path)
    return batches


def shard_path(out_dir, batch):
    return os.path.join(out_dir, f"shard-{batch['id']}.jsonl")


def run_batch(batch, out_dir, newsdex, ner):
    """Extract one batch on a worker: its shard path, articles written and failed files."""
    target = shard_path(out_dir, batch)
    tmp = f"{target}.{os.getpid()}.tmp"
    failed = []
    articles = 0
    with open(tmp, "w", encoding="utf-8") as out:
        for name in batch["files"]:
            done = subprocess.run(
                [newsdex, "extract", "--ner", ner, name],
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                failed.append({"file": name, "error": done.stderr.strip()[-500:]})
                continue
            for line in done.stdout.splitlines():
                if line.strip():
                    out.write(line + "\n")
                    articles += 1
    os.replace(tmp, target)
    return {"shard": target, "articles": articles, "failed": failed}


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="newsdex-scale",
        description="Run `newsdex extract` over many files on a Dask cluster; write JSON Lines shards.",
    )
    parser.add_argument("paths", nargs="+", help="files or folders of articles")
    parser.add_argument("--out", required=True, help="directory for plan.json and the shards")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://HOST:PORT)")
    where.add_argument("--local", type=int, metavar="N", help="start a local cluster of N workers")
    parser.add_argument("--batch-size", type=int, default=200, help="files per batch (default 200)")
    parser.add_argument("--newsdex", default="newsdex", help="the newsdex binary on the workers")
    parser.add_argument("--ner", choices=["fast", "accurate"], default="fast")
    parser.add_argument(
        "--sphinx",
        metavar="DIR",
        help="then load every shard into the Sphinx/Manticore cluster `newsdex-scale-sphinx config` wrote in DIR",
    )
    args = parser.parse_args(argv)

    from dask.distributed import Client, LocalCluster, as_completed

    os.makedirs(args.out, exist_ok=True)
    # Leftovers of batches a killed worker or driver did not finish.
    for name in os.listdir(args.out):
        if name.startswith("shard-") and name.endswith(".tmp"):
            os.remove(os.path.join(args.out, name))
    files = find_files(args.paths)
    batches = plan(args.out, files, args.batch_size)
    pending = [b for b in batches if not os.path.exists(shard_path(args.out, b))]
    print(
        f"newsdex-scale: {len(files)} files in {len(batches)} batches; {len(pending)} to run",
        file=sys.stderr,
    )
    if args.local:
        cluster = LocalCluster(n_workers=args.local, threads_per_worker=1, processes=True)
        client = Client(cluster)
    else:
        cluster = None
        client = Client(args.scheduler)
    started = time.time()
    articles = 0
    failed = []
    try:
        futures = [
            client.submit(run_batch, b, args.out, args.newsdex, args.ner, key=f"batch-{b['id']}", pure=False)
            for b in pending
        ]
        for future in as_completed(futures):
            result = future.result()
            articles += result["articles"]
            failed.extend(result["failed"])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    for f in failed:
        print(f"newsdex-scale: {f['file']}: {f['error']}", file=sys.stderr)
    print(
        f"newsdex-scale: {len(pending)} batches, {articles} articles, {len(failed)} failed files "
        f"in {time.time() - started:.1f} s",
        file=sys.stderr,
    )
    if args.sphinx:
        from . import sphinx

        shards = sorted(shard_path(args.out, b) for b in batches)
        started = time.time()
        loaded = sphinx.load(args.sphinx, shards, args.newsdex)
        print(
            f"newsdex-scale: loaded {loaded} articles into the cluster in {args.sphinx} "
            f"in {time.time() - started:.1f} s",
            file=sys.stderr,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
