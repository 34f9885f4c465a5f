"""Aircall's side of the Aircall guide: the API key checked live, the named credential, the users.

The admin types the API ID and the API token once; the token goes to the keyring (`credentials`),
the API ID is the named credential's user name. `client` pings Aircall's API with HTTP basic
authentication and lists its users, `answers` explains every refusal, `results` turns what was
found into the guide's check results.
"""
