"""RingCentral's side of the RingCentral guide: the app's credentials, its environment, the sign-in.

The admin registers a REST API app in RingCentral's developer console (a checklist no API can
read), then gives the wizard the client ID, the client secret (keyring) and the environment
(sandbox or production). `probe` proves the credentials at that environment's token endpoint
without a user; `signin` runs the optional authorization-code sign-in whose redirect lands on the
Salesforce auth provider's callback URL; `extensions` lists the account's users after it.
`environments` is the single source of every RingCentral URL the auth provider and the named
credential use.
"""
