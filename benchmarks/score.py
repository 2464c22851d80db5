"""Fuzzy-match precision and recall of a merge tool against the corpus ground truth.

For every paragraph the revision edited (words or typography), the merged
catalog's entry for the new text is:

* a true positive when its msgstr is that paragraph's own earlier translation
  (fuzzy, or carried over without fuzz for a typography-only edit);
* a false positive when it holds any other translation;
* a false negative when it is empty.

A paragraph the revision inserted has no earlier translation, so any
translation it receives is a false positive. precision = TP / (TP + FP),
recall = TP / edited paragraphs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus import Translator


@dataclass
class Counts:
    """Tallies over all scored (article, language) pairs."""

    edited: int = 0
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    inserted: int = 0
    inserted_suggested: int = 0
    carried_unfuzzy: int = 0  # typography edits served without a fuzzy flag
    missing: int = 0  # entries absent from the output (should be 0)

    @property
    def precision(self) -> float:
        """TP / (TP + FP), 1.0 when nothing was suggested."""
        suggested = self.true_positive + self.false_positive
        return self.true_positive / suggested if suggested else 1.0

    @property
    def recall(self) -> float:
        """TP / edited paragraphs."""
        return self.true_positive / self.edited if self.edited else 1.0

    def as_dict(self) -> dict[str, float | int]:
        """For the JSON results."""
        return {
            "edited": self.edited,
            "true_positive": self.true_positive,
            "false_positive": self.false_positive,
            "false_negative": self.false_negative,
            "inserted": self.inserted,
            "inserted_suggested": self.inserted_suggested,
            "carried_unfuzzy": self.carried_unfuzzy,
            "missing": self.missing,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
        }


def _unquote(line: str) -> str:
    body = line[line.index('"') + 1 : line.rindex('"')]
    if "\\" not in body:
        return body
    out = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(nxt, nxt))
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def active_entries(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid -> (msgstr, fuzzy) for the active, context-free entries of a well-formed PO file."""
    table: dict[str, tuple[str, bool]] = {}
    fuzzy = False
    field: list[str] | None = None
    msgid: list[str] = []
    msgstr: list[str] = []
    in_entry = False

    def flush() -> None:
        if in_entry and msgid:
            table["".join(msgid)] = ("".join(msgstr), fuzzy)

    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            flush()
            in_entry, fuzzy, field, msgid, msgstr = False, False, None, [], []
        elif line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif line.startswith("msgid "):
            in_entry = True
            msgid = [_unquote(line)]
            field = msgid
        elif line.startswith("msgstr"):
            msgstr = [_unquote(line)]
            field = msgstr
        elif line.startswith('"') and field is not None:
            field.append(_unquote(line))
        elif line.startswith(("msgctxt", "msgid_plural")):
            field = None
            in_entry = False  # not scored
    flush()
    return table


def score(
    truth_file: Path,
    languages: Iterable[str],
    output: Callable[[str, str], Path],
    slugs: Iterable[str] | None = None,
) -> Counts:
    """Score the merged catalogs ``output(language, slug)`` against the ground truth."""
    truth = json.loads(truth_file.read_text())
    chosen = list(slugs) if slugs is not None else list(truth)
    counts = Counts()
    for language in languages:
        translate = Translator(language)
        for slug in chosen:
            item = truth[slug]
            path = output(language, slug)
            entries = active_entries(path) if path.is_file() else {}
            for new in item["new"]:
                found = entries.get(new["text"])
                if found is None:
                    counts.missing += 1
                    continue
                msgstr, fuzzy = found
                if new["kind"] == "inserted":
                    counts.inserted += 1
                    if msgstr:
                        counts.inserted_suggested += 1
                        counts.false_positive += 1
                    continue
                counts.edited += 1
                expected = translate(item["old_texts"][str(new["old"])])
                if msgstr == expected:
                    counts.true_positive += 1
                    if new["kind"] == "typography" and not fuzzy:
                        counts.carried_unfuzzy += 1
                elif msgstr:
                    counts.false_positive += 1
                else:
                    counts.false_negative += 1
    return counts
