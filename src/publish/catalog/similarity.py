"""Bounded-cost fuzzy matching of paragraphs through an inverted word index.

Babel's update compares every new message with every old one (quadratic, and
slow on paragraph-length messages). Here each query looks only at candidates
that share its rarest words, then scores at most a few of them precisely.

Memory is kept small so that a translation memory of a whole language fits:
words are numbered once (an ``int`` per distinct word), postings are compact
``array('I')`` lists, and a candidate's words are not stored at all; they are
recomputed from its text for the few candidates a query scores.
"""

from __future__ import annotations

import difflib
import heapq
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")

THRESHOLD = (
    0.6  # the share of matching words (difflib ratio) that still counts as "the same paragraph"
)
_RARE_WORDS = 8  # how many of the query's rarest words pick candidates
_SCORED = 6  # how many candidates are scored precisely
_WORD = re.compile(r"\w+", re.UNICODE)


# For ASCII text, \w is [A-Za-z0-9_]: every other character separates words.
_ASCII_SEPARATORS = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (runs of letters, digits and underscores)."""
    if text.isascii():  # the same runs, found by two C calls instead of a regex
        return text.lower().translate(_ASCII_SEPARATORS).split()
    return [w.lower() for w in _WORD.findall(text)]


def similarity(a: list[str], b: list[str]) -> float:
    """Word-level similarity in [0, 1] (difflib ratio, no autojunk)."""
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _bound(query: Counter[str], size: int, candidate: list[str]) -> float:
    """An upper bound of :func:`similarity` (difflib's quick_ratio: shared words, any order)."""
    available = dict(query)
    shared = 0
    for word in candidate:
        left = available.get(word, 0)
        if left > 0:
            available[word] = left - 1
            shared += 1
    return 2.0 * shared / (size + len(candidate))


class FuzzyIndex(Generic[T]):
    """Candidates (text → payload) indexed by word for fast lookup."""

    def __init__(self) -> None:
        self._texts: list[str] = []
        self._payloads: list[T] = []
        self._postings: dict[str, array[int]] = {}

    def add(self, text: str, payload: T) -> None:
        """Make ``text`` a candidate that returns ``payload`` when matched."""
        number = len(self._texts)
        self._texts.append(text)
        self._payloads.append(payload)
        postings = self._postings
        for token in set(words(text)):
            found = postings.get(token)
            if found is None:
                postings[token] = array("I", (number,))
            else:
                found.append(number)

    def extend(self, items: Iterable[tuple[str, T]]) -> None:
        """Add many candidates."""
        for text, payload in items:
            self.add(text, payload)

    def __len__(self) -> int:
        return len(self._texts)

    def best(
        self,
        text: str,
        threshold: float = THRESHOLD,
        skip: Callable[[T], bool] | None = None,
        required: Callable[[T], float] | None = None,
    ) -> tuple[float, T] | None:
        """The most similar candidate at or above ``threshold``, or None.

        Candidates are the texts sharing the query's rarest words, ranked by how
        many of those they share; the first few are scored exactly (in the
        order of an upper bound of their score, stopping when no remaining one
        can win). Ties go to the higher-ranked candidate, then the one added
        first, so results are deterministic. ``skip`` leaves out candidates
        whose payload it accepts; ``required`` raises the score a candidate
        needs, per payload (never below ``threshold``).
        """
        tokens = words(text)
        if not tokens or not self._texts:
            return None
        postings = self._postings
        present = [w for w in set(tokens) if w in postings]
        if not present:
            return None
        present.sort(key=lambda w: (len(postings[w]), w))
        hits: Counter[int] = Counter()
        for word in present[:_RARE_WORDS]:
            hits.update(postings[word])
        ranked = self._ranked(hits, skip)
        query = Counter(tokens)
        size = len(tokens)
        scored: list[tuple[float, int, int, list[str]]] = []  # (bound, rank, number, words)
        for rank, number in enumerate(ranked):
            candidate = words(self._texts[number])
            # Cheap upper bounds on the ratio before the exact computation.
            if 2 * min(size, len(candidate)) / (size + len(candidate)) < threshold:
                continue
            bound = _bound(query, size, candidate)
            if bound >= threshold:
                scored.append((bound, rank, number, candidate))
        scored.sort(key=lambda item: (-item[0], item[1]))
        best: tuple[float, int, int] | None = None  # (score, rank, number)
        for bound, rank, number, candidate in scored:
            if best is not None and (bound < best[0] or (bound == best[0] and rank > best[1])):
                break  # no candidate left can beat the best one
            score = similarity(tokens, candidate)
            if score < threshold or (
                required is not None and score < required(self._payloads[number])
            ):
                continue
            if best is None or score > best[0] or (score == best[0] and rank < best[1]):
                best = (score, rank, number)
        if best is None:
            return None
        return best[0], self._payloads[best[2]]

    def _ranked(self, hits: Counter[int], skip: Callable[[T], bool] | None) -> list[int]:
        """The ``_SCORED`` best candidates: most hits first, then the one added first."""

        def order(item: tuple[int, int]) -> tuple[int, int]:
            return (-item[1], item[0])

        payloads = self._payloads
        # Usually only a few candidates are skipped, so a partial sort is enough.
        for taken in (_SCORED + 16, len(hits)):
            top = heapq.nsmallest(taken, hits.items(), key=order)
            chosen = [n for n, _ in top if skip is None or not skip(payloads[n])][:_SCORED]
            if len(chosen) == _SCORED or taken >= len(hits):
                return chosen
        return []  # not reached: the second round takes every hit
