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

    @property
    def url_path(self) -> str:
        """The page's path in links: the file's name without .py ("" for the default page)."""
        return "" if self.default else Path(self.file).stem

    @property
    def path(self) -> Path:
        return ROOT / self.file


PAGES: list[PageSpec] = [
    PageSpec("pages/overview.py", "Overview", default=True),
    PageSpec("pages/participation.py", "Participation", params=("view",)),
    PageSpec("pages/themes.py", "Themes", params=("kinds", "sort", "by", "code", "search")),
    PageSpec("pages/roles_resources.py", "Roles and resources", params=("scope", "by", "code", "search")),
    PageSpec("pages/equity_gaps.py", "Equity gaps", params=("blind", "by")),
    PageSpec("pages/cafe.py", "Café", params=("by", "code")),
    PageSpec("pages/compare.py", "Compare events"),
    PageSpec(
        "pages/present.py",
        "Present",
        params=("slide", "slides", "present_theme", "console", "follow"),
        sidebar="collapsed",
    ),
    PageSpec("pages/codebook.py", "Codebook", params=("code",)),
    PageSpec("pages/data.py", "Data and problems"),
]


def page(title_or_file: str) -> PageSpec:
    """The page with this title or file."""
    for spec in PAGES:
        if title_or_file in (spec.title, spec.file):
            return spec
    raise KeyError(title_or_file)
