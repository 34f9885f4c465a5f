"""Running a parsed SOQL query over the org's rows, returning records shaped as Salesforce does.

Records carry ``attributes: {type, url}``; relationship fields come back as nested records (or
null when the lookup is empty); child subqueries as ``{totalSize, done, records}``. String
equality is case-insensitive and ids match in their 15- or 18-character form, as in Salesforce.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from wizard.demo.rest_context import RestContext
from wizard.demo.sobject_rows import rows
from wizard.demo.sobjects import SObjectType
from wizard.demo.soql import CountItem, FieldPath, Logical, Negation, Query, parse
from wizard.demo.soql_bind import (
    BoundComparison,
    BoundPath,
    bind_condition,
    bind_path,
    resolve_object,
)
from wizard.demo.soql_lexer import SoqlError, StringLiteral

ONE_ROW_FIELDS = ("fullname", "metadata")


@dataclass
class QueryOutcome:
    records: list[dict[str, Any]]
    total_size: int
    entity: str


class _Parents:
    """Lazily built id indexes of the objects relationship paths climb to."""

    def __init__(self, ctx: RestContext) -> None:
        self.ctx = ctx
        self._index: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
        self._semi: dict[int, set[str]] = {}

    def semi_join(self, node: object, compute: Any) -> set[str]:
        """A semi-join's member set, computed once per query."""
        if id(node) not in self._semi:
            self._semi[id(node)] = compute()
        return self._semi[id(node)]

    def find(self, targets: tuple[tuple[str, SObjectType], ...], record_id: Any) -> tuple[SObjectType, dict[str, Any], str] | None:
        """(object, row, api it was found through) of the parent a lookup names, or None."""
        if not isinstance(record_id, str) or not record_id:
            return None
        for api, obj in targets:
            key = (api, obj.name)
            if key not in self._index:
                self._index[key] = {str(r.get("Id"))[:15]: r for r in rows(self.ctx.for_api(api), obj)}
            row = self._index[key].get(record_id[:15])
            if row is not None:
                return obj, row, api
        return None


def run(ctx: RestContext, text: str) -> QueryOutcome:
    """Parse, check and run one query (SoqlError with Salesforce's message when refused)."""
    query = parse(text)
    return execute(ctx, query, text, _Parents(ctx))


def execute(ctx: RestContext, query: Query, text: str, parents: _Parents) -> QueryOutcome:
    obj = resolve_object(ctx, query.sobject, text, query.sobject_pos)
    select, matched = _select_rows(ctx, obj, query, text, parents)
    matched = _window(matched, query)
    if query.count_only:
        return QueryOutcome([], len(matched), obj.name)
    counts = [s for s in select if isinstance(s[0], CountItem)]
    if counts:
        return QueryOutcome([_aggregate(counts, matched, parents)], 1, "AggregateResult")
    picked = {b.field.name.lower() for _, b in select if isinstance(b, BoundPath) and not b.steps}
    if ctx.api == "tooling" and picked & set(ONE_ROW_FIELDS) and len(matched) > 1:
        raise SoqlError(
            "MALFORMED_QUERY",
            "When retrieving results with Metadata or FullName fields, the query qualifications must "
            f"specify no more than one row for retrieval. Result size: {len(matched)}",
        )
    children = {
        id(item): _child_table(ctx, bound, item, text, parents) for item, bound in select if isinstance(item, Query)
    }
    records = [_project(ctx, obj, select, r, parents, children) for r in matched]
    return QueryOutcome(records, len(records), obj.name)


def _select_rows(ctx: RestContext, obj: SObjectType, query: Query, text: str, parents: _Parents) -> tuple[list[tuple[Any, Any]], list[dict[str, Any]]]:
    """Bind the query to `obj`, then filter and sort its rows (no OFFSET/LIMIT yet)."""
    select = _bind_select(ctx, obj, query, text)
    where = bind_condition(ctx, obj, query.where, text) if query.where is not None else None
    order = [(bind_path(ctx, obj, o.field, text), o) for o in query.order_by]
    for bound, item in order:
        if bound.field.write_only or bound.field.type in ("complexvalue", "textarea"):
            raise SoqlError("INVALID_FIELD", f"field '{bound.field.name}' can not be sorted in a query call", text, item.field.pos)
    matched = [r for r in rows(ctx, obj) if where is None or _test(ctx, where, r, parents)]
    _sort(matched, order, parents)
    return select, matched


def _window(matched: list[dict[str, Any]], query: Query) -> list[dict[str, Any]]:
    start = query.offset or 0
    return matched[start:] if query.limit is None else matched[start : start + query.limit]


def _bind_select(ctx: RestContext, obj: SObjectType, query: Query, text: str) -> list[tuple[Any, Any]]:
    out: list[tuple[Any, Any]] = []
    seen: set[str] = set()
    for item in query.select:
        if isinstance(item, FieldPath):
            bound: Any = bind_path(ctx, obj, item, text)
            key = bound.name.lower()
        elif isinstance(item, CountItem):
            bound = bind_path(ctx, obj, item.field, text) if item.field else None
            key = f"count:{item.alias or len(out)}"
        else:
            rel = obj.child(item.sobject)
            if rel is None:
                raise SoqlError("INVALID_TYPE", f"Didn't understand relationship '{item.sobject}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.", text, item.sobject_pos)
            bound = rel
            key = f"child:{rel.name.lower()}"
        if key in seen:
            pos = getattr(item, "pos", None)
            raise SoqlError("MALFORMED_QUERY", f"duplicate field selected: {getattr(bound, 'name', key)}", text, pos)
        seen.add(key)
        out.append((item, bound))
    return out


# -- filtering -------------------------------------------------------------------------------------
def value_of(row: dict[str, Any], path: BoundPath, parents: _Parents) -> Any:
    current: dict[str, Any] | None = row
    for step in path.steps:
        found = parents.find(step.targets, current.get(step.id_field)) if current else None
        current = found[1] if found else None
        if current is None:
            return None
    return current.get(path.field.name) if current else None


def _equal(field_type: str, actual: Any, literal: Any) -> bool:
    if literal is None or actual is None:
        return literal is None and actual is None
    if isinstance(literal, StringLiteral):
        if field_type in ("id", "reference"):
            return str(actual)[:15] == literal.text[:15]
        return str(actual).lower() == literal.text.lower()
    if isinstance(literal, bool) or isinstance(actual, bool):
        return actual is literal
    if isinstance(literal, (int, float)):
        return isinstance(actual, (int, float)) and float(actual) == float(literal)
    return str(actual) == str(literal)


def _order_value(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return 1, int(value)
    if isinstance(value, (int, float)):
        return 1, value
    if isinstance(value, str):
        return 2, value.lower()
    return 3, str(value)


def _compare(op: str, actual: Any, literal: Any) -> bool:
    if actual is None or literal is None:
        return False
    raw = literal.text if isinstance(literal, StringLiteral) else literal
    left, right = _order_value(actual), _order_value(raw)
    if left[0] != right[0]:
        return False
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]


def _test(ctx: RestContext, node: Any, row: dict[str, Any], parents: _Parents) -> bool:
    if isinstance(node, Logical):
        results = (_test(ctx, i, row, parents) for i in node.items)
        return all(results) if node.op == "AND" else any(results)
    if isinstance(node, Negation):
        return not _test(ctx, node.item, row, parents)
    assert isinstance(node, BoundComparison)
    comp, path = node.comparison, node.path
    actual = value_of(row, path, parents)
    ftype = path.field.type
    if node.sub is not None:
        members = parents.semi_join(node, lambda: _semi_join_members(ctx, node, parents))
        key = None if actual is None else (str(actual)[:15] if ftype in ("id", "reference") else str(actual).lower())
        inside = key in members
        return inside if comp.op == "IN" else not inside
    if comp.op == "=":
        return _equal(ftype, actual, comp.value)
    if comp.op == "!=":
        return not _equal(ftype, actual, comp.value)
    if comp.op == "IN":
        return any(_equal(ftype, actual, v) for v in comp.value)
    if comp.op == "NOTIN":
        return not any(_equal(ftype, actual, v) for v in comp.value)
    if comp.op == "LIKE":
        return actual is not None and re.fullmatch(comp.value.like_regex, str(actual), re.IGNORECASE | re.DOTALL) is not None
    return _compare(comp.op, actual, comp.value)


def _semi_join_members(ctx: RestContext, node: BoundComparison, parents: _Parents) -> set[str]:
    """The values a semi-join subquery selects, normalised for matching."""
    sub_query, sub_obj = node.sub or (None, None)
    assert sub_query is not None and sub_obj is not None
    select, matched = _select_rows(ctx, sub_obj, sub_query, sub_query.text, parents)
    bound = select[0][1]
    is_id = node.path.field.type in ("id", "reference")
    out = set()
    for row in _window(matched, sub_query):
        value = value_of(row, bound, parents)
        if value is not None:
            out.add(str(value)[:15] if is_id else str(value).lower())
    return out


def _sort(matched: list[dict[str, Any]], order: list[tuple[BoundPath, Any]], parents: _Parents) -> None:
    for bound, item in reversed(order):
        nulls_last = item.nulls_last if item.nulls_last is not None else item.descending
        null_flag = (1 if nulls_last else 0) if not item.descending else (0 if nulls_last else 1)

        def key(row: dict[str, Any], bound: BoundPath = bound, null_flag: int = null_flag) -> tuple[Any, ...]:
            value = value_of(row, bound, parents)
            if value is None:
                return (null_flag, (0, ""))
            return (1 - null_flag, _order_value(value))

        matched.sort(key=key, reverse=item.descending)


# -- output ----------------------------------------------------------------------------------------
def _project(ctx: RestContext, obj: SObjectType, select: list[tuple[Any, Any]], row: dict[str, Any], parents: _Parents, children: dict[int, dict[str, list[dict[str, Any]]]]) -> dict[str, Any]:
    out: dict[str, Any] = {"attributes": {"type": obj.name, "url": ctx.record_url(obj.name, row.get("Id"))}}
    for item, bound in select:
        if isinstance(item, Query):
            owned = children[id(item)].get(str(row.get("Id") or "")[:15], [])
            out[bound.name] = {"totalSize": len(owned), "done": True, "records": owned} if owned else None
            continue
        node: dict[str, Any] | None = out
        current: dict[str, Any] | None = row
        for step in bound.steps:
            found = parents.find(step.targets, current.get(step.id_field)) if current else None
            if node is not None and (step.key not in node or (node[step.key] is None and found)):
                node[step.key] = None if found is None else {
                    "attributes": {"type": found[0].name, "url": ctx.for_api(found[2]).record_url(found[0].name, found[1].get("Id"))}
                }
            node = node.get(step.key) if node is not None else None
            current = found[1] if found else None
        if node is not None and current is not None:
            node[bound.field.name] = current.get(bound.field.name)
    return out


def _child_table(ctx: RestContext, rel: Any, sub: Query, text: str, parents: _Parents) -> dict[str, list[dict[str, Any]]]:
    """Parent id (15 chars) -> the child records a parent-to-child subquery returns for it."""
    child_obj = resolve_object(ctx, rel.child, text, sub.sobject_pos)
    select, matched = _select_rows(ctx, child_obj, sub, text, parents)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in matched:
        grouped.setdefault(str(row.get(rel.field) or "")[:15], []).append(row)
    return {
        key: [_project(ctx, child_obj, select, r, parents, {}) for r in _window(group, sub)]
        for key, group in grouped.items()
    }


def _aggregate(counts: list[tuple[Any, Any]], matched: list[dict[str, Any]], parents: _Parents) -> dict[str, Any]:
    out: dict[str, Any] = {"attributes": {"type": "AggregateResult"}}
    for n, (item, bound) in enumerate(counts):
        out[item.alias or f"expr{n}"] = sum(1 for r in matched if value_of(r, bound, parents) is not None)
    return out
