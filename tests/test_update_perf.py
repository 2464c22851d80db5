"""The faster, memory-bounded parts of ``update`` answer exactly as the plain ones do."""

from __future__ import annotations

import os
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publish.catalog import memory as memory_module
from publish.catalog.memory import KnownAnswers, SpilledMemory
from publish.catalog.merge import (
    TranslationMemory,
    memory_items,
    memory_queries,
    merge,
    needs_memory,
)
from publish.catalog.similarity import FuzzyIndex, SmallIndex
from publish.catalog.spill import Spill, spill
from publish.po.model import Catalog, Entry

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
        "…",
        "“quoted”",
    ]
)
PARAGRAPH = st.lists(WORD, min_size=0, max_size=24).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(PARAGRAPH, max_size=25),
    PARAGRAPH,
    st.floats(0.3, 0.9),
    st.sets(st.integers(0, 24)),
    st.sets(st.integers(0, 24)),
)
def test_small_index_answers_as_the_fuzzy_index(
    texts: list[str], query: str, threshold: float, skipped: set[int], lenient: set[int]
) -> None:
    big = FuzzyIndex[int]()
    big.extend((text, number) for number, text in enumerate(texts))
    small = SmallIndex[int]((text, number) for number, text in enumerate(texts))
    assert len(small) == len(big)
    for skip in (None, skipped.__contains__):
        for required in (None, lambda n: threshold - 0.2 if n in lenient else threshold):
            assert small.best(query, threshold - 0.2, skip, required) == big.best(
                query, threshold - 0.2, skip, required
            )


def _catalog(texts: list[str], prefix: str) -> Catalog:
    return Catalog(
        entries=[
            Entry(msgid=text, msgstr=f"{prefix} {number}", translator_comments=[f"c{number}"])
            for number, text in enumerate(texts)
            if text
        ]
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(PARAGRAPH, max_size=6), min_size=1, max_size=6),
    st.lists(st.lists(PARAGRAPH, max_size=4), min_size=1, max_size=6),
    st.integers(1, 7),
)
def test_the_spilled_memory_answers_as_the_translation_memory(
    catalogs: list[list[str]], asked: list[list[str]], batch: int
) -> None:
    """Every question, in batches of any size: the answers of a TranslationMemory."""
    reference = TranslationMemory()
    with spill() as store:
        spilled = SpilledMemory(store)
        for number, texts in enumerate(catalogs):
            catalog = _catalog(texts, f"t{number}")
            reference.add_catalog(catalog, f"a{number}")
            spilled.add(number, f"a{number}", _offered(catalog, f"a{number}"))
        assert len(spilled) == len(reference)
        # Random questions, and edits of what the catalogs offer (those find answers).
        edits = [f"{text} unit" for texts in catalogs for text in texts if text]
        questions = [
            (number % len(catalogs), list(dict.fromkeys(msgids + edits[number::3])))
            for number, msgids in enumerate(asked)
        ]
        limits = memory_module.QUERY_BATCH, memory_module.POSTINGS_BATCH
        memory_module.QUERY_BATCH, memory_module.POSTINGS_BATCH = batch, 3 * batch
        try:
            answered = list(spilled.answer(iter(questions)))
        finally:
            memory_module.QUERY_BATCH, memory_module.POSTINGS_BATCH = limits
    assert [origin for origin, _ in answered] == [origin for origin, _ in questions]
    for (origin, msgids), (_, answers) in zip(questions, answered, strict=True):
        for msgid in msgids:
            assert KnownAnswers(answers).best(msgid, "") == reference.best(msgid, f"a{origin}")


def test_the_spilled_memory_finds_what_the_translation_memory_finds() -> None:
    """Many seeded cases with edited paragraphs, so that most questions have an answer."""
    import random

    vocabulary = [f"w{number}" for number in range(40)] + ["the", "of", "and"]
    randomly = random.Random(7)
    found = 0
    for _ in range(60):
        catalogs = [
            [" ".join(randomly.choices(vocabulary, k=randomly.randint(2, 30))) for _ in range(5)]
            for _ in range(randomly.randint(2, 8))
        ]
        reference = TranslationMemory()
        with spill() as store:
            spilled = SpilledMemory(store)
            for number, texts in enumerate(catalogs):
                catalog = _catalog(texts, f"t{number}")
                reference.add_catalog(catalog, f"a{number}")
                spilled.add(number, f"a{number}", _offered(catalog, f"a{number}"))
            # Edits of another catalog's paragraphs (a catalog is never its own memory).
            questions = [
                (
                    (number + 1) % len(catalogs),
                    [f"{text} {randomly.choice(vocabulary)}" for text in texts[:3]],
                )
                for number, texts in enumerate(catalogs)
            ]
            for (origin, msgids), (_, answers) in zip(
                questions, spilled.answer(iter(questions)), strict=True
            ):
                for msgid in msgids:
                    expected = reference.best(msgid, f"a{origin}")
                    assert KnownAnswers(answers).best(msgid, "") == expected
                    found += expected is not None
    assert found > 100


def _offered(
    catalog: Catalog, origin: str
) -> tuple[tuple[str, str | None, str, tuple[str, ...]], ...]:
    return tuple(
        (s.msgid, s.msgctxt, s.msgstr, s.translator_comments) for s in memory_items(catalog, origin)
    )


def test_memory_queries_are_what_merge_asks() -> None:
    old = Catalog(
        entries=[
            Entry(msgid="Kept as it is.", msgstr="Оставлено."),
            Entry(msgid='He said "no".', msgstr="Он сказал «нет»."),
            Entry(msgid="An old paragraph about the winter train.", msgstr="Старый абзац."),
        ]
    )
    template = Catalog(
        entries=[
            Entry(msgid="Kept as it is."),
            Entry(msgid="He said “no”."),  # typography only: carried
            Entry(msgid="A new paragraph about the winter train."),
            Entry(msgid="A new paragraph about the winter train.", msgctxt="again"),
            Entry(msgid="one", msgid_plural="many", msgstr_plural={0: "", 1: ""}),
        ]
    )
    asked: list[str] = []

    class Recorder:
        def best(self, msgid: str, origin: str) -> None:
            asked.append(msgid)

    merge(template, old, Recorder(), origin="x")
    assert sorted(set(asked)) == memory_queries(template, old)
    assert memory_queries(template, old) == ["A new paragraph about the winter train."]
    assert needs_memory(template, old)
    assert memory_queries(old, old) == [] and not needs_memory(old, old)


def test_spill_records_come_back_in_this_process_and_in_its_workers() -> None:
    import glob
    import tempfile

    before = set(glob.glob(os.path.join(tempfile.gettempdir(), "publish-*")))
    with spill() as store:
        assert store.path is None  # (fork is available: the file has no name)
        assert set(glob.glob(os.path.join(tempfile.gettempdir(), "publish-*"))) == before
        first = store.put(b"one")
        second = store.put(b"")
        third = store.put(b"three" * 1000)
        assert store.get(third, 5, 3) == b"thr"
        pid = os.fork()
        if pid == 0:  # a forked worker reads what was put before it started
            status = 1
            try:
                if store.get(third) == b"three" * 1000 and store.get(first) == b"one":
                    status = 0
            finally:
                os._exit(status)
        assert os.waitpid(pid, 0)[1] == 0
        assert store.get(first) == b"one" and store.get(second) == b""
        with pytest.raises(TypeError):
            pickle.dumps(store)  # (no worker could open it)


def test_a_named_spill_reaches_workers_started_without_fork(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with spill() as store:
        assert store.path is not None and os.path.exists(store.path)
        folder = os.path.dirname(store.path)
        ref = store.put(b"three" * 1000)
        copy = pickle.loads(pickle.dumps(store))  # (as a spawned worker gets it)
        assert isinstance(copy, Spill) and copy.get(ref) == b"three" * 1000
        copy.close()
    assert not os.path.exists(folder)


def test_a_full_temporary_folder_keeps_the_records_in_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_pwrite = os.pwrite
    calls = [0]

    def fills_up(fd: int, data: bytes, offset: int) -> int:
        calls[0] += 1
        if calls[0] == 2:  # part of the second record fits, then the disk is full
            return real_pwrite(fd, bytes(data)[:2], offset)
        if calls[0] > 2:
            raise OSError(28, "No space left on device")
        return real_pwrite(fd, data, offset)

    with spill() as store:
        monkeypatch.setattr(os, "pwrite", fills_up)
        first = store.put(b"on disk")
        second = store.put(b"in memory")
        third = store.put(b"in memory too")
        monkeypatch.setattr(os, "pwrite", real_pwrite)
        fourth = store.put(b"still in memory")
        assert first[0] >= 0 and min(second[0], third[0], fourth[0]) < 0
        assert [store.get(ref) for ref in (first, second, third, fourth)] == [
            b"on disk",
            b"in memory",
            b"in memory too",
            b"still in memory",
        ]
        assert store.get(third, 3, 6) == b"memory"


def test_no_temporary_folder_keeps_the_records_in_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tempfile

    def refused(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with spill() as store:
        ref = store.put(b"data")
        assert ref[0] < 0 and store.get(ref) == b"data"


SIMPLE = st.lists(
    st.sampled_from([*"ab Zz09 ,.;:-/()\"'\\!?%$жЖé—…«»中", "  ", "word", "\\n", '\\"']),
    max_size=60,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(SIMPLE, st.integers(0, 119), st.integers(0, 119), st.booleans())
def test_the_usual_line_end_is_the_general_one(
    text: str, low: int, high: int, newline: bool
) -> None:
    """Layout._last_break's shortcut (a word after the last space) finds what the
    general scan finds."""
    from publish.po import _linebreak_fast as fast

    if newline:  # (a portion that ends with a newline ends with its escape)
        text += "\\n"
    layout = fast.layout(text, newline)
    if layout is None or not text:
        return
    high = min(high, len(text) - 1)
    low = min(low, high)
    assert layout._last_break(low, high) == layout._last_break_slowly(low, high)


def test_laid_out_source_fields_are_remembered_a_bounded_number() -> None:
    from publish.po import writer

    catalog = Catalog(entries=[Entry(msgid=f"message {n} " * 12, msgstr="x") for n in range(50)])
    first = writer.write_catalog(catalog)
    assert writer.write_catalog(catalog) == first
    real = writer.LAID_OUT_SIZE
    writer.LAID_OUT_SIZE = 8
    writer._LAID_OUT.clear()
    try:
        assert writer.write_catalog(catalog) == first
        assert len(writer._LAID_OUT) <= 8
    finally:
        writer.LAID_OUT_SIZE = real


def test_copied_entries_share_nothing_mutable() -> None:
    """merge._copy_entry copies each mutable field by hand: a new field must be added there."""
    import dataclasses

    from publish.catalog.merge import _copy_entry

    assert [f.name for f in dataclasses.fields(Entry)] == [
        "msgid",
        "msgstr",
        "msgctxt",
        "msgid_plural",
        "msgstr_plural",
        "translator_comments",
        "extracted_comments",
        "references",
        "flags",
        "previous_msgctxt",
        "previous_msgid",
        "previous_msgid_plural",
        "obsolete",
        "line",
    ]
    entry = Entry(
        msgid="",
        msgstr="Language: ru\n",
        msgstr_plural={0: "a"},
        translator_comments=["c"],
        extracted_comments=["e"],
        references=["r"],
        flags=["fuzzy"],
    )
    copy = _copy_entry(entry)
    assert copy == entry
    for name in (
        "msgstr_plural",
        "translator_comments",
        "extracted_comments",
        "references",
        "flags",
    ):
        assert getattr(copy, name) is not getattr(entry, name)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"ab Zz09 ,.;:-/()\"'\\!?%$жЖé—…«»中\t\n", "  ", "word", "x" * 30]),
        max_size=80,
    ).map("".join),
    st.sampled_from(["msgid", "msgstr", "msgctxt", "msgstr[0]"]),
    st.sampled_from(["", "#~ ", "#| ", "#~| "]),
    st.booleans(),
)
def test_field_text_is_the_lines_of_format_field(
    value: str, keyword: str, prefix: str, wrap: bool
) -> None:
    from publish.po.wrapping import field_text, format_field

    expected = "\n".join(format_field(keyword, value, line_prefix=prefix, wrap=wrap)) + "\n"
    assert field_text(keyword, value, line_prefix=prefix, wrap=wrap) == expected


def test_a_catalog_of_many_messages_merges_alike_through_the_word_index(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import random

    from publish.catalog import merge as merge_module

    randomly = random.Random(3)
    vocabulary = [f"w{number}" for number in range(30)] + ["the", "of"]
    texts = [" ".join(randomly.choices(vocabulary, k=randomly.randint(3, 25))) for _ in range(60)]
    old = Catalog(
        entries=[Entry(msgid=text, msgstr=f"t{n}") for n, text in enumerate(dict.fromkeys(texts))]
    )
    template = Catalog(
        entries=[
            Entry(msgid=text if n % 3 else f"{text} {randomly.choice(vocabulary)}")
            for n, text in enumerate(dict.fromkeys(texts))
        ]
    )
    merged = {}
    for limit in (0, 10_000):
        monkeypatch.setattr(merge_module, "SMALL_CATALOG", limit)
        merged[limit] = merge(template, old)
    assert merged[0] == merged[10_000]
    assert merged[0][1].fuzzy > 5
