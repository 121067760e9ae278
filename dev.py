"""Set up and run InterviewDesk from a source checkout with nothing but Python 3.11+.

    python dev.py            install what the app needs into .venv, build translations, start the app
    python dev.py test       install what the tests need, build translations, run the whole test suite
    python dev.py setup      only install and build (add --test for the test extra)

Arguments after the command go to the app or to pytest (`python dev.py test -k backup -x`).

The project lives in a virtual environment of its own (.venv beside this file), so the system
Python is never changed (Debian refuses `pip install` into it anyway, PEP 668). Dependencies are
installed again only when pyproject.toml changes. On Debian and Ubuntu the system libraries Qt
needs are checked too: installed with apt-get when run as root, otherwise the command is printed.
This file uses only the standard library and runs on Windows and Linux alike.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "interviewdesk-install.json"
WINDOWS = os.name == "nt"
NO_TESTS_COLLECTED = 5

# Shared libraries that PySide6's wheels load but do not ship, and the Debian packages holding
# them. Alternatives are tried in order (Debian 13 renamed some libraries with a t64 suffix).
DEBIAN_PACKAGES: dict[str, tuple[str, ...]] = {
    "libEGL.so.1": ("libegl1",),
    "libGL.so.1": ("libgl1",),
    "libGLX.so.0": ("libglx0",),
    "libGLdispatch.so.0": ("libglvnd0",),
    "libOpenGL.so.0": ("libopengl0",),
    "libX11.so.6": ("libx11-6",),
    "libX11-xcb.so.1": ("libx11-xcb1",),
    "libxcb.so.1": ("libxcb1",),
    "libdbus-1.so.3": ("libdbus-1-3",),
    "libfontconfig.so.1": ("libfontconfig1",),
    "libfreetype.so.6": ("libfreetype6",),
    "libglib-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libgthread-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libgobject-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libpng16.so.16": ("libpng16-16t64", "libpng16-16"),
    "libz.so.1": ("zlib1g",),
    "libzstd.so.1": ("libzstd1",),
    "libstdc++.so.6": ("libstdc++6",),
    "libgcc_s.so.1": ("libgcc-s1",),
    "libxkbcommon.so.0": ("libxkbcommon0",),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0",),
    "libxcb-cursor.so.0": ("libxcb-cursor0",),
    "libxcb-icccm.so.4": ("libxcb-icccm4",),
    "libxcb-image.so.0": ("libxcb-image0",),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1",),
    "libxcb-randr.so.0": ("libxcb-randr0",),
    "libxcb-render.so.0": ("libxcb-render0",),
    "libxcb-render-util.so.0": ("libxcb-render-util0",),
    "libxcb-shape.so.0": ("libxcb-shape0",),
    "libxcb-shm.so.0": ("libxcb-shm0",),
    "libxcb-sync.so.1": ("libxcb-sync1",),
    "libxcb-util.so.1": ("libxcb-util1",),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0",),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0",),
    "libxcb-xkb.so.1": ("libxcb-xkb1",),
    "libwayland-client.so.0": ("libwayland-client0",),
    "libwayland-cursor.so.0": ("libwayland-cursor0",),
    "libwayland-egl.so.1": ("libwayland-egl1",),
}
# The UI tests draw Chinese text; without a CJK font Qt renders empty boxes and warns.
CJK_FONT_PACKAGE = "fonts-wqy-microhei"
# The archive's dossiers are checked by a real PDF/A validator in the tests: PDFBox Preflight, run
# from Debian's jars with a Java runtime (tests/pdfa.py).
JAVA_DIR = Path("/usr/share/java")
PDFA_JARS = ("preflight.jar", "pdfbox2.jar", "xmpbox.jar", "commons-logging.jar", "javax.activation.jar",
             "jaxb-api.jar")
PDFA_PACKAGES = ["libpdfbox2-java", "default-jre-headless", "libactivation-java", "libjaxb-api-java"]


def say(text: str) -> None:
    print(f"[dev.py] {text}", flush=True)


def fail(text: str, code: int = 1) -> NoReturn:
    print(f"[dev.py] error: {text}", file=sys.stderr, flush=True)
    sys.exit(code)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


def run(cmd: list[str], **kwargs) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, **kwargs)


# --- Debian/Ubuntu system packages -------------------------------------------------------------

def is_debian() -> bool:
    return sys.platform.startswith("linux") and Path("/etc/debian_version").exists() and bool(shutil.which("apt-get"))


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _apt_env() -> dict[str, str]:
    return dict(os.environ, DEBIAN_FRONTEND="noninteractive")


def _apt_has(package: str) -> bool:
    out = subprocess.run(["apt-cache", "policy", package], capture_output=True, text=True, env=_apt_env())
    return "Candidate:" in out.stdout and "Candidate: (none)" not in out.stdout


def apt_install(packages: list[str], why: str) -> bool:
    """Install Debian packages when we are root on Debian/Ubuntu; otherwise print the command.
    Returns True when the packages are (now) installed."""
    packages = sorted(set(packages))
    if not packages:
        return True
    line = "apt-get install -y " + " ".join(packages)
    if not (is_debian() and is_root()):
        hint = f"sudo {line}" if is_debian() else "the packages providing: " + ", ".join(packages)
        say(f"{why} is missing. Install it with:\n    {hint}")
        return False
    say(f"installing {why}: {line}")
    cmd = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    if subprocess.call(cmd, env=_apt_env()) == 0:
        return True
    say("apt-get install failed; refreshing the package lists and trying again")
    subprocess.call(["apt-get", "update"], env=_apt_env())
    return subprocess.call(cmd, env=_apt_env()) == 0


def debian_names(sonames: list[str]) -> tuple[list[str], list[str]]:
    """Debian package names for missing libraries, and the libraries we cannot name."""
    packages, unknown = [], []
    for soname in sonames:
        choices = DEBIAN_PACKAGES.get(soname)
        if not choices:
            unknown.append(soname)
            continue
        if len(choices) > 1 and is_debian():
            choices = tuple(c for c in choices if _apt_has(c)) or choices[-1:]
        packages.append(choices[0])
    return packages, unknown


# --- the virtual environment -------------------------------------------------------------------

def check_python() -> None:
    if sys.version_info < (3, 11):
        fail(f"InterviewDesk needs Python 3.11 or newer; this is {sys.version.split()[0]} ({sys.executable}).")


def venv_works() -> bool:
    python = venv_python()
    if not python.exists():
        return False
    return subprocess.call([str(python), "-c", "import pip"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL) == 0


def ensure_venv_module() -> None:
    """Debian and Ubuntu ship `venv` without `ensurepip` unless python3.X-venv is installed."""
    if importlib.util.find_spec("venv") and importlib.util.find_spec("ensurepip"):
        return
    package = f"python3.{sys.version_info.minor}-venv"
    system_python = sys.executable.startswith("/usr/")
    if is_debian() and system_python and apt_install([package], f"Python's venv support ({package})"):
        return
    fail(f"this Python ({sys.executable}) cannot create virtual environments: the 'venv'/'ensurepip' "
         f"modules are missing. On Debian/Ubuntu install them with:\n    sudo apt-get install {package}\n"
         "then run this command again.")


def ensure_venv() -> None:
    if venv_works():
        return
    if VENV.exists():
        say(f"{VENV} is incomplete (no working python with pip); creating it again")
        shutil.rmtree(VENV)
    ensure_venv_module()
    say(f"creating the virtual environment in {VENV}")
    if run([sys.executable, "-m", "venv", VENV]) != 0 or not venv_works():
        if VENV.exists():
            shutil.rmtree(VENV, ignore_errors=True)
        fail("could not create the virtual environment (see the messages above).")


def _installed_state() -> dict:
    try:
        return json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _project_hash() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def extras_to_install(state: dict, digest: str, extras: list[str]) -> list[str] | None:
    """The extras for `pip install -e .[...]`, or None when the last install already covers them
    (same pyproject.toml, every wanted extra included). Extras installed before are kept."""
    same = state.get("pyproject") == digest
    before = set(state.get("extras", [])) if same else set()
    if same and set(extras) <= before:
        return None
    return sorted(set(extras) | before)


def ensure_installed(extras: list[str]) -> None:
    """`pip install -e .[extras]`, skipped when pyproject.toml and the extras are as last time."""
    digest = _project_hash()
    wanted = extras_to_install(_installed_state(), digest, extras)
    if wanted is None:
        return
    target = "." + (f"[{','.join(wanted)}]" if wanted else "")
    say(f"installing InterviewDesk and its dependencies: pip install -e \"{target}\"")
    if run([venv_python(), "-m", "pip", "install", "--disable-pip-version-check", "-e", target]) != 0:
        STAMP.unlink(missing_ok=True)
        fail("pip install failed (see the messages above).")
    STAMP.write_text(json.dumps({"pyproject": digest, "extras": wanted}), encoding="utf-8")


def build_translations() -> None:
    if run([venv_python(), ROOT / "scripts" / "i18n.py", "build"]) != 0:
        fail("building the translations (scripts/i18n.py build) failed.")


# --- Qt's system libraries on Linux ------------------------------------------------------------

def _qt_folder() -> Path | None:
    code = ("import importlib.util as u; s = u.find_spec('PySide6'); "
            "print(s.submodule_search_locations[0] if s else '')")
    out = subprocess.run([str(venv_python()), "-c", code], capture_output=True, text=True)
    folder = out.stdout.strip()
    return Path(folder) / "Qt" if folder else None


def missing_libraries(plugin: str) -> list[str]:
    """Shared libraries that Qt's `plugin` platform (and QtGui/QtWidgets) cannot find here."""
    qt = _qt_folder()
    if qt is None or not shutil.which("ldd"):
        return []
    files = [qt / "plugins" / "platforms" / f"libq{plugin}.so", qt / "lib" / "libQt6Gui.so.6",
             qt / "lib" / "libQt6Widgets.so.6"]
    missing: list[str] = []
    for file in files:
        if not file.exists():
            continue
        out = subprocess.run(["ldd", str(file)], capture_output=True, text=True)
        for line in out.stdout.splitlines():
            if "not found" in line:
                name = line.split("=>")[0].strip()
                if name not in missing:
                    missing.append(name)
    return missing


def has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return bool(out.stdout.strip())


def ensure_qt_libraries(plugin: str, *, fonts: bool) -> None:
    if not sys.platform.startswith("linux"):
        return
    missing = missing_libraries(plugin)
    packages, unknown = debian_names(missing)
    if fonts and shutil.which("fc-list") and not has_cjk_font():
        packages.append(CJK_FONT_PACKAGE)
    if unknown:
        say("Qt cannot find these system libraries: " + ", ".join(unknown))
    if packages:
        apt_install(packages, f"system libraries for Qt's {plugin} platform")


def ensure_pdfa_validator() -> None:
    """The test extra's PDF/A validator (PDFBox Preflight and a Java runtime), from Debian's packages."""
    if not sys.platform.startswith("linux"):
        return
    if shutil.which("java") and all((JAVA_DIR / jar).exists() for jar in PDFA_JARS):
        return
    apt_install(PDFA_PACKAGES, "the PDF/A validator for the tests (PDFBox Preflight with Java)")


def gui_plugin() -> str:
    chosen = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if chosen:
        return chosen
    return "wayland" if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY") else "xcb"


# --- commands ----------------------------------------------------------------------------------

def setup(extras: list[str]) -> None:
    check_python()
    ensure_venv()
    ensure_installed(extras)
    build_translations()


def start_app(args: list[str]) -> int:
    setup([])
    plugin = gui_plugin()
    ensure_qt_libraries(plugin, fonts=False)
    if (sys.platform.startswith("linux") and plugin == "xcb" and not os.environ.get("DISPLAY")):
        say("no display found (DISPLAY is not set): the window cannot open on this machine. "
            "Set QT_QPA_PLATFORM=offscreen to try the app without a screen.")
    say("starting InterviewDesk")
    return run([venv_python(), "-m", "desktop", *args])


def parallel(args: list[str]) -> list[str]:
    """The whole suite runs on every core (pytest-xdist, one worker per core up to four, each test
    file on one worker so that its module fixtures are made once); a chosen file, test or option
    that sets the workers (-n, -p no:xdist) runs as asked."""
    chosen = [a for a in args if not a.startswith("-") and (ROOT / a.split("::")[0]).exists()]
    if chosen or any(a in ("-n", "--numprocesses", "no:xdist") or a.startswith(("-n", "--numprocesses="))
                     for a in args):
        return []
    workers = min(os.cpu_count() or 1, 4)
    return ["-n", str(workers), "--dist", "loadfile"] if workers > 1 else []


def run_tests(args: list[str]) -> int:
    setup(["test"])
    ensure_qt_libraries(os.environ.get("QT_QPA_PLATFORM", "offscreen").split(":")[0] or "offscreen", fonts=True)
    ensure_pdfa_validator()
    args = parallel(args) + args
    say("running the test suite: python -m pytest " + " ".join(args))
    code = run([venv_python(), "-m", "pytest", *args])
    if code == NO_TESTS_COLLECTED:
        say("pytest collected no tests: treated as a failure")
        return 1
    return code


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv and argv[0] in ("test", "setup", "help", "-h", "--help") else ("app", argv)
    if command in ("help", "-h", "--help"):
        print(__doc__)
        return 0
    if command == "test":
        return run_tests(rest)
    if command == "setup":
        setup(["test"] if "--test" in rest else [])
        if "--test" in rest:
            ensure_pdfa_validator()
        return 0
    return start_app(rest)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
