"""Letters: every written document as a PDF in official-document style, and the archive of each one issued.

The PDFs are checked the way a reader sees them: `pdftotext` for the words, `pdffonts` for the embedded
CJK fonts (poppler-utils).
"""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from letters.issuing import issue_letter
from letters.kinds import LetterKind
from letters.models import Letter, LetterTemplate
from letters.pdf import render_letter
from letters.templatetags.letters import chinese_date
from letters.wording import LetterError
from organisation.models import Agency
from tests.support.pdf import compact, embedded_fonts, pdf_text

D = datetime.date
AGENCY_NAME = "楚雄州人民政府扶贫开发办公室"
ISSUED = D(2025, 10, 23)
ID_NUMBER = "532301199001011234"
REMEDIES = ["60日内", "楚雄彝族自治州人民政府申请行政复议", "6个月内", "人民法院提起行政诉讼"]
REQUEST = {
    "applicant_name": "王芳",
    "applicant_id_number": ID_NUMBER,
    "tracking_number": "GK2025-0042",
    "received_date": D(2025, 9, 26),
    "description": "2024年度楚雄州财政衔接推进乡村振兴补助资金分配结果",
}
ANSWER = ["政府信息公开申请答复书", "王芳", "2025年9月26日", "GK2025-0042", REQUEST["description"], *REMEDIES]
THIRD_PARTY = {"third_party_name": "楚雄某某农业开发有限公司", "reason": "涉及该公司的商业秘密"}

CLARIFICATION = {
    "false_information": "扶贫小额信贷全部停发",
    "spread": "楚雄市村民微信群",
    "found_date": D(2025, 10, 20),
    "assessment": "经核实，政策继续执行。",
}

# kind: (SPEC id, context, what the PDF's text must contain besides the agency name and the date)
LETTERS = {
    "registration_receipt": (
        "S2.3",
        {**REQUEST, "channel": "在线申请", "due_date": D(2025, 10, 23), "access_code": "7KQ2M9XD"},
        [
            "政府信息公开申请登记回执",
            "GK2025-0042",
            "7KQ2M9XD",
            "2025年9月26日（在线申请）",
            REQUEST["description"],
        ]
        + ["第三十一条", "将于2025年10月23日前作出答复", "联系电话：0878-3123456"],
    ),
    "supplement_notice": (
        "S2.4",
        {
            **REQUEST,
            "items_to_supplement": ["申请人身份证明", "所需政府信息的名称、文号或者便于查询的特征性描述"],
            "supplement_deadline": D(2025, 11, 6),
        },
        ["政府信息公开申请补正告知书", "第三十条", "一次性告知", "1.申请人身份证明", "2.所需政府信息的名称"]
        + ["于2025年11月6日前", "答复期限自本机关收到补正的申请之日起计算", "逾期不补正的，视为未申请"],
    ),
    "deemed_withdrawn": (
        "S2.4",
        {**REQUEST, "supplement_deadline": D(2025, 10, 20)},
        ["政府信息公开申请视为未申请告知书", "2025年10月20日届满", "第三十条", "视为未申请", "不再处理"],
    ),
    "extension_notice": (
        "S6.2",
        {
            **REQUEST,
            "reason": "所需信息需要多个科室检索汇总",
            "extension_days": 15,
            "due_date": D(2025, 11, 13),
        },
        ["政府信息公开申请延期答复告知书", "所需信息需要多个科室检索汇总", "第三十三条第二款"]
        + ["政府信息公开工作机构负责人同意", "延长15个工作日", "2025年11月13日前作出答复"],
    ),
    "third_party_consultation": (
        "S2.6",
        {**REQUEST, **THIRD_PARTY, "reply_deadline": D(2025, 11, 13)},
        [
            "政府信息公开征求第三方意见书",
            "楚雄某某农业开发有限公司",
            REQUEST["description"],
            "涉及该公司的商业秘密",
        ]
        + ["第三十二条", "15个工作日", "2025年11月13日前", "征求第三方意见回执", "不同意公开的理由"],
    ),
    "public_interest_notice": (
        "S2.6",
        {
            **REQUEST,
            **THIRD_PARTY,
            "reason": "该项目使用财政扶贫资金，关系群众切身利益",
            "disclosure_date": D(2025, 11, 3),
        },
        ["政府信息公开决定告知书", "楚雄某某农业开发有限公司", "可能对公共利益造成重大影响"]
        + ["该项目使用财政扶贫资金，关系群众切身利益", "决定公开以下政府信息", "2025年11月3日", "第三十二条"],
    ),
    "answer_public": (
        "S2.5.1",
        {**REQUEST, "access_method": "该信息已在本机关门户网站“扶贫项目资金信息”栏目主动公开"},
        [*ANSWER, "第三十六条第（一）项", "门户网站“扶贫项目资金信息”栏目主动公开"],
    ),
    "answer_transfer": (
        "S2.5.2",
        {**REQUEST, "transferred_to": "楚雄州信访局"},
        [*ANSWER, "第三十九条第一款", "移交楚雄州信访局处理"],
    ),
    "answer_not_government_info": (
        "S2.5.3",
        {**REQUEST, "reason": "要求本机关解释政策，属于咨询"},
        [*ANSWER, "第二条所称的政府信息", "理由：要求本机关解释政策，属于咨询"],
    ),
    "answer_refused": (
        "S2.5.4",
        {
            **REQUEST,
            "legal_ground": "《中华人民共和国政府信息公开条例》第十五条、第三十六条第（三）项",
            "reason": "该信息涉及第三方的个人隐私，第三方不同意公开",
        },
        [*ANSWER, "根据《中华人民共和国政府信息公开条例》第十五条、第三十六条第（三）项的规定"]
        + ["决定不予公开", "理由：该信息涉及第三方的个人隐私，第三方不同意公开"],
    ),
    "answer_partial": (
        "S2.5.5",
        {
            **REQUEST,
            "access_method": "可以公开的部分随本答复书提供",
            "legal_ground": "《中华人民共和国政府信息公开条例》第十五条",
            "reason": "名单中的身份证号码属于个人隐私",
            "attachments": ["补助资金分配结果（已作区分处理）"],
        },
        [
            *ANSWER,
            "第三十七条",
            "可以公开的部分随本答复书提供",
            "依据：《中华人民共和国政府信息公开条例》第十五条",
        ]
        + ["理由：名单中的身份证号码属于个人隐私", "附件：补助资金分配结果（已作区分处理）"],
    ),
    "answer_other_agency": (
        "S2.5.6",
        {**REQUEST, "other_agency_name": "楚雄州财政局", "other_agency_contact": "0878-3120000"},
        [*ANSWER, "第三十六条第（五）项", "由楚雄州财政局负责公开", "联系方式：0878-3120000"],
    ),
    "answer_not_exist": (
        "S2.5.7",
        {**REQUEST, "reason": "本机关未制作或者获取过该信息"},
        [*ANSWER, "第三十六条第（四）项", "该政府信息不存在", "理由：本机关未制作或者获取过该信息"],
    ),
    "answer_repeat": (
        "S2.5",
        {**REQUEST, "reason": "您于2025年3月2日提出的相同申请（GK2025-0011）已于2025年3月20日答复"},
        [*ANSWER, "第三十六条第（六）项", "不予重复处理", "GK2025-0011"],
    ),
    "fee_decision": (
        "S2.8",
        {
            **REQUEST,
            "waiver_ground": "享受城乡居民最低生活保障",
            "waiver_decision": "同意减免",
            "fee_amount": "0.00",
            "fee_standard": "只收取检索、复制、邮寄等成本费用",
        },
        [
            "收费及减免决定告知书",
            "享受城乡居民最低生活保障",
            "同意减免",
            "0.00元",
            "政府信息公开工作机构负责人",
        ],
    ),
    "correction_done": (
        "S2.9",
        {**REQUEST, "correction_result": "已将您的户籍所在地更正为东华镇"},
        ["政府信息更正申请答复书", "王芳", "GK2025-0042", "第四十一条", "已予更正", "户籍所在地更正为东华镇"]
        + REMEDIES,
    ),
    "correction_transferred": (
        "S2.9",
        {
            **REQUEST,
            "reason": "该记录由楚雄州民政局制作并保存",
            "transferred_to": "楚雄州民政局",
            "other_agency_contact": "0878-3121234",
        },
        ["政府信息更正申请答复书", "无权更正", "该记录由楚雄州民政局制作并保存", "转送有权更正的楚雄州民政局"]
        + ["0878-3121234", "第四十一条", *REMEDIES],
    ),
    "consultation_letter": (
        "S8.6",
        {
            "consulted_agency_name": "楚雄州财政局",
            "item_title": "2025年衔接推进乡村振兴补助资金分配表",
            "basic_facts": "该表由项目规划科会同贵局编制",
            "office_opinion": "本机关认为该表应当主动公开",
            "opinion_basis": "《中华人民共和国政府信息公开条例》第二十条",
            "matters_to_coordinate": "请确认各县市分配数额与贵局下达的指标一致",
            "reply_deadline": D(2025, 11, 13),
            "contact_name": "李明",
            "contact_phone": "0878-3123457",
        },
        ["关于征求《2025年衔接推进乡村振兴补助资金分配表》公开发布意见的函", "楚雄州财政局："]
        + ["一、拟发布信息的基本情况", "该表由项目规划科会同贵局编制"]
        + [
            "二、本机关的意见和依据",
            "本机关认为该表应当主动公开",
            "依据：《中华人民共和国政府信息公开条例》第二十条",
        ]
        + ["三、需沟通协调的事项", "请确认各县市分配数额与贵局下达的指标一致"]
        + ["请于2025年11月13日前将书面意见函复本机关", "联系人：李明", "联系电话：0878-3123457"],
    ),
    "review_form": (
        "S4.4",
        {
            "item_title": "2025年衔接推进乡村振兴补助资金分配表",
            "department_name": "项目规划科",
            "information_officer": "张丽",
            "category": "扶贫项目资金信息",
            "formed_date": D(2025, 9, 20),
            "involves_state_secrets": False,
            "involves_commercial_secrets": False,
            "involves_privacy": True,
            "secrecy_handling": "删除身份证号码后公开",
            "other_agencies": "楚雄州财政局已书面确认",
            "legal_approval": "",
            "major_or_difficult": True,
            "channels": ["门户网站", "微信公众号"],
            "opinions": [
                {"step": "科室负责人审核", "reviewer": "赵强", "opinion": "同意公开", "date": D(2025, 9, 22)},
                {"step": "分管领导审核", "reviewer": "钱进", "opinion": "同意", "date": D(2025, 9, 23)},
                {
                    "step": "保密工作领导小组审查",
                    "reviewer": "周国",
                    "opinion": "不涉密，同意发布",
                    "date": D(2025, 9, 25),
                },
            ],
        },
        # Cells are extracted in layout order, so labels and values are checked one by one.
        [
            "信息发布内容审核及保密审查表",
            "打印日期：2025年10月23日",
            "信息标题",
            "2025年衔接推进乡村振兴补助资金分配表",
        ]
        + [
            "产生科室（中心）",
            "项目规划科",
            "信息员",
            "张丽",
            "公开目录",
            "扶贫项目资金信息",
            "形成（变更）日",
        ]
        + ["2025年9月20日", "涉及国家秘密", "涉及商业秘密", "涉及个人隐私", "重大、疑难", "处理方式"]
        + ["删除身份证号码后公开", "涉及其他机关", "楚雄州财政局已书面确认", "依法需经批准", "发布渠道"]
        + ["门户网站、微信公众号", "审核环节", "审核人", "审核意见", "科室负责人审核", "赵强", "同意公开"]
        + ["2025年9月22日", "钱进", "2025年9月23日", "周国", "不涉密，同意发布", "2025年9月25日"]
        + ["先审查、后发布，谁审查、谁负责"],
    ),
    "clarification_transfer": (
        "S9.5",
        {**CLARIFICATION, "receiving_unit": "楚雄州财政局", "reason": "小额信贷贴息资金由州财政局管理"},
        ["关于移送澄清有关信息的函", "楚雄州财政局：", "2025年10月20日", "扶贫小额信贷全部停发", "村民微信群"]
        + ["经核实，政策继续执行", "小额信贷贴息资金由州财政局管理", "请依职责予以澄清"],
    ),
    "clarification_report": (
        "S9.5",
        {**CLARIFICATION, "receiving_unit": "云南省乡村振兴局", "reason": "涉及省级政策调整"},
        ["关于无法确认的有关信息的报告", "云南省乡村振兴局：", "扶贫小额信贷全部停发", "涉及省级政策调整"]
        + ["无法确认该信息是否真实、完整", "请予核实并指导澄清"],
    ),
}


@pytest.fixture
def agency(db):
    agency, _ = Agency.objects.update_or_create(
        credit_code="11532300015167874P",
        defaults={
            "name": AGENCY_NAME,
            "short_name": "楚雄州乡村振兴局",
            "address": "云南省楚雄市鹿城南路1号",
            "phone": "0878-3123456",
            "reconsideration_body": "楚雄彝族自治州人民政府",
        },
    )
    return agency


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def context_for(kind, **changes):
    return {**LETTERS[kind][1], "issued_date": ISSUED, **changes}


@pytest.mark.parametrize(
    "kind", [pytest.param(kind, marks=pytest.mark.rule(rule)) for kind, (rule, _, _) in LETTERS.items()]
)
def test_every_letter_renders_with_its_mandatory_contents_and_embedded_chinese_fonts(kind, agency, tmp_path):
    pdf = render_letter(kind, context_for(kind))

    assert pdf.startswith(b"%PDF")
    text = compact(pdf_text(pdf))
    for expected in [AGENCY_NAME, "2025年10月23日", *LETTERS[kind][2]]:
        assert compact(expected) in text, expected
    # Personal data (PIPL): no letter shows the applicant's ID number; letters to a third party do
    # not even name the applicant.
    assert ID_NUMBER not in text
    if kind in {"third_party_consultation", "public_interest_notice"}:
        assert "王芳" not in text
    fonts = embedded_fonts(pdf, tmp_path)
    assert fonts.get("Noto-Serif-CJK-SC") is True
    assert all(fonts.values()), fonts


def test_every_kind_has_a_letter_and_a_stored_wording(agency):
    assert set(LETTERS) == set(LetterKind.values)
    assert {LetterTemplate.for_kind(kind).kind for kind in LetterKind.values} == set(LetterKind.values)


@pytest.mark.rule("S2.5")
def test_headings_are_set_in_the_sans_font_like_heiti(agency, tmp_path):
    fonts = embedded_fonts(render_letter("answer_partial", context_for("answer_partial")), tmp_path)
    assert fonts == {"Noto-Serif-CJK-SC-Bold": True, "Noto-Serif-CJK-SC": True, "Noto-Sans-CJK-SC": True}


@pytest.mark.rule("S2.6")
def test_an_id_number_hidden_in_the_text_of_a_third_party_letter_is_refused(agency):
    context = context_for(
        "third_party_consultation", description=f"申请人（身份证号{ID_NUMBER}）的低保审批表"
    )
    with pytest.raises(LetterError, match="不得载明申请人的身份证件号码"):
        render_letter("third_party_consultation", context)


@pytest.mark.rule("S2.6")
def test_the_office_cannot_word_a_third_party_letter_with_the_applicants_data(agency):
    template = LetterTemplate.for_kind("third_party_consultation")
    template.body += "\n申请人身份证号：{{ applicant_id_number }}"
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "使用了本文书没有的变量：applicant_id_number" in str(error.value)

    LetterTemplate.objects.filter(pk=template.pk).update(body=template.body)
    with pytest.raises(LetterError, match="文书模板《征求第三方意见书》无法生成"):
        render_letter("third_party_consultation", context_for("third_party_consultation"))


@pytest.mark.rule("S2.5")
def test_editing_the_stored_wording_changes_the_pdf(agency, tmp_path):
    template = LetterTemplate.for_kind("answer_not_exist")
    template.body = template.body.replace("经检索，本机关没有", "经全面检索本机关纸质档案和业务系统，没有")
    template.full_clean()
    template.save()

    text = compact(pdf_text(render_letter("answer_not_exist", context_for("answer_not_exist"))))
    assert "经全面检索本机关纸质档案和业务系统，没有" in text
    assert "经检索，本机关没有" not in text


@pytest.mark.rule("S2.5")
def test_the_reconsideration_body_in_a_letter_is_the_agency_records(agency):
    agency.reconsideration_body = "云南省人民政府"
    agency.save()
    text = compact(pdf_text(render_letter("answer_refused", context_for("answer_refused"))))
    assert "60日内向云南省人民政府申请行政复议" in text and "楚雄彝族自治州" not in text


@pytest.mark.rule("S2.5")
def test_a_letter_is_refused_while_the_agency_record_lacks_a_body_it_names(agency):
    agency.reconsideration_body = ""
    agency.save()
    with pytest.raises(LetterError) as error:
        render_letter("answer_refused", context_for("answer_refused"))
    assert str(error.value) == (
        "生成《答复书：不予公开》需要本机关的行政复议机关，请先在“机构与人员 › 机关”中填写。"
    )


@pytest.mark.rule("S2.4")
def test_a_broken_stored_wording_gives_a_chinese_error_naming_the_template(agency):
    LetterTemplate.for_kind("supplement_notice")
    LetterTemplate.objects.filter(kind="supplement_notice").update(body="{% if %}请补正{% endif %}")
    with pytest.raises(LetterError, match=r"^文书模板《补正告知书》无法生成：格式错误"):
        render_letter("supplement_notice", context_for("supplement_notice"))

    template = LetterTemplate.objects.get(kind="supplement_notice")
    with pytest.raises(ValidationError, match="格式错误"):
        template.full_clean()


@pytest.mark.rule("S2.4")
def test_a_letter_missing_required_contents_is_refused_in_chinese(agency):
    context = context_for("supplement_notice", items_to_supplement=[])
    del context["supplement_deadline"]
    with pytest.raises(LetterError) as error:
        render_letter("supplement_notice", context)
    assert str(error.value) == (
        "生成《补正告知书》缺少：需要补正的事项（列表）（items_to_supplement）、补正期限届满日期（supplement_deadline）"
    )


@pytest.mark.parametrize(
    "value, expected",
    [
        (D(2025, 10, 23), "2025年10月23日"),
        (D(2024, 1, 5), "2024年1月5日"),
        (datetime.datetime(2025, 10, 22, 16, 30, tzinfo=datetime.UTC), "2025年10月23日"),  # 00:30 in 楚雄
        (None, ""),
    ],
)
def test_chinese_date_has_arabic_numerals_without_leading_zeros(value, expected):
    assert chinese_date(value) == expected


@pytest.mark.rule("S2.10")
def test_issuing_archives_the_pdf_with_its_number_recipient_and_subject(agency, media, admin_user, tmp_path):
    letter = issue_letter(
        "answer_refused", context_for("answer_refused"), subject=agency, recipient="王芳", user=admin_user
    )

    letter.refresh_from_db()
    assert letter.letter_number == "楚乡振公开〔2025〕1号"
    assert letter.title == "政府信息公开申请答复书"
    assert (letter.recipient_name, letter.subject, letter.issued_by) == ("王芳", agency, admin_user)
    assert list(Letter.objects.about(agency)) == [letter]
    assert str(letter) == "政府信息公开申请答复书（楚乡振公开〔2025〕1号）"
    assert letter.pdf.name.startswith(timezone.localdate().strftime("letters/%Y/%m/"))
    text = compact(pdf_text(letter.pdf.read()))
    assert "楚乡振公开〔2025〕1号" in text


@pytest.mark.rule("S2.5")
def test_letter_numbers_are_sequential_per_prefix_and_year(agency, media):
    def issue(kind, issued_date=ISSUED):
        return issue_letter(
            kind, context_for(kind, issued_date=issued_date), subject=None, recipient="王芳", user=None
        ).letter_number

    answers = [issue("answer_not_exist"), issue("answer_public"), issue("answer_refused")]
    assert answers == ["楚乡振公开〔2025〕1号", "楚乡振公开〔2025〕2号", "楚乡振公开〔2025〕3号"]
    assert issue("supplement_notice") == "楚乡振公开告〔2025〕1号"
    assert issue("extension_notice") == "楚乡振公开告〔2025〕2号"
    assert issue("answer_not_exist", D(2026, 1, 5)) == "楚乡振公开〔2026〕1号"
    assert issue("registration_receipt") == ""
    assert issue("review_form") == ""


@pytest.mark.rule("S2.5")
def test_a_letter_that_fails_leaves_no_gap_in_the_numbers(agency, media):
    with pytest.raises(LetterError):
        issue_letter("answer_refused", {"issued_date": ISSUED}, subject=None, recipient="王芳", user=None)
    letter = issue_letter(
        "answer_refused", context_for("answer_refused"), subject=None, recipient="王芳", user=None
    )
    assert letter.letter_number == "楚乡振公开〔2025〕1号"
    assert Letter.objects.count() == 1


def test_the_office_changes_the_number_prefix_without_code(agency, media):
    template = LetterTemplate.for_kind("answer_public")
    template.number_prefix = "楚乡振依申请复"
    template.save()
    letter = issue_letter(
        "answer_public", context_for("answer_public"), subject=None, recipient="王芳", user=None
    )
    assert letter.letter_number == "楚乡振依申请复〔2025〕1号"


def test_the_archive_lists_and_downloads_letters_but_never_adds_or_deletes(agency, media, admin_client):
    letter = issue_letter(
        "answer_public", context_for("answer_public"), subject=None, recipient="王芳", user=None
    )
    viewset = Letter.snippet_viewset

    listing = admin_client.get(reverse(viewset.get_url_name("list")))
    assert listing.status_code == 200
    download_url = reverse(viewset.get_url_name("download"), args=[letter.pk])
    assert "楚乡振公开〔2025〕1号" in listing.text and download_url in listing.text

    inspect = admin_client.get(reverse(viewset.get_url_name("inspect"), args=[letter.pk]))
    assert inspect.status_code == 200 and "答复书：属于公开范围" in inspect.text

    download = admin_client.get(download_url)
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    month = admin_client.get(
        reverse(viewset.get_url_name("list")), {"month": f"{timezone.localdate():%Y-%m}"}
    )
    assert "楚乡振公开〔2025〕1号" in month.text
    assert admin_client.get(reverse(viewset.get_url_name("add"))).status_code == 302
    assert admin_client.post(reverse(viewset.get_url_name("delete"), args=[letter.pk])).status_code == 302
    assert Letter.objects.filter(pk=letter.pk).exists()


def test_the_archive_records_delivery(agency, media, admin_client):
    letter = issue_letter(
        "answer_public", context_for("answer_public"), subject=None, recipient="王芳", user=None
    )
    url = reverse(Letter.snippet_viewset.get_url_name("edit"), args=[letter.pk])
    response = admin_client.post(
        url, {"delivery_method": "post", "sent_at": "2025-10-24 09:30:00", "note": "挂号信 XA123456789CN"}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.delivery_method, letter.note) == ("post", "挂号信 XA123456789CN")
    assert letter.letter_number == "楚乡振公开〔2025〕1号"


def test_the_office_edits_the_wording_in_the_admin(agency, admin_client, admin_user, tmp_path):
    template = LetterTemplate.for_kind("answer_transfer")
    url = reverse(LetterTemplate.snippet_viewset.get_url_name("edit"), args=[template.pk])

    listing = admin_client.get(reverse(LetterTemplate.snippet_viewset.get_url_name("list")))
    assert listing.status_code == 200 and "答复书：咨询投诉举报等移交处理" in listing.text
    form = admin_client.get(url)
    assert "transferred_to" in form.text and "移交处理的部门" in form.text

    body = template.body.replace("请与其联系", "请您直接与其联系")
    response = admin_client.post(url, {"title": template.title, "number_prefix": "楚乡振公开", "body": body})
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.updated_by == admin_user
    assert "请您直接与其联系" in compact(
        pdf_text(render_letter("answer_transfer", context_for("answer_transfer")))
    )

    bad = admin_client.post(
        url, {"title": template.title, "number_prefix": "", "body": "{{ applicant_phone }}"}
    )
    assert bad.status_code == 200 and "使用了本文书没有的变量：applicant_phone" in bad.text


@pytest.mark.rule("S2.5")
def test_concurrent_issuing_gets_distinct_consecutive_numbers(
    migration_data_restored_afterwards, django_db_serialized_rollback, transactional_db, agency, media
):
    """Six handlers press 签发 at the same instant, each in its own transaction and connection."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writers; the row lock is proven on PostgreSQL (CI runs both)")
    LetterTemplate.for_kind("answer_public")
    barrier = threading.Barrier(6)
    errors = []

    def handler():
        try:
            barrier.wait()
            issue_letter(
                "answer_public", context_for("answer_public"), subject=None, recipient="王芳", user=None
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=handler) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    numbers = sorted(Letter.objects.values_list("letter_number", flat=True))
    assert sorted(int(number[len("楚乡振公开〔2025〕") : -1]) for number in numbers) == list(range(1, 7))
