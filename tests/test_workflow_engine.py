"""The engine's rules hold for every process, not only the publication review (issue 13, point 6):
a step whose holder registered or drafted the item steps aside to the fallback, and its author can claim it
neither through the inbox nor in code."""

import pytest
from django.core.exceptions import PermissionDenied
from viewflow.workflow.status import STATUS

from annual_report.models import AnnualReport
from organisation.models import Department
from tests.support.people import user
from tests.support.request_steps import apply, do, registered, set_up_office
from tests.support.workflow import open_task
from tests.test_annual_report import field_key, scenario  # noqa: F401 (fixture)
from tests.test_annual_report_flow import do as report_step
from tests.test_annual_report_flow import start_and_write
from tests.test_clarifications import assess, plan, register
from workflow import tasks
from workflow.models import TaskRouting

pytestmark = pytest.mark.usefixtures("pdf_layout_skipped")

SELF_APPROVAL = "不能审批本人经手的事项"


@pytest.fixture
def office(office_rows, db, settings):
    yield from set_up_office(settings)


@pytest.fixture
def registrant_leads_the_section(office):
    """zonghe registers requests and is also the leader in charge of 项目管理科."""
    section = Department.objects.get(name="项目管理科")
    section.leader_in_charge = user("zonghe")
    section.save(update_fields=["leader_in_charge"])
    return section


@pytest.mark.rule("S2.5")
def test_the_registrant_of_a_request_does_not_approve_its_answer(client, registrant_leads_the_section):
    request = registered(apply())
    do(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="disclosed")

    task = open_task(request, "leader_approval")
    assert (task.owner, task.status) == (None, STATUS.NEW)
    assert task.data["vacancy"] == "报送人回避，已转综合科"
    client.force_login(user("zonghe"))
    response = client.post(f"/admin/inbox/tasks/{task.pk}/claim/")
    assert response.status_code == 403 and SELF_APPROVAL in response.content.decode()
    with pytest.raises(PermissionDenied):
        tasks.claim(task, user("zonghe"))
    task.refresh_from_db()
    assert (task.owner, task.status) == (None, STATUS.NEW)


@pytest.mark.rule("S2.5")
def test_the_drafter_of_an_answer_does_not_approve_it(client, office):
    routing = TaskRouting.load()  # 综合科 registered the request: the main leader is the fallback here
    routing.vacancy_fallback = TaskRouting.Fallback.MAIN_LEADER
    routing.save()
    section = Department.objects.get(name="项目管理科")
    section.leader_in_charge, section.information_officer = None, None  # the head drafts and would approve
    section.save(update_fields=["leader_in_charge", "information_officer"])
    request = registered(apply())
    do(request, "draft_answer", "kezhang", decision="answer", answer_kind="disclosed")

    task = open_task(request, "leader_approval")
    assert task.owner is None and task.data["vacancy"] == "报送人回避，已转主要领导"
    client.force_login(user("kezhang"))
    assert client.post(f"/admin/inbox/tasks/{task.pk}/claim/").status_code == 403
    client.force_login(user("zhuren"))
    assert client.post(f"/admin/inbox/tasks/{task.pk}/claim/").status_code == 302
    task.refresh_from_db()
    assert task.owner == user("zhuren")


@pytest.mark.rule("S5.1")
def test_the_general_office_that_drafted_the_annual_report_does_not_approve_it(client, office, field_key):  # noqa: F811
    from django.contrib.auth.models import Permission

    user("zonghe").user_permissions.add(Permission.objects.get(codename="approve_annual_report"))
    scenario(2025)
    report = start_and_write(client)  # zonghe opens and writes it
    assert report_step(report, "draft", "zonghe", note="请审定").is_valid()

    task = open_task(report, "leading_group_approval")
    client.force_login(user("zonghe"))
    response = client.post(f"/admin/inbox/tasks/{task.pk}/claim/")
    assert response.status_code == 403 and SELF_APPROVAL in response.content.decode()
    assert AnnualReport.objects.get(year=2025).status == "in_approval"
    client.force_login(user("zhuren"))
    assert client.post(f"/admin/inbox/tasks/{task.pk}/claim/").status_code == 302


@pytest.mark.rule("S9.7")
def test_neither_the_registrant_nor_the_drafter_of_a_clarification_approves_it(
    client, office, site_structure
):
    from django.contrib.auth.models import Permission

    approve = Permission.objects.get(codename="approve_clarification")
    for username in ("zonghe", "kezhang"):
        user(username).user_permissions.add(approve)
    case = register(client)  # zonghe registers it
    assess(case, "clarify")
    plan(case)  # kezhang drafts the plan

    task = open_task(case, "main_leader_approval")
    for username in ("zonghe", "kezhang"):
        client.force_login(user(username))
        response = client.post(f"/admin/inbox/tasks/{task.pk}/claim/")
        assert response.status_code == 403 and SELF_APPROVAL in response.content.decode()
    client.force_login(user("zhuren"))
    assert client.post(f"/admin/inbox/tasks/{task.pk}/claim/").status_code == 302
