"""Amazon Transcribe's language codes for batch jobs, shipped so validation works offline.

``postcallTranscribeLanguage`` is passed to StartTranscriptionJob as ``LanguageCode``; a code it
does not know fails the transcription of every call silently. The list is the ``LanguageCode``
enumeration of StartTranscriptionJob in botocore 1.43.11's service model
(https://docs.aws.amazon.com/transcribe/latest/dg/API_StartTranscriptionJob.html); a unit test
compares it with the installed botocore so it is refreshed when AWS adds languages.
"""

from __future__ import annotations

#: botocore version the list was taken from.
SOURCE_BOTOCORE_VERSION = "1.43.11"

TRANSCRIBE_LANGUAGE_CODES: tuple[str, ...] = (
    "af-ZA", "ar-AE", "ar-SA", "da-DK", "de-CH", "de-DE", "en-AB", "en-AU", "en-GB", "en-IE",
    "en-IN", "en-US", "en-WL", "es-ES", "es-US", "fa-IR", "fr-CA", "fr-FR", "he-IL", "hi-IN",
    "id-ID", "it-IT", "ja-JP", "ko-KR", "ms-MY", "nl-NL", "pt-BR", "pt-PT", "ru-RU", "ta-IN",
    "te-IN", "tr-TR", "zh-CN", "zh-TW", "th-TH", "en-ZA", "en-NZ", "vi-VN", "sv-SE", "ab-GE",
    "ast-ES", "az-AZ", "ba-RU", "be-BY", "bg-BG", "bn-IN", "bs-BA", "ca-ES", "ckb-IQ", "ckb-IR",
    "cs-CZ", "cy-WL", "el-GR", "et-EE", "et-ET", "eu-ES", "fi-FI", "gl-ES", "gu-IN", "ha-NG",
    "hr-HR", "hu-HU", "hy-AM", "is-IS", "ka-GE", "kab-DZ", "kk-KZ", "kn-IN", "ky-KG", "lg-IN",
    "lt-LT", "lv-LV", "mhr-RU", "mi-NZ", "mk-MK", "ml-IN", "mn-MN", "mr-IN", "mt-MT", "no-NO",
    "or-IN", "pa-IN", "pl-PL", "ps-AF", "ro-RO", "rw-RW", "si-LK", "sk-SK", "sl-SI", "so-SO",
    "sr-RS", "su-ID", "sw-BI", "sw-KE", "sw-RW", "sw-TZ", "sw-UG", "tl-PH", "tt-RU", "ug-CN",
    "uk-UA", "uz-UZ", "wo-SN", "zh-HK", "zu-ZA",
)
