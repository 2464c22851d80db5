"""Language codes: a strict grammar first, then Babel's locale data.

Codes are kept exactly as written (``pt_BR``, ``sr@latin``) because they become
folder names; Babel's canonical form is used only to look data up, never to
build paths (``Locale.parse("sr_RS@latin")`` silently turns into Cyrillic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import LanguageError

if TYPE_CHECKING:
    from babel import Locale

# Babel is imported where a locale is looked up, not here: `publish --help`
# and `publish new` never need it.

# language[_Script][_TERRITORY][@modifier], the gettext/POSIX shape without codeset.
LANGUAGE_CODE = re.compile(
    r"^(?P<lang>[a-z]{2,3})"
    r"(?:_(?P<script>[A-Z][a-z]{3}))?"
    r"(?:_(?P<territory>[A-Z]{2}|[0-9]{3}))?"
    r"(?:@(?P<modifier>[a-z][a-z0-9]{1,7}))?$"
)

_MODIFIER_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}
PLURAL_FORMS = re.compile(r"^nplurals=(?P<n>[1-6]);\s*plural=[-+*/%?:<>=!&|() n0-9]+;?$")


def validate_code(code: object) -> str:
    """Return ``code`` unchanged if it is a well-formed language code, else raise."""
    if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
        shown = repr(code) if isinstance(code, str) else f"{code!r} (not text)"
        raise LanguageError(
            f"invalid language code {shown}",
            hint="use a code like ru, pt_BR, sr@latin or zh_Hant_TW",
        )
    return code


def to_bcp47(code: str) -> str:
    """The HTML ``lang`` / hreflang form: ``pt_BR`` → ``pt-BR``, ``sr@latin`` → ``sr-Latn``."""
    match = LANGUAGE_CODE.match(code)
    if match is None:
        raise LanguageError(f"invalid language code {code!r}")
    parts = [match["lang"]]
    modifier = match["modifier"] or ""
    script = match["script"] or _MODIFIER_SCRIPTS.get(modifier)
    if script:
        parts.append(script)
    if match["territory"]:
        parts.append(match["territory"])
    if modifier and modifier not in _MODIFIER_SCRIPTS:
        # A private-use subtag keeps en@pseudo or en@quot distinct from en.
        parts += ["x", modifier[:8]]
    return "-".join(parts)


@dataclass(frozen=True)
class LanguageInfo:
    """What publish needs to know about a language."""

    code: str
    name: str  # native name, e.g. "русский"
    english_name: str
    plural_forms: str | None  # None: Babel has no plural rule and publish.yaml gives none
    direction: str  # "ltr" or "rtl"
    babel_locale: str | None  # identifier usable with Babel, None outside CLDR

    @property
    def bcp47(self) -> str:
        """The code as HTML wants it."""
        return to_bcp47(self.code)


def babel_locale(code: str) -> Locale | None:
    """The Babel locale for a validated code, or None when CLDR lacks it."""
    from babel import Locale, UnknownLocaleError

    match = LANGUAGE_CODE.match(code)
    if match is None:
        return None
    script = match["script"] or _MODIFIER_SCRIPTS.get(match["modifier"] or "")
    try:
        return Locale(match["lang"], territory=match["territory"], script=script)
    except (UnknownLocaleError, ValueError):
        try:
            return Locale(match["lang"])
        except (UnknownLocaleError, ValueError):
            return None


def babel_plural_forms(locale: Locale) -> str | None:
    """The Plural-Forms value Babel has for ``locale``, or None when it has none.

    Babel's ``get_plural`` answers ``nplurals=2; plural=(n != 1);`` for every
    locale missing from its table (Buryat, Tuvan, Quechua in CLDR 49): a guess
    that would put a wrong header in a translator's catalog, so a locale found
    neither by its full name nor by its language is reported instead.
    """
    from babel.messages.plurals import PLURALS, get_plural

    if str(locale) not in PLURALS and locale.language not in PLURALS:
        return None
    plural = get_plural(locale)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def require_plural_forms(language: LanguageInfo) -> str:
    """The language's Plural-Forms, for a new catalog's header; :class:`LanguageError` when
    neither Babel nor publish.yaml has one (a guess would be written into the catalog)."""
    if language.plural_forms is None:
        raise LanguageError(
            f"language {language.code!r}: Babel's locale data (CLDR) has no plural rules for it",
            hint="give its plural_forms under `languages:` in publish.yaml, "
            'e.g. plural_forms: "nplurals=2; plural=(n != 1);"',
        )
    return language.plural_forms


def language_info(
    code: str,
    *,
    name: str | None = None,
    plural_forms: str | None = None,
    direction: str | None = None,
) -> LanguageInfo:
    """Look a language up in Babel; explicit values (from publish.yaml) win.

    A language outside CLDR needs all three values given, otherwise
    :class:`LanguageError` says which are missing. One whose CLDR data has no
    plural rules gets ``plural_forms`` None (see :func:`require_plural_forms`).
    """
    validate_code(code)
    locale = babel_locale(code)
    if locale is None:
        missing = [
            label
            for label, value in (
                ("name", name),
                ("plural_forms", plural_forms),
                ("direction", direction),
            )
            if not value
        ]
        if missing:
            raise LanguageError(
                f"language {code!r} is not in Babel's locale data (CLDR)",
                hint=f"give its {', '.join(missing)} under `languages:` in publish.yaml",
            )
        assert name and plural_forms and direction
        return LanguageInfo(code, name, name, plural_forms, direction, None)
    if plural_forms is None:
        # None when Babel has no rule: only a new catalog needs one (see require_plural_forms).
        plural_forms = babel_plural_forms(locale)
    native = locale.get_display_name(locale) or code
    return LanguageInfo(
        code=code,
        name=name or native,
        english_name=locale.get_display_name("en") or code,
        plural_forms=plural_forms,
        direction=direction or ("rtl" if locale.character_order == "right-to-left" else "ltr"),
        babel_locale=str(locale),
    )
