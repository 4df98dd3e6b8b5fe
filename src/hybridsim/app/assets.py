"""Solara's front-end files, provisioned from the npm registry so the viewer runs with no internet.

Solara's server hands the browser its front end (the Vuetify app shell, RequireJS, KaTeX, Mermaid,
Vega, ...) through a proxy at ``/_solara/cdn/``: on the first request for a file it downloads it
from a public CDN and caches it on disk as ``<cache>/<npm package>@<version>/<path>``. On an
air-gapped network that download fails (after about 7 s of retries per file) and the page stays
blank. Many of our users run exercises on such networks, so this module fills the cache ahead of
time with ``npm pack``, which uses whatever npm registry the machine is configured for.

    python -m hybridsim.app.assets provision [--quiet] [--cache-dir DIR]
    python -m hybridsim.app.assets check [--cache-dir DIR]

The cache folder is Solara's own setting (``SOLARA_ASSETS_PROXY_CACHE_DIR``, else
``<sys.prefix>/share/solara/cdn``), so whatever Solara would read is what gets filled.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MARKER = ".hybridsim-asset.json"
"""Written last into each provisioned folder: a folder without it (e.g. one Solara's proxy filled
file by file while online) or with another package version counts as missing."""

NPM_TIMEOUT_S = 900


@dataclass(frozen=True)
class Asset:
    """One folder of Solara's CDN cache and the npm package that fills it."""

    folder: str
    """The folder exactly as Solara requests it under /_solara/cdn/ (may be a version range)."""
    package: str
    version: str
    """An exact version, so every machine serves the same bytes even where Solara asks for a
    range such as ``vega@5``."""
    needed_by: str

    @property
    def spec(self) -> str:
        """What to hand to ``npm pack``."""
        return f"{self.package}@{self.version}"


# Checked against solara 1.64.1 with ipyvuetify 3: its page template, its components' Vue code and
# the requests a page with Markdown, DataFrame, Altair/matplotlib figures, buttons, selects, tabs,
# sliders and file drop/download made in Chromium. A Solara upgrade changes these folder names;
# `check` then reports them as missing. Not listed because we do not use them (each would add
# several MB): echarts@5.4.0 (FigureEcharts), codemirror@5.65.3 (SqlCode),
# @widgetti/solara-milkdown@6.3.0 (MarkdownEditor), @widgetti/solara-vuetify-app@10.1.1 (the
# shell for ipyvuetify 1.x).
ASSETS: tuple[Asset, ...] = (
    Asset(
        "@widgetti/solara-vuetify3-app@5.2.0",
        "@widgetti/solara-vuetify3-app",
        "5.2.0",
        "page shell (ipyvuetify 3)",
    ),
    Asset("font-awesome@4.5.0", "font-awesome", "4.5.0", "page shell icons"),
    Asset("requirejs@2.3.6", "requirejs", "2.3.6", "page shell module loader"),
    Asset("mermaid@10.8.0", "mermaid", "10.8.0", "solara.Markdown"),
    Asset("katex@0.16.9", "katex", "0.16.9", "solara.Markdown (maths)"),
    Asset("vega@5", "vega", "5.33.1", "FigureAltair"),
    Asset("vega-lite@5", "vega-lite", "5.23.0", "FigureAltair"),
    Asset("vega-embed@6", "vega-embed", "6.29.0", "FigureAltair"),
    # Not a Solara file: Natural Earth's country shapes (1:50m, TopoJSON) for the World tab's
    # map, read from this cache by the server and inlined in the map's spec (never fetched by
    # the page from anywhere).
    Asset("world-atlas@2", "world-atlas", "2.0.2", "the map of Europe (hybridsim)"),
    Asset(
        "@widgetti/vue-grid-layout@2.3.13-alpha.2",
        "@widgetti/vue-grid-layout",
        "2.3.13-alpha.2",
        "GridDraggable / GridLayout",
    ),
)


class AssetsError(RuntimeError):
    """A failure the user can fix (npm missing, registry unreachable); shown without a traceback."""


def default_cache_dir() -> Path:
    """Solara's own cache setting, so we fill exactly the folder its proxy reads."""
    from solara.server import settings

    return Path(settings.assets.proxy_cache_dir)


def _resolve(cache_dir: str | os.PathLike[str] | None) -> Path:
    return Path(cache_dir) if cache_dir is not None else default_cache_dir()


def _is_complete(asset: Asset, cache: Path) -> bool:
    try:
        marker = json.loads((cache / asset.folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(marker, dict) and marker.get("spec") == asset.spec


def missing(cache_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Folders the viewer needs that are not (fully) in the cache; empty means offline-ready."""
    cache = _resolve(cache_dir)
    return [a.folder for a in ASSETS if not _is_complete(a, cache)]


def missing_message(folders: Sequence[str], cache_dir: str | os.PathLike[str] | None = None) -> str:
    """One explanation for the CLI and the app's start-up warning, so both say the same thing."""
    cache = _resolve(cache_dir)
    return (
        f"{len(folders)} front-end folder(s) missing from Solara's cache {cache}: "
        + ", ".join(folders)
        + ". Without them the viewer stays blank on a network with no internet. "
        "Fill the cache once with: python -m hybridsim.app.assets provision"
    )


def unpack_tarball(tarball: str | os.PathLike[str], dest: str | os.PathLike[str]) -> int:
    """Unpack an npm tarball into a new folder ``dest``, the way the CDN lays it out.

    Strips the top folder (``package/`` in npm tarballs) and drops source maps, which browsers
    only fetch with developer tools open. Only regular files are written, and any member whose
    path would land outside ``dest`` is refused, so a hostile tarball cannot write elsewhere.
    Returns the number of files written.
    """
    root = Path(dest)
    root.mkdir(parents=True)
    root = root.resolve()
    written = 0
    with tarfile.open(tarball, "r:*") as tar:
        for member in tar:
            name = PurePosixPath(member.name)
            parts = name.parts[1:]
            unsafe = name.is_absolute() or any(p in {"", ".", ".."} for p in parts)
            target = root.joinpath(*parts)
            if unsafe or not target.resolve().is_relative_to(root):
                raise AssetsError(f"{tarball}: refusing unsafe path {member.name!r}")
            if not member.isfile() or not parts or name.suffix == ".map":
                continue  # folders are made as needed; links and devices are never needed
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is None:
                continue
            with source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
            written += 1
    return written


def _npm_pack(specs: Sequence[str], workdir: Path) -> dict[str, Path]:
    """Download the tarballs with one npm call (npm's start-up dominates); map spec -> tarball."""
    npm = shutil.which("npm")
    if npm is None:
        raise AssetsError(
            "npm was not found on PATH. The viewer's front-end files come from the npm registry; "
            "install npm (e.g. `apt-get install npm` on Debian) and run this again."
        )
    env = {
        **os.environ,
        "npm_config_update_notifier": "false",
        "npm_config_fund": "false",
        "npm_config_audit": "false",
    }
    cmd = [npm, "pack", "--json", "--ignore-scripts", *specs]
    try:
        result = subprocess.run(
            cmd,
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssetsError(f"`npm pack` did not finish within {NPM_TIMEOUT_S} s") from exc
    if result.returncode != 0:
        errors = [ln for ln in result.stderr.splitlines() if "npm error" in ln or "ERR" in ln]
        detail = "\n".join((errors or result.stderr.splitlines())[-15:])
        raise AssetsError(
            f"`npm pack {' '.join(specs)}` failed (exit {result.returncode}); is the npm registry "
            f"reachable from this machine?\n{detail}"
        )
    try:
        packed = json.loads(result.stdout)
        by_spec = {f"{p['name']}@{p['version']}": workdir / p["filename"] for p in packed}
    except (ValueError, KeyError, TypeError) as exc:
        raise AssetsError(f"unreadable `npm pack --json` output: {result.stdout[:500]}") from exc
    absent = [s for s in specs if s not in by_spec or not by_spec[s].is_file()]
    if absent:
        raise AssetsError(f"`npm pack` did not produce tarballs for: {', '.join(absent)}")
    return by_spec


def _place(staging: Path, final: Path) -> None:
    """Swap a fully unpacked folder into place, so a folder under its final name is complete."""
    if final.exists():  # incomplete (filled file by file by Solara's proxy) or another version
        old = final.with_name(f".old-{final.name}-{secrets.token_hex(4)}")
        os.rename(final, old)
        os.rename(staging, final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(staging, final)


def _folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def provision(cache_dir: str | os.PathLike[str] | None = None, quiet: bool = False) -> list[str]:
    """Fill Solara's cache with every missing folder; return the folders provisioned.

    Folders already complete are skipped without starting npm, so a second call is instant and
    works with no network at all.
    """
    cache = _resolve(cache_dir)
    todo = [a for a in ASSETS if not _is_complete(a, cache)]
    if not todo:
        if not quiet:
            print(f"all {len(ASSETS)} front-end folders already in {cache}")
        return []
    say = (lambda _msg: None) if quiet else (lambda msg: print(msg, flush=True))
    started = time.perf_counter()
    say(f"fetching {len(todo)} package(s) with npm into {cache}")
    cache.mkdir(parents=True, exist_ok=True)
    done: list[str] = []
    with tempfile.TemporaryDirectory(prefix="hybridsim-npm-") as tmp:
        tarballs = _npm_pack([a.spec for a in todo], Path(tmp))
        for asset in todo:
            final = cache / asset.folder
            final.parent.mkdir(parents=True, exist_ok=True)
            staging = final.with_name(f".partial-{final.name}-{secrets.token_hex(4)}")
            try:
                files = unpack_tarball(tarballs[asset.spec], staging)
                marker = {"folder": asset.folder, "spec": asset.spec, "files": files}
                (staging / MARKER).write_text(json.dumps(marker), encoding="utf-8")
                _place(staging, final)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            done.append(asset.folder)
            say(f"  {asset.folder:<44} {asset.spec:<44} {_folder_size(final) / 1e6:6.1f} MB")
    say(f"provisioned {len(done)} folder(s) in {time.perf_counter() - started:.1f} s")
    return done


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``provision`` fills the cache, ``check`` exits 1 if anything is missing."""
    parser = argparse.ArgumentParser(
        prog="python -m hybridsim.app.assets",
        description="Make the Solara viewer work with no internet by caching its front end.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    prov = commands.add_parser("provision", help="fetch missing front-end files with npm")
    prov.add_argument("--quiet", action="store_true", help="print nothing unless it fails")
    chk = commands.add_parser("check", help="exit 1 and list folders missing from the cache")
    for sub in (prov, chk):
        sub.add_argument("--cache-dir", help="cache folder (default: Solara's own setting)")
    args = parser.parse_args(argv)

    try:
        if args.command == "provision":
            provision(args.cache_dir, quiet=args.quiet)
            return 0
        absent = missing(args.cache_dir)
    except (AssetsError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if absent:
        print(missing_message(absent, args.cache_dir), file=sys.stderr)
        return 1
    print(f"all {len(ASSETS)} front-end folders present in {_resolve(args.cache_dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
