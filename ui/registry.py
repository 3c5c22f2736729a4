"""Every page, declared once: its file, its title, its place in the navigation, and the URL parameters it owns.

The router (dashboard.py through ui.router), the URL sync (ui.filters), the tests and the benchmarks all read this
list: adding a page means adding its file to pages/ and one entry here, nothing else (docs/architecture.md).
A page's own controls (an order, a breakdown, a search, a chosen code) are declared as URL parameters here and read
through ui.state, so a shared link brings them back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageSpec:
    file: str  # "pages/overview.py", relative to the project
    title: str
    params: tuple[str, ...] = ()  # URL parameters this page owns (besides the sidebar's filters)
    default: bool = False
    sidebar: str = "auto"  # "collapsed" for a page the projector shows (Present)
    message: str = ""  # the i18n key of its title in the navigation (i18n/*.json); the English title stays its name

    @property
    def label(self) -> str:
        """The title in the interface's language (analysis.messages), for the navigation and the browser tab."""
        from analysis.messages import msg

        return msg(self.message) if self.message else self.title

    @property
    def url_path(self) -> str:
        """The page's path in links: the file's name without .py ("" for the default page)."""
        return "" if self.default else Path(self.file).stem

    @property
    def path(self) -> Path:
        return ROOT / self.file


PAGES: list[PageSpec] = [
    PageSpec("pages/overview.py", "Overview", default=True, message="harvest-page-overview"),
    PageSpec("pages/participation.py", "Participation", params=("view",), message="harvest-page-participation"),
    PageSpec(
        "pages/themes.py", "Themes", params=("kinds", "sort", "by", "code", "search"), message="harvest-page-themes"
    ),
    PageSpec(
        "pages/roles_resources.py",
        "Roles and resources",
        params=("scope", "by", "code", "search"),
        message="harvest-page-roles",
    ),
    PageSpec("pages/equity_gaps.py", "Equity gaps", params=("blind", "by"), message="harvest-page-equity"),
    PageSpec("pages/cafe.py", "Café", params=("by", "idea"), message="harvest-page-cafe"),
    PageSpec("pages/compare.py", "Compare events", message="harvest-page-compare"),
    PageSpec(
        "pages/present.py",
        "Present",
        params=("slide", "slides", "present_theme", "console", "follow"),
        sidebar="collapsed",
        message="harvest-page-present",
    ),
    PageSpec("pages/codebook.py", "Codebook", params=("code",), message="harvest-page-codebook"),
    PageSpec("pages/data.py", "Data and problems", message="harvest-page-data"),
]


def page(title_or_file: str) -> PageSpec:
    """The page with this title or file."""
    for spec in PAGES:
        if title_or_file in (spec.title, spec.file):
            return spec
    raise KeyError(title_or_file)
