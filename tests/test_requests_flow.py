"""Handling a request in the admin inbox, from registration to the archive (SPEC S2.2–S2.8, S6.2).

The demo roles do the work: zonghe (综合科) registers, reviews and delivers; xinxiyuan drafts the answer
for 项目管理科; fenguan (分管领导) approves extensions and answers.
"""

import datetime
import io

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.status import STATUS

from disclosure_requests import services
from disclosure_requests.flows import DisclosureRequestFlow
from disclosure_requests.forms import RequestForm
from disclosure_requests.models import DisclosureRequest
from flows import tasks
from organisation.models import Department
from workdays.calendar import add_working_days, clear_cache

OPEN = [STATUS.NEW, STATUS.ASSIGNED]
TODAY = timezone.localdate

APPLICATION = {
    "applicant_type": "citizen",
    "name": "李明",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13887654321",
    "address": "云南省楚雄州楚雄市鹿城南路100号",
    "description": "2025年东华镇易地扶贫搬迁安置点建设资金使用情况",
    "carrier": "paper",
    "delivery": "post",
}


@pytest.fixture
def demo(db, settings):
    settings.GONGKAI_DEMO_ALLOWED = True
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    clear_cache()
    call_command("load_demo", stdout=io.StringIO())
    yield
    clear_cache()


def user(username):
    return get_user_model().objects.get(username=username)


def apply(**overrides):
    form = RequestForm({**APPLICATION, **overrides})
    assert form.is_valid(), form.errors
    request, _ = services.submit(form, DisclosureRequest.Channel.ONLINE)
    return request


def open_task(request, step):
    return request.process.task_set.get(flow_task=getattr(DisclosureRequestFlow, step), status__in=OPEN)


def do(request, step, username, **data):
    task, person = open_task(request, step), user(username)
    if task.status == STATUS.NEW:
        tasks.claim(task, person)
        task.refresh_from_db()
    form = task.flow_task.form_class(data=data, task=task, user=person)
    assert form.is_valid(), form.errors
    tasks.complete(task, person, form)
    request.refresh_from_db()
    return request


def form_errors(request, step, username, **data):
    task = open_task(request, step)
    form = task.flow_task.form_class(data=data, task=task, user=user(username))
    assert not form.is_valid()
    return form.errors


def registered(request):
    do(request, "register", "zonghe")
    do(request, "review_completeness", "zonghe", decision="complete")
    do(request, "assign_section", "zonghe", department=Department.objects.get(name="项目管理科").pk)
    return request


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
    ("transferred", {"reason": "属于信访事项，已转州信访局"}, "不予处理/信访举报投诉类申请"),
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
]


@pytest.mark.rule("S2.2", "S2.4", "S2.5", "S2.7", "S2.10")
@pytest.mark.parametrize("kind, fields, row", ANSWERS, ids=[a[0] for a in ANSWERS])
def test_each_answer_kind_from_registration_to_archive(demo, kind, fields, row):
    request = registered(apply())
    assert request.status == DisclosureRequest.Status.IN_PROGRESS
    do(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind=kind, **fields)
    assert request.status == DisclosureRequest.Status.AWAITING_APPROVAL
    approve_and_deliver(request)
    assert (request.answer_kind, request.report_row) == (kind, row)
    steps = list(request.notes.values_list("step", flat=True))
    assert steps[:3] == ["综合科登记", "审查申请是否完整", "交承办科室"] and steps[-1] == "送达"


@pytest.mark.rule("S2.5")
def test_a_refusal_needs_its_legal_ground_and_reason(demo):
    request = registered(apply())
    errors = form_errors(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="refused")
    assert "法律依据" in errors["legal_ground"][0] and "理由" in errors["reason"][0]
    errors = form_errors(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="other_agency")
    assert "联系方式" in errors["other_agency"][0]


@pytest.mark.rule("S2.4", "S6.2")
def test_supplement_restarts_the_clock_and_the_request_goes_on(demo):
    request = apply()
    do(request, "register", "zonghe")
    do(
        request,
        "review_completeness",
        "zonghe",
        decision="incomplete",
        items="1. 请说明所需信息的年份\n2. 请补充身份证复印件",
        period_days=10,
    )
    assert request.status == DisclosureRequest.Status.AWAITING_SUPPLEMENT and request.due_date is None
    assert request.process.supplement_due == add_working_days(TODAY(), 10)
    # 视为未申请 is refused while the period runs
    errors = form_errors(request, "await_supplement", "zonghe", decision="not_supplemented")
    assert "尚未届满" in errors["decision"][0]
    supplemented_on = TODAY() + datetime.timedelta(days=3)
    do(
        request,
        "await_supplement",
        "zonghe",
        decision="supplemented",
        received_on=supplemented_on.isoformat(),
    )
    assert request.due_date == add_working_days(supplemented_on, 15)
    do(request, "review_completeness", "zonghe", decision="complete")
    assert open_task(request, "assign_section")


@pytest.mark.rule("S2.4")
def test_no_supplement_by_the_deadline_closes_the_request_as_not_applied(demo):
    request = apply()
    do(request, "register", "zonghe")
    do(
        request,
        "review_completeness",
        "zonghe",
        decision="incomplete",
        items="请说明所需信息的名称",
        period_days=5,
    )
    process = request.process
    process.supplement_due = TODAY() - datetime.timedelta(days=1)
    process.save(update_fields=["supplement_due"])
    do(request, "await_supplement", "zonghe", decision="not_supplemented", record="电话联系未果")
    assert request.status == DisclosureRequest.Status.WITHDRAWN
    assert request.answer_kind == "deemed_withdrawn"
    assert request.report_row.startswith("其他处理/申请人无正当理由逾期不补正")
    assert not request.process.task_set.filter(status__in=OPEN).exists()


@pytest.mark.rule("S2.6", "S6.2")
def test_third_party_refuses_but_the_public_interest_overrides(demo):
    request = registered(apply())
    due_before = request.due_date
    do(request, "draft_answer", "xinxiyuan", decision="consult", third_party="楚雄某某建筑有限公司")
    sent = TODAY()
    do(request, "send_third_party_letter", "xinxiyuan", sent_on=sent.isoformat())
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
    assert "因公共利益决定公开" in request.notes.last().text
    do(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="disclosed")
    approve_and_deliver(request)


@pytest.mark.rule("S6.2")
def test_extension_needs_the_leader_and_happens_once(demo):
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
    errors = form_errors(
        request, "draft_answer", "xinxiyuan", decision="extend", extension_days=5, extension_reason="再延"
    )
    assert "不能再次延长" in errors["decision"][0]


@pytest.mark.rule("S2.8")
def test_fee_waiver_is_decided_before_the_leader_approves(demo):
    request = registered(apply(fee_waiver_ground="minimum_allowance"))
    do(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="disclosed")
    do(request, "decide_fee_waiver", "zonghe", approved="1", fee_amount="12.50")
    assert request.fee_waiver_approved is True and request.fee_amount == 0
    approve_and_deliver(request)


def test_the_leader_can_return_the_answer(demo):
    request = registered(apply())
    do(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="disclosed")
    assert "理由" in form_errors(request, "leader_approval", "fenguan", decision="return")["opinion"][0]
    do(request, "leader_approval", "fenguan", decision="return", opinion="请附上资金明细表")
    assert open_task(request, "draft_answer").owner == user("xinxiyuan")


def test_only_the_general_office_can_claim_registration(demo):
    request = apply()
    with pytest.raises(PermissionDenied):
        tasks.claim(open_task(request, "register"), user("kezhang"))
    assert [t.flow_task for t in tasks.queue(user("zonghe"))] == [DisclosureRequestFlow.register]
