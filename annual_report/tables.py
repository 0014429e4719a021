"""The official tables of the annual report, as data (reference/cn_disclosure_rules.md §2).

国办公开办函〔2019〕60号 gives the format of report years 2019 and 2020, 〔2021〕30号 the format from
2021 on. Row labels are the official strings to the character; a sub-row's key is its parent's label
and its own joined by "/" (`（三）不予公开/1.属于国家秘密`). A request records its result as the short
label without numbering (`不予公开/属于国家秘密`): `RESULT_ROWS` (disclosure_requests.results, where the
results of a request are defined) is the one list of those labels, used by the handling forms, the
register import and the statistics alike; this module gives each its row key in each format.
"""

from dataclasses import dataclass

from disclosure_requests.results import RESULT_GROUPS, RESULT_ROWS  # noqa: F401 - the rows a request records

FORMAT_2019 = "2019"
FORMAT_2021 = "2021"
FIRST_YEAR_OF_2021_FORMAT = 2021

SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def format_for(year):
    return FORMAT_2021 if year >= FIRST_YEAR_OF_2021_FORMAT else FORMAT_2019


# -- Table 二: 主动公开政府信息情况 ---------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One block of table 二: its caption, value columns, rows, and whether the office enters it."""

    caption: str
    columns: tuple
    rows: tuple
    entered: bool = True

    def cells(self):
        return [(row, column) for row in self.rows for column in self.columns]


ITEMS_2021 = ("规章", "行政规范性文件")
ITEMS_2019 = ("规章", "规范性文件")
TABLE2 = {
    FORMAT_2021: (
        Block(
            "第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"), ITEMS_2021, entered=False
        ),
        Block("第二十条第（五）项", ("本年处理决定数量",), ("行政许可",)),
        Block("第二十条第（六）项", ("本年处理决定数量",), ("行政处罚", "行政强制")),
        Block("第二十条第（八）项", ("本年收费金额（单位：万元）",), ("行政事业性收费",)),
    ),
    FORMAT_2019: (
        Block(
            "第二十条第（一）项",
            ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
            ITEMS_2019,
            entered=False,
        ),
        Block(
            "第二十条第（五）项",
            ("上一年项目数量", "本年增/减", "处理决定数量"),
            ("行政许可", "其他对外管理服务事项"),
        ),
        Block(
            "第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"), ("行政处罚", "行政强制")
        ),
        Block("第二十条第（八）项", ("上一年项目数量", "本年增/减"), ("行政事业性收费",)),
        Block("第二十条第（九）项", ("采购项目数量", "采购总金额"), ("政府集中采购",)),
    ),
}


def figure_key(block, row, column):
    """The key of an office-entered figure: `第二十条第（五）项/行政许可/本年处理决定数量`."""
    return f"{block.caption}/{row}/{column}"


def entered_cells(report_format):
    return [
        (block, row, column)
        for block in TABLE2[report_format]
        if block.entered
        for row, column in block.cells()
    ]


# -- Table 三: 收到和处理政府信息公开申请情况 ----------------------------------------------------------

APPLICANT_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
TABLE3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
RECEIVED = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
RESULTS_HEADING = "三、本年度办理结果"
TOTAL = "（七）总计"
CARRIED_OUT = "四、结转下年度继续办理"


@dataclass(frozen=True)
class ResultRow:
    """One result a request can have: the label it records, and its row key in each format."""

    record_label: str
    key_2021: str
    key_2019: str

    def key(self, report_format):
        return self.key_2021 if report_format == FORMAT_2021 else self.key_2019


def _result_rows():
    rows = []
    for group in RESULT_GROUPS:
        if not group.items:
            rows.append(ResultRow(group.name, group.label, group.label))
        for number, item in enumerate(group.items, start=1):
            key = f"{group.label}/{number}.{item}"
            rows.append(ResultRow(f"{group.name}/{item}", key, group.label if group.only_2021_items else key))
    return rows


RESULT_ROW_LIST = _result_rows()
RESULT_ROW_BY_LABEL = {row.record_label: row for row in RESULT_ROW_LIST}


def result_keys(report_format):
    """The numeric result rows of a format, in official order, without （七）总计."""
    return list(dict.fromkeys(row.key(report_format) for row in RESULT_ROW_LIST))


def table3_rows(report_format):
    """All numeric rows of table 三 in official order: 25 in the 2021 format, 23 in the 2019 one."""
    return [RECEIVED, CARRIED_IN, *result_keys(report_format), TOTAL, CARRIED_OUT]


# -- Table 四: 政府信息公开行政复议、行政诉讼情况 ---------------------------------------------------

OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
CASE_GROUPS = ["行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉"]
TABLE4_COLUMNS = [f"{group}/{outcome}" for group in CASE_GROUPS for outcome in OUTCOMES]
