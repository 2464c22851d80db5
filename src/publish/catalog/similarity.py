"""Bounded-cost fuzzy matching of paragraphs through an inverted word index.

Babel's update compares every new message with every old one (quadratic, and
slow on paragraph-length messages). Here each query looks only at candidates
that share its rarest words, then scores at most a few of them precisely.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

THRESHOLD = (
    0.6  # the share of matching words (difflib ratio) that still counts as "the same paragraph"
)
_RARE_WORDS = 8  # how many of the query's rarest words pick candidates
_SCORED = 6  # how many candidates are scored precisely
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return [w.lower() for w in _WORD.findall(text)]


def similarity(a: list[str], b: list[str]) -> float:
    """Word-level similarity in [0, 1] (difflib ratio, no autojunk)."""
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass
class FuzzyIndex(Generic[T]):
    """Candidates (text → payload) indexed by word for fast lookup."""

    _texts: list[list[str]] = field(default_factory=list)
    _payloads: list[T] = field(default_factory=list)
    _postings: dict[str, list[int]] = field(default_factory=dict)

    def add(self, text: str, payload: T) -> None:
        """Make ``text`` a candidate that returns ``payload`` when matched."""
        tokens = words(text)
        number = len(self._texts)
        self._texts.append(tokens)
        self._payloads.append(payload)
        for token in set(tokens):
            self._postings.setdefault(token, []).append(number)

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
    ) -> tuple[float, T] | None:
        """The most similar candidate at or above ``threshold``, or None.

        Ties go to the candidate added first, so results are deterministic.
        ``skip`` leaves out candidates whose payload it accepts.
        """
        tokens = words(text)
        if not tokens or not self._texts:
            return None
        distinct = sorted(set(tokens), key=lambda w: (len(self._postings.get(w, ())), w))
        rare = [w for w in distinct if w in self._postings][:_RARE_WORDS]
        hits: Counter[int] = Counter()
        for word in rare:
            hits.update(self._postings[word])
        best: tuple[float, int] | None = None
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        if skip is not None:
            ranked = [item for item in ranked if not skip(self._payloads[item[0]])]
        for number, _ in ranked[:_SCORED]:
            candidate = self._texts[number]
            # Cheap upper bound on the ratio before the exact computation.
            if 2 * min(len(tokens), len(candidate)) / (len(tokens) + len(candidate)) < threshold:
                continue
            score = similarity(tokens, candidate)
            if score >= threshold and (best is None or score > best[0]):
                best = (score, number)
        if best is None:
            return None
        return best[0], self._payloads[best[1]]
