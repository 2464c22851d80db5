"""Turn measured cases into the JSON results and the Markdown table, targets included."""

from __future__ import annotations

import datetime as dt
import os
import platform
from typing import Any

import measure

SCENARIOS = {
    "update": "update: merge the revision into every catalog",
    "extract": "extract: one template per article, from scratch",
    "build-full": "build: every page from scratch",
    "build-noop": "build again, nothing changed",
    "build-one": "build after one .po changed",
    "parse": "parse the 50,000-entry catalog",
}
ROUGHLY_CONSTANT = 1.25  # peak memory M / S at most this to count as "roughly constant"


def collect(
    cases: list[Any],
    specs: dict[str, Any],
    versions: dict[str, str],
    generated: dict[str, float],
    total_seconds: float,
) -> dict[str, Any]:
    """The results as plain data (what latest.json holds)."""
    rows = []
    for case in cases:
        samples: list[measure.Sample] = case.samples
        row: dict[str, Any] = {
            "scenario": case.scenario,
            "size": case.size,
            "tool": case.tool,
            "runs": len(samples),
            "scale": case.scale,
            "note": case.note,
            "error": case.error,
        }
        if samples and samples[-1].timed_out:
            row["stopped_after"] = round(samples[-1].seconds * case.scale, 1)
            samples = []
        if samples:
            measured = measure.median([s.seconds for s in samples])
            row.update(
                seconds=round(measured * case.scale, 3),
                seconds_measured=round(measured, 3),
                cpu_seconds=round(measure.median([s.cpu_seconds for s in samples]) * case.scale, 3),
                max_rss_mb=round(measure.median([s.max_rss_mb for s in samples]), 1),
                all_seconds=[round(s.seconds, 3) for s in samples],
            )
            internal = [s.internal_seconds for s in samples if s.internal_seconds is not None]
            if internal:
                row["internal_seconds"] = round(measure.median(internal) * case.scale, 3)
        row.update(case.extra)
        rows.append(row)
    results: dict[str, Any] = {
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_average_end": os.getloadavg(),
        },
        "versions": versions,
        "corpora": {
            name: {
                "articles": spec.articles,
                "paragraphs": spec.paragraphs,
                "languages": list(spec.languages),
                "generation_seconds": generated.get(name),
            }
            for name, spec in specs.items()
        },
        "total_seconds": round(total_seconds, 1),
        "rows": rows,
    }
    results["targets"] = targets(rows)
    return results


def _find(rows: list[dict[str, Any]], scenario: str, size: str, tool: str) -> dict[str, Any] | None:
    for row in rows:
        if row["scenario"] == scenario and row["size"] == size and row["tool"] == tool:
            return row if "seconds" in row else None
    return None


def _time(
    rows: list[dict[str, Any]], scenario: str, size: str, prefix: str, *, bound: bool = False
) -> float | None:
    """The median time of the first matching tool; with ``bound``, a stopped tool's lower bound."""
    for row in rows:
        if row["scenario"] == scenario and row["size"] == size and row["tool"].startswith(prefix):
            if "seconds" in row:
                return float(row["seconds"])
            if bound and "stopped_after" in row:
                return float(row["stopped_after"])
    return None


def targets(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each target of the issue, its measured value and whether it is met."""
    out: list[dict[str, Any]] = []
    sizes = sorted({row["size"] for row in rows}, key="SMB".index)

    def add(name: str, value: float | None, goal: str, met: bool | None, detail: str = "") -> None:
        out.append(
            {
                "target": name,
                "value": None if value is None else round(value, 3),
                "goal": goal,
                "met": met,
                "detail": detail,
            }
        )

    for size in sizes:
        publish = _time(rows, "update", size, "publish")
        best_jobs = min(
            (
                float(r["seconds"])
                for r in rows
                if r["scenario"] == "update"
                and r["size"] == size
                and r["tool"].startswith("publish")
                and "seconds" in r
            ),
            default=None,
        )
        peer_names = ("msgmerge", "pot2po", "Babel")
        peers = {
            name: t for name in peer_names if (t := _time(rows, "update", size, name)) is not None
        }
        if publish is not None and size in ("S", "M"):
            fastest = min(peers.items(), key=lambda item: item[1]) if peers else None
            if fastest is not None:
                ratio = publish / fastest[1]
                add(
                    f"update {size}: no slower than the fastest peer ({fastest[0]})",
                    ratio,
                    "publish / peer ≤ 1",
                    ratio <= 1,
                    f"publish {publish:.2f} s (best with --jobs: {best_jobs:.2f} s), "
                    f"{fastest[0]} {fastest[1]:.2f} s",
                )
            if "Babel" in peers:
                ratio = peers["Babel"] / publish
                add(
                    f"update {size}: ≥ 100× faster than Babel",
                    ratio,
                    "Babel / publish ≥ 100",
                    ratio >= 100,
                )
        msgmerge = _time(rows, "update", size, "msgmerge", bound=True)
        if publish is not None and size == "B" and msgmerge is not None:
            stopped = "msgmerge" not in peers
            ratio = publish / msgmerge
            add(
                "update B: no slower than msgmerge",
                ratio,
                "publish / msgmerge ≤ 1",
                ratio <= 1,
                f"publish {publish:.2f} s, msgmerge "
                + (f"stopped after {msgmerge:.0f} s" if stopped else f"{msgmerge:.2f} s"),
            )
        mine = _find(rows, "update", size, "publish")
        theirs = _find(rows, "update", size, "msgmerge --previous")
        if mine and "fuzzy" in mine:
            precision = float(mine["fuzzy"]["precision"])
            add(f"fuzzy {size}: precision 100%", precision, "= 1.0", precision == 1.0)
            if theirs and "fuzzy" in theirs:
                recall, reference = float(mine["fuzzy"]["recall"]), float(theirs["fuzzy"]["recall"])
                add(
                    f"fuzzy {size}: recall ≥ msgmerge's",
                    recall,
                    f"≥ {reference:.4f}",
                    recall >= reference,
                )
        extract = _time(rows, "extract", size, "publish")
        floor = _time(rows, "extract", size, "floor")
        po4a = _time(rows, "extract", size, "po4a")
        if extract is not None and floor is not None:
            add(
                f"extract {size}: within 2× of the floor",
                extract / floor,
                "publish / floor ≤ 2",
                extract / floor <= 2,
            )
        if extract is not None and po4a is not None:
            add(
                f"extract {size}: ≥ 50× faster than po4a",
                po4a / extract,
                "po4a / publish ≥ 50",
                po4a / extract >= 50,
            )
        full = _time(rows, "build-full", size, "publish")
        if full is not None:
            for peer in ("po4a", "translate-toolkit"):
                theirs_time = _time(rows, "build-full", size, peer)
                if theirs_time is not None and size == "M":
                    add(
                        f"build M: ≥ 10× faster than {peer}",
                        theirs_time / full,
                        f"{peer} / publish ≥ 10",
                        theirs_time / full >= 10,
                    )
            noop = _time(rows, "build-noop", size, "publish")
            one = _time(rows, "build-one", size, "publish")
            if noop is not None and size == "M":
                add(
                    "build M: no-op ≤ 5% of a full build",
                    noop / full,
                    "≤ 0.05",
                    noop / full <= 0.05,
                )
            if one is not None and size == "M":
                add(
                    "build M: one .po changed ≤ 2% of a full build",
                    one / full,
                    "≤ 0.02",
                    one / full <= 0.02,
                )
            build_floor = _time(rows, "build-full", size, "floor")
            if build_floor is not None:
                add(
                    f"build {size}: within 3× of the floor",
                    full / build_floor,
                    "publish / floor ≤ 3",
                    full / build_floor <= 3,
                )
    for scenario in ("update", "build-full"):
        small = _find(rows, scenario, "S", "publish")
        medium = _find(rows, scenario, "M", "publish")
        if small and medium:
            ratio = float(medium["max_rss_mb"]) / float(small["max_rss_mb"])
            add(
                f"{scenario.split('-')[0]}: peak memory roughly constant S → M",
                ratio,
                f"M / S ≤ {ROUGHLY_CONSTANT}",
                ratio <= ROUGHLY_CONSTANT,
                f"S {small['max_rss_mb']} MB, M {medium['max_rss_mb']} MB",
            )
    return out


def _seconds(row: dict[str, Any]) -> str:
    if "stopped_after" in row:
        return f"> {row['stopped_after']:.0f} (stopped)"
    if "seconds" not in row:
        return "failed" if row.get("error") else "—"
    text = f"{row['seconds']:.2f}"
    return text + " *" if row.get("scale", 1) > 1 else text


def markdown(results: dict[str, Any]) -> str:
    """The results as a Markdown document."""
    rows = results["rows"]
    lines = [
        "# Benchmarks",
        "",
        "Generated by `python benchmarks/run.py` (see benchmarks/README.md) on "
        f"{results['generated']}, {results['machine']['cpus']} CPUs, "
        f"{results['machine']['platform']}; total run {results['total_seconds']:.0f} s. "
        f"Load average at the end: {', '.join(f'{x:.1f}' for x in results['machine']['load_average_end'])}.",
        "",
        "Every command runs in its own process and is timed from start to exit (interpreter "
        "start-up included, for every tool). publish is byte-compiled (`python -m compileall`) "
        "before the runs, so that it starts like the peers, which pip installed with their "
        "bytecode. Times are medians of the runs; `*` marks a time "
        'extrapolated from a subset (see the note). "× publish" is the tool\'s time divided by '
        "publish's (above 1: publish is faster). Peak RSS is the largest resident set of the "
        "process and its children.",
        "",
    ]
    for size in sorted({r["size"] for r in rows}, key="SMB".index):
        corpus_info = results["corpora"][size]
        lines += [
            f"## {size}: {corpus_info['articles']} article(s) × {corpus_info['paragraphs']} "
            f"paragraphs × {len(corpus_info['languages'])} language(s)",
            "",
        ]
        for scenario, title in SCENARIOS.items():
            chosen = [r for r in rows if r["size"] == size and r["scenario"] == scenario]
            if not chosen:
                continue
            reference = next(
                (
                    r
                    for r in chosen
                    if r["tool"] in ("publish", "publish reader") and "seconds" in r
                ),
                None,
            )
            if reference is None and scenario in ("build-noop", "build-one"):
                reference = _find(rows, "build-full", size, "publish")
            lines += [f"### {title}", ""]
            lines += ["| tool | seconds | × publish | CPU s | peak RSS MB | runs | note |"]
            lines += ["|---|---:|---:|---:|---:|---:|---|"]
            for row in chosen:
                ratio = "—"
                if reference is not None and "seconds" in row and reference["seconds"]:
                    ratio = f"{row['seconds'] / reference['seconds']:.2f}"
                note = row["note"] + (f"; error: {row['error']}" if row.get("error") else "")
                if "internal_seconds" in row:
                    note += f"; work alone {row['internal_seconds']:.2f} s"
                lines.append(
                    f"| {row['tool']} | {_seconds(row)} | {ratio} | "
                    f"{row.get('cpu_seconds', '—')} | {row.get('max_rss_mb', '—')} | "
                    f"{row['runs']} | {note} |"
                )
            lines.append("")
        fuzzy = [r for r in rows if r["size"] == size and "fuzzy" in r]
        if fuzzy:
            lines += [
                f"### fuzzy matching on {size} (against the ground truth)",
                "",
                "| tool | edited | TP | FP | FN | inserted given a translation | precision | recall |",
                "|---|---:|---:|---:|---:|---:|---:|---:|",
            ]
            for row in fuzzy:
                f = row["fuzzy"]
                lines.append(
                    f"| {row['tool']} | {f['edited']} | {f['true_positive']} | "
                    f"{f['false_positive']} | {f['false_negative']} | {f['inserted_suggested']} | "
                    f"{f['precision']:.4f} | {f['recall']:.4f} |"
                )
            lines.append("")
    lines += [
        "## Targets",
        "",
        "| target | value | goal | met | detail |",
        "|---|---:|---|---|---|",
    ]
    for target in results["targets"]:
        met = {True: "met", False: "**not met**", None: "—"}[target["met"]]
        value = "—" if target["value"] is None else f"{target['value']:.3g}"
        lines.append(
            f"| {target['target']} | {value} | {target['goal']} | {met} | {target['detail']} |"
        )
    lines += ["", "## Versions", ""]
    lines += [f"- {name}: {version}" for name, version in results["versions"].items()]
    lines += [
        "",
        "## Method",
        "",
        "- Corpus: `benchmarks/corpus.py`, seeded. Paragraphs of 20-120 words from a Zipf "
        "vocabulary; word-by-word pseudo-translations (Cyrillic for ru). The revision edits about "
        "10% of the paragraphs (a few words, a sentence added or dropped, heavy rewrites, "
        "typography only), inserts 3% and deletes 3%, and records where each new paragraph came "
        "from.",
        "- update: publish runs `publish update` on a copy of the project whose sources were "
        "revised (it extracts the templates itself); msgmerge, pot2po and Babel are given the "
        "revised templates, made beforehand by publish and not timed.",
        "- Fuzzy scores: an edited paragraph whose entry holds its own earlier translation is a "
        "true positive (fuzzy, or carried unfuzzy for typography); another paragraph's "
        "translation is a false positive; nothing is a false negative. An inserted paragraph "
        "given any translation is a false positive.",
        "- po4a 0.69's `po4a-gettextize` refuses to run without a translated document; "
        "`po4a-updatepo` (same parser, Locale::Po4a::Text with `-o markdown`) makes the "
        "templates. po4a and po2txt write translated Markdown/text, not HTML pages.",
        "- The floors (`benchmarks/drivers.py`) read and write the same bytes with plain Python "
        "and no validation at all.",
        "",
    ]
    return "\n".join(lines)
