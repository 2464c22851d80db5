"""Applying a catalog to an article, the publish threshold, translator credit, the licence gate."""

from __future__ import annotations

import dataclasses

from publish.po.model import Catalog, Entry, format_header
from publish.site.policy import (
    Credit,
    article_problem,
    forbids_derivatives,
    licence_problem,
    translator_credit,
)
from publish.site.translate import (
    FALLBACK,
    FUZZY,
    SOURCE,
    TRANSLATED,
    apply_catalog,
    count_words,
    source_translation,
    threshold_problem,
)
from publish.source.article_file import parse_article
from publish.source.model import Article, Permission

ARTICLE = """\
---
title: Night Trains Return
authors: [Maria Keller]
date: 2024-03-05
original_url: https://news.example.com/night-trains
notice: © 2024 Example Wire.
---

One two three four five six seven eight nine ten.

Same paragraph twice.

Same paragraph twice.

Eleven twelve.
"""


def article(text: str = ARTICLE) -> Article:
    return parse_article(text, "source/night.md", "night")


def catalog(translations: dict[str, str], fuzzy: tuple[str, ...] = (), **header: str) -> Catalog:
    entries = [
        Entry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if msgid in fuzzy else [])
        for msgid, msgstr in translations.items()
    ]
    fields = {"Content-Type": "text/plain; charset=UTF-8", **header}
    return Catalog(header=Entry(msgid="", msgstr=format_header(fields)), entries=entries)


def test_word_count() -> None:
    assert count_words("Don't stop — U.S. state-run 10,000 rubles") == 6
    assert count_words("") == 0


def test_segments_map_to_entries_by_msgid_and_share_duplicates() -> None:
    cat = catalog(
        {
            "Night Trains Return": "Ночные поезда возвращаются",
            "Same paragraph twice.": "Один и тот же абзац.",
        }
    )
    result = apply_catalog(article(), "ru", cat)
    shown = result.lookup()
    assert shown["Night Trains Return"].status == TRANSLATED
    assert shown["Same paragraph twice."].text == "Один и тот же абзац."
    assert shown["Eleven twelve."].status == FALLBACK
    assert shown["Eleven twelve."].text == "Eleven twelve."
    # Four distinct texts for five segments (the duplicate shares one entry).
    assert len(result.segments) == 4
    # Both occurrences count: 3 + 3 + 3 of 3 + 10 + 3 + 3 + 2 words.
    assert result.coverage.total_words == 21
    assert result.coverage.shown_words == 9
    assert result.coverage.fallback_blocks == 2  # body blocks only; the title is not one


def test_context_plural_and_obsolete_entries_are_not_used() -> None:
    cat = catalog({})
    cat.entries = [
        Entry(msgid="Night Trains Return", msgstr="A", msgctxt="other"),
        Entry(msgid="Eleven twelve.", msgstr="B", obsolete=True),
        Entry(msgid="Same paragraph twice.", msgid_plural="x", msgstr_plural={0: "C", 1: "D"}),
    ]
    result = apply_catalog(article(), "ru", cat)
    assert {s.status for s in result.segments} == {FALLBACK}


def test_fuzzy_falls_back_by_default_and_shows_with_use_fuzzy() -> None:
    cat = catalog(
        {"Night Trains Return": "Поезда", "Eleven twelve.": "Одиннадцать"},
        fuzzy=("Eleven twelve.",),
    )
    default = apply_catalog(article(), "ru", cat).lookup()
    assert default["Eleven twelve."].status == FALLBACK
    assert default["Eleven twelve."].text == "Eleven twelve."
    shown = apply_catalog(article(), "ru", cat, use_fuzzy=True)
    assert shown.lookup()["Eleven twelve."].status == FUZZY
    assert shown.lookup()["Eleven twelve."].text == "Одиннадцать"
    assert shown.coverage.fuzzy_blocks == 1


def test_threshold_needs_the_title_and_enough_words() -> None:
    everything = {
        "Night Trains Return": "Т",
        "One two three four five six seven eight nine ten.": "Р",
        "Same paragraph twice.": "С",
        "Eleven twelve.": "О",
    }
    full = apply_catalog(article(), "ru", catalog(everything)).coverage
    assert full.percent == 100
    assert threshold_problem(full, 80) is None
    no_title = apply_catalog(
        article(),
        "ru",
        catalog({k: v for k, v in everything.items() if k != "Night Trains Return"}),
    ).coverage
    assert threshold_problem(no_title, 0) == "the title is not translated"
    partial = apply_catalog(
        article(), "ru", catalog({"Night Trains Return": "Т", "Eleven twelve.": "О"})
    ).coverage
    reason = threshold_problem(partial, 80)
    assert reason is not None
    assert "23.8% of source words translated (5 of 21), below the 80% threshold" in reason
    assert threshold_problem(partial, 20) is None


def test_percent_is_rounded_down_in_the_reason() -> None:
    from publish.site.translate import Coverage

    coverage = Coverage(
        total_words=10000,
        shown_words=7999,
        title_translated=True,
        fallback_blocks=1,
        fuzzy_blocks=0,
    )
    assert "79.9%" in (threshold_problem(coverage, 80) or "")


def test_source_translation_shows_everything() -> None:
    result = source_translation(article())
    assert {s.status for s in result.segments} == {SOURCE}
    assert result.coverage.percent == 100
    assert result.coverage.fallback_blocks == 0


def test_no_catalog_means_everything_falls_back() -> None:
    result = apply_catalog(article(), "ru", None)
    assert not result.coverage.title_translated
    assert result.coverage.shown_words == 0


def test_credit_from_header_without_email_or_placeholders() -> None:
    cat = catalog(
        {},
        **{
            "Last-Translator": "Anna Petrova <anna@example.org>",
            "Language-Team": "Team X <https://team.example/>",
        },
    )
    assert translator_credit(cat) == (
        Credit("Anna Petrova", "Person"),
        Credit("Team X", "Organization"),
    )
    template = catalog(
        {},
        **{"Last-Translator": "FULL NAME <EMAIL@ADDRESS>", "Language-Team": "LANGUAGE <LL@li.org>"},
    )
    assert translator_credit(template) == ()
    bare = catalog({}, **{"Last-Translator": "anna@example.org"})
    assert translator_credit(bare) == ()
    assert translator_credit(None) == ()


def test_team_named_after_the_language_is_no_credit() -> None:
    cat = catalog({}, **{"Last-Translator": "Anna", "Language-Team": "Russian <ru@li.org>"})
    assert translator_credit(cat, ("ru", "русский", "Russian")) == (Credit("Anna", "Person"),)


def test_translator_can_opt_out() -> None:
    cat = catalog({}, **{"Last-Translator": "Anna <a@b.c>", "X-Publish-Credit": "no"})
    assert translator_credit(cat) == ()
    cat = catalog({}, **{"Last-Translator": "Anna <a@b.c>", "X-Publish-Credit": "yes"})
    assert translator_credit(cat) == (Credit("Anna", "Person"),)


def test_no_derivatives_licences() -> None:
    for name in (
        "CC BY-ND 4.0",
        "CC BY-NC-ND 3.0",
        "https://creativecommons.org/licenses/by-nd/4.0/",
        "Attribution-NoDerivatives 4.0 International",
        "no derivatives",
    ):
        assert forbids_derivatives(name), name
    for name in ("", "CC BY 4.0", "CC BY-SA 4.0", "All rights reserved", "Public domain", "and"):
        assert not forbids_derivatives(name), name


def test_licence_gate_needs_a_permission_covering_the_language() -> None:
    base = article()
    nd = dataclasses.replace(
        base, attribution=dataclasses.replace(base.attribution, license="CC BY-ND 4.0")
    )
    assert licence_problem(base, "ru") is None
    assert "forbids derivative works" in (licence_problem(nd, "ru") or "")
    allowed = dataclasses.replace(
        nd,
        attribution=dataclasses.replace(
            nd.attribution, permission=Permission("Example Wire", languages=("ru",))
        ),
    )
    assert licence_problem(allowed, "ru") is None
    assert "covers only ru" in (licence_problem(allowed, "ar") or "")
    everywhere = dataclasses.replace(
        nd, attribution=dataclasses.replace(nd.attribution, permission=Permission("Example Wire"))
    )
    assert licence_problem(everywhere, "ar") is None


def test_article_with_a_broken_original_url_is_refused() -> None:
    base = article()
    broken = dataclasses.replace(
        base,
        attribution=dataclasses.replace(
            base.attribution, original_url="https://www.rferl.org/a/women- soldiers"
        ),
    )
    assert article_problem(base) is None
    assert "contains a space" in (article_problem(broken) or "")
