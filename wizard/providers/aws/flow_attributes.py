"""The contact attributes the admin sets in the Amazon Connect contact flow, checked before copying.

Recording import, transcription and Comprehend analysis are switched on call by call by a
"Set contact attributes" block. The values are read by the Lambdas exactly as typed: the language
goes to Amazon Transcribe as ``LanguageCode`` and the analysis list is split on ``,`` with no
trimming, so ``snt, kw`` asks for an analysis called `` kw`` that never runs. These helpers give
the values to copy and refuse the ones that would be silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.providers.aws.names import (
    ANALYSIS_CODES,
    ATTR_ANALYSIS,
    ATTR_RECORDING_IMPORT,
    ATTR_TRANSCRIBE,
    ATTR_TRANSCRIBE_LANGUAGE,
    DEFAULT_TRANSCRIBE_LANGUAGE,
)
from wizard.providers.aws.transcribe_languages import TRANSCRIBE_LANGUAGE_CODES

AFTER_CALL_WORK_REMINDER = (
    "Records only appear after the agent has finished the call and left After Call Work: the "
    "contact trace record that starts the import is written at that moment. If a test call shows "
    "nothing, make sure the agent closed After Call Work, then wait a minute or so."
)


class AttributeValueError(ValueError):
    """A value the Lambdas would ignore or reject; the message says which value works."""


@dataclass(frozen=True)
class FlowAttribute:
    """One destination key and value for the "Set contact attributes" block."""

    key: str
    value: str
    purpose: str


def check_language(code: str) -> str:
    """A Transcribe language code exactly as Transcribe spells it (``en-US``), or a clear error."""
    value = code.strip()
    if value in TRANSCRIBE_LANGUAGE_CODES:
        return value
    by_lower = {c.lower(): c for c in TRANSCRIBE_LANGUAGE_CODES}
    fixed = by_lower.get(value.lower().replace("_", "-"))
    if fixed:
        raise AttributeValueError(f"{code!r} is written {fixed!r} by Amazon Transcribe; use {fixed}")
    import difflib

    close = difflib.get_close_matches(value, TRANSCRIBE_LANGUAGE_CODES, n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""  # the caller ends the sentence
    raise AttributeValueError(f"{code!r} is not an Amazon Transcribe language code{hint}")


def check_analysis(value: str) -> str:
    """A Comprehend analysis list (codes snt, kw, dl, ne, syn joined by commas), or a clear error."""
    if not value.strip():
        raise AttributeValueError(f"the analysis list is empty; use codes from {', '.join(ANALYSIS_CODES)}")
    parts = value.split(",")
    cleaned = [p.strip().lower() for p in parts]
    unknown = [p for p in cleaned if p not in ANALYSIS_CODES]
    if unknown:
        raise AttributeValueError(
            f"unknown analysis code(s) {', '.join(repr(u) for u in unknown)}; the codes are "
            + ", ".join(f"{c} ({name})" for c, name in ANALYSIS_CODES.items())
        )
    normal = ",".join(dict.fromkeys(cleaned))
    if value != normal:
        raise AttributeValueError(f"write {normal!r}: the list is split on commas exactly, so spaces, capitals or repeats break it")
    return value


def contact_flow_attributes(
    *, transcribe: bool = False, language: str = DEFAULT_TRANSCRIBE_LANGUAGE, analysis: str | None = None
) -> list[FlowAttribute]:
    """The attributes to set, in the guide's order, validated."""
    attributes = [FlowAttribute(ATTR_RECORDING_IMPORT, "true", "imports the call recording")]
    if transcribe or analysis:
        attributes.append(FlowAttribute(ATTR_TRANSCRIBE, "true", "transcribes the recording"))
        attributes.append(FlowAttribute(ATTR_TRANSCRIBE_LANGUAGE, check_language(language), "the language spoken on the call"))
    if analysis:
        attributes.append(FlowAttribute(ATTR_ANALYSIS, check_analysis(analysis), "Amazon Comprehend analysis of the transcript"))
    return attributes
