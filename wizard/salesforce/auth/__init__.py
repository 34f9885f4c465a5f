"""Signing in to an org: login hosts, OAuth 2.0 with PKCE, the loopback listener, saved
connections and the connection preflight. Qt-free; the consent view lives in `wizard.ui.signin`.
"""
