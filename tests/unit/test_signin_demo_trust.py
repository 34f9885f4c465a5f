"""The embedded view accepts a certificate error only for the demo org's own certificate."""

from __future__ import annotations

from pathlib import Path

import trustme
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from wizard.salesforce.auth.demo_trust import is_demo_certificate


def _der(cert: trustme.LeafCert) -> bytes:
    pem = cert.cert_chain_pems[0].bytes()
    return x509.load_pem_x509_certificate(pem).public_bytes(Encoding.DER)


def test_only_the_demo_cas_certificate_for_a_loopback_host_passes(tmp_path: Path) -> None:
    demo_ca, other_ca = trustme.CA(), trustme.CA()
    ca_file = tmp_path / "demo-ca.pem"
    demo_ca.cert_pem.write_to_path(str(ca_file))
    leaf = _der(demo_ca.issue_cert("127.0.0.1", "localhost"))
    assert is_demo_certificate(leaf, "127.0.0.1", ca_file)
    assert is_demo_certificate(leaf, "localhost", ca_file)
    # Same CA, host the certificate doesn't name / not loopback.
    assert not is_demo_certificate(leaf, "::1", ca_file)
    assert not is_demo_certificate(_der(demo_ca.issue_cert("acme.my.salesforce.com")), "acme.my.salesforce.com", ca_file)
    # Another CA's certificate for the right host.
    assert not is_demo_certificate(_der(other_ca.issue_cert("127.0.0.1")), "127.0.0.1", ca_file)
    # Garbage and a missing CA file.
    assert not is_demo_certificate(b"not a certificate", "127.0.0.1", ca_file)
    assert not is_demo_certificate(leaf, "127.0.0.1", tmp_path / "missing.pem")
