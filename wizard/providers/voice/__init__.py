"""What Aircall and RingCentral have in common: endpoints, HTTP failures, users and identifiers.

The Voice Connector maps every call to a Salesforce user through a provider user identifier field
on User ("Aircall User Identifier", "RingCentral User Identifier"); a call it cannot map is dropped.
This package holds the pieces both providers share: where their APIs live (`endpoints`), how a
failed request is explained (`problems`), finding the identifier field and the ECI users
(`user_fields`), proposing matches by e-mail (`matching`), and the bulk write of identifiers
through the apply door (`identifiers`). Nothing here imports Qt.
"""
