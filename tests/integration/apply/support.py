"""Shared pieces of the apply tests: scenarios with the guides' packages, secrets, the request log."""

from __future__ import annotations

from pathlib import Path

from wizard.apply.secret_source import SecretSource
from wizard.demo.request_log import LoggedRequest, RequestLog
from wizard.guides.schema import Guide

#: `fresh` plus what only a package install brings (the wizard cannot install packages), so
#: every Salesforce setting a guide checks can be fixed.
WITH_PACKAGES = """
extends: fresh
description: Acme Demo before ECI setup, with the guides' packages installed.
organization:
  name: Acme Demo
  id: 00D5g000004AcmeEAA
permission_sets:
  - name: AC_CallRecording
    label: AC_CallRecording
    description: Access to Amazon Connect call recordings.
records:
  InstalledSubscriberPackage:
    - SubscriberPackage: {Name: Voice Connector, NamespacePrefix: sfvc}
    - SubscriberPackage: {Name: Natterbox}
    - SubscriberPackage: {Name: Amazon Connect Universal Package, NamespacePrefix: amazonconnect}
    - SubscriberPackage: {Name: Five9 Plus Adapter for Salesforce, NamespacePrefix: five9}
  ApexPage:
    - Name: AC_RecordingViewer
      MasterLabel: AC_RecordingViewer
"""

#: The fields of a CustomSite the Metadata API requires beyond the site's identity.
_SITE_REQUIRED = """
      allowHomePage: true
      allowStandardIdeasPages: false
      allowStandardLookups: false
      allowStandardPortalPages: true
      allowStandardSearch: false
      browserXssProtection: true
      contentSniffingProtection: true
      referrerPolicyOriginWhenCrossOrigin: true"""


def inactive_site(complete: bool = True) -> str:
    """`WITH_PACKAGES` plus the VoiceConnector site, inactive, so that the site's fix updates it.
    `complete=False` leaves out the fields the Metadata API requires beyond its identity, as an
    org's damaged copy would (the SOAP client then will not send an update of it)."""
    return WITH_PACKAGES + f"""
metadata:
  CustomSite:
    VoiceConnector:
      masterLabel: VoiceConnector
      active: false
      indexPage: SiteLogin
      clickjackProtectionLevel: SameOriginOnly
      siteType: Visualforce
      siteAdmin: admin@acme-demo.example
      urlPathPrefix: voiceconnector{_SITE_REQUIRED if complete else ""}
"""


#: Every secret a guide's fixes may need, as canaries: none may ever appear in a file or output.
SECRET_NAMES = (
    "NatterboxS3AWS/aws_access_key",
    "NatterboxS3AWS/aws_access_secret",
    "Aircall/username",
    "Aircall/password",
    "Ring_Central/consumer_key",
    "Ring_Central/consumer_secret",
    "AwsGenerateAudioRecordingURL/aws_access_key",
    "AwsGenerateAudioRecordingURL/aws_access_secret",
)
LAMBDA = "serverlessrepo-AmazonConnectSalesforceLambda-sfGenerateAudioRecordingStreaming-1A2B3C"


def scenario(tmp_path: Path, text: str = WITH_PACKAGES, name: str = "scenario.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def seed_secrets(org_id: str) -> dict[str, str]:
    """Store a canary value for every secret; returns name -> value."""
    source = SecretSource(org_id)
    values = {}
    for index, name in enumerate(SECRET_NAMES):
        value = f"Canary{index}Zq{abs(hash((org_id, name))) % 10**8:08d}Xy"
        if name.endswith("/aws_access_key"):  # a key ID has AWS's form, which the org's check looks for
            value = f"AKIACANARY{index:02d}{abs(hash((org_id, name))) % 10**8:08d}"
        assert source.put(name, value)
        values[name] = value
    return values


def writes(log: RequestLog) -> list[LoggedRequest]:
    """Requests that changed the org.

    `RequestLog.writes()` also lists ``POST composite/batch`` and ``POST tooling/composite``, which
    the verification uses for reads only (GET subrequests); the apply never writes through them.
    """
    return [e for e in log.writes() if not e.path.rstrip("/").endswith(("/composite/batch", "/tooling/composite"))]


def required(guide: Guide) -> set[tuple[str, str]]:
    """(page id, setting id) of the settings that are not optional."""
    return {(p.id, s.id) for p, s in guide.settings() if not s.optional and not p.optional}
