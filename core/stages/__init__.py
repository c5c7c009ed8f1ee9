"""The stage tracker: the life cycle of each approved project, manual steps 4-12."""
