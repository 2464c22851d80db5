"""The fast paths of merging give the same answers as the plain definitions (no timing here)."""

from __future__ import annotations

import copy
import difflib
import re
import unicodedata
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from publish.catalog.merge import TranslationMemory, memory_items, merge, needs_memory
from publish.catalog.similarity import FuzzyIndex, similarity, words
from publish.catalog.typography import _TRANSLATE, typography_key
from publish.po.model import Catalog, Entry

_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"\s*-{2,3}\s*|\s+-\s+")


def reference_typography_key(text: str) -> str:
    """typography_key as first written: normalise, translate, dashes, spaces."""
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = _DASHES.sub(" - ", text)
    return _SPACES.sub(" ", text).strip()


def reference_best(
    texts: list[str], query: str, threshold: float = 0.6
) -> tuple[float, int] | None:
    """FuzzyIndex.best as first written: rank by rare-word hits, score the first six in order."""
    tokenized = [[w.lower() for w in re.findall(r"\w+", t)] for t in texts]
    postings: dict[str, list[int]] = {}
    for number, tokens in enumerate(tokenized):
        for token in set(tokens):
            postings.setdefault(token, []).append(number)
    tokens = [w.lower() for w in re.findall(r"\w+", query)]
    if not tokens or not texts:
        return None
    distinct = sorted(set(tokens), key=lambda w: (len(postings.get(w, ())), w))
    rare = [w for w in distinct if w in postings][:8]
    hits: Counter[int] = Counter()
    for word in rare:
        hits.update(postings[word])
    best: tuple[float, int] | None = None
    ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
    for number, _ in ranked[:6]:
        candidate = tokenized[number]
        if 2 * min(len(tokens), len(candidate)) / (len(tokens) + len(candidate)) < threshold:
            continue
        score = difflib.SequenceMatcher(None, tokens, candidate, autojunk=False).ratio()
        if score >= threshold and (best is None or score > best[0]):
            best = (score, number)
    return best


TEXT = st.text(
    alphabet=st.sampled_from(
        list("ab -\t\n\u00a0\u2014\u2026.\"'\u201c\u2019e\u0301\u3000\u00adİ")
    ),
    max_size=16,
)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_typography_key_fast_path_matches_the_definition(text: str) -> None:
    assert typography_key(text) == reference_typography_key(text)


WORD = st.sampled_from(
    [
        "the",
        "of",
        "and",
        "a",
        "war",
        "home",
        "army",
        "son",
        "unit",
        "court",
        "appeal",
        "border",
        "winter",
        "train",
        "officer",
        "Київ",
        "İstanbul",
        "mother",
        "mothers",
    ]
)
PARAGRAPH = st.lists(WORD, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(PARAGRAPH, max_size=25), PARAGRAPH)
def test_fuzzy_index_matches_the_reference_ranking(texts: list[str], query: str) -> None:
    index = FuzzyIndex[int]()
    for number, text in enumerate(texts):
        index.add(text, number)
    expected = reference_best(texts, query)
    found = index.best(query)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found[1] == expected[1] and abs(found[0] - expected[0]) < 1e-12


def test_words_are_lower_cased_like_the_definition() -> None:
    for text in ("İstanbul War", "ΣΊΣΥΦΟΣ", "Straße", "plain ascii Words"):
        assert words(text) == [w.lower() for w in re.findall(r"\w+", text)]
    assert similarity([], []) == 1.0


def test_skip_leaves_out_the_catalog_itself() -> None:
    memory = TranslationMemory()
    text = "the mothers of the border region wrote an appeal to the court"
    own = Catalog(entries=[Entry(text, "своё")])
    other = Catalog(entries=[Entry(text + " again", "чужое")])
    memory.add_catalog(own, origin="a")
    memory.add_catalog(other, origin="b")
    found = memory.best(text + " today", origin="a")
    assert found is not None and found[1].msgstr == "чужое"
    assert len(memory) == 2
    assert memory_items(Catalog(entries=[Entry("x", "y", flags=["fuzzy"])]), "c") == []


def _catalogs() -> tuple[Catalog, Catalog]:
    p1 = "The woman asked not to be identified for fear of repercussions in her region."
    p2 = "Using closed discussion groups, the women are sharing legal advice on the app."
    p3 = "Earlier...they just exchanged information when one would get a phone call."
    old = Catalog(
        header=Entry("", "Language: ru\nPOT-Creation-Date: 2025-01-01 00:00+0000\n"),
        entries=[
            Entry(p1, "Женщина", translator_comments=["checked"], references=["a.md:1"]),
            Entry(p2, "Группы", flags=["fuzzy"], previous_msgid="older"),
            Entry(p3, "Раньше"),
            Entry("gone", "ушло", obsolete=True),
        ],
    )
    template = Catalog(
        header=Entry("", "POT-Creation-Date: 2026-01-01 00:00+0000\n"),
        entries=[
            Entry(p1.replace("region", "home region"), extracted_comments=["paragraph 1"]),
            Entry(p3.replace("...", "…")),
            Entry("A new paragraph about something else entirely, nothing like before."),
        ],
    )
    return template, old


def test_merge_leaves_its_inputs_unchanged() -> None:
    template, old = _catalogs()
    before_template, before_old = copy.deepcopy(template), copy.deepcopy(old)
    merged, report = merge(template, old)
    assert template == before_template and old == before_old
    assert report.fuzzy == 1 and report.carried == 1 and report.new == 1
    obsolete = [entry for entry in merged.entries if entry.obsolete]
    assert {entry.msgid for entry in obsolete} == {old.entries[1].msgid, "gone"}
    for entry in merged.entries:  # nothing shared with the old catalog's mutable fields
        for source in old.entries:
            assert entry.flags is not source.flags
            assert entry.translator_comments is not source.translator_comments


def test_needs_memory_is_exact() -> None:
    template, old = _catalogs()
    assert needs_memory(template, old)
    memory = TranslationMemory()
    memory.add_catalog(
        Catalog(entries=[Entry(template.entries[2].msgid + " Yes.", "из памяти")]), "other"
    )
    with_memory, _ = merge(template, old, memory, origin="this")
    assert with_memory.entries[2].msgstr == "из памяти"
    covered = Catalog(header=template.header, entries=template.entries[1:2])
    assert not needs_memory(covered, old)
    assert merge(covered, old, memory, origin="this") == merge(covered, old)


def _ratio(a: str, b: str) -> float:
    return similarity(words(a), words(b))


def test_a_vanished_paragraph_needs_less_similarity_than_one_still_in_use() -> None:
    kept = "the mothers of the border region wrote an appeal to the court in winter"
    gone = "the officer of the unit refused the contract and returned home by train"
    rewrite = "an officer of a brigade refused his contract then came home by train"
    assert 0.4 <= _ratio(gone, rewrite) < 0.6
    old = Catalog(entries=[Entry(kept, "остаётся"), Entry(gone, "ушло")])
    merged, report = merge(Catalog(entries=[Entry(kept), Entry(rewrite)]), old)
    assert merged.entries[1].msgstr == "ушло" and merged.entries[1].fuzzy
    assert report.fuzzy == 1
    # The same rewrite of a paragraph that is still in the template gets nothing.
    merged, report = merge(Catalog(entries=[Entry(kept), Entry(gone), Entry(rewrite)]), old)
    assert merged.entries[2].msgstr == "" and report.new == 1
    # An unrelated paragraph gets nothing either, even with a vanished one around.
    other = "prices of food and money in the village rose again before the council met"
    assert _ratio(gone, other) < 0.4
    merged, report = merge(Catalog(entries=[Entry(kept), Entry(other)]), old)
    assert merged.entries[1].msgstr == "" and report.obsolete == 1
