"""RingCentral's own words are quoted once, with one full stop after them, whatever they end with."""

from __future__ import annotations

import pytest

from wizard.providers.ringcentral.answers import RingCentralError, said


@pytest.mark.parametrize(("error", "expected"), [
    (RingCentralError(401, "invalid_client", ("OAU-146",), "Invalid client credentials"),
     ' RingCentral said: "invalid_client, OAU-146: Invalid client credentials".'),
    (RingCentralError(400, "", ("OAU-109",), "Redirect URI is not valid."),
     ' RingCentral said: "OAU-109: Redirect URI is not valid."'),
    (RingCentralError(429, "", ("CMN-301",), "Request rate exceeded!"), ' RingCentral said: "CMN-301: Request rate exceeded!"'),
    (RingCentralError(500), ""),
])
def test_ringcentral_words_end_with_one_full_stop(error: RingCentralError, expected: str) -> None:
    assert said(error) == expected
