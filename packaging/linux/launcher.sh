#!/bin/sh
# /usr/bin/eci-wizard: start the ECI Setup Wizard installed in /opt/eci-wizard.
# The bundle carries its own Python and Qt; nothing else on the system is used.
exec /opt/eci-wizard/eci-wizard "$@"
