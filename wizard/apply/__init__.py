"""Fix it for me: plan, preview, back up, apply, re-check and undo Salesforce settings (no Qt)."""
