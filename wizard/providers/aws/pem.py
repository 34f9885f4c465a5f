"""The CloudFront private key in the guide's one-line form, done by code instead of by hand.

The guide asks the admin to paste the private key .pem into a text editor, replace every newline
with a space and delete the last character, then paste the result into the ``CloudFrontPrivateKey``
field of the ``SalesforceCredentials`` secret. The sfGenerateAudioRecordingStreaming Lambda undoes
that by slicing off exactly the ``-----BEGIN RSA PRIVATE KEY-----`` header and the
``-----END RSA PRIVATE KEY-----`` footer by their lengths and turning the spaces back into line
breaks. Two hand-made mistakes break playback silently: a trailing space or newline left at the
end (the footer slice then cuts one character off), and a key in the PKCS#8 form
(``-----BEGIN PRIVATE KEY-----``, what OpenSSL 3 writes by default), whose shorter header makes
the slice eat four characters of the key. `flatten_private_key` converts to the RSA form first,
flattens exactly as the guide says, and proves the result by undoing it the Lambda's way and
parsing the key. Nothing here logs or returns key material inside an error message.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

RSA_HEADER = "-----BEGIN RSA PRIVATE KEY-----"
RSA_FOOTER = "-----END RSA PRIVATE KEY-----"
_LAMBDA_FOOTER = RSA_FOOTER + "\r\n"  # the Lambda's PRIVATE_KEY_FOOTER constant
#: What the Lambda's rebuilt key must look like. Parsers differ in how much stray text around the
#: armour they forgive (the Lambda's own cryptography build is older than ours), so a key is only
#: called usable when the rebuilt text is clean PEM *and* parses.
_CLEAN_PEM = re.compile(
    "^" + re.escape(RSA_HEADER) + r"(?:\r?\n[A-Za-z0-9+/=]+)+\r?\n" + re.escape(_LAMBDA_FOOTER) + "$"
)


class KeyFormatError(ValueError):
    """The key cannot be used; the message says why without quoting any key material."""


#: Far above any RSA private key PEM (a 16384-bit one is about 13 KB); a bigger file is the wrong file.
_KEY_FILE_LIMIT = 64 * 1024


def read_key_file(path: str | Path) -> str:
    """The text of the private key file the admin named, or `KeyFormatError` saying in words why it cannot be read.

    Read before AWS is asked anything, so a mistyped path is told as such (not as ``[Errno 2]``) and
    costs no sign-in. The text is returned, never quoted in a message.
    """
    where = Path(path).expanduser()
    expected = "expected the CloudFront private key file (.pem) whose public half you uploaded to CloudFront"
    try:
        if where.is_dir():
            raise KeyFormatError(f"{where} is a folder, not a file; {expected}: give the file's path")
        if where.stat().st_size > _KEY_FILE_LIMIT:
            raise KeyFormatError(f"{where} is {where.stat().st_size // 1024} KB, far larger than a private key; {expected}")
        return where.read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        raise KeyFormatError(f"the private key file {where} does not exist; {expected}: check the path") from None
    except PermissionError:
        raise KeyFormatError(f"the private key file {where} cannot be read (permission denied); {expected}, readable by "
                             "this user: check its permissions") from None
    except OSError as exc:
        raise KeyFormatError(f"the private key file {where} cannot be read ({exc.strerror or 'the system refused'}); "
                             f"{expected}") from None


def flatten_exactly(text: str) -> str:
    """The guide's own instruction, literally: every newline becomes a space, then the last character goes."""
    return text.replace("\n", " ")[:-1]


def to_rsa_pem(pem_text: str) -> str:
    """Any unencrypted RSA private key PEM (PKCS#1 or PKCS#8) as PKCS#1 text ending in one newline."""
    return _canonical(pem_text)[1]


def _canonical(pem_text: str) -> tuple[rsa.RSAPrivateKey, str]:
    key = load_private_key(pem_text.replace("\r\n", "\n").strip().encode("ascii", "replace"))
    text = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    ).decode("ascii")
    return key, text


def load_private_key(data: bytes) -> rsa.RSAPrivateKey:
    """Parse a PEM private key; only unencrypted RSA keys are accepted (CloudFront signs with RSA)."""
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise KeyFormatError("the private key is protected by a passphrase; CloudFront needs the key without one") from None
    except (ValueError, UnsupportedAlgorithm):
        raise KeyFormatError("the text is not a PEM private key that can be read") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        kind = type(key).__name__.removesuffix("PrivateKey") or "non-RSA"
        article = "an" if kind[:1] in "AEIOU" else "a"  # an EC key, an Ed25519 key
        raise KeyFormatError(f"the private key is {article} {kind} key; the guide needs an RSA key")
    return key


def flatten_private_key(pem_text: str) -> str:
    """The one-line form the guide describes, verified to turn back into the same key."""
    original, canonical = _canonical(pem_text)  # one newline at the end, as a .pem file from openssl has
    one_line = flatten_exactly(canonical)
    rebuilt = lambda_format_private_key(one_line)
    if not _CLEAN_PEM.match(rebuilt.decode("utf8")):  # pragma: no cover - a defence, not a path
        raise KeyFormatError("the one-line form does not rebuild into clean PEM")
    restored = load_private_key(rebuilt)
    if original.private_numbers() != restored.private_numbers():  # pragma: no cover - a defence, not a path
        raise KeyFormatError("the one-line form did not turn back into the same key")
    return one_line


def unflatten_private_key(one_line: str) -> str:
    """The inverse of `flatten_private_key`: a .pem text with 64-character lines again."""
    value = one_line.strip()
    if not (value.startswith(RSA_HEADER) and value.endswith(RSA_FOOTER)):
        raise KeyFormatError(f"the value does not start with {RSA_HEADER} and end with {RSA_FOOTER}")
    body = value[len(RSA_HEADER) : -len(RSA_FOOTER)].split()
    return "\n".join([RSA_HEADER, *body, RSA_FOOTER]) + "\n"


def lambda_format_private_key(value: str) -> bytes:
    """Exactly what sfGenerateAudioRecordingStreaming's format_private_key does with the secret value."""
    header_len = len(RSA_HEADER)
    footer_len = len(_LAMBDA_FOOTER)
    rsa_key = RSA_HEADER + value[header_len : -(footer_len - 2)].replace(" ", "\r\n") + _LAMBDA_FOOTER
    return rsa_key.encode("utf8")


def public_key_fingerprint(key: rsa.RSAPublicKey) -> str:
    """SHA-256 of the SubjectPublicKeyInfo DER: equal for a private key and its public half."""
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return "SHA256:" + base64.b64encode(hashlib.sha256(der).digest()).decode("ascii").rstrip("=")


def public_pem_fingerprint(encoded_key: str) -> str | None:
    """The fingerprint of a CloudFront public key's EncodedKey (None when it cannot be read)."""
    try:
        key = serialization.load_pem_public_key(encoded_key.strip().encode("ascii"))
    except (ValueError, TypeError, UnsupportedAlgorithm):
        return None
    return public_key_fingerprint(key) if isinstance(key, rsa.RSAPublicKey) else None


@dataclass(frozen=True)
class PrivateKeyFinding:
    """What the check may keep about the secret's private key: never the key itself."""

    usable: bool  # the Lambda's own un-flattening yields a key that parses
    one_line: bool  # the value is in the guide's one-line form
    problem: str = ""
    fingerprint: str | None = None  # of the public half, to match CloudFront's public key
    key_size: int | None = None


def inspect_private_key_value(value: str) -> PrivateKeyFinding:
    """Judge a CloudFrontPrivateKey value as the Lambda will read it, then forget the key."""
    if not value.strip():
        return PrivateKeyFinding(False, False, "the value is empty")
    stripped = value.strip()
    if stripped.startswith("-----BEGIN PRIVATE KEY-----"):
        return PrivateKeyFinding(
            False, False,
            "the key is in the PKCS#8 form (BEGIN PRIVATE KEY); the Lambda only reads the RSA form "
            "(BEGIN RSA PRIVATE KEY). The wizard's secret fix converts it for you",
        )
    if stripped.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----"):
        return PrivateKeyFinding(False, False, "the key is protected by a passphrase; CloudFront needs it without one")
    if not stripped.startswith(RSA_HEADER):
        return PrivateKeyFinding(False, False, f"the value does not start with {RSA_HEADER}")
    one_line = "\n" not in value and "\r" not in value and value.endswith(RSA_FOOTER) and value.startswith(RSA_HEADER)
    rebuilt = lambda_format_private_key(value)
    try:
        if not _CLEAN_PEM.match(rebuilt.decode("utf8")):
            raise KeyFormatError("the rebuilt key has stray characters around its lines")
        key = load_private_key(rebuilt)
    except KeyFormatError as exc:
        problem = f"the Lambda cannot read it: {exc}"
        if value != value.rstrip():
            problem = "it ends with a space or line break, so the Lambda cuts the footer wrongly (delete the last character)"
        elif not value.endswith(RSA_FOOTER):
            problem = f"it does not end exactly with {RSA_FOOTER}"
        return PrivateKeyFinding(False, one_line, problem)
    return PrivateKeyFinding(
        True, one_line, "" if one_line else "it works but is not in the guide's one-line form",
        public_key_fingerprint(key.public_key()), key.key_size,
    )
