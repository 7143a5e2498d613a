"""Build tools for the escalation guide: load, check and render the decision tree."""
