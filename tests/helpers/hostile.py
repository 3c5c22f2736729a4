"""Hostile values: what an attacker can put in an export, a codebook or a link, and an export made of them.

Every payload names the canary (tests/helpers/canary.py) so that a fetch anywhere is caught, and carries the marker
``EVIL`` so that tests find where it ended up.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pyarrow as pa
import pyarrow.parquet as pq

MARK = "EVIL"


def payloads(base: str = "http://127.0.0.1:9") -> list[str]:
    """Each way text can turn into markup, a request or a formula in one of Harvest's sinks."""
    return [
        f"![{MARK}]({base}/md-image.png)",  # Markdown image: fetched when rendered
        f"[{MARK} Your session expired: sign in again]({base}/phish)",  # Markdown link: phishing
        f"{MARK} {base}/bare-url www.{MARK.lower()}.example a@{MARK.lower()}.example",  # autolinks
        f":red[{MARK}] :material/warning: $${MARK}$$ :smile:",  # Streamlit directives and maths
        f'<span style="background:url({base}/plotly-css)">{MARK}</span>',  # Plotly label CSS: fetched
        f'<a href="{base}/plotly-link">{MARK}</a><b>{MARK}</b>',  # Plotly label link and markup
        f'<img src="{base}/html-img" onerror="window.__pwned=1">{MARK}',  # HTML image
        f"</script><script>window.__pwned=1</script>{MARK}",
        f'={MARK}+HYPERLINK("{base}/csv","x")',  # spreadsheet formula
        f"{MARK}\r=1+1\n@SUM(1)\t-2+3",  # CR/LF inside a cell, formula after it
        f"{MARK}\x1funit separator\x1f",  # the old join key's separator
        f"{MARK}{{x}} {{0}} %s",  # format strings
    ]


#: The kinds of markup a payload turns into when a sink fails to escape it, as they appear in that sink's source.
MARKDOWN_LEAKS = ("](http", "![", ":red[", "$$", ":material/", '<span style="background', "<a href", "<img")
PLOTLY_LEAKS = ('<span style="background', "<a href", "<img", "<script", "<b>" + MARK)


def hostile_export(
    folder: Path, base: str = "http://127.0.0.1:9", sessions: int = 2, group: int = 5, values: list[str] | None = None
) -> Path:
    """An export whose every free-text column holds payloads: session names (hive folder names, URL-encoded as
    writers encode them), questions, tables, communities, community types, gender, age bands, theme and direction
    codes, and note text. Regions and countries are valid (their values are checked against lists). Each payload is
    held by ``group`` people per session, so groups are large enough to be drawn (not merged under k). ``values``
    replaces the payloads (a property test draws them)."""
    values = values or payloads(base)
    n = len(values) * group
    regions = ["SSA", "NWE", "LAC", "MENA", "CEE", "SA", "ESEAP", "NA"]
    people = []
    for s in range(sessions):
        # A folder name cannot hold "/" and at most 255 bytes once URL-encoded: every other character stays.
        session = values[s % len(values)].replace("/", "∕")[:60]
        part = folder / "contributions.parquet" / f"session={quote(session, safe='')}"
        part.mkdir(parents=True, exist_ok=True)

        def value(i: int, shift: int) -> str:
            return values[(i // group + shift) % len(values)]

        pq.write_table(
            pa.table(
                {
                    "contribution_id": [f"c{s}-{i}" for i in range(n)],
                    "text": [value(i, 0) for i in range(n)],
                    "question": [value(i, 1) for i in range(n)],
                    "round": [1 + i % 3 for i in range(n)],
                    "table": [value(i, 2) for i in range(n)],
                    "participant_id": [f"p{s}-{i}" for i in range(n)],
                    "language": ["en"] * n,
                    "themes": [[value(i, 3).lower(), "healthy_inclusive_communities"] for i in range(n)],
                    "direction": [[value(i, 4).upper(), "KE1"] for i in range(n)],
                }
            ),
            part / "part-0.parquet",
        )
        people += [
            {
                "session": session,
                "participant_id": f"p{s}-{i}",
                "region": regions[(i // group) % len(regions)],
                "community": value(i, 5),
                "community_type": value(i, 6),
                "gender": value(i, 7),
                "age_band": value(i, 8),
                "languages": ["en", "sv"],
            }
            for i in range(n)
        ]
    pq.write_table(pa.Table.from_pylist(people), folder / "participants.parquet")
    return folder


def hostile_codebook(path: Path, base: str = "http://127.0.0.1:9") -> Path:
    """A valid codebook whose labels, descriptions and question wording are payloads."""
    values = payloads(base)
    entries = []
    for i, (kind, cid) in enumerate(
        (("theme", "healthy_inclusive_communities"), ("need", "funding"), ("responsible", "resp_foundation"))
    ):
        label = values[i].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        label = label.replace("\t", "\\t").replace("\x1f", "\\u001f")
        entries.append(
            f'[[code]]\nid = "{cid}"\nkind = "{kind}"\nlabel = "{label}"\ndescription = "{label}"\n'
            f'[code.keywords]\nen = ["grant*", "communit*"]\n'
        )
    label = values[4].replace('"', '\\"')
    entries.append(f'[[commitment]]\nid = "KE1"\npillar = "knowledge_equity"\nlabel = "{label}"\n')
    wording = values[3].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    wording = wording.replace("\t", "\\t").replace("\x1f", "\\u001f")
    entries.append(f'[[question]]\nid = "Q2"\ntext = "{wording}"\n')  # a question's wording is data too
    path.write_text(f'version = "{MARK}-1"\ntitle = "{MARK} codebook"\n\n' + "\n".join(entries), encoding="utf-8")
    return path


def url_params() -> list[str]:
    """Every URL parameter a link can carry: the filters, the codes counted, and each page's own (ui/registry.py)."""
    from analysis.filters import DIMENSIONS
    from ui.registry import PAGES

    return list(
        dict.fromkeys(
            [param for _, param, _, _ in DIMENSIONS] + ["codes"] + [param for page in PAGES for param in page.params]
        )
    )


def hostile_query(base: str = "http://127.0.0.1:9") -> dict[str, str]:
    """Every URL parameter, each holding a payload."""
    values = payloads(base)
    return {name: values[i % len(values)] for i, name in enumerate(url_params())}
