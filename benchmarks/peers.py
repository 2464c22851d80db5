"""Install or check the tools publish is compared with, and record their versions.

Python peers go into the current environment with pip (translate-toolkit,
RapidFuzz, polib); Debian's po4a and GNU gettext with apt-get when running as
root. A peer that cannot be installed is reported and its rows are skipped.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys

PYTHON_PEERS = {  # distribution -> module to import
    "translate-toolkit": "translate",
    "rapidfuzz": "rapidfuzz",
    "polib": "polib",
    "babel": "babel",
}
DEBIAN_PEERS = {"po4a-translate": "po4a", "msgmerge": "gettext", "time": "time"}


def _importable(module: str) -> bool:
    probe = [sys.executable, "-c", f"import {module}"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def _apt_install(package: str, log: list[str]) -> None:
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        log.append(f"{package}: not installed and not root (apt-get install {package})")
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    command = ["apt-get", "install", "-y", "-q", package]
    if subprocess.run(command, capture_output=True, env=env, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], capture_output=True, env=env, check=False)
        done = subprocess.run(command, capture_output=True, env=env, check=False)
        if done.returncode != 0:
            log.append(f"{package}: apt-get install failed: {done.stderr.decode()[-300:]}")
            return
    log.append(f"{package}: installed with apt-get")


def ensure(install: bool = True) -> list[str]:
    """Install what is missing (when ``install``); return what was done or is missing."""
    log: list[str] = []
    missing = [dist for dist, module in PYTHON_PEERS.items() if not _importable(module)]
    if missing and install:
        command = [sys.executable, "-m", "pip", "install", "-q", *missing]
        done = subprocess.run(command, capture_output=True, check=False)
        if done.returncode == 0:
            log.append(f"pip installed {', '.join(missing)}")
        else:
            log.append(f"pip install {' '.join(missing)} failed: {done.stderr.decode()[-300:]}")
    elif missing:
        log.append(f"missing Python peers: {', '.join(missing)}")
    for program, package in DEBIAN_PEERS.items():
        if shutil.which(program) is None:
            if install:
                _apt_install(package, log)
            else:
                log.append(f"missing {program} (Debian package {package})")
    return log


def _first_line(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "missing"
    text = (done.stdout or done.stderr).decode(errors="replace").strip()
    return text.splitlines()[0] if text else "unknown"


def versions() -> dict[str, str]:
    """Versions of every tool in the comparison."""
    found: dict[str, str] = {"python": sys.version.split()[0]}
    for dist in ("publish", *PYTHON_PEERS):
        try:
            found[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            found[dist] = "missing"
    found["msgmerge"] = _first_line(["msgmerge", "--version"])
    found["po4a"] = _first_line(["po4a", "--version"])
    where = subprocess.run(
        [sys.executable, "-c", "import publish; print(publish.__file__)"],
        capture_output=True,
        text=True,
        check=False,
    )
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    source = where.stdout.strip()
    # Repo-relative when it is this checkout, so results name no machine paths.
    if source and os.path.abspath(source).startswith(repo + os.sep):
        source = os.path.relpath(source, repo)
    found["publish source"] = source or "not importable"
    head = _first_line(["git", "-C", repo, "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(
        ["git", "-C", repo, "status", "--porcelain", "--", "src"], capture_output=True, check=False
    ).stdout.strip()
    found["git HEAD"] = head + (" (src/ has uncommitted changes)" if dirty else "")
    return found


def available(tool: str) -> bool:
    """Whether a peer can run: ``msgmerge``, ``po4a``, ``translate-toolkit``, ``polib``, ``babel``."""
    if tool == "msgmerge":
        return shutil.which("msgmerge") is not None
    if tool == "po4a":
        return (
            shutil.which("po4a-translate") is not None and shutil.which("po4a-updatepo") is not None
        )
    return _importable(PYTHON_PEERS.get(tool, tool))
