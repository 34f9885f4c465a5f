"""Setup profiles: capture a verified setup in one org, graduate it to another, prove parity (no Qt).

For the window's "Graduate to production" page (run each step on a worker; none touches Qt)::

    from wizard.profiles.files import read_profile, write_profile, ProfileError
    from wizard.profiles.guide_match import check_profile_guide, ProfileGuideMismatch
    from wizard.profiles.capture import capture_profile, CaptureRefused
    from wizard.profiles.graduate import Graduation, GraduationBlocked
    from wizard.profiles.report import export_graduation

    # In the sandbox (any connected org where the guide verifies):
    captured = capture_profile(conn, facts, guide, sign_in_app=client_id)   # CaptureRefused: lists failing settings
    write_profile(captured.profile, path)                                    # readable YAML, no secret

    # Later, signed in to production:
    profile = read_profile(path)                    # ProfileError: .problems each with .line, .field, .message
    check_profile_guide(profile, chosen_guide_id, path)  # ProfileGuideMismatch: another guide's profile, one message
    g = Graduation(profile, conn, facts, client_id=client_id, preflight=items)
    g.questions()                                   # [Question(key, label, how, choices, suggested, source_value)]
    preview = g.preview({"ringcentral_environment": "production"})
    preview.rows                                    # SideBySideRow: label, source, target_now, target_will_get, action
    preview.findings / preview.blockers             # Finding(severity, title, detail, todo): ahead of trouble
    preview.secrets_needed                          # SecretNeed(name, label, where): ask with a password field
    g.provide_secret(need.name, typed_value)        # into the keyring (this session only without one)
    preview.manual                                  # ManualAction(title, do, setup_page): steps only a person can do
    result = g.apply(preview, confirmation=typed_org_name, progress=cb, cancel=event)
    #   raises GraduationBlocked, ConfirmationRequired, MissingSecrets, MissingInputs before any write
    result.comparisons                              # SettingComparison per setting: category + explanation
    result.unexplained, result.applied (ApplyResult), result.run (VerificationRun), result.provider_results
    report, files = export_graduation(profile, result, json_path=..., pdf_path=...)

Calling ``preview`` and ``apply`` again on a graduated org plans nothing and writes nothing.
`wizard.profiles.text` renders a preview and a result as plain text (what the CLI prints).
"""
