#!/usr/bin/env python3
"""publish against msgmerge, translate-toolkit, Babel, po4a and a plain-Python floor.

One command, from a fresh clone (see benchmarks/README.md)::

    python benchmarks/run.py                 # S, M and B, the full comparison
    python benchmarks/run.py --quick         # S only, one run each (a smoke test)
    python benchmarks/run.py --sizes S,B --repeat 5

It installs or checks the peers, generates the corpora (cached in
``benchmarks/out/corpus``), runs every measured command in its own process
(wall time, CPU time, peak RSS), repeats the runs interleaved so that machine
noise hits every tool alike, scores fuzzy matching against the ground truth
and writes ``benchmarks/results/latest.{md,json}`` and ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import measure  # noqa: E402
import peers  # noqa: E402
import report  # noqa: E402
import score  # noqa: E402

REPO = HERE.parent
OUT = HERE / "out"
PY = sys.executable
PUBLISH = [PY, "-c", "import sys; sys.argv[0] = 'publish'; from publish.cli import main; main()"]
DRIVERS = [PY, str(HERE / "drivers.py")]
ENV = {"SOURCE_DATE_EPOCH": corpus.EPOCH, "PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8"}
LANGS_ALL = ("de", "fr", "ru")


def compile_publish() -> str:
    """Byte-compile the publish package, so that it runs like the pip-installed peers.

    pip compiles what it installs; an editable install (``pip install -e .``) run
    with PYTHONDONTWRITEBYTECODE set would otherwise compile all of publish from
    source in every measured process. The bytecode goes to the usual
    ``__pycache__`` folders (git-ignored).
    """
    where = subprocess.run(
        [PY, "-c", "import os, publish; print(os.path.dirname(publish.__file__))"],
        capture_output=True,
        text=True,
        check=False,
    )
    if where.returncode != 0:
        return f"cannot find the publish package: {where.stderr.strip()[-300:]}"
    package = where.stdout.strip()
    done = subprocess.run(
        [PY, "-m", "compileall", "-q", "--invalidation-mode", "timestamp", package],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return f"compileall {package} failed: {(done.stdout + done.stderr).strip()[-300:]}"
    return f"byte-compiled {package}"


@dataclass
class Case:
    """One measured command: what it is, how to prepare it, how to run it."""

    scenario: str  # update | extract | build-full | build-noop | build-one | parse
    size: str
    tool: str
    command: list[str]
    cwd: Path
    setup: Callable[[], object] | None = None
    after: Callable[[], object] | None = None  # run once, after the first run (fuzzy scores)
    scale: float = 1.0  # > 1: a subset was measured; times are multiplied by this
    note: str = ""
    ok_codes: tuple[int, ...] = (0,)
    timeout: float | None = None  # peers that can take very long are stopped here
    samples: list[measure.Sample] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)
    error: str = ""


@dataclass(frozen=True)
class Plan:
    """How one size is measured (chosen to fit the 15-minute budget)."""

    repeat: int
    babel_articles: int  # Babel is measured on the first N articles, then extrapolated
    po4a_docs: int  # po4a runs once per document: measured on the first N, extrapolated
    peer_langs: int  # msgmerge and pot2po run on the first N languages, then extrapolated
    peer_timeout: float | None  # peers still running after this are stopped
    jobs_variants: bool  # also measure --jobs 2


PLANS = {
    "S": Plan(
        repeat=3,
        babel_articles=4,
        po4a_docs=20,
        peer_langs=3,
        peer_timeout=None,
        jobs_variants=True,
    ),
    "M": Plan(
        repeat=1,
        babel_articles=4,
        po4a_docs=20,
        peer_langs=1,
        peer_timeout=None,
        jobs_variants=True,
    ),
    "B": Plan(
        repeat=1,
        babel_articles=0,
        po4a_docs=1,
        peer_langs=1,
        peer_timeout=90.0,
        jobs_variants=False,
    ),
}
QUICK = Plan(
    repeat=1, babel_articles=2, po4a_docs=5, peer_langs=1, peer_timeout=60.0, jobs_variants=False
)


def _scorer(
    truth: Path,
    langs: tuple[str, ...],
    root: Path,
    subset: list[str] | None = None,
    *,
    layout: str = "flat",
) -> Callable[[], dict[str, float | int]]:
    """Fuzzy scores of the catalogs below ``root`` (``flat``: LANG/SLUG.po; ``gettext``:
    LANG/LC_MESSAGES/SLUG.po), for the case's ``after``."""

    def where(lang: str, slug: str) -> Path:
        if layout == "gettext":
            return root / lang / "LC_MESSAGES" / f"{slug}.po"
        return root / lang / f"{slug}.po"

    return lambda: score.score(truth, langs, where, subset).as_dict()


def _fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def _copy_project(source: Path, target: Path, *, sources: Path | None = None) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, symlinks=True)
    if sources is not None:
        for path in sources.glob("*.md"):
            shutil.copyfile(path, target / "source" / path.name)


def _script(path: Path, lines: list[str]) -> list[str]:
    path.write_text("set -e\n" + "\n".join(lines) + "\n")
    return ["sh", str(path)]


def _q(path: Path | str) -> str:
    return "'" + str(path).replace("'", "'\\''") + "'"


class Sizes:
    """The corpora of one run."""

    def __init__(self, names: list[str], quick: bool) -> None:
        self.specs: dict[str, corpus.Spec] = {}
        for name in names:
            spec = corpus.SIZES[name]
            self.specs[name] = spec
        self.quick = quick

    def folder(self, name: str) -> Path:
        """Where the corpus of size ``name`` lives."""
        spec = self.specs[name]
        return OUT / "corpus" / f"{name}-{spec.key()}"

    def generate(self, jobs: int) -> dict[str, float]:
        """Generate missing corpora; seconds spent per size."""
        spent: dict[str, float] = {}
        for name, spec in self.specs.items():
            start = time.perf_counter()
            corpus.generate(spec, self.folder(name), jobs=jobs)
            spent[name] = round(time.perf_counter() - start, 1)
        return spent


def _slugs(folder: Path) -> list[str]:
    return sorted(path.stem for path in (folder / "base" / "source").glob("*.md"))


def update_cases(size: str, folder: Path, all_langs: tuple[str, ...], plan: Plan) -> list[Case]:
    """``publish update`` against msgmerge, pot2po and Babel on the revision."""
    base, revised, truth = folder / "base", folder / "revised", folder / "truth.json"
    work = OUT / "work" / size / "update"
    slugs = _slugs(folder)
    cases: list[Case] = []
    langs = all_langs
    peer_langs = all_langs[: plan.peer_langs]
    peer_scale = len(all_langs) / len(peer_langs)
    peer_note = (
        f"; extrapolated ×{peer_scale:g} from {len(peer_langs)} of {len(all_langs)} languages"
        if peer_scale > 1
        else ""
    )
    babel_articles = plan.babel_articles

    def publish_case(jobs: int) -> Case:
        target = work / f"publish-j{jobs}"
        return Case(
            "update",
            size,
            "publish" if jobs == 1 else f"publish --jobs {jobs}",
            [*PUBLISH, "update", "--jobs", str(jobs)],
            target,
            setup=lambda: _copy_project(base, target, sources=revised / "source"),
            after=_scorer(truth, langs, target / "locale", layout="gettext"),
            note="subprocess: extract + merge + write, from the revised sources",
        )

    cases.append(publish_case(1))
    if plan.jobs_variants:
        cases.append(publish_case(2))
    if peers.available("msgmerge"):
        target = work / "msgmerge"

        def setup_msgmerge(target: Path = target) -> None:
            _fresh(target)
            lines = []
            for lang in peer_langs:
                (target / "out" / lang).mkdir(parents=True)
                for slug in slugs:
                    old = base / "locale" / lang / "LC_MESSAGES" / f"{slug}.po"
                    pot = revised / "locale" / f"{slug}.pot"
                    lines.append(
                        f"msgmerge --previous --quiet -o out/{lang}/{slug}.po {_q(old)} {_q(pot)}"
                    )
            _script(target / "run.sh", lines)

        cases.append(
            Case(
                "update",
                size,
                "msgmerge --previous",
                ["sh", "run.sh"],
                target,
                setup=setup_msgmerge,
                after=_scorer(truth, peer_langs, target / "out"),
                scale=peer_scale,
                timeout=plan.peer_timeout,
                note="one call per catalog (as po4a does), given the revised .pot files"
                + peer_note,
            )
        )
    if peers.available("translate-toolkit"):
        target = work / "pot2po"

        def setup_pot2po(target: Path = target) -> None:
            _fresh(target)
            (target / "out").mkdir()
            lines = [
                f"pot2po --progress none -t {_q(base / 'locale' / lang / 'LC_MESSAGES')} "
                f"-i {_q(revised / 'locale')} -o out/{lang}"
                for lang in peer_langs
            ]
            _script(target / "run.sh", lines)

        cases.append(
            Case(
                "update",
                size,
                "pot2po + RapidFuzz",
                ["sh", "run.sh"],
                target,
                setup=setup_pot2po,
                after=_scorer(truth, peer_langs, target / "out"),
                scale=peer_scale,
                timeout=plan.peer_timeout,
                note="one process per language (a folder of templates each)" + peer_note,
            )
        )
    if peers.available("babel") and babel_articles > 0:
        target = work / "babel"
        subset = slugs[:babel_articles]

        def setup_babel(target: Path = target) -> None:
            _fresh(target)
            lines = []
            for lang in langs:
                (target / "out" / lang).mkdir(parents=True)
                for slug in subset:
                    old = base / "locale" / lang / "LC_MESSAGES" / f"{slug}.po"
                    pot = revised / "locale" / f"{slug}.pot"
                    lines.append(f"{old}\t{pot}\t{target / 'out' / lang / f'{slug}.po'}")
            (target / "jobs.txt").write_text("\n".join(lines) + "\n")

        scale = len(slugs) / len(subset)
        cases.append(
            Case(
                "update",
                size,
                "Babel Catalog.update",
                [*DRIVERS, "babel-update", "jobs.txt"],
                target,
                setup=setup_babel,
                after=_scorer(truth, langs, target / "out", subset),
                scale=scale,
                note=(
                    f"extrapolated ×{scale:g} from {len(subset)} article(s) × {len(langs)} languages"
                    if scale > 1
                    else "read_po + update + write_po in one process"
                ),
            )
        )
    return cases


def extract_cases(size: str, folder: Path, plan: Plan) -> list[Case]:
    """``publish extract`` against po4a, txt2po and the floor (templates from scratch)."""
    base = folder / "base"
    work = OUT / "work" / size / "extract"
    slugs = _slugs(folder)
    cases: list[Case] = []

    def publish_case(jobs: int) -> Case:
        target = work / f"publish-j{jobs}"

        def setup() -> None:
            _fresh(target)
            shutil.copyfile(base / "publish.yaml", target / "publish.yaml")
            shutil.copytree(base / "source", target / "source")

        return Case(
            "extract",
            size,
            "publish" if jobs == 1 else f"publish --jobs {jobs}",
            [*PUBLISH, "extract", "--jobs", str(jobs)],
            target,
            setup=setup,
            note="subprocess: every template written from scratch",
        )

    cases.append(publish_case(1))
    if plan.jobs_variants:
        cases.append(publish_case(2))
    if peers.available("po4a"):
        target = work / "po4a"
        subset = slugs[: plan.po4a_docs]

        def setup_po4a(target: Path = target) -> None:
            _fresh(target)
            (target / "out").mkdir()
            lines = [
                f"po4a-updatepo -f text -o markdown -M UTF-8 "
                f"-m {_q(base / 'source' / f'{slug}.md')} -p out/{slug}.pot"
                for slug in subset
            ]
            _script(target / "run.sh", lines)

        scale = len(slugs) / len(subset)
        cases.append(
            Case(
                "extract",
                size,
                "po4a (po4a-updatepo)",
                ["sh", "run.sh"],
                target,
                setup=setup_po4a,
                scale=scale,
                timeout=plan.peer_timeout,
                note="one call per document"
                + (f"; extrapolated ×{scale:g} from {len(subset)} documents" if scale > 1 else ""),
            )
        )
    if peers.available("translate-toolkit"):
        target = work / "txt2po"
        cases.append(
            Case(
                "extract",
                size,
                "translate-toolkit txt2po",
                ["txt2po", "--progress", "none", "-P", "-i", str(base / "source"), "-o", "out"],
                target,
                setup=functools.partial(_fresh, target),
                timeout=plan.peer_timeout,
                note="one process for the folder",
            )
        )
    target = work / "floor"
    cases.append(
        Case(
            "extract",
            size,
            "floor (plain Python)",
            [*DRIVERS, "floor-extract", str(base / "source"), "out"],
            target,
            setup=functools.partial(_fresh, target),
            note="split front matter and paragraphs, write msgid/msgstr pairs",
        )
    )
    return cases


def _touch_one_catalog(root: Path, lang: str, slug: str) -> None:
    path = root / "locale" / lang / "LC_MESSAGES" / f"{slug}.po"
    text = path.read_text(encoding="utf-8")
    start = text.index("#. paragraph 1")
    spot = text.index('\nmsgstr "', start) + len('\nmsgstr "')
    path.write_text(text[:spot] + "Ж" + text[spot:], encoding="utf-8")


def build_cases(size: str, folder: Path, langs: tuple[str, ...], plan: Plan) -> list[Case]:
    """``publish build`` (full, no-op, one catalog changed) against po4a, po2txt and the floor."""
    base = folder / "base"
    work = OUT / "work" / size / "build"
    slugs = _slugs(folder)
    cases: list[Case] = []
    target = work / "publish"
    cases.append(
        Case(
            "build-full",
            size,
            "publish",
            [*PUBLISH, "build"],
            target,
            setup=lambda: _copy_project(base, target),
            note="subprocess; every page rendered, verified and written",
            ok_codes=(0, 1),
        )
    )
    cases.append(
        Case(
            "build-noop",
            size,
            "publish",
            [*PUBLISH, "build"],
            target,
            ok_codes=(0, 1),
            note="the same build again: nothing changed",
        )
    )
    cases.append(
        Case(
            "build-one",
            size,
            "publish",
            [*PUBLISH, "build"],
            target,
            setup=lambda: _touch_one_catalog(target, langs[-1], slugs[0]),
            ok_codes=(0, 1),
            note="after one msgstr of one catalog changed",
        )
    )
    target2 = work / "publish-j2"
    if plan.jobs_variants:
        cases.append(
            Case(
                "build-full",
                size,
                "publish --jobs 2",
                [*PUBLISH, "build", "--jobs", "2"],
                target2,
                setup=lambda: _copy_project(base, target2),
                ok_codes=(0, 1),
                note="subprocess; pages rendered in 2 processes",
            )
        )
    if peers.available("po4a"):
        target3 = work / "po4a"
        subset = slugs[: max(1, plan.po4a_docs // 2)]

        def setup_po4a() -> None:
            _fresh(target3)
            lines = []
            for lang in langs:
                (target3 / "out" / lang).mkdir(parents=True)
                for slug in subset:
                    lines.append(
                        f"po4a-translate -f text -o markdown -M UTF-8 -k 0 "
                        f"-m {_q(base / 'source' / f'{slug}.md')} "
                        f"-p {_q(base / 'locale' / lang / 'LC_MESSAGES' / f'{slug}.po')} "
                        f"-l out/{lang}/{slug}.md"
                    )
            _script(target3 / "run.sh", lines)

        scale = len(slugs) / len(subset)
        cases.append(
            Case(
                "build-full",
                size,
                "po4a (po4a-translate)",
                ["sh", "run.sh"],
                target3,
                setup=setup_po4a,
                scale=scale,
                timeout=plan.peer_timeout,
                note="translated Markdown, one call per document and language"
                + (f"; extrapolated ×{scale:g} from {len(subset)} documents" if scale > 1 else ""),
            )
        )
    if peers.available("translate-toolkit"):
        target4 = work / "po2txt"

        def setup_po2txt() -> None:
            _fresh(target4)
            (target4 / "out").mkdir()
            templates = target4 / "templates"
            templates.mkdir()
            for slug in slugs:
                (templates / f"{slug}.txt").symlink_to(base / "source" / f"{slug}.md")
            lines = [
                f"po2txt --progress none -t templates "
                f"-i {_q(base / 'locale' / lang / 'LC_MESSAGES')} -o out/{lang}"
                for lang in langs
            ]
            _script(target4 / "run.sh", lines)

        cases.append(
            Case(
                "build-full",
                size,
                "translate-toolkit po2txt",
                ["sh", "run.sh"],
                target4,
                setup=setup_po2txt,
                timeout=plan.peer_timeout,
                note="translated text, one process per language",
            )
        )
    target5 = work / "floor"
    cases.append(
        Case(
            "build-full",
            size,
            "floor (plain Python)",
            [*DRIVERS, "floor-build", str(base), "out", *langs],
            target5,
            setup=functools.partial(_fresh, target5),
            note="read .po + source, write an HTML page of escaped paragraphs per page",
        )
    )
    return cases


def parse_cases(size: str, folder: Path, lang: str, plan: Plan) -> list[Case]:
    """Reading the biggest catalog: publish's reader against polib, Babel and the floor."""
    slug = _slugs(folder)[0]
    path = folder / "base" / "locale" / lang / "LC_MESSAGES" / f"{slug}.po"
    target = OUT / "work" / size / "parse"
    cases = []
    tools = [("publish reader", "parse-publish"), ("floor (read + split lines)", "parse-floor")]
    if peers.available("polib"):
        tools.append(("polib", "parse-polib"))
    if peers.available("babel"):
        tools.append(("Babel read_po", "parse-babel"))
    for tool, command in tools:
        cases.append(
            Case(
                "parse",
                size,
                tool,
                [*DRIVERS, command, str(path)],
                target,
                setup=functools.partial(target.mkdir, parents=True, exist_ok=True),
                timeout=plan.peer_timeout if not tool.startswith("publish") else None,
                note=f"{path.stat().st_size / 1e6:.1f} MB catalog",
            )
        )
    return cases


def run_case(case: Case, index: int, number: int) -> None:
    """One run of one case (its setup untimed); failures are recorded on the case."""
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    label = f"[run {number + 1}] {case.size} {case.scenario}: {case.tool}"
    print(label, end=" ... ", flush=True)
    try:
        if case.setup is not None:
            case.setup()
        log = logs / f"{case.size}-{case.scenario}-{index}.log"
        sample = measure.run(
            case.command,
            cwd=case.cwd,
            env=ENV,
            log=log,
            ok_codes=case.ok_codes,
            timeout=case.timeout,
        )
    except (measure.CommandFailed, OSError, ValueError) as exc:
        case.error = str(exc).splitlines()[0]
        print("FAILED:", case.error)
        return
    case.samples.append(sample)
    if sample.timed_out:
        print(f"stopped after {sample.seconds:.0f} s")
        return
    print(f"{sample.seconds:.2f} s, {sample.max_rss_mb:.0f} MB")
    if number == 0 and case.after is not None:
        case.extra["fuzzy"] = case.after()


def run_rounds(groups: list[tuple[str, list[Case], int]], deadline: float) -> None:
    """Round 1 runs every case of every size; later rounds repeat while time is left.

    Within a round the cases run one after the other, so machine noise hits
    every tool of a scenario alike; a case that failed or was stopped is not
    run again.
    """
    rounds = max(repeat for _, _, repeat in groups)
    for number in range(rounds):
        for name, cases, repeat in groups:
            if number >= repeat:
                continue
            if number > 0 and time.monotonic() > deadline:
                print(f"time budget reached: {name} keeps {number} run(s) per case")
                continue
            for index, case in enumerate(cases):
                if case.error or (case.samples and case.samples[-1].timed_out):
                    continue
                if case.scenario in ("build-noop", "build-one") and (
                    cases[index - 1].error or len(cases[index - 1].samples) <= number
                ):
                    continue  # they run on the site the previous case built
                run_case(case, index, number)


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the benchmark, write the results."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", default="S,M,B", help="comma-separated: S, M, B (default all)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="runs per case (default: 3 on S, 1 on M and B, to fit 15 minutes)",
    )
    parser.add_argument("--quick", action="store_true", help="S only, one run each, small subsets")
    parser.add_argument(
        "--no-install", action="store_true", help="do not pip/apt-get install peers"
    )
    parser.add_argument("--budget", type=float, default=13.5, help="minutes before repeats stop")
    parser.add_argument("--output", type=Path, default=HERE / "results", help="results folder")
    parser.add_argument("--no-docs", action="store_true", help="do not copy the table to docs/")
    args = parser.parse_args(argv)

    started = time.monotonic()
    deadline = started + args.budget * 60
    names = ["S"] if args.quick else [n.strip() for n in args.sizes.split(",") if n.strip()]
    print("peers:", "; ".join(peers.ensure(install=not args.no_install)) or "all present")
    print("publish:", compile_publish())
    versions = peers.versions()
    sizes = Sizes(names, args.quick)
    generated = sizes.generate(jobs=max(1, min(4, os.cpu_count() or 1)))
    print("corpora:", ", ".join(f"{n} {s:.0f} s" for n, s in generated.items()))

    groups: list[tuple[str, list[Case], int]] = []
    for name in names:
        folder = sizes.folder(name)
        spec = sizes.specs[name]
        plan = QUICK if args.quick else PLANS[name]
        repeat = args.repeat if args.repeat is not None else plan.repeat
        cases = update_cases(name, folder, spec.languages, plan)
        cases += extract_cases(name, folder, plan)
        cases += build_cases(name, folder, spec.languages, plan)
        if name == "B":
            cases += parse_cases(name, folder, spec.languages[0], plan)
        groups.append((name, cases, 1 if args.quick else repeat))
    run_rounds(groups, deadline)

    all_cases = [case for _, cases, _ in groups for case in cases]
    results = report.collect(
        all_cases, sizes.specs, versions, generated, time.monotonic() - started
    )
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "latest.json").write_text(
        json.dumps(results, indent=1, ensure_ascii=False) + "\n"
    )
    text = report.markdown(results)
    (args.output / "latest.md").write_text(text)
    if not args.no_docs and not args.quick:
        (REPO / "docs" / "benchmarks.md").write_text(text)
    print(text)
    print(f"total {time.monotonic() - started:.0f} s; machine {platform.node()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
