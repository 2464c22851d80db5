"""Compare two bodies paragraph by paragraph, as an editor reviewing a revision."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..quotes import unbalanced_quotes

NEAR_DUPLICATE = 0.6  # share of a new paragraph's words found in order in another one


@dataclass
class RevisionReport:
    """What a body revision adds, removes and changes, and what to look at."""

    added: list[tuple[int, str]] = field(default_factory=list)  # (new position, text)
    removed: list[tuple[int, str]] = field(default_factory=list)  # (old position, text)
    changed: list[tuple[int, int, str, str]] = field(
        default_factory=list
    )  # old pos, new pos, old, new
    unchanged: int = 0
    flags: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """True when the revision changes nothing."""
        return not (self.added or self.removed or self.changed)


def _words(text: str) -> list[str]:
    return [w.strip("\"'“”«»„‘’.,;:!?()[]").lower() for w in text.split()]


def word_containment(new: str, other: str) -> float:
    """Share of ``new``'s words that appear, in order, in ``other``."""
    a, b = _words(new), _words(other)
    if not a:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(a)


def compare_bodies(old: list[str], new: list[str]) -> RevisionReport:
    """Paragraph-level diff of two bodies with the editor's warnings."""
    report = RevisionReport()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            report.unchanged += i2 - i1
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        # Pair replaced paragraphs that are still recognisably the same paragraph.
        while olds and news:
            i, j = olds[0], news[0]
            if difflib.SequenceMatcher(None, old[i], new[j], autojunk=False).ratio() >= 0.5:
                report.changed.append((i + 1, j + 1, old[i], new[j]))
                olds.pop(0)
                news.pop(0)
            elif len(news) > len(olds):
                report.added.append((j + 1, new[j]))
                news.pop(0)
            else:
                report.removed.append((i + 1, old[i]))
                olds.pop(0)
        report.removed += [(i + 1, old[i]) for i in olds]
        report.added += [(j + 1, new[j]) for j in news]
    fresh = {pos for pos, _ in report.added} | {pos for _, pos, _, _ in report.changed}
    for position in sorted(fresh):
        text = new[position - 1]
        for problem in unbalanced_quotes(text):
            report.flags.append(f"paragraph {position}: unbalanced quotation marks: {problem}")
        for other_position, other in enumerate(new, start=1):
            if other_position == position:
                continue
            share = word_containment(text, other)
            if share >= NEAR_DUPLICATE:
                report.flags.append(
                    f"paragraph {position} nearly duplicates paragraph {other_position} "
                    f"({share:.0%} of its words, in order)"
                )
                break
    return report
