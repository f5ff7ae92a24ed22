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
R = TypeVar('R')
Rows = dict[K, dict[str, object]]


class GroupCommit(Generic[K, R]):
    """Writes rows through ``write(rows)`` (one transaction for all rows it is given; it returns what each row's
    writer gets back, e.g. the row's new version), batching concurrent ``put``s."""

    def __init__(self, write: Callable[[Rows[K]], Awaitable[Mapping[K, R]]]) -> None:
        self._write = write
        self._pending: dict[K, tuple[dict[str, object], list[asyncio.Future[R]]]] = {}
        self._drain_task: asyncio.Task[None] | None = None
        self.transactions = 0  # figures for the benchmark: batches written, and rows in them
        self.rows = 0

    async def put(self, key: K, values: Mapping[str, object]) -> R:
        """Queue ``values`` for the row ``key`` and return (what ``write`` gave for it) once they are committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[R] = loop.create_future()
        merged, waiting = self._pending.setdefault(key, ({}, []))
        merged.update(values)
        waiting.append(future)
        task = self._drain_task
        if task is None or task.done() or task.get_loop() is not loop:
            self._drain_task = loop.create_task(self._drain())
        return await future  # a caller that gives up (its phone went away) does not take the write back

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, {}
            rows = {key: values for key, (values, _) in batch.items()}
            try:
                results = await self._write(rows)
            except asyncio.CancelledError:  # the server is stopping: nobody waits for ever
                for _, waiting in [*batch.values(), *self._pending.values()]:
                    for future in waiting:
                        future.cancel()
                raise
            except Exception as error:
                if len(batch) == 1:
                    self._fail(next(iter(batch.values()))[1], error)
                    continue
                log.warning('a batch of %d writes failed (%r); writing them one by one', len(batch), error)
                for key, (values, waiting) in batch.items():
                    try:
                        result = (await self._write({key: values}))[key]
                    except Exception as one_error:
                        self._fail(waiting, one_error)
                    else:
                        self._count(1)
                        self._succeed(waiting, result)
            else:
                self._count(len(rows))
                for key, (_, waiting) in batch.items():
                    self._succeed(waiting, results[key])

    def _count(self, rows: int) -> None:
        self.transactions += 1
        self.rows += rows

    @staticmethod
    def _succeed(waiting: list[asyncio.Future[R]], result: R) -> None:
        for future in waiting:
            if not future.done():  # done: its caller was cancelled
                future.set_result(result)

    @staticmethod
    def _fail(waiting: list[asyncio.Future[R]], error: BaseException) -> None:
        for future in waiting:
            if not future.done():
                future.set_exception(error)
