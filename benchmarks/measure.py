"""Run one command in a subprocess and measure wall time, CPU time and peak memory.

Peak memory is the ``ru_maxrss`` of the command: the largest resident set of
the process and of every descendant it waited for. It is read by GNU time
(``/usr/bin/time``, Debian package ``time``), which forks the command from a
process of 2 MB: a child forked directly from this (larger) Python process
would count the parent's pages it shared before ``exec`` in its own peak.
Without GNU time, ``wait4``'s figure is used and is at least this process's
size. A series of processes (``msgmerge`` once per catalog) runs as one ``sh``
script, so the figure is the peak of the largest single call.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = shutil.which("time", path="/usr/bin:/bin")


@dataclass(frozen=True)
class Sample:
    """One measured run."""

    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    returncode: int
    internal_seconds: float | None = None  # what the program reported itself, if anything
    timed_out: bool = False  # stopped at the time limit: ``seconds`` is a lower bound


class CommandFailed(RuntimeError):
    """A measured command exited with an error."""


def run(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    log: Path | None = None,
    ok_codes: tuple[int, ...] = (0,),
    timeout: float | None = None,
) -> Sample:
    """Run ``command`` in ``cwd``; its output goes to ``log`` (or is discarded).

    A command still running after ``timeout`` seconds is stopped (with its
    whole process group) and its sample is marked ``timed_out``.
    """
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    out = open(log, "wb") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    handle, report = tempfile.mkstemp(prefix="bench-rss-")
    os.close(handle)
    wrapped = command if GNU_TIME is None else [GNU_TIME, "-f", "%M", "-o", report, *command]
    try:
        start = time.perf_counter()
        process = subprocess.Popen(
            wrapped, cwd=cwd, env=full_env, stdout=out, stderr=out, start_new_session=True
        )
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - start > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                timed_out = True
                break
            time.sleep(0.005)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        peak_kb = float(usage.ru_maxrss)
        if GNU_TIME is not None:
            lines = Path(report).read_text().split()
            if lines and lines[-1].isdigit():
                peak_kb = float(lines[-1])
    finally:
        os.unlink(report)
        if log is not None and not isinstance(out, int):
            out.close()
    code = process.returncode
    if timed_out:
        return Sample(elapsed, usage.ru_utime + usage.ru_stime, 0.0, code, timed_out=True)
    if code not in ok_codes:
        tail = log.read_text(errors="replace")[-2000:] if log is not None else ""
        raise CommandFailed(f"{' '.join(command[:4])}... exited {code} in {cwd}\n{tail}")
    internal = None
    if log is not None:
        for line in log.read_text(errors="replace").splitlines()[::-1]:
            if line.startswith("BENCH-SECONDS "):
                internal = float(line.split()[1])
                break
    return Sample(
        seconds=elapsed,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        max_rss_mb=peak_kb / 1024.0,
        returncode=code,
        internal_seconds=internal,
    )


def median(values: list[float]) -> float:
    """The median (the mean of the middle two for an even count)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
