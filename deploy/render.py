"""Render Harvest's deployment files: the nginx site (deploy/nginx-harvest.conf.template), an htpasswd line, and the
command a systemd instance (deploy/harvest@.service) runs. The deploy test (tests/e2e/test_e2e_deploy.py) renders the
same template, so what is tested is what is deployed. docs/deploy.md shows the whole procedure.

    python deploy/render.py nginx --ports 8501,8502 --server-name harvest.example.org --listen 443 \\
        --tls-cert /etc/ssl/certs/harvest.pem --tls-key /etc/ssl/private/harvest.key \\
        --htpasswd /etc/nginx/harvest.htpasswd > /etc/nginx/conf.d/harvest.conf
    python deploy/render.py htpasswd --file /etc/nginx/harvest.htpasswd alice      # asks for the password
    python deploy/render.py standalone --prefix /tmp/harvest-nginx --ports 8501,8502 --listen 127.0.0.1:8080 \\
        --htpasswd /tmp/harvest-nginx/htpasswd        # a whole nginx.conf to try it as any user: nginx -p … -c …

Run it with the deployment's own Python (.venv/bin/python): the Content-Security-Policy allows the one inline script
of the installed Streamlit's index.html by its hash, so render again after upgrading Streamlit.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import os
import pwd
import re
import shlex
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "nginx-harvest.conf.template"
UNIT = HERE / "harvest@.service"
#: Where docs/deploy.md installs Harvest; the unit's paths start here.
INSTALL_ROOT = "/opt/harvest"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
NODE = re.compile(r"^[0-9a-f]{32}$")  # the sticky cookie's value, as the template's map accepts it


def streamlit_index() -> Path:
    """The installed Streamlit's index.html (the page every Harvest URL answers with)."""
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static" / "index.html"


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' of every inline <script> (one without src) in the page, as CSP hashes them: the exact text."""
    found = []
    for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S | re.I):
        if re.search(r"\bsrc\s*=", attributes, flags=re.I):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        found.append(f"'sha256-{digest}'")
    return found


def content_security_policy(index_html: Path | None = None) -> str:
    """What Streamlit 1.67 and Harvest need, and nothing from elsewhere.

    Scripts: Streamlit's own files, its index.html's one inline script by hash (no 'unsafe-inline', no eval), and
    blob: because Streamlit's custom components v2 (the Present page's presenter keys, ui/present.py) load their
    JavaScript as a module from a blob: URL the page itself made; only a script already running here can make one.
    Styles: 'unsafe-inline', because Streamlit's React components (Emotion) and Plotly write <style> elements and
    style attributes at run time. Images and fonts: data: and blob: too (Plotly's PNG download, Streamlit's icons).
    connect-src 'self' covers the WebSocket on the same host and port (CSP Level 3: ws/wss of the page's origin).
    The page may not be framed (frame-ancestors), may only frame itself (Streamlit components run in same-origin
    iframes) and posts forms only to itself.
    """
    html = (index_html or streamlit_index()).read_text(encoding="utf-8")
    scripts = " ".join(["'self'", "blob:", *inline_script_hashes(html)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def fill(template: str, values: dict[str, str]) -> str:
    """Replace every {{name}}; an unknown or unused name is an error (a template and its renderer stay in step)."""
    names = set(PLACEHOLDER.findall(template))
    if missing := names - values.keys():
        raise KeyError(f"{TEMPLATE.name} needs values for {sorted(missing)}")
    if unused := values.keys() - names:
        raise KeyError(f"{TEMPLATE.name} has no {sorted(unused)}")
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def render_site(
    ports: list[int],
    htpasswd: str | Path,
    listen: str = "443",
    server_name: str = "_",
    access_log: str | Path = "/var/log/nginx/harvest.access.log",
    tls_cert: str | Path | None = None,
    tls_key: str | Path | None = None,
    max_body: str = "200m",
    upstream_host: str = "127.0.0.1",
    index_html: Path | None = None,
) -> str:
    """The nginx site for Harvest processes on upstream_host:ports, for nginx's http {} block."""
    if not ports:
        raise ValueError("at least one Harvest port")
    if (tls_cert is None) != (tls_key is None):
        raise ValueError("TLS needs both --tls-cert and --tls-key")
    for value in (str(htpasswd), str(access_log), server_name, max_body, str(tls_cert or ""), str(tls_key or "")):
        if re.search(r"[\s;{}\"'$]", value):
            raise ValueError(f"not a safe nginx value: {value!r}")
    if not re.fullmatch(r"[\w.:\[\]]+", listen):
        raise ValueError(f"--listen is a port or address:port, not {listen!r}")
    tls = tls_cert is not None
    listens = [f"    listen {listen}{' ssl' if tls else ''};"]
    if tls and listen.isdigit():
        listens.append(f"    listen [::]:{listen} ssl;")
    redirect = ""
    if tls:
        redirect = (
            "# Plain HTTP only redirects: passwords and notes never cross the network unencrypted.\n"
            "server {\n    listen 80;\n    listen [::]:80;\n"
            f"    server_name {server_name};\n    return 301 https://$host$request_uri;\n}}\n"
        )
    return fill(
        TEMPLATE.read_text(encoding="utf-8"),
        {
            "upstream_servers": "\n".join(
                f"    server {upstream_host}:{int(port)} max_fails=1 fail_timeout=10s;" for port in ports
            ),
            "redirect_server": redirect,
            "listen": "\n".join(listens),
            "server_name": server_name,
            "tls": (
                f"    ssl_certificate {tls_cert};\n    ssl_certificate_key {tls_key};\n"
                "    ssl_protocols TLSv1.2 TLSv1.3;\n    ssl_session_cache shared:harvest:10m;\n"
                if tls
                else ""
            ),
            "access_log": str(access_log),
            "htpasswd": str(htpasswd),
            "max_body": max_body,
            "csp": content_security_policy(index_html),
            "hsts": '    add_header Strict-Transport-Security "max-age=31536000" always;\n' if tls else "",
            "cookie_secure": "; Secure" if tls else "",
        },
    )


def render_standalone(prefix: Path, ports: list[int], htpasswd: str | Path, listen: str, **site) -> Path:
    """A complete nginx.conf under prefix (pid, logs, temp files, the site) for `nginx -p prefix -c nginx.conf`,
    runnable by any user and in the foreground. Returns the path of nginx.conf."""
    prefix = Path(prefix).resolve()
    for folder in ("logs", "temp"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    site_file = prefix / "harvest.conf"
    site_file.write_text(
        render_site(ports, htpasswd, listen=listen, access_log=prefix / "logs" / "access.log", **site),
        encoding="utf-8",
    )
    temps = "\n".join(
        f"    {kind}_temp_path {prefix / 'temp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx's workers would switch to `nobody`, who cannot read a private prefix: keep the current user.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""# Standalone nginx for Harvest, rendered by deploy/render.py: nginx -p {prefix} -c {conf}
{user}daemon off;
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "logs" / "error.log"} info;
events {{
    worker_connections 512;
}}
http {{
    default_type application/octet-stream;
{temps}
    include {site_file};
}}
""",
        encoding="utf-8",
    )
    return conf


def htpasswd_line(user: str, password: str) -> str:
    """`user:$6$…`: SHA-512 crypt by `openssl passwd -6` (the password on stdin, never in argv), which nginx on
    Debian checks through libcrypt."""
    if not user or ":" in user or any(c.isspace() for c in user):
        raise ValueError(f"not a user name for htpasswd: {user!r}")
    if not password or "\n" in password:
        raise ValueError("the password is empty or has a line break")
    hashed = subprocess.run(
        ["openssl", "passwd", "-6", "-stdin"], input=password + "\n", capture_output=True, text=True, check=True
    ).stdout.strip()
    if not hashed.startswith("$6$"):
        raise RuntimeError(f"openssl passwd -6 gave {hashed!r}")
    return f"{user}:{hashed}"


def add_user(file: Path, user: str, password: str) -> None:
    """Add or replace user in an htpasswd file, readable by its owner and group only."""
    file.parent.mkdir(parents=True, exist_ok=True)
    lines = file.read_text(encoding="utf-8").splitlines() if file.exists() else []
    lines = [line for line in lines if line.split(":", 1)[0] != user] + [htpasswd_line(user, password)]
    file.touch(mode=0o640, exist_ok=True)
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def unit_command(port: int, root: str | Path = INSTALL_ROOT) -> tuple[list[str], dict[str, str], Path]:
    """(argv, Environment= variables, working directory) of harvest@<port>.service, with the install root moved to
    root: how the deploy test starts each process exactly as systemd would."""
    argv: list[str] = []
    env: dict[str, str] = {}
    cwd = Path(root)
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        value = value.replace("%i", str(port)).replace(INSTALL_ROOT, str(root))
        if key == "ExecStart":
            argv = shlex.split(value)
        elif key == "Environment":
            for pair in shlex.split(value):
                name, _, setting = pair.partition("=")
                env[name] = setting
        elif key == "WorkingDirectory":
            cwd = Path(value)
    if not argv:
        raise ValueError(f"{UNIT.name} has no ExecStart")
    return argv, env, cwd


def _ports(text: str) -> list[int]:
    ports = [int(p) for p in text.split(",") if p.strip()]
    if not ports or any(not 0 < p < 65536 for p in ports):
        raise argparse.ArgumentTypeError(f"ports like 8501,8502, not {text!r}")
    return ports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("nginx", "standalone"):
        sub = commands.add_parser(name, help="the nginx site" if name == "nginx" else "a whole nginx.conf in --prefix")
        sub.add_argument("--ports", type=_ports, required=True, help="the Harvest instances' ports, e.g. 8501,8502")
        sub.add_argument("--htpasswd", required=True, help="the htpasswd file nginx checks")
        sub.add_argument("--listen", default="443", help="port or address:port nginx listens on (default 443)")
        sub.add_argument("--server-name", default="_", help="the public host name")
        sub.add_argument("--tls-cert", help="certificate chain (PEM); with --tls-key, serves HTTPS")
        sub.add_argument("--tls-key", help="private key (PEM)")
        sub.add_argument("--max-body", default="200m", help="largest upload (nginx size, default 200m)")
        if name == "nginx":
            sub.add_argument("--access-log", default="/var/log/nginx/harvest.access.log")
        else:
            sub.add_argument("--prefix", type=Path, required=True, help="folder for nginx.conf, logs and temp files")
    users = commands.add_parser("htpasswd", help="add or replace a user in an htpasswd file")
    users.add_argument("--file", type=Path, required=True)
    users.add_argument("user")
    args = parser.parse_args(argv)

    if args.command == "htpasswd":
        password = getpass.getpass(f"Password for {args.user}: ") if sys.stdin.isatty() else sys.stdin.readline()
        try:
            add_user(args.file, args.user, password.rstrip("\n"))
        except ValueError as error:
            parser.error(str(error))
        print(f"{args.user} is in {args.file}", file=sys.stderr)
        return 0
    site = dict(server_name=args.server_name, tls_cert=args.tls_cert, tls_key=args.tls_key, max_body=args.max_body)
    try:
        if args.command == "nginx":
            sys.stdout.write(render_site(args.ports, args.htpasswd, args.listen, access_log=args.access_log, **site))
        else:
            conf = render_standalone(args.prefix, args.ports, args.htpasswd, args.listen, **site)
            print(f"nginx -p {conf.parent} -c {conf} -e {conf.parent / 'logs' / 'error.log'}")
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
