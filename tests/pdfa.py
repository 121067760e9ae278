"""A real PDF/A-1b validator for the tests: PDFBox Preflight (Debian's libpdfbox2-java) run with
Java, as `python dev.py test` installs them. `violations(path)` returns each violation as PDFBox
prints it, clause first ("2.4.3 : Invalid Color space, …"); an empty list is a valid PDF/A-1b file.
A missing validator is an error, not a skip: the project's own setup installs it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
JARS = ("preflight.jar", "pdfbox2.jar", "xmpbox.jar", "commons-logging.jar", "javax.activation.jar", "jaxb-api.jar")
VALIDATOR = "org.apache.pdfbox.preflight.Validator_A1b"


def violations(path: Path) -> list[str]:
    java = shutil.which("java")
    missing = [jar for jar in JARS if not (JAVA_DIR / jar).exists()]
    if java is None or missing:
        raise RuntimeError("the PDF/A validator is not installed (python dev.py setup --test installs it): "
                           + ", ".join((["java"] if java is None else []) + missing))
    classpath = ":".join(str(JAVA_DIR / jar) for jar in JARS)
    done = subprocess.run([java, "-Djava.awt.headless=true", "-cp", classpath, VALIDATOR, str(path)],
                          capture_output=True, text=True, timeout=120)
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    found = [line for line in lines if " : " in line and line.split(" : ", 1)[0].replace(".", "").isdigit()]
    if done.returncode == 0 and not found:
        return []
    if not found:
        raise RuntimeError(f"the PDF/A validator failed (exit {done.returncode}): {done.stdout[-500:]}"
                           f"{done.stderr[-500:]}")
    return found
