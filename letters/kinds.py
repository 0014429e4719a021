"""The documents the law calls "written" (SPEC, "Across all rules") and the variables each one takes.

The variable names are the contract between the processes that issue letters and the wording the
office edits: every stored body may use only its kind's variables, and every required one must be
given when the letter is issued.
"""

from dataclasses import dataclass

from django.db import models


class LetterKind(models.TextChoices):
    REGISTRATION_RECEIPT = "registration_receipt", "登记回执"
    SUPPLEMENT_NOTICE = "supplement_notice", "补正告知书"
    DEEMED_WITHDRAWN = "deemed_withdrawn", "视为未申请告知书"
    EXTENSION_NOTICE = "extension_notice", "延期答复告知书"
    THIRD_PARTY_CONSULTATION = "third_party_consultation", "征求第三方意见书"
    PUBLIC_INTEREST_NOTICE = "public_interest_notice", "决定公开告知书（致第三方）"
    ANSWER_PUBLIC = "answer_public", "答复书：属于公开范围"
    ANSWER_TRANSFER = "answer_transfer", "答复书：咨询投诉举报等移交处理"
    ANSWER_NOT_GOVERNMENT_INFO = "answer_not_government_info", "答复书：不属于政府信息"
    ANSWER_REFUSED = "answer_refused", "答复书：不予公开"
    ANSWER_PARTIAL = "answer_partial", "答复书：部分公开"
    ANSWER_OTHER_AGENCY = "answer_other_agency", "答复书：不属于本机关公开"
    ANSWER_NOT_EXIST = "answer_not_exist", "答复书：信息不存在"
    ANSWER_REPEAT = "answer_repeat", "答复书：重复申请"
    FEE_DECISION = "fee_decision", "收费及减免决定告知书"
    CORRECTION_DONE = "correction_done", "更正申请答复书：已予更正"
    CORRECTION_TRANSFERRED = "correction_transferred", "更正申请答复书：转送有权更正的机关"
    CONSULTATION_LETTER = "consultation_letter", "征求意见函"
    REVIEW_FORM = "review_form", "审核及保密审查表"
    CLARIFICATION_TRANSFER = "clarification_transfer", "澄清移送函"
    CLARIFICATION_REPORT = "clarification_report", "无法确认信息的报告"


# Letters sent to a third party never carry the applicant's personal data (PIPL; SPEC personal data):
# every context variable starting with this prefix is withheld from them.
APPLICANT_PREFIX = "applicant_"
THIRD_PARTY_KINDS = frozenset({LetterKind.THIRD_PARTY_CONSULTATION, LetterKind.PUBLIC_INTEREST_NOTICE})

# Filled in when the letter is made; a caller may still pass its own `agency` or `issued_date`.
AUTOMATIC_VARIABLES = {
    "agency": "本机关：agency.name 全称、agency.address 地址、agency.postcode 邮编、agency.phone 电话、"
    "agency.fax 传真、agency.email 电子邮箱",
    "letter_number": "文号，签发时自动编号",
    "issued_date": "成文日期，默认为签发当日",
}
# Any letter may list attachments; the layout prints them as 附件说明 under the body.
COMMON_OPTIONAL = {"attachments": "附件名称（列表）"}

LABELS = {
    "applicant_name": "申请人姓名或者名称",
    "tracking_number": "受理编号",
    "received_date": "收到申请日期",
    "channel": "申请方式，如：在线申请、信函",
    "description": "申请获取（或拟公开）的政府信息的内容描述",
    "due_date": "答复期限届满日期",
    "access_code": "查询码",
    "items_to_supplement": "需要补正的事项（列表）",
    "supplement_deadline": "补正期限届满日期",
    "reason": "理由",
    "extension_days": "延长的工作日数",
    "third_party_name": "第三方名称或者姓名",
    "reply_deadline": "书面答复截止日期",
    "disclosure_date": "拟公开日期",
    "access_method": "获取信息的方式、途径和时间",
    "transferred_to": "移交处理的部门",
    "legal_ground": "法律依据，如：《中华人民共和国政府信息公开条例》第十五条",
    "other_agency_name": "负责公开该信息的机关",
    "other_agency_contact": "该机关的联系方式",
    "waiver_ground": "申请减免费用的理由",
    "waiver_decision": "减免决定，如：同意减免、不予减免",
    "fee_amount": "应缴纳的费用（元）",
    "fee_standard": "收费依据和标准",
    "correction_result": "更正的内容和结果",
    "consulted_agency_name": "被征求意见的机关",
    "item_title": "拟发布信息的标题",
    "basic_facts": "拟发布信息的基本情况",
    "office_opinion": "本机关的意见",
    "opinion_basis": "意见的依据",
    "matters_to_coordinate": "需沟通协调的事项",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
    "department_name": "信息产生科室（中心）",
    "information_officer": "信息员",
    "category": "公开目录（主题分类）",
    "formed_date": "信息形成（变更）日期",
    "involves_state_secrets": "是否涉及国家秘密（是/否）",
    "involves_commercial_secrets": "是否涉及商业秘密（是/否）",
    "involves_privacy": "是否涉及个人隐私（是/否）",
    "secrecy_handling": "涉密、涉及商业秘密或个人隐私时的处理方式",
    "other_agencies": "涉及的其他机关及确认情况",
    "legal_approval": "依法需要批准的情况",
    "major_or_difficult": "是否重大、疑难（是/否）",
    "channels": "发布渠道（列表）",
    "opinions": "审核意见（列表，每项含 step 环节、reviewer 审核人、opinion 意见、date 日期）",
    "receiving_unit": "接收单位：移送的职责单位或报告的上级主管部门",
    "false_information": "虚假或不完整信息的内容",
    "spread": "传播范围",
    "found_date": "发现日期",
    "assessment": "本机关的核实研判情况",
}


@dataclass(frozen=True)
class Variables:
    required: tuple
    optional: tuple = ()


REQUEST = ("applicant_name", "tracking_number", "received_date", "description")
CLARIFICATION_LETTER = Variables(
    ("receiving_unit", "false_information", "spread", "found_date", "assessment", "reason"),
    ("contact_name", "contact_phone"),
)

VARIABLES = {
    LetterKind.REGISTRATION_RECEIPT: Variables((*REQUEST, "channel", "due_date"), ("access_code",)),
    LetterKind.SUPPLEMENT_NOTICE: Variables((*REQUEST, "items_to_supplement", "supplement_deadline")),
    LetterKind.DEEMED_WITHDRAWN: Variables((*REQUEST, "supplement_deadline")),
    LetterKind.EXTENSION_NOTICE: Variables((*REQUEST, "reason", "extension_days", "due_date")),
    LetterKind.THIRD_PARTY_CONSULTATION: Variables(
        ("third_party_name", "tracking_number", "description", "reason", "reply_deadline")
    ),
    LetterKind.PUBLIC_INTEREST_NOTICE: Variables(
        ("third_party_name", "tracking_number", "description", "reason"), ("disclosure_date",)
    ),
    LetterKind.ANSWER_PUBLIC: Variables((*REQUEST, "access_method")),
    LetterKind.ANSWER_TRANSFER: Variables((*REQUEST, "transferred_to")),
    LetterKind.ANSWER_NOT_GOVERNMENT_INFO: Variables((*REQUEST, "reason")),
    LetterKind.ANSWER_REFUSED: Variables((*REQUEST, "legal_ground", "reason")),
    LetterKind.ANSWER_PARTIAL: Variables((*REQUEST, "legal_ground", "reason", "access_method")),
    LetterKind.ANSWER_OTHER_AGENCY: Variables((*REQUEST, "other_agency_name", "other_agency_contact")),
    LetterKind.ANSWER_NOT_EXIST: Variables((*REQUEST, "reason")),
    LetterKind.ANSWER_REPEAT: Variables((*REQUEST, "reason")),
    LetterKind.FEE_DECISION: Variables(
        (*REQUEST, "waiver_ground", "waiver_decision", "fee_amount"), ("fee_standard",)
    ),
    LetterKind.CORRECTION_DONE: Variables((*REQUEST, "correction_result")),
    LetterKind.CORRECTION_TRANSFERRED: Variables(
        (*REQUEST, "reason", "transferred_to"), ("other_agency_contact",)
    ),
    LetterKind.CONSULTATION_LETTER: Variables(
        (
            "consulted_agency_name",
            "item_title",
            "basic_facts",
            "office_opinion",
            "opinion_basis",
            "matters_to_coordinate",
            "reply_deadline",
        ),
        ("contact_name", "contact_phone"),
    ),
    LetterKind.REVIEW_FORM: Variables(
        (
            "item_title",
            "department_name",
            "information_officer",
            "category",
            "formed_date",
            "involves_state_secrets",
            "involves_commercial_secrets",
            "involves_privacy",
            "major_or_difficult",
            "channels",
        ),
        ("secrecy_handling", "other_agencies", "legal_approval", "opinions"),
    ),
    LetterKind.CLARIFICATION_TRANSFER: CLARIFICATION_LETTER,
    LetterKind.CLARIFICATION_REPORT: CLARIFICATION_LETTER,
}


def allowed_variables(kind):
    variables = VARIABLES[kind]
    return {*variables.required, *variables.optional, *COMMON_OPTIONAL, *AUTOMATIC_VARIABLES}


def variables_help(kind):
    """(name, label, note) for each variable a kind's wording may use, for the admin's help panel."""
    variables = VARIABLES[kind]
    rows = [(name, LABELS[name], "必填") for name in variables.required]
    rows += [(name, LABELS[name], "可不填") for name in variables.optional]
    rows += [(name, label, "可不填") for name, label in COMMON_OPTIONAL.items()]
    rows += [(name, label, "自动") for name, label in AUTOMATIC_VARIABLES.items()]
    return rows
