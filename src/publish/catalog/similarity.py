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
from itertools import chain
from typing import Generic, TypeVar

T = TypeVar("T")

THRESHOLD = (
    0.6  # the share of matching words (difflib ratio) that still counts as "the same paragraph"
)
_RARE_WORDS = 8  # how many of the query's rarest words pick candidates
# The rarest words pick candidates until they would bring more than this many (at
# least one word always picks): what a paragraph collects stays bounded however large
# the archive grows, while a paragraph whose rarest words are rare gets all eight.
CANDIDATE_BUDGET = 4096
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


# The last texts tokenized for an index: an article's messages are the same in
# each of its languages. Emptied when full.
_TOKENIZED: dict[str, tuple[list[str], frozenset[str]]] = {}
TOKENIZED_KEPT = 256


def tokenized(text: str) -> tuple[list[str], frozenset[str]]:
    """:func:`words` of ``text`` and the set of them (shared: do not change the list)."""
    found = _TOKENIZED.get(text)
    if found is None:
        if len(_TOKENIZED) >= TOKENIZED_KEPT:
            _TOKENIZED.clear()
        tokens = words(text)
        found = _TOKENIZED[text] = (tokens, frozenset(tokens))
    return found


def similarity(a: list[str], b: list[str]) -> float:
    """Word-level similarity in [0, 1] (difflib ratio, no autojunk)."""
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _bound(query: Counter[str], size: int, candidate: list[str]) -> float:
    """An upper bound of :func:`similarity` (difflib's quick_ratio: shared words, any order)."""
    shared = 0
    get = query.get
    for word, count in Counter(candidate).items():
        available = get(word)
        if available:
            shared += count if count < available else available
    return 2.0 * shared / (size + len(candidate))


# Bounds and scores of the last pairs of texts compared: an article's messages are
# compared alike in each of its languages. Emptied when full.
_PAIRS: dict[tuple[str, str], list[float]] = {}  # [bound] or [bound, score]
PAIRS_KEPT = 1024


def best_of(
    tokens: list[str],
    candidates: list[list[str]],
    threshold: float = THRESHOLD,
    required: Callable[[int], float] | None = None,
    texts: tuple[str, list[str]] | None = None,
) -> tuple[float, int] | None:
    """The best of ``candidates`` (word lists, best-ranked first) for the query ``tokens``.

    Returns (score, place in ``candidates``) of the most similar candidate at or
    above ``threshold`` (and at or above ``required(place)``), or None. Candidates
    are scored exactly in the order of an upper bound of their score, stopping when
    no remaining one can win; ties go to the earlier candidate. With ``texts``
    (the texts of the query and of the candidates), bounds and scores are
    remembered for a while.
    """
    query: Counter[str] | None = None
    size = len(tokens)
    pairs: list[list[float] | None] = []
    scored: list[tuple[float, int]] = []  # (bound, rank)
    for rank, candidate in enumerate(candidates):
        length = len(candidate)
        # Cheap upper bounds on the ratio before the exact computation.
        if 2 * min(size, length) / (size + length) < threshold:
            pairs.append(None)
            continue
        pair = None if texts is None else _pair(texts[0], texts[1][rank])
        pairs.append(pair)
        if pair:
            bound = pair[0]
        else:
            if query is None:
                query = Counter(tokens)
            bound = _bound(query, size, candidate)
            if pair is not None:
                pair.append(bound)
        if bound >= threshold:
            scored.append((bound, rank))
    scored.sort(key=lambda item: (-item[0], item[1]))
    best: tuple[float, int] | None = None  # (score, rank)
    for bound, rank in scored:
        if best is not None and (bound < best[0] or (bound == best[0] and rank > best[1])):
            break  # no candidate left can beat the best one
        pair = pairs[rank]
        if pair is not None and len(pair) == 2:
            score = pair[1]
        else:
            score = similarity(tokens, candidates[rank])
            if pair is not None:
                pair.append(score)
        if score < threshold or (required is not None and score < required(rank)):
            continue
        if best is None or score > best[0] or (score == best[0] and rank < best[1]):
            best = (score, rank)
    return best


def _pair(query: str, candidate: str) -> list[float]:
    """The remembered [bound, score] of two texts (empty at first)."""
    key = (query, candidate)
    found = _PAIRS.get(key)
    if found is None:
        if len(_PAIRS) >= PAIRS_KEPT:
            _PAIRS.clear()
        found = _PAIRS[key] = []
    return found


def rare_words(tokens: list[str], frequency: Callable[[str], int]) -> list[str]:
    """The (at most ``_RARE_WORDS``) rarest of ``tokens`` that some candidate contains.

    ``frequency`` is the number of candidates containing a word (0 for none);
    rarer first, ties in alphabetical order.
    """
    counted = [(frequency(w), w) for w in set(tokens)]
    present = sorted(item for item in counted if item[0])
    chosen: list[str] = []
    collected = 0
    for count, word in present[:_RARE_WORDS]:
        collected += count
        if chosen and collected > CANDIDATE_BUDGET:
            break
        chosen.append(word)
    return chosen


def top_ranked(hits: Iterable[tuple[int, int]], excluded: Callable[[int], bool]) -> list[int]:
    """The ``_SCORED`` best candidates of (number, hits): most hits first, then the
    lowest number; those ``excluded`` accepts are left out."""

    def order(item: tuple[int, int]) -> tuple[int, int]:
        return (-item[1], item[0])

    items = list(hits)
    # Usually only a few candidates are excluded, so a partial sort is enough.
    for taken in (_SCORED + 16, len(items)):
        top = heapq.nsmallest(taken, items, key=order)
        chosen = [n for n, _ in top if not excluded(n)][:_SCORED]
        if len(chosen) == _SCORED or taken >= len(items):
            return chosen
    return []  # not reached: the second round takes every hit


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
        rare = rare_words(tokens, lambda w: len(postings.get(w, ())))
        if not rare:
            return None
        hits: Counter[int] = Counter()
        for word in rare:
            hits.update(postings[word])
        payloads = self._payloads
        ranked = top_ranked(
            hits.items(), (lambda n: False) if skip is None else (lambda n: skip(payloads[n]))
        )
        return _answer(
            tokens, ranked, [words(self._texts[n]) for n in ranked], payloads, threshold, required
        )


def _answer(
    tokens: list[str],
    ranked: list[int],
    candidates: list[list[str]],
    payloads: list[T],
    threshold: float,
    required: Callable[[T], float] | None,
    texts: tuple[str, list[str]] | None = None,
) -> tuple[float, T] | None:
    found = best_of(
        tokens,
        candidates,
        threshold,
        None if required is None else (lambda rank: required(payloads[ranked[rank]])),
        texts,
    )
    if found is None:
        return None
    return found[0], payloads[ranked[found[1]]]


class _Candidates:
    """The words of some candidate texts (see :class:`SmallIndex`)."""

    __slots__ = ("frequency", "sets", "texts", "tokens")

    def __init__(self, texts: tuple[str, ...]) -> None:
        self.texts = texts
        self.tokens: list[list[str]] = []
        self.sets: list[frozenset[str]] = []
        for text in texts:
            tokens, distinct = tokenized(text)
            self.tokens.append(tokens)
            self.sets.append(distinct)
        self.frequency: Counter[str] = Counter(chain.from_iterable(self.sets))


# The last few candidate lists: a catalog's messages are alike in each language.
_CANDIDATES: dict[tuple[str, ...], _Candidates] = {}
CANDIDATES_KEPT = 8


def _candidates(texts: tuple[str, ...]) -> _Candidates:
    found = _CANDIDATES.get(texts)
    if found is None:
        if len(_CANDIDATES) >= CANDIDATES_KEPT:
            _CANDIDATES.clear()
        found = _CANDIDATES[texts] = _Candidates(texts)
    return found


class SmallIndex(Generic[T]):
    """:class:`FuzzyIndex` for the few candidates of one catalog: same answers, no postings.

    The candidates' words are kept, so building it costs one tokenization per
    candidate (or none, when the same texts were indexed just before) and a
    query looks at every candidate (fast while they are few).
    """

    def __init__(self, items: Iterable[tuple[str, T]] = ()) -> None:
        pairs = list(items)
        self._payloads: list[T] = [payload for _, payload in pairs]
        self._words = _candidates(tuple(text for text, _ in pairs))

    def __len__(self) -> int:
        return len(self._payloads)

    def best(
        self,
        text: str,
        threshold: float = THRESHOLD,
        skip: Callable[[T], bool] | None = None,
        required: Callable[[T], float] | None = None,
    ) -> tuple[float, T] | None:
        """The same answer as :meth:`FuzzyIndex.best` with the same candidates."""
        tokens = tokenized(text)[0]
        if not tokens or not self._payloads:
            return None
        candidates = self._words
        frequency = candidates.frequency
        rare = set(rare_words(tokens, lambda w: frequency.get(w, 0)))
        if not rare:
            return None
        hits = [(n, len(rare & distinct)) for n, distinct in enumerate(candidates.sets)]
        payloads = self._payloads
        ranked = top_ranked(
            [item for item in hits if item[1]],
            (lambda n: False) if skip is None else (lambda n: skip(payloads[n])),
        )
        return _answer(
            tokens,
            ranked,
            [candidates.tokens[n] for n in ranked],
            payloads,
            threshold,
            required,
            (text, [candidates.texts[n] for n in ranked]),
        )
