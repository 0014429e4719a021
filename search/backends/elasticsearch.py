"""The Elasticsearch backend (production): Wagtail's elasticsearch9 backend with the project's Chinese rules.

- Index settings: the index's default analyzers are Chinese — IK (`ik_max_word` to index, `ik_smart`
  to search) when the cluster has the plugin, else `smartcn`, else the built-in `cjk` bigrams — with the
  synonym list as a `synonym_graph` filter at search time. Every searchable field and `_all_text` also
  get a `grams` sub-field of character bigrams and trigrams: the tokens of the embedded backend.
- Queries follow the same plan as the embedded backend (query.py): every requirement must match, as
  grams (substring) or as a phrase of the Chinese analyzer; ranking puts the exact document or index
  number first, then title matches, then the rest, newest first within each tier; `and` semantics.
- Facets return every value (Wagtail's default stops at ES's 10 buckets) and by year of publication.
"""

from collections import OrderedDict

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
    Elasticsearch9SearchResults,
)
from modelsearch.index import SearchField
from modelsearch.utils import deep_update

from ..analysis import fold, identifier_key
from ..query import SearchPlan
from .common import PlannedResultsMixin, is_match_all
from .embedded import IDENTIFIER_FIELDS, _entry_date

FACET_SIZE = 1000
KEY_FIELD = "_search_keys"
DATE_FIELD = "_search_date"
GRAMS = {"grams": {"type": "text", "analyzer": "gram_analyzer"}}
KEY_BOOST, TITLE_BOOST = 100, 10
WIDTH_AND_CASE = ["cjk_width", "lowercase"]
CHINESE_ANALYZERS = {
    "ik": ({"tokenizer": "ik_max_word"}, {"tokenizer": "ik_smart"}),
    "smartcn": ({"tokenizer": "smartcn_tokenizer"}, {"tokenizer": "smartcn_tokenizer"}),
    "cjk": (
        {"tokenizer": "standard", "after": ["cjk_bigram"]},
        {"tokenizer": "standard", "after": ["cjk_bigram"]},
    ),
}
PLUGIN_ANALYZERS = [("analysis-ik", "ik"), ("analysis-smartcn", "smartcn")]


def _analyzer(spec, extra_filters=()):
    return {
        "type": "custom",
        "tokenizer": spec["tokenizer"],
        "filter": [*WIDTH_AND_CASE, *spec.get("after", []), *extra_filters],
    }


def index_settings(analyzer, synonym_groups):
    """The analysis settings for one analyzer name (ik, smartcn, cjk) and the synonym list."""
    index_spec, search_spec = CHINESE_ANALYZERS[analyzer]
    filters = {"cjk_bigram": {"type": "cjk_bigram", "output_unigrams": True}}
    search_filters = []
    if synonym_groups:
        filters["gongkai_synonyms"] = {
            "type": "synonym_graph",
            "lenient": True,
            "synonyms": [", ".join(group) for group in synonym_groups],
        }
        search_filters = ["gongkai_synonyms"]
    return {
        "settings": {
            "index": {"number_of_shards": 1},
            "analysis": {
                "tokenizer": {
                    "gram_tokenizer": {
                        "type": "ngram",
                        "min_gram": 2,
                        "max_gram": 3,
                        "token_chars": ["letter", "digit"],
                    }
                },
                "filter": filters,
                "analyzer": {
                    "default": _analyzer(index_spec),
                    "default_search": _analyzer(search_spec, search_filters),
                    "gram_analyzer": {
                        "type": "custom",
                        "tokenizer": "gram_tokenizer",
                        "filter": WIDTH_AND_CASE,
                    },
                    "edgengram_analyzer": _analyzer(index_spec, ["edgengram"]),
                },
            },
        }
    }


_detected = {}


def _detected_analyzer(backend):
    """IK if the cluster has it, else smartcn, else cjk; asked once per process and cluster."""
    key = repr(backend.hosts)
    if key not in _detected:
        installed = {row["component"] for row in backend.es.cat.plugins(format="json")}
        _detected[key] = next((name for plugin, name in PLUGIN_ANALYZERS if plugin in installed), "cjk")
    return _detected[key]


class ChineseMapping(Elasticsearch9Mapping):
    """Grams sub-fields on searchable fields, folded text, identifier keys and a date to sort by."""

    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "default_search"}

    def get_mapping(self):
        mapping = super().get_mapping()
        properties = mapping["properties"]
        for name in self._search_columns():
            properties[name]["fields"] = GRAMS
        for name in [name for name in properties if name.startswith("_all_text")]:
            properties[name]["fields"] = GRAMS
        properties[KEY_FIELD] = {"type": "keyword"}
        properties[DATE_FIELD] = {"type": "date"}
        return mapping

    def get_document(self, obj):
        document = super().get_document(obj)
        for name in self._search_columns():
            document[name] = _fold_value(document.get(name))
        keys = {
            identifier_key(str(getattr(obj, name) or "")) for name in IDENTIFIER_FIELDS if hasattr(obj, name)
        }
        document[KEY_FIELD] = sorted(key for key in keys if key)
        document[DATE_FIELD] = _entry_date(obj)
        return document

    def _search_columns(self):
        return [
            self.get_field_column_name(field)
            for field in self.model.get_search_fields()
            if isinstance(field, SearchField)
        ]


def _fold_value(value):
    if isinstance(value, str):
        return fold(value)
    if isinstance(value, list):
        return [_fold_value(item) for item in value]
    return value


class ChineseQueryMixin:
    """Builds the query from the plan the results object attaches as `search_plan`."""

    mapping_class = ChineseMapping

    def get_inner_query(self):
        if is_match_all(self.query):
            return {"match_all": {}}
        plan = self.search_plan
        title = self.mapping.get_field_column_name(self._title_field())
        match = [self._plan_query(plan, "_all_text")] if plan.requirements else []
        tiers = []
        if plan.key:
            match.append({"term": {KEY_FIELD: plan.key}})
            tiers.append({"constant_score": {"filter": {"term": {KEY_FIELD: plan.key}}, "boost": KEY_BOOST}})
        if plan.requirements:
            tiers.append({"constant_score": {"filter": self._plan_query(plan, title), "boost": TITLE_BOOST}})
        if not match:
            return {"bool": {"must_not": {"match_all": {}}}}
        return {"bool": {"filter": {"bool": {"should": match, "minimum_should_match": 1}}, "should": tiers}}

    def _title_field(self):
        return next(field for field in self.queryset.model.get_search_fields() if field.field_name == "title")

    @staticmethod
    def _plan_query(plan, field):
        return {
            "bool": {
                "must": [
                    {
                        "bool": {
                            "should": [
                                clause
                                for text in requirement.alternatives
                                for clause in _contains(field, text)
                            ],
                            "minimum_should_match": 1,
                        }
                    }
                    for requirement in plan.requirements
                ]
            }
        }

    def get_sort(self):
        if self.order_by_relevance and not is_match_all(self.query):
            return ["_score", {DATE_FIELD: {"order": "desc", "missing": "_last"}}, {"pk": "desc"}]
        return super().get_sort()


def _contains(field, text):
    """`text` inside `field`: all its grams, or the Chinese analyzer's words as a phrase."""
    return [
        {"match": {f"{field}.grams": {"query": text, "operator": "and"}}},
        {"match_phrase": {field: {"query": text}}},
    ]


class ChineseSearchQueryCompiler(ChineseQueryMixin, Elasticsearch9SearchQueryCompiler):
    pass


class ChineseAutocompleteQueryCompiler(ChineseQueryMixin, Elasticsearch9AutocompleteQueryCompiler):
    """The admin's searches: the same Chinese query as the site's."""


class ChineseSearchResults(PlannedResultsMixin, Elasticsearch9SearchResults):
    def _get_es_body(self, for_count=False):
        if not is_match_all(self.query_compiler.query):
            self.query_compiler.search_plan = self.plan
        return super()._get_es_body(for_count=for_count)

    def facet(self, field_name):
        """Every value with its count (not only ES's first 10 buckets); "year" counts by year of publication."""
        body = self._get_es_body(for_count=True)
        if field_name == "year":
            aggregation = {
                "date_histogram": {"field": DATE_FIELD, "calendar_interval": "year", "min_doc_count": 1}
            }
        else:
            field = self.query_compiler._get_filterable_field(field_name)
            column = self.query_compiler.mapping.get_field_column_name(field)
            aggregation = {"terms": {"field": column, "size": FACET_SIZE}}
        index = self.backend.get_index_for_model(self.query_compiler.queryset.model).name
        response = self._backend_do_search(
            {**body, "aggregations": {"facet": aggregation}}, index=index, size=0
        )
        buckets = response["aggregations"]["facet"]["buckets"]
        if field_name == "year":
            return OrderedDict((int(bucket["key_as_string"][:4]), bucket["doc_count"]) for bucket in buckets)
        return OrderedDict((bucket["key"], bucket["doc_count"]) for bucket in buckets)


class ChineseElasticsearchBackend(Elasticsearch9SearchBackend):
    mapping_class = ChineseMapping
    query_compiler_class = ChineseSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseAutocompleteQueryCompiler
    results_class = ChineseSearchResults

    def __init__(self, params):
        params = dict(params)
        analyzer = params.pop("ANALYZER", "auto")
        super().__init__(params)
        self.analyzer = _detected_analyzer(self) if analyzer == "auto" else analyzer
        self.settings = deep_update(self.settings, index_settings(self.analyzer, _synonym_groups()))

    def contains(self, folded):
        return self._any({"bool": {"should": _contains("_all_text", folded), "minimum_should_match": 1}})

    def contains_key(self, key):
        return self._any({"term": {KEY_FIELD: key}})

    def matches_any(self, requirements):
        plan = SearchPlan(tuple(requirements), "")
        return self._any(ChineseSearchQueryCompiler._plan_query(plan, "_all_text"))

    def _any(self, query):
        return self.es.count(index=f"{self.index_prefix}*", query=query)["count"] > 0


def _synonym_groups():
    from ..query import synonym_groups

    return synonym_groups()


SearchBackend = ChineseElasticsearchBackend
