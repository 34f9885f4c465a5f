"""Pages shared by several guides (YAML). A package only so the wheel ships them."""
