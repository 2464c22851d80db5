"""A deterministic benchmark corpus in publish's layout, with a revision and its ground truth.

``generate(spec, folder)`` writes::

    folder/base/publish.yaml
    folder/base/source/<slug>.md                     the articles before the revision
    folder/base/locale/<slug>.pot                    their templates (``publish extract``)
    folder/base/locale/<lang>/LC_MESSAGES/<slug>.po  fully translated catalogs
    folder/revised/source/<slug>.md                  the articles after the revision
    folder/revised/locale/<slug>.pot                 the revised templates (input of the peers)
    folder/truth.json                                which new paragraph came from which old one
    folder/DONE                                      the spec, written last

Paragraphs are 20-120 words drawn from a seeded Zipf vocabulary (function words
first, then pseudo-words), so common words are shared by every paragraph and
rare words are not, as in real prose. Translations are word-by-word
pseudo-translations (a fixed word map per language), unique per paragraph, so
the translation a tool offers names the paragraph it came from.

The revision edits about 10% of the paragraphs (most by a few words, some
heavily, some only in typography), inserts about 3% and deletes about 3%.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import shutil
import string
from dataclasses import asdict, dataclass
from pathlib import Path

GENERATOR_VERSION = 5
EPOCH = "1700000000"  # SOURCE_DATE_EPOCH for every template, so corpora are byte-stable

FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "was",
    "he",
    "for",
    "it",
    "with",
    "as",
    "his",
    "on",
    "be",
    "at",
    "by",
    "i",
    "this",
    "had",
    "not",
    "are",
    "but",
    "from",
    "or",
    "have",
    "an",
    "they",
    "which",
    "one",
    "you",
    "were",
    "her",
    "all",
    "she",
    "there",
    "would",
    "their",
    "we",
    "him",
    "been",
    "has",
    "when",
    "who",
    "will",
    "more",
    "no",
    "if",
    "out",
    "so",
    "said",
    "what",
    "up",
    "its",
    "about",
    "into",
    "than",
    "them",
    "can",
    "only",
    "other",
    "new",
    "some",
    "could",
    "time",
    "these",
    "two",
    "may",
    "then",
    "do",
    "first",
    "any",
    "my",
    "now",
    "such",
    "like",
    "our",
    "over",
    "man",
    "me",
    "even",
    "most",
    "made",
    "after",
    "also",
    "did",
    "many",
    "before",
    "must",
    "through",
    "back",
    "years",
    "where",
    "much",
    "your",
    "way",
    "well",
    "down",
    "should",
    "because",
    "each",
    "just",
    "those",
    "people",
    "how",
    "too",
    "little",
    "state",
    "good",
    "very",
    "make",
    "world",
    "still",
    "own",
    "see",
    "men",
    "work",
    "long",
    "get",
    "here",
    "between",
    "both",
    "life",
    "being",
    "under",
    "never",
    "day",
    "same",
    "another",
    "know",
    "while",
    "last",
    "might",
    "us",
    "great",
    "old",
    "year",
    "off",
    "come",
    "since",
    "against",
    "go",
    "came",
    "right",
    "used",
    "take",
    "three",
]
ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "b",
    "d",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "bl",
    "br",
    "ch",
    "cr",
    "dr",
    "gr",
    "pr",
    "sh",
    "st",
    "th",
    "tr",
]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "u", "ai", "ea", "ee", "oo", "ou"]
CODAS = ["", "", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng"]

# Per-language letters for the pseudo-translations (ru is Cyrillic: 2 bytes a letter in UTF-8).
ALPHABETS = {
    "de": ("bdfghklmnprstwzß", "aeiouäöü"),
    "fr": ("bcdfglmnprstvç", "aeiouéèàê"),
    "ru": ("бвгджзклмнпрстфхцчшщ", "аеиоуыэюя"),
    "uk": ("бвгджзклмнпрстфхцчшщ", "аеиоуєїію"),
    "es": ("bcdfglmnprstvñ", "aeiouáéíóú"),
}
TYPO = {"'": "\u2019", "...": "\u2026", " -- ": " \u2014 "}


@dataclass(frozen=True)
class Spec:
    """One corpus size."""

    name: str
    articles: int
    paragraphs: int
    languages: tuple[str, ...]
    seed: int = 20240601
    edited: float = 0.10
    inserted: float = 0.03
    deleted: float = 0.03

    def key(self) -> str:
        """A short hash naming this corpus (changes with the spec or the generator)."""
        text = json.dumps({**asdict(self), "version": GENERATOR_VERSION}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:10]


SIZES = {
    "S": Spec("S", articles=100, paragraphs=30, languages=("de", "fr", "ru")),
    "M": Spec("M", articles=1000, paragraphs=30, languages=("de", "fr", "ru")),
    "B": Spec("B", articles=1, paragraphs=50000, languages=("de",)),
}


class Words:
    """A seeded word and paragraph generator."""

    def __init__(self, seed: int, vocabulary: int = 24000) -> None:
        self.rng = random.Random(seed)
        words = list(FUNCTION_WORDS)
        seen = set(words)
        while len(words) < vocabulary:
            word = "".join(
                self.rng.choice(ONSETS) + self.rng.choice(VOWELS) + self.rng.choice(CODAS)
                for _ in range(self.rng.choice((1, 1, 2, 2, 2, 3)))
            )
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        weights = [1.0 / (rank + 2.7) for rank in range(len(words))]  # Zipf-Mandelbrot
        total = 0.0
        self.cumulative = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def draw(self, count: int) -> list[str]:
        """``count`` words, Zipf-distributed."""
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def sentence(self, length: int) -> str:
        """One sentence: capitalised, commas now and then, a number or a quote sometimes."""
        words = self.draw(length)
        rng = self.rng
        if length > 6 and rng.random() < 0.25:
            words[rng.randrange(2, length)] = str(rng.choice((3, 12, 40, 333, 1990, 2022, 14)))
        if length > 8 and rng.random() < 0.15:
            start = rng.randrange(1, length - 3)
            words[start] = '"' + words[start]
            words[start + 2] += '"'
        if length > 8 and rng.random() < 0.1:
            words[rng.randrange(1, length - 1)] += "'s"
        for _ in range(length // 9):
            spot = rng.randrange(1, length - 1)
            if words[spot][-1].isalnum():
                words[spot] += ","
        end = "." if rng.random() > 0.05 else "..."
        first = words[0]
        words[0] = first[0].upper() + first[1:] if first[0].isalpha() else "The " + first
        return " ".join(words) + end

    def paragraph(self, lo: int = 20, hi: int = 120) -> str:
        """A paragraph of ``lo``-``hi`` words made of sentences."""
        target = self.rng.randint(lo, hi)
        sentences = []
        left = target
        while left > 0:
            length = min(left, self.rng.randint(6, 24))
            if left - length < 4:
                length = left
            sentences.append(self.sentence(max(length, 3)))
            left -= length
        text = " ".join(sentences)
        if self.rng.random() < 0.08:
            parts = text.split(" ")
            if len(parts) > 10:
                spot = self.rng.randrange(4, len(parts) - 4)
                parts[spot] += " --"
                text = " ".join(parts)
        return text

    def title(self) -> str:
        """A headline of 6-12 capitalised words."""
        return " ".join(w.capitalize() for w in self.draw(self.rng.randint(6, 12)))


def _pseudo_word(word: str, language: str) -> str:
    consonants, vowels = ALPHABETS[language]
    digest = hashlib.blake2b(f"{language}:{word.lower()}".encode(), digest_size=16).digest()
    length = max(2, min(12, len(word) + digest[0] % 3 - 1))
    letters = [
        (consonants if i % 2 == 0 else vowels)[
            digest[1 + i % 15] % len(consonants if i % 2 == 0 else vowels)
        ]
        for i in range(length)
    ]
    out = "".join(letters)
    return out.capitalize() if word[:1].isupper() else out


class Translator:
    """Word-by-word pseudo-translation into one language (a fixed, cached word map)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.cache: dict[str, str] = {}

    def word(self, token: str) -> str:
        """One token: letters are mapped, digits and punctuation kept."""
        found = self.cache.get(token)
        if found is not None:
            return found
        core = token.strip(string.punctuation)
        if not core or core.isdigit():
            result = token
        else:
            start = token.find(core)
            result = token[:start] + _pseudo_word(core, self.language) + token[start + len(core) :]
        self.cache[token] = result
        return result

    def __call__(self, text: str) -> str:
        return " ".join(self.word(token) for token in text.split(" "))


@dataclass
class Revision:
    """The revised paragraphs and, for each, where it came from."""

    paragraphs: list[str]
    truth: list[dict[str, object]]  # {"kind": ..., "old": index or None}


def _edit_words(rng: random.Random, words: Words, text: str) -> str:
    """A realistic word-level edit: a few words, a sentence added or dropped, or a rewrite."""
    roll = rng.random()
    if roll < 0.15:  # a sentence added at the end
        return text + " " + words.sentence(rng.randint(8, 20))
    if roll < 0.25 and text.count(". ") >= 2:  # a sentence dropped
        sentences = text.split(". ")
        del sentences[rng.randrange(len(sentences))]
        result = ". ".join(sentences)
        return result if result.endswith((".", "…")) else result + "."
    if roll < 0.40:
        share = rng.uniform(0.25, 0.45)  # heavy
    elif roll < 0.50:
        share = rng.uniform(0.5, 0.8)  # a rewrite
    else:
        share = rng.uniform(0.02, 0.15)  # light
    tokens = text.split(" ")
    operations = max(1, round(len(tokens) * share))
    for _ in range(operations):
        spot = rng.randrange(1, len(tokens)) if len(tokens) > 1 else 0
        kind = rng.random()
        if kind < 0.6 or len(tokens) < 8:
            tokens[spot] = words.draw(1)[0]
        elif kind < 0.8:
            tokens.insert(spot, words.draw(1)[0])
        else:
            del tokens[spot]
    result = " ".join(tokens)
    if not result.rstrip().endswith((".", "…")):
        result = result.rstrip(",") + "."
    return result


def _edit_typography(rng: random.Random, text: str) -> str | None:
    for plain, fancy in rng.sample(list(TYPO.items()), len(TYPO)):
        if plain in text:
            return text.replace(plain, fancy)
    if '"' in text:
        out = []
        opening = True
        for char in text:
            if char == '"':
                out.append("\u201c" if opening else "\u201d")
                opening = not opening
            else:
                out.append(char)
        return "".join(out)
    return None


def revise(rng: random.Random, words: Words, spec: Spec, paragraphs: list[str]) -> Revision:
    """Edit about 10%, insert about 3%, delete about 3% of ``paragraphs``."""
    out: list[str] = []
    truth: list[dict[str, object]] = []
    existing = set(paragraphs)
    for index, text in enumerate(paragraphs):
        roll = rng.random()
        if roll < spec.deleted:
            pass  # deleted
        elif roll < spec.deleted + spec.edited:
            kind = "edited"
            new: str | None = None
            if rng.random() < 0.15:
                new = _edit_typography(rng, text)
                kind = "typography"
            if new is None:
                kind = "edited"
                new = _edit_words(rng, words, text)
            while new in existing:
                new = _edit_words(rng, words, text)
                kind = "edited"
            existing.add(new)
            out.append(new)
            truth.append({"kind": kind, "old": index})
        else:
            out.append(text)
            truth.append({"kind": "same", "old": index})
        if rng.random() < spec.inserted:
            new = words.paragraph()
            existing.add(new)
            out.append(new)
            truth.append({"kind": "inserted", "old": None})
    return Revision(out, truth)


def _article_text(slug: str, title: str, paragraphs: list[str], number: int) -> str:
    front = (
        "---\n"
        f"title: {json.dumps(title)}\n"
        "authors:\n"
        f"- Reporter {number % 97}\n"
        f"date: 20{10 + number % 14:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}\n"
        "publisher: Benchmark Wire\n"
        f"original_url: https://news.example.org/{slug}\n"
        "notice: Copyright (c) Benchmark Wire. Reprinted with permission.\n"
        "language: en\n"
        "---\n\n"
    )
    return front + "\n\n".join(paragraphs) + "\n"


CONFIG = """\
title: Benchmark
base_url: https://bench.example.org/
source_language: en
languages: [{languages}]
publish_threshold: 60
fuzzy: fallback
"""


def generate(spec: Spec, folder: Path, jobs: int = 2) -> None:
    """Write the corpus for ``spec`` into ``folder`` (replaced if incomplete)."""
    if (folder / "DONE").is_file():
        return
    if folder.exists():
        shutil.rmtree(folder)
    base = folder / "base"
    revised = folder / "revised"
    for sub in (base / "source", revised / "source", base / "locale", revised / "locale"):
        sub.mkdir(parents=True)
    config_text = CONFIG.format(languages=", ".join(spec.languages))
    (base / "publish.yaml").write_text(config_text)
    (revised / "publish.yaml").write_text(config_text)
    words = Words(spec.seed)
    rng = random.Random(spec.seed + 1)
    truth: dict[str, object] = {}
    width = len(str(spec.articles))
    titles: dict[str, str] = {}
    for number in range(spec.articles):
        slug = f"article-{number:0{width}d}"
        title = words.title()
        titles[slug] = title
        paragraphs = [words.paragraph() for _ in range(spec.paragraphs)]
        # Identical paragraphs would share one entry; keep the corpus free of them.
        paragraphs = list(dict.fromkeys(paragraphs))
        revision = revise(rng, words, spec, paragraphs)
        (base / "source" / f"{slug}.md").write_text(_article_text(slug, title, paragraphs, number))
        (revised / "source" / f"{slug}.md").write_text(
            _article_text(slug, title, revision.paragraphs, number)
        )
        truth[slug] = {
            "old": len(paragraphs),
            "new": [
                {**item, "text": text}
                for item, text in zip(revision.truth, revision.paragraphs, strict=True)
                if item["kind"] != "same"
            ],
            "old_texts": {
                str(item["old"]): paragraphs[int(str(item["old"]))]
                for item in revision.truth
                if item["kind"] in ("edited", "typography")
            },
        }
    _write_catalogs(spec, base, revised, jobs)
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False))
    (folder / "DONE").write_text(json.dumps(asdict(spec)) + "\n")


def _write_catalogs(spec: Spec, base: Path, revised: Path, jobs: int) -> None:
    """Templates for both states (publish's own extractor) and translated base catalogs."""
    slugs = sorted(path.stem for path in (base / "source").glob("*.md"))
    size = max(1, -(-len(slugs) // (jobs * 4)))
    parts = [(spec, base, revised, slugs[i : i + size]) for i in range(0, len(slugs), size)]
    if jobs <= 1 or len(parts) <= 1:
        for part in parts:
            _catalog_chunk(part)
        return
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        pool.map(_catalog_chunk, parts, chunksize=1)


def _catalog_chunk(part: tuple[Spec, Path, Path, list[str]]) -> None:
    spec, base, revised, slugs = part
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    from publish.catalog.new_catalog import new_catalog
    from publish.config import load_project
    from publish.extract import build_template, creation_date
    from publish.po.model import format_header
    from publish.po.writer import write_catalog
    from publish.workspace import catalog_path, load_article, template_path

    translators = {code: Translator(code) for code in spec.languages}
    for root in (revised, base):
        config = load_project(root)
        for slug in slugs:
            article = load_article(config, config.source_dir / f"{slug}.md")
            template = build_template(article, creation_date())
            path = template_path(config, slug)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(write_catalog(template).encode("utf-8"))
            if root is revised:
                continue
            for language in config.languages:
                translate = translators[language.code]
                catalog = new_catalog(template, language, article.attribution.title)
                assert catalog.header is not None
                fields = catalog.header_fields()
                fields["Last-Translator"] = f"Bench Translator <{language.code}@example.org>"
                fields["PO-Revision-Date"] = "2024-01-01 00:00+0000"
                catalog.header.msgstr = format_header(fields)
                for entry in catalog.entries:
                    entry.msgstr = translate(entry.msgid)
                out = catalog_path(config, language.code, slug)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(write_catalog(catalog).encode("utf-8"))
