"""Guide files (YAML). A package only so the wheel ships the *.yaml files beside it."""
