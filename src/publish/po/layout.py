"""Entries in the common layout, read whole.

gettext and publish write every entry alike: comment lines, then
``msgid "..."``, ``msgstr "..."`` (or ``msgid_plural`` and ``msgstr[N]``)
with continuation lines ``"..."``, ``#|`` previous strings before them, every
line prefixed with ``#~ `` in an obsolete entry, and nothing else on a line.
:func:`read_entry` recognises such an entry with one regular expression and
builds it directly, without tokens. It only takes an entry for which the
lexer and parser would make exactly the same entry and report nothing; for
anything else (other spacing, escapes other than the simple ones, a string
with U+0004, a line after the entry that would continue it) it returns None
and the token path reads the text.
"""

from __future__ import annotations

import re

from .escapes import unescape_simple
from .model import Entry

__all__ = ["add_comments", "read_entry"]

# One string on one line, quotes included, checked loosely: any line that
# starts and ends with a quote. _string() then checks it properly.
_LOOSE = r'"[^\n]*"'


def _block(prefix: str, group: bool = True) -> str:
    """A string and its continuation lines, from the first quote."""
    block = rf"{_LOOSE}\n(?:{prefix}{_LOOSE}\n)*+"
    return f"({block})" if group else block


def _shape(prefix: str, previous: str) -> str:
    """An entry whose every line starts with ``prefix`` (#| lines: ``previous``)."""
    return (
        rf"(?:(?:{previous}msgctxt {_block(previous)})?"
        rf"{previous}msgid {_block(previous)}"
        rf"(?:{previous}msgid_plural {_block(previous)})?)?"
        rf"(?:{prefix}msgctxt {_block(prefix)})?"
        rf"{prefix}msgid {_block(prefix)}"
        rf"(?:{prefix}msgstr {_block(prefix)}"
        rf"|{prefix}msgid_plural {_block(prefix)}"
        rf"((?:{prefix}msgstr\[[0-9]\] {_block(prefix, group=False)})++))"
    )


# Comment lines (not #~ or #|) and blank lines.
_COMMENTS = r"(?:#(?![~|])[^\n]*+\n|\n)*+"
# After an entry, no line may continue it: the next line that is not blank
# starts with a comment, a #| line, or a word that is not msgstr ({end}: or
# the text ends).
_AFTER = (
    r"(?!\n*+(?:#~[ \t]*+)?msgstr)"
    r"(?=\n*+(?:#(?!~)|#~\||#~[ \t]*+[A-Za-z_$]|[A-Za-z_$]{end}))\n*+"
)
_ENTRY = rf"({_COMMENTS})(?:(?=#~){_shape('#~ ', '#~[|] ')}|{_shape('', '#[|] ')})" + _AFTER
# Keyed by whether the end of the text may count as the end of the file.
_ENTRIES = {
    True: re.compile(_ENTRY.format(end=r"|\Z")),
    False: re.compile(_ENTRY.format(end="")),
}
COMMENT_LINES = re.compile(_COMMENTS)
# Where each variant's groups start in match.groups(): _shape() has eight
# (previous msgctxt, msgid, msgid_plural; msgctxt, msgid, msgstr,
# msgid_plural, msgstr[N] lines), the obsolete variant comes first.
_SHAPE_GROUPS = 8
_OBSOLETE = 1
_ACTIVE = _OBSOLETE + _SHAPE_GROUPS
# Per obsolete: what joins two lines of a string; the same for #| lines.
_JOINS = {False: '"\n"', True: '"\n#~ "'}
_PREVIOUS_JOINS = {False: '"\n#| "', True: '"\n#~| "'}
_PLURAL_FORMS = {
    obsolete: re.compile(rf"{prefix}msgstr\[([0-9])\] {_block(prefix)}")
    for obsolete, prefix in ((False, ""), (True, "#~ "))
}

# Flags are separated by commas and whitespace (po_parse_comment_special).
_FLAG_SEPARATORS = re.compile(r"[\n \t\r\f\v,]+")
# References are separated by spaces and tabs; a file name between U+2068 and
# U+2069 (gettext >= 0.22 writes names with spaces that way) may contain them.
_REFERENCE = re.compile("(?:[^ \t\u2068]|\u2068[^\u2069]*(?:\u2069|\\Z))+")


def read_entry(text: str, pos: int, ends_file: bool) -> tuple[Entry, str, int, int] | None:
    """The entry at ``text[pos:]`` (a line start), or None when it is not in the layout.

    Returns the entry (without its comments and line), the comment and blank
    lines before it, where its msgid starts and where the next line starts.
    ``ends_file``: the end of ``text`` is the end of the file, or what follows
    cannot continue an entry.
    """
    match = _ENTRIES[ends_file].match(text, pos)
    if match is None:
        return None
    groups = match.groups()
    obsolete = groups[_OBSOLETE + 4] is not None
    base = _OBSOLETE if obsolete else _ACTIVE
    join = _JOINS[obsolete]
    msgid = _string(groups[base + 4], join)
    if msgid is None:
        return None
    entry = Entry(msgid, obsolete=obsolete)
    block = groups[base + 5]
    if block is not None:
        if (value := _string(block, join)) is None:
            return None
        entry.msgstr = value
    else:
        if (value := _string(groups[base + 6], join)) is None:
            return None
        entry.msgid_plural = value
        if not _plural_forms(entry, groups[base + 7], obsolete):
            return None
    if (block := groups[base + 3]) is not None:
        if (value := _string(block, join)) is None:
            return None
        entry.msgctxt = value
    if (block := groups[base + 1]) is not None:
        join = _PREVIOUS_JOINS[obsolete]
        if (value := _string(block, join)) is None:
            return None
        entry.previous_msgid = value
        if (block := groups[base]) is not None:
            if (value := _string(block, join)) is None:
                return None
            entry.previous_msgctxt = value
        if (block := groups[base + 2]) is not None:
            if (value := _string(block, join)) is None:
                return None
            entry.previous_msgid_plural = value
    return entry, groups[0], match.start(base + 5), match.end()


def _string(block: str, join: str) -> str | None:
    """The value of a string block, or None when the token path must read it."""
    if "\\" in block:
        # Each line must hold one string: once the \\ pairs are gone, no
        # backslash may escape a line's closing quote, and once the \" are
        # gone too, only the opening and closing quotes are left.
        pairs_gone = block.replace("\\\\", "")
        if '\\"\n' in pairs_gone:
            return None
        if pairs_gone.replace('\\"', "").count('"') != 2 * block.count("\n"):
            return None
        unescaped = unescape_simple(block[1:-2].replace(join, ""))
        if unescaped is None:
            return None
        value = unescaped
    else:
        value = block[1:-2].replace(join, "")
        if '"' in value:
            return None  # a quote inside: not one string per line
    if "\x04" in value:
        return None  # the lexer reports it
    return value


def _plural_forms(entry: Entry, lines: str, obsolete: bool) -> bool:
    join = _JOINS[obsolete]
    forms = entry.msgstr_plural
    for index, match in enumerate(_PLURAL_FORMS[obsolete].finditer(lines)):
        value = _string(match.group(2), join)
        if value is None or int(match.group(1)) != index:
            return False
        forms[index] = value
    return True


def add_comments(entry: Entry, texts: list[str]) -> Entry:
    """Put comment lines (the text after each '#') into ``entry``."""
    for text in texts:
        mark = text[:1]
        if mark == ".":
            entry.extracted_comments.append(text[2:] if text[1:2] == " " else text[1:])
        elif mark == ":":
            if "\u2068" in text:
                entry.references.extend(_REFERENCE.findall(text, 1))
            else:  # the same, faster
                parts = text[1:].replace("\t", " ").strip(" ").split(" ")
                entry.references.extend(parts if "" not in parts else filter(None, parts))
        elif mark in (",", "!", "="):
            # "#!" is gettext's old spelling of "#,"; "#=" is gettext >= 0.26.
            entry.flags.extend(flag for flag in _FLAG_SEPARATORS.split(text[1:]) if flag)
        else:
            entry.translator_comments.append(text[1:] if mark == " " else text)
    if len(entry.references) > 1:
        # msgcat drops repeated references too; the order is kept.
        entry.references = list(dict.fromkeys(entry.references))
    return entry
