"""Private files are never public (issue 16 point 2, DESIGN.md decision 12).

Letters, applicants' uploads and internal documents live outside MEDIA_ROOT; nothing of theirs answers under
/media/ even where the development server serves it; the one serving module refuses (403) every role without
the right for that record, gives the bytes to those with it, and lets nginx or Apache send the file when
configured.
"""

import importlib
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import include, path, re_path, reverse
from django.views.static import serve
from gongkai_site import private_files
from wagtail.documents.models import Document

from accountability.models import AccountabilityCase, Breach
from disclosure_requests import services
from disclosure_requests.forms import ApplicationForm
from disclosure_requests.letters import issued_letters
from letters.models import Letter
from organisation.models import Department
from tests.support.people import user
from tests.support.request_steps import APPLICATION, registered, set_up_office

AGENT_ID = "11010519491231002X"
PDF = b"%PDF-1.4\n%private test file\n"
move_migration = importlib.import_module("operations.migrations.0001_move_private_files")


def serve_media(request, path):
    """What `static(MEDIA_URL, document_root=MEDIA_ROOT)` adds to site/urls.py in DEBUG, read per request."""
    from django.conf import settings

    return serve(request, path, document_root=settings.MEDIA_ROOT)


# As the development server routes it (DEBUG on): /media/ is served from MEDIA_ROOT, then the site.
urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve_media), path("", include("gongkai_site.urls"))]


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_PRIVATE_ROOT = tmp_path / "private"
    settings.GONGKAI_X_ACCEL_PREFIX = ""
    settings.GONGKAI_X_SENDFILE = False
    return settings


@pytest.fixture
def office(office_rows, db, roots):
    yield from set_up_office(roots)


@pytest.fixture
def attorney_request(office):
    """A request with a power-of-attorney scan, handled by 项目管理科 (xinxiyuan is its officer)."""
    scan = SimpleUploadedFile("委托书.pdf", PDF, content_type="application/pdf")
    form = ApplicationForm(
        {**APPLICATION, "agent_name": "王五", "agent_id_type": "resident_id", "agent_id_number": AGENT_ID},
        {"power_of_attorney": scan},
    )
    assert form.is_valid(), form.errors
    applied, _ = services.submit(form, "online")
    return registered(applied)


@pytest.fixture
def other_section_officer(office):
    person = user("xinxiyuan").__class__.objects.create_user("guihua", password="x", last_name="规划科信息员")
    person.groups.add(Group.objects.get(name="信息员"))
    department = Department.objects.get(name="规划财务科")
    department.information_officer = person
    department.save()
    return person


@pytest.fixture
def internal_document(office):
    """A rectification proof of an accountability case: internal, not for the public."""
    document = Document.objects.create(title="整改报告", file=ContentFile(PDF, name="整改报告.pdf"))
    AccountabilityCase.objects.create(
        breach=Breach.OTHER,
        facts="测试",
        department=Department.objects.get(name="项目管理科"),
        rectification_proof=document,
    )
    return document


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def logged_in(client, username):
    client.force_login(user(username))
    return client


# -- where the files are, and what /media/ gives ------------------------------------------------------


@pytest.mark.urls(__name__)
def test_no_private_file_is_under_media_nor_answers_there(client, roots, attorney_request, internal_document):
    receipt = issued_letters(attorney_request)[0]
    media, private = Path(roots.MEDIA_ROOT).resolve(), Path(roots.GONGKAI_PRIVATE_ROOT).resolve()
    files = {
        receipt.pdf.name: receipt.pdf.path,
        attorney_request.power_of_attorney.name: attorney_request.power_of_attorney.path,
        internal_document.file.name: internal_document.file.path,
    }
    for name, full_path in files.items():
        assert Path(full_path).resolve().is_relative_to(private), name
        assert not Path(full_path).resolve().is_relative_to(media), name
        assert client.get(f"/media/{name}").status_code == 404, name
    assert receipt.pdf.name.startswith("letters/")
    assert attorney_request.power_of_attorney.name.startswith("requests/attorney/")
    # guessed folders are not listed either
    for folder in ("letters/", "requests/", "documents/", ""):
        assert client.get(f"/media/{folder}").status_code == 404
    # and none of them has a public address
    for field_file in (receipt.pdf, attorney_request.power_of_attorney, internal_document.file):
        with pytest.raises(NotImplementedError):
            field_file.storage.url(field_file.name)


def test_public_media_stays_public(roots, db):
    from annual_report.models import AnnualReport

    field = AnnualReport._meta.get_field("pdf")
    assert field.storage.url("annual_reports/2025.pdf") == "/media/annual_reports/2025.pdf"
    assert field.storage.path("annual_reports/2025.pdf").startswith(str(roots.MEDIA_ROOT))


# -- letters ----------------------------------------------------------------------------------------


def test_a_letter_is_refused_to_every_role_without_the_letters_archive(
    client, attorney_request, other_section_officer
):
    receipt = issued_letters(attorney_request)[0]
    url = f"/files/letters/{receipt.pk}/"
    assert client.get(url).status_code == 403  # anonymous
    for username in ("xinxiyuan", "kezhang", "fenguan", "baomi", "guihua"):
        assert logged_in(client, username).get(url).status_code == 403, username
    response = logged_in(client, "zonghe").get(url)
    assert response.status_code == 200
    sent = body(response)
    assert sent == receipt.pdf.open("rb").read() and sent.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"


def test_the_admin_archive_download_goes_through_the_same_check(client, attorney_request):
    receipt = issued_letters(attorney_request)[0]
    url = f"/admin/snippets/letters/letter/download/{receipt.pk}/"
    refused = logged_in(client, "xinxiyuan").get(url)  # the admin's way: back to its home, with a message
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    response = logged_in(client, "zonghe").get(url)
    assert response.status_code == 200 and body(response).startswith(b"%PDF")


@pytest.mark.rule("S2.11")
def test_the_applicant_gets_a_letter_with_number_and_code_posted_never_in_the_address(office):
    from django.test import Client

    form = ApplicationForm(APPLICATION)
    assert form.is_valid()
    applied, code = services.submit(form, "online")
    receipt = issued_letters(applied)[0]
    url = f"/files/applicant/letters/{receipt.pk}/"
    credentials = {"tracking_number": applied.tracking_number, "access_code": code}
    response = Client().post(url, credentials)
    assert response.status_code == 200 and body(response) == receipt.pdf.open("rb").read()
    headers = {"X-Tracking-Number": applied.tracking_number, "X-Access-Code": code}
    assert Client().get(url, headers=headers).status_code == 200
    in_the_address = Client().get(url, credentials)  # sent back to the address without the code
    assert in_the_address.status_code == 302 and code not in in_the_address["Location"]
    assert Client().get(in_the_address["Location"]).status_code == 404  # and without it nothing is given
    assert Client().post(url, {**credentials, "access_code": "AAAA2222"}).status_code == 404
    assert Client().post(url).status_code == 404


# -- applicants' uploads ----------------------------------------------------------------------------


def test_an_upload_is_refused_to_every_role_that_may_not_see_the_requests_personal_data(
    client, attorney_request, other_section_officer
):
    url = f"/files/requests/{attorney_request.pk}/power_of_attorney/"
    assert client.get(url).status_code == 403  # anonymous
    for username in ("guihua", "baomi", "fabu", "zhuren"):
        assert logged_in(client, username).get(url).status_code == 403, username
    for username in ("zonghe", "xinxiyuan"):  # 综合科, and the handling section's officer
        response = logged_in(client, username).get(url)
        assert response.status_code == 200, username
        assert body(response) == PDF
    assert logged_in(client, "zonghe").get(f"/files/requests/{attorney_request.pk}/name/").status_code == 404


# -- Wagtail documents --------------------------------------------------------------------------------


def test_an_internal_document_is_refused_to_every_role_without_the_cases_right(client, internal_document):
    url = internal_document.url
    assert url == reverse("wagtaildocs_serve", args=[internal_document.pk, internal_document.filename])
    assert client.get(url).status_code == 404  # anonymous: cms_pages.documents says 该文件不存在或未公开
    for username in ("xinxiyuan", "kezhang", "fabu"):
        assert logged_in(client, username).get(url).status_code == 404, username
    response = logged_in(client, "zonghe").get(url)
    assert response.status_code == 200 and body(response) == PDF


# -- the proxy sends the file ---------------------------------------------------------------------------


def test_nginx_sends_the_file_when_x_accel_is_configured(client, roots, attorney_request):
    roots.GONGKAI_X_ACCEL_PREFIX = "/protected/"
    receipt = issued_letters(attorney_request)[0]
    response = logged_in(client, "zonghe").get(f"/files/letters/{receipt.pk}/")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{receipt.pdf.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"


def test_apache_sends_the_file_when_x_sendfile_is_on(client, roots, attorney_request):
    roots.GONGKAI_X_SENDFILE = True
    response = logged_in(client, "zonghe").get(f"/files/requests/{attorney_request.pk}/power_of_attorney/")
    assert response.status_code == 200
    assert unquote(response["X-Sendfile"]) == attorney_request.power_of_attorney.path
    assert response.content == b""


def test_a_missing_file_is_not_found(roots, attorney_request):
    field_file = attorney_request.power_of_attorney
    Path(field_file.path).unlink()
    with pytest.raises(Http404):
        private_files.file_response(field_file, "x.pdf")


# -- the upgrade moves the files that were public -----------------------------------------------------


def test_the_migration_moves_letters_documents_and_uploads_into_the_private_root(roots, attorney_request):
    from django.apps import apps

    receipt = issued_letters(attorney_request)[0]
    media, private = Path(roots.MEDIA_ROOT), Path(roots.GONGKAI_PRIVATE_ROOT)
    # as before the upgrade: the letter under MEDIA_ROOT, the upload under var/private/requests without its folder
    old_letter = media / receipt.pdf.name
    old_letter.parent.mkdir(parents=True)
    Path(receipt.pdf.path).rename(old_letter)
    old_name = attorney_request.power_of_attorney.name.removeprefix("requests/")
    roots.VAR_DIR = roots.MEDIA_ROOT.parent / "var"
    old_upload = Path(roots.VAR_DIR) / "private" / "requests" / old_name
    old_upload.parent.mkdir(parents=True)
    Path(attorney_request.power_of_attorney.path).rename(old_upload)
    type(attorney_request).objects.filter(pk=attorney_request.pk).update(power_of_attorney=old_name)

    move_migration.move_public_files(apps, None)
    move_migration.move_request_files(apps, None)
    move_migration.move_request_files(apps, None)  # a rerun changes nothing

    assert not old_letter.exists() and (private / receipt.pdf.name).read_bytes().startswith(b"%PDF")
    attorney_request.refresh_from_db()
    assert attorney_request.power_of_attorney.name == f"requests/{old_name}"
    assert not old_upload.exists() and attorney_request.power_of_attorney.read() == PDF
    assert Letter.objects.get(pk=receipt.pk).pdf.path == str(private / receipt.pdf.name)
