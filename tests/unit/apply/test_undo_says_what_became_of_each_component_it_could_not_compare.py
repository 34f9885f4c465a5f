"""Undo's note on components whose type Salesforce would not list says, per component, what undo
did with each: put back, removed because the fix created it, already as before, or already gone.
"Put back as before the fix" for all of them would be wrong for those the fix created."""

from __future__ import annotations

from wizard.apply.restore import Restored
from wizard.apply.undo import Comparison

SITE = "CustomSite VoiceConnector"
PAGE = "ApexPage Welcome"
APP = "ExternalClientApplication ECI_Connected_App"
OAUTH = "ExtlClntAppOauthSettings ECI_Connected_App_oauth"


def test_each_component_is_named_with_what_undo_did_with_it() -> None:
    compared = Comparison([], sorted([SITE, PAGE, APP, OAUTH]), frozenset({APP, OAUTH}))
    note = compared.note(Restored(restored=[SITE], removed=[APP], unchanged=[PAGE, OAUTH]))
    assert note == (
        f"Salesforce would not list {PAGE}, {SITE}, {APP} and {OAUTH} for your user, so the wizard could not tell "
        "whether they were changed after the fix. "
        f"{SITE} was put back as it was before the fix, which overwrote any change made to it after the fix; "
        "check it in Setup if someone may have edited it since. "
        f"{APP} was removed, because the fix had created it; any change made to it after the fix went with it. "
        f"{PAGE} was already as before the fix, so undo did not change it. "
        f"{OAUTH} was already gone, so undo had nothing to remove."
    )


def test_several_removed_components_are_spoken_of_together() -> None:
    compared = Comparison([], [APP, OAUTH], frozenset({APP, OAUTH}))
    note = compared.note(Restored(removed=[OAUTH, APP]))
    assert note is not None
    assert (f"{APP} and {OAUTH} were removed, because the fix had created them; any change made to them after the "
            "fix went with them.") in note
    assert "put back" not in note


def test_a_fate_restore_notes_itself_is_not_said_twice() -> None:
    """A media provider that could not be deleted was switched off, and a record gone since the fix
    could not be restored: restore's own notes say so, the note on comparing only names them."""
    media, credential = "CallCoachingMediaProvider Aircall", "NamedCredential Aircall"
    compared = Comparison([], [media, credential], frozenset({media}))
    note = compared.note(Restored(restored=[media]))
    assert note == (f"Salesforce would not list {media} and {credential} for your user, so the wizard could not tell "
                    "whether they were changed after the fix.")


def test_nothing_uncompared_means_no_note() -> None:
    assert Comparison([], []).note(Restored(restored=[SITE])) is None
