"""An AWS access key ID a fix asks for has AWS's form, the very form the row "AWS Access Key ID"
checks after the fix: one typed in another form is refused where it is typed, saying its length and
what stands out in it (never the value, which is typed hidden), what was expected and what to do.
Spaces or a line break a paste brings around it are dropped, not refused. The secret access key has
no form the wizard could check, so it is taken as typed."""

from __future__ import annotations

import pytest

from wizard.apply.executors.named_credential import NamedCredentialExecutor
from wizard.apply.model import SecretNeed, ValueForm
from wizard.apply.targets import targets_for
from wizard.checks.aws_access_key import EXPECTED, KEY_ID
from wizard.guides.loader import load_guide

GOOD = "AKIAIOSFODNN7EXAMPLE"  # AWS's own documented example key ID


def _need(guide_id: str, credential: str, kind: str) -> SecretNeed:
    target = next(t for t in targets_for(load_guide(guide_id)) if t.fix == "named_credential" and t.key == credential)
    return NamedCredentialExecutor()._need(target, f"{credential}/{kind}")


@pytest.mark.parametrize(("guide", "credential", "source"), [
    ("natterbox", "NatterboxS3AWS", "Natterbox"),
    ("amazon-connect", "AwsGenerateAudioRecordingURL", "the streaming IAM user's access key"),
], ids=["Natterbox S3", "Amazon Connect"])
def test_the_key_id_need_carries_the_checks_own_form(guide: str, credential: str, source: str) -> None:
    need = _need(guide, credential, "aws_access_key")
    assert need.form is not None and need.hidden
    assert need.form.pattern == KEY_ID.pattern and need.form.expected == EXPECTED  # one definition, shared
    assert need.form.advice == f"Copy it again from {source}, exactly as given."
    assert _need(guide, credential, "aws_access_secret").form is None


@pytest.mark.parametrize(("typed", "said"), [
    ("AKIAIOSFODNN7EXAMPL", "is 19 characters long."),
    ("akiaiosfodnn7example", "is 20 characters long, with lower-case letters."),
    ("AKIA IOSFODNN7EXAMPL", "is 20 characters long, with a space inside."),
    ("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "is 40 characters long, with lower-case letters and characters "
                                                 "other than letters and digits."),  # the secret pasted in its place
], ids=["one short", "lower case", "space inside", "the secret instead"])
def test_a_key_id_of_another_form_is_refused_with_what_was_typed_expected_and_to_do(typed: str, said: str) -> None:
    need = _need("natterbox", "NatterboxS3AWS", "aws_access_key")
    refusal = need.refusal(typed)
    assert refusal == (f"The AWS access key ID for the named credential NatterboxS3AWS, as typed, {said} Expected an AWS "
                       "access key ID (AKIA followed by 16 letters or digits). Copy it again from Natterbox, exactly as given.")
    assert typed not in refusal  # typed hidden: never shown back


@pytest.mark.parametrize("typed", [GOOD, f"  {GOOD}\n", f"\t{GOOD} ", "ASIAIOSFODNN7EXAMPLE"])
def test_a_key_id_of_awss_form_is_taken_without_what_a_paste_brings_around_it(typed: str) -> None:
    need = _need("natterbox", "NatterboxS3AWS", "aws_access_key")
    assert need.refusal(typed) == ""
    assert need.cleaned(typed) == typed.strip()


def test_nothing_typed_yet_is_not_a_refusal_and_a_need_without_form_keeps_the_value_as_typed() -> None:
    key = _need("natterbox", "NatterboxS3AWS", "aws_access_key")
    secret = _need("natterbox", "NatterboxS3AWS", "aws_access_secret")
    assert key.refusal("") == "" and key.refusal("   ") == ""
    assert secret.refusal(" any value at all ") == "" and secret.cleaned(" kept as typed ") == " kept as typed "


def test_a_value_typed_visibly_is_quoted_in_its_refusal() -> None:
    need = SecretNeed(name="Example/id", label="The example ID", where="From the example console.", hidden=False,
                      form=ValueForm(pattern=r"EX[0-9]{4}", expected="an example ID (EX and 4 digits)",
                                     advice="Copy it again from the example console."))
    assert need.refusal("ex12") == ("The example ID, as typed, is “ex12” (4 characters long), with lower-case letters. "
                                    "Expected an example ID (EX and 4 digits). Copy it again from the example console.")
