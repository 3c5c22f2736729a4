"""Reference tables shipped in data/reference/ (sources in data/reference/SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .regions import REGION_IDS, region_id

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"
POPULATION_SOURCE = (
    "UN World Population Prospects 2017, 2017 interpolated; regions as in the Wikimedia Foundation's country table"
)


def world_population_share() -> pd.DataFrame:
    """One row per region: region (id), population_share (0-1, 2017), source."""
    raw = pd.read_csv(REFERENCE / "region_population_wpp2017.csv", keep_default_na=False)  # "NA" is North America
    out = pd.DataFrame(
        {
            "region": [region_id(r) for r in raw["wikimedia_region"]],
            "population_share": raw["share_2017_interp"].astype(float),
        }
    )
    out = out.dropna(subset=["region"]).set_index("region").reindex(list(REGION_IDS)).reset_index()
    out["source"] = POPULATION_SOURCE
    return out
