"""ExecVision universal integration: SFTP delivery, recording names and metadata files.

ExecVision ingests recordings from SFTP (pushed to its server, or pulled from the customer's) and
silently skips files that break its rules; calls surface about an hour later, so mistakes are
found days late. This package checks the whole delivery up front: the connection, the upload
folder, every recording's name, type and size, and every metadata file. It is Qt-free; the
window, the report and ``eci-wizard execvision check`` all read the same `Finding`s and
`CheckResult`s.

Modules: `naming` (file-name rules and the agreed pattern), `metadata` and `flat_yaml` (reading
metadata files), `five9` (where the Five9 information hides in metadata), `five9_names` (the six
items of a Five9 file name, judged against the agreed layout), `rules` and
`metadata_rules` (the folder validator), `scan` (local and remote listings, progress, cancel),
`sftp` and `host_keys` (the asyncssh client, pinned host keys), `layout` (upload folder shape and
write proof), `findings` (finding model and `CheckResult`s), `check` (end-to-end local and SFTP
checks), `typed_values` (the names' time zone and the answer timeout, read alike for the command
line and the window), `output` (table, JSON, CSV) and `salesforce_link` (the optional Salesforce link).
"""

GUIDE_ID = "execvision"
