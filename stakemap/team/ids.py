"""Conflict ids: made from what a conflict is about, so a merge is reproducible.

Merging the same three files twice must give byte-identical output, so a
conflict's id cannot come from a random generator. It is a digest of the
section, record and field it is about, in the shape of every other id (a
prefix and 8 Crockford base32 characters): the same conflict found twice has
the same id, and two conflicts of one merge never share one.
"""

from __future__ import annotations

import base64
import hashlib

__all__ = ["conflict_id"]

_CROCKFORD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789abcdefghjkmnpqrstvwxyz")


def conflict_id(section: str, record: str, field: str = "") -> str:
    """The id of the conflict over ``field`` of ``record`` in ``section``.

    >>> conflict_id("people", "p1", "stance") == conflict_id("people", "p1", "stance")
    True
    >>> conflict_id("people", "p1", "stance") != conflict_id("people", "p1", "notes")
    True
    >>> len(conflict_id("people", "p1"))
    9
    """
    digest = hashlib.sha256(f"{section}\0{record}\0{field}".encode()).digest()
    return "c" + base64.b32encode(digest[:5]).decode("ascii").translate(_CROCKFORD)
