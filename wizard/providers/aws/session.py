"""The window's Qt-free handle on the AWS side of the Amazon Connect guide.

The admin picks how the wizard reaches AWS (a profile from the standard chain, SSO included, or
access keys kept in the keyring), the region and, if there are several, the stack. From then on
every verification of the guide reads AWS once (`snapshot.read_snapshot`, read-only) and the AWS
checks land on the guide's own settings (`guide_results`), so rows, Summary and report show them.
The two fixes (the bucket's CORS rule, the secret's CloudFront keys) are planned, previewed,
applied and undone through `fixes`; nothing else writes::

    session = AwsSession()
    session.use_profile("connect-admin", "us-west-2")       # or use_keys(...) / use_access(demo)
    controller.provider_checks.append(session.provider_checks())
    plan = session.plan_cors(facts)                          # preview, confirm, then:
    outcome = session.apply_cors(plan)                       # backed up; session.undo(outcome.backup_id)
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from wizard import secrets
from wizard.engine.changes import ChangePlan
from wizard.engine.results import CheckResult
from wizard.guides.schema import Guide
from wizard.providers.aws import names
from wizard.providers.aws.access import (
    AwsAccess,
    CallerIdentity,
    forget_keys,
    keys_saved,
    save_keys,
)
from wizard.providers.aws.checks import GUIDE_SETTINGS, AwsCheckInputs, run_checks
from wizard.providers.aws.credential_sources import (
    DEFAULT_KEYS_LABEL,
    keyring_label,
    keyring_source,
)
from wizard.providers.aws.errors import AwsAccessError, AwsCallError, AwsProblem
from wizard.providers.aws.fixes import (
    FixOutcome,
    FixRefused,
    SecretMaterial,
    apply_cors_fix,
    apply_secret_fix,
    plan_cors_fix,
    plan_secret_fix,
    prepare_secret_material,
    undo,
)
from wizard.providers.aws.snapshot import AwsSnapshot, AwsTarget, read_snapshot
from wizard.providers.guide_fold import fold, unreadable

LAST_KIND = "aws-choices"  # keyring kind of the last choices (no secret; kept off the disk)


@contextlib.contextmanager
def _window_words() -> Iterator[None]:
    """AWS problems raised inside say what to do with the window's fields, not the command line's options."""
    try:
        yield
    except AwsAccessError as exc:
        raise AwsAccessError(exc.problem.for_window()) from None
    except AwsCallError as exc:
        raise AwsCallError(exc.problem.for_window()) from None


def org_origins(my_domain_url: str | None) -> tuple[str, ...]:
    """The org's Visualforce and Lightning origins from its My Domain URL (empty when unknown)."""
    from wizard.providers.aws.cors import OriginError, origins_from_my_domain

    if not my_domain_url:
        return ()
    try:
        return tuple(origins_from_my_domain(my_domain_url))
    except OriginError:
        return ()


@dataclass(frozen=True)
class AwsChoices:
    """How to reach AWS and what to look at; never a secret."""

    source: str = "profile"  # "profile", "keyring" or "demo"
    profile: str = ""
    keys_label: str = DEFAULT_KEYS_LABEL
    region: str = ""
    stack: str = ""
    origins: tuple[str, ...] = ()
    #: The concurrent calls the admin expects (the command line's ``--concurrent-calls``): above 1000
    #: the sfCTRTrigger timeout is judged; None leaves it unjudged.
    concurrent_calls: int | None = None


class AwsSession:
    """The AWS side's state for one run of the window."""

    def __init__(self, endpoints: dict[str, str] | None = None) -> None:
        self.endpoints = dict(endpoints or {})  # AWS API endpoints ('*' for every service); empty: AWS itself
        self.access: AwsAccess | None = None
        self.choices = AwsChoices()
        self.snapshot: AwsSnapshot | None = None
        self.results: list[CheckResult] = []
        self.problem: str = ""
        self.caller: CallerIdentity | None = None  # who AWS said the wizard is when `access` was accepted
        self.checked_at: datetime | None = None  # when AWS was last read (or found unreadable) for the guide's rows
        self.saved_keys: dict[str, bool] = {}  # keyring label -> whether access keys are saved under it (last seen)

    # -- how to reach AWS ----------------------------------------------------------------------------
    def use_profile(self, profile: str, region: str, stack: str = "", origins: Iterable[str] = (), keep: bool = True,
                    concurrent_calls: int | None = None) -> AwsAccess:
        """The standard chain (``profile`` empty) or a named profile, once AWS accepts it; raises `AwsAccessError`
        (in the window's words) and then changes nothing, neither this session nor the remembered choices."""
        with _window_words():
            access = AwsAccess.from_profile(profile.strip() or None, region=region.strip() or None, endpoints=self.endpoints)
        return self._use(access, AwsChoices("profile", profile.strip(), region=access.region, stack=stack.strip(), origins=tuple(origins),
                                            concurrent_calls=concurrent_calls), keep=keep)

    def use_keys(self, label: str, key_id: str, secret_key: str, region: str, stack: str = "", origins: Iterable[str] = (),
                 session_token: str = "", keep: bool = True, concurrent_calls: int | None = None) -> AwsAccess:
        """Access keys: typed ones are proven with AWS (sts:GetCallerIdentity, after the region) and only then
        saved in the keyring, and only when ``keep`` (never in demo mode); empty ones come from the keyring and
        are proven the same way before the choices are remembered."""
        label, region = label.strip() or DEFAULT_KEYS_LABEL, region.strip()
        with _window_words():
            if key_id.strip() or secret_key.strip():
                if not (key_id.strip() and secret_key.strip()):
                    missing = "secret access key" if key_id.strip() else "access key ID"
                    raise AwsAccessError(AwsProblem(
                        "bad_credentials", "keys", f"Only half of the access key was entered: the {missing} is empty.",
                        "an access key ID and its secret access key", f"enter the {missing} too (nothing was checked or saved)"))
                secrets.remember(secret_key.strip())
                access = AwsAccess.from_keys(key_id, secret_key, session_token or None, region=region, label=label,
                                             endpoints=self.endpoints)
                caller = access.identity()  # AWS accepts them, or nothing is saved
                if keep:
                    with contextlib.suppress(secrets.KeyringUnavailable):  # else: for this session only
                        save_keys(label, key_id, secret_key, session_token or None)
                        access.source = keyring_source(label)
                        self.saved_keys[label] = True
            else:
                caller = None  # proven by `_use`
                try:
                    access = AwsAccess.from_keyring(label, region=region, endpoints=self.endpoints)
                except AwsAccessError as exc:
                    if exc.problem.kind in ("keyring", "keyring_damaged"):  # damaged keys are there: offer to forget them
                        self.saved_keys[label] = exc.problem.kind == "keyring_damaged"
                    raise
                self.saved_keys[label] = True
        return self._use(access, AwsChoices("keyring", keys_label=label, region=region, stack=stack.strip(), origins=tuple(origins),
                                            concurrent_calls=concurrent_calls), keep=keep, caller=caller)

    def use_access(self, access: AwsAccess, stack: str = "", origins: Iterable[str] = (),
                   concurrent_calls: int | None = None) -> AwsAccess:
        """An access made elsewhere (the demo's local AWS)."""
        return self._use(access, AwsChoices("demo", region=access.region, stack=stack, origins=tuple(origins),
                                            concurrent_calls=concurrent_calls))

    def _use(self, access: AwsAccess, choices: AwsChoices, keep: bool = True, caller: CallerIdentity | None = None) -> AwsAccess:
        """Take an access AWS has accepted (sts:GetCallerIdentity, unless ``caller`` already proves it), then
        remember the choices (only when ``keep``, never for the demo). A refused sign-in raises before anything
        changes: the access in use and the choices the next start restores stay as they were."""
        with _window_words():
            caller = caller or access.identity()
        self.access, self.choices, self.caller = access, choices, caller
        self.snapshot, self.results, self.problem, self.checked_at = None, [], "", None
        if choices.source != "demo" and keep:
            with contextlib.suppress(secrets.KeyringUnavailable):
                secrets.set_secret(LAST_KIND, "choices", json.dumps({**choices.__dict__, "origins": list(choices.origins)}))
        return access

    def restore(self) -> AwsChoices:
        """The last choices (not connected yet: the panel connects when the admin checks)."""
        stored = secrets.get_secret(LAST_KIND, "choices")
        if stored:
            with contextlib.suppress(ValueError, TypeError):
                raw = json.loads(stored)
                calls = raw.get("concurrent_calls")
                calls = calls if isinstance(calls, int) and not isinstance(calls, bool) and calls > 0 else None
                self.choices = AwsChoices(**{**raw, "origins": tuple(raw.get("origins") or ()), "concurrent_calls": calls})
        self.look_up_keys(self.choices.keys_label)
        return self.choices

    # -- access keys saved in the keyring ------------------------------------------------------------
    def look_up_keys(self, label: str) -> bool:
        """Whether access keys are saved under ``label`` (a keyring read; the answer is kept in `saved_keys`)."""
        label = label.strip() or DEFAULT_KEYS_LABEL
        self.saved_keys[label] = keys_saved(label)
        return self.saved_keys[label]

    def forget_keys(self, label: str) -> bool:
        """Remove the access keys saved under ``label``, as ``eci-wizard aws keys forget`` does; False when there
        were none. When the wizard is signed in with them it stops using them (AWS must be chosen again)."""
        label = label.strip() or DEFAULT_KEYS_LABEL
        gone = forget_keys(label)
        self.saved_keys[label] = False
        if self.access is not None and keyring_label(self.access.source) == label:
            self.access, self.caller, self.snapshot, self.results, self.problem, self.checked_at = None, None, None, [], "", None
        return gone

    def set_targets(self, stack: str, origins: Iterable[str]) -> None:
        self.choices = AwsChoices(**{**self.choices.__dict__, "stack": stack.strip(), "origins": tuple(origins)})

    # -- reading and judging ---------------------------------------------------------------------------
    def inputs(self, my_domain_url: str | None = None) -> AwsCheckInputs:
        return AwsCheckInputs(org_origins=self.choices.origins or org_origins(my_domain_url),
                              concurrent_calls=self.choices.concurrent_calls)

    def read(self, my_domain_url: str | None = None) -> list[CheckResult]:
        """Read AWS once and run every AWS check (raises `AwsAccessError` when nothing can be read)."""
        if self.access is None:
            raise FixRefused("choose how the wizard reaches AWS first")
        self.snapshot = read_snapshot(self.access, AwsTarget(self.choices.stack or None))
        self.results = run_checks(self.snapshot, self.inputs(my_domain_url))
        self.problem, self.checked_at = "", datetime.now(UTC)
        return self.results

    def provider_checks(self) -> Callable[..., list[CheckResult]]:
        """The window's hook: read AWS when an AWS page is checked; results on the guide's settings."""

        def run(conn: Any, guide: Guide, facts: Any, page_ids: Any = None) -> list[CheckResult]:
            if guide.id != names.GUIDE_ID or self.access is None:
                return []
            if not any(s.id in GUIDE_SETTINGS for _p, s in guide.settings()):
                return []
            try:
                self.read(getattr(facts, "my_domain_url", None))
            except AwsAccessError as exc:
                problem = exc.problem.for_window()
                self.problem, self.checked_at = f"{problem.observed} What to do: {problem.action}.", datetime.now(UTC)
                return unreadable(guide, GUIDE_SETTINGS, "(AWS could not be read)", problem.observed, problem.action)
            results = fold(guide, GUIDE_SETTINGS, self.results)
            if conn is not None and self.snapshot is not None:
                results += self._both_sides(conn, guide)
            return results

        return run

    def _both_sides(self, conn: Any, guide: Guide) -> list[CheckResult]:
        """The org's named credential URL judged against the Lambda AWS runs (see `crosscheck`)."""
        from wizard.providers.aws.checks import salesforce_handoff
        from wizard.providers.aws.crosscheck import (
            named_credential_matches_lambda,
            read_org_endpoint,
        )

        assert self.snapshot is not None
        try:
            endpoint = read_org_endpoint(conn)
        except Exception:  # the Salesforce-side check of the URL's shape still runs; nothing is lost
            return []
        result = named_credential_matches_lambda(guide, salesforce_handoff(self.snapshot), endpoint)
        return [result] if result is not None else []

    # -- the two fixes -------------------------------------------------------------------------------------
    def _need_access(self) -> AwsAccess:
        if self.access is None:
            raise FixRefused("choose how the wizard reaches AWS first")
        return self.access

    def bucket(self) -> str:
        bucket = self.snapshot.bucket if self.snapshot is not None else None
        name = getattr(bucket, "name", "")
        if not name:
            raise FixRefused(f"the recordings bucket is unknown: check AWS first, so the stack's {names.PARAM_RECORDING_BUCKET} is read")
        return str(name)

    def plan_cors(self, my_domain_url: str | None = None) -> ChangePlan:
        origins = self.inputs(my_domain_url).org_origins
        if not origins:
            raise FixRefused("the org's origins are unknown: enter them in the AWS panel (the Visualforce and Lightning addresses)")
        return plan_cors_fix(self._need_access(), self.bucket(), origins)

    def apply_cors(self, plan: ChangePlan, by: str = "") -> FixOutcome:
        return apply_cors_fix(self._need_access(), plan, by=by or self._need_access().source)

    def secret_id(self) -> str:
        secret = self.snapshot.secret if self.snapshot is not None else None
        return str(getattr(secret, "secret_id", "") or names.SECRET_NAME)

    def plan_secret(self, private_key_pem: str | None, key_id: str | None) -> tuple[ChangePlan, SecretMaterial]:
        """The plan and the material (the key in its one-line form, in memory only until applied)."""
        material = prepare_secret_material(private_key_pem or None, key_id or None)
        return plan_secret_fix(self._need_access(), self.secret_id(), material), material

    def apply_secret(self, plan: ChangePlan, material: SecretMaterial, by: str = "") -> FixOutcome:
        return apply_secret_fix(self._need_access(), plan, material, by=by or self._need_access().source)

    def undo(self, backup_id: str) -> FixOutcome:
        return undo(self._need_access(), backup_id, by=self._need_access().source)
