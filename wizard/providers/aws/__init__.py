"""Amazon Connect contact channel analytics: the AWS side, checked and fixed (Qt-free).

The Amazon Connect guide spends most of its steps in AWS (CloudFormation, CloudFront key pairs,
Secrets Manager, S3 CORS, IAM, Lambda and Lambda@Edge) before a single Salesforce setting, and
recording playback breaks when any of them is off. This package reads all of it in one pass
(`snapshot`), judges it with pure functions (`checks`), does by API what the guide makes admins
do by hand (`tools`), and writes the two settings an API can safely write (`fixes`).

Modules: `names` (every exact value from the guide), `access` (sessions, credentials, errors),
`snapshot` + `reads` (one read pass), `checks`, `tools` (`pem`, `cors`, `flow_attributes`),
`fixes` + `backups`, `demo` (a configured account on a local AWS emulator).
"""
