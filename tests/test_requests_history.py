"""A request's handling record (S2.10) is the one audit trail: every step writes to it, the register's record
page shows it, and the applicant's own online 补正 is a step of it (tests/test_data_migrations.py: the old notes)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.trail import history
from disclosure_requests import services
from tests.support.people import user
from tests.support.request_steps import apply, ask_for_supplement, registered, set_up_office

INSPECT = "wagtailsnippets_disclosure_requests_disclosurerequest:inspect"


@pytest.fixture
def office(office_rows, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield from set_up_office(settings)


@pytest.mark.rule("S2.10")
@pytest.mark.usefixtures("pdf_layout_skipped")
def test_the_register_record_page_shows_who_did_each_step(office, client):
    request = registered(apply())
    client.force_login(user("xinxiyuan"))
    html = client.get(reverse(INSPECT, args=[request.pk])).content.decode()
    record = html[html.index("办理记录") :]
    for step in (
        "综合科登记",
        "审查申请是否完整",
        "申请内容完整，予以受理",
        "交承办科室",
        "交项目管理科办理",
    ):
        assert step in record
    zonghe = user("zonghe")
    assert f"{zonghe.last_name}{zonghe.first_name}" in record


@pytest.mark.rule("S2.4", "S2.10")
@pytest.mark.usefixtures("pdf_layout_skipped")
def test_the_online_supplement_is_the_applicants_own_step_in_the_record(office):
    request = ask_for_supplement(apply(), "1. 请写明所需信息的年份", 10)
    services.supplement_online(request, "所需信息为2025年度的资金使用情况")
    last = history(request)[-1]
    assert (last.step, last.decision_label) == ("await_supplement", "申请人已补正")
    assert last.text == "申请人网上补正。所需信息为2025年度的资金使用情况"
    request.refresh_from_db()
    assert request.clock_entries.latest("pk").date == timezone.localdate()
