"""dev.py, the two-command setup: repeat runs skip pip, and on Linux every system library Qt links
against can be named as a Debian package (so a fresh machine is told exactly what to install)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("dev_script", ROOT / "dev.py")
dev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dev)

# Part of every Linux system (glibc and the dynamic loader): no package to name.
BASE_SYSTEM = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "ld-linux-x86-64.so.2",
               "ld-linux-aarch64.so.1", "linux-vdso.so.1"}


def test_first_run_installs_the_wanted_extras() -> None:
    assert dev.extras_to_install({}, "abc", ["test"]) == ["test"]
    assert dev.extras_to_install({}, "abc", []) == []


def test_a_repeat_run_with_the_same_pyproject_skips_pip() -> None:
    state = {"pyproject": "abc", "extras": ["test"]}
    assert dev.extras_to_install(state, "abc", ["test"]) is None
    assert dev.extras_to_install(state, "abc", []) is None  # the app needs less than the tests


def test_starting_the_tests_after_the_app_adds_the_test_extra() -> None:
    assert dev.extras_to_install({"pyproject": "abc", "extras": []}, "abc", ["test"]) == ["test"]


def test_a_changed_pyproject_installs_again() -> None:
    assert dev.extras_to_install({"pyproject": "old", "extras": ["test"]}, "new", []) == []
    assert dev.extras_to_install({"pyproject": "old", "extras": ["test"]}, "new", ["test"]) == ["test"]


def _needed(file: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", str(file)], capture_output=True, text=True, check=True).stdout
    return {line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(NEEDED)" in line}


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("readelf"),
                    reason="Linux with readelf (binutils) only")
def test_every_system_library_qt_links_against_has_a_debian_package() -> None:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    shipped = {p.name for p in (qt / "lib").iterdir()}
    files = [qt / "plugins" / "platforms" / "libqxcb.so", qt / "plugins" / "platforms" / "libqoffscreen.so",
             *(qt / "lib").glob("libQt6*.so.6")]
    files = [f for f in files if f.exists() and f.name.split(".")[0] in
             ("libqxcb", "libqoffscreen", "libQt6Core", "libQt6Gui", "libQt6Widgets", "libQt6XcbQpa", "libQt6DBus")]
    assert len(files) >= 5, "PySide6's Qt libraries were not found"
    system = set().union(*(_needed(f) for f in files)) - shipped - BASE_SYSTEM
    unnamed = sorted(s for s in system if s not in dev.DEBIAN_PACKAGES)
    assert not unnamed, f"add these to dev.DEBIAN_PACKAGES: {unnamed}"


def test_the_whole_suite_runs_on_every_core_and_a_chosen_part_as_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dev.os, "cpu_count", lambda: 2)
    assert dev.parallel(["-p", "no:cacheprovider"]) == ["-n", "2", "--dist", "loadfile"]
    assert dev.parallel(["tests/unit", "-x"]) == []
    assert dev.parallel(["tests/unit/test_dev_script.py::test_a_changed_pyproject_installs_again"]) == []
    assert dev.parallel(["-n", "4"]) == [] and dev.parallel(["-n4"]) == [] and dev.parallel(["-p", "no:xdist"]) == []
    assert dev.parallel(["-k", "backup"]) == ["-n", "2", "--dist", "loadfile"]
    monkeypatch.setattr(dev.os, "cpu_count", lambda: 16)
    assert dev.parallel([]) == ["-n", "4", "--dist", "loadfile"]
    monkeypatch.setattr(dev.os, "cpu_count", lambda: 1)
    assert dev.parallel([]) == []
