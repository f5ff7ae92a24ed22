"""The one refusal of the domain: what a person asked for cannot be done, said in their language."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.i18n import Translate


class Refused(ValueError):
    """Refused input or action; ``key`` is an i18n key, ``params`` fill in its placeholders.

    With ``count`` the message is a plural one (``{count}`` in the text picks the form)."""

    def __init__(self, key: str, *, count: int | None = None, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.count = count
        self.params = params

    def text(self, t: Translate) -> str:
        """The message in the language of ``t`` (``app.i18n.Translate``): the plural form when it counts."""
        if self.count is not None:
            return t.plural(self.key, self.count, **self.params)
        return t(self.key, **self.params)
