"""Merging templates into catalogs: msgmerge semantics, and nothing lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from publish.catalog.merge import TranslationMemory, merge, translations
from publish.catalog.typography import typography_key
from publish.po.model import Catalog, Entry

P1 = "The woman, who asked not to be identified for fear of repercussions, is one of a growing number of mothers."
P2 = "Using closed discussion groups on the secure Vyber app, the women are sharing legal advice."
P3 = "Earlier...they just exchanged information when one would get a phone call."


def template(*msgids: str) -> Catalog:
    return Catalog(
        header=Entry("", "POT-Creation-Date: 2026-01-01 00:00+0000\n"),
        entries=[Entry(m, extracted_comments=[f"paragraph {i}"]) for i, m in enumerate(msgids, 1)],
    )


def catalog(*pairs: tuple[str, str], obsolete: tuple[tuple[str, str], ...] = ()) -> Catalog:
    entries = [Entry(m, s, translator_comments=["checked"]) for m, s in pairs]
    entries += [Entry(m, s, obsolete=True) for m, s in obsolete]
    return Catalog(
        header=Entry("", "Language: ru\nPOT-Creation-Date: 2025-01-01 00:00+0000\nX-Custom: kept\n"),
        entries=entries,
    )


def by_id(cat: Catalog) -> dict[str, Entry]:
    return {e.msgid: e for e in cat.entries}


def test_exact_match_keeps_translation_comments_and_flags() -> None:
    old = catalog((P1, "Женщина"))
    old.entries[0].flags = ["fuzzy"]
    old.entries[0].previous_msgid = "older"
    merged, report = merge(template(P1), old)
    entry = by_id(merged)[P1]
    assert (entry.msgstr, entry.translator_comments, entry.fuzzy) == ("Женщина", ["checked"], True)
    assert entry.previous_msgid == "older"
    assert entry.extracted_comments == ["paragraph 1"]
    assert report.kept == 1


def test_typography_only_change_is_carried_without_fuzz() -> None:
    edited = P3.replace("...", "…")
    merged, report = merge(template(edited), catalog((P3, "Раньше…")))
    entry = by_id(merged)[edited]
    assert entry.msgstr == "Раньше…" and not entry.fuzzy
    assert report.carried == 1 and report.fuzzy == 0 and report.obsolete == 0


def test_typography_key_table() -> None:
    same = [
        ('"quoted" -- yes...', "“quoted” — yes…"),
        ("it's", "it’s"),
        ("a  b", "a\u00a0b"),
        ("caf\u00e9", "cafe\u0301"),
        ("10-15", "10–15"),
    ]
    for a, b in same:
        assert typography_key(a) == typography_key(b), (a, b)
    assert typography_key("he did") != typography_key("he did not")


def test_edited_paragraph_becomes_fuzzy_with_previous_msgid() -> None:
    edited = P1.replace("growing", "rapidly growing")
    merged, report = merge(template(edited), catalog((P1, "Женщина")))
    entry = by_id(merged)[edited]
    assert entry.fuzzy and entry.msgstr == "Женщина" and entry.previous_msgid == P1
    assert report.fuzzy == 1 and report.obsolete == 0


def test_unrelated_new_paragraph_gets_no_suggestion() -> None:
    merged, report = merge(template(P1, P2), catalog((P1, "Женщина")))
    assert by_id(merged)[P2].msgstr == "" and report.new == 1


def test_removed_paragraph_goes_obsolete_and_comes_back() -> None:
    merged, report = merge(template(P2), catalog((P1, "Женщина"), (P2, "Группы")))
    gone = by_id(merged)[P1]
    assert gone.obsolete and gone.msgstr == "Женщина" and report.obsolete == 1
    back, report = merge(template(P1, P2), merged)
    entry = by_id(back)[P1]
    assert not entry.obsolete and entry.msgstr == "Женщина" and not entry.fuzzy
    assert report.revived == 1
    keys = [(e.msgctxt, e.msgid) for e in back.entries]
    assert len(keys) == len(set(keys))


def test_translation_memory_suggests_from_other_articles_as_fuzzy() -> None:
    memory = TranslationMemory()
    memory.add_catalog(catalog((P2, "Группы")), origin="other")
    edited = P2.replace("secure", "encrypted")
    merged, report = merge(template(edited), catalog(), memory, origin="this")
    entry = by_id(merged)[edited]
    assert entry.fuzzy and entry.msgstr == "Группы" and entry.previous_msgid == P2
    assert report.fuzzy == 1


def test_header_keeps_translator_fields_and_takes_creation_date() -> None:
    merged, _ = merge(template(P1), catalog((P1, "x")))
    assert merged.header is not None
    assert "X-Custom: kept\n" in merged.header.msgstr
    assert "POT-Creation-Date: 2026-01-01 00:00+0000\n" in merged.header.msgstr


def test_msgctxt_empty_is_not_no_context() -> None:
    old = Catalog(entries=[Entry("x", "a", msgctxt=""), Entry("x", "b")])
    tmpl = Catalog(entries=[Entry("x", msgctxt=""), Entry("x")])
    merged, _ = merge(tmpl, old)
    assert [(e.msgctxt, e.msgstr) for e in merged.entries] == [("", "a"), (None, "b")]


WORDS = st.sampled_from(
    ["the", "soldiers", "mothers", "region", "war", "home", "army", "contract", "refused", "returned", "lawyer", "son", "unit", "tribunal", "prison", "money", "food", "drones", "brigade", "losses", "income", "rubles"]
)
PARAGRAPH = st.lists(WORDS, min_size=3, max_size=25).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    old_ids=st.lists(PARAGRAPH, min_size=0, max_size=8, unique=True),
    new_ids=st.lists(PARAGRAPH, min_size=0, max_size=8, unique=True),
    translated=st.lists(st.booleans(), min_size=8, max_size=8),
    rounds=st.integers(min_value=1, max_value=3),
)
def test_conservation_over_random_revisions(
    old_ids: list[str], new_ids: list[str], translated: list[bool], rounds: int
) -> None:
    old = catalog(*[(m, f"T{i}" if translated[i] else "") for i, m in enumerate(old_ids)])
    before = set(translations(old))
    current = old
    revisions = [new_ids, old_ids, new_ids[::-1]][:rounds]
    for revision in revisions:
        current, _ = merge(template(*revision), current)
        after = {msgstr for _, _, msgstr in translations(current)}
        assert {msgstr for _, _, msgstr in before} <= after
        keys = [e.key for e in current.entries]
        assert len(keys) == len(set(keys)), "an active and an obsolete entry share a key"
        assert [e.msgid for e in current.entries if not e.obsolete] == list(revision)
