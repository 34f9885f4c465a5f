"""Contact-flow attribute values, the Transcribe language list, and the named credential URL."""

from __future__ import annotations

import botocore
import botocore.session
import pytest

from wizard.providers.aws import flow_attributes as fa
from wizard.providers.aws import named_credential as nc
from wizard.providers.aws.transcribe_languages import (
    SOURCE_BOTOCORE_VERSION,
    TRANSCRIBE_LANGUAGE_CODES,
)


def test_shipped_languages_are_transcribes_own_list() -> None:
    model = botocore.session.get_session().get_service_model("transcribe")
    enum = model.operation_model("StartTranscriptionJob").input_shape.members["LanguageCode"].enum
    assert "en-US" in TRANSCRIBE_LANGUAGE_CODES and len(set(TRANSCRIBE_LANGUAGE_CODES)) == len(TRANSCRIBE_LANGUAGE_CODES)
    if botocore.__version__ == SOURCE_BOTOCORE_VERSION:
        assert list(TRANSCRIBE_LANGUAGE_CODES) == list(enum)
    else:  # a newer botocore may know more languages: refresh the shipped list when this fails
        assert set(TRANSCRIBE_LANGUAGE_CODES) <= set(enum), "refresh transcribe_languages.py from botocore"


@pytest.mark.parametrize(("value", "words"), [("en_US", "'en-US'"), ("EN-us", "'en-US'"), ("en-XX", "did you mean"), ("klingon", "not an Amazon Transcribe")])
def test_language_codes_are_checked(value: str, words: str) -> None:
    assert fa.check_language("en-US") == "en-US"
    with pytest.raises(fa.AttributeValueError, match=words):
        fa.check_language(value)


@pytest.mark.parametrize("value", ["snt", "snt,dl,kw,syn", "ne", "snt,kw,dl,ne,syn"])
def test_analysis_codes_accepted(value: str) -> None:
    assert fa.check_analysis(value) == value


@pytest.mark.parametrize(
    ("value", "words"),
    [("snt, kw", "write 'snt,kw'"), ("SNT", "write 'snt'"), ("snt,snt", "write 'snt'"), ("snt,xx", "unknown analysis code"), ("", "empty"), ("snt,", "unknown")],
)
def test_analysis_codes_refused(value: str, words: str) -> None:
    with pytest.raises(fa.AttributeValueError, match=words):
        fa.check_analysis(value)


def test_contact_flow_attributes_in_the_guides_order() -> None:
    assert [(a.key, a.value) for a in fa.contact_flow_attributes()] == [("postcallRecordingImportEnabled", "true")]
    full = fa.contact_flow_attributes(transcribe=True, language="de-DE", analysis="snt,dl,kw,syn")
    assert [(a.key, a.value) for a in full] == [
        ("postcallRecordingImportEnabled", "true"),
        ("postcallTranscribeEnabled", "true"),
        ("postcallTranscribeLanguage", "de-DE"),
        ("postcallTranscribeComprehendAnalysis", "snt,dl,kw,syn"),
    ]
    assert "After Call Work" in fa.AFTER_CALL_WORK_REMINDER


FN = "serverlessrepo-AmazonConnectSalesforce-sfGenerateAudioRecordingSt-1AB2C3D4"


def test_named_credential_url_has_no_trailing_slash() -> None:
    url = nc.expected_named_credential_url("eu-west-2", FN)
    assert url == f"https://lambda.eu-west-2.amazonaws.com/2015-03-31/functions/{FN}/invocations"
    with pytest.raises(ValueError):
        nc.expected_named_credential_url("eu-west-2", f"arn:aws:lambda:eu-west-2:1:function:{FN}")
    with pytest.raises(ValueError):
        nc.expected_named_credential_url("Europe", FN)


@pytest.mark.parametrize(
    ("observed", "ok", "words"),
    [
        (f"https://lambda.eu-west-2.amazonaws.com/2015-03-31/functions/{FN}/invocations", True, ""),
        (f"https://lambda.eu-west-2.amazonaws.com/2015-03-31/functions/{FN}/invocations/", False, "ends with '/'"),
        (f"https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/{FN}/invocations", False, "region is us-east-1"),
        (f"https://lambda.eu-west-2.amazonaws.com/2015-03-31/functions/{FN.lower()}/invocations", False, "letter case"),
        ("https://lambda.eu-west-2.amazonaws.com/2015-03-31/functions/sfGenerateAudioRecordingStreaming/invocations", False, "full name"),
        ("https://acme.my.salesforce.com", False, "not a Lambda invocation URL"),
        ("", False, "no URL"),
    ],
)
def test_named_credential_verdicts(observed: str, ok: bool, words: str) -> None:
    verdict = nc.named_credential_url_verdict(observed, "eu-west-2", FN)
    assert verdict.ok is ok and words in verdict.problem


def test_a_language_code_refusal_leaves_the_full_stop_to_the_sentence_it_joins() -> None:
    """The transcription row ends the sentence: the reason must not end it too ("code..")."""
    for value in ("en-XX", "klingon"):
        with pytest.raises(fa.AttributeValueError) as caught:
            fa.check_language(value)
        assert not str(caught.value).endswith(".")
