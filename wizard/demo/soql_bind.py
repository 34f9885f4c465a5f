"""Checking a parsed query against the object catalogue, as Salesforce does before running it.

Unknown objects answer ``INVALID_TYPE``; unknown columns and relationships ``INVALID_FIELD``
(with Salesforce's wording); a filter value of the wrong kind (a quoted boolean, an unquoted
string, an id that is not one) is refused the way Salesforce refuses it. The result, a `BoundPath`
per field reference, tells the evaluator how to walk from a row to the value.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.demo.rest_context import RestContext
from wizard.demo.sobject_catalogue import lookup
from wizard.demo.sobjects import Field, SObjectType
from wizard.demo.soql import Comparison, FieldPath, Logical, Negation, Query
from wizard.demo.soql_lexer import SoqlError, StringLiteral

_STRING_TYPES = ("string", "picklist", "textarea", "url", "email", "phone", "encryptedstring")


@dataclass(frozen=True)
class Step:
    """One hop up a relationship: output key, the id field on the child, the possible parents."""

    key: str
    id_field: str
    targets: tuple[tuple[str, SObjectType], ...]  # (api, object)


@dataclass(frozen=True)
class BoundPath:
    steps: tuple[Step, ...]
    field: Field

    @property
    def name(self) -> str:
        return ".".join([*(s.key for s in self.steps), self.field.name])


@dataclass(frozen=True)
class BoundComparison:
    """A WHERE comparison checked against the catalogue (`sub`: a semi-join's query and object)."""

    comparison: Comparison
    path: BoundPath
    sub: tuple[Query, SObjectType] | None = None


def resolve_object(ctx: RestContext, name: str, query: str = "", pos: int | None = None) -> SObjectType:
    obj = ctx.sobject(name)
    if obj is None:
        raise SoqlError(
            "INVALID_TYPE",
            f"sObject type '{name}' is not supported. If you are attempting to use a custom object, be "
            "sure to append the '__c' after the entity name. Please reference your WSDL or the describe "
            "call for the appropriate names.",
            query,
            pos,
        )
    return obj


def _target(ctx: RestContext, name: str) -> tuple[str, SObjectType] | None:
    for api in dict.fromkeys((ctx.api, "data")):
        obj = lookup(api, name)
        if obj is not None:
            return api, obj
    return None


def bind_path(ctx: RestContext, obj: SObjectType, path: FieldPath, query: str) -> BoundPath:
    """Resolve a dotted field reference from `obj` (INVALID_FIELD when it does not exist)."""
    steps: list[Step] = []
    current: tuple[tuple[str, SObjectType], ...] = ((ctx.api, obj),)
    for part in path.parts[:-1]:
        rel_field = None
        for _api, o in current:
            rel_field = o.relationship(ctx.org, part)
            if rel_field:
                break
        targets = tuple(t for t in (_target(ctx, n) for n in (rel_field.reference_to if rel_field else ())) if t)
        if rel_field is None or not targets:
            raise SoqlError(
                "INVALID_FIELD",
                f"Didn't understand relationship '{part}' in field path. If you are attempting to use a "
                "custom relationship, be sure to append the '__r' after the custom relationship name. "
                "Please reference your WSDL or the describe call for the appropriate names.",
                query,
                path.pos,
            )
        steps.append(Step(rel_field.relationship or part, rel_field.name, targets))
        current = targets
    last = path.parts[-1]
    for _api, o in current:
        field = o.field_map(ctx.org).get(last.lower())
        if field is not None:
            return BoundPath(tuple(steps), field)
    entity = current[0][1].name
    shown = path.text if steps else last
    raise SoqlError(
        "INVALID_FIELD",
        f"No such column '{last}' on entity '{entity}'. If you are attempting to use a custom field, be "
        "sure to append '__c' after the custom field name. Please reference your WSDL or the describe "
        "call for the appropriate names.",
        query,
        path.pos + len(shown) - len(last),
    )


def bind_condition(ctx: RestContext, obj: SObjectType, node: object, query: str) -> object:
    """Check a WHERE tree; returns it with each Comparison turned into a `BoundComparison`."""
    if isinstance(node, Logical):
        return Logical(node.op, tuple(bind_condition(ctx, obj, i, query) for i in node.items))
    if isinstance(node, Negation):
        return Negation(bind_condition(ctx, obj, node.item, query))
    assert isinstance(node, Comparison)
    bound = bind_path(ctx, obj, node.field, query)
    field = bound.field
    if field.write_only or field.type == "complexvalue":
        raise SoqlError("INVALID_FIELD", f"field '{field.name}' can not be filtered in a query call", query, node.field.pos)
    value = node.value
    if isinstance(value, Query):
        sub_obj = resolve_object(ctx, value.sobject, query, value.sobject_pos)
        return BoundComparison(node, bound, (value, sub_obj))
    if node.op == "LIKE" and field.type not in (*_STRING_TYPES, "id", "reference"):
        raise SoqlError("INVALID_QUERY_FILTER_OPERATOR", f"invalid operator on {field.type} field", query, node.pos)
    values = value if isinstance(value, tuple) else (value,)
    for v in values:
        _check_literal(field, v, query, node.pos, node.op)
    return BoundComparison(node, bound)


def _check_literal(field: Field, value: object, query: str, pos: int, op: str) -> None:
    if value is None:
        return
    kind = field.type
    if kind == "boolean" and not isinstance(value, bool):
        raise SoqlError("INVALID_FIELD", f"value of filter criterion for field '{field.name}' must be of type boolean and should not be enclosed in quotes", query, pos)
    if kind in ("int", "double") and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise SoqlError("INVALID_FIELD", f"value of filter criterion for field '{field.name}' must be of type {kind} and should not be enclosed in quotes", query, pos)
    if kind in ("datetime", "date") and not (isinstance(value, str) and not isinstance(value, StringLiteral)):
        raise SoqlError("INVALID_FIELD", f"value of filter criterion for field '{field.name}' must be of type {'dateTime' if kind == 'datetime' else 'date'} and should not be enclosed in quotes", query, pos)
    if kind in (*_STRING_TYPES, "id", "reference") and not isinstance(value, StringLiteral):
        raise SoqlError("INVALID_FIELD", f"value of filter criterion for field '{field.name}' must be of type string and should be enclosed in quotes", query, pos)
    if kind in ("id", "reference") and op != "LIKE" and isinstance(value, StringLiteral):
        text = value.text
        if not (len(text) in (15, 18) and text.isalnum()):
            raise SoqlError("INVALID_QUERY_FILTER_OPERATOR", f"invalid ID field: {text}", query, pos)
