"""Copy values are pasted into other systems as they stand: the org's addresses are filled in only
when they are known to be right, and a placeholder that stays says why."""

from __future__ import annotations

import json

from wizard.engine.org_facts import OrgFacts
from wizard.guides.copy_fill import fill_copy_value
from wizard.guides.loader import load_guide


def facts(my_domain: str = "https://acme.my.salesforce.com", *, has_my_domain: bool = True) -> OrgFacts:
    return OrgFacts(org_id="00D000000000001AAA", name="Acme", edition="Enterprise Edition", is_sandbox=False,
                    instance_url="https://acme.my.salesforce.com", my_domain_url=my_domain, has_my_domain=has_my_domain,
                    api_version="66.0")


def cors_template() -> str:
    return load_guide("amazon-connect").page("recordings-bucket-cors").copy_values[0].value


def test_the_cors_template_gets_the_origins_a_browser_sends_from_this_org() -> None:
    """The same origins the AWS fix writes: the CTI package's Visualforce host and the Lightning host,
    with no trailing slash, in a template that is still valid JSON."""
    filled = fill_copy_value(cors_template(), facts())
    rule = json.loads(filled.text)[0]
    assert rule["AllowedOrigins"] == ["https://acme--amazonconnect.vf.force.com", "https://acme.lightning.force.com"]
    assert (rule["AllowedHeaders"], rule["AllowedMethods"], rule["ExposeHeaders"]) == (["Access-Control-Allow-Origin"], ["GET"], [])
    assert (filled.unfilled, filled.reason) == ((), "")


def test_a_sandbox_keeps_its_infix_in_both_origins() -> None:
    filled = fill_copy_value(cors_template(), facts("https://acme--uat.sandbox.my.salesforce.com"))
    assert json.loads(filled.text)[0]["AllowedOrigins"] == [
        "https://acme--uat--amazonconnect.sandbox.vf.force.com", "https://acme--uat.sandbox.lightning.force.com"]


def test_signed_out_every_placeholder_stays_and_the_json_braces_are_not_placeholders() -> None:
    filled = fill_copy_value(cors_template(), None)
    assert filled.text == cors_template()
    assert filled.unfilled == ("visualforce_origin", "lightning_origin") and filled.reason == ""


def test_an_org_without_my_domain_gets_no_callback_built_on_its_instance_address() -> None:
    """Callback URLs on the instance address stop working once My Domain is on, so none is offered."""
    value = "{my_domain}/services/authcallback/ECI_Auth_Provider"
    filled = fill_copy_value(value, facts("https://na1.salesforce.com", has_my_domain=False))
    assert filled.text == value and filled.unfilled == ("my_domain",)
    assert "has no My Domain" in filled.reason and "turn My Domain on" in filled.reason


def test_a_my_domain_the_origins_cannot_come_from_says_to_type_them() -> None:
    filled = fill_copy_value(cors_template() + " {my_domain}", facts("https://login.acme.example"))
    assert filled.text.endswith(" https://login.acme.example")
    assert filled.unfilled == ("visualforce_origin", "lightning_origin")
    assert "cannot work out your page addresses from the My Domain https://login.acme.example" in filled.reason
