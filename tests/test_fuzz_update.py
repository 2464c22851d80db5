"""Property: no ``publish update`` ever loses a translation, on disk, through the CLI.

``tests/test_merge.py`` proves it for the pure merge; this drives the whole
command: two articles are revised at random (paragraphs edited, retyped with
typographic quotes, moved between the articles, removed and brought back),
a translator translates some of what is new between revisions, and after every
``update`` each catalog still holds every translation it ever held, as an
active entry (possibly fuzzy) or an obsolete one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish.po.reader import read_catalog
from publish.po.writer import write_catalog

from helpers import new_project, run

EXAMPLES = max(5, int(os.environ.get("PUBLISH_FUZZ_EXAMPLES", "150")) // 10)
ARTICLES = ("alpha", "beta")
POOL = [
    'The operator said "we sold out the first week" and added more cars...',
    "Tickets cost from 49 euros; the sleeper is booked for weeks.",
    'Passengers called it "a hotel on rails" -- and asked for more lines.',
    "The train leaves Vienna at 21:40 and reaches Zurich at dawn.",
    "Crews were trained in January, before the first departure.",
    'A union spokesman called the timetable "ambitious but possible."',
    "Stations along the route added late-night cafes for the travellers.",
    "The ministry promised a decision on a second line by autumn.",
]


def paragraph(index: int, kind: int) -> str:
    """Paragraph ``index`` of the pool: as written (0), edited (1) or retyped (2)."""
    text = POOL[index]
    if kind == 1:
        return text.rstrip(".") + ", officials confirmed."
    if kind == 2:
        return text.replace('"', "“", 1).replace('"', "”", 1).replace("...", "…").replace("--", "—")
    return text


def article(name: str, paragraphs: list[str]) -> str:
    """A source article with these body paragraphs."""
    return (
        f"---\ntitle: The {name} story\nauthors:\n- A. Writer\ndate: 2024-03-05\n"
        f"original_url: https://news.example.com/{name}\nnotice: © 2024 Example Wire.\n---\n\n"
        + "\n\n".join(paragraphs)
        + "\n"
    )


# One revision: for each article, paragraphs (pool index, variant) in order.
revision = st.tuples(
    *[
        st.lists(
            st.tuples(st.integers(0, len(POOL) - 1), st.integers(0, 2)),
            min_size=1,
            max_size=5,
            unique_by=lambda item: item[0],
        )
        for _ in ARTICLES
    ]
)


@pytest.fixture(scope="module")
def empty_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A project with Russian configured and no article yet."""
    yield new_project(tmp_path_factory.mktemp("update-property"), ["ru"])


def translations(root: Path, name: str) -> set[str]:
    """Every non-empty translation in an article's Russian catalog, active or obsolete."""
    path = root / f"locale/ru/LC_MESSAGES/{name}.po"
    if not path.exists():
        return set()
    catalog = read_catalog(path.read_bytes(), str(path))
    found = {entry.msgstr for entry in catalog.entries if entry.msgstr}
    for entry in catalog.entries:
        found |= {text for text in entry.msgstr_plural.values() if text}
    return found


def translator_works(root: Path, name: str, choices: list[bool], step: int) -> None:
    """Translate the untranslated entries the choices pick, with translations never seen before."""
    path = root / f"locale/ru/LC_MESSAGES/{name}.po"
    catalog = read_catalog(path.read_bytes(), str(path))
    for number, entry in enumerate(e for e in catalog.entries if not e.obsolete and not e.msgstr):
        if choices[number % len(choices)]:
            entry.msgstr = f"Перевод {name} {step}.{number}: {entry.msgid[:20]}"
    path.write_text(write_catalog(catalog), encoding="utf-8")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(
    revisions=st.lists(revision, min_size=2, max_size=4),
    choices=st.lists(st.booleans(), min_size=1, max_size=6),
)
def test_no_update_ever_loses_a_translation(
    empty_project: Path,
    revisions: list[tuple[list[tuple[int, int]], ...]],
    choices: list[bool],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "proj"
        shutil.copytree(empty_project, root)
        ever: dict[str, set[str]] = {name: set() for name in ARTICLES}
        for step, bodies in enumerate(revisions):
            for name, items in zip(ARTICLES, bodies, strict=True):
                text = article(name, [paragraph(index, kind) for index, kind in items])
                (root / "source" / f"{name}.md").write_text(text, encoding="utf-8")
            result = run(["update"], root)
            assert result.exit_code == 0, result.output
            for name in ARTICLES:
                kept = translations(root, name)
                lost = ever[name] - kept
                assert not lost, f"update lost {sorted(lost)} from {name} at step {step}"
                translator_works(root, name, choices, step)
                ever[name] |= translations(root, name)
