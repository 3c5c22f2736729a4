"""Every word Harvest says, from message files in the format Wikimedia's software uses with translatewiki.net.

``i18n/<language>.json`` (and ``i18n/<part>/<language>.json`` for each part of the interface) holds one message per
key, with an ``@metadata`` block; ``qqq.json`` beside each documents its keys for translators. A message takes parameters ``$1``, ``$2``… and chooses its words for a count with
``{{PLURAL:$1|one form|other form}}`` (the forms in the order of the language's CLDR plural categories: zero, one, two,
few, many, other, as MediaWiki orders them; an explicit ``0=no notes`` form wins for that number). Numbers and
percentages are written the language's way (babel, from CLDR). A message missing in a language falls back to English.

The language in force is per browser session: the page sets it at the start of each run (:func:`use`), and every
sentence made during the run is in it. Nothing here imports Streamlit.
"""

from __future__ import annotations

import contextvars
import json
import re
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, format_percent

ROOT = Path(__file__).resolve().parent.parent / "i18n"
DEFAULT = "en"
#: CLDR's plural categories in the order MediaWiki lists a PLURAL's forms.
CATEGORIES = ("zero", "one", "two", "few", "many", "other")

_language: contextvars.ContextVar[str] = contextvars.ContextVar("harvest_language", default=DEFAULT)
_PLURAL = re.compile(r"\{\{PLURAL:\s*\$(\d+)\s*\|((?:[^{}]|\{\{[^{}]*\}\})*)\}\}", re.IGNORECASE)
_PARAM = re.compile(r"\$(\d+)")


def folders() -> list[Path]:
    """Where message files live: i18n/ (the frame) and one folder below it per part of the interface (pages, café,
    …), as MediaWiki extensions keep several message directories; a key lives in exactly one."""
    return [ROOT] + sorted(p for p in ROOT.iterdir() if p.is_dir())


@cache
def _messages(language: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for folder in folders():
        path = folder / f"{language}.json"
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            found.update({key: value for key, value in data.items() if not key.startswith("@")})
    return found


@cache
def languages() -> dict[str, str]:
    """The languages Harvest speaks (a message file beside en.json), code -> its own name ("français")."""
    found = {}
    for path in sorted(ROOT.glob("*.json")):
        code = path.stem
        if code == "qqq":
            continue
        try:
            found[code] = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_")) or code
        except (UnknownLocaleError, ValueError):
            found[code] = code
    return dict(sorted(found.items(), key=lambda item: (item[0] != DEFAULT, item[0])))


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT)


def right_to_left(language: str | None = None) -> bool:
    """Whether the language is written right to left (Arabic, Hebrew, Persian, Urdu…), from CLDR."""
    return _locale(language or current()).character_order == "right-to-left"


def current() -> str:
    return _language.get()


def use(language: str) -> str:
    """Make ``language`` the one in force for this run (a known one, else English); returns the one chosen."""
    chosen = language if language in languages() else DEFAULT
    _language.set(chosen)
    return chosen


def best(preferred: list[str] | str | None) -> str:
    """The first of the browser's preferred languages ("fr-CA", "ar", …) Harvest speaks, else English."""
    if not preferred:
        return DEFAULT
    wanted = [preferred] if isinstance(preferred, str) else list(preferred)
    for tag in wanted:
        tag = str(tag).split(";")[0].strip().lower()
        for candidate in (tag, tag.split("-")[0]):
            if candidate in languages():
                return candidate
    return DEFAULT


def number(value: float | int, digits: int = 0, language: str | None = None) -> str:
    """A number written the language's way ("1,234" in English, "1 234" in French)."""
    locale = _locale(language or current())
    if digits == 0:
        return format_decimal(round(value), locale=locale)
    return format_decimal(value, format=f"#,##0.{'0' * digits}", locale=locale)


def percent(share: float, digits: int = 0, language: str | None = None) -> str:
    """A share as a percentage the language's way ("12%" in English, "12 %" in French)."""
    locale = _locale(language or current())
    pattern = locale.percent_formats[None].pattern  # the language's own: "#,##0 %" in French, "#,##0%" in English
    if digits:  # the last integer digit gets the decimals: "#,##0.0 %"
        pattern = re.sub(r"0(?=[^0-9#,.]*$)", "0." + "0" * digits, pattern, count=1)
    return format_percent(share, format=pattern, locale=locale)


def _plural(language: str, count: str, forms: str) -> str:
    options = forms.split("|")
    try:
        n = float(count)
    except ValueError:
        n = 0
    for option in options:  # explicit forms: "0=no notes"
        head, sep, text = option.partition("=")
        if sep and head.strip().isdigit() and float(head) == n:
            return text
    plain = [o for o in options if not re.match(r"^\s*\d+=", o)]
    if not plain:
        return ""
    rule = _locale(language).plural_form
    order = [c for c in CATEGORIES if c in rule.tags or c == "other"]
    category = rule(int(n) if n == int(n) else n)
    position = order.index(category) if category in order else len(order) - 1
    return plain[min(position, len(plain) - 1)]


def msg(key: str, *params: object, language: str | None = None) -> str:
    """The message ``key`` in the current language (else English), its PLURALs chosen by the raw numbers and its
    ``$n`` replaced by the parameters (numbers written the language's way). An unknown key raises KeyError: a
    missing message is a bug, never an empty string on screen."""
    language = language or current()
    text = _messages(language).get(key)
    if text is None:
        text = _messages(DEFAULT).get(key)
        language = DEFAULT if text is not None else language
    if text is None:
        raise KeyError(f"no message {key!r} in i18n/{DEFAULT}.json")
    raw = [str(p) for p in params]

    def plural(match: re.Match) -> str:
        index = int(match.group(1)) - 1
        return _plural(language, raw[index] if index < len(raw) else "0", match.group(2))

    text = _PLURAL.sub(plural, text)
    # counts as the language writes them; anything else as given (already formatted, or text from the data)
    shown = [number(p, language=language) if isinstance(p, int) and not isinstance(p, bool) else str(p) for p in params]

    def param(match: re.Match) -> str:
        index = int(match.group(1)) - 1
        return shown[index] if index < len(shown) else match.group(0)

    return _PARAM.sub(param, text)
