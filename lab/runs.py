"""Running what the benchmarks measure: a fresh child process per build, with its wall time,
CPU seconds (user + system, children included) and peak memory."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lab.lighthouse import GZIP_LEVEL


def say(message: str) -> None:
    print(f"bench: {message}", flush=True)


@contextmanager
def ticking(label: str, every: float = 15.0) -> Iterator[None]:
    """Print a line every `every` seconds while a long step runs, so a run never looks stuck."""
    done = threading.Event()
    started = time.perf_counter()

    def tick() -> None:
        while not done.wait(every):
            say(f"  … {label}: {time.perf_counter() - started:.0f} s")

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


@dataclass
class Run:
    """One child process: wall seconds, its peak memory and when each output line appeared."""

    seconds: float
    cpu: float
    peak_mb: float
    returncode: int
    output: str
    marks: dict[str, float] = field(default_factory=dict)

    def mark(self, prefix: str) -> float | None:
        return next((t for line, t in self.marks.items() if line.startswith(prefix)), None)


def run_child(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a fresh child and measure it; wait4 gives this child's own peak RSS
    (grandchildren included), which getrusage(RUSAGE_CHILDREN) cannot separate."""
    env = dict(env or os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    marks: dict[str, float] = {}
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        marks.setdefault(line.strip(), time.perf_counter() - started)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    # ru_maxrss is in kilobytes on Linux.
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, process.returncode, "".join(lines), marks)


def must(run: Run, what: str) -> Run:
    if run.returncode != 0:
        raise SystemExit(f"bench: {what} failed:\n{run.output[-3000:]}")
    return run


def carepages_build(root: Path) -> Run:
    command = [sys.executable, "-m", "carepages", "build", "--root", str(root)]
    command += ["--site-dir", str(root / "site"), "--dist-dir", str(root / "dist")]
    return must(run_child(command, cwd=root), f"carepages build in {root}")


def mkdocs_build(
    root: Path, config: Path, site_dir: Path, env: dict[str, str] | None = None
) -> Run:
    if site_dir.exists():
        shutil.rmtree(site_dir)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    command += ["-f", str(config), "-d", str(site_dir)]
    return must(run_child(command, cwd=root, env=env), f"mkdocs build -f {config}")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))
