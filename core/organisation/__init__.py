"""The organisation a Pattana install serves, set up from an empty database at go-live.

``profile``: the town's names, memo numbering, addressees, signatories, emblem and public
address, read by every document. ``registers``: units (divisions, sections, affiliated units)
and the systems already in service. ``importer``: all-or-nothing imports of those registers and
of user accounts from Excel/CSV. ``checklist``: the first-run checklist on the admin's home page.
SQL lives in ``repository`` (writes and service reads) and ``queries`` (what the screens show).
"""
