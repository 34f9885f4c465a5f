"""The ECI app page tells the admin what to do on either kind of app.

Orgs set up before Spring '26 keep a Connected App; newer ones get an External Client App, whose
screens differ. A step that only named Connected App buttons (Manage Consumer Details, Manage
Profiles) would send an External Client App's admin looking for buttons that are not there.
"""

from __future__ import annotations

import pytest

from wizard.guides.loader import load_guide


@pytest.mark.parametrize("guide_id", ["natterbox", "aircall", "ringcentral"])
def test_the_consumer_details_step_says_where_to_look_on_each_kind(guide_id: str) -> None:
    guide = load_guide(guide_id)
    page = next(p for p in guide.pages if p.id == "eci-connected-app")
    step = next(s for s in page.settings if s.id == "eci-app.consumer-details")
    assert step.manual is not None
    do = " ".join(step.manual.do.split())
    assert "Connected App: in App Manager open ECI Connected App with View and choose Manage Consumer Details" in do
    assert "External Client App: open ECI Connected App in the External Client App Manager" in do
    assert "OAuth settings" in do

    instructions = " ".join(" ".join(page.instructions).split())
    assert "Edit Policies" in instructions and "Manage Profiles" in instructions  # the Connected App's buttons
    assert "An External Client App is opened from the External Client App Manager" in instructions
    # The consumer key and secret are found on either kind, behind an identity check.
    assert "On an External Client App they sit in the app's OAuth settings" in instructions
    assert "verify your identity" in instructions
