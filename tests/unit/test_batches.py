"""Group commit: concurrent writes share transactions, and nobody is told "stored" before their batch committed."""

from __future__ import annotations

import asyncio

import pytest

from app.store.batches import GroupCommit


class Store:
    """A fake database: ``write`` blocks until ``release`` is set, and fails for keys in ``bad``."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, object]] = {}
        self.batches: list[list[str]] = []
        self.release = asyncio.Event()
        self.release.set()
        self.bad: set[str] = set()

    async def write(self, rows: dict[str, dict[str, object]]) -> dict[str, int]:
        """Returns each row's version (its number of writes), as the database does."""
        await self.release.wait()
        if self.bad & set(rows):
            raise ValueError('no such activity')
        self.batches.append(sorted(rows))
        for key, values in rows.items():
            row = self.rows.setdefault(key, {})
            row.update(values)
            row['version'] = int(row.get('version', 0)) + 1  # type: ignore[call-overload]
        return {key: int(self.rows[key]['version']) for key in rows}  # type: ignore[call-overload]


async def test_writes_that_arrive_while_one_commits_share_the_next_transaction() -> None:
    store = Store()
    commit = GroupCommit[str, int](store.write)
    store.release.clear()
    first = asyncio.create_task(commit.put('p0', {'choice': 'agree'}))
    await asyncio.sleep(0.01)  # p0's transaction is running
    rest = [asyncio.create_task(commit.put(f'p{i}', {'choice': 'doubt'})) for i in range(1, 200)]
    await asyncio.sleep(0.01)
    assert not first.done() and not any(task.done() for task in rest)  # nothing confirmed before its commit
    store.release.set()
    await asyncio.gather(first, *rest)
    assert store.batches == [['p0'], sorted(f'p{i}' for i in range(1, 200))]
    assert (commit.transactions, commit.rows) == (2, 200)
    assert len(store.rows) == 200


async def test_a_lone_write_goes_at_once() -> None:
    store = Store()
    commit = GroupCommit[str, int](store.write)
    for i in range(3):
        assert await commit.put(f'p{i}', {'choice': 'agree'}) == 1
    assert await commit.put('p0', {'choice': 'doubt'}) == 2  # what the write gave back for this row
    assert store.batches == [['p0'], ['p1'], ['p2'], ['p0']]


async def test_two_writes_of_one_row_in_a_batch_merge_in_order() -> None:
    store = Store()
    commit = GroupCommit[str, int](store.write)
    store.release.clear()
    blocker = asyncio.create_task(commit.put('other', {'choice': 'agree'}))
    await asyncio.sleep(0.01)
    writes = [asyncio.create_task(commit.put('p1', values)) for values in
              ({'choice': 'agree'}, {'reason': 'omdat'}, {'choice': 'disagree'})]
    await asyncio.sleep(0)
    store.release.set()
    await asyncio.gather(blocker, *writes)
    assert store.rows['p1'] == {'choice': 'disagree', 'reason': 'omdat', 'version': 1}
    assert [w.result() for w in writes] == [1, 1, 1]
    assert store.batches == [['other'], ['p1']]


async def test_a_failing_row_fails_only_its_own_writers() -> None:
    store = Store()
    commit = GroupCommit[str, int](store.write)
    store.bad = {'p3'}
    store.release.clear()
    blocker = asyncio.create_task(commit.put('p0', {'choice': 'agree'}))
    await asyncio.sleep(0.01)
    writes = {f'p{i}': asyncio.create_task(commit.put(f'p{i}', {'choice': 'agree'})) for i in range(1, 6)}
    await asyncio.sleep(0)
    store.release.set()
    await blocker
    with pytest.raises(ValueError, match='no such activity'):
        await writes.pop('p3')
    await asyncio.gather(*writes.values())
    assert sorted(store.rows) == ['p0', 'p1', 'p2', 'p4', 'p5']


async def test_a_writer_that_gives_up_does_not_take_its_write_back() -> None:
    store = Store()
    commit = GroupCommit[str, int](store.write)
    store.release.clear()
    task = asyncio.create_task(commit.put('p1', {'choice': 'agree'}))
    await asyncio.sleep(0.01)
    task.cancel()  # the phone went away while its vote was being written
    store.release.set()
    await commit.put('p2', {'choice': 'agree'})
    assert sorted(store.rows) == ['p1', 'p2']
