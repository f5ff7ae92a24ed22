"""The generator process of ``bench/many_meetings.py``: phones of many meetings, and what they see in a round.

Like ``bench.harness.worker`` (same pipe protocol, same ``seen``/``close``/``status`` commands, reused from there),
with three differences: one ``join`` takes (phone, join code) pairs, so one process holds phones of many meetings;
``votes`` gives every phone a sequence (a spread vote, then the burst vote at its meeting's instant) instead of
independent taps; ``marks`` reports when each phone first showed its partner (``partner``) or a running countdown
(``running``) in a speed-date round. Times are ``time.monotonic()``, comparable between the processes.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from bench.simphone import Element, NicePage, Phone, now


class RoundPhone(Phone):
    """A phone that also notes when a speed-date round first reached it: its partner, then the clock running."""

    def __init__(self, base_url: str, code: str, name: str, organisation: str = '') -> None:
        super().__init__(base_url, code, name, organisation)
        self.partner_at: float | None = None  # "Je praat met …" (data-testid=partner-name) first visible
        self.running_at: float | None = None  # the round's countdown first carries a deadline (started)

    def _updated(self, page: NicePage, elements: dict[str, Element | None], at: float) -> None:
        super()._updated(page, elements, at)
        if self.partner_at is None and (page.visible('partner-name') or page.visible('you-pause')):
            self.partner_at = at
        if self.running_at is None:
            countdown = page.find('countdown')
            if countdown is not None and countdown.get('props', {}).get('ends-at') is not None:
                self.running_at = at


async def _join(clients: dict[int, Any], base_url: str, phones: list[tuple[int, str]], concurrency: int,
                timeout: float) -> list[tuple[int, float, float | None, str]]:
    """Phone ``index`` joins the meeting of its join code; at most ``concurrency`` at a time in this process."""
    gate = asyncio.Semaphore(concurrency)
    deadline = now() + timeout

    async def one(index: int, code: str) -> tuple[int, float, float | None, str]:
        async with gate:
            start = now()
            client = RoundPhone(base_url, code, f'Deelnemer {index}', f'Organisatie {index % 7}')
            clients[index] = client
            try:
                remaining = max(1.0, deadline - now())
                await asyncio.wait_for(client.join(remaining), remaining + 5)
                return index, start, now(), ''
            except Exception as error:  # not part of the later phases; its disconnect is not counted
                clients.pop(index, None)
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(client.close(), 10)
                return index, start, None, f'{type(error).__name__}: {error}'[:200]

    return list(await asyncio.gather(*(one(i, c) for i, c in phones)))


Vote = tuple[float | None, float | None, str]  # sent, acknowledged, error


async def _votes(clients: dict[int, Any], plan: list[tuple[int, str, float, str, float]], timeout: float
                 ) -> list[tuple[int, Vote, Vote]]:
    """Each phone taps its first option at its time, then its second option at the second time (the burst).

    The first vote counts as acknowledged if "Ontvangen ✓" came before the second tap (the person taps anyway);
    the second vote waits until ``timeout`` seconds after the last planned tap.
    """
    deadline = max(at for *_, at in plan) + timeout if plan else now()

    async def tap(client: Any, option: str, at: float, until: float) -> Vote:
        await asyncio.sleep(max(0.0, at - now()))
        sent = None
        try:
            sent, acked = await client.vote(option)
            return sent, await asyncio.wait_for(acked, max(0.1, until - now())), ''
        except TimeoutError:
            return sent, None, 'no "Ontvangen ✓" before the next tap (spread) or the deadline (burst)'
        except Exception as error:
            return sent, None, f'{type(error).__name__}: {error}'[:200]

    async def one(index: int, first: str, first_at: float, second: str, second_at: float
                  ) -> tuple[int, Vote, Vote]:
        client = clients.get(index)
        if client is None:
            return index, (None, None, ''), (None, None, '')  # did not join
        spread = await tap(client, first, first_at, second_at)
        return index, spread, await tap(client, second, second_at, deadline)

    return list(await asyncio.gather(*(one(*step) for step in plan)))


async def _marks(clients: dict[int, Any], name: str, timeout: float) -> list[tuple[int, float | None]]:
    """When each phone first showed ``name`` (``partner`` or ``running``); waits until all have or the deadline."""
    deadline = now() + timeout

    def at(client: Any) -> float | None:
        return getattr(client, f'{name}_at', None)

    while now() < deadline and any(at(c) is None for c in clients.values()):
        await asyncio.sleep(0.05)
    return [(index, at(client)) for index, client in clients.items()]


COMMANDS = {'join': _join, 'votes': _votes, 'marks': _marks}  # with bench.harness's 'seen', 'close' and status
