#!/usr/bin/env python3
"""Generate ``src/publish/po/_linebreak_data.py`` from the system libunistring.

GNU gettext's ``msgcat``/``msgmerge`` wrap PO strings with libunistring's
``ulc_width_linebreaks_v2`` (UAX #14 line breaking plus ``uc_width`` column
widths).  To reproduce their output byte for byte we need *exactly* the data
that the installed library uses, not whatever Unicode version Python or the
``unicode-data`` package happens to ship.  This script therefore reads, via
ctypes, the read-only tables exported by ``libunistring.so.2``:

* ``libunistring_unilbrkprop``: the 3-level code point -> line break class
  table (layout of libunistring 1.0: 15 level-1 ints indexed by ``uc >> 16``,
  2048 level-2 ints indexed by ``(uc >> 7) & 0x1ff``, then level-3 bytes
  indexed by ``uc & 0x7f``; code points above U+EFFFF are ``XX``);
* ``libunistring_unilbrk_table``: the 33x33 pair table (D=1, I=2, P=3);

and calls ``uc_width(uc, "UTF-8")`` for every code point.

The classes that ``u8_possible_linebreaks_loop`` resolves at run time for a
non-CJK encoding such as UTF-8 are resolved here already: AI -> AL, CB -> ID,
SA -> AL, XX -> AL.  Widths -1 (control characters) and 0 are merged, since
``u8_width_linebreaks`` ignores negative widths.

If ``/usr/share/unicode/LineBreak.txt`` (Debian package ``unicode-data``) is
present it is used as a cross-check of the class numbering: every library
class number is reported with the UCD classes of its code points.

Usage::

    python tools/gen_linebreak_data.py [--lib PATH] [--output PATH] [--check]

With ``--check`` the script exits non-zero if the output file is not up to
date instead of rewriting it.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import struct
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "src" / "publish" / "po" / "_linebreak_data.py"
DEFAULT_LIB = "/lib/x86_64-linux-gnu/libunistring.so.2"
LINEBREAK_TXT = Path("/usr/share/unicode/LineBreak.txt")

# Layout of the libunistring 1.0 tables (see module docstring).
LEVEL1_COUNT = 15
LEVEL2_COUNT = 2048
LEVEL1_SHIFT = 16
LEVEL2_SHIFT = 7
LEVEL2_MASK = 0x1FF
LEVEL3_MASK = 0x7F
PROP_TABLE_SIZE = 0x9B3C
PAIR_CLASSES = 33

# Representative code points for the classes that the line breaking loop
# of libunistring 1.0 tests explicitly, with the class number that the
# disassembly of libunistring_u8_possible_linebreaks_loop uses for them.
REPRESENTATIVES: dict[str, tuple[int, int]] = {
    "BA": (0x2010, 3),  # HYPHEN
    "HY": (0x002D, 5),  # HYPHEN-MINUS
    "AL": (0x0041, 20),  # LATIN CAPITAL LETTER A
    "ID": (0x4E00, 23),  # CJK UNIFIED IDEOGRAPH-4E00
    "HL": (0x05D0, 28),  # HEBREW LETTER ALEF
    "RI": (0x1F1E6, 29),  # REGIONAL INDICATOR SYMBOL LETTER A
    "ZWJ": (0x200D, 30),  # ZERO WIDTH JOINER
    "BK": (0x2028, 33),  # LINE SEPARATOR
    "CR": (0x000D, 34),
    "LF": (0x000A, 35),
    "CM": (0x0300, 36),  # COMBINING GRAVE ACCENT
    "ZW": (0x200B, 37),  # ZERO WIDTH SPACE
    "SP": (0x0020, 38),
    "CB": (0xFFFC, 39),  # OBJECT REPLACEMENT CHARACTER
    "AI": (0x00A7, 40),  # SECTION SIGN
    "SA": (0x0E01, 41),  # THAI CHARACTER KO KAI
    "XX": (0x0378, 42),  # unassigned
}
RESOLVE = {39: 23, 40: 20, 41: 20, 42: 20}  # CB->ID, AI->AL, SA->AL, XX->AL
XX = 42


def load_library(path: str) -> ctypes.CDLL:
    try:
        return ctypes.CDLL(path)
    except OSError:
        found = ctypes.util.find_library("unistring")
        if found is None:
            raise
        return ctypes.CDLL(found)


def read_classes(lib: ctypes.CDLL) -> list[int]:
    raw = bytes((ctypes.c_ubyte * PROP_TABLE_SIZE).in_dll(lib, "libunistring_unilbrkprop"))
    level1 = struct.unpack_from(f"<{LEVEL1_COUNT}i", raw, 0)
    level2_off = 4 * LEVEL1_COUNT
    level2 = struct.unpack_from(f"<{LEVEL2_COUNT}i", raw, level2_off)
    level3 = raw[level2_off + 4 * LEVEL2_COUNT :]
    for v in level1:
        assert v == -1 or (v % 512 == 0 and v < LEVEL2_COUNT), "unexpected level1 layout"
    for v in level2:
        assert v == -1 or (v % 128 == 0 and v + 128 <= len(level3)), "unexpected level2 layout"
    classes = []
    for uc in range(0x110000):
        prop = XX
        i1 = uc >> LEVEL1_SHIFT
        if i1 < LEVEL1_COUNT:
            l1 = level1[i1]
            if l1 >= 0:
                l2 = level2[l1 + ((uc >> LEVEL2_SHIFT) & LEVEL2_MASK)]
                if l2 >= 0:
                    prop = level3[l2 + (uc & LEVEL3_MASK)]
        assert 0 <= prop <= XX, f"class {prop} out of range at U+{uc:04X}"
        classes.append(prop)
    return classes


def read_pair_table(lib: ctypes.CDLL) -> list[bytes]:
    size = PAIR_CLASSES * PAIR_CLASSES
    raw = bytes((ctypes.c_ubyte * size).in_dll(lib, "libunistring_unilbrk_table"))
    assert set(raw) <= {1, 2, 3}, "pair table values must be D/I/P"
    return [raw[i * PAIR_CLASSES : (i + 1) * PAIR_CLASSES] for i in range(PAIR_CLASSES)]


def read_widths(lib: ctypes.CDLL) -> list[int]:
    uc_width = lib.uc_width
    uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    uc_width.restype = ctypes.c_int
    enc = b"UTF-8"
    return [max(uc_width(uc, enc), 0) for uc in range(0x110000)]


def cross_check(classes: list[int]) -> None:
    """Report, per library class number, the UCD classes of its code points."""
    if not LINEBREAK_TXT.exists():
        print(f"note: {LINEBREAK_TXT} not found, skipping UCD cross-check", file=sys.stderr)
        return
    ucd: dict[int, str] = {}
    version = ""
    for line in LINEBREAK_TXT.read_text(encoding="utf-8").splitlines():
        if line.startswith("# LineBreak-"):
            version = line[2:].strip()
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        rng, cls = (x.strip() for x in data.split(";"))
        lo, _, hi = rng.partition("..")
        for uc in range(int(lo, 16), int(hi or lo, 16) + 1):
            ucd[uc] = cls
    votes: dict[int, Counter[str]] = {}
    for uc, prop in enumerate(classes):
        votes.setdefault(prop, Counter())[ucd.get(uc, "XX")] += 1
    print(f"cross-check against {version or LINEBREAK_TXT}:", file=sys.stderr)
    for prop in sorted(votes):
        common = ", ".join(f"{k}={n}" for k, n in votes[prop].most_common(3))
        print(f"  class {prop:2d}: {common}", file=sys.stderr)


def build_ranges(classes: list[int], widths: list[int]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    values: list[int] = []
    for uc in range(0x110000):
        value = RESOLVE.get(classes[uc], classes[uc]) * 3 + widths[uc]
        if not values or values[-1] != value:
            starts.append(uc)
            values.append(value)
    return starts, values


def wrap_ints(items: list[int], indent: str = "    ", limit: int = 99) -> list[str]:
    lines: list[str] = []
    current = indent
    for item in items:
        piece = f"{item},"
        if len(current) + len(piece) + 1 > limit:
            lines.append(current.rstrip())
            current = indent
        current += piece + " "
    if current.strip():
        lines.append(current.rstrip())
    return lines


def render(starts: list[int], values: list[int], pair: list[bytes], lib_name: str) -> str:
    out: list[str] = []
    out.append('"""Line breaking data of libunistring 1.0, as used by GNU gettext 0.21.')
    out.append("")
    out.append("GENERATED by tools/gen_linebreak_data.py from " + lib_name + ";")
    out.append("do not edit by hand.")
    out.append("")
    out.append("RANGE_STARTS/RANGE_VALUES: sorted range table.  For a code point ``cp``,")
    out.append("``v = RANGE_VALUES[bisect_right(RANGE_STARTS, cp) - 1]`` gives the line")
    out.append("break class ``v // 3`` (already resolved for UTF-8: AI, SA, XX -> AL,")
    out.append("CB -> ID) and the ``uc_width`` column width ``v % 3`` (control")
    out.append("characters count as 0).")
    out.append("")
    out.append("PAIR_TABLE: libunistring's UAX #14 pair table, one string per class of")
    out.append("the preceding character; digit ``PAIR_TABLE[before][after]`` is")
    out.append("1 (direct break), 2 (indirect break: only after spaces), 3 (prohibited).")
    out.append('"""')
    out.append("")
    for name in ("BA", "HY", "AL", "ID", "HL", "RI", "ZWJ", "BK", "CR", "LF", "CM", "ZW", "SP"):
        out.append(f"{name}: int = {REPRESENTATIVES[name][1]}")
    out.append("")
    out.append("# fmt: off")
    out.append("PAIR_TABLE: tuple[str, ...] = (")
    for row in pair:
        out.append('    "' + "".join(str(b) for b in row) + '",')
    out.append(")")
    out.append("")
    out.append("RANGE_STARTS: tuple[int, ...] = (")
    out.extend(wrap_ints(starts))
    out.append(")")
    out.append("")
    out.append("RANGE_VALUES: tuple[int, ...] = (")
    out.extend(wrap_ints(values))
    out.append(")")
    out.append("# fmt: on")
    out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lib", default=DEFAULT_LIB, help="path of libunistring.so.2")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="only check the output is current")
    args = parser.parse_args(argv)

    lib = load_library(args.lib)
    classes = read_classes(lib)
    for name, (uc, expected) in REPRESENTATIVES.items():
        got = classes[uc]
        if got != expected:
            print(f"U+{uc:04X} ({name}) has class {got}, expected {expected}", file=sys.stderr)
            return 1
    cross_check(classes)
    pair = read_pair_table(lib)
    widths = read_widths(lib)
    starts, values = build_ranges(classes, widths)
    text = render(starts, values, pair, "libunistring.so.2 (Debian 1.0-2)")
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: {len(starts)} ranges", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
