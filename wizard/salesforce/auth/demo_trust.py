"""Is this the demo org's own certificate? Decides the embedded view's certificate errors.

The embedded browser (Chromium) trusts only the system's authorities, so the demo org's
certificate raises an error there. The view accepts it only in demo mode and only when this
check passes: a loopback host, a certificate naming that host, currently valid, and signed by
the demo org's CA (a real signature check against the CA the demo org wrote). Everything
else is rejected; there is no "accept anyway".
"""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.x509.oid import ExtensionOID

from wizard.salesforce.auth.login_hosts import is_loopback


def _names(cert: x509.Certificate) -> tuple[set[str], set[str]]:
    try:
        san = cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
    except x509.ExtensionNotFound:
        return set(), set()
    dns = {n.lower() for n in san.get_values_for_type(x509.DNSName)}
    ips = {str(ip) for ip in san.get_values_for_type(x509.IPAddress)}
    return dns, ips


def _covers(cert: x509.Certificate, host: str) -> bool:
    dns, ips = _names(cert)
    host = host.strip("[]").lower()
    try:
        return str(ipaddress.ip_address(host)) in ips
    except ValueError:
        return host in dns


def is_demo_certificate(leaf_der: bytes, host: str, demo_ca: Path | bytes) -> bool:
    """Whether ``leaf_der`` is the demo org's certificate for ``host``, signed by ``demo_ca``."""
    if not is_loopback(host.strip("[]").lower()):
        return False
    try:
        leaf = x509.load_der_x509_certificate(leaf_der)
        ca_pem = demo_ca.read_bytes() if isinstance(demo_ca, Path) else demo_ca
        ca = x509.load_pem_x509_certificate(ca_pem)
        leaf.verify_directly_issued_by(ca)
    except (ValueError, TypeError, OSError, InvalidSignature):
        return False
    now = datetime.now(UTC)
    if not leaf.not_valid_before_utc <= now <= leaf.not_valid_after_utc:
        return False
    return _covers(leaf, host)
