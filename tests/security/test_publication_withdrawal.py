"""撤回公开: taking an item down is a reviewed, recorded action with a reason (issue 13, point 2)."""

import pytest
from django.test import Client
from viewflow.workflow.status import STATUS
from wagtail.models import PageLogEntry

from audit.trail import entries
from cms_pages.models import DisclosureItemPage
from organisation.models import Department
from withdrawals.flows import WithdrawalFlow
from withdrawals.models import Withdrawal
from withdrawals.views import NOT_ALLOWED

from .conftest import ROLES, refused, user

OPEN = [STATUS.NEW, STATUS.ASSIGNED]
REASON = "分配表中一个乡镇的金额有误，须撤回更正"


def request_withdrawal(client, item, username="xinxiyuan"):
    client.force_login(user(username))
    department = Department.objects.get(name="项目管理科")
    response = client.post(
        f"/admin/withdrawals/request/{item.pk}/", {"department": department.pk, "reason": REASON}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    return Withdrawal.objects.get(page=item, outcome=Withdrawal.Outcome.IN_REVIEW)


def decide(client, withdrawal, step, username, **data):
    """Claim (if pooled) and complete a task by posting to the inbox, as its assignee would."""
    task = withdrawal.task_set.get(flow_task=getattr(WithdrawalFlow, step), status__in=OPEN)
    client.force_login(user(username))
    if task.status == STATUS.NEW:
        assert client.post(f"/admin/inbox/tasks/{task.pk}/claim/").status_code == 302
    return client.post(f"/admin/inbox/tasks/{task.pk}/", {"decision": "approve", "opinion": "同意", **data})


@pytest.mark.rule("S4.1")
def test_withdrawal_is_requested_reviewed_approved_and_recorded(client, live_item):
    attachment_url = live_item.attachments.get().document.url
    withdrawal = request_withdrawal(client, live_item)
    assert DisclosureItemPage.objects.get(pk=live_item.pk).live  # nothing happens before the review
    assert decide(client, withdrawal, "section_head_review", "kezhang").status_code == 302
    assert DisclosureItemPage.objects.get(pk=live_item.pk).live
    assert decide(client, withdrawal, "general_office_approval", "zonghe").status_code == 302

    withdrawal.refresh_from_db()
    assert withdrawal.outcome == Withdrawal.Outcome.WITHDRAWN
    assert not DisclosureItemPage.objects.get(pk=live_item.pk).live
    entry = PageLogEntry.objects.get(page_id=live_item.pk, action="withdrawals.withdraw")
    assert entry.user == user("zonghe") and entry.data["reason"] == REASON
    assert entry.data["requested_by"] == "xinxiyuan"
    steps = list(entries(withdrawal).values_list("data__step_label", "data__decision", "user__username"))
    assert steps == [
        ("申请撤回公开", "request", "xinxiyuan"),
        ("科室负责人审核撤回", "approve", "kezhang"),
        ("综合科批准撤回", "approve", "zonghe"),
    ]
    assert Client().get(live_item.url).status_code == 404
    assert Client().get(attachment_url).status_code == 404
    history = client.get(f"/admin/withdrawals/{withdrawal.pk}/").content.decode()
    assert REASON in history and "已撤回" in history


@pytest.mark.rule("S4.1")
def test_a_refused_withdrawal_leaves_the_item_public(client, live_item):
    withdrawal = request_withdrawal(client, live_item)
    response = decide(client, withdrawal, "section_head_review", "kezhang", decision="refuse", opinion="")
    assert response.status_code == 200 and "不同意撤回时，请写明理由。" in response.content.decode()
    decide(
        client, withdrawal, "section_head_review", "kezhang", decision="refuse", opinion="金额无误，不必撤回"
    )
    withdrawal.refresh_from_db()
    assert withdrawal.outcome == Withdrawal.Outcome.REFUSED
    assert DisclosureItemPage.objects.get(pk=live_item.pk).live


@pytest.mark.rule("S4.1")
def test_nobody_approves_a_withdrawal_they_requested(client, live_item):
    withdrawal = request_withdrawal(client, live_item, username="zonghe")
    decide(client, withdrawal, "section_head_review", "kezhang")
    response = decide(client, withdrawal, "general_office_approval", "zonghe")
    assert response.status_code == 200 and "不能审核本人提出的撤回申请。" in response.content.decode()
    assert DisclosureItemPage.objects.get(pk=live_item.pk).live


@pytest.mark.rule("S4.1")
def test_only_officers_and_the_general_office_request_a_withdrawal(client, live_item):
    department = Department.objects.get(name="项目管理科")
    for username in set(ROLES) - {"xinxiyuan", "zonghe", "admin"}:
        client.force_login(user(username))
        url = f"/admin/withdrawals/request/{live_item.pk}/"
        assert refused(client.post(url, {"department": department.pk, "reason": REASON}), NOT_ALLOWED)
    assert not Withdrawal.objects.exists()
