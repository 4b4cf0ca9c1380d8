"""Errors of the order domain, with messages meant for the people who caused them."""

from __future__ import annotations


class DomainError(ValueError):
    """A rule of the order domain was broken.

    ``message`` is user-facing (translated); ``field`` names the attribute at fault,
    if there is one, so that forms can show the error next to it.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
