"""Rasa-side parts of the coach: stores, NLU components and channels loaded by the Rasa server."""
