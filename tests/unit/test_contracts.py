"""The 劳动合同法 第十七条 check: a template without a mandatory item is refused with the item named,
a person's missing values are named, and nothing half-filled comes out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.core import contracts
from desktop.core.errors import ContractIncomplete, ValidationFailed


def values(**changes: str) -> dict[str, str]:
    base = {
        "employer_name": "某市第一人民医院", "employer_address": "某市健康路 12 号", "employer_representative": "张院长",
        "employee_name": "王小明", "employee_address": "某市和平街 3 号", "employee_id_number": "110101199001011234",
        "contract_term": "固定期限，自 2027 年 1 月 4 日起至 2030 年 1 月 3 日止", "probation": "6 个月",
        "position": "信息管理", "job_content": "医院信息系统运维", "work_place": "某市健康路 12 号",
        "working_hours": "标准工时制，每日 8 小时", "rest_and_leave": "享受国家规定的法定节假日、年休假",
        "pay": "岗位工资 2,450 元/月、薪级工资 1,200 元/月、绩效工资按考核发放",
        "social_insurance": "甲方依法为乙方缴纳养老、医疗、失业、工伤、生育保险和住房公积金",
        "labour_protection": "甲方提供符合国家规定的劳动安全卫生条件和必要的劳动防护用品",
        "other_legal_matters": "按国家和本省事业单位人事管理规定执行", "signing_place": "某市",
    }
    base.update(changes)
    return base


def without(code: str) -> contracts.ContractTemplate:
    """The default template with every clause that uses the item's fields removed."""
    fields = next(i.fields for i in contracts.MANDATORY_ITEMS if i.code == code)
    kept = tuple(c for c in contracts.DEFAULT_TEMPLATE.clauses if not any("{" + f + "}" in c.text for f in fields))
    return replace(contracts.DEFAULT_TEMPLATE, clauses=kept)


def test_default_template_has_every_mandatory_item_and_fills():
    contracts.check_template(contracts.DEFAULT_TEMPLATE)
    filled = contracts.fill(contracts.DEFAULT_TEMPLATE, values())
    text = "\n".join(c.text for c in filled.clauses)
    assert "{" not in text and "王小明" in text and "养老、医疗" in text
    assert (filled.employer_name, filled.employee_name) == ("某市第一人民医院", "王小明")


def test_template_without_social_insurance_is_refused_naming_it():
    template = without("social_insurance")
    with pytest.raises(ContractIncomplete) as caught:
        contracts.check_template(template)
    assert caught.value.missing_items == ("social_insurance",)
    assert contracts.describe(caught.value) == ("合同模板缺少《劳动合同法》第十七条规定的必备条款：社会保险。"
                                                "劳动合同不能签发。")
    assert "social insurance" in contracts.describe(caught.value, "en")
    with pytest.raises(ContractIncomplete):      # filling is refused too, whatever the values
        contracts.fill(template, values())


def test_every_mandatory_item_is_checked():
    for item in contracts.MANDATORY_ITEMS:
        with pytest.raises(ContractIncomplete) as caught:
            contracts.check_template(without(item.code))
        assert item.code in caught.value.missing_items


def test_missing_values_for_the_person_are_all_named():
    with pytest.raises(ContractIncomplete) as caught:
        contracts.fill(contracts.DEFAULT_TEMPLATE, values(employee_address="  ", social_insurance="", probation=""))
    error = caught.value
    assert error.missing_items == ()
    assert error.missing_fields == ("employee_address", "probation", "social_insurance")
    assert contracts.describe(error) == "以下必备事项尚未填写：劳动者住址、试用期、社会保险。劳动合同不能签发。"
    assert "110101" not in str(error) and "王小明" not in str(error)    # no personal data in the error


def test_placeholder_nothing_fills_is_named():
    template = replace(contracts.DEFAULT_TEMPLATE, clauses=contracts.DEFAULT_TEMPLATE.clauses
                       + (contracts.Clause("附加", "{housing_allowance}"),))
    with pytest.raises(ContractIncomplete) as caught:
        contracts.fill(template, values())
    assert caught.value.unknown_fields == ("housing_allowance",)


@pytest.mark.parametrize("text", ["{a.b}", "{pay!r}", "{pay:>30}", "unclosed {pay", "{}"])
def test_placeholders_other_than_plain_names_are_refused(text):
    template = replace(contracts.DEFAULT_TEMPLATE, clauses=(contracts.Clause("x", text),))
    with pytest.raises(ValidationFailed) as caught:
        contracts.placeholders(template)
    assert caught.value.problems == {"template": "placeholder"}


def test_braces_in_values_are_not_read_as_placeholders():
    filled = contracts.fill(contracts.DEFAULT_TEMPLATE, values(job_content="维护 {pay} 系统"))
    assert any("维护 {pay} 系统" in c.text for c in filled.clauses)
