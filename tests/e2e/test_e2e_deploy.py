"""The documented deployment (docs/deploy.md), for real on loopback: nginx from Debian in front of two Harvest
processes, with the files a deployment uses (deploy/nginx-harvest.conf.template rendered by deploy/render.py, each
process started from deploy/harvest@.service's ExecStart) and a browser that signs in.

nginx runs as the current user from a temporary prefix (its own nginx.conf, pid, logs and temp files), listening on
a free 127.0.0.1 port. Without nginx (or openssl, which makes the htpasswd) these tests skip and say how to install
it; with CI=true they fail instead, as the Chromium check does (conftest.py).
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from deploy.render import NODE, add_user, render_site, render_standalone, unit_command
from loaders.regions import REGIONS
from tests.e2e.harness import (
    HEALTH_DEADLINE_S,
    PLAYWRIGHT_TIMEOUT_MS,
    ROOT,
    SAMPLE,
    VIEWPORT,
    Visit,
    _free_port,
    _stop,
    multiselect,
    nav_title,
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(120)]

USER, PASSWORD = "team", "correct horse battery staple"
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
#: What the proxy's access log says of one request (the template's `log_format harvest`).
LOG_LINE = re.compile(
    r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) .* upstream=(?P<tried>.+?) node=(?P<node>\S+)'
)
#: The slide's headline on the Present page, as tests/e2e/test_e2e_present.py reads it.
SLIDE_TEXT = (
    """() => [...document.querySelectorAll('[data-testid="stMain"] h1')].map(e => e.textContent.trim()).join(' | ')"""
)


def _needed(what: str, found: bool, install: str) -> None:
    if found:
        return
    message = f"The deployment test needs {what}, which is not installed. Install it with:  {install}"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " CI=true, so a missing package fails the run instead of skipping.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def nginx() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
    _needed("Debian's nginx", bool(found), "sudo apt-get install nginx   (or `make system-packages` as root)")
    _needed("openssl (it hashes the htpasswd)", bool(shutil.which("openssl")), "sudo apt-get install openssl")
    return found


@dataclass
class Deployment:
    base: str  # http://127.0.0.1:<nginx port>
    prefix: Path
    upstreams: dict[str, subprocess.Popen] = field(default_factory=dict)  # "127.0.0.1:port" -> its process

    @property
    def access_log(self) -> Path:
        return self.prefix / "logs" / "access.log"

    def log(self) -> list[dict[str, str]]:
        text = self.access_log.read_text(errors="replace") if self.access_log.exists() else ""
        entries = [m.groupdict() for m in map(LOG_LINE.search, text.splitlines()) if m]
        for entry in entries:  # $upstream_addr lists every process tried ("a, b"): the last one answered
            entry["upstream"] = re.split(r"[,:] (?=\S)", entry["tried"])[-1]
        return entries

    def streams(self, node: str) -> list[str]:
        """The upstream of every WebSocket (/_stcore/stream) this browser's node cookie opened, in order."""
        return [e["upstream"] for e in self.log() if e["path"] == "/_stcore/stream" and e["node"] == node]


def _wait_until_answers(url: str, process: subprocess.Popen, log: Path, expect_status: int) -> None:
    deadline = time.monotonic() + HEALTH_DEADLINE_S
    while True:
        if process.poll() is not None:
            raise AssertionError(f"{url}: exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                status = answer.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = None
        if status == expect_status:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not answer {expect_status} within {HEALTH_DEADLINE_S} s (last: {status})")
        time.sleep(0.2)


@contextlib.contextmanager
def _started(command: list[str], log: Path, cwd: Path, env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """A process in its own group, stopped with its whole group (harness._stop) whatever happens."""
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def deployment(nginx, tmp_path_factory, shots) -> Iterator[Deployment]:
    prefix = tmp_path_factory.mktemp("nginx")
    home = tmp_path_factory.mktemp("home")  # the unit's HOME (/var/lib/harvest), here a fresh folder
    htpasswd = prefix / "htpasswd"
    add_user(htpasswd, USER, PASSWORD)
    ports = [_free_port(), _free_port()]
    while ports[1] == ports[0]:
        ports[1] = _free_port()
    listen = _free_port()
    conf = render_standalone(prefix, ports, htpasswd, listen=f"127.0.0.1:{listen}", server_name="localhost")
    nginx_command = [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "logs" / "error.log")]
    checked = subprocess.run([*nginx_command, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, f"nginx -t refused the rendered config:\n{checked.stderr}\n{conf.read_text()}"

    deployed = Deployment(base=f"http://127.0.0.1:{listen}", prefix=prefix)
    with contextlib.ExitStack() as stack:
        for port in ports:
            argv, unit_env, cwd = unit_command(port, ROOT)  # exactly the unit's ExecStart, from this checkout
            env = {**os.environ, **unit_env, "HOME": str(home), "HARVEST_DATA": str(SAMPLE)}
            log = shots / f"deploy-harvest-{port}.log"
            process = stack.enter_context(_started(argv, log, cwd, env))
            deployed.upstreams[f"127.0.0.1:{port}"] = process
            _wait_until_answers(f"http://127.0.0.1:{port}/_stcore/health", process, log, 200)
        proxy = stack.enter_context(_started(nginx_command, shots / "deploy-nginx.log", prefix, dict(os.environ)))
        _wait_until_answers(deployed.base + "/", proxy, prefix / "logs" / "error.log", 401)
        try:
            yield deployed
        finally:
            for name in ("access.log", "error.log"):
                with contextlib.suppress(OSError):
                    shutil.copy(prefix / "logs" / name, shots / f"deploy-nginx-{name}")
            shutil.copy(prefix / "harvest.conf", shots / "deploy-nginx-harvest.conf")


def _get(url: str, user: str | None = None, password: str | None = None, cookie: str | None = None):
    """(status, headers) of a GET, without following anything."""
    request = urllib.request.Request(url)
    if user is not None:
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
    if cookie is not None:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


@contextlib.contextmanager
def signed_in(browser, base: str) -> Iterator[Visit]:
    """A browser context that signs in with basic auth, recording what harness.browser_visit records."""
    context = browser.new_context(viewport=VIEWPORT, http_credentials={"username": USER, "password": PASSWORD})
    context.set_default_timeout(PLAYWRIGHT_TIMEOUT_MS)
    context.set_default_navigation_timeout(PLAYWRIGHT_TIMEOUT_MS)
    try:
        yield recorded(context.new_page(), base)
    finally:
        context.close()


def recorded(page, base: str) -> Visit:
    """A Visit of this page: its console errors (a Content-Security-Policy refusal is one), requests, statuses."""
    seen = Visit(page=page, base=base)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("websocket", lambda socket_: seen.requests.append(socket_.url))
    page.on(
        "console",
        lambda m: m.type == "error" and seen.console_errors.append(f"{m.text} @ {(m.location or {}).get('url', '')}"),
    )
    page.on("pageerror", lambda error: seen.console_errors.append(f"uncaught exception: {error}"))
    page.on("response", lambda response: seen.statuses.__setitem__(response.url, response.status))
    return seen


def node_of(visit: Visit) -> str:
    cookies = {c["name"]: c["value"] for c in visit.page.context.cookies()}
    assert NODE.match(cookies.get("harvest_node", "")), f"the proxy set no sticky cookie: {cookies}"
    return cookies["harvest_node"]


def wait_for_stream(deployment: Deployment, node: str, count: int) -> list[str]:
    """The upstreams of this browser's WebSockets once the access log has `count` of them (nginx logs a WebSocket
    when it closes, so a reload or the end of a context shows it)."""
    deadline = time.monotonic() + 15
    while len(streams := deployment.streams(node)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    return streams


# ---------------------------------------------------------------------------------------------------------- tests
def test_the_rendered_config_is_valid_with_tls_too(nginx, tmp_path):
    """The HTTPS variant a real deployment renders (redirect from :80, HSTS, Secure cookie) passes `nginx -t`."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        + ["-subj", "/CN=localhost", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    site = render_site([8501, 8502], tmp_path / "htpasswd", "443", "harvest.example.org", tmp_path / "a.log", cert, key)
    assert "Strict-Transport-Security" in site and "; Secure" in site and "return 301 https://" in site
    (tmp_path / "htpasswd").write_text("")
    conf = render_standalone(tmp_path, [8501, 8502], tmp_path / "htpasswd", "443", tls_cert=cert, tls_key=key)
    checked = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "logs" / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert checked.returncode == 0, checked.stderr


def test_harvest_listens_only_on_loopback(deployment):
    """The processes bind 127.0.0.1 (the unit's --server.address): only nginx faces the network."""
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for row in Path(table).read_text().splitlines()[1:]:
                local, state = row.split()[1], row.split()[3]
                if state == "0A":  # LISTEN
                    address, port = local.rsplit(":", 1)
                    listening.add((address, int(port, 16)))
    for upstream in deployment.upstreams:
        port = int(upstream.rsplit(":", 1)[1])
        addresses = {address for address, p in listening if p == port}
        assert addresses == {"0100007F"}, f"Harvest on port {port} listens on {addresses} (hex), not only 127.0.0.1"


def test_without_the_password_the_proxy_answers_401_with_the_security_headers(deployment):
    for user, password in ((None, None), (USER, "wrong"), ("nobody", PASSWORD)):
        status, headers = _get(deployment.base + "/", user, password)
        assert status == 401, f"{user}:{password} got {status}"
        assert headers.get("WWW-Authenticate", "").startswith("Basic"), dict(headers)
        for name, value in HEADERS.items():
            assert headers.get(name) == value, f"401 answer: {name} is {headers.get(name)!r}"
    for path in ("/_stcore/health", "/_stcore/stream", "/app/static/harvest-icon.png", "/present"):
        assert _get(deployment.base + path)[0] == 401, f"{path} answered without a password"
    status, headers = _get(deployment.base + "/_stcore/health", USER, PASSWORD)
    assert status == 200


def test_a_signed_in_browser_gets_the_overview_through_the_proxy_with_its_websocket(deployment, browser, shots):
    with signed_in(browser, deployment.base) as visit:
        answer = visit.page.goto(deployment.base + "/", wait_until="domcontentloaded")
        visit.settle()
        expect(visit.page).to_have_title(re.compile(r"Harvest"))
        expect(visit.page.locator('[data-testid="stMain"] h1').first).to_be_visible()
        headers = answer.all_headers()
        for name, value in HEADERS.items():
            assert headers.get(name.lower()) == value, f"{name}: {headers.get(name.lower())!r}"
        csp = headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in csp and "'unsafe-eval'" not in csp, csp
        assert any(url.startswith(f"ws://{deployment.base[7:]}/_stcore/stream") for url in visit.requests), (
            "no WebSocket through the proxy"
        )
        visit.screenshot(shots / "deploy-overview-through-nginx.png")
        visit.assert_clean()  # no console error: nothing the Content-Security-Policy refused
        node = node_of(visit)
    assert wait_for_stream(deployment, node, 1), "nginx logged no /_stcore/stream for this browser"
    assert {e["status"] for e in deployment.log() if e["path"] == "/_stcore/stream" and e["node"] == node} == {"101"}


def test_a_browser_stays_on_one_process_and_browsers_spread_over_both(deployment, browser):
    with signed_in(browser, deployment.base) as visit:
        visit.open("/")
        node = node_of(visit)
        for _ in range(3):
            visit.page.reload(wait_until="domcontentloaded")
            visit.settle()
        assert node_of(visit) == node, "the sticky cookie changed on reload"
        streams = wait_for_stream(deployment, node, 3)
    streams = wait_for_stream(deployment, node, 4)
    assert len(streams) >= 4 and len(set(streams)) == 1, f"one browser's WebSockets went to {streams}"

    # Forty browsers (their own cookies): the consistent hash sends them to both processes.
    nodes = [f"{i:032x}" for i in range(40)]
    for node in nodes:
        assert _get(deployment.base + "/_stcore/health", USER, PASSWORD, f"harvest_node={node}")[0] == 200
    used = {e["upstream"] for e in deployment.log() if e["node"] in nodes}
    assert used == set(deployment.upstreams), f"forty browsers all went to {used}"


def test_every_page_works_through_the_proxy_under_its_content_security_policy(deployment, browser, proxy_nav):
    """Each page in the sidebar, its charts and map drawn: no console error (a refused script, style, image, font or
    connection is one), no error on the page, no request that leaves the proxy's origin."""
    assert {"Overview", "Present"} <= proxy_nav.keys(), f"the sidebar through the proxy: {list(proxy_nav)}"
    problems = []
    with signed_in(browser, deployment.base) as visit:
        for title, path in proxy_nav.items():
            visit.console_errors.clear()
            visit.open(path)
            if late := visit.wait_for_maps():
                problems.append(f"{title}: {late}")
            problems += [f"{title}: {problem}" for problem in visit.problems()]
    assert not problems, "\n".join(problems)


#: What Streamlit's page logs when its process stops under it (it was sending, or tried to, on the closed socket):
#: expected between the stop and the reload, and nothing else is.
GONE = ("when disconnected from server", "WebSocket is already in CLOSING or CLOSED state")


def test_when_its_process_stops_a_browser_reloads_onto_the_other_with_the_same_view(deployment, browser, proxy_nav):
    with signed_in(browser, deployment.base) as visit:
        visit.open("/?region=NWE")
        chip = f"{REGIONS['NWE']} (NWE)"
        expect(multiselect(visit.page, "Region")).to_contain_text(chip)
        present = recorded(visit.page.context.new_page(), deployment.base)  # a second tab of the same browser
        slides = present.page
        present.open(proxy_nav["Present"] + "?slide=2")
        slide = slides.evaluate(SLIDE_TEXT)
        assert slide, "the Present page shows no slide headline"
        node = node_of(visit)
        served = set(_served(deployment, node))
        assert len(served) == 1, f"this browser's pages were served by {served}"
        (gone,) = served

        _stop(deployment.upstreams[gone])  # the process this browser was on stops

        visit.page.reload(wait_until="domcontentloaded")
        visit.settle()
        expect(multiselect(visit.page, "Region")).to_contain_text(chip)
        expect(visit.page).to_have_url(re.compile(r"[?&]region=NWE(&|$)"))
        slides.reload(wait_until="domcontentloaded")
        present.settle()
        expect(slides).to_have_url(re.compile(r"[?&]slide=2(&|$)"))
        assert slides.evaluate(SLIDE_TEXT) == slide
        for tab in (visit, present):  # between the stop and the reload, Streamlit finds its socket gone: expected
            tab.console_errors[:] = [e for e in tab.console_errors if not any(said in e for said in GONE)]
            tab.assert_clean()
    after = [u for u in deployment.streams(node) if gone not in u]
    assert after and set(after) <= set(deployment.upstreams) - {gone}, f"after the stop: {deployment.streams(node)}"


def _served(deployment: Deployment, node: str) -> list[str]:
    """The upstream this browser is on. Its open WebSockets are not in the access log yet (nginx logs a request when
    it ends), so ask with its cookie: the same hash picks the same process."""
    before = len(deployment.log())
    assert _get(deployment.base + "/_stcore/health", USER, PASSWORD, f"harvest_node={node}")[0] == 200
    deadline = time.monotonic() + 10  # nginx writes the line just after it answers: wait for it, not a fixed time
    while True:
        served = [e["upstream"] for e in deployment.log()[before:] if e["node"] == node]
        if served or time.monotonic() > deadline:
            return served
        time.sleep(0.1)


@pytest.fixture(scope="module")
def proxy_nav(deployment, browser) -> dict[str, str]:
    """{page title: path} from the sidebar, read through the proxy (also the session's first visit, to "/")."""
    with signed_in(browser, deployment.base) as visit:
        visit.open("/")
        links = visit.page.eval_on_selector_all(
            '[data-testid="stSidebarNavLink"]', "els => els.map(e => [e.innerText, e.getAttribute('href')])"
        )
    return {nav_title(text): urlparse(href).path or "/" for text, href in links}
