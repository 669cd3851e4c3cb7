# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Benchmark: prefguard side by side with the libcst parse floor, ruff, flake8 and fixit.

The corpus is the running interpreter's own standard library (every ``.py``
file outside test folders, ``idlelib`` and ``lib2to3``), copied into a
temporary git repository and committed, so prefguard sees what a commit hook
sees. Every command runs as a fresh process, several rounds, the commands of
one round interleaved so that a busy machine slows them alike; the table shows
the median and the spread (min..max) of the wall time, the CPU time of the
whole process tree, and the peak resident memory of its largest process.

Measured: prefguard cold (empty cache), warm (cache filled, nothing changed)
and after one file changed; the libcst parse floor (parse only, in as many
processes as prefguard uses); Python start plus ``import libcst``; ruff with
the closest rule selection; flake8 with flake8-annotations, pep8-naming,
flake8-docstrings and flake8-absolute-import; fixit with its default rules
(minutes; ``--skip-slow`` leaves it out). The peers are installed by this
script into their own virtual environment under a cache folder.

    python benchmarks/compare.py [--rounds 3] [--jobs N] [--skip-slow] [--output FILE]
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

REPO_ROOT = Path(__file__).resolve().parent.parent
EXCLUDED_FOLDERS = frozenset({"test", "tests", "idlelib", "lib2to3", "site-packages", "__pycache__"})
PEER_PACKAGES = (
    "ruff",
    "flake8",
    "flake8-annotations",
    "pep8-naming",
    "flake8-docstrings",
    "flake8-absolute-import",
    "fixit",
)
RUFF_SELECT = "ANN,D1,N8,TID252,E722,BLE001,LOG,G,CPY001,PLW1514"
FLAKE8_SELECT = "ANN,D1,N8,ABS,E722"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}
TARGET_COLD_OVER_FLOOR = 1.3
TARGET_ONE_FILE_OVER_IMPORT = 1.2
TARGET_PEAK_MB = 300.0


# ======================================================================
# The parse floor (this file runs itself in worker mode for it)
# ======================================================================


def _parse_one(path: str) -> int:
    import libcst

    with open(path, "rb") as stream:
        libcst.parse_module(stream.read())
    return 1


def parse_floor(corpus: Path, jobs: int) -> None:
    """Parse every corpus file with libcst, nothing else, in ``jobs`` processes."""
    files = sorted((str(p) for p in corpus.rglob("*.py")), key=lambda p: os.path.getsize(p), reverse=True)
    if jobs <= 1:
        for path in files:
            _parse_one(path)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for _ in pool.map(_parse_one, files, chunksize=4):
            pass


# ======================================================================
# Corpus and peers
# ======================================================================


def stdlib_files() -> List[Path]:
    """The standard library's .py files outside test folders, idlelib and lib2to3."""
    root = Path(sysconfig.get_paths()["stdlib"])
    found: List[Path] = []
    for current, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if f not in EXCLUDED_FOLDERS)
        found.extend(Path(current) / name for name in sorted(files) if name.endswith(".py"))
    return found


def build_corpus(target: Path) -> Tuple[int, int]:
    """Copy the corpus into a new git repository at ``target``; return (files, lines)."""
    root = Path(sysconfig.get_paths()["stdlib"])
    lines = 0
    files = stdlib_files()
    for source in files:
        destination = target / source.relative_to(root)
        destination.parent.mkdir(parents=True, exist_ok=True)
        data = source.read_bytes()
        destination.write_bytes(data)
        lines += data.count(b"\n")
    env = dict(os.environ, **GIT_ENV)
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "corpus"]):
        subprocess.run(command, cwd=target, check=True, capture_output=True, env=env)
    return len(files), lines


def snapshot_source(target: Path) -> Path:
    """Copy prefguard's packages (checks, hooks) and compile them, as an installed package is.

    The benchmark measures this snapshot, so edits made to the checkout while
    it runs neither invalidate the cache between rounds nor mix versions.
    """
    for package in ("checks", "hooks"):
        shutil.copytree(REPO_ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(target)], check=True, capture_output=True)
    return target


def bench_home() -> Path:
    """The cache folder of this benchmark (its peers' virtual environment lives there)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "prefguard-bench"


def _venv_bin(venv: Path, name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    return venv / folder / name


def ensure_peers(venv: Path, skip_slow: bool) -> Dict[str, str]:
    """Create the peers' virtual environment when missing; return installed versions."""
    python = _venv_bin(venv, "python")
    if not python.exists():
        print(f"[INFO] creating the peers' virtual environment in {venv}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    wanted = [p for p in PEER_PACKAGES if not (skip_slow and p == "fixit")]
    probe = subprocess.run([str(python), "-m", "pip", "show", *wanted], capture_output=True, text=True)
    have = {line.split(":", 1)[1].strip().lower() for line in probe.stdout.splitlines() if line.startswith("Name:")}
    missing = [p for p in wanted if p.lower() not in have]
    if missing:
        print(f"[INFO] installing {', '.join(missing)}", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *missing], check=True)
    versions: Dict[str, str] = {}
    listing = subprocess.run([str(python), "-m", "pip", "show", *wanted], capture_output=True, text=True).stdout
    name = ""
    for line in listing.splitlines():
        if line.startswith("Name:"):
            name = line.split(":", 1)[1].strip()
        elif line.startswith("Version:") and name:
            versions[name] = line.split(":", 1)[1].strip()
    return versions


# ======================================================================
# Measuring one command
# ======================================================================


def run_measured(command: Sequence[str], cwd: Path, env: Optional[Dict[str, str]] = None) -> Dict[str, float]:
    """Wall seconds, CPU seconds of the process tree, peak RSS (MB) of its largest process."""
    start = time.perf_counter()
    process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    error_text = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode not in (0, 1):
        tail = error_text.decode("utf-8", "replace")[-2000:]
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{tail}")
    scale = 1024.0 if sys.platform != "darwin" else 1024.0 * 1024.0
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / scale}


class Bench:
    """The commands of the benchmark, their measurements, and the corpus they run on."""

    def __init__(self, corpus: Path, source: Path, jobs: int, peers: Optional[Path]) -> None:
        self.corpus = corpus
        self.jobs = jobs
        self.peers = peers
        self.cache = corpus.parent / "prefguard-cache"
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
        self.env.update(PREFGUARD_CACHE_DIR=str(self.cache), PYTHONPATH=str(source))
        self.samples: Dict[str, List[Dict[str, float]]] = {}
        self.changed_file = self._median_file()
        self.edits = 0

    def _median_file(self) -> Path:
        files = sorted(self.corpus.rglob("*.py"), key=lambda p: (p.stat().st_size, str(p)))
        return files[len(files) // 2]

    def prefguard(self) -> List[str]:
        """The prefguard command line (the snapshot of this checkout, this interpreter).

        ``-P`` keeps the corpus folder (a copy of the standard library) off the
        module search path.
        """
        return [sys.executable, "-P", "-m", "hooks.cli", "check", "--jobs", str(self.jobs), "."]

    def record(self, name: str, command: Sequence[str], before: Optional[Callable[[], None]] = None) -> None:
        """Run one command once (after ``before``) and keep its figures under ``name``."""
        if before is not None:
            before()
        sample = run_measured(command, self.corpus, self.env)
        self.samples.setdefault(name, []).append(sample)
        print(f"[INFO]   {name:34s} {sample['wall']:8.2f} s wall {sample['cpu']:8.2f} s cpu {sample['peak_mb']:7.0f} MB", flush=True)

    def clear_cache(self) -> None:
        """Remove prefguard's cache folder (a cold run follows)."""
        shutil.rmtree(self.cache, ignore_errors=True)

    def change_one_file(self) -> None:
        """Append a new comment line to the median-sized file (a one-file commit)."""
        self.edits += 1
        with open(self.changed_file, "a", encoding="utf-8") as stream:
            stream.write(f"# benchmark edit {self.edits}\n")

    def round(self, slow: bool) -> None:
        """One round of every command."""
        python = sys.executable
        self.record("prefguard cold", self.prefguard(), self.clear_cache)
        self.record("prefguard warm", self.prefguard())
        self.record("prefguard one file changed", self.prefguard(), self.change_one_file)
        floor = [python, "-P", str(Path(__file__).resolve()), "--parse-floor", str(self.corpus), "--jobs", str(self.jobs)]
        self.record("libcst parse floor", floor)
        self.record("python start + import libcst", [python, "-P", "-c", "import libcst"])
        self.record("python start", [python, "-P", "-c", "pass"])
        if self.peers is None:
            return
        ruff = str(_venv_bin(self.peers, "ruff"))
        select = ["--select", RUFF_SELECT, "--preview", "--output-format", "concise", "--exit-zero"]
        self.record("ruff cold (--no-cache)", [ruff, "check", "--no-cache", *select, "."])
        self.record("ruff warm (cache)", [ruff, "check", *select, "."])
        flake8 = str(_venv_bin(self.peers, "flake8"))
        self.record("flake8 + 4 plugins", [flake8, "--select", FLAKE8_SELECT, "-j", str(self.jobs), "--exit-zero", "."])
        if slow:
            fixit = str(_venv_bin(self.peers, "fixit"))
            self.record("fixit (default rules)", [fixit, "lint", "."])


# ======================================================================
# Report
# ======================================================================


def summary(samples: List[Dict[str, float]]) -> Dict[str, Any]:
    """Median and min..max of each figure."""
    result: Dict[str, Any] = {"rounds": len(samples)}
    for figure in ("wall", "cpu", "peak_mb"):
        values = [s[figure] for s in samples]
        result[figure] = {"median": statistics.median(values), "min": min(values), "max": max(values), "all": values}
    return result


def ratios(table: Dict[str, Dict[str, Any]], figure: str) -> Dict[str, Optional[float]]:
    """The ratios the targets are stated in, from the medians of one figure (wall or cpu)."""

    def median(name: str) -> Optional[float]:
        entry = table.get(name)
        return entry[figure]["median"] if entry else None

    def ratio(top: str, bottom: str) -> Optional[float]:
        a, b = median(top), median(bottom)
        return a / b if a is not None and b else None

    return {
        "cold / libcst parse floor": ratio("prefguard cold", "libcst parse floor"),
        "cold / ruff cold": ratio("prefguard cold", "ruff cold (--no-cache)"),
        "cold / flake8": ratio("prefguard cold", "flake8 + 4 plugins"),
        "cold / fixit": ratio("prefguard cold", "fixit (default rules)"),
        "warm / ruff cold": ratio("prefguard warm", "ruff cold (--no-cache)"),
        "warm / ruff warm": ratio("prefguard warm", "ruff warm (cache)"),
        "one file / (python + import libcst)": ratio("prefguard one file changed", "python start + import libcst"),
    }


def targets(table: Dict[str, Dict[str, Any]], found: Dict[str, Optional[float]]) -> Dict[str, Any]:
    """Each target of issue 9 with its figure and whether it holds."""

    def check(figure: Optional[float], limit: float) -> Dict[str, Any]:
        return {"figure": figure, "limit": limit, "holds": None if figure is None else figure <= limit}

    peak = table.get("prefguard cold", {}).get("peak_mb", {}).get("max")
    return {
        "cold <= 1.3 x parse floor": check(found["cold / libcst parse floor"], TARGET_COLD_OVER_FLOOR),
        "warm <= ruff cold": check(found["warm / ruff cold"], 1.0),
        "one file <= 1.2 x (python + import libcst)": check(found["one file / (python + import libcst)"], TARGET_ONE_FILE_OVER_IMPORT),
        "peak per process < 300 MB": check(peak, TARGET_PEAK_MB),
    }


def print_report(table: Dict[str, Dict[str, Any]], found: Dict[str, Dict[str, Optional[float]]], goals: Dict[str, Any]) -> None:
    """The table, the ratios (wall and CPU medians) and the targets (on wall time, CPU beside)."""
    print("=" * 70)
    print(f"{'command':34s} {'wall s (min..max)':>22s} {'cpu s':>8s} {'peak MB':>8s}")
    for name, entry in table.items():
        wall = entry["wall"]
        spread = f"{wall['median']:.2f} ({wall['min']:.2f}..{wall['max']:.2f})"
        print(f"{name:34s} {spread:>22s} {entry['cpu']['median']:8.2f} {entry['peak_mb']['median']:8.0f}", flush=True)
    print("=" * 70)
    print(f"{'ratio (medians)':40s} {'wall':>8s} {'cpu':>8s}")
    for name, value in found["wall"].items():
        cpu = found["cpu"][name]
        if value is not None and cpu is not None:
            print(f"{name:40s} {value:8.3f} {cpu:8.3f}", flush=True)
    print("=" * 70)
    for name, goal in goals.items():
        verdict = "n/a" if goal["holds"] is None else ("[OK]" if goal["holds"] else "[MISS]")
        figure = "-" if goal["figure"] is None else f"{goal['figure']:.3f}"
        cpu_goal = goal.get("cpu")
        cpu_text = f"  cpu {cpu_goal['figure']:.3f}" if cpu_goal and cpu_goal["figure"] is not None else ""
        print(f"{verdict:6s} {name:46s} {figure:>8s} (limit {goal['limit']}){cpu_text}", flush=True)


def main(argv: Optional[List[str]] = None) -> int:
    """Build the corpus, install the peers, measure, print and write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for prefguard, the floor and flake8")
    parser.add_argument("--skip-slow", action="store_true", help="leave fixit out (it takes minutes)")
    parser.add_argument("--slow-rounds", type=int, default=1, help="rounds for fixit")
    parser.add_argument("--no-peers", action="store_true", help="measure prefguard and the floor only")
    parser.add_argument("--peers-venv", default=None, help="virtual environment for the peers")
    parser.add_argument("--output", default=None, help="JSON file (default: in the benchmark's cache folder)")
    parser.add_argument("--parse-floor", metavar="CORPUS", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.parse_floor:
        parse_floor(Path(args.parse_floor), args.jobs)
        return 0
    home = bench_home()
    home.mkdir(parents=True, exist_ok=True)
    peers = None
    versions: Dict[str, str] = {}
    if not args.no_peers:
        peers = Path(args.peers_venv) if args.peers_venv else home / "peers-venv"
        versions = ensure_peers(peers, args.skip_slow)
    with tempfile.TemporaryDirectory(prefix="prefguard-bench-") as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        files, lines = build_corpus(corpus)
        source = snapshot_source(Path(scratch) / "prefguard-src")
        print(f"[INFO] corpus: {files} files, {lines} lines; {args.jobs} process(es); {os.cpu_count()} cores", flush=True)
        load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
        bench = Bench(corpus, source, args.jobs, peers)
        started = time.perf_counter()
        for number in range(args.rounds):
            print(f"[INFO] round {number + 1} of {args.rounds}", flush=True)
            bench.round(slow=not args.skip_slow and number < args.slow_rounds)
        load_after = os.getloadavg() if hasattr(os, "getloadavg") else None
    table = {name: summary(samples) for name, samples in bench.samples.items()}
    found = {"wall": ratios(table, "wall"), "cpu": ratios(table, "cpu")}
    goals = targets(table, found["wall"])
    for name, goal in targets(table, found["cpu"]).items():
        if name in goals and not name.startswith("peak"):
            goals[name]["cpu"] = goal
    print_report(table, found, goals)
    report = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "platform": platform.platform(), "python": sys.version.split()[0],
                    "load_before": load_before, "load_after": load_after},
        "corpus": {"files": files, "lines": lines, "changed_file": str(bench.changed_file.relative_to(corpus))},
        "jobs": args.jobs,
        "peers": versions,
        "seconds": time.perf_counter() - started,
        "table": table,
        "ratios": found,
        "targets": goals,
    }
    output = Path(args.output) if args.output else home / "compare.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"[OK] figures written to {output}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
