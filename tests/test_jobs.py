"""``--jobs N`` for extract and update: the files written are the same for any N."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from helpers import new_project, run, tree_snapshot

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "soldiers",
    "mothers",
    "region",
    "war",
    "home",
    "army",
    "contract",
    "refused",
    "returned",
    "lawyer",
    "son",
    "unit",
    "tribunal",
    "prison",
    "money",
    "food",
    "brigade",
    "losses",
    "income",
    "rubles",
    "village",
    "council",
    "letter",
    "appeal",
    "court",
    "winter",
    "border",
    "train",
    "officer",
]


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 40))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def _article(slug: str, title: str, paragraphs: list[str]) -> str:
    return (
        "---\n"
        f"title: {title}\n"
        "authors:\n- A. Writer\n"
        "date: 2022-07-12\n"
        f"original_url: https://example.org/{slug}\n"
        "notice: Copyright (c) 2022 Example. Reprinted with permission.\n"
        "language: en\n"
        "---\n\n" + "\n\n".join(paragraphs) + "\n"
    )


def _project(tmp_path: Path, articles: int = 14) -> tuple[Path, dict[str, list[str]]]:
    """A project with translated catalogs in two languages, and a revision of every article."""
    root = new_project(tmp_path, ["ru", "de"])
    rng = random.Random(7)
    revised: dict[str, list[str]] = {}
    for number in range(articles):
        slug = f"story-{number:02d}"
        paragraphs = list(dict.fromkeys(_paragraph(rng) for _ in range(8)))
        (root / "source" / f"{slug}.md").write_text(
            _article(slug, f"Story {number}", paragraphs), encoding="utf-8"
        )
        new = list(paragraphs)
        new[1] = new[1].replace(" the ", " a ", 1) + " Later."  # edited
        new[2] = new[2].replace(".", "…")  # typography only
        del new[3]  # deleted
        new.insert(4, _paragraph(rng))  # inserted
        if number % 3 == 0:
            new.append(paragraphs[1])  # another article's kind of reuse
        revised[slug] = new
    assert run(["init", "ru", "de"], root).exit_code == 0
    for path in sorted((root / "locale").rglob("*.po")):
        text = path.read_text(encoding="utf-8")
        out, counter = [], 0
        for line in text.split("\n"):
            if line == 'msgstr ""' and out and not out[-1].startswith('msgid ""'):
                counter += 1
                line = f'msgstr "T{counter} {path.parent.parent.name}"'
            out.append(line)
        path.write_text("\n".join(out), encoding="utf-8")
    for slug, paragraphs in revised.items():
        number = int(slug.split("-")[1])
        (root / "source" / f"{slug}.md").write_text(
            _article(slug, f"Story {number}", paragraphs), encoding="utf-8"
        )
    return root, revised


def _copy(root: Path, name: str) -> Path:
    target = root.parent / name
    shutil.copytree(root, target)
    return target


def test_update_jobs_writes_the_same_bytes(tmp_path: Path) -> None:
    root, _ = _project(tmp_path)
    results = {}
    for jobs in (1, 2, 3):
        copy = _copy(root, f"j{jobs}")
        result = run(["update", "--jobs", str(jobs)], copy)
        assert result.exit_code == 0, result.output
        results[jobs] = (tree_snapshot(copy), result.output)
    assert results[1][0] == results[2][0] == results[3][0]
    assert results[1][1] == results[2][1] == results[3][1]
    assert "fuzzy" in results[1][1] and "carried" in results[1][1]


def test_update_jobs_reports_every_catalog_in_article_order(tmp_path: Path) -> None:
    root, revised = _project(tmp_path, articles=9)
    result = run(["update", "--jobs", "2"], root)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "LC_MESSAGES" in line]
    expected = [
        f"locale/{lang}/LC_MESSAGES/{slug}.po" for lang in ("ru", "de") for slug in sorted(revised)
    ]
    assert [line.split()[1].rstrip(":") for line in lines] == expected


def test_update_jobs_keeps_unreadable_catalogs_untouched(tmp_path: Path) -> None:
    root, _ = _project(tmp_path, articles=8)
    broken = root / "locale" / "ru" / "LC_MESSAGES" / "story-03.po"
    text = broken.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstd "y"\n'
    broken.write_text(text, encoding="utf-8")
    result = run(["update", "--jobs", "2"], root)
    assert result.exit_code == 2
    assert "story-03.po" in result.output
    assert broken.read_text(encoding="utf-8") == text
    assert "updated locale/ru/LC_MESSAGES/story-04.po" in result.output


def test_extract_jobs_writes_the_same_bytes(tmp_path: Path) -> None:
    root, _ = _project(tmp_path)
    for path in (root / "locale").glob("*.pot"):
        path.unlink()
    snapshots = []
    for jobs in (1, 2):
        copy = _copy(root, f"e{jobs}")
        result = run(["extract", "--jobs", str(jobs)], copy)
        assert result.exit_code == 0, result.output
        snapshots.append(tree_snapshot(copy))
    assert snapshots[0] == snapshots[1]
    assert sum(1 for name in snapshots[0] if name.endswith(".pot")) == 14


def test_extract_jobs_reports_every_bad_article(tmp_path: Path) -> None:
    root, _ = _project(tmp_path)
    for slug in ("story-02", "story-11"):
        path = root / "source" / f"{slug}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("title: ", "titel: "))
    before = tree_snapshot(root)
    result = run(["extract", "--jobs", "2"], root)
    assert result.exit_code != 0
    assert "story-02.md" in result.output and "story-11.md" in result.output
    assert tree_snapshot(root) == before
