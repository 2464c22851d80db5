"""The Foundation workflow as a new user runs it: new, import, extract."""

from __future__ import annotations

import os
from pathlib import Path

from publish.source.article_file import parse_article

from helpers import (
    SEED_CAPTURE,
    SEED_REVISION,
    SEED_SLUG,
    msgcat_bytes,
    msgfmt_check,
    new_project,
    run,
    seed_project,
    tree_snapshot,
)

TITLE = "In Russia's Poorest Regions, Mothers And Wives Are Fighting To Bring Their Soldiers Back Home"
NOTICE = (
    "Copyright (c) 2022. RFE/RL, Inc. Reprinted with the permission of Radio Free "
    "Europe/Radio Liberty, 1201 Connecticut Ave., N.W. Washington DC 20036."
)


def test_help_on_every_command(tmp_path: Path) -> None:
    result = run(["--help"], tmp_path)
    assert result.exit_code == 0
    commands = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()]
    assert {"new", "import", "extract"} <= set(commands)
    for command in commands:
        sub = run([command, "--help"], tmp_path)
        assert sub.exit_code == 0, command
        assert "Usage: publish" in sub.output


def test_new_creates_project_and_refuses_twice(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    assert (root / "publish.yaml").is_file()
    assert (root / "source").is_dir() and (root / "locale").is_dir()
    again = run(["new", "proj"], tmp_path)
    assert again.exit_code == 2
    assert "a project exists here already" in again.output


def test_commands_outside_a_project_say_so(tmp_path: Path) -> None:
    result = run(["extract"], tmp_path)
    assert result.exit_code == 2
    assert "no publish.yaml" in result.output
    assert "Traceback" not in result.output


def test_import_seed_gives_attribution_and_body(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    result = run(["import", str(SEED_CAPTURE)], root)
    assert result.exit_code == 0, result.output
    assert "dropped as site chrome: UNITED24" in result.output
    assert "dropped as site chrome: Join the GlobalSecurity.org mailing list" in result.output
    assert "`women- soldiers`" in result.output
    assert "--accept-repairs" in result.output
    path = root / "source" / f"{SEED_SLUG}.md"
    article = parse_article(path.read_text(), f"source/{SEED_SLUG}.md", SEED_SLUG)
    attribution = article.attribution
    assert attribution.title == TITLE
    assert attribution.authors == ("Siberia.Realities", "Robert Coalson")
    assert attribution.date.isoformat() == "2022-07-12"
    # Reported, not silently changed.
    assert "women- soldiers" in attribution.original_url
    assert attribution.notice == NOTICE
    assert len(article.segments) == 25  # title + 24 paragraphs
    body = path.read_text()
    for chrome in ("UNITED24", "rfe/rl banner", "mailing list", "Weapons of Mass Destruction"):
        assert chrome not in body


def test_import_accept_repairs_fixes_the_url(tmp_path: Path) -> None:
    root = seed_project(tmp_path)
    text = (root / "source" / f"{SEED_SLUG}.md").read_text()
    assert (
        "original_url: https://www.rferl.org/a/russia-ukraine-war-women-soldiers-home-buryatia-tyva/31940262.html"
        in text
    )


def test_import_refuses_body_only_capture(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    before = tree_snapshot(root)
    result = run(["import", str(SEED_REVISION)], root)
    assert result.exit_code == 2
    assert "no a byline" not in result.output
    assert "byline" in result.output and "--into" in result.output
    assert tree_snapshot(root) == before


def test_import_into_applies_revision_and_keeps_front_matter(tmp_path: Path) -> None:
    root = seed_project(tmp_path)
    path = root / "source" / f"{SEED_SLUG}.md"
    front_before = path.read_text().split("\n---\n")[0]
    result = run(["import", str(SEED_REVISION), "--into", SEED_SLUG], root)
    assert result.exit_code == 0, result.output
    assert "1 changed, 1 added, 0 removed" in result.output
    assert "unbalanced quotation marks" in result.output
    assert "nearly duplicates paragraph" in result.output
    assert path.read_text().split("\n---\n")[0] == front_before
    article = parse_article(path.read_text(), f"source/{SEED_SLUG}.md", SEED_SLUG)
    assert len(article.segments) == 26
    assert any("Earlier…they" in s.text for s in article.segments)


def test_extract_template_accepted_by_gettext(tmp_path: Path) -> None:
    root = seed_project(tmp_path)
    pot = root / "locale" / f"{SEED_SLUG}.pot"
    text = pot.read_text()
    assert text.count("\nmsgid ") == 26  # 25 messages and the header
    assert "#. title\n" in text and "#. paragraph 24\n" in text
    assert f"#: source/{SEED_SLUG}.md:" in text
    assert "Content-Type: text/plain; charset=UTF-8" in text
    # Attribution never becomes a message.
    messages = text.split("\n\n", 1)[1]
    for protected in ("Robert Coalson", "Siberia.Realities", "rferl.org", "Reprinted with the"):
        assert protected not in messages
    checked = msgfmt_check(pot)
    assert checked.returncode == 0, checked.stderr
    assert msgcat_bytes(pot) == pot.read_bytes()


def test_extract_is_stable_and_ignores_creation_date(tmp_path: Path) -> None:
    root = seed_project(tmp_path)
    pot = root / "locale" / f"{SEED_SLUG}.pot"
    before, mtime = pot.read_bytes(), pot.stat().st_mtime_ns
    os.environ["SOURCE_DATE_EPOCH"] = "1"
    try:
        result = run(["extract"], root)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert result.exit_code == 0
    assert "unchanged" in result.output
    assert pot.read_bytes() == before and pot.stat().st_mtime_ns == mtime
    check = run(["extract", "--check"], root)
    assert check.exit_code == 0


def test_extract_honours_source_date_epoch(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    run(["import", str(SEED_CAPTURE), "--accept-repairs"], root)
    os.environ["SOURCE_DATE_EPOCH"] = "1657584000"
    try:
        run(["extract"], root)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    pot = (root / "locale" / f"{SEED_SLUG}.pot").read_text()
    assert '"POT-Creation-Date: 2022-07-12 00:00+0000\\n"' in pot


def test_extract_check_reports_out_of_date(tmp_path: Path) -> None:
    root = seed_project(tmp_path)
    run(["import", str(SEED_REVISION), "--into", SEED_SLUG], root)
    pot = root / "locale" / f"{SEED_SLUG}.pot"
    before = pot.read_bytes()
    result = run(["extract", "--check"], root)
    assert result.exit_code == 1
    assert "out of date" in result.output
    assert pot.read_bytes() == before
