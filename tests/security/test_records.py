"""Records change only through their process (issue 13, point 7): no generic add, edit, copy or delete.

Every model with a snippet viewset is listed here as a process record (refused everything but viewing)
or as a register the office keeps by hand; a new viewset on a record fails the inventory test until it
is classified. Each write URL of each record is posted to as each role.
"""

import pytest
from viewflow.workflow.models import Process
from wagtail.snippets.models import get_snippet_models

from disclosure_requests.models import DisclosureRequest
from tests.support.request_steps import apply, set_up_office

from .conftest import ROLES, user

PROCESS_RECORDS = {DisclosureRequest}
# Registers kept by hand by design (README): reference data, the calendar, letter wording and delivery,
# the accountability and complaint registers (every change kept as 旧 → 新), assessment schemes,
# reconsideration and litigation cases.
KEPT_BY_HAND = {
    "cms_pages.category",
    "cms_pages.channel",
    "organisation.agency",
    "organisation.department",
    "organisation.countyoffice",
    "workdays.calendarday",
    "workdays.calendaryear",
    "letters.lettertemplate",
    "letters.letter",
    "search.synonymgroup",
    "accountability.accountabilitycase",
    "accountability.complaint",
    "accountability.assessmentscheme",
    "annual_report.legalcase",
}
REFUSED = "对不起， 你没有权限访问。"  # the message of Wagtail's refusal, in its Chinese translation


@pytest.fixture
def office(office_rows, db, settings):
    yield from set_up_office(settings)


def test_every_snippet_model_is_classified(office_rows):
    for model in get_snippet_models():
        assert model in PROCESS_RECORDS or model._meta.label_lower in KEPT_BY_HAND, model._meta.label


def write_urls(model, record):
    base = f"/admin/snippets/{model._meta.app_label}/{model._meta.model_name}"
    return {
        "add": f"{base}/add/",
        "edit": f"{base}/edit/{record.pk}/",
        "copy": f"{base}/copy/{record.pk}/",
        "delete": f"{base}/delete/{record.pk}/",
    }


def snapshot(record):
    return list(type(record).objects.filter(pk=record.pk).values())


@pytest.mark.rule("S2.10")
def test_no_role_adds_edits_copies_or_deletes_a_request_in_the_register(client, office):
    request = apply()
    before = snapshot(request)
    forged = {"status": "answered", "answer_kind": "public", "due_date": "2030-01-01", "tracking_number": "X"}
    for username in ROLES:
        client.force_login(user(username))
        for name, url in write_urls(DisclosureRequest, request).items():
            response = client.post(url, forged)
            assert response.status_code == 302 and response.url == "/admin/", (
                username,
                name,
                response.status_code,
            )
            assert REFUSED in client.get("/admin/").content.decode(), (username, name)
            assert snapshot(request) == before, (username, name)
    assert DisclosureRequest.objects.count() == 1


def test_the_register_still_lists_and_shows_requests(client, office):
    request = apply()
    client.force_login(user("zonghe"))
    assert client.get("/admin/snippets/disclosure_requests/disclosurerequest/").status_code == 200
    inspect = client.get(f"/admin/snippets/disclosure_requests/disclosurerequest/inspect/{request.pk}/")
    assert inspect.status_code == 200 and request.tracking_number in inspect.content.decode()


def test_viewflow_processes_and_tasks_have_no_generic_editor(client, office):
    apply()
    client.force_login(user("admin"))
    process = Process.objects.first()
    assert client.get(f"/django-admin/viewflow/process/{process.pk}/change/").status_code == 404
    assert client.get("/django-admin/viewflow/task/").status_code == 404
