"""FindItem restrictions and sort orders evaluated against stored items: what exchangelib sends for
`.filter(...)`, `.exclude(...)` and `.order_by(...)` on fields and extended properties."""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from ews_server.calendar_items import value_for_restriction
from ews_server.soap import NSMAP, EwsError, parse_datetime, t

_COMPARISONS = {
    "IsEqualTo": lambda a, b: a == b,
    "IsNotEqualTo": lambda a, b: a != b,
    "IsGreaterThan": lambda a, b: a > b,
    "IsGreaterThanOrEqualTo": lambda a, b: a >= b,
    "IsLessThan": lambda a, b: a < b,
    "IsLessThanOrEqualTo": lambda a, b: a <= b,
}


def _comparable(text: str) -> tuple[int, object]:
    """Dates compare as instants, numbers as numbers, text without regard to case (as Exchange does)."""
    if len(text) >= 10 and text[4:5] == "-" and "T" in text:
        try:
            return 0, parse_datetime(text)
        except ValueError:
            pass
    try:
        return 1, float(text)
    except ValueError:
        return 2, text.casefold()


def matches(item: etree._Element, condition: etree._Element) -> bool:
    name = etree.QName(condition).localname
    if name == "And":
        return all(matches(item, c) for c in condition)
    if name == "Or":
        return any(matches(item, c) for c in condition)
    if name == "Not":
        return not matches(item, condition[0])
    if name == "Exists":
        return bool(value_for_restriction(item, condition[0]))
    if name == "Contains":
        return _contains(item, condition)
    if name in _COMPARISONS:
        values = value_for_restriction(item, condition[0])
        constant = condition.find("t:FieldURIOrConstant/t:Constant", NSMAP)
        if constant is None:
            raise EwsError("ErrorUnsupportedPathForQuery", "Only comparisons with constants are supported.")
        wanted = _comparable(constant.get("Value", ""))
        test = _COMPARISONS[name]
        if name == "IsNotEqualTo":
            return all(test(_comparable(v), wanted) for v in values)
        return any(_same_kind(_comparable(v), wanted) and test(_comparable(v), wanted) for v in values)
    raise EwsError("ErrorUnsupportedQueryFilter", f"Restriction {name} is not supported.")


def _same_kind(a: tuple[int, object], b: tuple[int, object]) -> bool:
    return a[0] == b[0]


def _contains(item: etree._Element, condition: etree._Element) -> bool:
    mode = condition.get("ContainmentMode", "Substring")
    ignore_case = "IgnoreCase" in condition.get("ContainmentComparison", "Exact")
    needle = condition.find(t("Constant")).get("Value", "")
    for value in value_for_restriction(item, condition[0]):
        a, b = (value.casefold(), needle.casefold()) if ignore_case else (value, needle)
        if (mode == "FullString" and a == b) or (mode == "Prefixed" and a.startswith(b)) or (
                mode in ("Substring", "PrefixOnWords", "ExactPhrase") and b in a):
            return True
    return False


def sort_key(order: etree._Element):
    """Key function for one t:FieldOrder; items without the field sort first."""
    uri = order[0]

    def key(item: etree._Element):
        values = value_for_restriction(item, uri)
        return (1, _comparable(values[0])) if values else (0, (0, datetime.min))

    return key


def apply_sort(items: list, sort_order: etree._Element | None, elem_of) -> list:
    if sort_order is None:
        return items
    for order in reversed(list(sort_order)):      # stable sorts, last key first
        key = sort_key(order)
        items = sorted(items, key=lambda i, k=key: k(elem_of(i)), reverse=order.get("Order") == "Descending")
    return items
