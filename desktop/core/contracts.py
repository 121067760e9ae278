"""Labour contracts (劳动合同): the mandatory items of 劳动合同法 第十七条 as data, contract templates,
and the check that blocks issuing a contract a mandatory item is missing from. No Qt, no reportlab:
desktop/integrations/documents/contract.py renders a FilledContract to PDF.

Template format: a structured template (title + numbered clauses whose text holds {field}
placeholders), not a .docx. Reasons: the check must know exactly which fields every clause uses,
which a .docx (runs split anywhere by Word) cannot promise; the document that is signed is a PDF,
and turning a .docx into PDF needs Word or LibreOffice on the desktop; templates stay plain data
the settings can store, version and diff; and it adds no dependency beyond reportlab.

Texts for people come in Chinese with English variants (`lang` "zh_CN" or "en")."""

from __future__ import annotations

import string
from dataclasses import dataclass

from desktop.core.errors import ContractIncomplete, ValidationFailed


@dataclass(frozen=True)
class MandatoryItem:
    code: str
    zh: str
    en: str
    fields: tuple[str, ...]     # every one must appear in the template and be filled for the person


MANDATORY_ITEMS: tuple[MandatoryItem, ...] = (
    MandatoryItem("employer", "用人单位的名称、住所和法定代表人或者主要负责人",
                  "employer's name, address and legal representative or principal",
                  ("employer_name", "employer_address", "employer_representative")),
    MandatoryItem("employee", "劳动者的姓名、住址和居民身份证或者其他有效身份证件号码",
                  "employee's name, address and ID card or other valid identity document number",
                  ("employee_name", "employee_address", "employee_id_number")),
    MandatoryItem("term", "劳动合同期限", "term of the contract", ("contract_term",)),
    MandatoryItem("work", "工作内容和工作地点", "job content and place of work", ("job_content", "work_place")),
    MandatoryItem("hours", "工作时间和休息休假", "working hours, rest and leave", ("working_hours", "rest_and_leave")),
    MandatoryItem("pay", "劳动报酬", "remuneration", ("pay",)),
    MandatoryItem("social_insurance", "社会保险", "social insurance", ("social_insurance",)),
    MandatoryItem("protection", "劳动保护、劳动条件和职业危害防护",
                  "labour protection, working conditions and occupational hazard protection",
                  ("labour_protection",)),
    MandatoryItem("other_legal", "法律、法规规定应当纳入劳动合同的其他事项",
                  "other matters laws and regulations require in a labour contract", ("other_legal_matters",)),
)

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "employer_name": ("用人单位名称", "employer's name"),
    "employer_address": ("用人单位住所", "employer's address"),
    "employer_representative": ("法定代表人或主要负责人", "legal representative or principal"),
    "employee_name": ("劳动者姓名", "employee's name"),
    "employee_address": ("劳动者住址", "employee's address"),
    "employee_id_number": ("劳动者身份证件号码", "employee's ID number"),
    "contract_term": ("劳动合同期限", "contract term"),
    "job_content": ("工作内容", "job content"),
    "work_place": ("工作地点", "place of work"),
    "working_hours": ("工作时间", "working hours"),
    "rest_and_leave": ("休息休假", "rest and leave"),
    "pay": ("劳动报酬", "remuneration"),
    "social_insurance": ("社会保险", "social insurance"),
    "labour_protection": ("劳动保护、劳动条件和职业危害防护", "labour protection and conditions"),
    "other_legal_matters": ("其他法定事项", "other statutory matters"),
    "probation": ("试用期", "probation"),
    "position": ("岗位", "position"),
    "signing_place": ("签订地点", "place of signing"),
}


@dataclass(frozen=True)
class Clause:
    heading: str
    text: str            # may hold {field} placeholders; {{ and }} for literal braces


@dataclass(frozen=True)
class ContractTemplate:
    name: str
    version: int
    title: str
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class FilledContract:
    title: str
    template_name: str
    template_version: int
    employer_name: str
    employee_name: str
    clauses: tuple[Clause, ...]     # texts with every placeholder filled


def placeholders(template: ContractTemplate) -> set[str]:
    """The field names the template's headings and clauses use. A placeholder that is not a plain
    name ({a.b}, {x!r}, {y:>3}, an unclosed brace) is refused: ValidationFailed {"template": "placeholder"}."""
    names: set[str] = set()
    for clause in template.clauses:
        for text in (clause.heading, clause.text):
            try:
                parsed = list(string.Formatter().parse(text))
            except ValueError:
                raise ValidationFailed({"template": "placeholder"}) from None
            for _literal, name, spec, conversion in parsed:
                if name is None:
                    continue
                if not name.isidentifier() or spec or conversion:
                    raise ValidationFailed({"template": "placeholder"})
                names.add(name)
    return names


def check_template(template: ContractTemplate) -> None:
    """Raises ContractIncomplete naming every mandatory item the template has no placeholder for."""
    used = placeholders(template)
    missing = tuple(item.code for item in MANDATORY_ITEMS if not set(item.fields) <= used)
    if missing:
        raise ContractIncomplete(missing_items=missing)


def fill(template: ContractTemplate, values: dict[str, str]) -> FilledContract:
    """The contract for one person. Checks the template first, then that every placeholder has a
    non-blank value; raises ContractIncomplete naming everything missing at once, writes nothing."""
    used = placeholders(template)
    missing_items = tuple(item.code for item in MANDATORY_ITEMS if not set(item.fields) <= used)
    mandatory = {f for item in MANDATORY_ITEMS for f in item.fields}
    blank = tuple(sorted(f for f in used if not str(values.get(f) or "").strip()))
    missing_fields = tuple(f for f in blank if f in mandatory or f in FIELD_LABELS)
    unknown = tuple(f for f in blank if f not in missing_fields)
    if missing_items or missing_fields or unknown:
        raise ContractIncomplete(missing_items=missing_items, missing_fields=missing_fields, unknown_fields=unknown)
    clean = {k: str(v).strip() for k, v in values.items()}
    return FilledContract(
        title=template.title, template_name=template.name, template_version=template.version,
        employer_name=clean["employer_name"], employee_name=clean["employee_name"],
        clauses=tuple(Clause(c.heading.format_map(clean), c.text.format_map(clean)) for c in template.clauses),
    )


def item_label(code: str, lang: str = "zh_CN") -> str:
    item = next((i for i in MANDATORY_ITEMS if i.code == code), None)
    if item is None:
        return code
    return item.en if lang == "en" else item.zh


def field_label(code: str, lang: str = "zh_CN") -> str:
    zh, en = FIELD_LABELS.get(code, (code, code))
    return en if lang == "en" else zh


def describe(error: ContractIncomplete, lang: str = "zh_CN") -> str:
    """One sentence per kind of gap, e.g. "合同模板缺少《劳动合同法》第十七条规定的必备条款：社会保险。"."""
    en = lang == "en"
    sep = ", " if en else "、"
    parts = []
    if error.missing_items:
        names = sep.join(item_label(c, lang) for c in error.missing_items)
        parts.append(f"The contract template lacks mandatory items of Article 17 of the Labour Contract Law: "
                     f"{names}." if en else f"合同模板缺少《劳动合同法》第十七条规定的必备条款：{names}。")
    if error.missing_fields:
        names = sep.join(field_label(c, lang) for c in error.missing_fields)
        parts.append(f"Not filled in for this person: {names}." if en else f"以下必备事项尚未填写：{names}。")
    if error.unknown_fields:
        names = sep.join(error.unknown_fields)
        parts.append(f"The template uses fields nothing fills: {names}." if en
                     else f"合同模板使用了无法填写的字段：{names}。")
    parts.append("The contract cannot be issued." if en else "劳动合同不能签发。")
    return " ".join(parts) if en else "".join(parts)


DEFAULT_TEMPLATE = ContractTemplate(
    name="事业单位聘用（劳动）合同", version=1, title="劳动合同书",
    clauses=(
        Clause("合同双方", "甲方（用人单位）：{employer_name}；住所：{employer_address}；"
                          "法定代表人（主要负责人）：{employer_representative}。\n"
                          "乙方（劳动者）：{employee_name}；住址：{employee_address}；"
                          "居民身份证号码：{employee_id_number}。"),
        Clause("第一条 合同期限", "本合同期限为：{contract_term}。其中试用期：{probation}。"),
        Clause("第二条 工作内容和工作地点", "乙方同意在甲方{position}岗位工作，主要工作内容为：{job_content}。"
                                         "工作地点：{work_place}。"),
        Clause("第三条 工作时间和休息休假", "{working_hours}。{rest_and_leave}。"),
        Clause("第四条 劳动报酬", "{pay}。甲方以货币形式按月足额支付乙方工资，不得克扣或者无故拖欠。"),
        Clause("第五条 社会保险", "{social_insurance}。"),
        Clause("第六条 劳动保护、劳动条件和职业危害防护", "{labour_protection}。"),
        Clause("第七条 其他事项", "{other_legal_matters}。"),
        Clause("第八条 合同的变更、解除和终止", "本合同的变更、解除和终止，依照《中华人民共和国劳动合同法》"
                                               "及有关法律法规的规定执行。"),
        Clause("第九条 争议处理", "双方因履行本合同发生争议的，可以协商解决；协商不成的，可以向劳动人事争议"
                                 "仲裁委员会申请仲裁。"),
        Clause("第十条 其他", "本合同一式两份，甲乙双方各执一份，经甲方盖章（电子签名）、乙方签字后生效。"
                             "签订地点：{signing_place}。"),
    ),
)
