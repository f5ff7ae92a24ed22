"""A shared harvest note: saves from the version it was based on; others' saves show up without losing typing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from app.domain.notes import MAX_NOTE
from components.length_limit import limit_length

Save = Callable[[int, str, str], Awaitable[tuple[str, int, bool]]]  # (base version, base text, text) -> saved


class NoteEditor:
    def __init__(self, text: str, version: int, *, label: str, save_text: str, saved_text: str, merged_text: str,
                 changed_text: str, on_save: Save, on_error: Callable[[ValueError], None],
                 too_long_text: Callable[[int, int], str]) -> None:
        self.base_text, self.base_version = text, version
        self._texts = {'saved': saved_text, 'merged': merged_text, 'changed': changed_text}
        self._on_save, self._on_error = on_save, on_error
        with ui.column().classes('w-full gap-1'):
            self.area = limit_length(ui.textarea(label, value=text).props('outlined autogrow'), MAX_NOTE,
                                     too_long_text, len).classes('w-full').mark('note').props('data-testid=note')
            with ui.row().classes('items-center gap-3'):
                ui.button(save_text, icon='save', on_click=self.save).props('outline').mark('save-note')
                self.status = ui.label().classes('text-sm').props('data-testid=note-status')

    @property
    def dirty(self) -> bool:
        return (self.area.value or '') != self.base_text

    def draft(self) -> tuple[str, int, str] | None:
        """(typed text, base version, base text) when something is typed and not saved yet."""
        return (self.area.value or '', self.base_version, self.base_text) if self.dirty else None

    def restore(self, draft: tuple[str, int, str] | None) -> None:
        """After a rebuild: what was typed, still based on the version it started from (a save merges)."""
        if draft is None:
            return
        typed, version, text = draft
        if version <= self.base_version:
            self.base_version, self.base_text = version, text
            self.area.set_value(typed)
            if self.dirty and version < self.base_version:
                self.status.set_text(self._texts['changed'])

    async def save(self) -> None:
        try:
            text, version, conflict = await self._on_save(self.base_version, self.base_text, self.area.value or '')
        except ValueError as error:  # refused (too long, unknown group): the page says why
            self._on_error(error)
            return
        self.base_text, self.base_version = text, version
        self.area.set_value(text)
        self.status.set_text(self._texts['merged' if conflict else 'saved'])

    def remote(self, text: str, version: int) -> None:
        """Someone else saved: take it over, unless this person is typing (then it merges on their save)."""
        if version <= self.base_version:
            return
        if self.dirty:
            self.status.set_text(self._texts['changed'])
            return
        self.base_text, self.base_version = text, version
        self.area.set_value(text)
