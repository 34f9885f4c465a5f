"""The Metadata API's schema, read from the WSDL that ships inside simple-salesforce.

The demo org must answer in exactly the shapes the real client expects, so it does not keep its
own idea of what a `NamedCredential` or a `SaveResult` looks like: every element name, its order
(``xsd:sequence``), whether it repeats, whether it is required, and every enumeration come from
the same ``metadata.wsdl`` that zeep uses on the client side. When simple-salesforce ships a
newer WSDL, the demo org follows without a code change.

The module also validates whole SOAP envelopes against that schema (with lxml), which the tests
use to prove every body the demo org sends is one a real client can rely on.
"""

from __future__ import annotations

import copy
import functools
import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

XSD_NS = "http://www.w3.org/2001/XMLSchema"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
METADATA_NS = "http://soap.sforce.com/2006/04/metadata"

_X = f"{{{XSD_NS}}}"


def wsdl_path() -> Path:
    """The Metadata WSDL of the installed simple-salesforce (the one its zeep client loads)."""
    import simple_salesforce

    return Path(simple_salesforce.__file__).resolve().parent / "metadata.wsdl"


@dataclass(frozen=True)
class Field:
    """One element of a complex type's sequence."""

    name: str
    type_name: str  # local name, e.g. "string", "boolean", "NamedCredentialParameter"
    builtin: bool  # True for xsd:* types
    required: bool  # minOccurs is not 0
    repeated: bool  # maxOccurs is unbounded (or > 1)


@dataclass(frozen=True)
class ComplexType:
    """A complex type with its own fields; `base` names the type it extends, if any."""

    name: str
    base: str | None
    own_fields: tuple[Field, ...]


class MetadataSchema:
    """The types of the Metadata WSDL, indexed for serializing and parsing components."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._doc = etree.parse(str(path))
        self._schema_el = self._doc.getroot().find(f"{{{WSDL_NS}}}types/{_X}schema")
        if self._schema_el is None:
            raise ValueError(f"{path}: no xsd:schema inside wsdl:types; is this the Metadata WSDL?")
        self.complex_types: dict[str, ComplexType] = {}
        self.enums: dict[str, tuple[str, ...]] = {}
        self.simple_bases: dict[str, str] = {}
        for node in self._schema_el:
            if node.tag == f"{_X}complexType":
                self.complex_types[node.get("name")] = _complex_type(node)
            elif node.tag == f"{_X}simpleType":
                restriction = node.find(f"{_X}restriction")
                name = node.get("name")
                self.simple_bases[name] = _local(restriction.get("base")) if restriction is not None else "string"
                values = [] if restriction is None else restriction.findall(f"{_X}enumeration")
                if values:
                    self.enums[name] = tuple(v.get("value") for v in values)
        self._fields_cache: dict[str, tuple[Field, ...]] = {}
        self._xml_schema: etree.XMLSchema | None = None

    # -- types ---------------------------------------------------------------------------------------
    def fields(self, type_name: str) -> tuple[Field, ...]:
        """All fields of a complex type in document order: the base type's sequence first."""
        cached = self._fields_cache.get(type_name)
        if cached is None:
            ct = self.complex_types[type_name]
            inherited = self.fields(ct.base) if ct.base else ()
            cached = inherited + ct.own_fields
            self._fields_cache[type_name] = cached
        return cached

    def field(self, type_name: str, name: str) -> Field | None:
        """One field of a complex type, or None when the type has no such element."""
        return next((f for f in self.fields(type_name) if f.name == name), None)

    def is_complex(self, type_name: str) -> bool:
        return type_name in self.complex_types

    def derives_from(self, type_name: str, ancestor: str) -> bool:
        """Whether a complex type is `ancestor` or extends it (directly or not)."""
        current: str | None = type_name
        while current is not None:
            if current == ancestor:
                return True
            ct = self.complex_types.get(current)
            current = ct.base if ct else None
        return False

    def is_metadata_type(self, type_name: str) -> bool:
        """Whether a name is a component type (extends Metadata), as readMetadata's `type` needs."""
        return type_name in self.complex_types and type_name != "Metadata" and self.derives_from(type_name, "Metadata")

    def simple_kind(self, type_name: str) -> str:
        """The XSD builtin a simple type boils down to ("string", "boolean", "int", "double", ...)."""
        seen = set()
        while type_name in self.simple_bases and type_name not in seen:
            seen.add(type_name)
            type_name = self.simple_bases[type_name]
        return type_name

    # -- validation ------------------------------------------------------------------------------------
    def xml_schema(self) -> etree.XMLSchema:
        """The WSDL's embedded schema as an lxml validator (built once; takes about 0.3 s)."""
        if self._xml_schema is None:
            src = self._schema_el
            # The schema uses the WSDL root's `tns` prefix; declare it on a standalone schema root.
            root = etree.Element(src.tag, attrib=dict(src.attrib), nsmap={"xsd": XSD_NS, "tns": METADATA_NS})
            for child in src:
                root.append(copy.deepcopy(child))
            self._xml_schema = etree.XMLSchema(root)
        return self._xml_schema

    def validate_envelope(self, body: bytes) -> list[str]:
        """Problems that make a SOAP response body invalid for the Metadata WSDL ([] when valid).

        A result body's single child must validate as a Metadata-namespace element; a fault must
        carry the SOAP 1.1 `faultcode` (a resolvable QName) and `faultstring`.
        """
        try:
            root = etree.fromstring(body)
        except etree.XMLSyntaxError as exc:
            return [f"not well-formed XML: {exc}"]
        if root.tag != f"{{{SOAP_ENV}}}Envelope":
            return [f"root element is {root.tag}, expected the SOAP 1.1 Envelope"]
        soap_body = root.find(f"{{{SOAP_ENV}}}Body")
        if soap_body is None:
            return ["the envelope has no soapenv:Body"]
        children = [c for c in soap_body if isinstance(c.tag, str)]
        if len(children) != 1:
            return [f"soapenv:Body has {len(children)} elements, expected exactly 1"]
        payload = children[0]
        if payload.tag == f"{{{SOAP_ENV}}}Fault":
            return _fault_problems(payload)
        if etree.QName(payload).namespace != METADATA_NS:
            return [f"body element {payload.tag} is not in the Metadata namespace"]
        validator = self.xml_schema()
        if validator.validate(etree.ElementTree(copy.deepcopy(payload))):
            return []
        return [f"line {e.line}: {e.message}" for e in validator.error_log]


def _fault_problems(fault: etree._Element) -> list[str]:
    problems = []
    code = fault.find("faultcode")
    if code is None or not (code.text or "").strip():
        problems.append("soapenv:Fault has no faultcode")
    else:
        prefix, _, local = code.text.strip().rpartition(":")
        if not local or (prefix and prefix not in (code.nsmap or {})):
            problems.append(f"faultcode {code.text!r} is not a QName with a declared prefix")
    if fault.find("faultstring") is None:
        problems.append("soapenv:Fault has no faultstring")
    return problems


def _local(qname: str | None) -> str:
    return (qname or "").rpartition(":")[2]


def _complex_type(node: etree._Element) -> ComplexType:
    extension = node.find(f"{_X}complexContent/{_X}extension")
    sequence_parent = extension if extension is not None else node
    sequence = sequence_parent.find(f"{_X}sequence")
    fields = []
    for el in [] if sequence is None else sequence.findall(f"{_X}element"):
        type_q = el.get("type") or "xsd:string"
        max_occurs = el.get("maxOccurs", "1")
        fields.append(
            Field(
                name=el.get("name"),
                type_name=_local(type_q),
                builtin=type_q.startswith("xsd:"),
                required=el.get("minOccurs", "1") != "0",
                repeated=max_occurs == "unbounded" or int(max_occurs) > 1,
            )
        )
    base = _local(extension.get("base")) if extension is not None else None
    return ComplexType(node.get("name"), base, tuple(fields))


_SCHEMA_LOCK = threading.Lock()


def schema() -> MetadataSchema:
    """The schema of the installed WSDL, parsed once per process (about 0.1 s).

    Locked: the server's threads may ask at the same moment, and parsing the WSDL in two threads
    at once corrupts lxml's state.
    """
    with _SCHEMA_LOCK:
        return _parsed_schema()


@functools.lru_cache(maxsize=1)
def _parsed_schema() -> MetadataSchema:
    return MetadataSchema(wsdl_path())
