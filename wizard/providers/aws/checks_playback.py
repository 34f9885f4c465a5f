"""Judges for recording playback: the secret's keys, CloudFront's key group and edge Lambda, S3 CORS.

These are the guide's "common audio streaming setup issues" 1 to 4, each judged from what the
APIs return rather than from screenshots.
"""

from __future__ import annotations

from wizard.engine.results import Fix, Status
from wizard.providers.aws import console, cors, names
from wizard.providers.aws.checks_base import AwsCheckInputs, Outcome, from_issue, steps, waiting_for
from wizard.providers.aws.snapshot import (
    AwsSnapshot,
    DistributionFacts,
    ReadIssue,
    SecretFacts,
    StackFacts,
)

KEYS_STEP = f"the secret holds {names.SECRET_PRIVATE_KEY} and {names.SECRET_KEY_ID}"
PRIVATE_KEY_STEP = f"{names.SECRET_PRIVATE_KEY} is a valid RSA key in the one-line form"
DISTRIBUTION_STEP = "the distribution's behaviour uses trusted key groups"
SECRET_FIX = "aws.secret"
CORS_FIX = "aws.cors"


def _secret_fix(s: AwsSnapshot, secret: SecretFacts | None) -> Fix:
    url = console.secret(secret.region, secret.name) if secret else console.secrets(s.region)
    return Fix(
        hint=steps(f"Open the {names.SECRET_NAME} secret > Retrieve secret value > Edit.",
                   f"Set {names.SECRET_PRIVATE_KEY} to the private key in the one-line form and {names.SECRET_KEY_ID} "
                   "to the CloudFront public key ID; keep every other key. The wizard can write both for you."),
        console_url=url, fix_name=SECRET_FIX,
    )


def secret_keys(s: AwsSnapshot, _: AwsCheckInputs) -> Outcome:
    """Issue 1: the SalesforceCredentials secret holds CloudFrontPrivateKey and CloudFrontAccessKeyID."""
    expected = f"{names.SECRET_PRIVATE_KEY} and {names.SECRET_KEY_ID}, both filled"
    ev = s.ev("stack", "secret")
    secret = s.secret
    if isinstance(secret, ReadIssue):
        return from_issue(secret, expected, ev)
    if secret is None:
        return Outcome(Status.FAIL, expected, "(no secret)", f"The {names.SECRET_NAME} secret the stack uses was not found in {s.region}.", ev,
                       Fix(hint=f"Create the {names.SECRET_NAME} secret as the Salesforce Lambdas installation describes.", console_url=console.secrets(s.region)))
    if secret.document != "json":
        what = {"binary": "binary data", "not_json": "plain text that is not JSON", "not_object": "JSON that is not key/value pairs"}[secret.document]
        return Outcome(Status.FAIL, expected, what,
                       "The Lambdas read the secret as JSON key/value pairs (the console's key/value and plaintext tabs both store that form).",
                       ev, _secret_fix(s, secret))
    missing = [k for k in (names.SECRET_PRIVATE_KEY, names.SECRET_KEY_ID) if k not in secret.keys or k in secret.empty_keys]
    present = [k for k in (names.SECRET_PRIVATE_KEY, names.SECRET_KEY_ID) if k not in missing]
    observed = ", ".join(f"{k} present" for k in present) + ("; " if present and missing else "") + ", ".join(f"{k} missing or empty" for k in missing)
    if missing:
        return Outcome(Status.FAIL, expected, observed, "Without both keys the streaming Lambda cannot sign playback URLs.", ev, _secret_fix(s, secret))
    return Outcome(Status.PASS, expected, observed, f"{secret.name} holds both CloudFront keys (values not shown).", ev)


def secret_private_key(s: AwsSnapshot, _: AwsCheckInputs) -> Outcome:
    """Issue 1: CloudFrontPrivateKey is an RSA private key that the Lambda can read back."""
    expected = "an RSA private key in the guide's one-line form"
    ev = s.ev("secret")
    secret = s.secret
    if isinstance(secret, ReadIssue):
        return from_issue(secret, expected, ev)
    if secret is None or secret.document != "json" or secret.private_key is None:
        return waiting_for(KEYS_STEP, expected, ev)
    finding = secret.private_key
    if not finding.usable:
        return Outcome(Status.FAIL, expected, "(value not shown) unusable", f"The Lambda cannot use {names.SECRET_PRIVATE_KEY}: {finding.problem}.",
                       ev, _secret_fix(s, secret))
    observed = f"RSA {finding.key_size}-bit key, public half {finding.fingerprint}"
    if not finding.one_line:
        return Outcome(Status.WARN, expected, observed, f"{names.SECRET_PRIVATE_KEY} {finding.problem}; rewrite it to be safe.", ev, _secret_fix(s, secret))
    return Outcome(Status.PASS, expected, observed, "The Lambda reads the key back exactly (checked the way it does).", ev)


def secret_key_pair(s: AwsSnapshot, _: AwsCheckInputs) -> Outcome:
    """Issue 1: CloudFrontAccessKeyID names a CloudFront public key, and it pairs with the private key."""
    expected = "the ID of the CloudFront public key that pairs with the private key"
    ev = s.ev("secret", "cloudfront")
    secret = s.secret
    if isinstance(secret, ReadIssue):
        return from_issue(secret, expected, ev)
    if secret is None or secret.key_id is None:
        return waiting_for(KEYS_STEP, expected, ev)
    if isinstance(s.public_keys, ReadIssue):
        return from_issue(s.public_keys, expected, ev)
    key = next((k for k in s.public_keys if k.id == secret.key_id), None)
    fix = Fix(hint=steps("Open CloudFront > Public keys and copy the ID of the key you uploaded for this setup.",
                         f"Put that ID into {names.SECRET_KEY_ID}; its private key goes into {names.SECRET_PRIVATE_KEY}."),
              console_url=console.public_keys(), fix_name=SECRET_FIX)
    if key is None:
        legacy = " It looks like a legacy CloudFront key pair id (APKA…); the guide uses a public key in a key group." if secret.key_id.startswith("APKA") else ""
        return Outcome(Status.FAIL, expected, secret.key_id, f"CloudFront has no public key with the ID in {names.SECRET_KEY_ID}.{legacy}", ev, fix)
    finding = secret.private_key
    if finding is None or not finding.usable:
        return waiting_for(PRIVATE_KEY_STEP, expected, ev)
    if key.fingerprint != finding.fingerprint:
        return Outcome(Status.FAIL, expected, f"{key.id} ({key.name}): {key.fingerprint}",
                       f"The private key in the secret does not belong to public key {key.id}; CloudFront would reject every signed URL.", ev, fix)
    return Outcome(Status.PASS, expected, f"{key.id} ({key.name})", "The public key matches the private key in the secret.", ev)


def _distribution(s: AwsSnapshot) -> DistributionFacts | None:
    return s.distribution if isinstance(s.distribution, DistributionFacts) else None


def trusted_key_groups(s: AwsSnapshot, _: AwsCheckInputs) -> Outcome:
    """Issue 2: the distribution's behaviour uses trusted key groups, with the group holding our key."""
    expected = "Trusted key groups, including the group that holds the public key in the secret"
    ev = s.ev("stack", "distribution", "cloudfront")
    if isinstance(s.distribution, ReadIssue):
        return from_issue(s.distribution, expected, ev)
    dist = _distribution(s)
    if dist is None:
        return Outcome(Status.FAIL, expected, "(no distribution)",
                       "No CloudFront distribution was found for the stack or for its recordings bucket.", ev,
                       Fix(hint="Check that the Salesforce Lambdas stack was deployed with recording import enabled.", console_url=console.distributions()))
    behavior = dist.default
    fix = Fix(hint=steps(f"Open distribution {dist.id} > Behaviors, select the default behaviour, Edit.",
                         "Under Restrict viewer access choose Yes and Trusted key groups.",
                         "Add the key group that holds your public key, save, and wait for the deployment."),
              console_url=console.distribution_behaviors(dist.id))
    if not behavior.key_groups_enabled:
        observed = "Trusted signers (legacy key pairs)" if behavior.trusted_signers_enabled else "viewer access not restricted"
        return Outcome(Status.FAIL, expected, observed, "The behaviour does not use trusted key groups, so the signed playback URLs are not checked against your key.", ev, fix)
    if isinstance(s.key_groups, ReadIssue):
        return from_issue(s.key_groups, expected, ev)
    groups = [g for g in s.key_groups if g.id in behavior.key_group_ids]
    observed = ", ".join(f"{g.name} ({g.id}: {', '.join(g.public_key_ids) or 'no keys'})" for g in groups) or ", ".join(behavior.key_group_ids)
    key_id = s.secret.key_id if isinstance(s.secret, SecretFacts) else None
    if key_id is None:
        later = (f"could not be judged: the secret could not be read ({s.secret.operation})" if isinstance(s.secret, ReadIssue)
                 else f"is judged once {names.SECRET_KEY_ID} is set")
        return Outcome(Status.PASS, expected, observed, f"Trusted key groups are on; which group is right {later}.", ev)
    if any(key_id in g.public_key_ids for g in groups):
        return Outcome(Status.PASS, expected, observed, f"The behaviour trusts the key group holding public key {key_id}.", ev)
    return Outcome(Status.FAIL, expected, observed, f"None of the behaviour's key groups holds public key {key_id}, the one in {names.SECRET_KEY_ID}.", ev, fix)


def edge_lambda(s: AwsSnapshot, _: AwsCheckInputs) -> Outcome:
    """Issue 3: the behaviour carries sfSig4RequestToS3 (us-east-1, role sfSig4RequestToS3Role) on origin requests."""
    expected = f"{names.EDGE_FUNCTION} in {names.EDGE_REGION}, role {names.EDGE_ROLE}, on {names.EDGE_EVENT_TYPE}"
    ev = s.ev("distribution")
    if isinstance(s.distribution, ReadIssue):
        return from_issue(s.distribution, expected, ev)
    dist = _distribution(s)
    if dist is None:
        return waiting_for(DISTRIBUTION_STEP, expected, ev)
    if isinstance(s.edge_functions, ReadIssue):
        return from_issue(s.edge_functions, expected, ev)
    fix = Fix(hint=steps(f"In the Lambda console switch to {names.EDGE_REGION} and open (or create) {names.EDGE_FUNCTION} "
                         f"with the existing role {names.EDGE_ROLE}.",
                         "Actions > Deploy to Lambda@Edge: choose this distribution, the default behaviour and the Origin request event, acknowledge, Deploy."),
              console_url=console.lambda_functions(names.EDGE_REGION, names.EDGE_FUNCTION))
    associations = dist.default.edge
    if not associations:
        return Outcome(Status.FAIL, expected, "(no Lambda@Edge function)", f"The default behaviour of {dist.id} runs no edge function, so S3 rejects CloudFront's requests.", ev, fix)
    functions = {f.arn: f for f in s.edge_functions}
    problems = []
    for assoc in associations:
        fn = functions.get(assoc.arn)
        label = assoc.arn.split(":function:")[-1]
        role = (fn.role_arn.rsplit("/", 1)[-1]) if fn else ""
        if fn is None or not fn.exists:
            problems.append(f"{label}: the function version does not exist")
        elif fn.region != names.EDGE_REGION:
            problems.append(f"{label}: in {fn.region}, not {names.EDGE_REGION}")
        elif role != names.EDGE_ROLE:
            problems.append(f"{label}: role {role or '(none)'}, not {names.EDGE_ROLE}")
        elif assoc.event_type != names.EDGE_EVENT_TYPE:
            problems.append(f"{label}: on {assoc.event_type}, not {names.EDGE_EVENT_TYPE}")
        else:
            note = "" if fn.name == names.EDGE_FUNCTION else f" (named {fn.name}; the guide's name is only a suggestion)"
            return Outcome(Status.PASS, expected, f"{label} on {assoc.event_type}", f"The edge function signs CloudFront's requests to S3{note}.", ev)
    return Outcome(Status.FAIL, expected, "; ".join(problems), "No edge function on the behaviour is set up the way the guide needs.", ev, fix)


def _bucket_parameter_fix(s: AwsSnapshot) -> Fix:
    """The stack's parameter must name the bucket Amazon Connect stores call recordings in: where to see that
    bucket's name, and where to put it (the stack's parameters)."""
    stack = s.stack if isinstance(s.stack, StackFacts) else None
    url = console.stack_parameters(s.region, stack.stack_id) if stack else console.stacks(s.region)
    return Fix(
        hint=steps("In the Amazon Connect console open your instance > Data storage and note the S3 bucket call recordings go to.",
                   f"Update the stack (keeping the current template) so {names.PARAM_RECORDING_BUCKET} is that bucket's name "
                   "(the name only, no s3:// and no folder), then wait for UPDATE_COMPLETE."),
        console_url=url,
    )


def bucket_cors(s: AwsSnapshot, inputs: AwsCheckInputs) -> Outcome:
    """Issue 4: the recordings bucket lets the org's Visualforce and Lightning origins GET."""
    origins = inputs.org_origins
    expected = "GET allowed from " + (", ".join(origins) if origins else "the org's Visualforce and Lightning origins")
    ev = s.ev("stack", "bucket")
    if isinstance(s.bucket, ReadIssue):
        return from_issue(s.bucket, expected, ev)
    if isinstance(s.stack, StackFacts) and s.bucket is None:
        return Outcome(Status.FAIL, expected, f"{names.PARAM_RECORDING_BUCKET} is empty", "The stack does not name the recordings bucket.", ev,
                       _bucket_parameter_fix(s))
    if s.bucket is None:
        return waiting_for(f"{names.PARAM_RECORDING_IMPORT} is true", expected, ev)
    bucket = s.bucket
    if not bucket.exists:
        return Outcome(Status.FAIL, expected, f"bucket {bucket.name} not found",
                       f"The stack's {names.PARAM_RECORDING_BUCKET} names a bucket that does not exist.", ev, _bucket_parameter_fix(s))
    fix = Fix(hint=steps(f"Open bucket {bucket.name} > Permissions > Cross-origin resource sharing (CORS) > Edit.",
                         "Add a rule allowing GET from " + ", ".join(origins or ["your org's origins"]) + " (no trailing slash), keeping the other rules.",
                         "Save. The wizard can merge the rule for you."),
              console_url=console.bucket_permissions(bucket.name, bucket.region), fix_name=CORS_FIX)
    allowed = [o for r in bucket.cors_rules if "GET" in r.get("AllowedMethods", []) for o in r.get("AllowedOrigins", [])]
    observed = ("GET from " + ", ".join(allowed)) if allowed else "(no CORS rule allows GET)"
    if not origins:
        return Outcome(Status.MANUAL, expected, observed, "Tell the wizard the org's origins (or its My Domain) to judge the CORS rule.", ev, fix)
    missing = cors.missing_origins(list(bucket.cors_rules), origins)
    if not missing:
        return Outcome(Status.PASS, expected, observed, "Browsers on the org's pages may fetch recordings from the bucket.", ev)
    misses = [m for o in missing for m in cors.near_misses(list(bucket.cors_rules), o)]
    why = f" Near misses: {'; '.join(misses)}." if misses else ""
    return Outcome(Status.FAIL, expected, observed, f"No rule lets {', '.join(missing)} GET recordings.{why}", ev, fix)
