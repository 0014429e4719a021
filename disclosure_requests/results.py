"""The results a disclosure request can have: the groups and items of table 三 of the national annual
report template (国办公开办函〔2021〕30号), as a request records them (`不予公开/属于国家秘密`).

The request's handling forms, the register import and the annual report's statistics read this one list.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ResultGroup:
    number: str
    name: str
    note: str = ""
    items: tuple = ()
    only_2021_items: bool = False

    @property
    def label(self):
        return f"{self.number}{self.name}{self.note}"


RESULT_GROUPS = (
    ResultGroup("（一）", "予以公开"),
    ResultGroup("（二）", "部分公开", "（区分处理的，只计这一情形，不计其他情形）"),
    ResultGroup(
        "（三）",
        "不予公开",
        items=(
            "属于国家秘密",
            "其他法律行政法规禁止公开",
            "危及“三安全一稳定”",
            "保护第三方合法权益",
            "属于三类内部事务信息",
            "属于四类过程性信息",
            "属于行政执法案卷",
            "属于行政查询事项",
        ),
    ),
    ResultGroup(
        "（四）",
        "无法提供",
        items=("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"),
    ),
    ResultGroup(
        "（五）",
        "不予处理",
        items=(
            "信访举报投诉类申请",
            "重复申请",
            "要求提供公开出版物",
            "无正当理由大量反复申请",
            "要求行政机关确认或重新出具已获取信息",
        ),
    ),
    ResultGroup(
        "（六）",
        "其他处理",
        items=(
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "其他",
        ),
        only_2021_items=True,
    ),
)


def _record_labels():
    labels = []
    for group in RESULT_GROUPS:
        if not group.items:
            labels.append(group.name)
        labels.extend(f"{group.name}/{item}" for item in group.items)
    return labels


RESULT_ROWS = _record_labels()
