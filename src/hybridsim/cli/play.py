"""`hybridsim play`: start the facilitator's viewer (a Solara server) on this machine."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import click

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
DISCARD_CDN = "http://127.0.0.1:9/"
"""Where Solara's asset proxy is pointed unless --allow-cdn: a local port nobody listens on, so a
missing front-end file fails at once instead of the server reaching out to a public CDN."""


def register(group: click.Group) -> None:
    """Add this module's commands to the group."""
    group.add_command(play)


def _lan_address() -> str:
    """This machine's address on the LAN, for the players' link (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("10.255.255.255", 1))
            return str(sock.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def server_command(host: str, port: int) -> list[str]:
    """The Solara command line: production mode, no browser opened, no version check."""
    return [
        sys.executable, "-m", "solara", "run", "hybridsim.app.main",
        "--host", host, "--port", str(port),
        "--production", "--no-open", "--no-check-version",
    ]  # fmt: skip


@click.command()
@click.argument("scenario", required=False)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 lets player laptops on the LAN join.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Games database (default: $HYBRIDSIM_DB, else the user's data folder).",
)
@click.option("--key", default=None, help="Facilitator key to use (default: the saved one).")
@click.option(
    "--new-key", is_flag=True, help="Make a new facilitator key (old links stop working)."
)
@click.option(
    "--allow-cdn",
    is_flag=True,
    help="Let the server fetch missing front-end files from the internet.",
)
def play(
    scenario: str | None,
    host: str,
    port: int,
    db_path: Path | None,
    key: str | None,
    new_key: bool,
    allow_cdn: bool,
) -> None:
    """Start the viewer for a tabletop exercise; SCENARIO is preselected in the set-up.

    Prints the facilitator's link (with the key) and how players join. Games are saved after
    every turn in the games database, so stopping the server loses nothing.
    """
    from ..app import assets
    from ..app.auth import ENV_KEY, facilitator_key
    from ..app.store import GameStore

    if scenario:
        scenario = _checked_scenario(scenario)
    store = GameStore(db_path)
    if key:
        os.environ[ENV_KEY] = key
    the_key = facilitator_key(store, rotate=new_key and not key)
    absent = assets.missing()
    if absent:
        click.echo("warning: " + assets.missing_message(absent), err=True)
    env = _server_env(str(store.path), the_key, scenario or "", allow_cdn)
    _print_links(host, port, the_key, store.path)
    sys.stdout.flush()
    command = server_command(host, port)
    if os.name == "posix":
        os.execve(sys.executable, command, env)  # the server takes over this process
    sys.exit(subprocess.call(command, env=env))


def _checked_scenario(scenario: str) -> str:
    """Load the scenario here, to fail with the file's problems and not in the browser; a file
    is passed on by its absolute path, a shipped name as it is."""
    from ..scenario import load

    loaded = load(scenario)
    for warning in loaded.warnings:
        click.echo(warning.format(), err=True)
    if Path(scenario).suffix not in (".yaml", ".yml"):
        return scenario
    return str(Path(scenario).resolve())


def _server_env(db: str, key: str, scenario: str, allow_cdn: bool) -> dict[str, str]:
    """The server's environment: the games database, the key and the preselected scenario."""
    from ..app import SAMESITE_WARNING
    from ..app.auth import ENV_KEY
    from ..app.config import ENV_SCENARIO
    from ..app.store import ENV_DB

    env = {
        **os.environ,
        ENV_DB: db,
        ENV_KEY: key,
        ENV_SCENARIO: scenario,
        "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
        # Solara's samesite notice (see hybridsim.app.SAMESITE_WARNING), silenced from the
        # first page on, before the app module is imported.
        "PYTHONWARNINGS": ",".join(
            filter(
                None, [os.environ.get("PYTHONWARNINGS"), f"ignore:{SAMESITE_WARNING}:UserWarning"]
            )
        ),
    }
    if not allow_cdn:
        env["SOLARA_ASSETS_CDN"] = DISCARD_CDN
    return env


def _print_links(host: str, port: int, key: str, db: Path) -> None:
    """The facilitator's link and key, where games are saved, and how players join."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{shown}:{port}"
    click.echo(f"hybridsim viewer: {base}/")
    click.echo(f"facilitator link: {base}/?key={key}")
    click.echo(f"facilitator key:  {key}")
    click.echo(f"games saved in:   {db}")
    if host not in LOCAL_HOSTS:
        click.echo(
            f"players join at:  http://{_lan_address()}:{port}/ with a room code\n"
            "warning: listening on the network with plain HTTP; anyone on it can reach the "
            "viewer and read its traffic. Use a closed exercise network and keep the key "
            "off the projector.",
            err=True,
        )
