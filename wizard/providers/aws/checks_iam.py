"""Judges for the IAM user whose keys sign the named credential's calls, and its leftover keys.

The guide creates an IAM user with ``invokeSfGenerateAudioRecordingStreamingURLPolicy`` and puts
its access key into the ``AwsGenerateAudioRecordingURL`` named credential. That one key must stay;
every other key made along the way (a second key created by mistake, keys made for the setup)
should go once the named credential works. IAM tells which key Salesforce uses: its last use is by
the ``lambda`` service.
"""

from __future__ import annotations

from wizard.engine.results import Fix, Status
from wizard.providers.aws import console, names
from wizard.providers.aws.checks_base import AwsCheckInputs, Outcome, from_issue, steps, waiting_for
from wizard.providers.aws.credential_sources import keyring_label
from wizard.providers.aws.snapshot import AwsSnapshot, ReadIssue
from wizard.retry_words import retry_words

USER_STEP = f"an IAM user with {names.STREAMING_POLICY}"
#: The command line's way to forget saved keys, as a place names it (`RetryWords.way`): the window
#: says "" (its AWS panel's button, named in the same sentence, is its way).
FORGET_KEYS = "eci-wizard aws keys forget"


def streaming_user(s: AwsSnapshot, _: AwsCheckInputs) -> Outcome:
    """An IAM user has the invoke policy attached and an active access key for the named credential."""
    expected = f"a user with {names.STREAMING_POLICY} and an active access key"
    ev = s.ev("iam")
    if isinstance(s.streaming_users, ReadIssue):
        return from_issue(s.streaming_users, expected, ev)
    create_user = Fix(
        hint=steps("Open IAM > Users > Create user; name it, for example, " + names.STREAMING_USER_EXAMPLE + ".",
                   f"Attach existing policies directly: search for {names.STREAMING_POLICY} and select it.",
                   "Create the user, then create one access key for it and keep the key id and secret for the named credential."),
        console_url=console.iam_users(),
    )
    if not s.streaming_policies:
        return Outcome(Status.FAIL, expected, "(no such policy)",
                       f"The account has no {names.STREAMING_POLICY}; the Salesforce Lambdas stack creates it when "
                       f"{names.PARAM_RECORDING_IMPORT} is true.", ev, create_user)
    users = s.streaming_users
    if not users:
        return Outcome(Status.FAIL, expected, "(policy attached to no user)",
                       f"{s.streaming_policies[0]} exists but no IAM user has it, so Salesforce cannot call the Lambda.", ev, create_user)
    with_keys = [u for u in users if any(k.status == "Active" for k in u.access_keys)]
    if not with_keys:
        names_seen = ", ".join(u.name for u in users)
        return Outcome(Status.FAIL, expected, f"{names_seen}: no active access key",
                       "The named credential signs its calls with this user's access key, and the user has none that is active.", ev,
                       Fix(hint=steps("Open the user's Security credentials tab.", "Create one access key (third-party service).",
                                      "Put its id and secret into the AwsGenerateAudioRecordingURL named credential."),
                           console_url=console.iam_user_keys(users[0].name)))
    user = with_keys[0]
    active = sum(k.status == "Active" for k in user.access_keys)
    return Outcome(Status.PASS, expected, f"{user.name} ({active} active access key{'s' if active != 1 else ''})",
                   f"{user.name} may invoke the streaming URL Lambda.", ev)


def setup_keys(s: AwsSnapshot, _: AwsCheckInputs) -> Outcome:
    """Only the access key the named credential uses is left once the named credential works."""
    expected = "one active access key: the one the named credential uses"
    ev = s.ev("iam")
    if isinstance(s.streaming_users, ReadIssue):
        return from_issue(s.streaming_users, expected, ev)
    users = [u for u in s.streaming_users if any(k.status == "Active" for k in u.access_keys)]
    if not users:
        return waiting_for(USER_STEP, expected, ev)
    reminder = ""
    label = keyring_label(s.credential_source)
    if label is not None:
        # The window has its button and no command (`RetryWords.way`): the command line names both.
        forget = retry_words().way(FORGET_KEYS, f" or with 'eci-wizard aws keys forget --label {label}'")
        reminder = (f" The wizard itself is using access keys saved in your keyring as '{label}': when the setup is done, "
                    "deactivate them in IAM, then remove them from the keyring with “Forget saved keys” in the wizard's "
                    f"AWS panel{forget}.")
    for user in users:
        active = [k for k in user.access_keys if k.status == "Active"]
        if len(active) <= 1:
            continue
        in_use = [k for k in active if k.last_service == "lambda"]
        extra = [k for k in active if k not in in_use] if in_use else active
        listed = ", ".join(f"{k.masked} (last used {k.last_used:%Y-%m-%d} by {k.last_service})" if k.last_used else f"{k.masked} (never used)" for k in extra)
        if in_use:
            message = (f"The named credential works with {in_use[0].masked} (used by Lambda). "
                       f"Delete the keys left over from the setup: {listed}.")
        else:
            message = (f"{user.name} has {len(active)} active keys but the named credential needs one. "
                       "Once playback works, keep the key Salesforce uses (IAM shows it as last used by lambda) and delete the others.")
        return Outcome(Status.WARN, expected, f"{user.name}: {len(active)} active keys", message + reminder, ev,
                       Fix(hint=steps("Open the user's Security credentials tab.", "Deactivate the extra key, test playback, then delete it."),
                           console_url=console.iam_user_keys(user.name)))
    user = users[0]
    key = next(k for k in user.access_keys if k.status == "Active")
    used = f", used by {key.last_service}" if key.last_service else ", not used yet"
    return Outcome(Status.PASS, expected, f"{user.name}: {key.masked}{used}", "No setup keys are left over." + reminder, ev)
