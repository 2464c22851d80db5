"""Hostile ``publish.yaml``: YAML tricks, language codes, and output folders that overlap.

Every refused row leaves the project as it was and names ``publish.yaml`` and
the line of the setting.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from hostile.harness import Case

CONFIG = "publish.yaml"
LANGUAGES_LINE = 12  # `languages: [ru]` in the file `publish new` writes
OUTPUT_LINE = 18  # a setting appended to that file


def _edit(old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / CONFIG
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def _append(line: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        with (root / CONFIG).open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")

    return apply


def refused(
    name: str,
    setup: Callable[[Path], None],
    line: int | None,
    fragment: str,
    cmd: tuple[str, ...] = ("build",),
) -> Case:
    """A configuration that must be refused before anything is read or written."""
    return Case(name, {CONFIG: setup}, cmd, exit=2, errors=((CONFIG, line, fragment),))


def _languages(value: str) -> Callable[[Path], None]:
    return _edit("languages: [ru]", f"languages: {value}")


def _output(value: str) -> Callable[[Path], None]:
    return _append(f"output: {value}")


def _both(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        for step in steps:
            step(root)

    return apply


def _link(name: str, target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        destination = target(root)
        destination.mkdir(parents=True, exist_ok=True)
        os.symlink(destination, root / name)

    return apply


def _outside(root: Path) -> Path:
    return root.parent / "outside-site"


def _norwegian_created(root: Path, result: Result) -> None:
    catalog = root / "locale/no/LC_MESSAGES/night-trains.po"
    assert '"Language: no\\n"' in catalog.read_text(encoding="utf-8")
    assert not (root / "locale/False").exists()


OUTPUT_MESSAGE = "`output` must be a folder inside the project"

CONFIG_CASES = [
    refused(
        "yaml-python-tag",
        _edit("title: Reprints", "title: !!python/object/apply:os.system ['touch pwned']"),
        2,
        "YAML tags",
    ),
    refused("yaml-binary-tag", _edit("title: Reprints", "title: !!binary aGk="), 2, "YAML tags"),
    refused("yaml-anchor", _append("x: &a [1]\ny: *a"), OUTPUT_LINE, "YAML anchors"),
    refused("yaml-duplicate-key", _append("title: Again"), OUTPUT_LINE, "duplicate key 'title'"),
    refused(
        "yaml-not-a-mapping", lambda root: (root / CONFIG).write_text("- a\n- b\n"), 1, "mapping"
    ),
    refused(
        "yaml-invalid-utf8",
        lambda root: (root / CONFIG).write_bytes((root / CONFIG).read_bytes() + b"# \xff\n"),
        OUTPUT_LINE,
        "invalid UTF-8",
    ),
    refused(
        "yaml-too-large",
        _append("# " + "x" * 300_000),
        None,
        "over the limit",
    ),
    Case(
        "no-is-norwegian",
        {CONFIG: _languages("[ru, no]")},
        ("update",),
        exit=0,
        unchanged=False,
        messages=("created locale/no/LC_MESSAGES/night-trains.po",),
        check=_norwegian_created,
    ),
    refused("on-is-not-a-language", _languages("[on]"), LANGUAGES_LINE, "language 'on' is not in"),
    refused("yes-is-not-a-language", _languages("[yes]"), LANGUAGES_LINE, "'yes'"),
    refused("true-is-a-boolean", _languages("[true]"), LANGUAGES_LINE, "YAML boolean"),
    refused("number-as-language", _languages("[1]"), LANGUAGES_LINE, "invalid language code 1"),
    refused("dotdot-language", _languages("[..]"), LANGUAGES_LINE, "invalid language code '..'"),
    refused(
        "dotdot-slash-language", _languages("[../ru]"), LANGUAGES_LINE, "invalid language code"
    ),
    refused(
        "traversal-language",
        _languages("[ru/../../x]"),
        LANGUAGES_LINE,
        "invalid language code",
        ("update",),
    ),
    refused(
        "dotdot-language-mapping",
        _languages(
            "[{code: '..', name: X, plural_forms: 'nplurals=1; plural=0;', direction: ltr}]"
        ),
        LANGUAGES_LINE,
        "invalid language code '..'",
    ),
    refused(
        "language-direction-injection",
        _languages(
            "[{code: xyz, name: X, plural_forms: 'nplurals=1; plural=0;', "
            "direction: 'ltr\" onload=\"x'}]"
        ),
        LANGUAGES_LINE,
        "`direction` must be ltr or rtl",
    ),
    refused(
        "plural-forms-injection",
        _languages(
            "[{code: xyz, name: X, plural_forms: 'nplurals=1; plural=__import__(\"os\");', "
            "direction: ltr}]"
        ),
        LANGUAGES_LINE,
        "not a valid Plural-Forms",
    ),
    refused("output-is-the-project", _output("."), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-is-the-project-slash", _output("./"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-empty", _output("''"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-absolute", _output("/tmp/publish-site"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-parent", _output("../site"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-escapes", _output("site/../../site"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-home", _output("~/site"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-is-source", _output("source"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-is-source-slash", _output("./source/"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-in-locale", _output("locale/site"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-back-into-locale", _output("site/../locale"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-is-templates", _output("templates"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-is-git", _output(".git"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-is-a-file", _output("publish.yaml"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused("output-not-text", _output("[a, b]"), OUTPUT_LINE, OUTPUT_MESSAGE),
    refused(
        "output-link-to-outside",
        _link("site", _outside),
        1,
        OUTPUT_MESSAGE,
    ),
    refused(
        "output-link-to-source",
        _both(_output("public"), _link("public", lambda root: root / "source")),
        OUTPUT_LINE,
        OUTPUT_MESSAGE,
    ),
    refused(
        "output-link-into-locale",
        _both(_output("public"), _link("public", lambda root: root / "locale" / "ru")),
        OUTPUT_LINE,
        OUTPUT_MESSAGE,
    ),
    refused(
        "base-url-javascript", _edit("https://example.org/", "javascript:alert(1)//"), 4, "base_url"
    ),
    refused(
        "base-url-breaks-out-of-attribute",
        _edit("https://example.org/", "'https://example.org/\"><script>alert(1)</script>'"),
        4,
        "`base_url`",
    ),
    refused("base-url-without-host", _edit("https://example.org/", "'https:///x'"), 4, "base_url"),
    refused(
        "threshold-not-a-number",
        _edit("publish_threshold: 80", "publish_threshold: .nan"),
        14,
        "0 to 100",
    ),
    refused("unknown-setting", _append("script: alert(1)"), OUTPUT_LINE, "unknown setting"),
    refused(
        "misspelt-setting",
        _edit("publish_threshold: 80", "publish_treshold: 80"),
        14,
        "unknown setting 'publish_treshold'; did you mean 'publish_threshold'?",
    ),
]
