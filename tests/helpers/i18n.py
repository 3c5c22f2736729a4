"""What the pages' translation tests share: the message files read as a reader of a language gets them, the literal
runs of a message that can show on a page, and every string inside a figure."""

from __future__ import annotations

import json
import re
from pathlib import Path

I18N = Path(__file__).resolve().parents[2] / "i18n"


def messages_in(language: str, folders: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Every message of i18n/ and of ``folders`` in ``language``, read from the files."""
    found: dict[str, str] = {}
    for path in [I18N / f"{language}.json", *(I18N / folder / f"{language}.json" for folder in folders)]:
        found.update({k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("@")})
    return found


def own_english(folders: tuple[str, ...] | list[str]) -> dict[str, str]:
    """The English messages of ``folders`` only (not the frame's)."""
    return {k: v for k, v in messages_in("en", folders).items() if any(k.startswith(f"harvest-{f}-") for f in folders)}


def fragments(text: str) -> list[str]:
    """The literal runs of a message, between its parameters and PLURALs, as they can appear on a page."""
    plain = re.sub(r"\{\{PLURAL:[^{}]*\}\}", "\x00", text)
    return [part.strip() for part in re.split(r"\$\d+|\x00|<br>", plain) if part.strip()]


def strings(value) -> list[str]:
    """Every string inside a figure's JSON (or any nesting of dicts and lists)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []
