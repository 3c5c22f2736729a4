"""Figures for the Participation page: people and notes per group, the voice gap, the room against the world's
population, countries on a map, languages.

Each builder takes a tidy table from analysis/participation.py, states its finding or question as the title and its
n and denominator as the subtitle (charts.style.titled), and takes every colour from charts.style.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from analysis.findings import voice_n_text
from analysis.messages import current, msg
from analysis.privacy import is_merged
from analysis.vocabulary import NOT_KNOWN, group_label, pct, points
from charts.style import DARK, LIGHT, PAIR, SEQUENTIAL, beside, margins, ranged, region_colour, titled
from charts.text import esc, intervals

#: The world outlines plotly.js draws the map with, served by Streamlit at /app/static/topojson/ (ui/show.py).
TOPOJSON = Path(__file__).resolve().parent.parent / "static" / "topojson" / "world_110m.json"
#: Bars shown at most in one chart; the data view and the CSV hold every group.
TOP = 15


def _kind(who: str) -> str:
    """What the people are called, as a message key's ending: "participants", or "authors" (no participants file)."""
    return "authors" if who == "authors" else "participants"


def _plain(n: int) -> object:
    """A count as the English charts always wrote it (1234, no separator); in other languages, the language's way."""
    return str(int(n)) if current() == "en" else int(n)


def _noun(by: str) -> str:
    """The grouping as a noun inside a sentence: "region", "community type", "community"."""
    return msg(f"harvest-participation-noun-{by.replace('_', '-')}")


def _colours(template: str) -> dict[str, str]:
    return DARK if "dark" in template else LIGHT


def _tick(by: str, value: str) -> str:
    """Axis label of a group; a region gets a swatch of its colour so it reads the same as on every page."""
    label = esc(group_label(by, value))
    if by == "region" and value != NOT_KNOWN:
        return f"<span style='color:{region_colour(value)}'>■</span> {label}"
    return label


def _height(rows: int, per_row: int = 30, extra: int = 190) -> int:
    return max(320, extra + per_row * rows)


def _shown(table: pd.DataFrame, by: str, top: int) -> tuple[pd.DataFrame, str]:
    """Known groups with at least one participant or note, the largest ``top`` of them; and a note of what was cut."""
    rows = table[(table[by] != NOT_KNOWN) & ((table["people"] > 0) | (table["notes"] > 0))]
    if len(rows) <= top:
        return rows, ""
    cut = rows.sort_values(["people", "notes"], ascending=False, kind="stable").head(top)
    cut_text = msg(f"harvest-participation-cut-{by.replace('_', '-')}", _plain(top), _plain(len(rows)))
    return rows[rows.index.isin(cut.index)], cut_text


def people_and_notes(
    table: pd.DataFrame,
    by: str = "region",
    template: str = "harvest",
    top: int = TOP,
    n_text: str | None = None,
    who: str = "participants",
) -> go.Figure:
    """Side by side per group: its share of the participants and its share of the notes (``table`` from
    analysis.findings.voice, whose ``n_text`` the subtitle states)."""
    rows, cut = _shown(table, by, top)
    labels = [_tick(by, v) for v in rows[by]]
    names = [esc(group_label(by, v)) for v in rows[by]]
    kind = _kind(who)
    fig = go.Figure()
    for column, share, name, colour, noun in (
        ("people", "people_share", msg(f"harvest-participation-legend-{kind}"), PAIR["people"], kind),
        ("notes", "notes_share", msg("harvest-participation-legend-notes"), PAIR["notes"], "notes"),
    ):
        fig.add_bar(
            y=labels,
            x=[None if pd.isna(v) else v * 100 for v in rows[share]],
            orientation="h",
            name=name,
            marker_color=colour,
            text=[f"{int(n)} · {pct(s)}" for n, s in zip(rows[column], rows[share], strict=True)],
            textposition="outside",
            cliponaxis=False,
            customdata=list(
                zip(
                    names,
                    rows[column].astype(int),
                    intervals(rows, f"{column}_ci_low", f"{column}_ci_high"),
                    strict=True,
                )
            ),
            hovertemplate="%{customdata[0]}<br>"
            + msg(f"harvest-participation-hover-share-{noun}", "%{customdata[1]}", "%{x:.1f}")
            + "%{customdata[2]}<extra></extra>",
        )
    fig.update_layout(
        barmode="group",
        bargap=0.25,
        bargroupgap=0.05,
        height=_height(len(rows), 56),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, traceorder="normal"),
        margin=margins(t=130, r=90),
    )
    fig.update_xaxes(
        title_text=msg(f"harvest-participation-axis-people-notes-{kind}", _noun(by)), ticksuffix="%", rangemode="tozero"
    )
    fig.update_yaxes(autorange="reversed", title_text=None)
    title = msg(f"harvest-participation-title-people-notes-{by.replace('_', '-')}")
    return titled(fig, title, (n_text or voice_n_text(table, by, who)) + cut, template)


def voice_gap(
    table: pd.DataFrame,
    by: str = "region",
    template: str = "harvest",
    top: int = TOP,
    n_text: str | None = None,
    who: str = "participants",
) -> go.Figure:
    """Per group, share of notes minus share of participants, in percentage points: right of zero, a group's words
    were recorded more than its headcount suggests. Regions keep their colour; other groups are coloured by sign."""
    rows, cut = _shown(table, by, top)
    kind = _kind(who)
    gap = rows["gap"].fillna(0.0)
    if by == "region":
        colours = [region_colour(v) for v in rows[by]]
    else:
        colours = [PAIR["positive"] if g > 0 else PAIR["negative"] for g in gap]
    fig = go.Figure(
        go.Bar(
            y=[_tick(by, v) for v in rows[by]],
            x=(gap * 100).tolist(),
            orientation="h",
            marker_color=colours,
            text=[points(g) for g in gap],
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            customdata=list(
                zip(
                    [esc(group_label(by, v)) for v in rows[by]],
                    rows["people_share"] * 100,
                    rows["notes_share"] * 100,
                    strict=True,
                )
            ),
            hovertemplate="%{customdata[0]}<br>"
            + msg(f"harvest-participation-hover-gap-shares-{kind}", "%{customdata[2]:.1f}", "%{customdata[1]:.1f}")
            + "<br>"
            + msg("harvest-participation-hover-gap", "%{x:+.1f}")
            + "<extra></extra>",
        )
    )
    reach = max(5.0, float((gap.abs() * 100).max() if len(gap) else 0) * 1.35)
    fig.update_layout(height=_height(len(rows), 40), margin=margins(t=110, r=40, l=20))
    fig.update_xaxes(
        title_text=msg(f"harvest-participation-axis-gap-{kind}"),
        range=[-reach, reach],
        zeroline=True,
        zerolinewidth=2,
        ticksuffix="",
    )
    fig.update_yaxes(autorange="reversed", title_text=None)
    title = msg("harvest-participation-title-voice-gap")
    return ranged(titled(fig, title, (n_text or voice_n_text(table, by, who)) + cut, template))


def representation(
    table: pd.DataFrame, source: str, template: str = "harvest", n_text: str | None = None, who: str = "participants"
) -> go.Figure:
    """The room against the world: per region, its share of participants next to its share of world population,
    joined by a line (a gap chart), with the gap in points; the reference is named and cited on the chart.
    ``table`` from analysis.participation.representation."""
    kind = _kind(who)
    labels = [_tick("region", r) for r in table["region"]]
    names = [group_label("region", r) for r in table["region"]]
    fig = go.Figure()
    line_x: list[float | None] = []
    line_y: list[str | None] = []
    for label, people, population in zip(labels, table["people_share"], table["population_share"], strict=True):
        line_x += [population * 100, people * 100, None]
        line_y += [label, label, None]
    fig.add_scatter(
        x=line_x,
        y=line_y,
        mode="lines",
        line=dict(color=PAIR["reference"], width=4),
        hoverinfo="skip",
        showlegend=False,
    )
    fig.add_scatter(
        x=(table["population_share"] * 100).tolist(),
        y=labels,
        mode="markers",
        name=msg("harvest-participation-legend-world"),
        marker=dict(color=PAIR["reference"], size=16, symbol="diamond"),
        customdata=names,
        hovertemplate="%{customdata}<br>" + msg("harvest-participation-hover-world", "%{x:.1f}") + "<extra></extra>",
    )
    fig.add_scatter(
        x=(table["people_share"] * 100).tolist(),
        y=labels,
        mode="markers",
        name=msg(f"harvest-participation-legend-{kind}"),
        marker=dict(color=PAIR["people"], size=16),
        customdata=list(
            zip(names, table["people"].astype(int), intervals(table, "people_ci_low", "people_ci_high"), strict=True)
        ),
        hovertemplate="%{customdata[0]}<br>"
        + msg(f"harvest-participation-hover-room-{kind}", "%{customdata[1]}", "%{x:.1f}")
        + "%{customdata[2]}<extra></extra>",
    )
    # The gap, written right of whichever end is further right, so it never runs into the region names.
    fig.add_scatter(
        x=(table[["people_share", "population_share"]].max(axis=1) * 100).tolist(),
        y=labels,
        mode="text",
        text=[points(g) for g in table["gap"]],
        textposition=beside(),
        hoverinfo="skip",
        showlegend=False,
        cliponaxis=False,
    )
    top = float(max(table["people_share"].max(), table["population_share"].max()) * 100) if len(table) else 0.0
    known = int(table["known_people"].iloc[0]) if len(table) else 0
    size = pio.templates[template].layout.font.size or 15  # the reference line sits below the axis title
    fig.update_layout(
        height=_height(len(table), 52, 230),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
        margin=margins(t=130, b=int(size * 7.5), r=40),
    )
    fig.update_xaxes(
        title_text=msg(f"harvest-participation-axis-world-{kind}"),
        ticksuffix="%",
        range=[-1, max(10.0, top * 1.2 + 6)],
    )
    fig.update_yaxes(autorange="reversed", title_text=None)
    fig.add_annotation(
        text=msg("harvest-participation-reference", esc(source)),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-int(size * 5.3),
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font=dict(size=max(13, int(size * 0.8)), color=_colours(template)["muted"]),
    )
    n_text = n_text or msg(f"harvest-participation-n-world-{kind}", _plain(known))
    return ranged(titled(fig, msg("harvest-participation-title-world"), n_text, template))


@lru_cache(maxsize=1)
def drawn_countries() -> frozenset[str]:
    """ISO-3 codes the shipped 1:110m outlines draw; smaller countries (Malta, Singapore …) are not in them."""
    try:
        topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    except OSError:
        return frozenset()
    return frozenset(g["id"] for g in topology["objects"]["countries"]["geometries"] if g.get("id"))


def country_map(table: pd.DataFrame, template: str = "harvest") -> go.Figure:
    """Participants per country on a world map (``table`` from analysis.participation.countries). Countries too
    small for the outlines are listed under the map with their numbers, so nobody disappears."""
    colours = _colours(template)
    drawn = drawn_countries()
    merged = table[table["country"].map(is_merged)]  # countries of fewer than k people each (analysis/privacy.py)
    table = table.drop(index=merged.index)
    on_map = table[table["iso3"].isin(drawn)] if drawn else table
    off_map = table[~table.index.isin(on_map.index)]
    fig = go.Figure(
        go.Choropleth(
            locations=on_map["iso3"].tolist(),
            z=on_map["people"].tolist(),
            locationmode="ISO-3",
            colorscale=SEQUENTIAL,
            reversescale=True,
            marker_line_color=colours["paper"],
            marker_line_width=0.5,
            zmin=0,
            zmax=max([1, *on_map["people"].tolist()]),
            colorbar=dict(title=dict(text=msg("harvest-participation-legend-participants")), thickness=16, len=0.8),
            customdata=list(
                zip(
                    [esc(n) for n in on_map["country_name"]],
                    [
                        esc(group_label("region", r)) if r else msg("harvest-participation-region-not-known")
                        for r in on_map["region"]
                    ],
                    strict=True,
                )
            ),
            hovertemplate="%{customdata[0]} (%{customdata[1]})<br>"
            + msg("harvest-participation-hover-country", "%{z}")
            + "<extra></extra>",
        )
    )
    fig.update_geos(
        projection_type="natural earth",
        showframe=False,
        showcoastlines=False,
        showcountries=True,
        countrycolor=colours["paper"],
        showland=True,
        landcolor=colours["grid"],
        showocean=False,
        showlakes=False,
        bgcolor=colours["paper"],
        lataxis_range=[-58, 85],
        resolution=110,
    )
    fig.update_layout(height=520, margin=dict(t=100, b=50, l=10, r=10))
    if len(off_map):
        listed = ", ".join(
            f"{esc(n)} ({int(p)})" for n, p in zip(off_map["country_name"], off_map["people"], strict=True)
        )
        fig.add_annotation(
            text=msg("harvest-participation-too-small", listed),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-20,
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font=dict(size=13, color=colours["muted"]),
        )
    if len(merged):
        fig.add_annotation(
            text=msg("harvest-participation-not-on-map", _plain(merged["people"].sum())),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-42 if len(off_map) else -20,
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font=dict(size=13, color=colours["muted"]),
        )
    rows = pd.concat([table, merged])
    known = int(rows["known_people"].iloc[0]) if len(rows) else 0
    n_text = msg("harvest-participation-n-countries", _plain(known), _plain(len(table)))
    return titled(fig, msg("harvest-participation-title-countries"), n_text, template)


def languages(table: pd.DataFrame, template: str = "harvest", top: int = TOP) -> go.Figure:
    """Per language, the share of participants who speak it next to the share of notes written in it (``table``
    from analysis.participation.language_use); the ``top`` most spoken (then most written) languages, then the
    merged row of languages spoken by too few to show (analysis/privacy.py), if any."""
    last = table["language"].map(is_merged)
    rows = pd.concat([table[~last].head(top), table[last]])
    known_people, known_notes = (int(table[c].iloc[0]) if len(table) else 0 for c in ("known_people", "known_notes"))
    fig = go.Figure()
    series = []
    if known_people:
        series.append(
            (
                "people",
                "people_share",
                msg("harvest-participation-legend-speak", _plain(known_people)),
                PAIR["people"],
                "speak",
            )
        )
    if known_notes:
        series.append(
            (
                "notes",
                "notes_share",
                msg("harvest-participation-legend-written", _plain(known_notes)),
                PAIR["notes"],
                "written",
            )
        )
    for column, share, name, colour, noun in series:
        fig.add_bar(
            y=[esc(n) for n in rows["language_name"]],
            x=[None if pd.isna(v) else v * 100 for v in rows[share]],
            orientation="h",
            name=name,
            marker_color=colour,
            text=[
                f"{int(n)} · {pct(s)}" if pd.notna(n) else "" for n, s in zip(rows[column], rows[share], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            customdata=[int(n) if pd.notna(n) else None for n in rows[column]],
            hovertemplate="%{y}<br>"
            + msg(f"harvest-participation-hover-{noun}", "%{customdata}", "%{x:.1f}")
            + "<extra></extra>",
        )
    fig.update_layout(
        barmode="group",
        bargap=0.25,
        bargroupgap=0.05,
        height=_height(len(rows), 26 * len(series)),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
        margin=margins(t=130, r=90),
    )
    axis = "both" if known_people and known_notes else "people" if known_people else "notes"
    fig.update_xaxes(title_text=msg(f"harvest-participation-axis-languages-{axis}"), ticksuffix="%", rangemode="tozero")
    fig.update_yaxes(autorange="reversed", title_text=None)
    if known_people and known_notes:
        n_text = msg("harvest-participation-n-languages-both", _plain(known_people), _plain(known_notes))
    elif known_people:
        n_text = msg("harvest-participation-n-languages-people", _plain(known_people))
    elif known_notes:
        n_text = msg("harvest-participation-n-languages-notes", _plain(known_notes))
    else:
        n_text = ""
    if int((~last).sum()) > top:
        n_text += msg("harvest-participation-n-languages-cut", _plain(top), _plain((~last).sum()))
    if last.any():
        n_text += msg("harvest-participation-n-languages-merged")
    return titled(fig, msg("harvest-participation-title-languages"), n_text, template)


def sensitive_groups(table: pd.DataFrame, by: list[str], k: int, total: int, template: str = "harvest") -> go.Figure:
    """Participants per self-described group (or crossing of two attributes), from analysis.privacy: groups of
    fewer than k people are merged, so every bar is at least k. The subtitle states n and k."""
    from analysis.privacy import merged_label
    from analysis.vocabulary import display_group

    labels = [
        esc(
            " · ".join(
                group_label(key, row[key]) if row[key] != merged_label(k) else display_group(row[key]) for key in by[:1]
            )
            if len(by) == 1 or row[by[0]] == merged_label(k)
            else " · ".join(group_label(key, row[key]) for key in by)
        )
        for _, row in table.iterrows()
    ]
    counts = table["people"].astype("Float64").fillna(0).astype(float)
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=counts,
            orientation="h",
            marker=dict(color=PAIR["people"]),
            text=[
                f"{int(c)} · {pct(s)}" if pd.notna(s) else msg("harvest-participation-fewer-than", _plain(k))
                for c, s in zip(counts, table["share"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=msg("harvest-participation-hover-group", "%{y}", "%{x}") + "<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", title_text=None)
    fig.update_xaxes(
        title_text=msg("harvest-participation-legend-participants"),
        rangemode="tozero",
        range=[0, max(1.0, counts.max()) * 1.25],
    )
    fig.update_layout(height=_height(len(table), 34, 200), showlegend=False)
    what = "-".join(key.replace("_", "-") for key in by)  # gender, age-band, region-community-type
    n_text = msg("harvest-participation-n-groups", _plain(total), _plain(k))
    return ranged(titled(fig, msg(f"harvest-participation-title-groups-{what}"), n_text, template))
