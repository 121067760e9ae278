"""The match report's rules, case by case: what a requirement asks, what the profile says, and the
verdict, evidence and gap an interviewer reads; the weighted score; the older position fields; the
wording of the low-match alert in Chinese and English."""

from __future__ import annotations

import pytest

from desktop.core import matching
from desktop.core.matching import MET, MISSED, PARTLY, Profile, Requirement, match


def one(kind: str, value: str, profile: Profile, label: str = "", locale: str = "zh_CN") -> matching.RequirementResult:
    return match([Requirement(kind, label, value, 1)], profile, locale).reasons[0]


@pytest.mark.parametrize(("required", "has", "verdict"), [
    ("master", "doctorate", MET), ("master", "master", MET), ("master", "bachelor", PARTLY),
    ("master", "associate", MISSED), ("bachelor", "secondary", MISSED), ("associate", "bachelor", MET),
    ("doctorate", "master", PARTLY), ("secondary", "none", PARTLY),
])
def test_education_by_level_one_below_is_partly(required, has, verdict):
    assert one("education", required, Profile(education=has)).verdict == verdict


def test_education_gap_names_both_levels():
    result = one("education", "master", Profile(education="bachelor"))
    assert (result.evidence, result.gap) == ("本科", "学历未达要求（要求硕士，实为本科）")
    result = one("education", "master", Profile(education="bachelor"), locale="en")
    assert result.gap == "education below the requirement (required: Master, has: Bachelor)"


@pytest.mark.parametrize(("required", "has", "verdict"), [
    ("临床医学", "临床医学", MET),
    ("临床医学, 内科学", "内科学", MET),
    ("计算机", "计算机科学与技术", MET),                 # one contains the other
    ("临床医学（五年制）", "临床医学", MET),
    ("临床医学", "基础医学", PARTLY),                   # a shared word: related
    ("计算机科学与技术", "材料科学与工程", MISSED),       # 科学 alone relates nothing
    ("临床医学", "法学", MISSED),
    ("Computer Science", "computer science", MET),
    ("Computer Science", "Data Science and Computing", PARTLY),
    ("临床医学", "", MISSED),
])
def test_majors_same_or_containing_met_related_partly(required, has, verdict):
    assert one("major", required, Profile(major=has)).verdict == verdict


def test_major_gap_says_what_was_asked_and_what_is_there():
    assert one("major", "临床医学", Profile(major="法学")).gap == "专业不符（要求临床医学，实为法学）"
    assert one("major", "临床医学", Profile(major="基础医学")).gap == "专业相近但不一致（要求临床医学，实为基础医学）"
    assert one("major", "临床医学", Profile()).gap == "未填写专业（要求临床医学）"


@pytest.mark.parametrize(("required", "years", "verdict"), [
    ("5", 5, MET), ("5", 8, MET), ("5", 4, PARTLY), ("10", 7, PARTLY), ("10", 6, MISSED), ("3", 0, MISSED),
    ("0", 0, MET),
])
def test_years_seventy_per_cent_is_partly(required, years, verdict):
    assert one("years", required, Profile(years_experience=years)).verdict == verdict


def test_years_evidence_and_gap():
    result = one("years", "5", Profile(years_experience=3))
    assert (result.evidence, result.gap) == ("3年", "工作年限不足（要求5年，实为3年）")
    assert one("years", "5", Profile(years_experience=3), locale="en").evidence == "3 years"


@pytest.mark.parametrize(("value", "profile", "verdict", "found"), [
    ("Python, SQL", Profile(skills="Python、SQL、Excel"), MET, ("Python", "SQL")),
    ("Python, SQL", Profile(skills="Excel", experience="用 SQL 写报表"), PARTLY, ("SQL",)),
    ("Python", Profile(skills="JavaScript"), MISSED, ()),
    ("Java", Profile(skills="JavaScript"), MISSED, ()),            # a Latin word stands alone
    ("python", Profile(resume_summary="熟悉PYTHON数据分析"), MET, ("python",)),   # any case, no spaces needed
    ("公文写作", Profile(experience="三年办公室公文写作经验"), MET, ("公文写作",)),
    ("ＳＱＬ", Profile(skills="SQL"), MET, ("ＳＱＬ",)),              # full-width typed with a Chinese IME
])
def test_skills_fraction_found_anywhere_in_the_profile(value, profile, verdict, found):
    result = one("skill", value, profile)
    assert (result.verdict, result.found) == (verdict, found)


def test_keyword_evidence_quotes_the_profile_words_found():
    profile = Profile(skills="Excel", experience="2019年起在市医院信息科负责 SQL 报表开发与数据治理工作，并参与了电子病历系统的上线",
                      certificates="执业医师资格证")
    result = one("skill", "SQL, Python", profile)
    assert result.evidence.startswith("工作经历：“…") and "SQL 报表开发" in result.evidence
    assert result.gap == "缺少 Python 技能"
    result = one("certificate", "执业医师资格证, 规培合格证", profile)
    assert (result.verdict, result.evidence, result.gap) == (PARTLY, "证书：“执业医师资格证”", "缺少证书：规培合格证")


def test_custom_requirement_looks_in_its_own_field_first():
    profile = Profile(extra={"外语水平": "英语六级", "党员": "是"}, experience="曾获英语演讲比赛奖")
    result = one("custom", "英语六级", profile, label="外语水平")
    assert (result.verdict, result.label, result.evidence) == (MET, "外语水平", "外语水平：“英语六级”")
    missed = one("custom", "日语", profile, label="外语水平")
    assert (missed.verdict, missed.gap) == (MISSED, "外语水平未见：日语")


def test_score_is_the_weighted_share_partly_counting_half():
    profile = Profile(education="bachelor", skills="SQL", years_experience=5)
    report = match([Requirement("education", "", "master", 3),          # partly: 1.5 of 3
                    Requirement("skill", "", "Python, SQL", 2),         # partly: 1 of 2
                    Requirement("years", "", "5", 1),                   # met: 1 of 1
                    Requirement("certificate", "", "会计证", 4)],         # missed: 0 of 4
                   profile)
    assert report.score == 35                                            # 3.5 / 10
    assert [r.verdict for r in report.reasons] == [PARTLY, PARTLY, MET, MISSED]
    assert match([], profile).score == 100                               # nothing asked, nothing missing
    assert match([Requirement("years", "", "3", 1)] * 3, Profile()).score == 0


def test_score_rounds_half_up_and_the_same_input_gives_the_same_report():
    reqs = [Requirement("years", "", "1", 1), Requirement("skill", "", "Python", 1), Requirement("skill", "", "Go", 6)]
    profile = Profile(years_experience=1)
    assert match(reqs, profile).score == 13                              # 1/8 = 12.5 %
    assert match(reqs, profile) == match(reqs, profile)


def test_main_gaps_missed_before_partly_heavier_first():
    report = match([Requirement("years", "", "5", 1), Requirement("skill", "", "Python", 2),
                    Requirement("education", "", "master", 5), Requirement("certificate", "", "会计证", 2)],
                   Profile(education="bachelor", years_experience=0))
    assert [r.kind for r in report.gaps()] == ["skill", "certificate", "years"]


def test_a_position_without_structured_requirements_uses_its_older_fields():
    reqs = matching.legacy_requirements("master", 3, "人事管理，公文写作")
    assert [(r.kind, r.value) for r in reqs] == [("education", "master"), ("years", "3"), ("skill", "人事管理，公文写作")]
    assert matching.legacy_requirements("none", 0, "") == []
    report = match(reqs, Profile(education="master", years_experience=3, skills="人事管理"))
    assert report.score == 79 and report.reasons[2].missing == ("公文写作",)   # (2 + 2 + 1.5) / 7


def test_the_alert_words_its_gaps_in_each_language():
    report = match([Requirement("education", "", "master", 3), Requirement("skill", "", "Python", 2),
                    Requirement("years", "", "2", 1)], Profile(education="bachelor", years_experience=2))
    payload = matching.to_payload(report)
    assert payload["score"] == 42 and [g["kind"] for g in payload["gaps"]] == ["skill", "education"]
    assert matching.payload_texts(payload) == (
        "42%", "缺少 Python 技能、学历未达要求（要求硕士，实为本科）", "Python 的实际掌握程度、学历背景及同等能力")
    score, gaps, focus = matching.payload_texts(payload, "en")
    assert gaps == "missing skills: Python; education below the requirement (required: Master, has: Bachelor)"
    assert focus == "actual command of Python; equivalent qualifications and training"
    assert matching.payload_texts(None) == ("", "", "")


def test_keywords_split_on_chinese_and_western_separators():
    assert matching.keywords("Python, SQL；公文写作、 Excel/Word\n Python") == ["Python", "SQL", "公文写作", "Excel", "Word"]
