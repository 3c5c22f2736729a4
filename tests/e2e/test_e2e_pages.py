"""Every page in a real browser: it loads, its charts draw, nothing is broken on it or in the console, nothing is
fetched from anywhere but this machine; and a screenshot of each, for a person to look at after the run."""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    CHART,
    CHART_DRAWN,
    REQUESTS,
    ROOT,
    VISITED,
    AppPage,
    browser_visit,
    is_local,
    pages_in_dashboard,
)

pytestmark = pytest.mark.timeout(150)  # the first test also starts the server and the browser

#: The pages Harvest has (title -> file). ui/registry.py's PAGES is the list the tests run; this is what it must hold.
EXPECTED = {
    "Overview": "pages/overview.py",
    "Participation": "pages/participation.py",
    "Themes": "pages/themes.py",
    "Roles and resources": "pages/roles_resources.py",
    "Equity gaps": "pages/equity_gaps.py",
    "Present": "pages/present.py",
    "Codebook": "pages/codebook.py",
    "Data and problems": "pages/data.py",
}
#: Pages that exist to show charts: with the whole sample and no filter, each draws at least one.
CHART_PAGES = {"Participation", "Themes", "Roles and resources", "Equity gaps", "Present"}
WORLD_OUTLINES = "/app/static/topojson/world_110m.json"
#: What Plotly draws from the outlines: a choropleth's countries, or the land and country borders of a base map.
COUNTRY_SHAPES = ".geolayer .geo path.choroplethlocation, .geolayer .geo .land path, .geolayer .geo .countries path"

PAGES = pages_in_dashboard()


def test_every_page_file_is_in_the_navigation():
    listed = {page.file for page in PAGES}
    files = {f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py") if path.name != "__init__.py"}
    assert not files - listed, f"page files that ui/registry.py's PAGES does not list: {sorted(files - listed)}"
    assert not listed - files, f"ui/registry.py's PAGES lists files that do not exist: {sorted(listed - files)}"


def test_harvest_has_every_expected_page():
    listed = {page.title: page.file for page in PAGES}
    missing = {title: file for title, file in EXPECTED.items() if listed.get(title) != file}
    assert not missing, "ui/registry.py's PAGES lacks (title: file): " + "; ".join(
        f"{title}: {file} ({'exists' if (ROOT / file).exists() else 'no such file'})" for title, file in missing.items()
    )


def test_sidebar_lists_every_page_in_order(nav):
    assert list(nav) == [page.title for page in PAGES]
    default = [page.title for page in PAGES if page.default] or [PAGES[0].title]
    assert nav[default[0]] == "/", f"the default page {default[0]!r} should be at /, not {nav[default[0]]}"


@pytest.mark.parametrize("app_page", PAGES, ids=[page.slug for page in PAGES])
def test_page_loads_draws_its_charts_and_shows_no_error(app_page: AppPage, nav, visit, shots):
    assert app_page.title in nav, f"{app_page.title!r} is not in the sidebar navigation: {list(nav)}"
    visit.open(nav[app_page.title])
    map_problem = visit.wait_for_maps()
    charts, drawn = visit.page.locator(CHART).count(), visit.page.locator(CHART_DRAWN).count()
    index = [page.title for page in PAGES].index(app_page.title)
    visit.screenshot(shots / f"{index:02d}-{app_page.slug}.png")
    VISITED.add(app_page.title)

    problems = visit.problems() + ([map_problem] if map_problem else [])
    if app_page.title == "Participation":  # its world map: outlines from this server, not Plotly's CDN
        problems += _world_map_problems(visit)
    if drawn < charts:
        problems.append(f"{charts - drawn} of {charts} Plotly charts did not draw")
    if app_page.title in CHART_PAGES and charts == 0:
        problems.append("a chart page showed no chart on the whole sample without filters")
    assert not problems, f"{app_page.title} ({app_page.file}):\n  " + "\n  ".join(problems)


def _world_map_problems(visit) -> list[str]:
    """Plotly fetches a geo chart's outlines from a CDN unless told otherwise: ours come from /app/static."""
    asked = [url for url in visit.requests if "topojson" in url]
    if asked != [visit.base + WORLD_OUTLINES]:
        return [f"the world map's outlines were asked from {asked}, not from {WORLD_OUTLINES} on this server"]
    if visit.statuses.get(asked[0]) != 200:
        return [f"{asked[0]} answered {visit.statuses.get(asked[0])}"]
    if visit.page.locator(COUNTRY_SHAPES).count() == 0:
        return ["the world map drew no outline"]
    return []


@pytest.mark.run_last
def test_no_request_leaves_127_0_0_1(browser, server, nav, shots):
    """Every URL the browser asked for in this session (every page, downloads, the map) is on this machine.

    Pages that no other test visited in this run (e.g. with -k) are visited here first."""
    for app_page in PAGES:
        if app_page.title not in VISITED and app_page.title in nav:
            with browser_visit(browser, server) as seen:
                seen.open(nav[app_page.title])
                seen.wait_for_maps()
            VISITED.add(app_page.title)
    assert VISITED >= {page.title for page in PAGES if page.title in nav}
    outside = sorted({url for url in REQUESTS if not is_local(url)})
    assert REQUESTS, "no request was recorded"
    assert not outside, "requests that left 127.0.0.1:\n  " + "\n  ".join(outside)
    if "Participation" in nav:
        assert any(url == server + WORLD_OUTLINES for url in REQUESTS), "the world map's outlines were never asked for"
