"""The facilitator's agenda: add, edit, reorder, delete and open activities; export the answers."""

from __future__ import annotations

from nicegui import ui

from app.domain.activities import MAX_TEXT, Activity
from app.i18n import N_, Translate
from app.kinds.base import Kind
from app.live.agenda import Agenda
from app.live.room import Room
from app.services.meetings import Meetings
from app.services.preparing import PreparerAgenda
from app.ui.messages import attempt, limited
from app.ui.parts import SettingsForm
from components.attributes import with_props

LONG_TEXT = 160  # longer texts are shown in smaller type on the projector


class AgendaEditor:
    def __init__(self, room: Room, meetings: Meetings | None, t: Translate, lang: str,
                 preparer: PreparerAgenda | None = None) -> None:
        """``preparer``: a member preparing the meeting edits, through it, the agenda only (what never ran; no
        opening, no answers, no export)."""
        self.room, self.meetings, self.t, self.lang = room, meetings, t, lang
        self.preparer = preparer
        self.actions: PreparerAgenda | Agenda = preparer or room.agenda  # every change goes through it
        self.items = ui.refreshable(self._items)
        self.captions: dict[int, tuple[ui.item_label, str]] = {}  # activity -> its "Stelling · open · 3 antwoorden"

    def build(self) -> None:
        t = self.t
        with ui.card().classes('w-full gap-2'):
            with ui.row().classes('w-full items-center justify-between'):
                ui.label(t('agenda.title')).classes('text-lg font-semibold')
                with ui.row().classes('gap-1'):
                    ui.button(t('agenda.add'), icon='add', on_click=lambda: self._dialog(None)) \
                        .props('unelevated').mark('add-activity')
                    if any(kind.examples for kind in self.room.kinds):
                        ui.button(t('agenda.examples'), icon='playlist_add', on_click=self._examples) \
                            .props('flat').mark('add-examples')
                    for kind in self.room.kinds:  # one click, default settings (the evaluation)
                        if kind.quick_add:
                            ui.button(t(kind.quick_add), icon='add_task', on_click=lambda k=kind: self._quick_add(k)) \
                                .props(f'flat data-testid=quick-add-{kind.name}').mark(f'quick-add-{kind.name}')
            self.items()
            if not self.preparer:
                with ui.row().classes('gap-1'):
                    ui.button(t('export.csv'), icon='download', on_click=self._download).props('flat') \
                        .mark('export-csv')
                    ui.button(t('export.summary'), icon='content_copy', on_click=self._summary).props('flat') \
                        .mark('export-summary')
        self.room.agenda.agenda_changed.subscribe(self.items.refresh)  # released with the client
        if not self.preparer:
            self.room.agenda.answers_changed.subscribe(self._answer_changed)  # "3 antwoorden" follows the votes

    def stop(self) -> None:
        """No more live updates (a revoked preparer link)."""
        self.room.agenda.agenda_changed.unsubscribe(self.items.refresh)
        self.room.agenda.answers_changed.unsubscribe(self._answer_changed)

    def _caption(self, activity: Activity) -> str:
        t, kind = self.t, self.room.kinds[activity.kind]
        progress = '' if self.preparer else \
            kind.progress(activity, self.room.agenda.count(activity.id), self.room.history(), t)
        return ' · '.join(d for d in (t(kind.label), t(f'activity.state.{activity.state}'), progress) if d)

    def _answer_changed(self, change: object) -> None:
        activity_id = getattr(change, 'activity_id', None)
        activity = self.room.agenda.activities.get(activity_id) if activity_id is not None else None
        if activity is None or activity_id not in self.captions:
            return
        label, shown = self.captions[activity_id]
        text = self._caption(activity)
        if text != shown:  # a changed vote leaves the count as it was: nothing to send
            label.set_text(text)
            self.captions[activity_id] = (label, text)

    def _items(self) -> None:
        t, agenda = self.t, self.room.agenda
        self.captions = {}
        activities = agenda.ordered()
        if not activities:  # what can be added: every kind, by name
            ui.label(t('agenda.empty', kinds=', '.join(t(k.label) for k in self.room.kinds if k.form))) \
                .classes('text-grey-7')
        with ui.list().props('separator').classes('w-full'):
            for number, activity in enumerate(activities, start=1):
                current = activity.id == agenda.current_id
                with ui.item().classes('flex-wrap ' + ('bg-green-1' if current else '')).mark('agenda-item') \
                        .props('data-testid=agenda-item'):  # on a narrow screen the buttons go under the text
                    with ui.item_section().props('avatar'):
                        ui.label(str(number)).classes('text-lg font-bold')
                    with ui.item_section().classes('min-w-[12rem]'):
                        ui.item_label(activity.text).classes('break-words').props('lines=2')
                        caption = self._caption(activity)
                        self.captions[activity.id] = (ui.item_label(caption).props('caption'), caption)
                    with ui.item_section().props('side'), ui.row().classes('gap-0 no-wrap'):
                        self._buttons(activity)

    def _buttons(self, activity: Activity) -> None:
        t, agenda, actions = self.t, self.room.agenda, self.actions
        if self.preparer is not None and not self.preparer.may_change(activity):  # it ran: the facilitator's
            ui.icon('lock', size='sm').classes('text-grey-7 m-2').props('data-testid=agenda-locked') \
                .tooltip(t('prepare.locked'))
            return
        for icon, key, action, extra in (
                ('play_arrow', N_('agenda.open'), lambda a=activity: agenda.open(a.id), 'color=positive'),
                ('edit', N_('agenda.edit'), lambda a=activity: self._dialog(a), ''),
                ('arrow_upward', N_('agenda.up'), lambda a=activity: attempt(t, lambda: actions.move(a.id, -1)),
                 'dense'),
                ('arrow_downward', N_('agenda.down'), lambda a=activity: attempt(t, lambda: actions.move(a.id, +1)),
                 'dense'),
                ('delete', N_('agenda.delete'), lambda a=activity: self._confirm_delete(a), 'color=negative')):
            if self.preparer is not None and key == 'agenda.open':
                continue
            button = with_props(ui.button(icon=icon, on_click=action).props(f'flat round {extra}'),
                                aria_label=t(key)).tooltip(t(key))
            if key == 'agenda.open':
                button.mark('open-activity')

    async def _quick_add(self, kind: Kind) -> None:
        """Add an activity of ``kind`` with its own text (``kind.quick_text``, an i18n key) and default settings."""
        await attempt(self.t, lambda: self.actions.add(kind.name, self.t(kind.quick_text), None), 'negative')

    async def _examples(self) -> None:
        if await attempt(self.t, lambda: self.actions.add_examples(self.t), 'negative'):
            ui.notify(self.t('agenda.examples_added'))

    def _dialog(self, activity: Activity | None) -> None:
        t, kinds = self.t, self.room.kinds
        first = next(iter(kinds)).name
        state: dict[str, SettingsForm] = {}
        with ui.dialog() as dialog, ui.card().classes('w-[36rem] max-w-full gap-3'):
            ui.label(t('agenda.edit') if activity else t('agenda.add')).classes('text-xl font-bold')
            kind = ui.toggle({k.name: t(k.label) for k in kinds if k.form is not None},
                             value=activity.kind if activity else first).mark('activity-kind')
            kind.set_enabled(activity is None)
            text = ui.textarea(value=activity.text if activity else '') \
                .props('outlined autogrow autofocus').classes('w-full') \
                .mark('activity-text-input')
            limited(text, MAX_TEXT, t)
            fields = ui.column().classes('w-full gap-2')

            def show_form() -> None:
                chosen = kinds[kind.value]
                text.props['label'] = t(chosen.text_label)
                text.update()
                settings = activity.settings if activity else chosen.settings()
                fields.clear()
                if chosen.form is not None:  # the toggle offers only kinds with a form
                    with fields:
                        state['form'] = chosen.form(t, settings)

            kind.on_value_change(show_form)
            show_form()

            async def save() -> None:
                new = state['form'].value()
                if activity is None:
                    done = await attempt(t, lambda: self.actions.add(kind.value, text.value, new), 'negative')
                else:
                    done = await attempt(t, lambda: self.actions.edit(activity.id, text.value, new), 'negative')
                if done:
                    dialog.close()
                    if len(text.value or '') > LONG_TEXT:
                        ui.notify(t('agenda.long_text'), type='info')

            with ui.row().classes('w-full justify-end'):
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat')
                ui.button(t('common.save'), on_click=save).props('unelevated').mark('save-activity')
        dialog.on('hide', dialog.delete)
        dialog.open()

    def _confirm_delete(self, activity: Activity) -> None:
        t = self.t
        with ui.dialog() as dialog, ui.card():
            question = t('prepare.delete_confirm') if self.preparer is not None else \
                t.plural('agenda.delete_confirm', self.room.agenda.count(activity.id))  # a preparer sees no answers
            ui.label(question).classes('text-lg')
            with ui.row().classes('w-full justify-end'):
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat')

                async def delete() -> None:
                    dialog.close()
                    await attempt(t, lambda: self.actions.delete(activity.id), 'negative')

                ui.button(t('agenda.delete'), on_click=delete).props('unelevated color=negative') \
                    .mark('delete-confirm')
        dialog.on('hide', dialog.delete)
        dialog.open()

    async def _download(self) -> None:
        csv = await self.meetings.export_csv(self.room, self.t)
        ui.download(csv, f'uitwisselplek-{self.room.info.join_code}.csv', 'text/csv')

    async def _summary(self) -> None:
        text = self.meetings.summary(self.room, self.t, self.lang)
        ui.clipboard.write(text)
        with ui.dialog() as dialog, ui.card().classes('w-[40rem] max-w-full'):
            ui.label(self.t('export.summary_copied')).classes('font-semibold')
            ui.textarea(value=text).props('readonly outlined autogrow').classes('w-full').mark('summary-text')
            ui.button(self.t('common.close'), on_click=dialog.close).props('flat')
        dialog.on('hide', dialog.delete)
        dialog.open()
