"""The default wording of every letter, seeded by migration 0002 and editable in 文书模板.

Articles are those of the 2019 《中华人民共和国政府信息公开条例》 (reference §5.2: never the 2008
numbering). The 行政复议机关 is the agency record's (since 2024-01-01, for a 州-level bureau, the 州人民政府).
Each line of a body is one paragraph; a line like “一、标题” without a full stop is a heading.
"""

REGULATION = "《中华人民共和国政府信息公开条例》"

REMEDIES = (
    "如对本答复不服，可以依照《中华人民共和国行政复议法》《中华人民共和国行政诉讼法》的规定，"
    "自收到本答复书之日起60日内向{{ agency.reconsideration_body }}申请行政复议，"
    "或者自收到本答复书之日起6个月内向人民法院提起行政诉讼。"
)

REQUEST_RECEIVED = (
    "本机关于{{ received_date|chinese_date }}收到您提出的政府信息公开申请（受理编号：{{ tracking_number }}），"
    "申请获取“{{ description }}”。"
)

ANSWER_OPENING = REQUEST_RECEIVED + "经审查，现答复如下："


def lines(*paragraphs):
    return "\n".join(paragraphs)


ANSWER_TITLE = "政府信息公开申请答复书"

DEFAULT_TEMPLATES = {
    "registration_receipt": {
        "title": "政府信息公开申请登记回执",
        "number_prefix": "",
        "body": lines(
            "您提出的政府信息公开申请本机关已收到，现登记如下：",
            "受理编号：{{ tracking_number }}{% if access_code %}　查询码：{{ access_code }}{% endif %}",
            "收到申请日期：{{ received_date|chinese_date }}（{{ channel }}）",
            "申请内容：{{ description }}",
            f"根据{REGULATION}第三十一条、第三十三条的规定，本机关将于{{{{ due_date|chinese_date }}}}前作出答复；"
            "需要补正申请、征求第三方或者其他机关意见、延长答复期限的，本机关将另行书面告知。"
            "{% if access_code %}您可以凭受理编号和查询码在本机关政府信息公开网站查询办理进度。{% endif %}",
        ),
    },
    "supplement_notice": {
        "title": "政府信息公开申请补正告知书",
        "number_prefix": "楚乡振公开告",
        "body": lines(
            REQUEST_RECEIVED,
            f"经审查，您的申请内容不明确或者不符合{REGULATION}第二十九条的规定。"
            "根据该条例第三十条的规定，现一次性告知您需要补正的事项如下：",
            "{% for item in items_to_supplement %}{{ forloop.counter }}. {{ item }}\n{% endfor %}"
            "请您于{{ supplement_deadline|chinese_date }}前向本机关提交补正后的申请。"
            "答复期限自本机关收到补正的申请之日起计算。",
            "无正当理由逾期不补正的，视为未申请（视为放弃申请），本机关不再处理该政府信息公开申请。",
        ),
    },
    "deemed_withdrawn": {
        "title": "政府信息公开申请视为未申请告知书",
        "number_prefix": "楚乡振公开告",
        "body": lines(
            REQUEST_RECEIVED,
            "本机关已书面告知您补正申请，补正期限已于{{ supplement_deadline|chinese_date }}届满。"
            "本机关未收到您补正的申请，您也未说明正当理由。",
            f"根据{REGULATION}第三十条的规定，您的申请视为未申请（视为放弃申请），本机关不再处理。"
            "如仍需获取上述政府信息，您可以重新提出申请。",
            "特此告知。",
        ),
    },
    "extension_notice": {
        "title": "政府信息公开申请延期答复告知书",
        "number_prefix": "楚乡振公开告",
        "body": lines(
            REQUEST_RECEIVED,
            "因{{ reason }}，本机关不能在规定期限内作出答复。"
            f"根据{REGULATION}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
            "答复期限延长{{ extension_days }}个工作日，本机关将于{{ due_date|chinese_date }}前作出答复。",
            "特此告知。",
        ),
    },
    "third_party_consultation": {
        "title": "政府信息公开征求第三方意见书",
        "number_prefix": "楚乡振公开征",
        "body": lines(
            "本机关收到一件政府信息公开申请（受理编号：{{ tracking_number }}），申请获取以下政府信息：“{{ description }}”。",
            "经审查，该信息{{ reason }}，公开后可能损害您（单位）的合法权益。"
            f"根据{REGULATION}第三十二条的规定，现书面征求您（单位）的意见。",
            "请您（单位）自收到本意见书之日起15个工作日内，即于{{ reply_deadline|chinese_date }}前，"
            "将是否同意公开的书面意见（可填写所附回执）送达本机关；不同意公开的，请说明理由。",
            "逾期未提出意见的，由本机关依照该条例的规定决定是否公开。"
            "您（单位）不同意公开且有合理理由的，本机关不予公开；但本机关认为不公开可能对公共利益造成重大影响的，"
            "可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（单位）。",
        ),
    },
    "public_interest_notice": {
        "title": "政府信息公开决定告知书",
        "number_prefix": "楚乡振公开告",
        "body": lines(
            "本机关就政府信息公开申请（受理编号：{{ tracking_number }}）所涉政府信息书面征求了您（单位）的意见，"
            "您（单位）不同意公开。",
            "经审查，本机关认为不公开该信息可能对公共利益造成重大影响，理由如下：{{ reason }}",
            f"根据{REGULATION}第十五条、第三十二条的规定，本机关决定公开以下政府信息：{{{{ description }}}}"
            "{% if disclosure_date %}，公开日期为{{ disclosure_date|chinese_date }}{% endif %}。",
            "如对本决定不服，可以依照《中华人民共和国行政复议法》《中华人民共和国行政诉讼法》的规定，"
            "自收到本告知书之日起60日内向{{ agency.reconsideration_body }}申请行政复议，"
            "或者自收到本告知书之日起6个月内向人民法院提起行政诉讼。",
            "特此告知。",
        ),
    },
    "answer_public": {
        "title": ANSWER_TITLE,
        "number_prefix": "楚乡振公开",
        "body": lines(
            ANSWER_OPENING,
            f"您申请获取的政府信息属于公开范围。根据{REGULATION}第三十六条第（一）项、第（二）项的规定，"
            "获取该政府信息的方式、途径如下：{{ access_method }}",
            REMEDIES,
        ),
    },
    "answer_transfer": {
        "title": ANSWER_TITLE,
        "number_prefix": "楚乡振公开",
        "body": lines(
            ANSWER_OPENING,
            "您以政府信息公开申请的形式提出的是咨询、投诉、申诉或者举报事项。"
            f"根据{REGULATION}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，"
            "已将您的申请移交{{ transferred_to }}处理，请与其联系。",
            REMEDIES,
        ),
    },
    "answer_not_government_info": {
        "title": ANSWER_TITLE,
        "number_prefix": "楚乡振公开",
        "body": lines(
            ANSWER_OPENING,
            f"您申请获取的内容不属于{REGULATION}第二条所称的政府信息，本机关不作为政府信息公开申请处理。",
            "理由：{{ reason }}",
            REMEDIES,
        ),
    },
    "answer_refused": {
        "title": ANSWER_TITLE,
        "number_prefix": "楚乡振公开",
        "body": lines(
            ANSWER_OPENING,
            "您申请获取的政府信息属于不予公开的范围。根据{{ legal_ground }}的规定，本机关决定不予公开。",
            "理由：{{ reason }}",
            REMEDIES,
        ),
    },
    "answer_partial": {
        "title": ANSWER_TITLE,
        "number_prefix": "楚乡振公开",
        "body": lines(
            ANSWER_OPENING,
            "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。"
            f"根据{REGULATION}第三十七条的规定，本机关向您提供可以公开的部分，并对不予公开的部分说明理由。",
            "一、可以公开的部分",
            "{{ access_method }}",
            "二、不予公开的部分",
            "依据：{{ legal_ground }}",
            "理由：{{ reason }}",
            REMEDIES,
        ),
    },
    "answer_other_agency": {
        "title": ANSWER_TITLE,
        "number_prefix": "楚乡振公开",
        "body": lines(
            ANSWER_OPENING,
            f"您申请获取的政府信息不属于本机关负责公开。根据{REGULATION}第三十六条第（五）项的规定，"
            "该政府信息由{{ other_agency_name }}负责公开，请向该机关提出申请。",
            "联系方式：{{ other_agency_contact }}",
            REMEDIES,
        ),
    },
    "answer_not_exist": {
        "title": ANSWER_TITLE,
        "number_prefix": "楚乡振公开",
        "body": lines(
            ANSWER_OPENING,
            f"经检索，本机关没有您所申请公开的政府信息。根据{REGULATION}第三十六条第（四）项的规定，"
            "告知您该政府信息不存在。",
            "理由：{{ reason }}",
            REMEDIES,
        ),
    },
    "answer_repeat": {
        "title": ANSWER_TITLE,
        "number_prefix": "楚乡振公开",
        "body": lines(
            ANSWER_OPENING,
            "本机关已就您提出的相同政府信息公开申请作出过答复，您再次申请公开相同的政府信息。"
            f"根据{REGULATION}第三十六条第（六）项的规定，本机关不予重复处理。",
            "说明：{{ reason }}",
            REMEDIES,
        ),
    },
    "fee_decision": {
        "title": "政府信息公开申请收费及减免决定告知书",
        "number_prefix": "楚乡振公开告",
        "body": lines(
            REQUEST_RECEIVED,
            "您以“{{ waiver_ground }}”为由申请减免提供政府信息的费用。"
            "经本机关政府信息公开工作机构负责人审核，决定：{{ waiver_decision }}。",
            "您需缴纳的费用为{{ fee_amount }}元。"
            "{% if fee_standard %}收费依据和标准：{{ fee_standard }}{% endif %}",
            "本机关只收取检索、复制、邮寄等成本费用，不通过其他组织、个人以有偿服务方式提供政府信息。",
            "特此告知。",
        ),
    },
    "correction_done": {
        "title": "政府信息更正申请答复书",
        "number_prefix": "楚乡振公开",
        "body": lines(
            "本机关于{{ received_date|chinese_date }}收到您提出的政府信息更正申请（受理编号：{{ tracking_number }}），"
            "认为本机关提供的与您自身相关的政府信息记录不准确：“{{ description }}”。",
            f"经核实，您提供的证据能够证明该记录不准确。根据{REGULATION}第四十一条的规定，本机关已予更正。",
            "更正情况：{{ correction_result }}",
            REMEDIES,
        ),
    },
    "correction_transferred": {
        "title": "政府信息更正申请答复书",
        "number_prefix": "楚乡振公开",
        "body": lines(
            "本机关于{{ received_date|chinese_date }}收到您提出的政府信息更正申请（受理编号：{{ tracking_number }}），"
            "认为与您自身相关的政府信息记录不准确：“{{ description }}”。",
            "经核实，本机关无权更正该信息，理由：{{ reason }}",
            f"根据{REGULATION}第四十一条的规定，本机关已将您的更正申请转送有权更正的{{{{ transferred_to }}}}处理，"
            "请与其联系。{% if other_agency_contact %}联系方式：{{ other_agency_contact }}{% endif %}",
            REMEDIES,
        ),
    },
    "consultation_letter": {
        "title": "关于征求《{{ item_title }}》公开发布意见的函",
        "number_prefix": "楚乡振公开函",
        "body": lines(
            "本机关拟公开发布《{{ item_title }}》，该信息涉及贵单位。"
            f"根据{REGULATION}和本机关政府信息发布协调制度的规定，现将有关情况函告如下，请贵单位提出意见。",
            "一、拟发布信息的基本情况",
            "{{ basic_facts }}",
            "二、本机关的意见和依据",
            "{{ office_opinion }}",
            "依据：{{ opinion_basis }}",
            "三、需沟通协调的事项",
            "{{ matters_to_coordinate }}",
            "请于{{ reply_deadline|chinese_date }}前将书面意见函复本机关。",
        ),
    },
    "review_form": {
        "title": "信息发布内容审核及保密审查表",
        "number_prefix": "",
        "body": lines(
            "说明：1. 本表由信息员填写，报信息产生的科室（中心）负责人提出是否公开的审查意见后，"
            "报分管领导提出审查意见，由综合科收集后，报保密工作领导小组审查核准后发布。",
            "2. 重大、疑难信息应逐级审查后，由主要领导批准方可对外发布。",
            "3. 遵循“先审查、后发布，谁审查、谁负责”的原则。",
        ),
    },
    "clarification_transfer": {
        "title": "关于移送澄清有关信息的函",
        "number_prefix": "楚乡振公开函",
        "body": lines(
            "{{ found_date|chinese_date }}，本机关发现以下信息可能虚假或者不完整："
            "“{{ false_information }}”。该信息传播范围：{{ spread }}。",
            "经核实研判：{{ assessment }}",
            "因{{ reason }}，该信息涉及贵单位职责，不属于本机关澄清范围。"
            "根据本机关澄清虚假或不完整信息制度的规定，现移送贵单位，请依职责予以澄清。",
        ),
    },
    "clarification_report": {
        "title": "关于无法确认的有关信息的报告",
        "number_prefix": "楚乡振公开报",
        "body": lines(
            "{{ found_date|chinese_date }}，本机关发现以下信息可能虚假或者不完整："
            "“{{ false_information }}”。该信息传播范围：{{ spread }}。",
            "经核实研判：{{ assessment }}",
            "因{{ reason }}，本机关无法确认该信息是否真实、完整。"
            "根据本机关澄清虚假或不完整信息制度的规定，特此报告，请予核实并指导澄清。",
        ),
    },
}
