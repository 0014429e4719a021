"""Correction requests (S2.9): an applicant proves that a record about them is wrong; the office corrects
it, or sends the request to the agency that can, and tells the applicant by letter either way."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure_requests.forms import ApplicationForm
from disclosure_requests.letters import issued_letters
from disclosure_requests.models import DisclosureRequest
from tests.support.pdf import compact, embedded_fonts, pdf_text
from tests.support.request_steps import APPLICATION, apply, do, registered, set_up_office
from tests.support.workflow import form_errors

CORRECTION = {
    "request_type": "correction",
    "description": "本机关2025年公示的易地扶贫搬迁对象名单中，本人户籍所在地误写为吕合镇，应为东华镇",
}


@pytest.fixture
def office(office_rows, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield from set_up_office(settings)


def evidence():
    return SimpleUploadedFile("hukou.pdf", b"%PDF-1.4 household register", content_type="application/pdf")


@pytest.mark.rule("S2.9")
def test_a_correction_needs_evidence_on_the_form(office):
    form = ApplicationForm({**APPLICATION, **CORRECTION})
    assert not form.is_valid()
    assert "证据材料" in form.errors["correction_evidence"][0]
    form = ApplicationForm({**APPLICATION, **CORRECTION}, {"correction_evidence": evidence()})
    assert form.is_valid(), form.errors
    # without a type the request is one for information, as before
    assert ApplicationForm(APPLICATION).is_valid()


@pytest.mark.rule("S2.9")
def test_the_online_form_offers_a_correction(office, client):
    page = client.get("/apply/online/").content.decode()
    assert "申请更正与本人相关的政府信息" in page and "更正证据材料" in page


def letter_text(request, tmp_path):
    letter = issued_letters(request)[-1]
    pdf = letter.pdf.read()
    fonts = embedded_fonts(pdf, tmp_path)
    assert fonts.get("Noto-Serif-CJK-SC") is True and all(fonts.values()), fonts
    return letter.kind, compact(pdf_text(pdf))


@pytest.mark.rule("S2.9")
def test_a_proven_error_is_corrected_and_the_applicant_told(office, tmp_path):
    request = registered(apply(**CORRECTION))
    assert request.request_type == DisclosureRequest.RequestType.CORRECTION
    # the answers of a request for information do not apply to a correction
    errors = form_errors(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="disclosed")
    assert "answer_kind" in errors
    errors = form_errors(request, "draft_answer", "xinxiyuan", decision="answer", answer_kind="corrected")
    assert "更正的内容" in errors["reason"][0]
    do(
        request,
        "draft_answer",
        "xinxiyuan",
        decision="answer",
        answer_kind="corrected",
        reason="已将名单中您的户籍所在地更正为东华镇，并在门户网站重新公示",
    )
    do(request, "leader_approval", "fenguan", decision="approve")
    do(request, "deliver", "zonghe", delivered_on=request.answered_on.isoformat(), how="EMS 1122")
    assert request.status == DisclosureRequest.Status.ARCHIVED
    kind, text = letter_text(request, tmp_path)
    assert kind == "correction_done"
    for phrase in (
        "政府信息更正申请答复书",
        "李明",
        request.tracking_number,
        "第四十一条",
        "已予更正",
        "东华镇",
    ):
        assert compact(phrase) in text, phrase


@pytest.mark.rule("S2.9")
def test_a_record_the_office_cannot_correct_goes_to_the_agency_that_can(office, tmp_path):
    request = registered(apply(**CORRECTION))
    errors = form_errors(
        request,
        "draft_answer",
        "xinxiyuan",
        decision="answer",
        answer_kind="correction_transferred",
        reason="x",
    )
    assert "联系方式" in errors["other_agency"][0]
    do(
        request,
        "draft_answer",
        "xinxiyuan",
        decision="answer",
        answer_kind="correction_transferred",
        reason="户籍信息由公安机关登记，本机关只引用",
        other_agency="楚雄市公安局东华派出所",
        other_agency_contact="0878-3881110",
    )
    do(request, "leader_approval", "fenguan", decision="approve")
    kind, text = letter_text(request, tmp_path)
    assert kind == "correction_transferred"
    for phrase in (
        "无权更正",
        "户籍信息由公安机关登记",
        "转送有权更正的楚雄市公安局东华派出所",
        "0878-3881110",
    ):
        assert compact(phrase) in text, phrase
