"""Prototype review sign-off (manual steps 6, 7 and 9): review rounds, verdicts and gates."""
