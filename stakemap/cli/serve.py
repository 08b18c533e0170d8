"""``stakemap serve``: the same app in a browser, through textual-serve.

textual-serve starts one process per browser connection from a command line
and bridges its terminal to xterm.js in the page. That command is exactly
``stakemap open PATH`` run by this same Python, so the browser gets the app a
terminal gets: the same map, the same options, the same keys and autosave.

Nothing here protects the map from whoever reaches the port: textual-serve has
no authentication and no TLS. Hence the loopback default and the warning for
any other address. textual-serve (and aiohttp under it) is imported only when
the command runs, so the CLI starts without it and ``stakemap[serve]`` stays an
optional extra.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import ipaddress
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from stakemap.cli.output import out, say, user
from stakemap.errors import StakemapError

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "MISSING_EXTRA",
    "allowed_origin",
    "app_command",
    "cannot_listen",
    "is_local",
    "port_number",
    "register",
    "remote_warning",
]

#: This machine only: a map holds notes about real people.
DEFAULT_HOST = "127.0.0.1"
#: textual-serve's own default.
DEFAULT_PORT = 8000

MISSING_EXTRA = (
    "stakemap serve needs textual-serve, which is not installed: pip install 'stakemap[serve]'"
)

#: What textual-serve's page fetches from outside the machine: a web font it
#: also ships in its static folder. A map's page must not announce itself to a
#: third party, so the served page loads the shipped copy instead.
_EXTERNAL_FONT = re.compile(r"<link\b[^>]*fonts\.googleapis\.com[^>]*>", re.DOTALL)
_SHIPPED_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        font-style: normal;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf");
      }
      @font-face {
        font-family: "Roboto Mono";
        font-style: italic;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf");
      }
    </style>"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the app to a web browser (needs: pip install 'stakemap[serve]')",
        description="Run the app in a web browser: each browser tab runs 'stakemap PATH' "
        "on this machine, on the same map file. Listens on 127.0.0.1 (this machine "
        "only) unless --host says otherwise. There is no password: anyone who can "
        "reach the port can read and edit the map.",
    )
    p.add_argument(
        "path", type=Path, metavar="PATH", nargs="?", help="the map (default: the map picker)"
    )
    p.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"the TCP port to listen on (default {DEFAULT_PORT})",
    )
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="ADDRESS",
        help=f"the address to listen on (default {DEFAULT_HOST}: this machine only; "
        "any other address lets other machines read and edit the map)",
    )
    p.set_defaults(handler=cmd_serve)


def port_number(text: str) -> int:
    """``--port``: a TCP port a browser can be sent to (1-65535).

    Port 0 ("any free port") is refused: the page tells the browser which port
    to connect its websocket to, and textual-serve writes the number it was given.
    """
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


def is_local(host: str) -> bool:
    """True if only this machine can connect to ``host``: ``localhost`` or a loopback address.

    Any other name counts as reachable from elsewhere (it may resolve to a
    public address), and so does ``""`` or ``0.0.0.0``: every interface.
    """
    if host.lower() in {"localhost", "localhost."}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def remote_warning(host: str, port: int) -> str:
    """The warning printed whenever the server listens beyond this machine."""
    where = host or "every address"
    return (
        f"warning: serving on {where}, port {port}, not on this machine only: anyone who "
        "can reach that port can read and edit this map (no password, no encryption), "
        "and maps hold personal data about real people. Leave out --host to serve on "
        f"{DEFAULT_HOST} only."
    )


def app_command(path: Path | None) -> str:
    """The shell command textual-serve runs for each browser session.

    ``stakemap open PATH`` (not ``stakemap PATH``: a map named like a command
    still opens), by this interpreter (the same venv, the same stakemap), the
    path absolute and quoted for the shell textual-serve starts it with.
    """
    argv = [sys.executable, "-m", "stakemap", "open"]
    if path is not None:
        argv.append(str(path.absolute()))
    if sys.platform == "win32":
        return subprocess.list2cmdline(argv)
    return shlex.join(argv)


def allowed_origin(origin: str | None, host_header: str, *, local: bool) -> bool:
    """May a browser page from ``origin`` drive the app? Only the server's own page.

    Browsers let any web page open a WebSocket to 127.0.0.1, so without this a
    site visited while ``stakemap serve`` runs could read the map off the screen
    and type into it. Its ``Origin`` header gives it away: it must be this
    server (the ``Host`` the browser asked for). Served on this machine only,
    that host must also be a loopback name, or a site could rename itself to
    127.0.0.1 in DNS (rebinding) and pass as the same origin. No ``Origin``: not
    a browser, so nothing a web page can do; anything local can connect anyway.
    """
    if origin is None:
        return True
    parsed = urlsplit(origin)
    if parsed.scheme not in {"http", "https"} or parsed.netloc.lower() != host_header.lower():
        return False
    return not local or is_local(parsed.hostname or "")


def cannot_listen(host: str, port: int, exc: OSError) -> str:
    """The one sentence for a server that cannot start listening."""
    where = host or "every address"
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} is already in use on {where}; choose another with --port"
    if exc.errno == errno.EACCES:
        return (
            f"no permission to listen on port {port} (below 1024 needs root); "
            "choose another with --port"
        )
    return f"cannot listen on {where} port {port} ({exc.strerror or exc}); check --host"


def _check_free(host: str, port: int) -> None:
    """Bind once before serving, so a taken port is said before any "serving" line.

    aiohttp binds every address the host resolves to, with SO_REUSEADDR, after
    textual-serve's start-up hook has run; this does the same, then lets go.
    """
    try:
        addresses = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
        for family, kind, proto, _, address in addresses:
            with socket.socket(family, kind, proto) as probe:
                if os.name == "posix":
                    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
    except OSError as exc:
        raise StakemapError(cannot_listen(host, port, exc)) from None


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import textual_serve  # the optional extra, loaded only here
    except ModuleNotFoundError:
        raise StakemapError(MISSING_EXTRA) from None
    if args.path is not None:
        from stakemap.store import MapStore

        # Each browser session would show the picker with this error; say it here, once.
        MapStore(args.path).load()
    if not is_local(args.host):
        say(remote_warning(args.host, args.port))
    _check_free(args.host, args.port)
    shipped = Path(textual_serve.__file__ or ".").parent / "templates"
    with _templates_without_external_requests(shipped) as templates:
        server = _server(args.path, args.host, args.port, templates)
        try:
            server.serve()
        except OSError as exc:  # taken between the check and the server's own bind
            raise StakemapError(cannot_listen(args.host, args.port, exc)) from None
    return 0


def _server(path: Path | None, host: str, port: int, templates: Path) -> Any:
    """textual-serve's ``Server``, refusing other sites' pages, with a one-line banner."""
    from aiohttp import web
    from textual_serve.server import Server

    what = path.name if path is not None else "the map picker"
    local = is_local(host)

    class MapServer(Server):
        async def on_startup(self, app: web.Application) -> None:
            """One line naming the map and the address, instead of textual-serve's
            banner quoting the whole command."""
            del app
            out().print(
                user(f"stakemap: serving {what} on {self.public_url} (Ctrl+C stops)"),
                soft_wrap=True,
            )

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            """The page sends the browser back to the address it came by.

            textual-serve writes its start-up address into the page, so a page
            opened as ``localhost`` would connect to ``127.0.0.1`` (another
            origin, refused below) and one served on ``0.0.0.0`` would send a
            remote browser to ``0.0.0.0``. Set from the request just before the
            page is made (no await in between, so no other request sees it).
            """
            self.public_url = f"{request.scheme}://{request.host}"
            response: web.StreamResponse = await super().handle_index(request)
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            if not allowed_origin(request.headers.get("Origin"), request.host, local=local):
                raise web.HTTPForbidden(text="stakemap serve: not this server's page\n")
            return await super().handle_websocket(request)

    return MapServer(
        app_command(path),
        host=host,
        port=port,
        title=f"stakemap: {what}",
        templates_path=templates,
    )


@contextlib.contextmanager
def _templates_without_external_requests(source: Path) -> Iterator[Path]:
    """textual-serve's page templates (``source``), their outside font swapped for its copy."""
    with tempfile.TemporaryDirectory(prefix="stakemap-serve-") as folder:
        target = Path(folder)
        for template in source.glob("*.html"):
            text = template.read_text(encoding="utf-8")
            (target / template.name).write_text(
                _EXTERNAL_FONT.sub(_SHIPPED_FONT, text), encoding="utf-8"
            )
        yield target
