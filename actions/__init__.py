"""Custom actions of the reconciliation coach (run by `rasa run actions`)."""
