"""Front matter in the plain layout, read without a YAML parser.

Most front matter is a few ``key: value`` lines and a ``- name`` list, as
``publish import`` writes it. :func:`read_plain` reads exactly that layout
with a few string operations and returns what
:func:`publish.yamlload.load_mapping` would return for it (the same values,
types and key lines); anything else, from a comment to a nested mapping or a
value YAML would read as a number, gives None and goes to the YAML parser,
which also reports every problem.

Accepted, line by line (no other line, not even an indented one):

* ``key: value`` or ``key:`` followed by ``- item`` lines (a list of values);
* a value is ``"text"`` or ``'text'`` on one line without escapes or inner
  quotes, a date ``YYYY-MM-DD``, or plain text that starts with a letter or
  digit, has no ``: `` or `` #`` and that YAML resolves to a string;
* blank lines.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

__all__ = ["read_plain"]

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]{0,99}):(?: (.*))?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# publish.yamlload reads only these as booleans (not yes/no/on/off).
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_BOOL_TAG = "tag:yaml.org,2002:bool"
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MAX_CHARS = 64 * 1024  # larger blocks go to the YAML parser (which has a limit)
_NO_VALUE = object()


def read_plain(text: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The mapping and the line of each key, or None when ``text`` is not plain."""
    if len(text) > _MAX_CHARS or "\t" in text or "\r" in text:
        return None
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    items: list[Any] | None = None  # the list being read, after `key:`
    for index, line in enumerate(text.split("\n")):
        if not line:
            continue
        if line.startswith("- "):
            if items is None:
                return None
            value = _scalar(line[2:])
            if value is _NO_VALUE:
                return None
            items.append(value)
            continue
        if items == []:
            return None  # `key:` with no items is null
        items = None
        match = _KEY.fullmatch(line)
        if match is None:
            return None
        key, raw = match.groups()
        if key in data or _plain_tag(key) != _STR_TAG:
            return None
        key_lines[key] = first_line + index
        if raw is None:
            items = data[key] = []
            continue
        value = _scalar(raw)
        if value is _NO_VALUE:
            return None
        data[key] = value
    if items == [] or not data:
        return None
    return data, key_lines


def _scalar(raw: str) -> Any:
    """The value of one scalar in the plain layout, or ``_NO_VALUE``."""
    if not raw.isprintable():
        return _NO_VALUE
    first = raw[:1]
    if first in ('"', "'"):
        inner = raw[1:-1]
        if len(raw) < 2 or raw[-1] != first or first in inner or "\\" in inner:
            return _NO_VALUE
        return inner
    if not first.isalnum() or raw[-1] in " :" or ": " in raw or " #" in raw:
        return _NO_VALUE
    tag = _plain_tag(raw)
    if tag == _STR_TAG:
        return raw
    if tag == _TIMESTAMP_TAG and _DATE.fullmatch(raw):
        try:
            return dt.date(int(raw[:4]), int(raw[5:7]), int(raw[8:]))
        except ValueError:
            return _NO_VALUE  # YAML reports the impossible date
    return _NO_VALUE


def _plain_tag(value: str) -> str:
    """The tag publish's YAML loader gives the plain scalar ``value``."""
    if _BOOL.match(value):
        return _BOOL_TAG
    for tag, pattern in yaml.SafeLoader.yaml_implicit_resolvers.get(value[:1], ()):
        if tag != _BOOL_TAG and pattern.match(value):
            return str(tag)
    return _STR_TAG
