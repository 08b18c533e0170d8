"""``stakemap serve`` without a browser: the command each browser session runs,
the loopback default and its warning, the missing extra, ports and bad maps.

The server itself is replaced by a recorder (``fake_server``); the real one,
with a real browser, is in ``test_serve_browser.py``.
"""

from __future__ import annotations

import asyncio
import errno
import json
import os
import shlex
import shutil
import socket
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
from cli_helpers import run
from serve_helpers import serving

from stakemap.cli.parser import build_parser
from stakemap.cli.serve import MISSING_EXTRA, allowed_origin, app_command, is_local
from stakemap.errors import StakemapError
from stakemap.session import Session

SAMPLE = Path(__file__).resolve().parents[1] / "sample_maps" / "northwind.json"


@pytest.fixture
def mapfile(tmp_path: Path) -> Path:
    path = tmp_path / "northwind.json"
    shutil.copyfile(SAMPLE, path)
    return path


class FakeServer:
    """Stands in for ``textual_serve.server.Server``: records what it was given."""

    made: ClassVar[list[FakeServer]] = []
    fail_with: ClassVar[OSError | None] = None

    def __init__(self, command: str, **options: Any) -> None:
        self.command = command
        self.options = options
        self.public_url = f"http://{options['host']}:{options['port']}"
        self.page = ""
        FakeServer.made.append(self)

    def serve(self, debug: bool = False) -> None:
        del debug
        # The templates folder exists only while serving.
        self.page = (Path(self.options["templates_path"]) / "app_index.html").read_text()
        if FakeServer.fail_with is not None:
            raise FakeServer.fail_with


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> type[FakeServer]:
    import textual_serve.server

    FakeServer.made = []
    FakeServer.fail_with = None
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    return FakeServer


# --- the command each browser session runs ------------------------------------------------


@pytest.mark.parametrize(
    "name", ["plain.json", "with space.json", "it's $(touch x) `y`; z.json", "open", "-h.json"]
)
def test_each_session_runs_stakemap_open_on_the_same_map_with_this_python(tmp_path, name):
    path = tmp_path / name
    argv = shlex.split(app_command(path))
    assert argv[:4] == [sys.executable, "-m", "stakemap", "open"]
    assert argv[4:] == [str(path.absolute())]
    # ... and it parses as `stakemap PATH` does: the app on that one file.
    args = build_parser().parse_args(argv[3:])
    assert args.handler.__name__ == "cmd_open"
    assert args.path == path.absolute()


def test_a_relative_path_is_made_absolute(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert shlex.split(app_command(Path("m.json")))[-1] == str(tmp_path / "m.json")


def test_without_a_path_sessions_open_the_picker():
    assert shlex.split(app_command(None)) == [sys.executable, "-m", "stakemap", "open"]


def test_the_server_is_given_that_command_the_host_and_the_port(capsys, fake_server, mapfile):
    code, _, err = run(capsys, "serve", mapfile, "--port", "8123")
    assert code == 0, err
    (server,) = fake_server.made
    assert server.command == app_command(mapfile)
    assert server.options["host"] == "127.0.0.1"
    assert server.options["port"] == 8123
    assert server.options["title"] == "stakemap: northwind.json"
    assert err == ""  # no warning on this machine only


async def test_the_command_starts_the_app_under_textual_serves_web_driver(mapfile):
    """What textual-serve's AppService does: the command in a shell with its driver
    environment must print the web driver's prelude, then quit on its "quit" packet."""
    env = dict(
        os.environ,
        TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver",
        TEXTUAL_COLOR_SYSTEM="truecolor",
        COLUMNS="100",
        ROWS="30",
    )
    process = await asyncio.create_subprocess_shell(
        app_command(mapfile),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    try:

        async def prelude() -> list[bytes]:
            assert process.stdout is not None
            lines = []
            while (line := await process.stdout.readline()) and line != b"__GANGLION__\n":
                lines.append(line)
            return [*lines, line]

        lines = await asyncio.wait_for(prelude(), timeout=60)
        assert lines[-1] == b"__GANGLION__\n", lines
        quit_packet = json.dumps({"type": "quit"}).encode()
        process.stdin.write(b"M" + len(quit_packet).to_bytes(4, "big") + quit_packet)
        await process.stdin.drain()
        assert await asyncio.wait_for(process.wait(), timeout=60) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


# --- who can connect -------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1"])
def test_loopback_addresses_are_this_machine_only(host):
    assert is_local(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "192.168.1.20", "example.org", "10.0.0.1"])
def test_every_other_address_is_reachable_from_elsewhere(host):
    assert not is_local(host)


@pytest.mark.parametrize("host", ["0.0.0.0", ""])
def test_serving_beyond_this_machine_warns_before_it_starts(capsys, fake_server, mapfile, host):
    code, _, err = run(capsys, "serve", mapfile, "--host", host, "--port", "8123")
    assert code == 0, err
    assert fake_server.made[0].options["host"] == host
    where = host or "every address"
    assert err.startswith(f"warning: serving on {where}, port 8123, not on this machine only")
    assert "anyone who can reach that port can read and edit this map" in err
    assert "personal data" in err


def test_an_address_this_machine_does_not_have_is_refused(capsys, fake_server, mapfile):
    code, _, err = run(capsys, "serve", mapfile, "--host", "203.0.113.77", "--port", "8123")
    assert code == 2
    warning, error = err.splitlines()
    assert warning.startswith("warning: serving on 203.0.113.77")
    assert error.startswith("stakemap: error: cannot listen on 203.0.113.77 port 8123 (")
    assert error.endswith("); check --host")
    assert fake_server.made == []


@pytest.mark.parametrize(
    ("origin", "host", "local"),
    [
        (None, "127.0.0.1:8000", True),  # not a browser: no web page behind it
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://localhost:8000", "localhost:8000", True),
        ("http://[::1]:8000", "[::1]:8000", True),
        ("http://192.168.1.20:8000", "192.168.1.20:8000", False),
        ("http://deals.example:8000", "deals.example:8000", False),
    ],
)
def test_the_servers_own_page_may_connect(origin, host, local):
    assert allowed_origin(origin, host, local=local)


@pytest.mark.parametrize(
    ("origin", "host", "local"),
    [
        ("http://evil.example", "127.0.0.1:8000", True),  # any site the user visits
        ("https://evil.example", "127.0.0.1:8000", False),
        ("http://127.0.0.1:9999", "127.0.0.1:8000", True),  # another local server
        ("http://evil.example:8000", "evil.example:8000", True),  # DNS rebinding
        ("null", "127.0.0.1:8000", True),  # a sandboxed frame or a file
        ("file://", "127.0.0.1:8000", True),
    ],
)
def test_other_pages_may_not(origin, host, local):
    assert not allowed_origin(origin, host, local=local)


async def test_a_page_from_another_site_cannot_open_a_session(tmp_path):
    """Browsers let any site open a WebSocket to 127.0.0.1: the server refuses it."""
    import aiohttp

    with serving(tmp_path) as (url, _):
        socket_url = url + "ws?width=80&height=24"
        async with aiohttp.ClientSession() as client:
            for origin in ("http://evil.example", url.replace("127.0.0.1", "localhost")):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await client.ws_connect(socket_url, headers={"Origin": origin})
                assert refused.value.status == 403
            own = url.rstrip("/")
            async with client.ws_connect(socket_url, headers={"Origin": own}) as session:
                first = await asyncio.wait_for(session.receive(), timeout=60)
                assert first.type == aiohttp.WSMsgType.BINARY  # the app draws


async def test_the_page_connects_back_the_way_the_browser_came(tmp_path):
    """Opened as localhost, the page's session is on localhost too (same origin)."""
    import aiohttp

    with serving(tmp_path) as (url, _):
        async with aiohttp.ClientSession() as client:
            for page_url in (url, url.replace("127.0.0.1", "localhost")):
                async with client.get(page_url) as response:
                    page = await response.text()
                origin = page_url.rstrip("/")
                socket_url = origin.replace("http:", "ws:") + "/ws"
                assert f'data-session-websocket-url="{socket_url}"' in page
                async with client.ws_connect(socket_url, headers={"Origin": origin}) as session:
                    first = await asyncio.wait_for(session.receive(), timeout=60)
                    assert first.type == aiohttp.WSMsgType.BINARY


def test_the_served_page_asks_nothing_of_any_other_site(capsys, fake_server, mapfile):
    """textual-serve's page links a web font from Google; ours loads the copy it ships."""
    import textual_serve

    shipped = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    assert "fonts.googleapis.com" in shipped.read_text()  # what the copy strips
    code, _, err = run(capsys, "serve", mapfile)
    assert code == 0, err
    page = fake_server.made[0].page
    assert "fonts.googleapis.com" not in page
    assert "app_websocket_url" in page  # still the working page
    assert 'fonts/RobotoMono-VariableFont_wght.ttf")' in page  # the font textual-serve ships


# --- what goes wrong -----------------------------------------------------------------------


def test_a_missing_extra_names_what_to_install(capsys, monkeypatch, mapfile):
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    code, out, err = run(capsys, "serve", mapfile)
    assert code == 2
    assert err == f"stakemap: error: {MISSING_EXTRA}\n"
    assert "pip install 'stakemap[serve]'" in err
    assert out == ""


@pytest.mark.parametrize("port", ["0", "65536", "-1", "http", "80.5"])
def test_a_port_outside_1_to_65535_is_a_usage_error(capsys, fake_server, mapfile, port):
    code, _, err = run(capsys, "serve", mapfile, "--port", port)
    assert code == 2
    assert "argument --port" in err
    assert "is not a port number (1-65535)" in err
    assert fake_server.made == []


@pytest.mark.parametrize("port", ["1", "65535"])
def test_the_ends_of_the_port_range_are_accepted(capsys, fake_server, mapfile, port):
    code, _, err = run(capsys, "serve", mapfile, "--port", port)
    assert code == 0, err
    assert fake_server.made[0].options["port"] == int(port)


def test_a_port_in_use_is_one_sentence_before_any_serving_line(capsys, fake_server, mapfile):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run(capsys, "serve", mapfile, "--port", port)
    assert code == 2
    assert err == (
        f"stakemap: error: port {port} is already in use on 127.0.0.1; choose another with --port\n"
    )
    assert out == ""
    assert fake_server.made == []


def test_a_port_taken_while_starting_is_the_same_sentence(capsys, fake_server, mapfile):
    fake_server.fail_with = OSError(errno.EADDRINUSE, "error while attempting to bind")
    code, _, err = run(capsys, "serve", mapfile, "--port", "8123")
    assert code == 2
    assert err == (
        "stakemap: error: port 8123 is already in use on 127.0.0.1; choose another with --port\n"
    )


@pytest.mark.parametrize("content", [None, b"{bad", b'{"meta": {}}'])
def test_a_missing_or_broken_map_gives_the_apps_error_and_serves_nothing(
    capsys, fake_server, tmp_path, content
):
    path = tmp_path / "m.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(StakemapError) as opened:
        Session.open(path)  # what the app shows for that file
    code, out, err = run(capsys, "serve", path)
    assert code == 2
    assert err == f"stakemap: error: {opened.value}\n"
    assert fake_server.made == []
    assert out == ""
    if content is not None:
        assert path.read_bytes() == content
