"""The viewer's offline front end: the cache is filled, refilling is free, gaps are reported.

Provisioning itself talks to the npm registry and runs at set-up (dev.py), never here; these tests
read the cache it filled and exercise the rest with local files only.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from hybridsim.app import assets


def run_cli(*args: str, path: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "hybridsim.app.assets", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def make_tarball(path: Path, members: dict[str, bytes], symlinks: dict[str, str] | None = None):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for name, target in (symlinks or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            tar.addfile(info)
    return path


def test_default_cache_is_provisioned():
    absent = assets.missing()
    assert absent == [], assets.missing_message(absent)


def test_provision_again_does_nothing_and_is_fast():
    assets.default_cache_dir()  # imports Solara (~0.7 s) outside the timed part
    started = time.perf_counter()
    assert assets.provision(quiet=True) == []
    assert time.perf_counter() - started < 1.0


def test_provision_again_needs_no_npm():
    # With an empty PATH npm cannot be found, so success proves no npm process was started.
    result = run_cli("provision", path="")
    assert result.returncode == 0, result.stderr
    assert "already" in result.stdout


def test_check_names_missing_folders_in_an_empty_cache(tmp_path):
    result = run_cli("check", "--cache-dir", str(tmp_path))
    assert result.returncode == 1
    assert "requirejs@2.3.6" in result.stderr
    assert all(a.folder in result.stderr for a in assets.ASSETS)
    assert "Traceback" not in result.stderr


def test_check_passes_on_the_default_cache():
    result = run_cli("check")
    assert result.returncode == 0, result.stderr


def test_partial_or_outdated_folders_count_as_missing(tmp_path):
    # Solara's proxy, when online, fills a folder file by file: present but incomplete.
    (tmp_path / "requirejs@2.3.6").mkdir()
    (tmp_path / "requirejs@2.3.6" / "require.js").write_text("// one file")
    vega = next(a for a in assets.ASSETS if a.folder == "vega@5")
    (tmp_path / "vega@5").mkdir()
    (tmp_path / "vega@5" / assets.MARKER).write_text(json.dumps({"spec": "vega@5.0.0"}))
    absent = assets.missing(tmp_path)
    assert "requirejs@2.3.6" in absent
    assert vega.folder in absent
    assert len(absent) == len(assets.ASSETS)


def test_provision_without_npm_fails_with_a_message(tmp_path):
    result = run_cli("provision", "--cache-dir", str(tmp_path / "cache"), path="")
    assert result.returncode == 1
    assert "npm was not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_unpack_strips_top_folder_and_drops_source_maps(tmp_path):
    tarball = make_tarball(
        tmp_path / "pkg.tgz",
        {
            "package/package.json": b"{}",
            "package/dist/lib.min.js": b"var x = 1;",
            "package/dist/lib.min.js.map": b"{}",
        },
        symlinks={"package/dist/link.js": "lib.min.js"},
    )
    dest = tmp_path / "out"
    assert assets.unpack_tarball(tarball, dest) == 2
    files = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    assert files == ["dist/lib.min.js", "package.json"]
    assert (dest / "dist" / "lib.min.js").read_bytes() == b"var x = 1;"


@pytest.mark.parametrize("name", ["package/../../evil.js", "/etc/evil.js", "package/a/../../x"])
def test_unpack_refuses_paths_leaving_the_folder(tmp_path, name):
    tarball = make_tarball(tmp_path / "bad.tgz", {"package/ok.js": b"1", name: b"evil"})
    with pytest.raises(assets.AssetsError, match="unsafe path"):
        assets.unpack_tarball(tarball, tmp_path / "out")
    assert not (tmp_path / "evil.js").exists()
    assert not (tmp_path / "x").exists()
