"""Tickets: problems and new requirements with two-stage SLA clocks (manual steps 13-16)."""
