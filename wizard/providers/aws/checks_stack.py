"""Judges for the CloudFormation stack, its Lambdas and the streaming IAM user."""

from __future__ import annotations

from wizard.engine.results import Fix, Status
from wizard.providers.aws import console, names
from wizard.providers.aws.checks_base import (
    AwsCheckInputs,
    Outcome,
    from_issue,
    is_true,
    steps,
    waiting_for,
)
from wizard.providers.aws.flow_attributes import AttributeValueError, check_analysis, check_language
from wizard.providers.aws.named_credential import expected_named_credential_url
from wizard.providers.aws.snapshot import AwsSnapshot, FunctionFacts, ReadIssue, StackFacts
from wizard.retry_words import retry_words

STACK_STEP = f"{names.PARAM_RECORDING_IMPORT} is true"
#: The command line's option for the concurrent calls the admin expects; the window names its own field
#: instead (`RetryWords.ways`), so the timeout row never asks for a value where there is no way to give it.
CONCURRENT_CALLS = "--concurrent-calls"
#: The command line's ways to name the stack and its region (`RetryWords.ways`): the window has
#: "Stack" and "Region" fields for them, and its advice names those.
STACK = "--stack"
NO_STACK = "--stack left out"
REGION = "--region"


def _stack(s: AwsSnapshot) -> StackFacts | None:
    return s.stack if isinstance(s.stack, StackFacts) else None


def _stack_fix(s: AwsSnapshot, *lines: str) -> Fix:
    stack = _stack(s)
    url = console.stack_parameters(s.region, stack.stack_id) if stack else console.stacks(s.region)
    return Fix(hint=steps(*lines), console_url=url)


def recording_import(s: AwsSnapshot, _: AwsCheckInputs) -> Outcome:
    """PostcallRecordingImportEnabled is true in the Salesforce Lambdas stack."""
    expected = "true"
    ev = s.ev("stack")
    if isinstance(s.stack, ReadIssue):
        return from_issue(s.stack, expected, ev)
    stack = _stack(s)
    if stack is None:
        if s.stack_requested:
            return Outcome(
                Status.FAIL, expected, f"no stack called {s.stack_requested} in {s.region}",
                f"There is no CloudFormation stack called {s.stack_requested} in {s.region}. Check its name and "
                "region in the CloudFormation console, or "
                + retry_words().way(NO_STACK, "leave --stack out")
                + ": the wizard then finds the stack by its Salesforce Lambdas parameters.",
                ev, Fix(hint="Check the stack's name and region in the CloudFormation console.", console_url=console.stacks(s.region)),
            )
        if len(s.stack_candidates) > 1:
            return Outcome(
                Status.ERROR, expected, f"several stacks: {', '.join(s.stack_candidates)}",
                "More than one stack has the Salesforce Lambdas parameters; "
                + retry_words().way(STACK, "choose one with --stack") + ".", ev,
            )
        return Outcome(
            Status.FAIL, expected, f"no Salesforce Lambdas stack in {s.region}",
            f"No CloudFormation stack in {s.region} has the {names.PARAM_RECORDING_IMPORT} and "
            f"{names.PARAM_RECORDING_BUCKET} parameters. If the serverless application lives in another region, "
            + retry_words().way(REGION, "check that region (--region)") + "; otherwise deploy it first.",
            ev, Fix(hint="Deploy the AWS Serverless Application Repository for Salesforce, or choose its region.", console_url=console.stacks(s.region)),
        )
    value = stack.param(names.PARAM_RECORDING_IMPORT)
    observed = value if value is not None else "(parameter missing)"
    if stack.status.endswith(("_FAILED", "_IN_PROGRESS")) or stack.status == "ROLLBACK_COMPLETE":
        busy = stack.status.endswith("_IN_PROGRESS")
        return Outcome(
            Status.WARN if busy else Status.FAIL, expected, f"{observed} (stack {stack.status})",
            f"Stack {stack.name} is {stack.status}; " + ("check again when it has finished." if busy else "its resources may be missing: fix or redeploy it first."),
            ev, _stack_fix(s, "Open the stack's Events tab to see what failed.", "Fix the cause, then update or redeploy the stack."),
        )
    if is_true(value):
        return Outcome(Status.PASS, expected, observed, f"Recording import is enabled in stack {stack.name}.", ev)
    return Outcome(
        Status.FAIL, expected, observed, f"Stack {stack.name} does not enable recording import, so no recording reaches Salesforce.", ev,
        _stack_fix(s, "Open the stack and choose Update, keeping the current template.",
                   f"Set {names.PARAM_RECORDING_IMPORT} to true.", "Finish the update and wait for UPDATE_COMPLETE."),
    )


def transcription(s: AwsSnapshot, inputs: AwsCheckInputs) -> Outcome:
    """PostcallTranscribeEnabled (and TranscribeOutputS3BucketName) when transcripts are wanted."""
    expected = f"{names.PARAM_TRANSCRIBE} true, {names.PARAM_TRANSCRIBE_BUCKET} set, a valid language"
    if not (inputs.want_transcripts or inputs.want_analysis):
        return Outcome(Status.SKIPPED, "", "", "Recording transcripts are not part of this setup.")
    ev = s.ev("stack")
    stack = _stack(s)
    if isinstance(s.stack, ReadIssue):
        return from_issue(s.stack, expected, ev)
    if stack is None:
        return waiting_for(STACK_STEP, expected, ev)
    enabled, bucket = stack.param(names.PARAM_TRANSCRIBE), (stack.param(names.PARAM_TRANSCRIBE_BUCKET) or "").strip()
    observed = f"{names.PARAM_TRANSCRIBE}={enabled or '(missing)'}, {names.PARAM_TRANSCRIBE_BUCKET}={bucket or '(empty)'}"
    problems = []
    if not is_true(enabled):
        problems.append(f"set {names.PARAM_TRANSCRIBE} to true")
    if not bucket:
        problems.append(f"set {names.PARAM_TRANSCRIBE_BUCKET} (usually the same bucket as {names.PARAM_RECORDING_BUCKET})")
    try:
        language = check_language(inputs.transcribe_language)
    except AttributeValueError as exc:
        problems.append(f"fix the contact attribute {names.ATTR_TRANSCRIBE_LANGUAGE}: {exc}")
        language = inputs.transcribe_language
    observed += f"; {names.ATTR_TRANSCRIBE_LANGUAGE}={language}"
    if problems:
        return Outcome(Status.FAIL, expected, observed, "Transcription cannot run: " + "; ".join(problems) + ".", ev,
                       _stack_fix(s, "Update the stack with the current template.", *[p[0].upper() + p[1:] + "." for p in problems]))
    return Outcome(Status.PASS, expected, observed, "Transcription is enabled for the stack.", ev)


def analysis(s: AwsSnapshot, inputs: AwsCheckInputs) -> Outcome:
    """Comprehend analysis runs on transcripts: transcription enabled and valid analysis codes."""
    expected = f"{names.PARAM_TRANSCRIBE} true and codes from {','.join(names.ANALYSIS_CODES)}"
    if not inputs.want_analysis:
        return Outcome(Status.SKIPPED, "", "", "AI-driven contact analysis is not part of this setup.")
    ev = s.ev("stack")
    stack = _stack(s)
    if stack is None:
        return waiting_for(STACK_STEP, expected, ev)
    codes = inputs.analysis_codes or names.EXAMPLE_ANALYSIS_VALUE
    try:
        check_analysis(codes)
    except AttributeValueError as exc:
        return Outcome(Status.FAIL, expected, codes, f"The {names.ATTR_ANALYSIS} value would be ignored: {exc}.", ev)
    if not is_true(stack.param(names.PARAM_TRANSCRIBE)):
        return Outcome(Status.FAIL, expected, f"{names.PARAM_TRANSCRIBE}={stack.param(names.PARAM_TRANSCRIBE)}",
                       "Contact analysis works on the transcript, and transcription is off in the stack.", ev,
                       _stack_fix(s, "Update the stack with the current template.", f"Set {names.PARAM_TRANSCRIBE} to true."))
    return Outcome(Status.PASS, expected, f"{names.ATTR_ANALYSIS}={codes}", "Contact analysis can run on the transcripts.", ev)


def ctr_trigger_timeout(s: AwsSnapshot, inputs: AwsCheckInputs) -> Outcome:
    """sfCTRTrigger timeout, raised above the default when more than 1000 concurrent calls are expected."""
    calls = inputs.concurrent_calls
    busy = calls is not None and calls > names.CONCURRENT_CALLS_THRESHOLD
    expected = f"more than {names.CTR_TRIGGER_DEFAULT_TIMEOUT} s" if busy else "any (matters above 1000 concurrent calls)"
    ev = s.ev("ctr_trigger")
    fn = s.ctr_trigger
    if isinstance(fn, ReadIssue):
        return from_issue(fn, expected, ev)
    if fn is None:
        return Outcome(Status.FAIL, expected, f"no {names.CTR_TRIGGER} function", f"The stack's {names.CTR_TRIGGER} Lambda was not found in {s.region}.", ev,
                       Fix(hint="Redeploy the Salesforce Lambdas stack.", console_url=console.lambda_functions(s.region, names.CTR_TRIGGER)))
    observed = f"{fn.timeout} s"
    if not busy:
        note = "" if calls is not None else " " + retry_words().way(
            CONCURRENT_CALLS, f"To have this judged, give the concurrent calls you expect with {CONCURRENT_CALLS} N.")
        return Outcome(Status.PASS, expected, observed,
                       f"{fn.name} times out after {fn.timeout} s; fine up to 1000 concurrent calls.{note}".rstrip(), ev)
    if fn.timeout > names.CTR_TRIGGER_DEFAULT_TIMEOUT:
        return Outcome(Status.PASS, expected, observed, f"The timeout was raised for about {calls} concurrent calls.", ev)
    return Outcome(
        Status.WARN, expected, observed, f"With about {calls} concurrent calls, {fn.name} may time out before it hands every record on.", ev,
        Fix(hint=steps(f"Open {fn.name} > Configuration > General configuration > Edit.",
                       "Raise the timeout (for example to 60 seconds) and save.", "Watch the function's Duration and Errors metrics after busy hours."),
            console_url=console.lambda_function(fn.region, fn.name)),
    )


def generate_function(s: AwsSnapshot, _: AwsCheckInputs) -> Outcome:
    """The sfGenerateAudioRecordingStreaming Lambda's full name, which gives the named credential URL."""
    expected = f"the {names.GENERATE_FUNCTION} Lambda in {s.region}"
    ev = s.ev("generate_function")
    fn = s.generate_function
    if isinstance(fn, ReadIssue):
        return from_issue(fn, expected, ev)
    if fn is None:
        return Outcome(Status.FAIL, expected, "(not found)",
                       f"No {names.GENERATE_FUNCTION} Lambda in {s.region}; the stack creates it when {names.PARAM_RECORDING_IMPORT} is true, "
                       f"and the {names.NAMED_CREDENTIAL} named credential points at it.", ev,
                       Fix(hint=f"Search the Lambda console for “{names.GENERATE_FUNCTION_SEARCH}”; if nothing is there, enable recording import in the stack.",
                           console_url=console.lambda_functions(s.region, names.GENERATE_FUNCTION_SEARCH)))
    url = named_credential_url(fn)
    return Outcome(Status.PASS, expected, fn.name, f"The {names.NAMED_CREDENTIAL} named credential's URL must be {url} (no trailing slash).", ev)


def named_credential_url(fn: FunctionFacts) -> str:
    """The named credential URL for a found function (its ARN's region wins over the session's)."""
    parts = fn.arn.split(":")
    region = parts[3] if len(parts) > 3 and parts[3] else fn.region
    return expected_named_credential_url(region, fn.name)
