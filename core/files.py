"""Uploaded files (evidence, prototype artifacts, ticket screenshots), checked and stored.

A file is accepted only if its extension is on the caller's allow-list, its first bytes match
that type (a renamed executable is not a PDF), and it is within the size limit. Accepted files
are stored in the database with their SHA-256, inside the caller's transaction, so an upload
that fails leaves nothing behind and a backup holds the files with the records.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

import duckdb

from core.actor import Actor
from core.db import rows_as_dicts
from core.errors import NotFound, ValidationError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    extension: str
    media_type: str
    magic: tuple[bytes, ...]


FILE_TYPES: dict[str, FileType] = {
    ".png": FileType(".png", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": FileType(".jpg", "image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": FileType(".jpeg", "image/jpeg", (b"\xff\xd8\xff",)),
    ".pdf": FileType(".pdf", "application/pdf", (b"%PDF-",)),
    ".docx": FileType(
        ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)
    ),
    ".xlsx": FileType(
        ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)
    ),
}
IMAGES = frozenset({".png", ".jpg", ".jpeg"})
DOCUMENTS = frozenset({".pdf", ".docx", ".xlsx"})
IMAGES_AND_DOCUMENTS = IMAGES | DOCUMENTS


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    media_type: str
    content: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def check_upload(
    filename: str,
    content: bytes,
    *,
    allowed: frozenset[str] = IMAGES_AND_DOCUMENTS,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> CheckedFile:
    """Validate one upload; raise ``ValidationError`` naming the file and the reason."""
    name = PurePath((filename or "").replace("\\", "/")).name.strip()[:200] or "file"
    extension = PurePath(name).suffix.lower()
    if extension not in allowed or extension not in FILE_TYPES:
        raise ValidationError("file.type_not_allowed", filename=name, allowed=", ".join(sorted(allowed)))
    if not content:
        raise ValidationError("file.empty", filename=name)
    if len(content) > max_bytes:
        raise ValidationError("file.too_large", filename=name, limit_mb=round(max_bytes / 1048576, 1))
    file_type = FILE_TYPES[extension]
    if not any(content.startswith(magic) for magic in file_type.magic):
        raise ValidationError("file.content_mismatch", filename=name)
    return CheckedFile(name, file_type.media_type, content, hashlib.sha256(content).hexdigest())


def store(
    cur: duckdb.DuckDBPyConnection,
    checked: CheckedFile,
    *,
    owner_kind: str,
    owner_id: object,
    actor: Actor,
    now: datetime,
) -> int:
    """Store a checked file within the caller's transaction; returns the attachment id."""
    return cur.execute(
        "INSERT INTO attachments (owner_kind, owner_id, filename, media_type, size_bytes, sha256,"
        " content, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            owner_kind,
            str(owner_id),
            checked.filename,
            checked.media_type,
            checked.size,
            checked.sha256,
            checked.content,
            actor.username,
            now,
        ],
    ).fetchone()[0]


def list_for(cur: duckdb.DuckDBPyConnection, owner_kind: str, owner_id: object) -> list[dict]:
    """Attachments of one record (without their content), oldest first."""
    cur.execute(
        "SELECT id, filename, media_type, size_bytes, sha256, uploaded_by, uploaded_at"
        " FROM attachments WHERE owner_kind = ? AND owner_id = ? ORDER BY id",
        [owner_kind, str(owner_id)],
    )
    return rows_as_dicts(cur)


def content_of(cur: duckdb.DuckDBPyConnection, attachment_id: int) -> tuple[dict, bytes]:
    cur.execute(
        "SELECT id, owner_kind, owner_id, filename, media_type, sha256, content"
        " FROM attachments WHERE id = ?",
        [attachment_id],
    )
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("file.not_found")
    row = rows[0]
    return row, bytes(row.pop("content"))
