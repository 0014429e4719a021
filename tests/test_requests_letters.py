"""Every letter the request process calls for is issued by the flow step itself, reaches the applicant's
status page, and reads right as a PDF (pdftotext for the words, pdffonts for the embedded CJK fonts).

SPEC S2.4 (补正, 视为未申请), S2.5 (the answer of each kind), S2.6 (third party, public interest),
S2.8 (fee waiver), S6.2 (extension notice), and the letters of "Across all rules".
"""

import pytest
from django.utils import timezone

from disclosure_requests import services
from disclosure_requests.letters import issued_letters
from letters.templatetags.letters import chinese_date
from tests.support.pdf import compact, embedded_fonts, pdf_text
from tests.support.request_steps import (
    APPLICATION,
    apply,
    ask_for_supplement,
    do,
    registered,
    send_to_third_party,
    set_up_office,
)
from tests.test_letters import REMEDIES
from workdays.calendar import add_working_days, marked

TODAY = timezone.localdate
APPLICANT_ID = APPLICATION["id_number"]


@pytest.fixture
def office(office_rows, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield from set_up_office(settings)


def read(letter, tmp_path):
    """The letter's text as a reader sees it, after checking its fonts are the embedded Noto CJK ones."""
    pdf = letter.pdf.read()
    fonts = embedded_fonts(pdf, tmp_path)
    assert fonts.get("Noto-Serif-CJK-SC") is True and all(fonts.values()), fonts
    text = compact(pdf_text(pdf))
    assert APPLICANT_ID not in text
    return text


def latest(request, kind):
    return [letter for letter in issued_letters(request) if letter.kind == kind][-1]


def assert_contains(text, *expected):
    for phrase in expected:
        assert compact(phrase) in text, phrase


def on_status_page(request):
    return [item["title"] for item in services.public_status(request)["letters"]]


@pytest.mark.rule("S2.4")
def test_the_supplement_notice_lists_every_item_and_the_period_and_the_closing_letter_follows(
    office, tmp_path
):
    from viewflow.workflow.models import Task
    from viewflow.workflow.timers import fire_due_timers

    request = apply()
    ask_for_supplement(
        request, "1. 请说明所需信息的年份\n2、请补充身份证复印件\n请写明所需信息的具体项目名称", 10
    )
    deadline = add_working_days(TODAY(), 10)
    notice = read(latest(request, "supplement_notice"), tmp_path)
    assert_contains(
        notice,
        "政府信息公开申请补正告知书",
        "李明",
        request.tracking_number,
        "一次性告知",
        "1.请说明所需信息的年份",
        "2.请补充身份证复印件",
        "3.请写明所需信息的具体项目名称",
        f"请您于{chinese_date(deadline)}前",
        "视为未申请",
    )
    assert "政府信息公开申请补正告知书" in on_status_page(request)
    assert services.public_status(request)["supplement"]["deadline"] == deadline.isoformat()

    Task.objects.filter(process=request.process, flow_task_type="TIMER").update(scheduled=timezone.now())
    fire_due_timers()
    request.refresh_from_db()
    closing = read(latest(request, "deemed_withdrawn"), tmp_path)
    assert_contains(
        closing, "视为未申请告知书", request.tracking_number, chinese_date(deadline), "第三十条", "不再处理"
    )
    assert "政府信息公开申请视为未申请告知书" in on_status_page(request)


@pytest.mark.rule("S6.2")
def test_the_extension_notice_gives_the_days_the_new_due_date_and_the_leaders_approval(office, tmp_path):
    request = registered(apply())
    due_before = request.due_date
    do(
        request,
        "draft_answer",
        "xinxiyuan",
        decision="extend",
        extension_days=10,
        extension_reason="所申请信息涉及六个县市的数据，需要汇总核实",
    )
    do(request, "approve_extension", "fenguan", decision="approve")
    notice = read(latest(request, "extension_notice"), tmp_path)
    assert_contains(
        notice,
        "延期答复告知书",
        "李明",
        "所申请信息涉及六个县市的数据，需要汇总核实",
        "负责人同意",
        "延长10个工作日",
        # “（暂定）” follows the date while its year's holiday arrangement is not confirmed.
        f"将于{chinese_date(marked(request.received_date, add_working_days(due_before, 10)))}前作出答复",
    )
    assert "政府信息公开申请延期答复告知书" in on_status_page(request)


@pytest.mark.rule("S2.6")
def test_letters_to_the_third_party_name_neither_the_applicant_nor_their_id(office, tmp_path):
    request = registered(apply())
    send_to_third_party(request, TODAY())
    consultation = read(latest(request, "third_party_consultation"), tmp_path)
    assert_contains(
        consultation,
        "征求第三方意见书",
        "楚雄某某建筑有限公司",
        "涉及贵公司的工程造价等商业秘密",
        f"{chinese_date(add_working_days(TODAY(), 15))}前",
        request.description,
    )
    do(
        request,
        "third_party_reply",
        "xinxiyuan",
        reply="refuse",
        received_on=TODAY().isoformat(),
        public_interest_override="on",
        public_interest_reason="安置点建设资金涉及群众切身利益",
    )
    notice = read(latest(request, "public_interest_notice"), tmp_path)
    assert_contains(notice, "政府信息公开决定告知书", "安置点建设资金涉及群众切身利益")
    for text in (consultation, notice):
        assert "李明" not in text and "13887654321" not in text
    # the applicant's page lists only the letters addressed to the applicant
    assert all("第三方" not in title for title in on_status_page(request))


ANSWERS = [
    (
        "already_public",
        {"reason": "已在本机关门户网站“扶贫项目资金信息”栏目主动公开"},
        ["第三十六条第（一）项", "扶贫项目资金信息"],
    ),
    ("disclosed", {}, ["属于公开范围", "纸质，邮寄"]),
    ("transferred", {"other_agency": "楚雄州信访局"}, ["第三十九条", "移交楚雄州信访局处理"]),
    (
        "not_government_information",
        {"reason": "所申请内容是对政策的咨询"},
        ["第二条", "理由：所申请内容是对政策的咨询"],
    ),
    (
        "refused",
        {
            "legal_ground": "《中华人民共和国保守国家秘密法》第九条",
            "reason": "属于国家秘密",
            "refusal_row": "不予公开/属于国家秘密",
        },
        ["根据《中华人民共和国保守国家秘密法》第九条的规定", "决定不予公开", "理由：属于国家秘密"],
    ),
    (
        "partial",
        {"legal_ground": "《中华人民共和国政府信息公开条例》第十五条", "reason": "名单中含有个人身份信息"},
        [
            "第三十七条",
            "可以公开的部分",
            "依据：《中华人民共和国政府信息公开条例》第十五条",
            "理由：名单中含有个人身份信息",
        ],
    ),
    (
        "other_agency",
        {"other_agency": "楚雄州财政局", "other_agency_contact": "楚雄市鹿城南路2号，0878-3120000"},
        ["第三十六条第（五）项", "由楚雄州财政局负责公开", "联系方式：楚雄市鹿城南路2号，0878-3120000"],
    ),
    (
        "not_exist",
        {"reason": "经检索，本机关未制作该信息"},
        ["第三十六条第（四）项", "理由：经检索，本机关未制作该信息"],
    ),
    (
        "repeat",
        {"reason": "同一申请已于2026年3月20日答复（2026-00001）"},
        ["第三十六条第（六）项", "不予重复处理"],
    ),
]


@pytest.mark.rule("S2.5", "S2.5.1", "S2.5.2", "S2.5.3", "S2.5.4", "S2.5.5", "S2.5.6", "S2.5.7")
@pytest.mark.parametrize("kind, fields, expected", ANSWERS, ids=[answer[0] for answer in ANSWERS])
def test_the_answer_letter_of_each_kind_says_what_its_kind_requires(office, tmp_path, kind, fields, expected):
    request = registered(apply())
    do(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind=kind, **fields)
    do(request, "leader_approval", "fenguan", decision="approve")
    letter = issued_letters(request)[-1]
    assert letter.issued_by.username == "fenguan"
    text = read(letter, tmp_path)
    assert_contains(
        text, "政府信息公开申请答复书", "李明", request.tracking_number, request.description, *expected
    )
    assert_contains(text, *REMEDIES)
    assert "政府信息公开申请答复书" in on_status_page(request)


@pytest.mark.rule("S2.8")
def test_the_fee_waiver_decision_is_written_to_the_applicant(office, tmp_path):
    request = registered(apply(fee_waiver_ground="minimum_allowance"))
    do(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="disclosed")
    do(request, "decide_fee_waiver", "zonghe", approved="0", fee_amount="12.50")
    text = read(latest(request, "fee_decision"), tmp_path)
    assert_contains(
        text, "收费及减免决定告知书", "享受城乡居民最低生活保障", "不予减免", "12.50元", "成本费用"
    )
