"""The codebook: themes, needs, whom people see as responsible, and the direction's commitments (data/codebook.toml).

Loaded and validated like an export: problems name the file, the entry and the field.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .problems import CodebookError, Problem

DEFAULT_CODEBOOK = Path(__file__).resolve().parent.parent / "data" / "codebook.toml"
CODE_KINDS = ("theme", "need", "responsible")
PILLARS = {"knowledge_equity": "Knowledge equity", "knowledge_as_a_service": "Knowledge as a service"}


@dataclass(frozen=True)
class Codebook:
    version: str
    title: str
    source: str
    path: str
    codes: pd.DataFrame  # id, kind, label, description, keywords (dict language -> list)
    commitments: pd.DataFrame  # id, pillar, pillar_label, label, description, keywords
    digest: str = ""  # SHA-256 of the file's bytes: what caches are keyed on (two codebooks differ in any byte)

    def label(self, code: str) -> str:
        for table in (self.codes, self.commitments):
            hit = table.loc[table["id"] == code, "label"]
            if len(hit):
                return str(hit.iloc[0])
        return code

    def ids(self, kind: str | None = None) -> list[str]:
        if kind == "commitment":
            return list(self.commitments["id"])
        table = self.codes if kind is None else self.codes[self.codes["kind"] == kind]
        return list(table["id"])


def _entries(
    data: dict, key: str, required: tuple[str, ...], file: str, problems: list[Problem], id_pattern: str
) -> list[dict]:
    out, seen = [], set()
    for i, entry in enumerate(data.get(key, []), start=1):
        if not isinstance(entry, dict):
            problems.append(
                Problem(file, i, key, entry, f"[[{key}]] entry {i} is not a table.", "wrong_column_type", True)
            )
            continue
        missing = [f for f in required if not str(entry.get(f, "")).strip()]
        for name in missing:
            problems.append(
                Problem(file, i, name, None, f"[[{key}]] entry {i} has no `{name}`.", "missing_value", True)
            )
        if missing:
            continue
        cid = str(entry["id"]).strip()
        if not re.fullmatch(id_pattern, cid):
            problems.append(
                Problem(
                    file, i, "id", cid, f'[[{key}]] id "{cid}" should match {id_pattern}.', "wrong_column_type", True
                )
            )
        if cid in seen:
            problems.append(Problem(file, i, "id", cid, f'[[{key}]] id "{cid}" is used twice.', "duplicate_id", True))
        seen.add(cid)
        keywords = entry.get("keywords", {}) or {}
        if not isinstance(keywords, dict) or not all(isinstance(v, list) for v in keywords.values()):
            problems.append(
                Problem(
                    file,
                    i,
                    "keywords",
                    None,
                    f'[[{key}]] "{cid}": keywords must be lists per language, e.g. en = ["funding", "grant*"].',
                    "wrong_column_type",
                    True,
                )
            )
            keywords = {}
        out.append(
            {
                **{f: str(entry[f]).strip() for f in required},
                "description": str(entry.get("description", "")),
                "keywords": {
                    str(k): [str(w).strip().lower() for w in v if str(w).strip()] for k, v in keywords.items()
                },
            }
        )
    return out


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and validate a codebook TOML file; raises CodebookError listing every problem."""
    path = Path(path) if path else DEFAULT_CODEBOOK
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CodebookError(
            [Problem(path.name, None, None, None, f"cannot be read ({error}).", "unreadable_file", True)]
        ) from error
    return parse_codebook(raw, path.name, str(path))


def parse_codebook(raw: bytes, name: str = "codebook.toml", path: str = "") -> Codebook:
    """Validate a codebook's bytes (a file, or an upload: nothing is written to disk); raises CodebookError."""
    file = name
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise CodebookError(
            [Problem(file, None, None, None, f"cannot be read ({error}).", "unreadable_file", True)]
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise CodebookError(
            [
                Problem(
                    file,
                    None,
                    None,
                    None,
                    f"is not valid TOML ({error}). A codebook is a TOML file "
                    "with [[code]] and [[commitment]] entries (see data/codebook.toml).",
                    "unreadable_file",
                    True,
                )
            ]
        ) from error
    problems: list[Problem] = []
    codes = _entries(data, "code", ("id", "kind", "label"), file, problems, r"[a-z][a-z0-9_]*")
    for i, code in enumerate(codes, start=1):
        if code["kind"] not in CODE_KINDS:
            problems.append(
                Problem(
                    file,
                    i,
                    "kind",
                    code["kind"],
                    f'code "{code["id"]}" has kind "{code["kind"]}"; use one of {", ".join(CODE_KINDS)}.',
                    "wrong_column_type",
                    True,
                )
            )
    commitments = _entries(data, "commitment", ("id", "pillar", "label"), file, problems, r"[A-Z]+[0-9]+")
    for i, item in enumerate(commitments, start=1):
        if item["pillar"] not in PILLARS:
            problems.append(
                Problem(
                    file,
                    i,
                    "pillar",
                    item["pillar"],
                    f'commitment "{item["id"]}" has pillar "{item["pillar"]}"; use one of {", ".join(PILLARS)}.',
                    "wrong_column_type",
                    True,
                )
            )
        item["pillar_label"] = PILLARS.get(item["pillar"], item["pillar"])
    if not codes and not commitments:
        problems.append(
            Problem(file, None, None, None, "has no [[code]] or [[commitment]] entries.", "missing_column", True)
        )
    if problems:
        raise CodebookError(problems)
    return Codebook(
        str(data.get("version", "unversioned")),
        str(data.get("title", "")),
        str(data.get("source", "")),
        path or name,
        pd.DataFrame(codes),
        pd.DataFrame(commitments),
        hashlib.sha256(raw).hexdigest(),
    )
