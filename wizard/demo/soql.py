"""A parser for the part of SOQL the wizard (and simple-salesforce users) send.

Supported: field lists with relationship paths (``Assignee.Name``), ``COUNT()`` and
``COUNT(field) [alias]``, child subqueries in the select list, WHERE with ``= != <> < <= > >=``,
``IN`` / ``NOT IN`` (values or a semi-join subquery), ``LIKE``, ``AND`` / ``OR`` / ``NOT`` and
parentheses, ORDER BY (ASC/DESC, NULLS FIRST/LAST), LIMIT and OFFSET. Like Salesforce, AND and OR
may not be mixed at one level without parentheses. Anything else is refused with
``MALFORMED_QUERY`` pointing at the token, the way Salesforce does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wizard.demo.soql_lexer import SoqlError, StringLiteral, Token, tokenize

MAX_OFFSET = 2000


@dataclass(frozen=True)
class FieldPath:
    """A (possibly dotted) field reference, e.g. ('PermissionSet', 'Label')."""

    parts: tuple[str, ...]
    pos: int

    @property
    def text(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True)
class CountItem:
    """COUNT() (field None) or COUNT(field) with an optional alias."""

    field: FieldPath | None
    alias: str | None
    pos: int


@dataclass(frozen=True)
class Query:
    """A parsed SELECT statement."""

    select: tuple[Any, ...]  # FieldPath | CountItem | Query (child subquery)
    sobject: str
    sobject_pos: int
    where: Any = None  # Condition tree, see below
    order_by: tuple[OrderItem, ...] = ()
    limit: int | None = None
    offset: int | None = None
    text: str = ""

    @property
    def count_only(self) -> bool:
        """SELECT COUNT() FROM ...: only totalSize is returned."""
        return any(isinstance(s, CountItem) and s.field is None for s in self.select)


@dataclass(frozen=True)
class OrderItem:
    field: FieldPath
    descending: bool = False
    nulls_last: bool | None = None  # None: Salesforce's default (first when ascending)


@dataclass(frozen=True)
class Comparison:
    """field <op> value; op is one of = != < <= > >= LIKE IN NOTIN; value a literal, tuple or Query."""

    field: FieldPath
    op: str
    value: Any
    pos: int


@dataclass(frozen=True)
class Logical:
    op: str  # AND / OR
    items: tuple[Any, ...]


@dataclass(frozen=True)
class Negation:
    item: Any


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0

    # -- token access --------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        if tok.kind != "eof":
            self.i += 1
        return tok

    def fail(self, tok: Token | None = None) -> SoqlError:
        tok = tok or self.tok
        return SoqlError("MALFORMED_QUERY", f"unexpected token: {tok.shown()}", self.text, tok.pos)

    def expect_kind(self, kind: str) -> Token:
        if self.tok.kind != kind:
            raise self.fail()
        return self.advance()

    def expect_keyword(self, *words: str) -> Token:
        if not self.tok.is_keyword(*words):
            raise self.fail()
        return self.advance()

    def accept_keyword(self, *words: str) -> bool:
        if self.tok.is_keyword(*words):
            self.advance()
            return True
        return False

    # -- grammar ---------------------------------------------------------------------------
    def query(self, nested: bool = False) -> Query:
        start = self.tok.pos
        self.expect_keyword("SELECT")
        select = [self.select_item()]
        while self.tok.kind == "comma":
            self.advance()
            select.append(self.select_item())
        self.expect_keyword("FROM")
        obj = self.expect_kind("ident")
        if self.tok.kind == "dot" or (self.tok.kind == "ident" and not self.tok.is_keyword(*_CLAUSES)):
            raise self.fail()
        where = None
        if self.accept_keyword("WHERE"):
            where = self.condition()
        order: list[OrderItem] = []
        if self.tok.is_keyword("ORDER"):
            self.advance()
            self.expect_keyword("BY")
            order.append(self.order_item())
            while self.tok.kind == "comma":
                self.advance()
                order.append(self.order_item())
        limit = self.integer_clause("LIMIT")
        offset = self.integer_clause("OFFSET")
        if offset is not None and offset > MAX_OFFSET:
            raise SoqlError("NUMBER_OUTSIDE_VALID_RANGE", f"Maximum SOQL offset allowed is {MAX_OFFSET}", self.text, None)
        end = self.tok.pos
        if not nested and self.tok.kind != "eof":
            raise self.fail()
        if any(isinstance(s, CountItem) and s.field is None for s in select) and len(select) > 1:
            raise SoqlError("MALFORMED_QUERY", "COUNT() may only be used alone in the select list", self.text, start)
        return Query(tuple(select), obj.value, obj.pos, where, tuple(order), limit, offset, self.text[start:end])

    def integer_clause(self, word: str) -> int | None:
        if not self.accept_keyword(word):
            return None
        tok = self.tok
        if tok.kind != "number" or not isinstance(tok.value, int) or tok.value < 0:
            raise self.fail()
        self.advance()
        return int(tok.value)

    def select_item(self) -> Any:
        tok = self.tok
        if tok.kind == "lparen":
            self.advance()
            sub = self.query(nested=True)
            self.expect_kind("rparen")
            if sub.count_only or any(isinstance(s, (CountItem, Query)) for s in sub.select):
                raise SoqlError("MALFORMED_QUERY", "unexpected token in a child relationship query", self.text, tok.pos)
            return sub
        if tok.is_keyword("COUNT") and self.tokens[self.i + 1].kind == "lparen":
            self.advance()
            self.advance()
            field = None if self.tok.kind == "rparen" else self.path()
            self.expect_kind("rparen")
            alias = None
            if self.tok.kind == "ident" and not self.tok.is_keyword("FROM"):
                alias = self.advance().value
            return CountItem(field, alias, tok.pos)
        if tok.kind == "ident" and tok.value.upper() in _RESERVED_IN_SELECT:
            raise self.fail()
        return self.path()

    def path(self) -> FieldPath:
        first = self.expect_kind("ident")
        parts = [first.value]
        while self.tok.kind == "dot":
            self.advance()
            parts.append(self.expect_kind("ident").value)
        return FieldPath(tuple(parts), first.pos)

    def order_item(self) -> OrderItem:
        field = self.path()
        descending = False
        if self.accept_keyword("DESC"):
            descending = True
        else:
            self.accept_keyword("ASC")
        nulls_last = None
        if self.accept_keyword("NULLS"):
            nulls_last = self.expect_keyword("FIRST", "LAST").value.upper() == "LAST"
        return OrderItem(field, descending, nulls_last)

    def condition(self) -> Any:
        items = [self.term()]
        op: str | None = None
        while self.tok.is_keyword("AND", "OR"):
            word = self.tok.value.upper()
            if op is not None and word != op:
                raise self.fail()  # Salesforce: mixing AND and OR needs parentheses
            op = word
            self.advance()
            items.append(self.term())
        return items[0] if op is None else Logical(op, tuple(items))

    def term(self) -> Any:
        if self.accept_keyword("NOT"):
            return Negation(self.term())
        if self.tok.kind == "lparen":
            self.advance()
            inner = self.condition()
            self.expect_kind("rparen")
            return inner
        return self.comparison()

    def comparison(self) -> Comparison:
        field = self.path()
        tok = self.tok
        if tok.kind == "op":
            self.advance()
            return Comparison(field, tok.value, self.literal(), tok.pos)
        if tok.is_keyword("LIKE"):
            self.advance()
            value = self.literal()
            if not isinstance(value, StringLiteral):
                raise SoqlError("MALFORMED_QUERY", "LIKE needs a quoted string", self.text, tok.pos)
            return Comparison(field, "LIKE", value, tok.pos)
        if tok.is_keyword("NOT") and self.tokens[self.i + 1].is_keyword("IN"):
            self.advance()
            self.advance()
            return Comparison(field, "NOTIN", self.in_list(), tok.pos)
        if tok.is_keyword("IN"):
            self.advance()
            return Comparison(field, "IN", self.in_list(), tok.pos)
        raise self.fail()

    def in_list(self) -> Any:
        self.expect_kind("lparen")
        if self.tok.is_keyword("SELECT"):
            sub = self.query(nested=True)
            self.expect_kind("rparen")
            if len(sub.select) != 1 or not isinstance(sub.select[0], FieldPath):
                raise SoqlError("MALFORMED_QUERY", "a semi-join subquery selects exactly one field", self.text, sub.sobject_pos)
            return sub
        values = [self.literal()]
        while self.tok.kind == "comma":
            self.advance()
            values.append(self.literal())
        self.expect_kind("rparen")
        return tuple(values)

    def literal(self) -> Any:
        tok = self.tok
        if tok.kind in ("string", "number", "datetime"):
            self.advance()
            return tok.value
        if tok.is_keyword("TRUE", "FALSE"):
            self.advance()
            return tok.value.upper() == "TRUE"
        if tok.is_keyword("NULL"):
            self.advance()
            return None
        raise self.fail()


_CLAUSES = ("WHERE", "ORDER", "LIMIT", "OFFSET")
_RESERVED_IN_SELECT = ("FROM", "WHERE", "SELECT", "ORDER", "LIMIT", "OFFSET", "AND", "OR", "NOT")


def parse(text: str) -> Query:
    """Parse one SOQL statement (SoqlError with Salesforce's message when it cannot)."""
    if not isinstance(text, str) or not text.strip():
        raise SoqlError("MALFORMED_QUERY", "unexpected token: <EOF>", str(text or ""), 0)
    return _Parser(text).query()
