"""Errors the domain raises for people to read.

A ``DomainError`` carries a message key of the text catalogue (``core.i18n``) and the values to
fill in, so the same refusal reads in Thai or English. Pages show ``error.message(lang)`` with
``st.error``; nothing below a page ever formats user-facing text itself.
"""

from __future__ import annotations


class DomainError(Exception):
    """A refusal of bad input or of a step the rules forbid; nothing was changed."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "th", escape=None) -> str:
        """The message in ``lang``; ``escape`` (e.g. the UI's Markdown escaper) is applied to
        values that are not our own text keys (user names, codes typed by someone)."""
        from core.i18n import has_text, t

        # Parameters that are themselves text keys (field names such as "field.full_name") are
        # translated too, so "full_name is required" reads "กรุณากรอก ชื่อ-นามสกุล".
        values = {
            k: t(v, lang)
            if isinstance(v, str) and has_text(v)
            else (escape(v) if escape is not None and isinstance(v, str) else v)
            for k, v in self.params.items()
        }
        return t(self.code, lang, **values)

    def __str__(self) -> str:  # English in logs and test failures
        return f"{self.code}: {self.message('en')}"


class NotFound(DomainError):
    """The record asked for does not exist (or the user may not see it)."""


class Forbidden(DomainError):
    """The user's roles do not allow this action."""


class ValidationError(DomainError):
    """Input that breaks a rule of the form; ``fields`` names what is wrong."""


class StorageError(DomainError):
    """The database could not be opened or written (locked, corrupt, newer schema, disk full)."""
