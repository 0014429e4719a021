"""The one audit trail: written one way, read in order, shown as one table and in the site history."""

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template

from audit.trail import entries, history, record
from organisation.models import Agency


@pytest.fixture
def agency(db):
    return Agency.objects.first() or Agency.objects.create(name="楚雄州乡村振兴局", short_name="乡村振兴局")


@pytest.fixture
def reviewer(db):
    return get_user_model().objects.create_user("li", last_name="李", first_name="信息")


def test_entries_come_back_oldest_first_with_the_actor_family_name_first(agency, reviewer):
    record(
        agency, "科室负责人审查", user=reviewer, decision="return", decision_label="退回修改", text="补充文号"
    )
    record(agency, "自动办结", changes=[("状态", "办理中", "已办结")])

    first, second = history(agency)
    assert (first.step_label, first.decision_label, first.actor, first.text) == (
        "科室负责人审查",
        "退回修改",
        "李信息",
        "补充文号",
    )
    assert (second.actor, second.change_lines) == ("系统", ["状态：办理中 → 已办结"])
    assert entries(agency).filter(data__decision="return").count() == 1


def test_the_history_table_shows_every_entry(agency, reviewer):
    record(agency, "综合科登记", user=reviewer, decision_label="登记", text="来信申请")

    html = Template("{% load audit_tags %}{% audit_history record %}").render(Context({"record": agency}))

    assert "综合科登记" in html and "李信息" in html and "来信申请" in html


def test_an_empty_trail_says_so(agency):
    html = Template("{% load audit_tags %}{% audit_history record %}").render(Context({"record": agency}))

    assert "暂无办理记录。" in html


def test_entries_appear_in_the_admin_site_history(agency, reviewer, client):
    record(agency, "主要领导审批", user=reviewer, decision_label="同意")
    admin = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(admin)

    response = client.get("/admin/reports/site-history/")

    assert response.status_code == 200
    assert "主要领导审批：同意" in response.content.decode()
