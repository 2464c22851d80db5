"""Strict, safe YAML for publish.yaml and article front matter.

``yaml.safe_load`` is the base, with what a hand-edited config must not do
turned into located errors: tags (``!!python/...``), anchors and aliases (the
"billion laughs" bomb), duplicate keys, deep nesting, and YAML 1.1's
``yes/no/on/off`` booleans (``no`` is Norwegian, not false): only ``true`` and
``false`` are booleans here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from .errors import Problem

MAX_YAML_BYTES = 256 * 1024
MAX_DEPTH = 20

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style booleans (no yes/no/on/off)."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))


@dataclass(frozen=True)
class YamlDocument:
    """A parsed mapping and the 1-based line of each top-level key."""

    data: dict[str, Any]
    key_lines: dict[str, int]

    def line_of(self, key: str, default: int) -> int:
        """The line of a top-level key, or ``default`` when it is absent."""
        return self.key_lines.get(key, default)


class YamlProblem(Exception):
    """Raised with a located problem; callers wrap it in their own error."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.render())


def load_mapping(text: str, path: str, first_line: int = 1) -> YamlDocument:
    """Parse ``text`` (a YAML mapping) strictly; ``first_line`` is its line in ``path``.

    Raises :class:`YamlProblem` naming the file and line of the first problem.
    """
    offset = first_line - 1

    def fail(message: str, line: int | None, hint: str | None = None) -> YamlProblem:
        return YamlProblem(Problem(message, path, None if line is None else line + offset, hint))

    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise fail(
            f"YAML block larger than {MAX_YAML_BYTES // 1024} KiB",
            first_line - offset,
            "keep only the settings or attribution here",
        )
    depth = 0
    try:
        for token in yaml.scan(text, Loader=_StrictLoader):
            line = token.start_mark.line + 1
            if isinstance(token, yaml.TagToken):
                raise fail(
                    "YAML tags (like !!python/object or !!str) are not allowed",
                    line,
                    "remove the tag and write a plain value",
                )
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                raise fail(
                    "YAML anchors and aliases (& and *) are not allowed",
                    line,
                    "write the value out in full",
                )
            if isinstance(
                token,
                (
                    yaml.BlockMappingStartToken,
                    yaml.BlockSequenceStartToken,
                    yaml.FlowMappingStartToken,
                    yaml.FlowSequenceStartToken,
                ),
            ):
                depth += 1
                if depth > MAX_DEPTH:
                    raise fail(
                        f"YAML nested deeper than {MAX_DEPTH} levels",
                        line,
                        "flatten the value; publish never needs deep nesting",
                    )
            elif isinstance(
                token,
                (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken),
            ):
                depth -= 1
        root = yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise fail(
            f"invalid YAML: {exc.problem or exc.context}",
            line,
            "check the indentation and the quotes on this line",
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML always marks scanner errors
        raise fail(f"invalid YAML: {exc}", None, "check the indentation and the quotes") from None
    if root is None:
        return YamlDocument({}, {})
    if not isinstance(root, yaml.MappingNode):
        raise fail(
            "expected a mapping of `key: value` lines",
            root.start_mark.line + 1,
            "write one `key: value` per line",
        )
    _reject_duplicate_keys(root, fail, offset)
    loader = _StrictLoader("")
    try:
        data = loader.construct_document(root)
    except ValueError as exc:  # e.g. an impossible date 2022-02-30
        raise fail(
            f"invalid value: {exc}",
            _first_bad_timestamp_line(root),
            "write a date that exists, as YYYY-MM-DD",
        ) from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise fail(
            f"invalid YAML: {exc.problem}", None if mark is None else mark.line + 1
        ) from None
    finally:
        loader.dispose()
    key_lines = {
        str(key.value): key.start_mark.line + 1 + offset
        for key, _ in root.value
        if isinstance(key, yaml.ScalarNode)
    }
    for key in data:
        if not isinstance(key, str):
            raise fail(
                f"key {key!r} must be text",
                key_lines.get(str(key), 1) - offset,
                "quote the key or use a name",
            )
    return YamlDocument(data, key_lines)


def _reject_duplicate_keys(node: yaml.Node, fail: Any, offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                line = key.start_mark.line + 1
                if key.value in seen:
                    raise fail(
                        f"duplicate key {key.value!r} (first at line {seen[key.value] + offset})",
                        line,
                        "keep one of them",
                    )
                seen[key.value] = line
            _reject_duplicate_keys(value, fail, offset)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _reject_duplicate_keys(item, fail, offset)


def _first_bad_timestamp_line(node: yaml.Node) -> int | None:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                _StrictLoader("").construct_yaml_timestamp(node)
            except ValueError:
                return int(node.start_mark.line) + 1
        return None
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            children += [key, value]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    for child in children:
        found = _first_bad_timestamp_line(child)
        if found is not None:
            return found
    return None


def as_date(value: Any) -> dt.date | None:
    """A YAML date value (or ISO text) as a date, else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
