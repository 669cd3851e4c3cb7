# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Benchmark: every row of issue 15's table, measured side by side in one run, as ratios.

Corpora, built in a temporary folder, each a git repository with one commit:
the running interpreter's standard library (``.py`` files outside test
folders, ``idlelib`` and ``lib2to3``) copied into ``copyN/`` folders until
``--small`` (about 700) and ``--large`` (about 2,100) files, and a
``--library``-file slice of it (79 files) for the worker rows.

Rows (each command a fresh process; one round runs every command once, the
commands interleaved so that a busy machine slows them alike; the ratios are
of the medians over ``--rounds`` rounds, wall time, CPU time beside):

1. one changed file checked as the pre-commit hook calls it (``prefguard
   check FILE`` after an edit of FILE), findings cache warm, small repository,
   against Python start plus ``import libcst``; goal at most 1.2;
2. the same in the large repository, against row 1; goal at most 1.15;
3. the whole small tree with the cache warm, against ruff without cache on
   the same tree; goal at most 1.0;
4. the whole small tree cold with ``--jobs 2``, against the libcst parse
   floor (parse only) in the same two processes; goal at most 1.3;
5. the library cold with ``--jobs 1`` against ``--jobs 2``; goal at least 1.6.

Then the import budget of the one-file path (``python -X importtime``: the
modules prefguard itself imports beside libcst and the English lexicon must
stay within :data:`IMPORT_BUDGET_OF_LIBCST` of libcst's own import time, measured
in the same process, so that the budget holds on a busy machine as on a quiet one) and the phases of the cold path (one
process, cProfile over every file of the small corpus: decoding, the shape
scan, libcst's parse, the rules' traversal, positions, suppressions, the
index's ``ast`` parse).

ruff is looked up next to this interpreter, then on PATH; without it row 3
is skipped (``pip install ruff`` into the benchmark's environment: it is not
a prefguard dependency). Nothing is downloaded.

    python benchmarks/compare.py [--rounds 3] [--small 700] [--large 2100] [--library 79] [--output FILE]
"""

import argparse
import cProfile
import datetime
import json
import os
import platform
import pstats
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
RUFF_SELECT = "ANN,D1,N8,TID252,E722,BLE001,LOG,G,CPY001,PLW1514"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}
GOALS = {
    "one file / (python + import libcst)": ("<=", 1.2),
    "one file, large repository / small repository": ("<=", 1.15),
    "whole tree warm / ruff cold": ("<=", 1.0),
    "cold --jobs 2 / libcst parse floor (2 processes)": ("<=", 1.3),
    "library cold --jobs 1 / --jobs 2": (">=", 1.6),
}
# Measured: 286 ms beside 416 ms of libcst (0.69) on a busy 2-core machine; argparse, pathlib,
# json, dataclasses, hashlib, subprocess and prefguard's own modules make up the rest.
IMPORT_BUDGET_OF_LIBCST = 0.75
PHASES = (
    ("decoding (PEP 263)", ("decode_source",)),
    ("shape scan", ("shape_problem",)),
    ("libcst parse (the floor)", ("parse_module",)),
    ("rules: one traversal", ("walk",)),
    ("positions of reported nodes", ("locate",)),
    ("suppression comments", ("find_suppressions",)),
    ("English lexicon load", ("load_lexicon",)),
    ("project index: ast parse", ("summarize_source",)),
)


# ======================================================================
# Worker modes (this file runs itself for the parse floor and the phases)
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


def phase_table(corpus: Path) -> Dict[str, Any]:
    """Cumulative seconds per phase of checking every corpus file in one process (cProfile)."""
    from checks.analysis.project_index import summarize_source
    from checks.engine.lint import lint_source
    from hooks.config_loader import load_settings

    os.chdir(corpus)
    settings = load_settings(None)
    files = sorted(corpus.rglob("*.py"))
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for path in files:
        data = path.read_bytes()
        relative = path.relative_to(corpus).as_posix()
        summarize_source(relative, data.decode("utf-8", "replace"))
        lint_source(data, relative, settings, False, None)
    profiler.disable()
    total = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    cumulative: Dict[str, float] = {}
    for (_, _, name), (_, _, _, inclusive, _) in stats.stats.items():  # type: ignore[attr-defined]
        cumulative[name] = cumulative.get(name, 0.0) + inclusive
    phases = {label: sum(cumulative.get(name, 0.0) for name in names) for label, names in PHASES}
    return {"files": len(files), "total": total, "phases": phases}


# ======================================================================
# Corpora
# ======================================================================


def stdlib_files() -> List[Path]:
    """The standard library's .py files outside test folders, idlelib and lib2to3."""
    root = Path(sysconfig.get_paths()["stdlib"])
    found: List[Path] = []
    for current, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if f not in EXCLUDED_FOLDERS)
        found.extend(Path(current) / name for name in sorted(files) if name.endswith(".py"))
    return found


def build_corpus(target: Path, count: int) -> Tuple[int, int]:
    """A git repository at ``target`` with ``count`` standard-library files (cycled into copyN/); (files, lines)."""
    root = Path(sysconfig.get_paths()["stdlib"])
    sources = stdlib_files()
    lines = 0
    for index in range(count):
        source = sources[index % len(sources)]
        destination = target / f"copy{index // len(sources)}" / source.relative_to(root)
        destination.parent.mkdir(parents=True, exist_ok=True)
        data = source.read_bytes()
        destination.write_bytes(data)
        lines += data.count(b"\n")
    env = dict(os.environ, **GIT_ENV)
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "corpus"]):
        subprocess.run(command, cwd=target, check=True, capture_output=True, env=env)
    return count, lines


def snapshot_source(target: Path) -> Path:
    """Copy prefguard's packages (checks, hooks) and compile them, as an installed package is."""
    for package in ("checks", "hooks"):
        shutil.copytree(REPO_ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(target)], check=True, capture_output=True)
    return target


def find_ruff() -> Optional[str]:
    """ruff next to this interpreter, else on PATH."""
    beside = Path(sys.executable).parent / ("ruff.exe" if os.name == "nt" else "ruff")
    if beside.exists():
        return str(beside)
    return shutil.which("ruff")


# ======================================================================
# Measuring
# ======================================================================


def run_measured(command: Sequence[str], cwd: Path, env: Dict[str, str]) -> Dict[str, float]:
    """Wall seconds, CPU seconds of the process tree, peak RSS (MB) of its largest process."""
    start = time.perf_counter()
    process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    error_text = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        tail = error_text.decode("utf-8", "replace")[-2000:]
        raise RuntimeError(f"{' '.join(command)} exited {code}:\n{tail}")
    scale = 1024.0 if sys.platform != "darwin" else 1024.0 * 1024.0
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / scale}


class Bench:
    """The commands of the benchmark, their samples, and the corpora they run on."""

    def __init__(self, scratch: Path, source: Path, corpora: Dict[str, Path], ruff: Optional[str]) -> None:
        self.scratch = scratch
        self.corpora = corpora
        self.ruff = ruff
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "CI")}
        self.env.update(PYTHONPATH=str(source), PREFGUARD_CACHE_KEY="benchmark")
        self.samples: Dict[str, List[Dict[str, float]]] = {}
        median = self._median_file(corpora["small"]).relative_to(corpora["small"])
        self.changed = {name: folder / median for name, folder in corpora.items()}
        self.edits = 0

    @staticmethod
    def _median_file(folder: Path) -> Path:
        """The median-sized file of the first copy (present in every corpus, so both repositories edit the same file)."""
        files = sorted((folder / "copy0").rglob("*.py"), key=lambda p: (p.stat().st_size, str(p)))
        return files[len(files) // 2]

    def cache_of(self, corpus: str) -> Path:
        """The cache folder of one corpus."""
        return self.scratch / f"cache-{corpus}"

    def env_for(self, corpus: str) -> Dict[str, str]:
        """The environment of a prefguard run on one corpus."""
        return dict(self.env, PREFGUARD_CACHE_DIR=str(self.cache_of(corpus)))

    @staticmethod
    def prefguard(*args: str) -> List[str]:
        """A prefguard command line (``-P``: the corpus, a copy of the standard library, stays off sys.path)."""
        return [sys.executable, "-P", "-m", "hooks.cli", "check", "--quiet", *args]

    def record(self, name: str, command: Sequence[str], corpus: str, before: Optional[Callable[[], None]] = None) -> None:
        """Run one command once (after ``before``) and keep its figures under ``name``."""
        if before is not None:
            before()
        sample = run_measured(command, self.corpora[corpus], self.env_for(corpus))
        self.samples.setdefault(name, []).append(sample)
        print(f"[INFO]   {name:46s} {sample['wall']:8.2f} s wall {sample['cpu']:8.2f} s cpu", flush=True)

    def clear(self, corpus: str) -> Callable[[], None]:
        """A step that empties one corpus's cache (a cold run follows)."""
        return lambda: shutil.rmtree(self.cache_of(corpus), ignore_errors=True)

    def edit(self, corpus: str) -> Callable[[], None]:
        """A step that appends a comment line to the corpus's median-sized file (a one-file commit)."""

        def step() -> None:
            self.edits += 1
            with open(self.changed[corpus], "a", encoding="utf-8") as stream:
                stream.write(f"# benchmark edit {self.edits}\n")

        return step

    def relative_changed(self, corpus: str) -> str:
        """The changed file of a corpus, relative to its root."""
        return self.changed[corpus].relative_to(self.corpora[corpus]).as_posix()

    def prime(self) -> None:
        """Fill the caches the warm rows rely on (not measured)."""
        print("[INFO] priming: small tree cold, large repository's index", flush=True)
        run_measured(self.prefguard("--jobs", "2", "."), self.corpora["small"], self.env_for("small"))
        run_measured(self.prefguard(self.relative_changed("large")), self.corpora["large"], self.env_for("large"))

    def round(self) -> None:
        """One round of every command."""
        python = sys.executable
        floor = [python, "-P", str(Path(__file__).resolve()), "--parse-floor", ".", "--jobs", "2"]
        self.record("one file, small repository", self.prefguard(self.relative_changed("small")), "small", self.edit("small"))
        self.record("one file, large repository", self.prefguard(self.relative_changed("large")), "large", self.edit("large"))
        self.record("python start + import libcst", [python, "-P", "-c", "import libcst"], "small")
        self.record("whole tree warm", self.prefguard("--jobs", "2", "."), "small")
        if self.ruff is not None:
            select = ["--select", RUFF_SELECT, "--preview", "--output-format", "concise", "--exit-zero"]
            self.record("ruff cold (--no-cache)", [self.ruff, "check", "--no-cache", *select, "."], "small")
        self.record("whole tree cold --jobs 2", self.prefguard("--jobs", "2", "."), "small", self.clear("small"))
        self.record("libcst parse floor, 2 processes", floor, "small")
        self.record("library cold --jobs 1", self.prefguard("--jobs", "1", "."), "library", self.clear("library"))
        self.record("library cold --jobs 2", self.prefguard("--jobs", "2", "."), "library", self.clear("library"))


def import_budget(bench: Bench) -> Dict[str, Any]:
    """``python -X importtime`` of the one-file path: milliseconds by group, and the budget."""
    bench.edit("small")()
    command = [sys.executable, "-X", "importtime", *bench.prefguard(bench.relative_changed("small"))[1:]]
    result = subprocess.run(command, cwd=bench.corpora["small"], env=bench.env_for("small"), capture_output=True, text=True)
    groups = {"libcst": 0.0, "English lexicon and detector": 0.0, "prefguard (checks, hooks)": 0.0, "other": 0.0}
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        fields = [part.strip() for part in line[len("import time:"):].split("|")]
        if not fields[0].isdigit():
            continue
        name = fields[2]
        top = name.split(".")[0]
        if top == "libcst":
            group = "libcst"
        elif name.startswith("checks.english"):
            group = "English lexicon and detector"
        elif top in ("checks", "hooks"):
            group = "prefguard (checks, hooks)"
        else:
            group = "other"
        groups[group] += int(fields[0]) / 1000.0
    outside = groups["prefguard (checks, hooks)"] + groups["other"]
    budget = IMPORT_BUDGET_OF_LIBCST * groups["libcst"]
    return {"ms": groups, "budget_ms": budget, "beside_libcst_and_english_ms": outside, "holds": outside <= budget}


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
    """The ratios of the goals, from the medians of one figure (wall or cpu)."""

    def ratio(top: str, bottom: str) -> Optional[float]:
        a, b = table.get(top), table.get(bottom)
        if a is None or b is None or not b[figure]["median"]:
            return None
        return a[figure]["median"] / b[figure]["median"]

    return {
        "one file / (python + import libcst)": ratio("one file, small repository", "python start + import libcst"),
        "one file, large repository / small repository": ratio("one file, large repository", "one file, small repository"),
        "whole tree warm / ruff cold": ratio("whole tree warm", "ruff cold (--no-cache)"),
        "cold --jobs 2 / libcst parse floor (2 processes)": ratio("whole tree cold --jobs 2", "libcst parse floor, 2 processes"),
        "library cold --jobs 1 / --jobs 2": ratio("library cold --jobs 1", "library cold --jobs 2"),
    }


def verdicts(found: Dict[str, Optional[float]]) -> Dict[str, Optional[bool]]:
    """Whether each goal holds (None when its row was not measured)."""
    result: Dict[str, Optional[bool]] = {}
    for name, (direction, limit) in GOALS.items():
        value = found.get(name)
        result[name] = None if value is None else (value <= limit if direction == "<=" else value >= limit)
    return result


def print_report(table: Dict[str, Dict[str, Any]], found: Dict[str, Dict[str, Optional[float]]],
                 holds: Dict[str, Optional[bool]], imports: Dict[str, Any], phases: Dict[str, Any]) -> None:
    """The table, the ratios with their goals, the import budget and the phases."""
    print("=" * 70)
    print(f"{'command':46s} {'wall s (min..max)':>20s} {'cpu s':>7s}")
    for name, entry in table.items():
        wall = entry["wall"]
        spread = f"{wall['median']:.2f} ({wall['min']:.2f}..{wall['max']:.2f})"
        print(f"{name:46s} {spread:>20s} {entry['cpu']['median']:7.2f}", flush=True)
    print("=" * 70)
    print(f"{'ratio (medians)':50s} {'wall':>6s} {'cpu':>6s} goal")
    for name, (direction, limit) in GOALS.items():
        wall, cpu = found["wall"][name], found["cpu"][name]
        verdict = "n/a" if holds[name] is None else ("[OK]" if holds[name] else "[MISS]")
        wall_text = "-" if wall is None else f"{wall:.2f}"
        cpu_text = "-" if cpu is None else f"{cpu:.2f}"
        print(f"{name:50s} {wall_text:>6s} {cpu_text:>6s} {direction} {limit} {verdict}", flush=True)
    print("=" * 70)
    print("import time of the one-file path (python -X importtime, ms):")
    for group, value in imports["ms"].items():
        print(f"  {group:44s} {value:8.1f}", flush=True)
    verdict = "[OK]" if imports["holds"] else "[MISS]"
    print(f"  beside libcst and English: {imports['beside_libcst_and_english_ms']:.1f} ms, budget {imports['budget_ms']:.0f} ms "
          f"({IMPORT_BUDGET_OF_LIBCST} x libcst) {verdict}")
    print("=" * 70)
    total = phases["total"]
    print(f"cold path phases, one process, {phases['files']} files, cProfile ({total:.2f} s in all):")
    for label, seconds in phases["phases"].items():
        share = 100.0 * seconds / total if total else 0.0
        print(f"  {label:44s} {seconds:8.2f} s {share:5.1f} %", flush=True)
    print("=" * 70, flush=True)


def markdown(found: Dict[str, Dict[str, Optional[float]]], holds: Dict[str, Optional[bool]]) -> str:
    """The README's performance table: each goal with its wall and CPU ratios."""
    rows = ["| measurement | goal | wall | CPU | holds |", "| --- | --- | --- | --- | --- |"]
    for name, (direction, limit) in GOALS.items():
        wall, cpu = found["wall"][name], found["cpu"][name]
        verdict = "not measured" if holds[name] is None else ("yes" if holds[name] else "no")
        wall_text = "-" if wall is None else f"{wall:.2f}"
        cpu_text = "-" if cpu is None else f"{cpu:.2f}"
        rows.append(f"| {name} | {direction} {limit} | {wall_text} | {cpu_text} | {verdict} |")
    return "\n".join(rows)


def main(argv: Optional[List[str]] = None) -> int:
    """Build the corpora, measure, print and write JSON."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--small", type=int, default=700, help="files of the small repository")
    parser.add_argument("--large", type=int, default=2100, help="files of the large repository")
    parser.add_argument("--library", type=int, default=79, help="files of the library of the worker rows")
    parser.add_argument("--output", default=None, help="JSON file (default: benchmarks/compare.json in the temp folder)")
    parser.add_argument("--parse-floor", metavar="CORPUS", help=argparse.SUPPRESS)
    parser.add_argument("--phases", metavar="CORPUS", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.parse_floor:
        parse_floor(Path(args.parse_floor), args.jobs)
        return 0
    if args.phases:
        print(json.dumps(phase_table(Path(args.phases))))
        return 0
    ruff = find_ruff()
    if ruff is None:
        print("[WARN] ruff not found next to this interpreter or on PATH: the ruff row is skipped", flush=True)
    with tempfile.TemporaryDirectory(prefix="prefguard-bench-") as scratch_text:
        scratch = Path(scratch_text)
        corpora = {"small": scratch / "small", "large": scratch / "large", "library": scratch / "library"}
        sizes = {"small": args.small, "large": args.large, "library": args.library}
        counts = {}
        for name, folder in corpora.items():
            folder.mkdir()
            counts[name] = build_corpus(folder, sizes[name])
            print(f"[INFO] {name}: {counts[name][0]} files, {counts[name][1]} lines", flush=True)
        source = snapshot_source(scratch / "prefguard-src")
        bench = Bench(scratch, source, corpora, ruff)
        load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
        started = time.perf_counter()
        bench.prime()
        for number in range(args.rounds):
            print(f"[INFO] round {number + 1} of {args.rounds}", flush=True)
            bench.round()
        imports = import_budget(bench)
        phase_run = subprocess.run([sys.executable, "-P", str(Path(__file__).resolve()), "--phases", str(corpora["library"])],
                                   env=bench.env, capture_output=True, text=True, check=True)
        phases = json.loads(phase_run.stdout.strip().splitlines()[-1])
        load_after = os.getloadavg() if hasattr(os, "getloadavg") else None
        table = {name: summary(samples) for name, samples in bench.samples.items()}
        found = {"wall": ratios(table, "wall"), "cpu": ratios(table, "cpu")}
        holds = verdicts(found["wall"])
        print_report(table, found, holds, imports, phases)
        print(markdown(found, holds), flush=True)
        report = {
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "machine": {"cores": os.cpu_count(), "platform": platform.platform(), "python": sys.version.split()[0],
                        "load_before": load_before, "load_after": load_after},
            "corpora": {name: {"files": c[0], "lines": c[1]} for name, c in counts.items()},
            "seconds": time.perf_counter() - started,
            "table": table,
            "ratios": found,
            "goals": {name: {"direction": d, "limit": v, "holds": holds[name]} for name, (d, v) in GOALS.items()},
            "imports": imports,
            "phases": phases,
        }
        output = Path(args.output) if args.output else Path(tempfile.gettempdir()) / "prefguard-compare.json"
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"[OK] figures written to {output}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
