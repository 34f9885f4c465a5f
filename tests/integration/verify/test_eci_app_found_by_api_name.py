"""The ECI app is the app with the guide's API name (ECI_Connected_App), whatever its label.

The guides say "API Name: ECI_Connected_App. Important: Use this exact name". Salesforce's
ConnectedApplication object knows an app by its label only, so the label decides what is read
first and the API name decides which app is the ECI app. Against the demo org over HTTPS.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.verify.support import extending, verify_logged
from wizard.engine.results import Status

#: The guide's Connected App, given another label in Setup.
RELABELLED = "metadata: {ConnectedApp: {ECI_Connected_App: {label: Acme ECI}}}\n"

#: An app with the guide's label but another API name (and no app with the guide's API name).
OTHER_APP = """
      label: ECI Connected App
      contactEmail: admin@acme-demo.example
      oauthConfig:
        callbackUrl: "{instance_url}/services/authcallback/ECI_Auth_Provider"
        consumerKey: 3MVG9DemoOtherEciAppConsumerKey0002
        isAdminApproved: true
        isConsumerSecretOptional: false
        isSecretRequiredForRefreshToken: true
        scopes: [Content, Api, Web, RefreshToken]
      oauthPolicy:
        ipRelaxation: BYPASS
        refreshTokenPolicy: specific_lifetime:365:DAYS
      profileName: [Standard User, System Administrator]
"""
LABEL_ONLY = "metadata:\n  ConnectedApp:\n    ECI_Connected_App: null\n    ECI_Connected_App_2:" + OTHER_APP
#: The External Client App the guide's API name asks for, beside an older app with the same label.
ECA_BESIDE_OLD_APP = "metadata:\n  ConnectedApp:\n    Old_ECI_App:" + OTHER_APP


def verify(guide_id: str, scenario_ref: str | Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The run and how many readMetadata calls it made."""
    run, entries = verify_logged(guide_id, scenario_ref, monkeypatch)
    reads = len([e for e in entries if e.family == "metadata-read"])
    return run, reads


def by_id(run) -> dict:  # type: ignore[no-untyped-def]
    return {r.check_id: r for r in run.results}


def test_a_connected_app_with_the_api_name_and_another_label_is_the_eci_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relabelling the app in Setup does not make the wizard call it missing (nor offer a second app)."""
    as_guide, guide_reads = verify("natterbox", "natterbox-configured", monkeypatch)
    relabelled, reads = verify("natterbox", extending(tmp_path, "natterbox-configured", RELABELLED), monkeypatch)
    assert [(r.check_id, r.observed) for r in relabelled.results if r.status in (Status.FAIL, Status.ERROR)] == []
    exists = by_id(relabelled)["eci-app.exists"]
    assert exists.status == Status.PASS and exists.observed == "ECI_Connected_App — Connected App"
    assert "Acme ECI" in exists.message and "ECI Connected App" in exists.message, exists.message
    assert "API name" in exists.message
    assert any("ConnectedApp: ECI_Connected_App" in e.detail for e in exists.evidence), exists.evidence
    # The app by its label would have cost nothing more; by its API name it costs one readMetadata.
    assert reads == guide_reads + 1
    assert by_id(as_guide)["eci-app.exists"].message == "The ECI app exists."


def test_an_app_with_the_label_but_another_api_name_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The admin is told the label matches an app whose API name is not the guide's, and what to do."""
    run, _ = verify("natterbox", extending(tmp_path, "natterbox-configured", LABEL_ONLY), monkeypatch)
    results = by_id(run)
    exists = results["eci-app.exists"]
    assert exists.status == Status.FAIL
    assert exists.expected == "ECI_Connected_App (Connected App or External Client App)"
    assert exists.observed == "a Connected App labelled ECI Connected App whose API name is not ECI_Connected_App"
    assert "API name is not ECI_Connected_App" in exists.message
    assert "Create the ECI app with the API name ECI_Connected_App" in exists.message, exists.message
    assert "does not exist yet" not in exists.message
    # The External Client App by that API name was looked for too before saying so.
    assert any("ExtlClntAppGlobalOauthSettings" in e.detail for e in exists.evidence), exists.evidence
    assert not [r for r in run.results if r.status == Status.ERROR]
    assert results["eci-app.scopes"].status == Status.FAIL and results["eci-app.scopes"].observed == "(missing)"


def test_an_external_client_app_beside_an_older_app_with_its_label_is_the_eci_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An org that kept an old Connected App labelled 'ECI Connected App' (another API name) and has
    the External Client App ECI_Connected_App: the External Client App is the ECI app."""
    run, reads = verify("aircall", extending(tmp_path, "aircall-eca-configured", ECA_BESIDE_OLD_APP), monkeypatch)
    _, eca_reads = verify("aircall", "aircall-eca-configured", monkeypatch)
    app = [r for r in run.results if r.check_id.startswith("eci-app.")]
    assert [(r.check_id, r.observed) for r in app if r.status in (Status.FAIL, Status.ERROR)] == []
    assert len([r for r in app if r.status == Status.PASS]) == 8
    assert by_id(run)["eci-app.exists"].observed == "ECI_Connected_App — External Client App"
    assert reads == eca_reads + 1  # the labelled app's metadata, read first, was not the ECI app


def test_an_org_set_up_as_the_guide_says_reads_only_the_app_it_has(monkeypatch: pytest.MonkeyPatch) -> None:
    """Looking the app up by API name costs no request on the orgs the guides describe."""
    _, natterbox = verify("natterbox", "natterbox-configured", monkeypatch)
    _, eca = verify("aircall", "aircall-eca-configured", monkeypatch)
    assert (natterbox, eca) == (2, 5)
