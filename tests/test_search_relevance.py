"""Relevance on the real documents (S1.6): recall@10 and MRR of tests/search_relevance/queries.json.

The 60 State Council documents of tests/data are imported with `import_catalogue` (which must
update the index), then every query is run as the search page runs it. The figures must not fall
below tests/search_relevance/baseline.json; run with `-s` to see them per backend and per case.
"""

import json
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command

from cms_pages.models import DisclosureItemPage
from search.catalogue import search_items
from tests.support.paths import POLICIES_2018_2019

from .search_relevance.support import BACKENDS, reindex, use_backend

HERE = Path(__file__).parent / "search_relevance"
DATA = POLICIES_2018_2019
QUERIES = json.loads((HERE / "queries.json").read_text("utf-8"))["queries"]
BASELINE = json.loads((HERE / "baseline.json").read_text("utf-8"))
TOP = 10


def scores(ranked, expected):
    """(recall@10, reciprocal rank) of one query."""
    top = ranked[:TOP]
    recall = len(set(top) & set(expected)) / len(expected)
    rank = next((position for position, number in enumerate(top, start=1) if number in expected), None)
    return recall, 1 / rank if rank else 0.0


def evaluate():
    by_case = defaultdict(list)
    for case in QUERIES:
        results = search_items(DisclosureItemPage.objects.live(), case["query"])[:TOP]
        by_case[case["case"]].append(scores([item.index_number for item in results], case["expected"]))
    every = [score for scores_ in by_case.values() for score in scores_]
    summary = {"recall@10": mean(s[0] for s in every), "MRR": mean(s[1] for s in every)}
    return summary, {
        case: (mean(s[0] for s in rows), mean(s[1] for s in rows)) for case, rows in by_case.items()
    }


def mean(values):
    values = list(values)
    return round(sum(values) / len(values), 3)


@pytest.mark.rule("S1.6")
def test_queries_cover_every_case_of_the_issue():
    cases = {case["case"] for case in QUERIES}
    assert len(QUERIES) >= 40
    assert cases >= {
        "whole word",
        "part of a word",
        "phrase",
        "two characters",
        "several terms (AND)",
        "split differently",
        "synonym",
        "traditional characters",
        "document number",
        "index number",
    }


@pytest.mark.rule("S1.6")
@pytest.mark.parametrize("backend", BACKENDS)
def test_relevance_on_the_real_documents_does_not_regress(settings, site_structure, backend):
    use_backend(settings, backend)
    call_command("import_catalogue", str(DATA), verbosity=0)
    if backend != "embedded":
        reindex()
    summary, per_case = evaluate()
    print(f"\n{backend}: {summary}")
    for case, (recall, mrr) in per_case.items():
        print(f"  {case:<24} recall@10 {recall:.3f}  MRR {mrr:.3f}")
    floor = BASELINE[backend]
    assert summary["recall@10"] >= floor["recall@10"] and summary["MRR"] >= floor["MRR"], (summary, floor)
