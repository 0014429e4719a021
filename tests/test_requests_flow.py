"""Handling a request in the admin inbox, from registration to the archive (SPEC S2.2–S2.8, S6.2).

The demo roles do the work: zonghe (综合科) registers, reviews and delivers; xinxiyuan drafts the answer
for 项目管理科; fenguan (分管领导) approves extensions and answers.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from audit.trail import history
from disclosure_requests.flows import DisclosureRequestFlow
from disclosure_requests.letters import ANSWER_LETTER
from disclosure_requests.models import DisclosureRequest
from tests.support.people import user
from tests.support.request_steps import (
    apply,
    ask_for_supplement,
    do,
    letter_kinds,
    registered,
    send_to_third_party,
    set_up_office,
)
from tests.support.workflow import OPEN, form_errors, open_task
from workdays.calendar import add_working_days
from workflow import tasks

# No test here reads a PDF: letters are archived without their layout (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("pdf_layout_skipped")

TODAY = timezone.localdate


@pytest.fixture
def office(office_rows, db, settings):
    yield from set_up_office(settings)


def approve_and_deliver(request):
    do(request, "leader_approval", "fenguan", decision="approve")
    assert request.status == DisclosureRequest.Status.ANSWERED and request.answered_on == TODAY()
    do(request, "deliver", "zonghe", delivered_on=TODAY().isoformat(), how="EMS 1234567890")
    assert request.status == DisclosureRequest.Status.ARCHIVED
    assert not request.process.task_set.filter(status__in=OPEN).exists()
    return request


ANSWERS = [
    ("already_public", {"reason": "已在公开目录“扶贫项目资金信息”中公开"}, "予以公开"),
    ("disclosed", {}, "予以公开"),
    ("transferred", {"other_agency": "楚雄州信访局"}, "不予处理/信访举报投诉类申请"),
    ("not_government_information", {"reason": "所申请内容不属于政府信息"}, "其他处理/其他"),
    (
        "refused",
        {
            "legal_ground": "《保守国家秘密法》",
            "reason": "属于国家秘密",
            "refusal_row": "不予公开/属于国家秘密",
        },
        "不予公开/属于国家秘密",
    ),
    ("partial", {"legal_ground": "条例第十四条", "reason": "部分涉及个人隐私，已作区分处理"}, "部分公开"),
    (
        "other_agency",
        {"other_agency": "楚雄州财政局", "other_agency_contact": "0878-3120000"},
        "无法提供/本机关不掌握相关政府信息",
    ),
    ("not_exist", {"reason": "经检索，本机关未制作该信息"}, "无法提供/本机关不掌握相关政府信息"),
    ("repeat", {"reason": "已于2026年3月2日答复（2026-00001）"}, "不予处理/重复申请"),
]


@pytest.mark.rule(
    "S2.2",
    "S2.4",
    "S2.5",
    "S2.5.1",
    "S2.5.2",
    "S2.5.3",
    "S2.5.4",
    "S2.5.5",
    "S2.5.6",
    "S2.5.7",
    "S2.7",
    "S2.10",
)
@pytest.mark.parametrize("kind, fields, row", ANSWERS, ids=[a[0] for a in ANSWERS])
def test_each_answer_kind_from_registration_to_archive(office, kind, fields, row):
    request = registered(apply())
    assert request.status == DisclosureRequest.Status.IN_PROGRESS
    do(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind=kind, **fields)
    assert request.status == DisclosureRequest.Status.AWAITING_APPROVAL
    approve_and_deliver(request)
    assert (request.answer_kind, request.report_row) == (kind, row)
    assert letter_kinds(request) == ["registration_receipt", ANSWER_LETTER[kind]]
    steps = [entry.step_label for entry in history(request)]
    assert steps[:3] == ["综合科登记", "审查申请是否完整", "交承办科室"] and steps[-1] == "送达"


@pytest.mark.rule("S2.5")
def test_a_refusal_needs_its_legal_ground_and_reason(office):
    request = registered(apply())
    errors = form_errors(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="refused")
    assert "法律依据" in errors["legal_ground"][0] and "理由" in errors["reason"][0]
    errors = form_errors(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="other_agency")
    assert "联系方式" in errors["other_agency"][0]


@pytest.mark.rule("S2.4", "S6.2")
def test_supplement_restarts_the_clock_and_the_request_goes_on(office):
    request = apply()
    ask_for_supplement(request, "1. 请说明所需信息的年份\n2. 请补充身份证复印件", 10)
    assert request.status == DisclosureRequest.Status.AWAITING_SUPPLEMENT and request.due_date is None
    assert request.process.supplement_due == add_working_days(TODAY(), 10)
    assert letter_kinds(request) == ["registration_receipt", "supplement_notice"]
    # 视为未申请 is refused while the period runs
    errors = form_errors(request, "await_supplement", "zonghe", decision="not_supplemented")
    assert "尚未届满" in errors["decision"][0]
    yesterday = (TODAY() - datetime.timedelta(days=1)).isoformat()
    errors = form_errors(
        request, "await_supplement", "zonghe", decision="supplemented", received_on=yesterday, record="x"
    )
    assert "不能早于发出补正告知书之日" in errors["received_on"][0]
    supplemented_on = TODAY()  # brought to the counter today
    errors = form_errors(
        request,
        "await_supplement",
        "zonghe",
        decision="supplemented",
        received_on=supplemented_on.isoformat(),
    )
    assert "补正的内容" in errors["record"][0]
    do(
        request,
        "await_supplement",
        "zonghe",
        decision="supplemented",
        received_on=supplemented_on.isoformat(),
        record="申请人到窗口补充：所需信息为2025年度；身份证复印件已收",
    )
    assert request.due_date == add_working_days(supplemented_on, 15)
    do(request, "review_completeness", "zonghe", decision="complete")
    assert open_task(request, "assign_section")


@pytest.mark.rule("S2.4")
def test_no_supplement_by_the_deadline_closes_the_request_as_not_applied(office):
    """The period's timer closes the request by itself, with the 视为未申请 letter (workflow_timers)."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS
    from viewflow.workflow.timers import fire_due_timers

    request = apply()
    ask_for_supplement(request, "请说明所需信息的名称", 5)
    timer = Task.objects.get(process=request.process, flow_task_type="TIMER", status=STATUS.SCHEDULED)
    last_day = add_working_days(TODAY(), 5)
    assert timezone.localtime(timer.scheduled) == timezone.make_aware(
        datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min)
    )
    fire_due_timers()  # not yet due: nothing happens
    assert open_task(request, "await_supplement")
    Task.objects.filter(pk=timer.pk).update(scheduled=timezone.now() - datetime.timedelta(minutes=1))
    fire_due_timers()
    request.refresh_from_db()
    assert request.status == DisclosureRequest.Status.WITHDRAWN
    assert request.answer_kind == "deemed_withdrawn"
    assert request.report_row.startswith("其他处理/申请人无正当理由逾期不补正")
    assert not request.process.task_set.filter(status__in=OPEN).exists()
    assert letter_kinds(request) == ["registration_receipt", "supplement_notice", "deemed_withdrawn"]


@pytest.mark.rule("S2.4")
def test_a_good_reason_gives_a_new_supplement_period(office):
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    request = apply()
    ask_for_supplement(request, "请说明所需信息的名称", 5)
    new_due = add_working_days(TODAY(), 12)
    do(
        request,
        "await_supplement",
        "zonghe",
        decision="good_reason",
        record="申请人住院，电话说明出院后补正",
        new_due=new_due.isoformat(),
    )
    assert request.process.supplement_due == new_due
    timer = Task.objects.get(process=request.process, flow_task_type="TIMER", status=STATUS.SCHEDULED)
    assert timezone.localtime(timer.scheduled).date() == new_due + datetime.timedelta(days=1)
    # staff can close it only once the new period is over
    errors = form_errors(request, "await_supplement", "zonghe", decision="not_supplemented")
    assert "尚未届满" in errors["decision"][0]


@pytest.mark.rule("S2.6", "S6.2")
def test_third_party_refuses_but_the_public_interest_overrides(office):
    request = registered(apply())
    due_before = request.due_date
    errors = form_errors(
        request, "draft_answer", "xinxiyuan", decision="consult", third_party="楚雄某某建筑有限公司"
    )
    assert "原因" in errors["third_party_reason"][0]
    sent = TODAY()
    send_to_third_party(request, sent)
    assert letter_kinds(request)[-1] == "third_party_consultation"
    assert request.status == DisclosureRequest.Status.CONSULTING and request.due_date is None
    errors = form_errors(
        request,
        "third_party_reply",
        "xinxiyuan",
        reply="refuse",
        received_on=sent.isoformat(),
        public_interest_override="on",
    )
    assert "理由" in errors["public_interest_reason"][0]
    replied = add_working_days(sent, 10)
    do(
        request,
        "third_party_reply",
        "xinxiyuan",
        reply="refuse",
        received_on=replied.isoformat(),
        public_interest_override="on",
        public_interest_reason="安置点建设资金涉及群众切身利益，不公开可能对公共利益造成重大影响",
    )
    # the ten working days of the consultation are not counted
    assert request.due_date == add_working_days(replied, 15) > due_before
    assert request.process.public_interest_override
    assert "因公共利益决定公开" in history(request)[-1].text
    do(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="disclosed")
    approve_and_deliver(request)
    assert letter_kinds(request) == [
        "registration_receipt",
        "third_party_consultation",
        "public_interest_notice",
        "answer_public",
    ]
    from disclosure_requests.letters import issued_letters

    to_third_party = [letter for letter in issued_letters(request) if letter.kind != "registration_receipt"][
        :2
    ]
    assert {letter.recipient_name for letter in to_third_party} == {"楚雄某某建筑有限公司"}


@pytest.mark.rule("S6.2")
def test_extension_needs_the_leader_and_happens_once(office):
    request = registered(apply())
    due_before = request.due_date
    errors = form_errors(
        request, "draft_answer", "xinxiyuan", decision="extend", extension_days=16, extension_reason="x"
    )
    assert "最长不超过15" in errors["extension_days"][0]
    do(
        request,
        "draft_answer",
        "xinxiyuan",
        decision="extend",
        extension_days=15,
        extension_reason="信息量大，需汇总各县数据",
    )
    do(request, "approve_extension", "fenguan", decision="approve")
    assert request.due_date == add_working_days(due_before, 15)
    assert letter_kinds(request) == ["registration_receipt", "extension_notice"]
    errors = form_errors(
        request, "draft_answer", "xinxiyuan", decision="extend", extension_days=5, extension_reason="再延"
    )
    assert "不能再次延长" in errors["decision"][0]


@pytest.mark.rule("S2.8")
def test_fee_waiver_is_decided_before_the_leader_approves(office):
    request = registered(apply(fee_waiver_ground="minimum_allowance"))
    do(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="disclosed")
    do(request, "decide_fee_waiver", "zonghe", approved="1", fee_amount="12.50")
    assert request.fee_waiver_approved is True and request.fee_amount == 0
    approve_and_deliver(request)
    assert letter_kinds(request) == ["registration_receipt", "fee_decision", "answer_public"]


def test_the_leader_can_return_the_answer(office):
    request = registered(apply())
    do(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="disclosed")
    assert "理由" in form_errors(request, "leader_approval", "fenguan", decision="return")["opinion"][0]
    do(request, "leader_approval", "fenguan", decision="return", opinion="请附上资金明细表")
    assert open_task(request, "draft_answer").owner == user("xinxiyuan")


def test_only_the_general_office_can_claim_registration(office):
    request = apply()
    with pytest.raises(PermissionDenied):
        tasks.claim(open_task(request, "register"), user("kezhang"))
    assert [t.flow_task for t in tasks.queue(user("zonghe"))] == [DisclosureRequestFlow.register]
