"""Disclosure requests: the record, the applicant's identity and personal data, and the answer clock.

SPEC S2.3 (what a request holds, valid ID), S2.4 (补正 restarts the clock), S2.6 (consultation time
not counted), S6.2 (15 working days, one extension of at most 15), PIPL (encrypted, masked, limited).
"""

import datetime

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection
from django.utils import timezone

from disclosure_requests import clock
from disclosure_requests.models import ClockEntry, DisclosureRequest, RequestCounter
from disclosure_requests.validators import mask
from organisation.models import Department
from workdays.calendar import clear_cache
from workdays.limits import time_limits
from workdays.models import TimeLimits

D = datetime.date
VALID_ID = "11010519491231002X"  # the worked example of GB 11643-1999
VALID_CREDIT_CODE = "91532300MA6K0XQ58A"


@pytest.fixture(autouse=True)
def field_key(settings, db):
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    clear_cache()
    yield settings.GONGKAI_FIELD_KEY
    clear_cache()


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def make_request(**fields):
    values = {
        "tracking_number": RequestCounter.next_number(2025),
        "applicant_type": DisclosureRequest.ApplicantType.CITIZEN,
        "name": "李明",
        "id_type": DisclosureRequest.IdType.RESIDENT_ID,
        "id_number": VALID_ID,
        "phone": "13887654321",
        "address": "云南省楚雄州楚雄市鹿城南路100号",
        "description": "2025年东华镇易地扶贫搬迁安置点建设资金使用情况",
        "carrier": DisclosureRequest.Carrier.PAPER,
        "delivery": DisclosureRequest.Delivery.POST,
        "channel": DisclosureRequest.Channel.IN_PERSON,
        "submitted_at": at(D(2025, 9, 26)),
        **fields,
    }
    request = DisclosureRequest(**values)
    request.full_clean()
    request.save()
    return request


def errors_of(**fields):
    with pytest.raises(ValidationError) as caught:
        make_request(**fields)
    return caught.value.message_dict


# -- identity (S2.3) ---------------------------------------------------------------------------


def credit_code_with_check(first_17):
    from organisation.validators import credit_code_check_character

    return first_17 + credit_code_check_character(first_17)


@pytest.mark.rule("S2.3")
def test_resident_id_is_checked_by_its_check_digit():
    assert make_request().id_number == VALID_ID
    assert "校验位不正确" in errors_of(id_number="110105194912310021")["id_number"][0]
    assert "出生日期" in errors_of(id_number="110105194913310029")["id_number"][0]
    assert "18位" in errors_of(id_number="11010519491231")["id_number"][0]
    # a lower-case x is the same number
    assert make_request(id_number="11010519491231002x").id_number == VALID_ID


@pytest.mark.rule("S2.3")
def test_organisation_uses_a_valid_credit_code_and_gives_its_kind_for_the_annual_report():
    code = credit_code_with_check("91532300MA6K0XQ58")
    organisation = {
        "applicant_type": DisclosureRequest.ApplicantType.ORGANISATION,
        "name": "楚雄某某农业科技有限公司",
        "id_type": DisclosureRequest.IdType.CREDIT_CODE,
        "id_number": code,
    }
    assert "组织类别" in errors_of(**organisation)["organisation_kind"][0]
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    assert (
        "校验位"
        in errors_of(**{**organisation, "id_number": wrong}, organisation_kind="commercial")["id_number"][0]
    )
    assert (
        "统一社会信用代码"
        in errors_of(**{**organisation, "id_type": "resident_id"}, organisation_kind="other")["id_type"][0]
    )
    request = make_request(**organisation, organisation_kind="commercial")
    assert request.get_organisation_kind_display() == "商业企业"


@pytest.mark.rule("S2.3")
def test_an_agent_shows_their_own_valid_id():
    assert "有效身份证件" in errors_of(agent_name="王律师")["agent_id_number"][0]
    assert (
        "校验位"
        in errors_of(agent_name="王律师", agent_id_type="resident_id", agent_id_number="110105194912310021")[
            "agent_id_number"
        ][0]
    )
    request = make_request(agent_name="王律师", agent_id_type="resident_id", agent_id_number=VALID_ID)
    assert request.agent_id_number_masked == "1101**********002X"


def test_chosen_delivery_needs_its_contact_details():
    assert "通信地址" in errors_of(address="")["address"][0]
    assert "电子邮箱" in errors_of(carrier="email", email="")["email"][0]


# -- personal data (PIPL) ----------------------------------------------------------------------


def stored_columns(request):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, phone, address FROM disclosure_requests_disclosurerequest WHERE id = %s",
            [request.pk],
        )
        return cursor.fetchone()


def test_id_number_phone_and_address_are_encrypted_at_rest(field_key, settings):
    request = make_request()
    raw = stored_columns(request)
    assert VALID_ID not in raw[0] and "13887654321" not in raw[1] and "鹿城南路" not in raw[2]
    assert all(value.startswith("enc1:") for value in raw)
    again = DisclosureRequest.objects.get(pk=request.pk)
    assert (again.id_number, again.phone) == (VALID_ID, "13887654321")

    # a new key can be added in front of the old one: old data still reads
    settings.GONGKAI_FIELD_KEY = f"{Fernet.generate_key().decode()},{field_key}"
    assert DisclosureRequest.objects.get(pk=request.pk).address == "云南省楚雄州楚雄市鹿城南路100号"

    # without a key nothing personal is stored in the clear
    settings.GONGKAI_FIELD_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        make_request()


def test_masks_keep_only_the_ends():
    assert mask("532301199001011234") == "5323**********1234"
    request = make_request()
    assert request.phone_masked == "138****4321"
    assert request.address_masked == "云南省楚雄州****"


@pytest.fixture
def people(site_structure):
    users = get_user_model().objects
    groups = site_structure["groups"]
    agency = site_structure["agency"]
    zonghe = users.create_user("zonghe_t", password="x")
    zonghe.groups.add(groups["general_office"])
    head = users.create_user("head_t", password="x")
    head.groups.add(groups["section_head"])
    other_head = users.create_user("other_head_t", password="x")
    other_head.groups.add(groups["section_head"])
    section = Department.objects.create(agency=agency, name="项目规划科", head=head)
    Department.objects.create(agency=agency, name="社会扶贫科", head=other_head)
    return {"zonghe": zonghe, "head": head, "other_head": other_head, "section": section}


def test_personal_data_in_full_only_for_general_office_and_the_handlers(people):
    request = make_request(department=people["section"])
    assert request.personal_data_for(people["zonghe"])["id_number"] == VALID_ID
    assert request.personal_data_for(people["head"])["id_number"] == VALID_ID
    seen_by_other = request.personal_data_for(people["other_head"])
    assert seen_by_other["id_number"] == "1101**********002X"
    assert seen_by_other["phone"] == "138****4321"
    # a named handler from anywhere sees it too
    request.handlers.add(people["other_head"])
    assert request.personal_data_for(people["other_head"])["id_number"] == VALID_ID


def test_access_code_is_kept_only_as_a_hash_and_tracking_numbers_follow_on():
    request = make_request()
    code = request.set_access_code()
    request.save()
    assert code not in request.access_code_hash
    assert request.check_access_code(code) and request.check_access_code(code.lower())
    assert not request.check_access_code("WRONG123")
    first, second = RequestCounter.next_number(2030), RequestCounter.next_number(2030)
    assert (first, second) == ("2030-00001", "2030-00002")


@pytest.mark.rule("S2.5")
def test_a_repeat_of_an_answered_request_is_found():
    earlier = make_request(answered_on=D(2025, 10, 10), answer_kind="disclosed")
    again = make_request(description="2025年东华镇易地扶贫搬迁安置点建设资金使用情况 ")
    assert again.find_repeat() == earlier
    assert make_request(description="另一件事").find_repeat() is None


# -- receipt date per channel (reference §1.2) -------------------------------------------------


@pytest.mark.rule("S2.3")
def test_receipt_date_follows_the_channel():
    friday = D(2025, 9, 26)
    assert make_request(channel="in_person", submitted_at=at(friday)).received_date == friday
    assert make_request(channel="online", submitted_at=at(friday, 23)).received_date == friday
    posted = make_request(channel="registered_post", submitted_at=at(friday), signed_on=D(2025, 9, 29))
    assert posted.received_date == D(2025, 9, 29)
    faxed = make_request(channel="fax", submitted_at=at(friday))
    assert faxed.received_date is None  # not received until both sides confirm
    with pytest.raises(ValidationError):
        clock.start(faxed)


# -- the clock (S6.2) --------------------------------------------------------------------------


@pytest.mark.rule("S6.2")
def test_due_date_is_15_working_days_after_receipt_across_national_day():
    request = make_request()  # received Fri 26 Sep 2025, in person
    clock.start(request)
    request.refresh_from_db()
    assert request.due_date == D(2025, 10, 23)
    explained = clock.clock_for(request)
    by_day = {line.day: line for line in explained.lines if not line.event}
    assert by_day[D(2025, 9, 28)].count == 1 and "调休" in by_day[D(2025, 9, 28)].text
    assert by_day[D(2025, 10, 1)].count is None and "国庆" in by_day[D(2025, 10, 1)].text
    assert by_day[D(2025, 10, 23)].count == 15
    assert explained.lines[0].event and "收到申请" in explained.lines[0].text


@pytest.mark.rule("S6.2")
def test_extension_once_by_at_most_15_working_days():
    request = make_request()
    clock.start(request)
    with pytest.raises(ValidationError, match="最长不得超过15"):
        clock.extend(request, 16, D(2025, 10, 20))
    clock.extend(request, 15, D(2025, 10, 20))
    request.refresh_from_db()
    # 15 more working days after 23 Oct 2025
    assert request.due_date == D(2025, 11, 13)
    assert clock.clock_for(request).extended
    with pytest.raises(ValidationError, match="只能延长一次"):
        clock.extend(request, 1, D(2025, 10, 21))


@pytest.mark.rule("S6.2")
def test_the_2019_regulation_is_a_setting_away():
    setting = TimeLimits.load()
    setting.save()
    setting.regime = TimeLimits.Regime.NATIONAL_2019
    setting.save()
    assert (time_limits().answer, time_limits().extension) == (20, 20)
    request = make_request(submitted_at=at(D(2025, 3, 3)))  # Monday, no holidays in the next 4 weeks
    clock.start(request)
    request.refresh_from_db()
    assert request.due_date == D(2025, 3, 31)
    clock.extend(request, 20, D(2025, 3, 20))
    # existing requests keep the limit they were registered under when the policy changes back
    setting.regime = TimeLimits.Regime.SEED
    setting.save()
    assert clock.clock_for(request).limit == 40


@pytest.mark.rule("S2.6", "S6.2")
def test_third_party_consultation_pauses_the_clock():
    request = make_request(submitted_at=at(D(2025, 3, 3)))  # Monday
    clock.start(request)
    clock.pause(request, D(2025, 3, 7), basis="征求第三方意见")  # 4 working days used (Tue–Fri)
    request.refresh_from_db()
    assert request.due_date is None
    assert clock.clock_for(request).stopped_reason == "征求意见期间不计入"
    clock.resume(request, D(2025, 3, 21), basis="第三方书面答复")
    request.refresh_from_db()
    # 11 working days left, counted from Mon 24 Mar; Qingming (Fri 4 Apr 2025) is skipped
    assert request.due_date == D(2025, 4, 8)
    assert clock.clock_for(request).used == 4


@pytest.mark.rule("S2.4", "S6.2")
def test_supplement_restarts_the_clock_from_the_day_it_arrives():
    request = make_request(submitted_at=at(D(2025, 3, 3)))
    clock.start(request)
    clock.stop_for_supplement(request, D(2025, 3, 5))
    request.refresh_from_db()
    assert request.due_date is None
    clock.restart_after_supplement(request, D(2025, 3, 14))  # Friday
    request.refresh_from_db()
    # a full 15 working days again, from Mon 17 Mar
    assert request.due_date == D(2025, 4, 7)  # Qingming (Fri 4 Apr 2025) is not counted
    assert clock.clock_for(request).used == 0
    kinds = list(request.clock_entries.values_list("kind", flat=True))
    assert kinds == [
        ClockEntry.Kind.START,
        ClockEntry.Kind.SUPPLEMENT_STOP,
        ClockEntry.Kind.SUPPLEMENT_RESTART,
    ]


def test_a_year_without_a_confirmed_calendar_warns():
    request = make_request(submitted_at=at(D(2026, 12, 20)))
    clock.start(request)
    assert "2027年" in clock.clock_for(request).warning_text
