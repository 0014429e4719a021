"""What every backend of this project shares: reading the query Wagtail passes, and the plan built from it."""

from modelsearch.query import MATCH_ALL, And, MatchAll, Phrase, PlainText

from ..query import build_plan


def raw_query(query):
    """The query text of a Wagtail search query: plain text, a phrase, or an AND of those."""
    if isinstance(query, str):
        return query
    if isinstance(query, PlainText):
        return query.query_string
    if isinstance(query, Phrase):
        return f'"{query.query_string}"'
    if isinstance(query, And):
        return " ".join(raw_query(subquery) for subquery in query.subqueries)
    raise NotImplementedError(
        f"{type(query).__name__} queries are not supported by the Chinese search backends"
    )


def is_match_all(query):
    return query is MATCH_ALL or isinstance(query, MatchAll)


class PlannedResultsMixin:
    """The search plan of a results object, built once and shared by its slices (they share the compiler)."""

    @property
    def plan(self):
        compiler = self.query_compiler
        if not hasattr(compiler, "search_plan"):
            compiler.search_plan = build_plan(
                raw_query(compiler.query),
                self.backend.contains,
                self.backend.contains_key,
                self.backend.matches_any,
            )
        return compiler.search_plan
