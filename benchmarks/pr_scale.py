# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The pull-request path at scale, measured in one run (README, "In every pull request").

1. SARIF against JSON on a real legacy project you fetched (``--real PATH``):
   ``check --no-cache --format sarif`` and ``--format json``, interleaved,
   medians (goal: SARIF / JSON <= 1.2).
2. GitHub's limits on a generated tree with at least 60,000 findings: the
   job summary's size (<= 1 MiB) and the SARIF results per run (<= 5,000
   stored, 25,000 accepted) and file size (<= 10 MB).
3. The Action's findings cache: the check step on a generated 2,000-file
   repository, cold, then on a fresh "runner" (another HOME) with the cache
   folder restored as actions/cache restores it, the same PREFGUARD_CACHE_KEY
   and one changed file; and without the key (the restored entries read as
   misses).
4. Shards: ``--shard K/N`` on a generated 20,000-file repository, each shard
   alone against the whole run (what each machine of a matrix spends).

Nothing is downloaded. ``--quick`` shrinks the generated trees (2,000-file
sharding tree, 500-file cache tree) to keep to a couple of minutes on two
loaded cores.

    python benchmarks/pr_scale.py --real /tmp/real/jieba [--rounds 3] [--quick]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)
MIB = 1024 * 1024


def git(cwd: Path, *args: str) -> None:
    """Run git quietly with a fixed identity."""
    env = dict(os.environ, GIT_AUTHOR_NAME="b", GIT_AUTHOR_EMAIL="b@example.com", GIT_COMMITTER_NAME="b", GIT_COMMITTER_EMAIL="b@example.com")
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def prefguard(cwd: Path, args: Sequence[str], env: Optional[Dict[str, str]] = None) -> Tuple[float, subprocess.CompletedProcess]:
    """Wall seconds and result of one ``prefguard`` run of this checkout."""
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "hooks.cli", *args], cwd=cwd, capture_output=True, text=True, env=full_env)
    elapsed = time.perf_counter() - start
    if result.returncode > 1:
        raise SystemExit(f"[ERROR] prefguard {' '.join(args)} in {cwd}: exit {result.returncode}: {result.stderr[-2000:]}")
    return elapsed, result


def module_text(index: int, functions: int) -> str:
    """A generated module: ``functions`` public functions, each with three findings (ANN001 x2, ANN002) and DOC002."""
    body = "".join(f"\n\ndef func_{index}_{n}(left, right):\n    return left + right\n" for n in range(functions))
    return HEADER + f'"""Generated module {index}."""\n' + body


def generate(root: Path, files: int, functions: int) -> None:
    """A git repository of ``files`` generated modules in folders of 100."""
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.prefguard]\n\n[tool.prefguard.header]\nyear = 2026\n", encoding="utf-8")
    for index in range(files):
        folder = root / "src" / f"package_{index // 100:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"module_{index:05d}.py").write_text(module_text(index, functions), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Generated")


def median_pair(cwd: Path, first: Sequence[str], second: Sequence[str], rounds: int, env: Dict[str, str]) -> Tuple[float, float]:
    """Medians of two commands run alternately, ``rounds`` times each."""
    times: Tuple[List[float], List[float]] = ([], [])
    for _ in range(rounds):
        for slot, args in enumerate((first, second)):
            times[slot].append(prefguard(cwd, args, env)[0])
    return statistics.median(times[0]), statistics.median(times[1])


def sarif_against_json(real: Path, rounds: int, env: Dict[str, str]) -> None:
    """Part 1."""
    files = len([p for p in real.rglob("*.py") if ".git" not in p.parts])
    json_time, sarif_time = median_pair(
        real, ["check", "--no-cache", "--format", "json", "."], ["check", "--no-cache", "--format", "sarif", "."], rounds, env
    )
    _, result = prefguard(real, ["check", "--no-cache", "--format", "sarif", "."], env)
    run = json.loads(result.stdout)["runs"][0]
    fixes = sum(1 for r in run["results"] if "fixes" in r)
    print(f"[INFO] 1. SARIF against JSON on {real.name} ({files} Python files, {run['properties']['findings']} findings, "
          f"{fixes} with a fix), medians of {rounds}:", flush=True)
    print(f"       json {json_time:.2f} s, sarif {sarif_time:.2f} s, sarif / json = {sarif_time / json_time:.2f} (goal <= 1.2)", flush=True)


def limits(work: Path, files: int, env: Dict[str, str]) -> None:
    """Part 2."""
    root = work / "limits"
    generate(root, files, 10)
    sarif, summary = work / "limits.sarif", work / "limits.md"
    elapsed, result = prefguard(root, ["check", "--no-cache", "--format", "json", "--output", f"sarif={sarif}", "--output", f"summary={summary}", "."], env)
    findings = len(json.loads(result.stdout))
    run = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]
    print(f"[INFO] 2. GitHub's limits on a generated tree of {files} files with {findings} findings ({elapsed:.1f} s):", flush=True)
    print(f"       job summary {summary.stat().st_size:,} bytes (limit 1 MiB = {MIB:,}); "
          f"SARIF {len(run['results']):,} results in its one run (stored: 5,000, accepted: 25,000), "
          f"{sarif.stat().st_size:,} bytes (limit 10 MB)", flush=True)


def action_cache(work: Path, files: int, env: Dict[str, str]) -> None:
    """Part 3: the Action's check step, first run against the second with the restored cache."""
    root = work / "cache-repo"
    generate(root, files, 3)
    step = ["check", ".", "--format", "github", "--output", f"json={work / 'a.json'}",
            "--output", f"sarif={work / 'a.sarif'}", "--output", f"summary={work / 'a.md'}"]
    first_env = dict(env, HOME=str(work / "runner1"), XDG_CACHE_HOME=str(work / "runner1" / ".cache"),
                     PREFGUARD_CACHE_DIR=str(work / "cache1"), PREFGUARD_CACHE_KEY="benchmark-secret")
    first, _ = prefguard(root, step, first_env)
    shutil.copytree(work / "cache1", work / "cache2")
    changed = root / "src" / "package_0000" / "module_00000.py"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\ndef added(value):\n    return value\n", encoding="utf-8")
    second_env = dict(first_env, HOME=str(work / "runner2"), XDG_CACHE_HOME=str(work / "runner2" / ".cache"), PREFGUARD_CACHE_DIR=str(work / "cache2"))
    second, _ = prefguard(root, step, second_env)
    shutil.copytree(work / "cache1", work / "cache3")
    unsealed_env = dict(second_env, PREFGUARD_CACHE_DIR=str(work / "cache3"), HOME=str(work / "runner3"),
                        XDG_CACHE_HOME=str(work / "runner3" / ".cache"), PREFGUARD_CACHE_KEY="")
    unsealed, _ = prefguard(root, step, unsealed_env)
    print(f"[INFO] 3. The Action's check step on a {files}-file repository (one run: annotations, SARIF, summary, JSON):", flush=True)
    print(f"       first run (cold) {first:.2f} s; second run, cache restored on a fresh runner, one file changed "
          f"{second:.2f} s = {second / first:.2f} of the first; restored without the cache key (entries read as misses) "
          f"{unsealed:.2f} s", flush=True)


def shards(work: Path, files: int, count: int, env: Dict[str, str]) -> None:
    """Part 4: each shard alone against the whole run, cold."""
    root = work / "shard-repo"
    generate(root, files, 1)
    whole, result = prefguard(root, ["check", "--no-cache", "--format", "json", "."], env)
    total = len(json.loads(result.stdout))
    times = []
    union = 0
    for number in range(1, count + 1):
        elapsed, part = prefguard(root, ["check", "--no-cache", "--format", "json", "--shard", f"{number}/{count}", "."], env)
        times.append(elapsed)
        union += len(json.loads(part.stdout))
    ratios = ", ".join(f"{t:.1f} s ({t / whole:.2f})" for t in times)
    print(f"[INFO] 4. Shards on a generated {files}-file repository, cold, each shard alone against the whole run:", flush=True)
    print(f"       whole {whole:.1f} s; {count} shards: {ratios}; slowest / whole = {max(times) / whole:.2f} "
          f"(ideal {1 / count:.2f}); findings: union of the shards {union} = whole {total}: {union == total}", flush=True)


def main() -> int:
    """Run the four measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, help="a real legacy project fetched by you (part 1 is skipped without it)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="smaller generated trees")
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--parts", default="1234", help="which measurements to run (default: all four)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="prefguard-pr-scale-"))
    env = {"PREFGUARD_CACHE_DIR": str(work / "unused-cache"), "XDG_CACHE_HOME": str(work / "xdg")}
    try:
        if args.real is not None and "1" in args.parts:
            sarif_against_json(args.real.resolve(), args.rounds, env)
        if "2" in args.parts:
            limits(work, 1_600, env)
        if "3" in args.parts:
            action_cache(work, 2_000 if not args.quick else 500, env)
        if "4" in args.parts:
            shards(work, 20_000 if not args.quick else 2_000, args.shards, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
