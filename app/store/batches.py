"""Group commit: many small writes that arrive together become one transaction.

A thousand phones voting in the same second were a thousand transactions (with SQLite a thousand waits for its one
writer and a thousand syncs to disk). ``GroupCommit`` queues every write under its key (for answers: activity and
participant) and a single drain task writes what is queued: the first write goes at once, and whatever arrives while
a transaction is running goes together in the next one. So one phone on a quiet evening waits for exactly one
transaction, as before, and a burst costs a handful. Nobody's write is confirmed before its transaction committed:
``put`` returns only then (and raises what the write raised), so "stored before shown" still holds.

Two writes for one key in one batch are merged in order (the later value of a field wins), which is what two
updates of that row one after the other would leave. When a batch fails (e.g. one answer to an activity that was
deleted meanwhile), its rows are written again one by one, so only the writes that cannot be stored fail.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable, Mapping
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
K = TypeVar('K', bound=Hashable)
Rows = dict[K, dict[str, object]]


class GroupCommit(Generic[K]):
    """Writes rows through ``write(rows)`` (one transaction for all rows it is given), batching concurrent ``put``s."""

    def __init__(self, write: Callable[[Rows[K]], Awaitable[None]]) -> None:
        self._write = write
        self._pending: dict[K, tuple[dict[str, object], list[asyncio.Future[None]]]] = {}
        self._drain_task: asyncio.Task[None] | None = None
        self.transactions = 0  # figures for the benchmark: batches written, and rows in them
        self.rows = 0

    async def put(self, key: K, values: Mapping[str, object]) -> None:
        """Queue ``values`` for the row ``key`` and return once they are committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        merged, waiting = self._pending.setdefault(key, ({}, []))
        merged.update(values)
        waiting.append(future)
        task = self._drain_task
        if task is None or task.done() or task.get_loop() is not loop:
            self._drain_task = loop.create_task(self._drain())
        await future  # a caller that gives up (its phone went away) does not take the write back: it is queued

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, {}
            rows = {key: values for key, (values, _) in batch.items()}
            try:
                await self._write(rows)
            except asyncio.CancelledError:  # the server is stopping: nobody waits for ever
                for _, waiting in [*batch.values(), *self._pending.values()]:
                    for future in waiting:
                        future.cancel()
                raise
            except Exception as error:
                if len(batch) == 1:
                    self._settle(next(iter(batch.values()))[1], error)
                    continue
                log.warning('a batch of %d writes failed (%r); writing them one by one', len(batch), error)
                for key, (values, waiting) in batch.items():
                    try:
                        await self._write({key: values})
                    except Exception as one_error:
                        self._settle(waiting, one_error)
                    else:
                        self._count(1)
                        self._settle(waiting, None)
            else:
                self._count(len(rows))
                for _, waiting in batch.values():
                    self._settle(waiting, None)

    def _count(self, rows: int) -> None:
        self.transactions += 1
        self.rows += rows

    @staticmethod
    def _settle(waiting: list[asyncio.Future[None]], error: BaseException | None) -> None:
        for future in waiting:
            if future.done():  # its caller was cancelled
                continue
            if error is None:
                future.set_result(None)
            else:
                future.set_exception(error)
