"""The private key's one-line form: exactly the guide's flattening, proven by parsing it back."""

from __future__ import annotations

import re
from functools import cache

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.providers.aws import pem


@cache
def key(index: int) -> rsa.RSAPrivateKey:
    """A small pool of real keys (generating RSA keys per example would be slow)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=(1024, 1024, 2048)[index])


def pem_text(k: rsa.RSAPrivateKey, fmt: serialization.PrivateFormat) -> str:
    return k.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption()).decode()


@settings(max_examples=30, deadline=None)
@given(
    index=st.integers(0, 2),
    pkcs8=st.booleans(),
    crlf=st.booleans(),
    trailing=st.sampled_from(["", "\n", "\n\n", "  \n"]),
)
def test_flatten_round_trip(index: int, pkcs8: bool, crlf: bool, trailing: str) -> None:
    k = key(index)
    text = pem_text(k, serialization.PrivateFormat.PKCS8 if pkcs8 else serialization.PrivateFormat.TraditionalOpenSSL)
    text = text.rstrip("\n") + trailing
    if crlf:
        text = text.replace("\n", "\r\n")
    one_line = pem.flatten_private_key(text)
    # The guide's shape: header, 64-character chunks, one shorter chunk, footer; single spaces; no newline.
    assert "\n" not in one_line and "\r" not in one_line
    assert one_line.startswith(pem.RSA_HEADER + " ") and one_line.endswith(" " + pem.RSA_FOOTER)
    chunks = one_line[len(pem.RSA_HEADER) + 1 : -len(pem.RSA_FOOTER) - 1].split(" ")
    assert all(len(c) == 64 for c in chunks[:-1]) and 0 < len(chunks[-1]) <= 64
    assert all(re.fullmatch(r"[A-Za-z0-9+/=]+", c) for c in chunks)
    # The Lambda's own un-flattening gives back the very same key.
    restored = pem.load_private_key(pem.lambda_format_private_key(one_line))
    assert restored.private_numbers() == k.private_numbers()
    # The inverse gives a PEM file that parses to the same key, and flattens to the same line.
    back = pem.unflatten_private_key(one_line)
    assert pem.flatten_exactly(back) == one_line
    assert pem.load_private_key(back.encode()).private_numbers() == k.private_numbers()


def test_flatten_is_the_guide_instruction_on_an_openssl_file() -> None:
    """For a .pem as openssl writes it (RSA form, newline at the end) the result is the literal recipe."""
    text = pem_text(key(2), serialization.PrivateFormat.TraditionalOpenSSL)
    assert text.endswith("\n")
    assert pem.flatten_private_key(text) == text.replace("\n", " ")[:-1] == pem.flatten_exactly(text)


def test_lambda_cannot_read_pkcs8_flattened_by_hand() -> None:
    """Why the wizard converts: the guide's recipe applied to a PKCS#8 file breaks the Lambda."""
    text = pem_text(key(2), serialization.PrivateFormat.PKCS8)
    finding = pem.inspect_private_key_value(pem.flatten_exactly(text))
    assert not finding.usable and "PKCS#8" in finding.problem
    with pytest.raises(pem.KeyFormatError):
        pem.load_private_key(pem.lambda_format_private_key(pem.flatten_exactly(text)))


@pytest.mark.parametrize(
    ("mangle", "usable", "one_line", "words"),
    [
        (lambda s: s, True, True, ""),
        (lambda s: s + " ", False, False, "ends with a space"),
        (lambda s: s + "\n", False, False, "ends with a space or line break"),
        (lambda s: s[:-1], False, False, "does not end exactly"),
        (lambda s: s.replace(" ", "\n"), False, False, ""),  # newlines everywhere, header broken too
        (lambda s: pem.unflatten_private_key(s).rstrip("\n"), True, False, "not in the guide's one-line form"),
        (lambda s: "", False, False, "empty"),
        (lambda s: "MIIEowIBAAKCAQEA", False, False, "does not start with"),
    ],
)
def test_inspect_private_key_value(mangle, usable: bool, one_line: bool, words: str) -> None:
    good = pem.flatten_private_key(pem_text(key(2), serialization.PrivateFormat.TraditionalOpenSSL))
    finding = pem.inspect_private_key_value(mangle(good))
    assert finding.usable is usable
    assert finding.one_line is one_line
    assert words in finding.problem
    if usable:
        assert finding.fingerprint == pem.public_key_fingerprint(key(2).public_key())
        assert finding.key_size == 2048


def test_errors_never_quote_key_material() -> None:
    k = key(2)
    encrypted = k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.BestAvailableEncryption(b"passphrase")).decode()
    body = encrypted.splitlines()[3]
    with pytest.raises(pem.KeyFormatError) as caught:
        pem.flatten_private_key(encrypted)
    assert "passphrase" in str(caught.value) and body not in str(caught.value)
    garbage = pem_text(k, serialization.PrivateFormat.TraditionalOpenSSL).replace("A", "*")
    with pytest.raises(pem.KeyFormatError) as caught:
        pem.flatten_private_key(garbage)
    assert garbage.splitlines()[2] not in str(caught.value)


def test_non_rsa_keys_are_refused() -> None:
    ec_pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    with pytest.raises(pem.KeyFormatError, match="RSA") as caught:
        pem.flatten_private_key(ec_pem)
    assert "the private key is an EC key;" in str(caught.value)  # "an", not "a EC"


def test_public_fingerprints_pair_private_and_public_halves() -> None:
    public = key(2).public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    assert pem.public_pem_fingerprint(public) == pem.public_key_fingerprint(key(2).public_key())
    assert pem.public_pem_fingerprint(public) != pem.public_key_fingerprint(key(0).public_key())
    assert pem.public_pem_fingerprint("not a key") is None
