"""Demo org scenarios for the window's tests, derived from the shipped ``fresh`` scenario.

Deriving (rather than copying) keeps them in step with ``fresh``: each one is ``fresh`` plus the
few settings a test needs, written to a temporary YAML file the demo org loads as usual.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from wizard.demo.scenario import scenario_path

#: Aircall half done: ECI switched on, the Aircall named credential created with the wrong URL
#: and without the merge-field options, the integration user holding one of its two sets.
AIRCALL_HALF_DONE: dict[str, Any] = {
    "description": "Acme Demo, part way through the Aircall guide, with some settings wrong.",
    "metadata": {
        "ConversationalIntelligenceSettings": {"ConversationalIntelligence": {"enableCallCoaching": True}},
        "NamedCredential": {
            "Aircall": {
                "label": "Aircall",
                "endpoint": "https://api.aircall.com",
                "principalType": "NamedPrincipal",
                "protocol": "Password",
                "username": "aircall-api-id",
                "password": "aircall-api-token-demo",
                "generateAuthorizationHeader": True,
                "allowMergeFieldsInHeader": False,
                "allowMergeFieldsInBody": False,
            }
        },
    },
}


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def derive_scenario(folder: Path, name: str, changes: dict[str, Any], base: str = "fresh") -> Path:
    """Write ``base`` + ``changes`` (merged key by key) to ``folder/name.yaml``; returns the path."""
    data = yaml.safe_load(scenario_path(base).read_text(encoding="utf-8"))
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(_merge(data, changes), sort_keys=False), encoding="utf-8")
    return path


def sandbox_changes() -> dict[str, Any]:
    """The same org, as a sandbox."""
    return {"organization": {"sandbox": True, "name": "Acme Demo UAT"}}
