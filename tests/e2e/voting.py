"""What the kill -9 tests share: simulated phones that vote as fast as they are confirmed, the check that no
confirmed vote was lost, and a coroutine run on a thread of its own (Playwright's sync API may own this thread's
asyncio loop)."""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from bench.simphone import Phone

OPTIONS = ('agree', 'doubt', 'disagree')
T = TypeVar('T')


class Voting:
    """Phone ``i`` votes the options in turn, each only after the last one was confirmed ("Ontvangen ✓" and its
    option highlighted), until stopped."""

    def __init__(self, phones: list[Phone]) -> None:
        self.phones = phones
        self.sent: dict[int, list[str]] = {i: [] for i in range(len(phones))}
        self.confirmed: dict[int, str] = {}
        self.confirmations = 0
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._keep_voting(i, phone)) for i, phone in enumerate(self.phones)]

    async def stop(self, grace: float = 1.0) -> None:
        """After ``grace`` seconds (confirmations a killed server sent may still be on their way)."""
        await asyncio.sleep(grace)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def lost(self, stored: Callable[[int], str | None]) -> list[tuple[int, str, str | None]]:
        """(phone, confirmed vote, stored vote) of every phone whose stored vote is neither its last confirmed one
        nor the one it sent after that (a phone has at most one vote on its way)."""
        return [(i, option, stored(i)) for i, option in self.confirmed.items()
                if stored(i) not in (option, self.sent[i][-1])]

    def on_their_way(self) -> int:
        return sum(self.sent[i][-1] != self.confirmed.get(i) for i in self.sent if self.sent[i])

    async def _keep_voting(self, i: int, phone: Phone) -> None:
        for k in itertools.count():
            option = OPTIONS[(i + k) % len(OPTIONS)]
            self.sent[i].append(option)
            _, stored = await phone.vote(option)
            await stored
            self.confirmed[i] = option
            self.confirmations += 1


def run_on_a_thread(main: Callable[[], Coroutine[Any, Any, T]], timeout: float) -> T:
    """``asyncio.run(main())`` on a thread of its own; its exception is raised here."""
    result: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(main()))
        except BaseException as error:  # handed to the caller's thread
            failure.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f'did not end within {timeout:.0f} s'
    if failure:
        raise failure[0]
    return result[0]
