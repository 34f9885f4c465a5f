"""The steps the guide makes admins do by hand, done by code (one import for the window and CLI).

- the private key's one-line form and its inverse (`pem`),
- the CORS JSON from the org's real origins (`cors`),
- the contact-flow attribute values, validated (`flow_attributes`),
- the named credential URL from the Lambda's full name (`named_credential`),
- the After Call Work reminder.
"""

from __future__ import annotations

from wizard.providers.aws.cors import (
    cors_json,
    guide_lightning_entry,
    lightning_origin,
    origin_of,
    origins_from_my_domain,
    visualforce_origin,
)
from wizard.providers.aws.flow_attributes import (
    AFTER_CALL_WORK_REMINDER,
    AttributeValueError,
    FlowAttribute,
    check_analysis,
    check_language,
    contact_flow_attributes,
)
from wizard.providers.aws.named_credential import (
    expected_named_credential_url,
    named_credential_url_verdict,
)
from wizard.providers.aws.pem import (
    KeyFormatError,
    flatten_exactly,
    flatten_private_key,
    lambda_format_private_key,
    to_rsa_pem,
    unflatten_private_key,
)

__all__ = [
    "AFTER_CALL_WORK_REMINDER",
    "AttributeValueError",
    "FlowAttribute",
    "KeyFormatError",
    "check_analysis",
    "check_language",
    "contact_flow_attributes",
    "cors_json",
    "expected_named_credential_url",
    "flatten_exactly",
    "flatten_private_key",
    "guide_lightning_entry",
    "lambda_format_private_key",
    "lightning_origin",
    "named_credential_url_verdict",
    "origin_of",
    "origins_from_my_domain",
    "to_rsa_pem",
    "unflatten_private_key",
    "visualforce_origin",
]
