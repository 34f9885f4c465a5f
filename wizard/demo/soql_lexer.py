"""Tokens of the SOQL the demo org understands.

Salesforce answers a query it cannot read with ``MALFORMED_QUERY`` and a message that points at
the place (``ERROR at Row:1:Column:16``). The lexer keeps each token's offset so every error, from
here to the evaluator, can point at the right column; anything it does not recognise becomes a
`SoqlError`, never a Python exception escaping to the server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from wizard.demo.api_error import ApiError

_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2}))?")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATORS = ("!=", "<>", "<=", ">=", "=", "<", ">")
_PUNCTUATION = {"(": "lparen", ")": "rparen", ",": "comma", ".": "dot", ":": "colon"}


class SoqlError(ApiError):
    """A query Salesforce would refuse: MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, ..."""

    def __init__(self, code: str, detail: str, query: str = "", pos: int | None = None) -> None:
        super().__init__(400, code, _located(detail, query, pos))
        self.detail = detail


def _located(detail: str, query: str, pos: int | None) -> str:
    """Salesforce's message layout: the query line, a caret under the column, then the reason."""
    if pos is None or not query:
        return detail
    pos = max(0, min(pos, len(query)))
    row = query.count("\n", 0, pos) + 1
    line_start = query.rfind("\n", 0, pos) + 1
    line_end = query.find("\n", pos)
    line = query[line_start : line_end if line_end >= 0 else len(query)]
    column = pos - line_start + 1
    return f"\n{line}\n{' ' * (column - 1)}^\nERROR at Row:{row}:Column:{column}\n{detail}"


@dataclass(frozen=True)
class StringLiteral:
    """A quoted string: its text for comparisons, and a regex for LIKE (where % and _ are wildcards)."""

    text: str
    like_regex: str


@dataclass(frozen=True)
class Token:
    kind: str  # ident, string, number, datetime, op, lparen, rparen, comma, dot, colon, eof
    value: Any
    pos: int

    def is_keyword(self, *words: str) -> bool:
        return self.kind == "ident" and str(self.value).upper() in words

    def shown(self) -> str:
        """The token as Salesforce quotes it in 'unexpected token' messages."""
        if self.kind == "eof":
            return "<EOF>"
        if self.kind == "string":
            return f"'{self.value.text}'"
        return str(self.value)


def tokenize(query: str) -> list[Token]:
    """Split a query into tokens (SoqlError on a character or string it cannot read)."""
    tokens: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "'":
            literal, end = _read_string(query, i)
            tokens.append(Token("string", literal, i))
            i = end
            continue
        if m := _DATETIME.match(query, i):
            tokens.append(Token("datetime", m.group(0), i))
            i = m.end()
            continue
        if (ch.isdigit() or (ch == "-" and i + 1 < n and query[i + 1].isdigit())) and (m := _NUMBER.match(query, i)):
            text = m.group(0)
            tokens.append(Token("number", float(text) if "." in text else int(text), i))
            i = m.end()
            continue
        if m := _IDENT.match(query, i):
            tokens.append(Token("ident", m.group(0), i))
            i = m.end()
            continue
        op = next((o for o in _OPERATORS if query.startswith(o, i)), None)
        if op:
            tokens.append(Token("op", "!=" if op == "<>" else op, i))
            i += len(op)
            continue
        if ch in _PUNCTUATION:
            tokens.append(Token(_PUNCTUATION[ch], ch, i))
            i += 1
            continue
        raise SoqlError("MALFORMED_QUERY", f"line 1:{i} no viable alternative at character '{ch}'", query, i)
    tokens.append(Token("eof", None, n))
    return tokens


def _read_string(query: str, start: int) -> tuple[StringLiteral, int]:
    """Read a quoted string with SOQL escapes; returns the literal and the offset after it."""
    text: list[str] = []
    regex: list[str] = []
    i = start + 1
    while i < len(query):
        ch = query[i]
        if ch == "'":
            return StringLiteral("".join(text), "".join(regex)), i + 1
        if ch == "\\":
            if i + 1 >= len(query):
                break
            nxt = query[i + 1]
            if nxt in _ESCAPES:
                text.append(_ESCAPES[nxt])
                regex.append(re.escape(_ESCAPES[nxt]))
                i += 2
                continue
            if nxt in "NRTBF":
                value = _ESCAPES[nxt.lower()]
                text.append(value)
                regex.append(re.escape(value))
                i += 2
                continue
            if nxt in "%_":
                text.append(nxt)
                regex.append(re.escape(nxt))
                i += 2
                continue
            if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", query[i + 2 : i + 6]):
                value = chr(int(query[i + 2 : i + 6], 16))
                text.append(value)
                regex.append(re.escape(value))
                i += 6
                continue
            raise SoqlError(
                "MALFORMED_QUERY",
                f"Invalid string literal '{query[start + 1 : i + 2]}'. "
                f"Illegal character sequence '\\{nxt}' in string literal.",
                query,
                i,
            )
        text.append(ch)
        regex.append(".*" if ch == "%" else "." if ch == "_" else re.escape(ch))
        i += 1
    raise SoqlError("MALFORMED_QUERY", "unexpected token: <EOF>", query, len(query))
