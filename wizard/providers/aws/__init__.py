"""Amazon Connect contact channel analytics: the AWS side, checked and fixed (Qt-free).

The Amazon Connect guide spends most of its steps in AWS (CloudFormation, CloudFront key pairs,
Secrets Manager, S3 CORS, IAM, Lambda and Lambda@Edge) before a single Salesforce setting, and
recording playback breaks when any of them is off. This package reads all of it in one pass
(`snapshot`), judges it with pure functions (`checks`), does by API what the guide makes admins
do by hand (`tools`), and writes the two settings an API can safely write (`fixes`).

Modules: `names` (every exact value from the guide), `access` + `errors` (sessions, credentials,
failures in the admin's words), `credential_sources` (how an access names its credentials), `snapshot` + `reads` + `reads_cloudfront` (one read pass),
`checks` (registry, troubleshooting map, runner) over `checks_stack`, `checks_playback` and
`checks_iam`, `tools` (`pem`, `cors`, `flow_attributes`, `named_credential`), `console` (console
pages), `fixes` + `backups`, `demo` (a configured account on a local AWS emulator), `cli` (what
``eci-wizard aws`` runs, over `cli_check`, `cli_fixes`, `cli_keys` and `cli_access`).
"""
