"""The registry: codes and severities, silencing directives, entry-level findings, the docs."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publish.checks import CODES, CheckContext, check_entry, run_checks
from publish.checks.plurals import header_nplurals
from publish.checks.registry import ignore_directives
from publish.langcode import language_info
from publish.po.model import Entry
from publish.po.reader import read_catalog

from helpers import need_gettext

RU = language_info("ru")
EN = language_info("en")
CONTEXT = CheckContext(path="locale/ru/LC_MESSAGES/a.po", source_language=EN)
SOURCE = "More than 35,000 troops have been killed, the ministry said in a statement."
BAD = "Погибли более 53 000 военных, заявили в министерстве в своём заявлении."
GOOD = "Погибли более 35 000 военных, заявили в министерстве в своём заявлении."
DOCS = Path(__file__).resolve().parent.parent / "docs" / "checks.md"


def entry(msgstr: str, **kwargs: object) -> Entry:
    return Entry(msgid=SOURCE, msgstr=msgstr, line=42, **kwargs)  # type: ignore[arg-type]


def test_findings_are_located_and_take_the_severity_of_their_code() -> None:
    (finding,) = check_entry(entry(BAD), RU, CONTEXT)
    assert (finding.code, finding.severity, finding.path, finding.line, finding.language) == (
        "numbers",
        "error",
        "locale/ru/LC_MESSAGES/a.po",
        42,
        "ru",
    )
    assert finding.render().startswith("locale/ru/LC_MESSAGES/a.po:42: error: numbers: ")


def test_a_correct_translation_has_no_findings() -> None:
    assert check_entry(entry(GOOD), RU, CONTEXT) == []
    assert run_checks(SOURCE, GOOD, RU, CONTEXT) == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"translator_comments": ["publish-ignore: numbers"]},
        {"translator_comments": ["publish-ignore:numbers,length"]},
        {"translator_comments": ["publish-ignore: length numbers"]},
        {"flags": ["publish-ignore:numbers"]},
    ],
)
def test_a_directive_silences_one_check(kwargs: dict[str, list[str]]) -> None:
    assert check_entry(entry(BAD, **kwargs), RU, CONTEXT) == []


def test_a_directive_silences_only_the_named_check() -> None:
    text = BAD + " \u200b"
    silenced = entry(text, translator_comments=["publish-ignore: numbers"])
    assert [f.code for f in check_entry(silenced, RU, CONTEXT)] == ["invisible"]


@pytest.mark.parametrize("code", ["bidi-control", "control-char", "url-invisible", "link-scheme"])
def test_security_checks_cannot_be_silenced(code: str) -> None:
    text = GOOD.replace("военных", "\u202eвоенных")
    found = check_entry(entry(text, translator_comments=[f"publish-ignore: {code}"]), RU, CONTEXT)
    assert ("ignore", "warning") in [(f.code, f.severity) for f in found]
    if code == "bidi-control":
        assert "bidi-control" in [f.code for f in found]


def test_an_unknown_code_in_a_directive_is_reported() -> None:
    codes, issues = ignore_directives(entry(GOOD, translator_comments=["publish-ignore: number"]))
    assert codes == frozenset()
    assert "'number', which is not a check code" in issues[0].message


def test_untranslated_and_fuzzy_are_information() -> None:
    (untranslated,) = check_entry(entry(""), RU, CONTEXT)
    assert (untranslated.code, untranslated.severity) == ("untranslated", "info")
    fuzzy = entry(BAD, flags=["fuzzy"], previous_msgid="More than 30,000 troops")
    (finding,) = check_entry(fuzzy, RU, CONTEXT)
    assert (finding.code, finding.severity) == ("fuzzy", "info")
    assert "#|" in finding.message
    # With `fuzzy: show` the text of a fuzzy entry ships, so it is checked.
    assert [f.code for f in check_entry(fuzzy, RU, CONTEXT, check_fuzzy=True)] == [
        "fuzzy",
        "numbers",
    ]


def test_plural_forms_are_checked_against_msgid_and_msgid_plural() -> None:
    plural = Entry(
        msgid="one soldier of 1,351",
        msgid_plural="{n} soldiers of 1,351",
        msgstr_plural={0: "{n} солдат из 1351", 1: "{n} солдата из 1531", 2: "{n} солдат из 1351"},
        line=7,
    )
    found = check_entry(plural, RU, CONTEXT)
    assert [f.code for f in found] == ["numbers"]
    assert "1531" in found[0].message


PLURAL = Entry(
    msgid="one soldier",
    msgid_plural="{n} soldiers",
    msgstr_plural={0: "{n} солдат", 1: "{n} солдата", 2: "{n} солдат", 3: "{n} солдат"},
    line=9,
)


@pytest.mark.parametrize(
    ("nplurals", "codes"), [(None, []), (4, []), (3, ["plural-forms"]), (5, ["plural-forms"])]
)
def test_plural_forms_are_counted_against_the_header(
    nplurals: int | None, codes: list[str]
) -> None:
    context = CheckContext(path="a.po", source_language=EN, nplurals=nplurals)
    found = check_entry(PLURAL, RU, context)
    assert [f.code for f in found] == codes
    if codes:
        assert (found[0].severity, found[0].line) == ("error", 9)
        assert (
            f"4 plural forms (msgstr[0]..msgstr[3]), but the header's Plural-Forms says "
            f"nplurals={nplurals}" in found[0].message
        )


def test_plural_forms_cannot_be_silenced_and_skip_what_does_not_ship() -> None:
    context = CheckContext(path="a.po", source_language=EN, nplurals=3)
    silenced = replace(PLURAL, translator_comments=["publish-ignore: plural-forms"])
    assert [f.code for f in check_entry(silenced, RU, context)] == ["ignore", "plural-forms"]
    fuzzy = replace(PLURAL, flags=["fuzzy"])
    assert [f.code for f in check_entry(fuzzy, RU, context)] == ["fuzzy"]
    assert "plural-forms" in [f.code for f in check_entry(fuzzy, RU, context, check_fuzzy=True)]
    untranslated = replace(PLURAL, msgstr_plural={0: "", 1: ""})
    assert [f.code for f in check_entry(untranslated, RU, context)] == ["untranslated"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 1);", 3),
        ("nplurals = 2; plural = n != 1;", 2),
        ("plural=n != 1; nplurals=2;", 2),
        ("nplurals=1; plural=0", 1),
        ("nplurals=0; plural=0;", None),
        ("nplurals=x; plural=0;", None),
        ("plural=__import__('os').system('x');", None),
        ("", None),
        (None, None),
    ],
)
def test_nplurals_is_read_and_nothing_is_evaluated(value: str | None, expected: int | None) -> None:
    assert header_nplurals(value) == expected


def test_every_code_is_documented_with_its_severity() -> None:
    text = DOCS.read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| `([a-z-]+)` \| (error|warning|info) \|.*\| ([^|]+) \|$", text, re.MULTILINE
    )
    assert {code: severity for code, severity, _ in rows} == {
        code: info.severity for code, info in CODES.items()
    }
    assert {code: silence == "yes" for code, _, silence in rows} == {
        code: info.silenceable for code, info in CODES.items()
    }


def test_the_comment_directive_survives_gettext_tools_and_the_flag_does_not(
    tmp_path: Path,
) -> None:
    need_gettext()
    po = tmp_path / "a.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "# publish-ignore: numbers\n#, publish-ignore:links\n"
        f'msgid "{SOURCE}"\nmsgstr "{BAD}"\n',
        encoding="utf-8",
    )
    for tool in (["msgcat", str(po)], ["msgmerge", "-q", str(po), str(po)]):
        out = subprocess.run(tool, capture_output=True, check=True).stdout
        (merged,) = read_catalog(out, "out.po").entries
        codes, _issues = ignore_directives(merged)
        assert codes == frozenset({"numbers"})
        assert check_entry(merged, RU, CONTEXT) == []


TEXT = st.lists(
    st.sampled_from(
        [
            *"0123456789.,'’ \u00a0-–$%*_`[]()<>&#;:/\"«»„“\u202e\u200b\u200c\u2066\u2069xyабв\n\t",
            *["тыс.", "million", "https://x.org/", "[a](", "February ", "12.07.2022", "&#x202E;"],
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(source=TEXT, target=TEXT, code=st.sampled_from(["ru", "de", "ar", "fa", "zh", "de_CH"]))
def test_no_input_makes_a_check_fail(source: str, target: str, code: str) -> None:
    for found in run_checks(source, target, language_info(code), CONTEXT):
        assert found.code in CODES


def test_long_texts_stay_fast() -> None:
    ones = run_checks("1 " * 5000, "1 " * 4999, RU, CONTEXT)
    assert [f.code for f in ones] == ["numbers"]
    ranges = run_checks("10 to 15 thousand, " * 2000, "10–15 тыс., " * 2000, RU, CONTEXT)
    assert ranges == []
