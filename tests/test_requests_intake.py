"""Staff intake of requests that came by letter, fax, email, orally or in person (SPEC S2.2, S2.3, S6.2).

Issue 4, point 2: 综合科 enters the request in the admin; the screen shows which day counts as
收到申请之日 for the channel (2019 Art 31) and the due date it gives, before anything is saved; an oral
request is read back and saved only with the applicant's confirmation; saving starts the same process
as an online request. Dates are around National Day 2025 (1–8 Oct off, Sun 28 Sep and Sat 11 Oct worked).
"""

import datetime
import io
import re

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from audit.trail import entries
from disclosure_requests.flows import DisclosureRequestFlow
from disclosure_requests.models import DisclosureRequest
from tests.support.admin import REFUSED_BY_ADMIN, outcome
from workdays.calendar import clear_cache
from workflow import tasks

URL = "/admin/requests/intake/"
VALID_ID = "11010519491231002X"
D = datetime.date

pytestmark = pytest.mark.rule("S2.2")

APPLICATION = {
    "applicant_type": "citizen",
    "name": "李明",
    "id_type": "resident_id",
    "id_number": VALID_ID,
    "phone": "13887654321",
    "address": "云南省楚雄州楚雄市鹿城南路100号",
    "description": "2025年东华镇易地扶贫搬迁安置点建设资金使用情况",
    "carrier": "paper",
    "delivery": "post",
}


@pytest.fixture
def demo(office_rows, site_structure, settings):
    """The demo's sections and accounts, without its pages (faster than load_demo)."""
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    clear_cache()
    yield
    clear_cache()


def logged_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def zonghe(client, demo):
    return logged_in(client, "zonghe")


def check(client, **fields):
    """The first submit: the receipt date and the record are shown, nothing is saved."""
    return client.post(URL, {**APPLICATION, "preview": "1", **fields})


def token(html):
    return re.search(r'name="preview_token" value="([0-9a-f]+)"', html).group(1)


def register(client, **fields):
    """Check, then confirm what was checked: the way staff register a request."""
    html = check(client, **fields).content.decode()
    kept = dict(re.findall(r'name="(kept_[a-z_]+)" value="([^"]+)"', html))
    data = {**APPLICATION, **fields, **kept, "preview_token": token(html), "save": "1"}
    data = {key: value for key, value in data.items() if not hasattr(value, "read")}
    return client.post(URL, data)


def tracking_number(response):
    return re.search(r'class="tracking-number">([^<]+)<', response.content.decode()).group(1)


RECEIPTS = [
    # channel, dates entered, 收到申请之日, due date (15 working days, the day itself not counted)
    ("in_person", {"arrived_on": "2025-09-26"}, D(2025, 9, 26), D(2025, 10, 23)),
    ("oral", {"arrived_on": "2025-09-26", "read_back_confirmed": "on"}, D(2025, 9, 26), D(2025, 10, 23)),
    # signed for on the make-up Sunday: that day is the receipt day, counting starts on Monday
    (
        "registered_post",
        {"arrived_on": "2025-09-26", "signed_on": "2025-09-28"},
        D(2025, 9, 28),
        D(2025, 10, 24),
    ),
    # arrived before the holiday, confirmed with the applicant on the day
    ("letter", {"arrived_on": "2025-09-30", "confirmed_on": "2025-09-30"}, D(2025, 9, 30), D(2025, 10, 28)),
    # faxed before the holiday, both sides confirmed after it: the confirmation day counts
    ("fax", {"arrived_on": "2025-09-30", "confirmed_on": "2025-10-09"}, D(2025, 10, 9), D(2025, 10, 29)),
    ("email", {"arrived_on": "2025-09-28", "confirmed_on": "2025-09-28"}, D(2025, 9, 28), D(2025, 10, 24)),
]


@pytest.mark.rule("S6.2")
@pytest.mark.parametrize("channel, dates, received, due", RECEIPTS, ids=[r[0] for r in RECEIPTS])
def test_each_channel_gives_its_receipt_date_shown_before_saving(zonghe, channel, dates, received, due):
    html = check(zonghe, channel=channel, **dates).content.decode()
    assert not DisclosureRequest.objects.exists()
    assert f"收到申请之日：<strong>{received:%Y}年{received.month}月{received.day}日</strong>" in html
    assert f"{due:%Y}年{due.month}月{due.day}日" in html
    assert "第三十一条" in html and "逐日推算" in html
    assert "法定节假日：国庆节，不计" in html or received > D(2025, 10, 8)

    response = register(zonghe, channel=channel, **dates)
    assert response.status_code == 200, response.content.decode()[-3000:]
    request = DisclosureRequest.objects.get(tracking_number=tracking_number(response))
    assert (request.channel, request.received_date, request.due_date) == (channel, received, due)
    assert request.clock_entries.get().date == received
    assert entries(request).get(data__step_label="来件登记").user.username == "zonghe"


@pytest.mark.rule("S6.2")
def test_an_unconfirmed_email_waits_for_confirmation_at_registration(zonghe):
    html = check(zonghe, channel="email", arrived_on="2025-09-28").content.decode()
    assert "收到申请之日：<strong>待确认</strong>" in html and "暂不计时" in html
    request = DisclosureRequest.objects.get(
        tracking_number=tracking_number(register(zonghe, channel="email", arrived_on="2025-09-28"))
    )
    assert request.received_date is None and request.due_date is None
    assert not request.clock_entries.exists()
    # the register step of the process asks for the day both sides confirmed
    task = request.process.task_set.get(flow_task=DisclosureRequestFlow.register)
    form = DisclosureRequestFlow.register.form_class(data={}, task=task, user=entries(request).get().user)
    assert not form.is_valid() and "确认" in str(form.errors)


def test_registered_post_needs_the_signing_date_and_dates_cannot_lie_ahead(zonghe):
    html = check(zonghe, channel="registered_post", arrived_on="2025-09-26").content.decode()
    assert "请填写本机关签收之日" in html
    html = check(zonghe, channel="fax", arrived_on="2025-09-30", confirmed_on="2025-09-29").content.decode()
    assert "不能早于提交或到达日期" in html
    assert "不能晚于今天" in check(zonghe, channel="in_person", arrived_on="2999-01-01").content.decode()
    assert not DisclosureRequest.objects.exists()


@pytest.mark.rule("S2.3")
def test_an_oral_request_is_read_back_and_saved_only_once_the_applicant_confirms(zonghe):
    oral = {"channel": "oral", "arrived_on": "2025-09-26", "purpose": "了解安置点建设情况"}
    html = check(zonghe, **oral).content.decode()
    assert "向申请人宣读" in html
    for shown in (
        "李明",
        VALID_ID,
        "2025年东华镇易地扶贫搬迁安置点建设资金使用情况",
        "了解安置点建设情况",
        "邮寄",
    ):
        assert shown in html
    unconfirmed = zonghe.post(URL, {**APPLICATION, **oral, "preview_token": token(html), "save": "1"})
    assert unconfirmed.status_code == 400
    assert "经申请人确认无误后才能登记" in unconfirmed.content.decode()
    assert "向申请人宣读" in unconfirmed.content.decode()  # the record is still there to read
    assert not DisclosureRequest.objects.exists()

    request = DisclosureRequest.objects.get(
        tracking_number=tracking_number(register(zonghe, read_back_confirmed="on", **oral))
    )
    assert request.read_back_confirmed and request.channel == "oral"
    assert "已向申请人宣读" in entries(request).get(data__step_label="来件登记").data["text"]


def test_a_change_after_the_check_must_be_checked_again(zonghe):
    html = check(zonghe, channel="in_person", arrived_on="2025-09-26").content.decode()
    changed = {**APPLICATION, "description": "另一项信息", "channel": "in_person", "arrived_on": "2025-09-26"}
    response = zonghe.post(URL, {**changed, "preview_token": token(html), "save": "1"})
    assert "请重新核对" in response.content.decode() and "另一项信息" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


@pytest.mark.rule("S2.3")
def test_the_online_forms_checks_apply_and_what_was_typed_stays(zonghe):
    response = check(
        zonghe, channel="letter", arrived_on="2025-09-26", id_number="110105194912310021", agent_name="王芳"
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "居民身份证号码校验位不正确" in html
    assert "委托他人代为申请的，请上传授权委托书" in html and "委托代理人须提供有效身份证件" in html
    assert 'value="110105194912310021"' in html and "王芳" in html and "安置点建设资金" in html
    assert "核对：收到申请之日" not in html
    assert not DisclosureRequest.objects.exists()


def test_an_attachment_chosen_before_the_check_is_kept(zonghe):
    attorney = SimpleUploadedFile("授权委托书.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    agent = {"agent_name": "王芳", "agent_id_type": "passport", "agent_id_number": "E12345678"}
    response = register(
        zonghe, channel="in_person", arrived_on="2025-09-26", power_of_attorney=attorney, **agent
    )
    request = DisclosureRequest.objects.get(tracking_number=tracking_number(response))
    assert request.power_of_attorney.name.startswith("requests/attorney/")
    assert request.power_of_attorney.open("rb").read().startswith(b"%PDF")


@pytest.mark.rule("S2.9")
def test_a_correction_request_brought_to_the_counter_is_registered_with_its_evidence(zonghe):
    correction = {"request_type": "correction", "channel": "in_person", "arrived_on": "2025-09-26"}
    refused = check(zonghe, **correction)
    assert "申请更正的，请上传能证明该信息记录不准确的证据材料。" in refused.content.decode()
    evidence = SimpleUploadedFile("户口簿.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    response = register(zonghe, correction_evidence=evidence, **correction)
    request = DisclosureRequest.objects.get(tracking_number=tracking_number(response))
    assert request.request_type == DisclosureRequest.RequestType.CORRECTION
    assert request.correction_evidence.open("rb").read().startswith(b"%PDF")


@pytest.mark.rule("S2.2")
def test_saving_starts_the_same_process_as_an_online_request(zonghe):
    response = register(zonghe, channel="letter", arrived_on="2025-09-30", confirmed_on="2025-09-30")
    html = response.content.decode()
    request = DisclosureRequest.objects.get(tracking_number=tracking_number(response))
    code = re.search(r'class="access-code">([^<]+)<', html).group(1)
    assert request.check_access_code(code)
    assert request.status == DisclosureRequest.Status.SUBMITTED
    zonghe_user = get_user_model().objects.get(username="zonghe")
    assert [t.process.coerced.request for t in tasks.queue(zonghe_user)] == [request]
    assert "下载登记回执" in html
    receipt = zonghe.get(re.search(r'href="([^"]+)">下载登记回执', html).group(1))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"


@pytest.mark.rule("S2.2")
def test_an_information_officer_cannot_reach_the_intake(client, demo):
    officer = logged_in(client, "xinxiyuan")
    assert outcome(officer.get(URL)) == REFUSED_BY_ADMIN
    assert (
        outcome(officer.post(URL, {**APPLICATION, "channel": "in_person", "save": "1"})) == REFUSED_BY_ADMIN
    )
    assert not DisclosureRequest.objects.exists()
    # the menu item (in the sidebar's JSON) is shown to 综合科 only
    assert URL not in officer.get("/admin/inbox/").content.decode()
    assert URL in logged_in(client, "zonghe").get("/admin/inbox/").content.decode()


def test_personal_data_is_encrypted_and_masked_afterwards(zonghe):
    response = register(zonghe, channel="in_person", arrived_on="2025-09-26")
    html = response.content.decode()
    assert "1101**********002X" in html and VALID_ID not in html and "13887654321" not in html
    request = DisclosureRequest.objects.get(tracking_number=tracking_number(response))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id_number, phone, address FROM {DisclosureRequest._meta.db_table} WHERE id = %s",
            [request.pk],
        )
        stored = cursor.fetchone()
    assert all(value.startswith("enc1:") for value in stored)
    assert VALID_ID not in "".join(stored) and "鹿城南路" not in "".join(stored)
    # the register lists it with the ID number masked, even for 综合科
    listing = zonghe.get("/admin/snippets/disclosure_requests/disclosurerequest/").content.decode()
    assert request.tracking_number in listing
    assert "1101**********002X" in listing and VALID_ID not in listing


@pytest.fixture
def private_storage(settings, tmp_path):
    """Request attachments in the test's own directory: a purge must never see a development site's files."""
    from gongkai_site.private_files import private_storage

    settings.GONGKAI_PRIVATE_ROOT = tmp_path
    return private_storage()


def test_attachments_of_forms_checked_but_never_confirmed_are_purged(zonghe, private_storage):
    """Checking stores the attachment (a browser sends a file once); the daily purge removes it when
    nobody confirmed the registration, and leaves every registered request's files alone."""
    from django.core.management import call_command

    from disclosure_requests.intake import KEPT_SALT

    agent = {"agent_name": "王芳", "agent_id_type": "passport", "agent_id_number": "E12345678"}

    def attorney():
        return SimpleUploadedFile("授权委托书.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")

    fields = {"channel": "in_person", "arrived_on": "2025-09-26", **agent}
    html = check(zonghe, power_of_attorney=attorney(), **fields).content.decode()
    signed = re.search(r'name="kept_power_of_attorney" value="([^"]+)"', html).group(1)
    abandoned = signing.loads(signed, salt=KEPT_SALT)
    registered = DisclosureRequest.objects.get(
        tracking_number=tracking_number(register(zonghe, power_of_attorney=attorney(), **fields))
    )

    def purge(*args):
        out = io.StringIO()
        call_command("purge_intake_uploads", *args, stdout=out)
        return out.getvalue()

    assert abandoned not in purge()  # saved just now: kept for a day
    listed = purge("--hours", "0", "--dry-run")
    assert f"将删除 {abandoned}" in listed and registered.power_of_attorney.name not in listed
    assert private_storage.exists(abandoned)
    assert f"删除 {abandoned}" in purge("--hours", "0")
    assert not private_storage.exists(abandoned)
    assert private_storage.exists(registered.power_of_attorney.name)
