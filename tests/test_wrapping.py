"""Tests for publish.po.wrapping: unit cases plus differential tests against
GNU gettext's ``msgcat`` and (for the line breaking engine) libunistring."""

from __future__ import annotations

import ctypes
import ctypes.util
import random
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish.po import _linebreak_data as _data
from publish.po import _linebreak_fast as _fast
from publish.po import wrapping
from publish.po.wrapping import format_field

MSGCAT = shutil.which("msgcat")
needs_msgcat = pytest.mark.skipif(MSGCAT is None, reason="GNU msgcat not on PATH")

LONG = (
    "The quick brown fox jumps over the lazy dog while the committee debates "
    "the budget for another long and uneventful afternoon."
)


# --------------------------------------------------------------------------
# Unit cases (expected output verified against msgcat 0.21)
# --------------------------------------------------------------------------


def test_short_string() -> None:
    assert format_field("msgid", "hello") == ['msgid "hello"']


def test_empty_string() -> None:
    assert format_field("msgid", "") == ['msgid ""']
    assert format_field("msgstr[1]", "", line_prefix="#~ ") == ['#~ msgstr[1] ""']


def test_exactly_at_width() -> None:
    # 'msgid "' + 71 characters + '"' is 79 columns: fits on one line.
    text = "x" * 60 + " " + "y" * 10
    assert format_field("msgid", text) == [f'msgid "{text}"']
    # One more column and the string moves to continuation lines.
    text2 = text + "y"
    assert format_field("msgid", text2) == ['msgid ""', f'"{text2}"']
    # A continuation line holds at most 77 columns between the quotes,
    # trailing space included.
    text3 = "a" * 70 + " " + "b" * 5
    assert format_field("msgid", text3 + " c") == ['msgid ""', f'"{text3} "', '"c"']
    text4 = "a" * 70 + " " + "b" * 6
    assert format_field("msgid", text4 + " c") == [
        'msgid ""',
        '"' + "a" * 70 + ' "',
        '"bbbbbb c"',
    ]


def test_paragraph_wraps_after_spaces() -> None:
    lines = format_field("msgid", LONG * 2)
    assert lines[0] == 'msgid ""'
    assert all(len(line) <= 79 for line in lines)
    assert "".join(line[1:-1] for line in lines[1:]) == LONG * 2
    assert all(line[-2] == " " for line in lines[1:-1])


def test_long_word_longer_than_line() -> None:
    word = "w" * 100
    # No break opportunity at all: the field stays on the keyword line.
    assert format_field("msgid", word) == [f'msgid "{word}"']
    assert format_field("msgid", f"aa {word} bb") == ['msgid ""', '"aa "', f'"{word} "', '"bb"']


def test_long_url() -> None:
    url = "https://www.example.org/a/some-very-long-path-with-hyphens/31940262.html?x=1&y=2"
    assert format_field("msgstr", f"See {url} for details.") == [
        'msgstr ""',
        '"See https://www.example.org/a/some-very-long-path-with-hyphens/31940262.html?"',
        '"x=1&y=2 for details."',
    ]


def test_trailing_newline() -> None:
    assert format_field("msgid", "Hello\n") == ['msgid "Hello\\n"']
    assert format_field("msgid", "\n") == ['msgid "\\n"']


def test_embedded_newline() -> None:
    assert format_field("msgid", "one\ntwo") == ['msgid ""', '"one\\n"', '"two"']
    assert format_field("msgid", "one\ntwo\n") == ['msgid ""', '"one\\n"', '"two\\n"']
    assert format_field("msgid", "\n\n") == ['msgid ""', '"\\n"', '"\\n"']


def test_no_break_before_final_newline() -> None:
    text = "word " * 14 + "end.\n"
    lines = format_field("msgid", text)
    assert lines[-1].endswith('end.\\n"')
    assert lines[-1] != '"\\n"'


def test_quotes_backslashes_and_escapes() -> None:
    assert format_field("msgid", 'say "hi" \\ there') == ['msgid "say \\"hi\\" \\\\ there"']
    assert format_field("msgid", "a\tb\rc\a\b\f\v") == ['msgid "a\\tb\\rc\\a\\b\\f\\v"']
    # Other control characters are written raw.
    assert format_field("msgid", "a\x01b\x1b") == ['msgid "a\x01b\x1b"']


def test_escape_sequences_are_never_split() -> None:
    for n in range(60, 90):
        text = "x" * n + '\\"' * 10 + " tail"
        for line in format_field("msgid", text)[1:]:
            body = line[1:-1]
            stripped = body.replace("\\\\", "").replace('\\"', "")
            assert "\\" not in stripped


def test_prefixes() -> None:
    text = LONG * 2
    obsolete = format_field("msgid", text, line_prefix="#~ ")
    assert obsolete[0] == '#~ msgid ""'
    assert all(line.startswith('#~ "') for line in obsolete[1:])
    assert all(len(line) <= 79 for line in obsolete)
    previous = format_field("msgid", text, line_prefix="#| ")
    assert [line[3:] for line in previous] == [line[3:] for line in obsolete]
    assert format_field("msgid", "short", line_prefix="#~| ") == ['#~| msgid "short"']


def test_no_wrap() -> None:
    text = LONG * 3
    assert format_field("msgid", text, wrap=False) == [f'msgid "{text}"']
    assert format_field("msgid", text + "\nnext", wrap=False) == [
        'msgid ""',
        f'"{text}\\n"',
        '"next"',
    ]


def test_page_width_like_msgcat_option() -> None:
    text = LONG * 2
    assert format_field("msgid", text, page_width=0) == [f'msgid "{text}"']
    assert format_field("msgid", text, page_width=5) == format_field("msgid", text, page_width=20)
    assert format_field("msgid", text, page_width=21) != format_field("msgid", text, page_width=20)
    with pytest.raises(ValueError):
        format_field("msgid", text, page_width=-1)


def test_wide_characters() -> None:
    # CJK ideographs are two columns wide and can break anywhere.
    text = "日本語のテキスト、「引用」。" * 6
    lines = format_field("msgstr", text)
    assert lines[0] == 'msgstr ""'
    assert "".join(line[1:-1] for line in lines[1:]) == text
    for line in lines[1:-1]:
        body = line[1:-1]
        assert sum(2 if ord(ch) > 0x2E80 else 1 for ch in body) <= 77


def test_invalid_values() -> None:
    with pytest.raises(ValueError):
        format_field("msgid", "a\0b")
    with pytest.raises(ValueError):
        format_field("msgid", "a\ud800b")


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\0")))
@settings(max_examples=200, deadline=None)
def test_roundtrip_property(value: str) -> None:
    lines = format_field("msgstr", value)
    assert lines
    assert lines[0].startswith("msgstr ")
    body = "".join(line[line.index('"') + 1 : -1] for line in lines)
    assert body == value.translate(wrapping._ESCAPE_TABLE)


# --------------------------------------------------------------------------
# Corpus of realistic strings
# --------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


ENGLISH_WORDS = _words(
    "the government said on Tuesday that it would review the decision after "
    "protests in several cities officials reported that prices had risen by "
    "percent since January analysts expect inflation to slow later this year "
    "according to a statement published by the ministry residents were "
    "evacuated as the river burst its banks emergency services worked through "
    "the night to restore power to thousands of homes spokesperson declined "
    "comment negotiations resumed in Geneva with delegations from both sides"
)
RUSSIAN_WORDS = _words(
    "правительство заявило во вторник что пересмотрит решение после протестов "
    "в нескольких городах цены выросли на процентов с начала года аналитики "
    "ожидают замедления инфляции жители были эвакуированы"
)
ARABIC_WORDS = _words(
    "قالت الحكومة يوم الثلاثاء إنها ستراجع القرار بعد احتجاجات في عدة مدن "
    "وارتفعت الأسعار بنسبة في المئة منذ يناير"
)
HEBREW_WORDS = _words("הממשלה הודיעה ביום שלישי כי תבחן מחדש את ההחלטה לאחר הפגנות בכמה ערים")
CHINESE = (
    "政府周二表示，将在多个城市发生抗议活动后重新审查这一决定。分析人士预计今年晚些时候通胀将放缓。"
)
JAPANESE = "政府は火曜日、「複数の都市で抗議があった」ことを受けて、決定を見直すと発表した。物価は上昇している。"
THAI = "รัฐบาลกล่าวเมื่อวันอังคารว่าจะทบทวนการตัดสินใจหลังจากการประท้วงในหลายเมือง"
EMOJI = ["😀", "👍🏽", "👨‍👩‍👧", "🇺🇦", "🇫🇷🇩🇪", "❤️", "🎉", "✈️"]
SPECIALS = [
    "10,000-15,000 rubles ($170-260)",
    "— said",
    "2019–2021",
    "«цитата»",
    "„Zitat“",
    "“quoted”",
    "‘single’",
    "100\u00a0km",
    "wait…",
    "e.g.",
    "(see above)",
    "[1]",
    "50%",
    "€20",
    "U.S.",
    "co-operation",
    "C:\\path\\to\\file",
    'the "best" one',
    "tab\there",
    "line\nbreak",
    "x\u200by",
    "a\u00adb",
    "3.14",
    "+7 (495) 123-45-67",
    "<b>bold</b>",
    "%s and %d",
    "{name}",
    "$(VAR)",
    "#hashtag",
    "@user",
    "foo/bar/baz",
    "a/b",
    "ü\u0308",
    "e\u0301",
    "\u05e9\u05b8\u05c1",
    "\u0915\u094d\u0937",
    "x\u2028y",
    "a\u0085b",
    "p\u2029q",
    "\U0001f1e6\U0001f1e8\U0001f1e6",
    "\u05d0-\u05d1",
    "\u05d0\u2010x",
    "a\u200b\u0300b",
    "\u0301x",
]
URLS = [
    "https://www.example.org/a/some-very-long-path-with-hyphens/31940262.html?x=1&y=2",
    "http://example.com/news/2021/03/15/world/europe/article-title-goes-here.html",
    "https://t.co/AbCdEf",
    "mailto:editor@example.org",
]


def _long_word(rng: random.Random) -> str:
    n = rng.randint(60, 200)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz-_.0123456789") for _ in range(n))


def _paragraph(rng: random.Random) -> str:
    n = rng.randint(20, 300)
    words: list[str] = []
    pools = [ENGLISH_WORDS] * 4 + [RUSSIAN_WORDS, ARABIC_WORDS, HEBREW_WORDS]
    pool = rng.choice(pools)
    for _ in range(n):
        r = rng.random()
        if r < 0.80:
            words.append(rng.choice(pool))
        elif r < 0.88:
            words.append(rng.choice(SPECIALS))
        elif r < 0.91:
            words.append(rng.choice(URLS))
        elif r < 0.93:
            words.append(_long_word(rng))
        elif r < 0.96:
            words.append(rng.choice(EMOJI))
        else:
            words.append(rng.choice(["—", "–", "…", "-", ",", ".", "!", "?", ":", ";"]))
    text = ""
    for word in words:
        sep = rng.choice([" "] * 12 + ["", "  ", "\u00a0", "\t", "\n", ". ", ", "])
        text += sep + word if text else word
    if rng.random() < 0.3:
        text += "\n"
    return text


def _cjk(rng: random.Random) -> str:
    parts = [rng.choice([CHINESE, JAPANESE, THAI]) for _ in range(rng.randint(1, 8))]
    text = rng.choice(["", " ", "\n"]).join(parts)
    if rng.random() < 0.3:
        text = f"{rng.choice(EMOJI)} {text} ({rng.choice(URLS)})"
    return text


def _short(rng: random.Random) -> str:
    return " ".join(rng.choice(ENGLISH_WORDS + SPECIALS) for _ in range(rng.randint(1, 12)))


def _at_width(rng: random.Random) -> str:
    # Strings whose length is close to the line width, with and without spaces.
    n = rng.randint(60, 160)
    alphabet = rng.choice(["x", "x ", "ab-", "я ", "日", "a\u0301 ", '"\\', "1,"])
    return "".join(rng.choice(alphabet) for _ in range(n))


def random_text(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.45:
        return _paragraph(rng)
    if kind < 0.65:
        return _cjk(rng)
    if kind < 0.85:
        return _at_width(rng)
    return _short(rng)


# --------------------------------------------------------------------------
# PO file rendering with format_field, and the msgcat round trip
# --------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str
    msgstr: list[str]
    msgctxt: str | None = None
    msgid_plural: str | None = None
    obsolete: bool = False
    fuzzy: bool = False
    no_wrap: bool = False
    prev_msgctxt: str | None = None
    prev_msgid: str | None = None
    comments: list[str] = field(default_factory=list)


HEADER = (
    "Project-Id-Version: publish test\n"
    "Report-Msgid-Bugs-To: \n"
    "PO-Revision-Date: 2024-01-01 00:00+0000\n"
    "Language: ru\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)


def render_entry(entry: Entry, width: int = 79) -> list[str]:
    lines = [f"# {c}" for c in entry.comments]
    prefix = "#~ " if entry.obsolete else ""
    prev_prefix = "#~| " if entry.obsolete else "#| "
    wrap = not entry.no_wrap
    flags = []
    if entry.fuzzy and (entry.obsolete or entry.msgstr[0]):
        flags.append("fuzzy")
    if entry.no_wrap and not entry.obsolete:
        flags.append("no-wrap")
    if flags:
        lines.append("#, " + ", ".join(flags))

    def field_lines(keyword: str, value: str, line_prefix: str) -> list[str]:
        return format_field(keyword, value, line_prefix=line_prefix, wrap=wrap, page_width=width)

    if entry.prev_msgctxt is not None:
        lines += field_lines("msgctxt", entry.prev_msgctxt, prev_prefix)
    if entry.prev_msgid is not None:
        lines += field_lines("msgid", entry.prev_msgid, prev_prefix)
    if entry.msgctxt is not None:
        lines += field_lines("msgctxt", entry.msgctxt, prefix)
    lines += field_lines("msgid", entry.msgid, prefix)
    if entry.msgid_plural is not None:
        lines += field_lines("msgid_plural", entry.msgid_plural, prefix)
        for i, text in enumerate(entry.msgstr):
            lines += field_lines(f"msgstr[{i}]", text, prefix)
    else:
        lines += field_lines("msgstr", entry.msgstr[0], prefix)
    return lines


def render_po(entries: list[Entry], width: int = 79) -> bytes:
    blocks = [render_entry(Entry(msgid="", msgstr=[HEADER]), width)]
    active = [e for e in entries if not e.obsolete]
    obsolete = [e for e in entries if e.obsolete]
    blocks += [render_entry(e, width) for e in active + obsolete]
    return "\n\n".join("\n".join(block) for block in blocks).encode("utf-8") + b"\n"


def run_msgcat(tmp_path: Path, data: bytes, name: str, width: int = 79) -> bytes:
    assert MSGCAT is not None
    src = tmp_path / f"{name}.in.po"
    dst = tmp_path / f"{name}.out.po"
    src.write_bytes(data)
    cmd = [MSGCAT, "-o", str(dst), str(src)]
    if width != 79:
        cmd.insert(1, f"--width={width}")
    proc = subprocess.run(cmd, capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return dst.read_bytes()


def assert_msgcat_identical(tmp_path: Path, entries: list[Entry], width: int = 79) -> None:
    ours = render_po(entries, width)
    theirs = run_msgcat(tmp_path, ours, "first", width)
    if ours != theirs:
        ours_lines = ours.decode().splitlines()
        theirs_lines = theirs.decode().splitlines()
        for i, (a, b) in enumerate(zip(ours_lines, theirs_lines, strict=False)):
            if a != b:
                context = "\n".join(theirs_lines[max(0, i - 3) : i + 3])
                pytest.fail(f"line {i + 1} differs:\nours:   {a!r}\nmsgcat: {b!r}\n{context}")
        pytest.fail(f"length differs: {len(ours_lines)} vs {len(theirs_lines)} lines")
    # msgcat is idempotent on its own output.
    assert run_msgcat(tmp_path, theirs, "second", width) == theirs


def make_entries(rng: random.Random, count: int) -> list[Entry]:
    entries: list[Entry] = []
    seen: set[tuple[str | None, str]] = set()
    while len(entries) < count:
        msgid = random_text(rng)
        ctxt = _short(rng) if rng.random() < 0.1 else None
        if not msgid or (ctxt, msgid) in seen:
            continue
        seen.add((ctxt, msgid))
        kind = rng.random()
        entry = Entry(msgid=msgid, msgstr=[random_text(rng) if rng.random() < 0.9 else ""])
        entry.msgctxt = ctxt
        if kind < 0.1:
            entry.msgid_plural = random_text(rng) or "plural"
            entry.msgstr = [random_text(rng), random_text(rng)]
        elif kind < 0.25:
            entry.obsolete = True
            entry.msgstr = [random_text(rng) or "x"]
            if rng.random() < 0.5:
                entry.prev_msgid = random_text(rng)
                entry.fuzzy = True
        elif kind < 0.4:
            entry.fuzzy = True
            entry.prev_msgid = random_text(rng)
            if rng.random() < 0.3:
                entry.prev_msgctxt = _short(rng)
        elif kind < 0.5:
            entry.no_wrap = True
        entries.append(entry)
    return entries


@needs_msgcat
def test_msgcat_differential_corpus(tmp_path: Path) -> None:
    rng = random.Random(20240601)
    assert_msgcat_identical(tmp_path, make_entries(rng, 600))


@needs_msgcat
@pytest.mark.parametrize("width", [0, 10, 30, 60, 100])
def test_msgcat_differential_other_widths(tmp_path: Path, width: int) -> None:
    rng = random.Random(width)
    assert_msgcat_identical(tmp_path, make_entries(rng, 150), width=width)


@needs_msgcat
def test_msgcat_differential_unit_cases(tmp_path: Path) -> None:
    values = [
        "hello",
        "x" * 60 + " " + "y" * 10,
        "x" * 60 + " " + "y" * 11,
        "a" * 70 + " " + "b" * 5 + " c",
        "a" * 70 + " " + "b" * 6 + " c",
        "w" * 100,
        "aa " + "w" * 100 + " bb",
        f"See {URLS[0]} for details.",
        "Hello\n",
        "\n",
        "one\ntwo",
        "one\ntwo\n",
        "\n\n",
        "word " * 14 + "end.\n",
        'say "hi" \\ there',
        "a\tb\rc\a\b\f\v",
        "a\x01b\x1b",
        "日本語のテキスト、「引用」。" * 6,
        LONG * 2,
        LONG * 3 + "\nnext",
    ]
    entries = [Entry(msgid=v, msgstr=[v]) for v in values]
    entries += [Entry(msgid="o" + v, msgstr=[v], obsolete=True, prev_msgid=v) for v in values]
    entries += [Entry(msgid="p" + v, msgstr=[v], fuzzy=True, prev_msgid=v) for v in values]
    entries += [Entry(msgid="n" + v, msgstr=[v], no_wrap=True) for v in values]
    assert_msgcat_identical(tmp_path, entries)


_FRAGMENTS = (
    ENGLISH_WORDS
    + RUSSIAN_WORDS
    + ARABIC_WORDS
    + HEBREW_WORDS
    + SPECIALS
    + URLS
    + EMOJI
    + [CHINESE[:10], JAPANESE[:12], THAI[:15], "—", "–", "…", "«", "»", "„", "“", "”", "‘", "’"]
)
_SEPARATORS = [" ", " ", " ", "", "\u00a0", "\t", "\n", '"', "\\", "-", "/", "\u200b", "\u3000"]

fragment_text = st.lists(
    st.tuples(st.sampled_from(_FRAGMENTS), st.sampled_from(_SEPARATORS)), max_size=60
).map(lambda pairs: "".join(word + sep for word, sep in pairs))
# U+0004 is gettext's msgctxt separator: the PO reader rejects it in strings.
any_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\0\x04"),
    max_size=200,
)
po_text = st.one_of(fragment_text, fragment_text, any_text)


@needs_msgcat
@given(st.lists(st.tuples(po_text, po_text, st.booleans()), min_size=1, max_size=12))
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_msgcat_differential_hypothesis(tmp_path: Path, pairs: list[tuple[str, str, bool]]) -> None:
    entries: list[Entry] = []
    seen: set[str] = set()
    for i, (msgid, msgstr, obsolete) in enumerate(pairs):
        key = f"{i}:{msgid}" if msgid in seen or not msgid else msgid
        seen.add(key)
        if obsolete:
            entries.append(
                Entry(msgid=key, msgstr=[msgstr or "x"], obsolete=True, prev_msgid=msgid)
            )
        else:
            entries.append(Entry(msgid=key, msgstr=[msgstr], fuzzy=bool(msgstr), prev_msgid=msgstr))
    assert_msgcat_identical(tmp_path, entries)


# --------------------------------------------------------------------------
# Differential test of the line breaking engine against libunistring itself
# --------------------------------------------------------------------------


def _load_libunistring() -> ctypes.CDLL | None:
    for name in ("libunistring.so.2", ctypes.util.find_library("unistring")):
        if name:
            try:
                return ctypes.CDLL(name)
            except OSError:
                continue
    return None


def _reference_breaks(
    lib: ctypes.CDLL, text: str, start_column: int, width: int, final_newline: bool
) -> list[int]:
    """Break indices computed by u8_width_linebreaks_v2 with gettext's overrides."""
    func = lib.u8_width_linebreaks_v2
    func.argtypes = [
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_char_p,
    ]
    func.restype = ctypes.c_int
    data = text.encode("utf-8")
    overrides = bytearray(len(data))
    starts: list[int] = []
    pos = 0
    in_escape = False
    for ch in text:
        starts.append(pos)
        size = len(ch.encode("utf-8"))
        overrides[pos + 1 : pos + size] = b"\x01" * (size - 1)
        if in_escape:
            overrides[pos] = 1
            in_escape = False
        elif ch == "\\":
            in_escape = True
        pos += size
    if final_newline:
        overrides[len(data) - 2] = 1
    out = ctypes.create_string_buffer(len(data))
    func(data, len(data), width, start_column, 0, bytes(overrides), b"UTF-8", out)
    raw = out.raw
    return [i for i, start in enumerate(starts) if raw[start] == 2]


def test_break_engine_against_libunistring() -> None:
    lib = _load_libunistring()
    if lib is None or not hasattr(lib, "u8_width_linebreaks_v2"):
        pytest.skip("libunistring >= 1.0 not available")
    rng = random.Random(7)
    pool = [
        *" \u00a0-\u2010\u05d0\u05d1\u0300\u200d\u200b\u00ad\u2060\u2028\u0085"
        "ab12,.()[]$%«»“”‘’„…—–、。「」一あアกاБ/?!:;#&='\"\x01\x7f"
        "\u0301\u1100\u1161\uac00\u0e31\u0f0b\u2e3a\ufeff",
        *["\U0001f1e6", "\U0001f1e8", "\U0001f600", "\U0001f3fb", "\U0001f468", "\\\\", "\\n"],
    ]
    for _ in range(3000):
        chars: list[str] = []
        for _ in range(rng.randint(0, 150)):
            r = rng.random()
            if r < 0.6:
                chars.append(rng.choice(pool))
            elif r < 0.8:
                chars.append(chr(rng.randint(0x20, 0x7E)).replace("\\", "\\\\"))
            else:
                cp = rng.choice([rng.randint(0x80, 0x3000), rng.randint(0x80, 0x10FFFF)])
                chars.append(chr(cp) if not 0xD800 <= cp < 0xE000 else "x")
        final_newline = rng.random() < 0.2
        text = "".join(chars) + ("\\n" if final_newline else "")
        width = rng.choice([0, 1, 3, 10, 40, 76, 77, 2**31 - 3])
        start = rng.choice([0, 6, 7, 10, 80])
        expected = _reference_breaks(lib, text, start, width, final_newline)
        assert wrapping._break_points(text, start, width, final_newline) == expected, (
            text,
            start,
            width,
        )


def test_data_module_matches_libunistring() -> None:
    lib = _load_libunistring()
    if lib is None:
        pytest.skip("libunistring not available")
    uc_width = lib.uc_width
    uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    uc_width.restype = ctypes.c_int
    rng = random.Random(3)
    cps = list(range(0, 0x3400)) + [rng.randint(0, 0x10FFFF) for _ in range(20000)]
    for cp in cps:
        if 0xD800 <= cp < 0xE000:
            continue
        assert wrapping._lookup(chr(cp))[1] == max(uc_width(cp, b"UTF-8"), 0), hex(cp)


def test_performance_linear() -> None:
    import time

    rng = random.Random(1)
    paragraph = " ".join(rng.choice(ENGLISH_WORDS) for _ in range(170))[:1000]
    format_field("msgid", paragraph)
    start = time.perf_counter()
    for _ in range(50):
        format_field("msgid", paragraph)
    per_call = (time.perf_counter() - start) / 50
    assert per_call < 0.01  # generous bound for slow CI machines
    big = paragraph * 100
    start = time.perf_counter()
    format_field("msgid", big)
    assert time.perf_counter() - start < 100 * per_call * 5


# --------------------------------------------------------------------------
# The fast path (po/_linebreak_fast.py) against the general algorithm
# --------------------------------------------------------------------------


def _data_samples() -> tuple[list[str], list[str]]:
    """The first and last character of every range of the line breaking data
    (so every class and width, and the edges of the character sets of the
    fast path): (simple characters, other characters)."""
    starts = _data.RANGE_STARTS
    simple: list[str] = []
    other: list[str] = []
    for i, first in enumerate(starts):
        last = starts[i + 1] - 1 if i + 1 < len(starts) else 0x10FFFF
        klass = _data.RANGE_VALUES[i] // 3
        for cp in (first, last):
            if 0xD800 <= cp < 0xE000 or cp in (0, 10):
                continue  # not in PO strings; "\n" ends a portion
            is_simple = klass in _fast._SIMPLE_CLASSES or klass == _data.SP
            (simple if is_simple else other).append(chr(cp))
    return simple, other


SIMPLE_SAMPLES, OTHER_SAMPLES = _data_samples()
# Characters just outside the simple set, and some that are inside.
OUTSIDE = [
    "\u05d0",  # HL
    "\U0001f1e6",  # RI
    "\u200d",  # ZWJ
    "\u0301",  # CM
    "\ufe0f",  # CM (variation selector)
    "\x01",  # CM (control character)
    "\u200b",  # ZW
    "\u2028",  # BK
    "\x85",  # BK
    "\U0001d167",  # CM beyond U+FFFF
]
INSIDE = [
    "\u00ad",  # BA, width 0
    "\u2060",  # WJ, width 0
    "\ufeff",  # WJ, width 0
    "\u00a0",  # GL
    "\u2014",  # B2
    "\u3000",  # BA, width 2
    "\u2ffb",  # ID below U+3000
    "\uff0c",  # CL, width 2
    "\uac00",  # H2
    "\U0001f600",  # ID beyond U+FFFF
    "\U0001d400",  # AL beyond U+FFFF
    "\U0001f3fb",  # EM
]


def _value(rng: random.Random) -> str:
    """A string value aimed at the edges of the fast path (no newline)."""
    parts: list[str] = []
    simple_only = rng.random() < 0.7
    for _ in range(rng.choice([0, 1, 3, 10, 30, 60, 150])):
        r = rng.random()
        if r < 0.25:
            parts.append(rng.choice(["the", "слово", "x", "1,5", "co-op", "U.S.", "(a)", "—"]))
        elif r < 0.4:
            parts.append(" " * rng.choice([1, 1, 1, 2, 3, 90]))
        elif r < 0.5:
            parts.append(rng.choice('\\"\t\r\a\b\f\v'))  # escaped as two characters
        elif r < 0.58:
            # Runs, of letters and of characters that can or cannot break from themselves.
            parts.append(rng.choice('abz09_-яЖ.(—哈\\"') * rng.choice([2, 40, 76, 77, 78, 200]))
        elif r < 0.7:
            parts.append(rng.choice(INSIDE + list("()[]{}!?,.:;/%$+«»“”'")))
        elif r < 0.9 or simple_only:
            parts.append(rng.choice(SIMPLE_SAMPLES))
        else:
            parts.append(rng.choice(OUTSIDE + OTHER_SAMPLES))
    return "".join(parts).replace("\n", " ")


def _escaped_portion(value: str, final_newline: bool) -> str:
    return wrapping._escape(value) + ("\\n" if final_newline else "")


def test_fast_path_matches_reference() -> None:
    rng = random.Random(2024)
    fast = 0
    for _ in range(2500):
        final_newline = rng.random() < 0.25
        text = _escaped_portion(_value(rng), final_newline)
        layout = _fast.layout(text, final_newline)
        for _ in range(3):
            width = rng.choice([0, 1, 2, 10, 20, 40, 73, 74, 75, 76, 77, 78, 2**31 - 3])
            start = rng.choice([0, 0, 1, 6, 7, 13, 76, 77, 78, rng.randint(0, 200)])
            expected = wrapping._reference_break_points(text, start, width, final_newline)
            assert wrapping._break_points(text, start, width, final_newline) == expected, (
                text,
                start,
                width,
            )
            if layout is not None:
                fast += 1
                assert layout.breaks(start, width) == expected, (text, start, width)
                first = layout.breaks(start, width, first_only=True)
                assert first == expected[:1], (text, start, width)
    assert fast > 4000  # most of the strings did take the fast path


@pytest.mark.parametrize(
    ("text", "final_newline"),
    [
        ("\\\\\\\\\\\\ " * 20, False),  # escaped backslashes: PR x PR is a direct break
        ('\\"\\\\\\\\\\"' * 20, False),
        ("word " * 20 + "\\n", True),  # no break before the final \n
        ("word " * 15 + " \\n", True),
        ("  leading spaces " * 8, False),
        ("x" * 200, False),  # no break opportunity at all
        ("-" * 100 + "." * 100 + "(" * 100, False),  # runs without a break inside
        ("哈" * 100, False),  # a break between any two
        ('\\"' * 100, False),
        ("\\\\" * 100, False),
        ("a\\tbb\\tccc" * 20, False),
        ("x" * 100 + " " + "y" * 100, False),
        (" " * 300, False),
        ("日本語" * 40, False),  # all wide
        ("a\u00adb" * 60, False),  # zero width
        ("10,000-15,000 rubles ($170-260) " * 5, False),
        ("", False),
        ("\\n", True),
    ],
)
def test_fast_path_edge_cases(text: str, final_newline: bool) -> None:
    layout = _fast.layout(text, final_newline)
    assert layout is not None
    for width in range(0, 90):
        for start in (0, 7, 20, 76, 80):
            expected = wrapping._reference_break_points(text, start, width, final_newline)
            assert layout.breaks(start, width) == expected, (text, start, width)


def test_fast_path_against_libunistring() -> None:
    lib = _load_libunistring()
    if lib is None or not hasattr(lib, "u8_width_linebreaks_v2"):
        pytest.skip("libunistring >= 1.0 not available")
    rng = random.Random(11)
    checked = 0
    for _ in range(3000):
        final_newline = rng.random() < 0.25
        text = _escaped_portion(_value(rng), final_newline)
        layout = _fast.layout(text, final_newline)
        if layout is None:
            continue
        width = rng.choice([0, 1, 3, 10, 40, 76, 77, 2**31 - 3])
        start = rng.choice([0, 6, 7, 10, 80])
        expected = _reference_breaks(lib, text, start, width, final_newline)
        assert layout.breaks(start, width) == expected, (text, start, width)
        checked += 1
    assert checked > 2000


def test_fast_path_refuses_other_characters() -> None:
    for char in OUTSIDE:
        assert _fast.layout(f"some text {char} more text", False) is None, repr(char)
    for char in INSIDE:
        assert _fast.layout(f"some text {char} more text", False) is not None, repr(char)


def test_fast_path_character_sets_match_data() -> None:
    """The regular expressions of the fast path, code point by code point."""
    simple = _fast._SIMPLE_CLASSES | {_data.SP}
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        char = chr(cp)
        klass, width = wrapping._lookup(char)
        is_simple = klass in simple
        assert (_fast._NOT_SIMPLE_RE.match(char) is None) == is_simple, hex(cp)
        if cp < 0x3000:
            assert bool(_fast._NARROW_RE.fullmatch(char)) == (is_simple and width == 1), hex(cp)
        run = _fast._RUN_RE.match(char)
        assert run is not None
        is_letter = run.group(1) is None  # the first alternative: letters and digits
        assert is_letter == (klass in _fast._run_classes() and cp < 0x3000), hex(cp)
        if is_simple:
            repeats = klass == _data.SP or wrapping._PAIR[klass][klass] != 1
            assert _fast._REPEATS_WITHOUT_BREAK[char] == repeats, hex(cp)
    run_classes = sorted(_fast._run_classes())
    assert _data.AL in run_classes
    assert all(wrapping._PAIR[a][b] != 1 for a in run_classes for b in run_classes)


fast_path_text = st.lists(
    st.sampled_from(
        [
            *SIMPLE_SAMPLES[::7],
            *INSIDE,
            *OUTSIDE[:3],
            " ",
            "  ",
            "\\",
            '"',
            "a",
            "ab",
            "—",
            "x" * 80,
        ]
    ),
    max_size=120,
).map("".join)


@given(fast_path_text, st.booleans(), st.integers(0, 100), st.integers(0, 90))
@settings(max_examples=300, deadline=None)
def test_fast_path_hypothesis(value: str, final_newline: bool, start: int, width: int) -> None:
    text = _escaped_portion(value.replace("\n", ""), final_newline)
    expected = wrapping._reference_break_points(text, start, width, final_newline)
    assert wrapping._break_points(text, start, width, final_newline) == expected


def _format_field_reference(*args: Any, **kwargs: Any) -> list[str]:
    """format_field with the general algorithm only."""
    with mock.patch.object(_fast, "layout", lambda text, final_newline: None):
        return format_field(*args, **kwargs)


@given(st.lists(st.one_of(fast_path_text, fragment_text), max_size=3), st.integers(0, 100))
@settings(max_examples=200, deadline=None)
def test_format_field_fast_path_hypothesis(values: list[str], page_width: int) -> None:
    value = "\n".join(values)
    for keyword, prefix in (("msgid", ""), ("msgstr[1]", "#~| ")):
        expected = _format_field_reference(
            keyword, value, line_prefix=prefix, page_width=page_width
        )
        assert format_field(keyword, value, line_prefix=prefix, page_width=page_width) == expected


def test_format_field_fast_path_corpus() -> None:
    rng = random.Random(99)
    for _ in range(400):
        value = random_text(rng)
        for width in (79, 30):
            expected = _format_field_reference("msgstr", value, page_width=width)
            assert format_field("msgstr", value, page_width=width) == expected
