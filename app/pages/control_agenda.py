"""The facilitator's agenda: add, edit, reorder, delete and open activities; export the answers."""

from __future__ import annotations

from dataclasses import replace

from nicegui import ui

from app.domain.activities import KINDS, MAX_TEXT, Activity, Kind, Settings
from app.domain.export import ExportRow, export_csv, summary
from app.domain.people import InvalidInput
from app.i18n import Translate
from app.live.room import Room
from app.store.repo import Repo

STATE_COLORS = {'waiting': 'grey-6', 'open': 'positive', 'closed': 'grey-9'}


class AgendaEditor:
    def __init__(self, room: Room, repo: Repo, t: Translate, lang: str) -> None:
        self.room, self.repo, self.t, self.lang = room, repo, t, lang

    def build(self) -> None:
        t = self.t
        with ui.card().classes('w-full gap-2'):
            with ui.row().classes('w-full items-center justify-between'):
                ui.label(t('agenda.title')).classes('text-lg font-semibold')
                with ui.row().classes('gap-1'):
                    ui.button(t('agenda.add'), icon='add', on_click=lambda: self._dialog(None)) \
                        .props('unelevated').mark('add-activity')
                    ui.button(t('agenda.examples'), icon='playlist_add', on_click=self._examples) \
                        .props('flat').mark('add-examples')
            self.items()
            with ui.row().classes('gap-1'):
                ui.button(t('export.csv'), icon='download', on_click=self._download).props('flat').mark('export-csv')
                ui.button(t('export.summary'), icon='content_copy', on_click=self._summary).props('flat') \
                    .mark('export-summary')
        self.room.agenda.agenda_changed.subscribe(self.items.refresh)

    @ui.refreshable_method
    def items(self) -> None:
        t, agenda = self.t, self.room.agenda
        activities = agenda.ordered()
        if not activities:
            ui.label(t('agenda.empty')).classes('text-grey-7')
        with ui.list().props('separator').classes('w-full'):
            for number, activity in enumerate(activities, start=1):
                current = activity.id == agenda.current_id
                with ui.item().classes('bg-green-1' if current else '').mark('agenda-item') \
                        .props('data-testid=agenda-item'):
                    with ui.item_section().props('avatar'):
                        ui.label(str(number)).classes('text-lg font-bold')
                    with ui.item_section():
                        ui.item_label(activity.text).classes('break-words').props('lines=2')
                        ui.item_label(f'{t(f"kind.{activity.kind}")} · {t(f"activity.state.{activity.state}")}'
                                      f' · {t("agenda.answers", count=agenda.count(activity.id))}').props('caption')
                    with ui.item_section().props('side'), ui.row().classes('gap-0 no-wrap'):
                        ui.button(icon='play_arrow', on_click=lambda a=activity: agenda.open(a.id)) \
                            .props(f'flat round color=positive aria-label="{t("agenda.open")}"') \
                            .tooltip(t('agenda.open')).mark('open-activity')
                        ui.button(icon='edit', on_click=lambda a=activity: self._dialog(a)) \
                            .props(f'flat round aria-label="{t("agenda.edit")}"').tooltip(t('agenda.edit'))
                        ui.button(icon='arrow_upward', on_click=lambda a=activity: agenda.move(a.id, -1)) \
                            .props(f'flat round dense aria-label="{t("agenda.up")}"')
                        ui.button(icon='arrow_downward', on_click=lambda a=activity: agenda.move(a.id, +1)) \
                            .props(f'flat round dense aria-label="{t("agenda.down")}"')
                        ui.button(icon='delete', on_click=lambda a=activity: self._confirm_delete(a)) \
                            .props(f'flat round color=negative aria-label="{t("agenda.delete")}"')

    async def _examples(self) -> None:
        await self.room.agenda.add_examples()
        ui.notify(self.t('agenda.examples_added'))

    def _dialog(self, activity: Activity | None) -> None:
        t = self.t
        settings = activity.settings if activity else Settings()
        with ui.dialog() as dialog, ui.card().classes('w-[36rem] max-w-full gap-3'):
            ui.label(t('agenda.edit') if activity else t('agenda.add')).classes('text-xl font-bold')
            kind = ui.toggle({k: t(f'kind.{k}') for k in KINDS}, value=activity.kind if activity else 'statement') \
                .mark('activity-kind')
            kind.set_enabled(activity is None)
            text = ui.textarea(t('agenda.text'), value=activity.text if activity else '') \
                .props(f'outlined autogrow maxlength={MAX_TEXT + 20} counter autofocus').classes('w-full') \
                .mark('activity-text-input')
            doubt = ui.checkbox(t('agenda.with_doubt'), value=settings.with_doubt).mark('with-doubt')
            reason = ui.checkbox(t('agenda.ask_reason'), value=settings.ask_reason).mark('ask-reason')
            scale = ui.toggle({0: '0–10', 1: '1–10'}, value=settings.scale_min).mark('scale')
            display = ui.toggle({'wall': t('agenda.display_wall'), 'cloud': t('agenda.display_cloud')},
                                value=settings.display).mark('display')
            live = ui.checkbox(t('agenda.results_live'), value=settings.results_live).mark('results-live')
            phones = ui.checkbox(t('agenda.results_on_phones'), value=settings.results_on_phones)
            minutes = ui.number(t('agenda.minutes'), value=settings.minutes, min=0.5, max=60, step=0.5) \
                .props('outlined dense').classes('w-full').mark('minutes')
            with ui.column().classes('w-full gap-2') as speed:
                rounds = ui.number(t('agenda.rounds'), value=settings.rounds, min=0, max=50, step=1) \
                    .props('outlined dense').classes('w-full').mark('rounds')
                questions = ui.textarea(t('agenda.round_questions'), value=settings.round_questions) \
                    .props('outlined autogrow').classes('w-full').mark('round-questions')
                tables = ui.checkbox(t('agenda.tables'), value=settings.tables).mark('tables')
                odd = ui.toggle({'trio': t('agenda.odd_trio'), 'pause': t('agenda.odd_pause')}, value=settings.odd) \
                    .mark('odd')
            with ui.column().classes('w-full gap-2') as breakout:
                with ui.row().classes('w-full no-wrap items-center'):
                    group_by = ui.toggle({'size': t('agenda.group_size'), 'count': t('agenda.group_count')},
                                         value=settings.group_by).mark('group-by')
                    group_value = ui.number(t('agenda.how_many'), value=settings.group_value, min=1, max=100, step=1) \
                        .props('outlined dense').classes('w-24').mark('group-value')
                fill = ui.toggle({'mixed': t('agenda.fill_mixed'), 'random': t('agenda.fill_random'),
                                  'choose': t('agenda.fill_choose')}, value=settings.fill).mark('fill')
                group_questions = ui.textarea(t('agenda.group_questions'), value=settings.group_questions) \
                    .props('outlined autogrow').classes('w-full').mark('group-questions')
                locations = ui.textarea(t('agenda.locations'), value=settings.locations) \
                    .props('outlined autogrow').classes('w-full').mark('locations')
            speed.bind_visibility_from(kind, 'value', backward=lambda k: k == 'speed_date')
            breakout.bind_visibility_from(kind, 'value', backward=lambda k: k == 'breakout')
            minutes.bind_visibility_from(kind, 'value', backward=lambda k: k in ('speed_date', 'breakout'))
            live.bind_visibility_from(kind, 'value', backward=lambda k: k in ('statement', 'score', 'open'))
            phones.bind_visibility_from(kind, 'value', backward=lambda k: k in ('statement', 'score', 'open'))
            doubt.bind_visibility_from(kind, 'value', backward=lambda k: k == 'statement')
            reason.bind_visibility_from(kind, 'value', backward=lambda k: k in ('statement', 'score'))
            scale.bind_visibility_from(kind, 'value', backward=lambda k: k == 'score')
            display.bind_visibility_from(kind, 'value', backward=lambda k: k == 'open')

            async def save() -> None:
                new = replace(settings, with_doubt=doubt.value, ask_reason=reason.value, scale_min=int(scale.value),
                              display=display.value, results_live=live.value, results_on_phones=phones.value,
                              minutes=min(60.0, max(0.5, float(minutes.value or 2))),
                              rounds=min(50, max(0, int(rounds.value or 0))), round_questions=questions.value or '',
                              tables=tables.value, odd=odd.value, group_by=group_by.value,
                              group_value=int(group_value.value or 0), fill=fill.value,
                              group_questions=group_questions.value or '', locations=locations.value or '')
                try:
                    if activity is None:
                        await self.room.agenda.add(kind.value, text.value, new)
                    else:
                        await self.room.agenda.edit(activity.id, text.value, new)
                except InvalidInput as error:
                    ui.notify(t(error.key, **error.params), type='negative')
                    return
                dialog.close()

            with ui.row().classes('w-full justify-end'):
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat')
                ui.button(t('common.save'), on_click=save).props('unelevated').mark('save-activity')
        dialog.on('hide', dialog.delete)
        dialog.open()

    def _confirm_delete(self, activity: Activity) -> None:
        t = self.t
        with ui.dialog() as dialog, ui.card():
            ui.label(t('agenda.delete_confirm', count=self.room.agenda.count(activity.id))).classes('text-lg')
            with ui.row().classes('w-full justify-end'):
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat')

                async def delete() -> None:
                    dialog.close()
                    await self.room.agenda.delete(activity.id)

                ui.button(t('agenda.delete'), on_click=delete).props('unelevated color=negative') \
                    .mark('delete-confirm')
        dialog.on('hide', dialog.delete)
        dialog.open()

    async def _download(self) -> None:
        numbers = {a.id: n for n, a in enumerate(self.room.agenda.ordered(), start=1)}
        rows = [ExportRow(numbers.get(a.id, 0), self.room.agenda.activities.get(a.id, _as_activity(a)), r.choice,
                          r.text, r.reason, r.hidden, p.name if r.show_name else '')
                for a, r, p in await self.repo.export_rows(self.room.info.id)]
        for r in self.room.breakouts.all_rounds():  # every group's harvest, one line per group and round
            activity = self.room.agenda.activities.get(r.activity_id)
            for number in range(1, len(r.groups) + 1) if activity else ():
                info = r.info(number)
                if info.note:
                    label = self.t('breakout.group', number=number) + f' · {self.t("breakout.round", number=r.number)}'
                    rows.append(ExportRow(numbers.get(activity.id, 0), activity, '', info.note, info.question, False,
                                          label))
        csv = export_csv(rows, lambda option: self.t(f'option.{option}') if option in _OPTIONS else option)
        ui.download(csv.encode('utf-8-sig'), f'uitwisselplek-{self.room.info.join_code}.csv', 'text/csv')

    async def _summary(self) -> None:
        agenda = self.room.agenda
        items = [(a, dict(agenda.tallies[a.id].counts) if a.id in agenda.tallies else {},
                  [x.text for _, x in agenda.visible_answers(a.id)]) for a in agenda.ordered()]
        text = f'{self.room.info.title}\n' + summary(items, self.t, self.lang)
        ui.clipboard.write(text)
        with ui.dialog() as dialog, ui.card().classes('w-[40rem] max-w-full'):
            ui.label(self.t('export.summary_copied')).classes('font-semibold')
            ui.textarea(value=text).props('readonly outlined autogrow').classes('w-full').mark('summary-text')
            ui.button(self.t('common.close'), on_click=dialog.close).props('flat')
        dialog.on('hide', dialog.delete)
        dialog.open()


_OPTIONS = ('agree', 'doubt', 'disagree')


def _as_activity(row: object) -> Activity:
    kind: Kind = row.kind  # type: ignore[attr-defined]
    return Activity(row.id, kind, row.text, Settings.from_dict(row.settings))  # type: ignore[attr-defined]
