"""Shared steps of the request tests: the office's people without the demo pages, and the inbox moves.

zonghe (综合科) registers, reviews and delivers; xinxiyuan drafts the answer for 项目管理科; fenguan
(分管领导) approves extensions and answers — as in the demo, but without its pages and items.
"""

from cryptography.fernet import Fernet

from disclosure_requests import services
from disclosure_requests.forms import RequestForm
from disclosure_requests.models import DisclosureRequest
from organisation.models import Agency, Department
from workdays.calendar import clear_cache

from .workflow import open_task, perform

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


def set_up_office(settings):
    """The agency, its sections and the demo accounts in their roles, built once per module by the
    `office_rows` fixture (tests/conftest.py); a test module's `office` fixture yields from this."""
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    clear_cache()
    yield Agency.current()
    clear_cache()


def apply(**overrides):
    form = RequestForm({**APPLICATION, **overrides})
    assert form.is_valid(), form.errors
    request, _ = services.submit(form, DisclosureRequest.Channel.ONLINE)
    return request


def do(request, step, username, files=None, **data):
    form = perform(open_task(request, step), username, data, files)
    assert form.is_valid(), form.errors
    request.refresh_from_db()
    return request


def ask_for_supplement(request, items, period_days):
    do(request, "register", "zonghe")
    do(request, "review_completeness", "zonghe", decision="incomplete", items=items, period_days=period_days)
    return request


def send_to_third_party(request, sent_on, reason="涉及贵公司的工程造价等商业秘密"):
    """The section consults 楚雄某某建筑有限公司 and sends the letter on `sent_on`."""
    do(
        request,
        "draft_answer",
        "xinxiyuan",
        decision="consult",
        third_party="楚雄某某建筑有限公司",
        third_party_reason=reason,
    )
    return do(request, "send_third_party_letter", "xinxiyuan", sent_on=sent_on.isoformat())


def registered(request):
    do(request, "register", "zonghe")
    do(request, "review_completeness", "zonghe", decision="complete")
    do(request, "assign_section", "zonghe", department=Department.objects.get(name="项目管理科").pk)
    return request


def letter_kinds(request):
    from disclosure_requests.letters import issued_letters

    return [letter.kind for letter in issued_letters(request)]
