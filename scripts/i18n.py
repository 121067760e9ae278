"""Translation workflow (Qt Linguist files in resources/i18n).

    python scripts/i18n.py update            # collect strings from desktop/ into the .ts file(s)
    python scripts/i18n.py apply FILE.json [LANG]   # add translations: {"Context": {"source": "译文"}}
                                             # (a plural source "%n item(s)": "%n 项", or a list of forms)
    python scripts/i18n.py missing           # list strings without a finished translation (exit 1 if any)
    python scripts/i18n.py build             # compile .ts -> .qm (done by dev.py before starting or testing)

English is the source language; Simplified Chinese (zh_CN) is the default for users. English has a
plurals-only file (interviewdesk_en.ts, `lupdate -pluralonly`): "%n interview(s)" reads "1 interview"
and "2 interviews"; its forms come from FILE.en.json, e.g. {"SchedulePage": {"%n interview(s)":
["%n interview", "%n interviews"]}}, applied with `apply FILE.en.json en`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)
PLURALS_ONLY = ("en",)       # the source language: only its plural forms need translating


def ts_file(lang: str) -> Path:
    return I18N / f"interviewdesk_{lang}.ts"


def qm_file(lang: str) -> Path:
    return I18N / f"interviewdesk_{lang}.qm"


def _tool(name: str) -> str:
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "libexec" / name):
        if candidate.exists():
            return str(candidate)
    return f"pyside6-{name}"


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop").rglob("*.py"))


def update() -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES + PLURALS_ONLY:
        only = ["-pluralonly"] if lang in PLURALS_ONLY else []
        subprocess.run([_tool("lupdate"), *sources(), *only, "-no-obsolete", "-locations", "none", "-source-language",
                        "en", "-target-language", lang, "-ts", str(ts_file(lang))], cwd=ROOT, check=True)


def _messages(tree: ET.ElementTree):
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def apply(path: Path, lang: str = "zh_CN") -> int:
    table = json.loads(path.read_text(encoding="utf-8"))
    tree = ET.parse(ts_file(lang))
    done = 0
    for context, message in _messages(tree):
        source = message.findtext("source")
        text = table.get(context, {}).get(source)
        if text is None:
            continue
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if message.get("numerus") == "yes":   # "%n interview(s)": one <numerusform> per plural form of the language
            for form in list(translation):
                translation.remove(form)
            for form_text in [text] if isinstance(text, str) else text:
                ET.SubElement(translation, "numerusform").text = form_text
        else:
            translation.text = text
        translation.attrib.pop("type", None)
        done += 1
    tree.write(ts_file(lang), encoding="utf-8", xml_declaration=True)
    update()  # back to lupdate's own layout, so the file's diffs show translations, not formatting
    return done


def missing(lang: str = "zh_CN") -> list[tuple[str, str]]:
    tree = ET.parse(ts_file(lang))
    result = []
    for context, message in _messages(tree):
        translation = message.find("translation")
        texts = [translation.text] if translation is not None else []
        if translation is not None and message.get("numerus") == "yes":
            texts = [form.text for form in translation.iter("numerusform")]
        if translation is None or translation.get("type") in ("unfinished",) or not all(
                (text or "").strip() for text in texts) or not texts:
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            result.append((context, message.findtext("source")))
    return result


def build() -> None:
    for lang in LANGUAGES + PLURALS_ONLY:
        subprocess.run([_tool("lrelease"), "-silent", str(ts_file(lang)), "-qm", str(qm_file(lang))],
                       cwd=ROOT, check=True)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "build"
    if command == "update":
        update()
    elif command == "apply":
        print(f"{apply(Path(argv[1]), argv[2] if len(argv) > 2 else 'zh_CN')} translations applied")
    elif command == "missing":
        todo = [(lang, *item) for lang in LANGUAGES + PLURALS_ONLY for item in missing(lang)]
        for lang, context, source in todo:
            print(json.dumps({"language": lang, "context": context, "source": source}, ensure_ascii=False))
        return 1 if todo else 0
    elif command == "build":
        build()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
