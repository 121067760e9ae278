"""Sort keys for Chinese names: by pinyin, the order officers expect (李 before 王 before 张), not by
code point (which puts 张 before 李 and 王 at random-looking places). The key is computed when a
name is set and stored, so the database sorts and pages by it with an index."""

from __future__ import annotations

import threading
from functools import cache

KEY_LENGTH = 400
# Surnames read differently from the same character in other words (曾经 céng, but 曾 Zēng as a name).
SURNAMES = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha", "区": "ou", "盖": "ge",
    "乐": "yue", "召": "shao", "缪": "miao", "覃": "qin", "翟": "zhai", "秘": "bi", "种": "chong", "黑": "he",
    "员": "yun", "尉": "yu", "长": "chang", "重": "chong", "繁": "po", "句": "gou", "阚": "kan", "冼": "xian",
}
_SEPARATOR = " "     # after every syllable: sorts below letters, so 张 < 张伟 and 西安 < 先
_TIE = "\x1f"         # below the separator: homophones (张伟, 章伟) stay grouped by character


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


@cache
def _pinyin():
    """pypinyin's reader, imported on first use: its dictionaries take a good part of a second to
    load, which the program's start does not need (see `preload`)."""
    from pypinyin import Style, lazy_pinyin

    return lambda text: lazy_pinyin(text, style=Style.NORMAL, errors="default")


def preload() -> None:
    """Load the pinyin dictionaries on a background thread, so the first name sorted or saved after
    the start does not wait for them on the UI thread."""
    threading.Thread(target=_pinyin, name="pinyin-preload", daemon=True).start()


def name_sort_key(name: str | None) -> str:
    """'张伟' -> 'zhang wei \\x1f张伟'; latin names keep their letters ('anna li \\x1fAnna Li')."""
    text = (name or "").strip()
    if not text:
        return ""
    syllables = []
    rest = text
    if _is_cjk(text[0]) and text[0] in SURNAMES:
        syllables.append(SURNAMES[text[0]])
        rest = text[1:]
    syllables += [s.strip().lower() for s in _pinyin()(rest)]
    spoken = "".join(s + _SEPARATOR for s in syllables if s)
    return (spoken + _TIE + text)[:KEY_LENGTH]
