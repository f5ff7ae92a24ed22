"""Speed dating on a phone: this round's partner(s), table, question and the countdown; "Wissel!" at zero."""

from __future__ import annotations

from nicegui import ui

from app.domain.activities import Activity
from app.domain.speeddate import DateRound, planned_rounds
from app.i18n import Translate
from app.live.room import Room
from components.countdown import Countdown


class PhoneSpeedDate:
    def __init__(self, room: Room, activity: Activity, participant_id: str, t: Translate) -> None:
        self.room, self.activity, self.pid, self.t = room, activity, participant_id, t
        self.countdown: Countdown | None = None
        self.ready_hint: ui.label | None = None
        self.part = ui.refreshable(self._part)  # per phone (see ParticipantView.body)

    def build(self) -> None:
        ui.label(self.t('kind.speed_date')).classes('text-sm uppercase tracking-wide text-grey-7')
        ui.label(self.activity.text).classes('text-xl font-bold break-words').mark('activity-text') \
            .props('data-testid=activity-text')
        self.part()  # the page subscribes once and forwards to round_changed / clock_changed

    def _part(self) -> None:
        t, speed = self.t, self.room.speed
        r = speed.current(self.activity.id)
        self.countdown = self.ready_hint = None
        if r is None:
            ui.label(t('speed.soon')).classes('text-lg text-grey-8').mark('speed-soon')
            return
        total = planned_rounds(self.activity.settings, len(self.room.people))
        ui.label(t('speed.round', number=r.number, total=max(total, r.number))).classes('text-lg font-semibold') \
            .props('data-testid=round-label')
        with ui.card().classes('w-full items-center text-center gap-2 p-5').mark('partner-card'):
            table = r.table_of(self.pid)
            if table is not None:
                ui.label(t('speed.you_talk_with')).classes('text-lg')
                for partner in r.partners_of(self.pid):
                    person = self.room.people.get(partner)
                    ui.label(person.name if person else t('speed.gone')).classes('text-3xl font-black break-words') \
                        .props('data-testid=partner-name')
                    if person and person.organisation:
                        ui.label(person.organisation).classes('text-lg text-grey-8')
                if self.activity.settings.tables:
                    ui.label(t('speed.table', number=table)).classes('text-2xl font-bold text-primary') \
                        .props('data-testid=table')
            elif r.paused == self.pid:
                ui.label(t('speed.you_pause')).classes('text-xl').props('data-testid=you-pause')
            else:
                ui.label(t('speed.next_round')).classes('text-xl').props('data-testid=next-round')
        if r.question:
            ui.label(r.question).classes('text-xl italic break-words').props('data-testid=round-question')
        self.ready_hint = ui.label(t('speed.get_ready')).classes('text-lg text-amber-9').props('data-testid=ready')
        self.ready_hint.set_visibility(r.phase(self.room.speed.clock()) == 'ready')
        self.countdown = Countdown(r.countdown, done_text=t('speed.switch'), vibrate=True) \
            .classes('text-7xl font-black tabular-nums self-center').mark('countdown').props('data-testid=countdown')

    def round_changed(self, r: DateRound) -> None:
        if r.activity_id == self.activity.id:
            self.part.refresh()

    def clock_changed(self, r: DateRound) -> None:
        if r.activity_id == self.activity.id and self.countdown is not None:
            self.countdown.show(r.countdown)  # in place: one small update per pause/resume/+1 minute
            if self.ready_hint is not None:
                self.ready_hint.set_visibility(r.phase(self.room.speed.clock()) == 'ready')
