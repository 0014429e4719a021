"""The days off the holiday regulation itself gives in any year, before the State Council's arrangement.

《全国年节及纪念日放假办法》 as revised in 2024: 元旦 1 day; 春节 4 days (除夕 to 初三); 清明 1; 劳动节 2;
端午 1; 中秋 1; 国庆 3 — lunar dates and the 清明 solar term included — and, by 第六条, a holiday that
falls on a Saturday or Sunday is made up (补假) on a working day. The `holidays` package computes all
of these for any year. What it adds beyond the regulation — the State Council's shifted rest days
(调休) of the years it knows — is left out: a year nobody has entered is counted on the regulation
alone (provisional, 暂定), with no make-up working days, so its deadlines are never early for want of
a rest day and never shortened by a working weekend.
"""

import functools

import holidays

SHIFTED_REST_DAY = "调休"


@functools.lru_cache(maxsize=32)
def statutory_days_off(year):
    """{date: Chinese name} of the weekdays off by the regulation in `year`, 补假 included."""
    calendar = holidays.China(years=year, language="zh_CN")
    return {
        day: name
        for day, name in calendar.items()
        if day.weekday() < 5 and day.year == year and SHIFTED_REST_DAY not in name
    }
