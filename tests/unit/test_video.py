"""Remote and hybrid meetings (pure): links checked, room names unguessable and unique per group per round, pasted
links in order with the missing ones counted, hybrid placement keeping the room and online apart."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import Refused
from app.domain.pairing import pair_round
from app.domain.video import (
    JitsiRooms,
    NoRooms,
    PastedLinks,
    Remote,
    check_remote,
    check_url,
    group_is_online,
    parse_links,
    place_people,
    provider_for,
)


def test_links_must_be_http() -> None:
    assert check_url('  https://meet.example.org/ ') == 'https://meet.example.org/'
    assert check_url('') == ''
    for bad in ('ftp://x.org', 'javascript:alert(1)', 'meet.jit.si', 'https://', 'https://a b.org'):
        with pytest.raises(Refused) as refused:
            check_url(bad)
        assert refused.value.key == 'error.video_url_bad'
    with pytest.raises(Refused) as refused:
        parse_links('https://zoom.us/j/1\n\nniet een link\nhttps://zoom.us/j/2')
    assert refused.value.key == 'error.video_link_line' and refused.value.params['line'] == 3
    assert parse_links('https://zoom.us/j/1\n\n https://zoom.us/j/2 ') == ('https://zoom.us/j/1', 'https://zoom.us/j/2')
    with pytest.raises(Refused):
        check_remote('zoom', '', '', '')
    assert check_remote('online', 'https://call.example/main', '', '', True) == \
        Remote('online', 'https://call.example/main', '', (), True)


def test_jitsi_room_names_are_unguessable_and_unique() -> None:
    provider = JitsiRooms('http://127.0.0.1:9/jitsi/')
    links = [link for _ in range(200) for link in provider.rooms(5)]
    assert len(set(links)) == len(links)  # unique per group per round
    for link in links:
        assert link.startswith('http://127.0.0.1:9/jitsi/Uitwisselplek-')
        name = link.rsplit('-', 1)[1]
        assert len(name) == 32 and int(name, 16) >= 0  # 128 random bits, hex: nothing from names


def test_pasted_links_in_order_then_tables() -> None:
    provider = PastedLinks(('https://a', 'https://b'))
    assert provider.rooms(3) == ['https://a', 'https://b', None]
    assert provider.missing(3) == 1 and provider.missing(2) == 0
    assert isinstance(provider_for(Remote('online', video_links=('https://a',)), 'https://jitsi'), PastedLinks)
    assert isinstance(provider_for(Remote('online'), 'https://jitsi'), JitsiRooms)
    assert provider_for(Remote('online', video_base='https://own'), 'https://jitsi') == JitsiRooms('https://own')
    assert isinstance(provider_for(Remote('online'), ''), NoRooms)


def test_placement_by_mode() -> None:
    ids = ['a', 'b', 'c', 'd']
    places = {'a': 'room', 'b': 'online', 'c': 'online'}
    assert place_people(ids, places, 'room', False).sets == (tuple(ids),)
    assert place_people(ids, places, 'online', False).online == frozenset(ids)
    hybrid = place_people(ids, places, 'hybrid', False)
    assert hybrid.sets == (('a', 'd'), ('b', 'c')) and hybrid.online == {'b', 'c'}  # d did not say: the room
    assert place_people(ids, places, 'hybrid', True).sets == (tuple(ids),)
    alone = place_people(['a', 'b', 'c'], {'a': 'online'}, 'hybrid', False)
    assert alone.sets == (('b', 'c', 'a'),) and alone.moved == ('a',)  # one online person is not left alone


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(['room', 'online', '']), min_size=2, max_size=24), st.booleans())
def test_hybrid_pairing_keeps_the_room_and_online_apart(where: list[str], mixed: bool) -> None:
    ids = [f'p{i:02}' for i in range(len(where))]
    places = {pid: place for pid, place in zip(ids, where, strict=True) if place}
    placement = place_people(ids, places, 'hybrid', mixed)
    assert sorted(pid for part in placement.sets for pid in part) == ids  # everyone in exactly one set
    groups = [g for part in placement.sets if len(part) >= 2 for g in pair_round([(p, '') for p in part]).groups]
    assert sorted(p for g in groups for p in g) == ids
    online = placement.online
    for group in groups:
        if not mixed and not placement.moved:
            assert len({pid in online for pid in group}) == 1  # never a room person with an online one
    if placement.moved:
        assert len(placement.moved) == 1 and not mixed
    assert all(group_is_online(g, online) == any(p in online for p in g) for g in groups)
    assert max(Counter(frozenset(pair) for g in groups for pair in combinations(g, 2)).values()) == 1


def test_a_bad_video_setting_stops_the_app_with_a_message(monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    monkeypatch.setenv('UITWISSELPLEK_VIDEO_URL', 'ftp://jitsi.example')
    assert main([]) == 2
    err = capsys.readouterr().err
    assert 'UITWISSELPLEK_VIDEO_URL must start with http:// or https://' in err and 'Traceback' not in err


@given(st.integers(1, 12), st.lists(st.integers(2, 30), min_size=1, max_size=2))
def test_groups_shared_over_the_room_and_online(count: int, sizes: list[int]) -> None:
    from app.domain.video import share_groups

    shares = share_groups(count, sizes)
    assert all(1 <= share <= size for share, size in zip(shares, sizes, strict=True))
    assert sum(shares) == max(min(count, sum(sizes)), len(sizes))  # the groups asked for (one per set at least)
