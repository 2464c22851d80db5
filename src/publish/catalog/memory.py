"""A language's translation memory kept on disk, asked all its questions in one sweep.

:class:`~publish.catalog.merge.TranslationMemory` holds every suggestion and a
word index in memory: a whole language of the archive. ``update`` knows, after
reading every catalog once, every question :func:`~publish.catalog.merge.merge`
will ask the memory (:func:`~publish.catalog.merge.memory_queries`), so it
needs neither: :class:`SpilledMemory` writes the suggestions to a
:class:`~publish.catalog.spill.Spill` and keeps, per suggestion, where it is
and which catalog offered it, plus how many suggestions contain each word. Its
:meth:`~SpilledMemory.answer` then takes the questions a batch at a time, reads
the suggestions' words back once per batch to collect the candidates of just
those questions, and scores them exactly as
:meth:`~publish.catalog.similarity.FuzzyIndex.best` does: the answers are the
ones a ``TranslationMemory`` holding the same suggestions, in the same order,
gives.
"""

from __future__ import annotations

import pickle
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from .merge import Suggestion
from .similarity import THRESHOLD, best_of, rare_words, tokenized, top_ranked, words
from .spill import Ref, Spill

# What a catalog offers: (msgid, msgctxt, msgstr, translator comments) per suggestion.
Offered = Sequence[tuple[str, str | None, str, tuple[str, ...]]]
# The answers for one catalog: msgid -> (score, suggestion); a question without one is absent.
Answers = dict[str, tuple[float, Suggestion]]

QUERY_BATCH = 2000  # questions answered per sweep over the suggestions, at most
POSTINGS_BATCH = 250_000  # candidates (word, suggestion) gathered per sweep, about


class SpilledMemory:
    """The suggestions of a language's catalogs, on disk (see the module documentation)."""

    def __init__(self, store: Spill) -> None:
        self._store = store
        self._frequency: Counter[str] = Counter()  # word -> suggestions containing it
        # Per catalog that offers something: its msgids one after the other, the rest of
        # its suggestions, and the words of each of them; its first suggestion, and the
        # catalog's number.
        self._records = _Refs()
        self._rests = _Refs()
        self._word_sets = _Refs()
        self._firsts = array("I")
        self._record_origins = array("I")
        # Per suggestion: where its msgid starts in its catalog's msgids, and its size.
        self._starts = array("I")
        self._msgid_sizes = array("I")
        self._per_origin: Counter[int] = Counter()

    def __len__(self) -> int:
        return len(self._starts)

    def add(self, origin: int, name: str, offered: Offered) -> None:
        """Offer the suggestions of catalog number ``origin`` (called ``name``), in order."""
        if not offered:
            return
        self._firsts.append(len(self._starts))
        self._record_origins.append(origin)
        msgids: list[bytes] = []
        sets: list[frozenset[str]] = []
        start = 0
        for msgid, _, _, _ in offered:
            encoded = msgid.encode("utf-8")
            msgids.append(encoded)
            self._starts.append(start)
            self._msgid_sizes.append(len(encoded))
            start += len(encoded)
            sets.append(tokenized(msgid)[1])
        self._frequency.update(chain.from_iterable(sets))
        rest = [(msgctxt, msgstr, comments) for _, msgctxt, msgstr, comments in offered]
        self._records.append(self._store.put(b"".join(msgids)))
        self._rests.append(self._store.put(pickle.dumps((name, rest), pickle.HIGHEST_PROTOCOL)))
        self._per_origin[origin] += len(offered)
        # (a word never holds a space or a newline)
        lines = "\n".join(" ".join(distinct) for distinct in sets)
        self._word_sets.append(self._store.put(lines.encode("utf-8")))

    def _record(self, number: int) -> int:
        """The catalog record of suggestion ``number``."""
        return bisect_right(self._firsts, number) - 1

    def _origin(self, number: int) -> int:
        return self._record_origins[self._record(number)]

    def _msgid(self, number: int) -> str:
        msgids = self._records[self._record(number)]
        return self._store.get(msgids, self._starts[number], self._msgid_sizes[number]).decode(
            "utf-8"
        )

    def _suggestion(self, number: int) -> Suggestion:
        record = self._record(number)
        name, suggestions = pickle.loads(self._store.get(self._rests[record]))
        msgctxt, msgstr, comments = suggestions[number - self._firsts[record]]
        return Suggestion(self._msgid(number), msgctxt, msgstr, comments, name)

    def answer(self, questions: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, Answers]]:
        """For each (catalog number, the msgids it asks about), in order: the answers.

        An answer is what ``TranslationMemory.best(msgid, origin)`` returns for
        that catalog: the best suggestion from the other catalogs. Questions are
        answered in batches of at most ``QUERY_BATCH`` questions whose candidates
        number at most about ``POSTINGS_BATCH``: one sweep over the suggestions per batch.
        """
        total = len(self)
        frequency = self._frequency

        def count(word: str) -> int:
            return frequency.get(word, 0)

        batch: list[tuple[int, list[str], list[list[str]]]] = []
        wanted: set[str] = set()
        asked = postings = 0
        for origin, msgids in questions:
            # The rarest words of each question: their candidates are wanted.
            offered = total > self._per_origin[origin]  # by a catalog other than this one
            rare = [rare_words(words(msgid), count) if offered else [] for msgid in msgids]
            for chosen in rare:
                for word in chosen:
                    if word not in wanted:
                        wanted.add(word)
                        postings += frequency[word]
            batch.append((origin, msgids, rare))
            asked += len(msgids)
            if asked >= QUERY_BATCH or postings >= POSTINGS_BATCH:
                yield from self._answer(batch, wanted)
                batch, wanted, asked, postings = [], set(), 0, 0
        if batch:
            yield from self._answer(batch, wanted)

    def _answer(
        self, batch: list[tuple[int, list[str], list[list[str]]]], wanted: set[str]
    ) -> Iterator[tuple[int, Answers]]:
        # One sweep over the suggestions' words: the postings of the wanted words.
        postings: dict[str, array[int]] = {word: array("I") for word in wanted}
        if wanted:
            for record, first in enumerate(self._firsts):
                lines = self._store.get(self._word_sets[record]).decode("utf-8").split("\n")
                for number, line in enumerate(lines):
                    for word in wanted.intersection(line.split(" ")):
                        postings[word].append(first + number)
        for origin, msgids, rare in batch:

            def own(number: int, origin: int = origin) -> bool:
                return self._origin(number) == origin

            answers: Answers = {}
            for msgid, chosen in zip(msgids, rare, strict=True):
                if not chosen:
                    continue
                hits: Counter[int] = Counter()
                for word in chosen:
                    hits.update(postings[word])
                ranked = top_ranked(hits.items(), own)
                found = best_of(words(msgid), [words(self._msgid(n)) for n in ranked], THRESHOLD)
                if found is not None:
                    answers[msgid] = (found[0], self._suggestion(ranked[found[1]]))
            yield origin, answers


class _Refs:
    """A list of :data:`~publish.catalog.spill.Ref` in two arrays (a few bytes each)."""

    __slots__ = ("_lengths", "_offsets")

    def __init__(self) -> None:
        self._offsets = array("q")
        self._lengths = array("q")

    def append(self, ref: Ref) -> None:
        self._offsets.append(ref[0])
        self._lengths.append(ref[1])

    def __getitem__(self, index: int) -> Ref:
        return (self._offsets[index], self._lengths[index])

    def __len__(self) -> int:
        return len(self._offsets)


class KnownAnswers:
    """A memory for :func:`~publish.catalog.merge.merge` that knows its answers already."""

    def __init__(self, answers: Answers) -> None:
        self._answers = answers

    def best(self, msgid: str, origin: str) -> tuple[float, Suggestion] | None:
        """The answer found by :meth:`SpilledMemory.answer` (``origin`` was taken into account)."""
        return self._answers.get(msgid)
