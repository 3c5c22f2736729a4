"""The codebook: the session's questions, themes, needs, whom people see as responsible, and the direction's
commitments (data/codebook.toml).

Loaded and validated like an export: problems name the file, the entry and the field. The codebook also says what a
value on the notes stands for: a question id in any case, a code or one of its aliases, a pillar of the direction
(``resolve``, ``question_id``), and which values of an export it does not know (``not_in_codebook``).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path, PurePath

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .files import export_name, location
from .problems import CodebookError, ExportError, Problem, unreadable
from .remote import is_remote

DEFAULT_CODEBOOK = Path(__file__).resolve().parent.parent / "data" / "codebook.toml"
CODE_KINDS = ("theme", "need", "responsible")
PILLARS = {"knowledge_equity": "Knowledge equity", "knowledge_as_a_service": "Knowledge as a service"}
#: What a note coded with a pillar itself (not one of its commitments) is said to address.
PILLAR_LEVEL = "commitment not specified"
QUESTION_ID = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
#: Which column a code belongs to once resolved: the codebook's [[code]] entries are themes, its commitments and
#: their pillars are the direction.
THEMES, DIRECTION = "themes", "direction"
QUESTION_COLUMNS = ["id", "text", "translations", "prompts", "rounds"]
ENTRY = "_entry"  # while parsing: the entry's number in its file (for problems), dropped from the tables


def code_key(value: object) -> str:
    """How codes are compared: without regard to case, and with spaces, hyphens and underscores alike
    ("Roles-Resources", "roles resources" and "roles_resources" are one code)."""
    return re.sub(r"[\s_-]+", "_", str(value).strip()).casefold()


def question_key(value: object) -> str:
    """How question ids are compared: without regard to case or surrounding spaces ("q2" is Q2)."""
    return str(value).strip().casefold()


def shorten(text: str, width: int | None) -> str:
    """``text`` cut at a word boundary to about ``width`` characters, with "…" when cut (``None``: whole)."""
    if width is None or len(text) <= width:
        return text
    cut = text[: max(width - 1, 1)]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


@dataclass(frozen=True)
class Codebook:
    version: str
    title: str
    source: str
    path: str
    codes: pd.DataFrame  # id, kind, label, description, keywords (dict language -> list)
    commitments: pd.DataFrame  # id, pillar, pillar_label, label, description, keywords, aliases
    digest: str = ""  # SHA-256 of the file's bytes: what caches are keyed on (two codebooks differ in any byte)
    #: The session's questions: id, text, translations (dict language -> text), prompts, rounds.
    questions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=QUESTION_COLUMNS))

    def label(self, code: str) -> str:
        for table in (self.codes, self.commitments):
            hit = table.loc[table["id"] == code, "label"]
            if len(hit):
                return str(hit.iloc[0])
        return self.pillars.get(code, code)

    @cached_property
    def pillars(self) -> dict[str, str]:
        """The direction's pillars the commitments name, id -> label, in codebook order."""
        if self.commitments.empty:
            return {}
        return dict(zip(self.commitments["pillar"], self.commitments["pillar_label"], strict=True))

    @cached_property
    def _codes_by_key(self) -> dict[str, tuple[str, str]]:
        """code_key of every id, alias and pillar -> (column, the codebook's id)."""
        out: dict[str, tuple[str, str]] = {}
        for column, table in ((DIRECTION, self.commitments), (THEMES, self.codes)):
            for row in table.to_dict("records") if len(table) else []:
                for name in (row["id"], *(row.get("aliases") or ())):
                    out.setdefault(code_key(name), (column, str(row["id"])))
        for pillar, words in self.pillars.items():
            for name in (pillar, words):
                out.setdefault(code_key(name), (DIRECTION, pillar))
        return out

    def resolve(self, code: object) -> tuple[str, str] | None:
        """What a code on a note stands for: (column, id) of the codebook entry whose id or alias it is, in any case
        (``THEMES`` for [[code]] entries, ``DIRECTION`` for commitments and pillars); None when the codebook does
        not know it."""
        return None if code is None else self._codes_by_key.get(code_key(code))

    @cached_property
    def _questions_by_key(self) -> dict[str, str]:
        return {question_key(q): str(q) for q in self.questions["id"]} if len(self.questions) else {}

    def question_id(self, value: object) -> str | None:
        """The codebook's id of the question ``value`` names, in any case; None when it names none."""
        return None if value is None else self._questions_by_key.get(question_key(value))

    def question_text(self, value: object, language: str | None = None) -> str | None:
        """The wording of the question ``value`` names (in ``language`` when the codebook has it); None if none."""
        qid = self.question_id(value)
        if qid is None:
            return None
        row = self.questions.loc[self.questions["id"] == qid].iloc[0]
        translated = (row["translations"] or {}).get(language) if language else None
        return str(translated or row["text"])

    def question_label(self, value: object, width: int | None = None, language: str | None = None) -> str:
        """A question as pages show it: "Q2 · How would this direction change your work …", the wording cut to about
        ``width`` characters; a value the codebook does not name is shown as it is."""
        text = self.question_text(value, language)
        if text is None:
            return str(value)
        qid = self.question_id(value)
        return f"{qid} · {shorten(text, None if width is None else max(width - len(qid) - 3, 12))}"

    def localized(self, language: str, pillars: dict[str, str] | None = None) -> Codebook:
        """The codebook as a reader of ``language`` sees it: each code's and commitment's label and description, and
        each question's wording, in that language where the codebook gives them (English where it does not);
        ``pillars`` names the direction's pillars in it. Ids, keywords and aliases are unchanged."""
        if language == "en" and not pillars:
            return self

        def translated(table: pd.DataFrame) -> pd.DataFrame:
            if table.empty or "translations" not in table:
                return table
            out = table.copy()
            for field_name in ("label", "description"):
                out[field_name] = [
                    (t or {}).get(language, {}).get(field_name) or original
                    for t, original in zip(out["translations"], out[field_name], strict=True)
                ]
            return out

        commitments = translated(self.commitments)
        if pillars and len(commitments):
            commitments = commitments.assign(
                pillar_label=[
                    pillars.get(p, label)
                    for p, label in zip(commitments["pillar"], commitments["pillar_label"], strict=True)
                ]
            )
        questions = self.questions.copy()
        if len(questions):
            questions["text"] = [
                (t or {}).get(language) or text
                for t, text in zip(questions["translations"], questions["text"], strict=True)
            ]
        return replace(self, codes=translated(self.codes), commitments=commitments, questions=questions)

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
                Problem(
                    file,
                    i,
                    key,
                    entry,
                    f"[[{key}]] entry {i} is not a table.",
                    "wrong_column_type",
                    True,
                    (key, i),
                    "entry",
                )
            )
            continue
        missing = [f for f in required if not str(entry.get(f, "")).strip()]
        for name in missing:
            problems.append(
                Problem(
                    file,
                    i,
                    name,
                    None,
                    f"[[{key}]] entry {i} has no `{name}`.",
                    "missing_value",
                    True,
                    (key, i, name),
                    "entry",
                )
            )
        if missing:
            continue
        cid = str(entry["id"]).strip()
        if not re.fullmatch(id_pattern, cid):
            problems.append(
                Problem(
                    file,
                    i,
                    "id",
                    cid,
                    f'[[{key}]] id "{cid}" should match {id_pattern}.',
                    "wrong_column_type",
                    True,
                    (key, cid, id_pattern),
                    "id",
                )
            )
        if cid in seen:
            problems.append(
                Problem(
                    file,
                    i,
                    "id",
                    cid,
                    f'[[{key}]] id "{cid}" is used twice.',
                    "duplicate_id",
                    True,
                    (key, cid),
                    "codebook",
                )
            )
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
                    (key, cid),
                    "keywords",
                )
            )
            keywords = {}
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.append(
                Problem(
                    file,
                    i,
                    "aliases",
                    None,
                    f'[[{key}]] "{cid}": aliases must be a list of codes, e.g. aliases = ["roles_resources"].',
                    "wrong_column_type",
                    True,
                    (key, cid),
                    "aliases",
                )
            )
            aliases = []
        translations = entry.get("translations", {}) or {}
        if not isinstance(translations, dict) or not all(
            isinstance(v, dict)
            and set(v) <= {"label", "description"}
            and all(isinstance(t, str) and t.strip() for t in v.values())
            for v in translations.values()
        ):
            problems.append(
                Problem(
                    file,
                    i,
                    "translations",
                    None,
                    f'[[{key}]] "{cid}": translations must give a label and a description per language, e.g. '
                    f'[{key}.translations.fr] label = "…", description = "…".',
                    "wrong_column_type",
                    True,
                    (key, cid),
                    "translations",
                )
            )
            translations = {}
        out.append(
            {
                **{f: str(entry[f]).strip() for f in required},
                "description": str(entry.get("description", "")),
                "translations": {
                    str(lang): {k: " ".join(v.split()) for k, v in t.items()} for lang, t in translations.items()
                },
                "keywords": {
                    str(k): [str(w).strip().lower() for w in v if str(w).strip()] for k, v in keywords.items()
                },
                "aliases": tuple(a.strip() for a in aliases),
                ENTRY: i,
            }
        )
    return out


def _one_meaning(codes: list[dict], commitments: list[dict], file: str, problems: list[Problem]) -> None:
    """Codes are compared without regard to case (code_key): every id, alias and pillar must name one entry."""
    seen: dict[str, str] = {code_key(p): p for p in PILLARS}
    for key, entries in (("commitment", commitments), ("code", codes)):
        for entry in entries:
            i = entry[ENTRY]
            for name, where in ((entry["id"], "id"), *((a, "aliases") for a in entry["aliases"])):
                folded = code_key(name)
                other = seen.get(folded)
                if other is not None and other != entry["id"]:
                    problems.append(
                        Problem(
                            file,
                            i,
                            where,
                            name,
                            f'[[{key}]] "{entry["id"]}": "{name}" is already '
                            + (f'the pillar "{other}"' if other in PILLARS else f'the id or an alias of "{other}"')
                            + " (codes are compared without regard to case).",
                            "duplicate_id",
                            True,
                            (key, entry["id"], name, other),
                            "alias-pillar" if other in PILLARS else "alias",
                        )
                    )
                else:
                    seen[folded] = entry["id"]


def _questions(data: dict, file: str, problems: list[Problem]) -> list[dict]:
    """The [[question]] entries: id and text required; translations, prompts and rounds optional."""
    out, seen = [], {}
    for i, entry in enumerate(data.get("question", []), start=1):
        where = f"[[question]] entry {i}"
        if not isinstance(entry, dict):
            problems.append(
                Problem(
                    file,
                    i,
                    "question",
                    entry,
                    f"{where} is not a table.",
                    "wrong_column_type",
                    True,
                    ("question", i),
                    "entry",
                )
            )
            continue
        missing = [f for f in ("id", "text") if not isinstance(entry.get(f), str) or not entry[f].strip()]
        for name in missing:
            problems.append(
                Problem(
                    file,
                    i,
                    name,
                    entry.get(name),
                    f"{where} has no `{name}` (text).",
                    "missing_value",
                    True,
                    ("question", i, name),
                    "entry",
                )
            )
        if missing:
            continue
        qid, text = entry["id"].strip(), " ".join(entry["text"].split())
        if not re.fullmatch(QUESTION_ID, qid):
            problems.append(
                Problem(
                    file,
                    i,
                    "id",
                    qid,
                    f'[[question]] id "{qid}" should match {QUESTION_ID}.',
                    "wrong_column_type",
                    True,
                    ("question", qid, QUESTION_ID),
                    "id",
                )
            )
        if question_key(qid) in seen:
            problems.append(
                Problem(
                    file,
                    i,
                    "id",
                    qid,
                    f'[[question]] id "{qid}" is used twice (with "{seen[question_key(qid)]}"; question ids are '
                    "compared without regard to case).",
                    "duplicate_id",
                    True,
                    (qid, seen[question_key(qid)]),
                    "question",
                )
            )
        seen[question_key(qid)] = qid
        translations = entry.get("translations", {})
        if not isinstance(translations, dict) or not all(
            isinstance(v, str) and v.strip() for v in translations.values()
        ):
            problems.append(
                Problem(
                    file,
                    i,
                    "translations",
                    None,
                    f'[[question]] "{qid}": translations must give the wording per language, e.g. sv = "Vad …?".',
                    "wrong_column_type",
                    True,
                    (qid,),
                    "question-translations",
                )
            )
            translations = {}
        prompts = entry.get("prompts", [])
        if not isinstance(prompts, list) or not all(isinstance(p, str) for p in prompts):
            problems.append(
                Problem(
                    file,
                    i,
                    "prompts",
                    None,
                    f'[[question]] "{qid}": prompts must be a list of text.',
                    "wrong_column_type",
                    True,
                    (qid,),
                    "prompts",
                )
            )
            prompts = []
        rounds = entry.get("rounds", [])
        if not isinstance(rounds, list) or not all(
            isinstance(r, int) and not isinstance(r, bool) and r >= 1 for r in rounds
        ):
            problems.append(
                Problem(
                    file,
                    i,
                    "rounds",
                    None,
                    f'[[question]] "{qid}": rounds must be a list of whole numbers from 1, e.g. rounds = [1, 2].',
                    "wrong_column_type",
                    True,
                    (qid,),
                    "rounds",
                )
            )
            rounds = []
        out.append(
            {
                "id": qid,
                "text": text,
                "translations": {str(k): " ".join(v.split()) for k, v in translations.items()},
                "prompts": [str(p) for p in prompts],
                "rounds": [int(r) for r in rounds],
            }
        )
    return out


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and validate a codebook TOML file; raises CodebookError listing every problem."""
    path = Path(path) if path else DEFAULT_CODEBOOK
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CodebookError([unreadable(path.name, error)]) from error
    return parse_codebook(raw, path.name, str(path))


def parse_codebook(raw: bytes, name: str = "codebook.toml", path: str = "") -> Codebook:
    """Validate a codebook's bytes (a file, or an upload: nothing is written to disk); raises CodebookError."""
    file = name
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise CodebookError([unreadable(file, error)]) from error
    except tomllib.TOMLDecodeError as error:
        raise CodebookError(
            [
                Problem(
                    file,
                    None,
                    None,
                    None,
                    f"is not valid TOML ({error}). A codebook is a TOML file "
                    "with [[question]], [[code]] and [[commitment]] entries (see data/codebook.toml).",
                    "unreadable_file",
                    True,
                    (str(error),),
                    "toml",
                )
            ]
        ) from error
    problems: list[Problem] = []
    codes = _entries(data, "code", ("id", "kind", "label"), file, problems, r"[a-z][a-z0-9_]*")
    for code in codes:
        if code["kind"] not in CODE_KINDS:
            problems.append(
                Problem(
                    file,
                    code[ENTRY],
                    "kind",
                    code["kind"],
                    f'code "{code["id"]}" has kind "{code["kind"]}"; use one of {", ".join(CODE_KINDS)}.',
                    "wrong_column_type",
                    True,
                    (code["id"], code["kind"], ", ".join(CODE_KINDS)),
                    "kind",
                )
            )
    commitments = _entries(data, "commitment", ("id", "pillar", "label"), file, problems, r"[A-Z]+[0-9]+")
    for item in commitments:
        if item["pillar"] not in PILLARS:
            problems.append(
                Problem(
                    file,
                    item[ENTRY],
                    "pillar",
                    item["pillar"],
                    f'commitment "{item["id"]}" has pillar "{item["pillar"]}"; use one of {", ".join(PILLARS)}.',
                    "wrong_column_type",
                    True,
                    (item["id"], item["pillar"], ", ".join(PILLARS)),
                    "pillar",
                )
            )
        item["pillar_label"] = PILLARS.get(item["pillar"], item["pillar"])
    _one_meaning(codes, commitments, file, problems)
    questions = _questions(data, file, problems)
    if not codes and not commitments:
        problems.append(
            Problem(
                file,
                None,
                None,
                None,
                "has no [[code]] or [[commitment]] entries.",
                "missing_column",
                True,
                (),
                "codebook",
            )
        )
    if problems:
        raise CodebookError(problems)
    return Codebook(
        str(data.get("version", "unversioned")),
        str(data.get("title", "")),
        str(data.get("source", "")),
        path or name,
        pd.DataFrame(codes).drop(columns=ENTRY, errors="ignore"),
        pd.DataFrame(commitments).drop(columns=ENTRY, errors="ignore"),
        hashlib.sha256(raw).hexdigest(),
        pd.DataFrame(questions, columns=QUESTION_COLUMNS),
    )


# --- values of an export the codebook does not know -------------------------------------------------------------


def notes_file(export_path: str) -> str:
    """The notes file of an export as the loader's problems name it, from the folder opened: an upload's name, a
    single file's or a parts folder's name, ``export/contributions.parquet``, or for an export of several sessions
    ``export/*/contributions.parquet``."""
    if export_path.startswith("upload: "):
        return export_path[len("upload: ") :]
    if is_remote(export_path):  # s3://bucket/path (loaders/remote.py)
        name = export_name(export_path)
        try:
            path = location(export_path)
        except ExportError:  # the store went away since the export was read: name the usual notes file
            return f"{name}/contributions.parquet"
    else:
        path, name = Path(export_path), PurePath(export_path).name
    if name.endswith(".parquet") or path.is_file():
        return name
    if any((path / f).exists() for f in ("contributions.parquet", "contributions")):
        return f"{name}/contributions.parquet"
    return f"{name}/*/contributions.parquet"


def _list_array(series: pd.Series) -> pa.Array:
    arr = series.array._pa_array if hasattr(series.array, "_pa_array") else pa.array(series)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    return arr if pa.types.is_list(arr.type) else arr.cast(pa.list_(pa.string()))


def code_notes(series: pd.Series, keep) -> dict[str, int]:
    """Per code in a list column for which ``keep(code)`` is true: the notes carrying it (each note once). Only
    the distinct codes are looked at in Python; the notes are counted by Arrow."""
    arr = _list_array(series)
    flat = pc.list_flatten(arr)
    if pa.types.is_dictionary(flat.type):
        flat = flat.dictionary_decode()
    distinct = [c for c in pc.unique(flat).to_pylist() if c is not None and keep(c)]
    if not distinct:
        return {}
    parents = pc.list_parent_indices(arr)
    hit = pc.is_in(flat, value_set=pa.array(distinct, pa.string()))
    pairs = pa.table({"row": pc.filter(parents, hit), "code": pc.filter(flat, hit)})
    counted = pairs.group_by(["row", "code"]).aggregate([]).group_by("code").aggregate([("row", "count")])
    return dict(zip(counted["code"].to_pylist(), counted["row_count"].to_pylist(), strict=True))


def _notes(n: int) -> str:
    return f"{n:,} note" if n == 1 else f"{n:,} notes"


def _quoted(value: str, limit: int = 60) -> str:
    return f"“{value if len(value) <= limit else value[: limit - 1] + '…'}”"


def not_in_codebook(notes: pd.DataFrame, codebook: Codebook, file: str = "contributions.parquet") -> list[Problem]:
    """Every question, theme code and direction code on ``notes`` that ``codebook`` does not name, once each with
    its number of notes (code ``not_in_codebook``), most notes first within each column. Questions are checked only
    when the codebook names questions. The notes are kept: such a value is shown as recorded and counted in no
    codebook code's count (a direction code is never a blind spot)."""
    out: list[Problem] = []
    where = f"the codebook (version {codebook.version})"
    if "question" in notes and len(codebook.questions):
        counts = notes["question"].astype("object").dropna().astype(str).value_counts()
        texts = {question_key(t): q for q, t in zip(codebook.questions["id"], codebook.questions["text"], strict=True)}
        for value, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if codebook.question_id(value) is not None:
                continue
            hint = (
                f" It is the wording of {texts[question_key(value)]}: write {texts[question_key(value)]} instead."
                if question_key(value) in texts
                else f" Add it to {where} as a [[question]], or correct the notes."
            )
            out.append(
                Problem(
                    file,
                    None,
                    "question",
                    value,
                    f"question {_quoted(value)} is not in the codebook: {_notes(int(n))}, kept and shown under "
                    f"{_quoted(value)}, answering none of the codebook's questions.{hint}",
                    "not_in_codebook",
                    args=(int(n), texts.get(question_key(value), str(codebook.version))),
                    kind="question-wording" if question_key(value) in texts else "question",
                )
            )
    for column, what, fix in (
        (THEMES, "theme code", "a [[code]], or as an alias of one"),
        (DIRECTION, "direction code", "a [[commitment]], or as an alias of one"),
    ):
        if column not in notes or notes.empty:
            continue
        known = (
            (lambda c: codebook.resolve(c) is not None)
            if column == THEMES
            else (lambda c: (codebook.resolve(c) or ("", ""))[0] == DIRECTION)
        )
        found = code_notes(notes[column], lambda c, known=known: not known(c))
        for code, n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(
                Problem(
                    file,
                    None,
                    column,
                    code,
                    f"{what} {_quoted(code)} is not in the codebook: {_notes(n)}, kept and counted under "
                    f"{_quoted(code)}, flagged, in none of the codebook's counts"
                    + (" (never a blind spot)" if column == DIRECTION else "")
                    + f". Add it to {where} as {fix}.",
                    "not_in_codebook",
                    args=(int(n), str(codebook.version)),
                    kind="theme" if column == THEMES else "direction",
                )
            )
    return out
