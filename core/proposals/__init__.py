"""Proposals (manual steps 1-3): development drivers, project proposals and the approval chain."""
