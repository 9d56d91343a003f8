"""The scale-out check (issue #20, point 4), on loopback: a local index and a sharded
Sphinx cluster loaded through Dask must give the same answers, and survive faults.

    python -m newsdex_scale.check --newsdex target/debug/newsdex [--articles 3000]

Steps: copy `sample-corpus/` and generate a wire corpus beside it (`corpus.py`); index
it locally with `newsdex index`; write and start two shard daemons and a distributed one
(`sphinx.py`); extract the corpus with `newsdex-scale` on a local Dask cluster of two
workers, one of which is killed during the run, and load the shards into the cluster;
then compare the local and remote `newsdex search --json` of the queries and filter
combinations below (same article ids, same totals, same facet counts), kill a shard
daemon (the remote search must name it, say the results are partial and exit 3),
restart it (full results again). Ends with one line:

    parity: 20/20 queries, 10/10 filters, facets equal; faults: ok

and exit status 0, or prints every difference and exits 1. It owns no search logic: it
drives the `newsdex` binary and the scale package as a user would.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

from . import corpus

# Query texts in newsdex's syntax: words, phrases, OR, exclusions, field prefixes. Each
# matches fewer than 1,000 articles of the check's corpus, so whole result sets compare.
QUERIES = [
    "tariffs",
    '"gas pipeline"',
    "vaccine OR malaria",
    "floods -Kenya",
    "headline:inflation",
    "ceasefire artillery",
    "person:Ruto",
    "org:Bank",
    "semiconductors Nairobi",
    '"mobile money"',
    "coalition ballots",
    "cyclone",
    "Petrobras",
    "debt relief",
    "heatwave OR emissions",
    "peacekeepers -Nigeria",
    "Shoigu",
    "broadband",
    "clinics hospital",
    "refinery Lagos",
]

# Filter combinations (each run with --facets, so the facet counts compare too).
FILTERS = [
    ["--person", "William Ruto"],
    ["--person", "Modi"],
    ["--place", "Kenya"],
    ["--place", "Nigeria", "--since", "2023-01-01"],
    ["--org", "World Bank"],
    ["--org", "IMF", "--until", "2023-06-30"],
    ["--place", "Indonesia", "--exclude-person", "Joko Widodo"],
    ["--person", "Antonio Guterres", "--place", "Ethiopia"],
    ["--byline", "Grace Mwangi", "--sort", "date"],
    ["tariffs", "--exclude-org", "World Trade Organization", "--since", "2022-06-01", "--until", "2024-06-30"],
]


def free_base_port(count):
    """A port with the `count` after it free on loopback."""
    for attempt in range(200):
        base = 20000 + (os.getpid() * 7 + attempt * 97) % 40000
        ok = True
        for port in range(base, base + count):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", port))
                except OSError:
                    ok = False
                    break
        if ok:
            return base
    raise SystemExit("check: no free loopback ports")


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


class Cluster:
    """Two shard daemons and a distributed daemon from `sphinx.write_configs`."""

    def __init__(self, directory, newsdex):
        from . import sphinx

        self.directory = directory
        self.base = free_base_port(6)
        sphinx.write_configs(directory, 2, self.base, "news", newsdex)
        self.configs = [os.path.join(directory, f"{n}.conf") for n in ("shard-0", "shard-1", "dist")]
        self.url = f"sphinx://127.0.0.1:{self.base + 4}/news"

    def start(self, config):
        done = run(["searchd", "-c", config])
        if done.returncode != 0:
            raise SystemExit(f"check: searchd -c {config} failed:\n{done.stdout}{done.stderr}")

    def start_all(self):
        for config in self.configs:
            self.start(config)

    def kill(self, name):
        """SIGKILL one daemon, as a crashed machine would stop."""
        with open(os.path.join(self.directory, f"{name}.pid"), encoding="utf-8") as f:
            pid = int(f.read().strip())
        os.kill(pid, signal.SIGKILL)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        raise SystemExit(f"check: {name} (pid {pid}) did not die")

    def stop_all(self):
        for config in self.configs:
            run(["searchd", "-c", config, "--stopwait"])


def search(newsdex, index, args, remote=None):
    cmd = [newsdex, "--index", index, "search", "--json", "--limit", "1000", *args]
    if remote:
        cmd += ["--remote", remote]
    done = run(cmd)
    try:
        result = json.loads(done.stdout) if done.stdout.strip() else None
    except json.JSONDecodeError:
        result = None
    return done.returncode, result, done.stderr.strip()


def ids(result):
    return sorted(hit["id"] for hit in result["hits"])


def compare(newsdex, index, remote, args, facets, problems):
    """Whether the local and remote answers to `args` hold the same articles (and facets)."""
    args = [*args, "--facets"] if facets else args
    _, here, err_here = search(newsdex, index, args)
    code, there, err_there = search(newsdex, index, args, remote)
    label = " ".join(args)
    if here is None or there is None:
        problems.append(f"{label}: local {err_here!r}, remote exit {code} {err_there!r}")
        return False
    if here["total"] > 1000:
        problems.append(f"{label}: {here['total']} matches, more than one page can compare")
        return False
    same = True
    if ids(here) != ids(there) or here["total"] != there["total"]:
        only_here = sorted(set(ids(here)) - set(ids(there)))[:5]
        only_there = sorted(set(ids(there)) - set(ids(here)))[:5]
        problems.append(
            f"{label}: local {here['total']} vs remote {there['total']}; "
            f"only local {only_here}, only remote {only_there}"
        )
        same = False
    if facets and here.get("facets") != there.get("facets"):
        for kind in sorted(set(here.get("facets", {})) | set(there.get("facets", {}))):
            a, b = here.get("facets", {}).get(kind), there.get("facets", {}).get(kind)
            if a != b:
                problems.append(f"{label}: {kind} facet local {a} vs remote {b}")
        same = False
    if here["total"] == 0:
        problems.append(f"{label}: matches nothing, so it checks nothing")
        same = False
    print(
        f"check: {label}: {here['total']} articles {'alike' if same else 'DIFFER'}",
        file=sys.stderr,
    )
    return same


def killer_script(directory, real, victim):
    """A stand-in for newsdex that kills its Dask worker the first time it is asked for
    `victim`, then behaves as the real binary."""
    path = os.path.join(directory, "killer-newsdex.sh")
    mark = os.path.join(directory, "killed")
    with open(path, "w", encoding="utf-8") as f:
        f.write(
            "#!/bin/sh\n"
            'for last; do :; done\n'
            f'if [ "$(basename "$last")" = {victim} ] && mkdir {mark} 2>/dev/null; then\n'
            '  kill -9 "$PPID"; exit 1\n'
            "fi\n"
            f'exec {real} "$@"\n'
        )
    os.chmod(path, 0o755)
    return path, mark


def shard_article_ids(out):
    seen = {}
    for name in os.listdir(out):
        if name.startswith("shard-") and name.endswith(".jsonl"):
            with open(os.path.join(out, name), encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        article_id = json.loads(line)["id"]
                        seen[article_id] = seen.get(article_id, 0) + 1
    return seen


def main(argv=None):
    parser = argparse.ArgumentParser(prog="newsdex_scale.check", description=__doc__.split("\n")[0])
    parser.add_argument("--newsdex", required=True, help="the newsdex binary")
    parser.add_argument("--sample-corpus", default="sample-corpus")
    parser.add_argument("--articles", type=int, default=3000, help="generated articles")
    parser.add_argument("--work", help="work directory (default: a temporary one, removed after)")
    args = parser.parse_args(argv)
    newsdex = os.path.abspath(args.newsdex)
    work = args.work or tempfile.mkdtemp(prefix="newsdex-scale-check-")
    os.makedirs(work, exist_ok=True)
    problems = []
    cluster = None
    try:
        archive = os.path.join(work, "archive")
        shutil.rmtree(archive, ignore_errors=True)
        shutil.copytree(args.sample_corpus, os.path.join(archive, "sample"))
        corpus.write_corpus(os.path.join(archive, "wire"), args.articles)
        index = os.path.join(work, "index")
        shutil.rmtree(index, ignore_errors=True)
        done = run([newsdex, "--index", index, "index", archive])
        if done.returncode != 0:
            raise SystemExit(f"check: newsdex index failed: {done.stderr}")
        local = len(run([newsdex, "--index", index, "export"]).stdout.splitlines())
        print(f"check: local index of {local} articles", file=sys.stderr)

        cluster_dir = os.path.join(work, "cluster")
        shutil.rmtree(cluster_dir, ignore_errors=True)
        cluster = Cluster(cluster_dir, newsdex)
        cluster.start_all()

        # Distributed extraction; one worker is killed mid-run; then the load.
        shards = os.path.join(work, "shards")
        shutil.rmtree(shards, ignore_errors=True)
        killer, mark = killer_script(work, newsdex, "wire-0007.jsonl")
        done = run(
            [sys.executable, "-m", "newsdex_scale.extract", "--local", "2", "--batch-size", "4",
             "--out", shards, "--newsdex", killer, "--sphinx", cluster_dir, archive],
            env={**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))},
        )
        print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "", file=sys.stderr)
        if done.returncode != 0:
            raise SystemExit(f"check: newsdex-scale failed:\n{done.stderr}")
        worker_killed = os.path.exists(mark)
        counts = shard_article_ids(shards)
        once = all(n == 1 for n in counts.values()) and len(counts) == local
        if not worker_killed:
            problems.append("the Dask worker was not killed: the fault was not exercised")
        if not once:
            twice = [i for i, n in counts.items() if n > 1][:5]
            problems.append(f"shards hold {len(counts)} articles (local {local}); twice: {twice}")

        # Parity.
        queries_ok = sum(
            compare(newsdex, index, cluster.url, [q], False, problems) for q in QUERIES
        )
        filters_ok = sum(
            compare(newsdex, index, cluster.url, f, True, problems) for f in FILTERS
        )
        facets_equal = not any("facet" in p for p in problems)

        # Faults: a shard daemon dies; then comes back.
        probe = ["--place", "Kenya"]
        _, full, _ = search(newsdex, index, probe, cluster.url)
        cluster.kill("shard-1")
        code, partial, stderr = search(newsdex, index, probe, cluster.url)
        named = f"127.0.0.1:{cluster.base + 3}" in stderr
        faults_ok = worker_killed and once
        if code != 3 or "partial results" not in stderr or not named or partial is None:
            problems.append(f"with shard-1 down: exit {code}, stderr {stderr!r}")
            faults_ok = False
        elif not 0 < partial["total"] < full["total"]:
            problems.append(f"with shard-1 down: {partial['total']} of {full['total']} articles")
            faults_ok = False
        cluster.start(cluster.configs[1])
        deadline = time.time() + 60
        while True:
            code, again, stderr = search(newsdex, index, probe, cluster.url)
            if code == 0 or time.time() > deadline:
                break
            time.sleep(0.2)
        if code != 0 or again is None or ids(again) != ids(full):
            problems.append(f"after the restart: exit {code}, {stderr!r}")
            faults_ok = False

        for problem in problems:
            print(f"check: {problem}", file=sys.stderr)
        print(
            f"parity: {queries_ok}/{len(QUERIES)} queries, {filters_ok}/{len(FILTERS)} filters, "
            f"facets {'equal' if facets_equal else 'differ'}; faults: {'ok' if faults_ok else 'failed'}"
        )
        return 0 if not problems else 1
    finally:
        if cluster is not None:
            cluster.stop_all()
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
