"""Every public method of the networks service and its areas, called by another facilitator on a network that is not
theirs, is refused — and changes nothing. The methods are found by introspection: a new method that takes a
network without the check fails here; one that takes no network must be listed below with the reason."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from app.domain.errors import Refused
from app.i18n import translator
from app.live.rooms import Rooms
from app.services.networks import Networks
from app.store.repo import Repo

# (area class, method) -> why it takes no network of a facilitator's
NO_NETWORK = {
    ('Networks', 'create'): 'makes a network: there is none to own yet',
    ('Networks', 'of'): "lists the asking facilitator's own networks only",
    ('Planning', 'templates'): "the facilitator's own templates and the built-in ones; no network",
    ('Planning', 'save_template'): "takes a meeting's room and checks that room's facilitator (tested below)",
    ('Planning', 'preparer'): "a preparer's secret key to one meeting: no facilitator asks",
    ('Topics', 'of_member'): "a member's own board on their phone: the member must be the network's (tested below)",
    ('Topics', 'propose'): "a member's own topic on their phone: the member must be the network's (tested below)",
    ('Topics', 'dot'): "a member's own dot on their phone: the member must be the network's (tested below)",
    ('Topics', 'undot'): "a member's own dot on their phone: the member must be the network's (tested below)",
    ('Agreements', 'earlier'): "takes the meeting's room: the page holding it let its viewer in",
    ('Agreements', 'here'): "takes the meeting's room: the page holding it let its viewer in",
    ('Agreements', 'agree'): "takes the meeting's room: the page holding it let its viewer in",
    **{('MeetingMembers', name): "takes the meeting's room: the page holding it (phone, control view) let its viewer "
       'in' for name in ('recognise', 'choices', 'join', 'guests', 'link', 'make_member', 'member_of')},
}


def areas(networks: Networks) -> list[Any]:
    return [networks, networks.members, networks.at_meeting, networks.planning, networks.topics, networks.agreements]


def public_methods(area: Any) -> list[tuple[str, Any]]:
    return [(name, method) for name, method in inspect.getmembers(area, inspect.iscoroutinefunction)
            if not name.startswith('_')]


async def owned_network(repo: Repo, rooms: Rooms, networks: Networks) -> dict[str, int]:
    """Anna's network with a member, a meeting, a preparer, a topic and an agreement: real ids, so that a method
    without the check would do something (and this test see it) instead of failing on an unknown id."""
    anna = (await repo.create_facilitator('anna', 'hash')).id
    network_id = await networks.create(anna, 'Lerend netwerk zorg')
    member_id = (await networks.members.add(anna, network_id, 'Anna Peeters', 'OCMW Gent')).id
    meeting_id = await networks.planning.plan(anna, network_id, 'Sessie 1')
    preparer_key = await networks.planning.add_preparer(anna, network_id, meeting_id, member_id)
    preparer_id = next(p[0] for m in await networks.planning.meetings(anna, network_id) for p in m.preparers
                       if p[2] == preparer_key)
    await networks.topics.propose(network_id, member_id, 'Huisbezoeken')
    topic_id = (await networks.topics.all(anna, network_id)).topics[0].id
    room = await rooms.get(meeting_id)
    await networks.agreements.agree(room, 'Anna stuurt de procedure door')
    agreement_id = (await networks.agreements.all(anna, network_id))[0].id
    return {'facilitator_id': anna, 'network_id': network_id, 'member_id': member_id, 'meeting_id': meeting_id,
            'preparer_id': preparer_id, 'topic_id': topic_id, 'agreement_id': agreement_id}


VALUES: dict[str, Any] = {'name': 'Overgenomen', 'title': 'Overgenomen', 'text': 'Overgenomen', 'goal': '',
                          'organisation': '', 'role': '', 'email': '', 'place': '', 'host': '', 'on': None,
                          'starts_on': None, 'ends_on': None, 'planned': 4, 'dots': 3, 'with_meetings': True,
                          'done': True, 't': translator('nl'), 'kind': 'open', 'source': ''}


async def state(networks: Networks, owner: int, network_id: int) -> tuple[Any, ...]:
    return (await networks.get(owner, network_id), await networks.members.all(owner, network_id),
            await networks.planning.meetings(owner, network_id), await networks.topics.all(owner, network_id),
            await networks.agreements.all(owner, network_id))


async def test_every_method_refuses_another_facilitator(repo: Repo, rooms: Rooms) -> None:
    networks = Networks(repo, rooms)
    ids = await owned_network(repo, rooms, networks)
    before = await state(networks, ids['facilitator_id'], ids['network_id'])
    bert = (await repo.create_facilitator('bert', 'hash')).id
    called = []
    for area in areas(networks):
        for name, method in public_methods(area):
            if (type(area).__name__, name) in NO_NETWORK:
                continue
            params = list(inspect.signature(method).parameters)
            assert params[:2] == ['facilitator_id', 'network_id'], \
                f'{type(area).__name__}.{name} takes a network: (facilitator_id, network_id, …) first, or list it'
            args = {p: {**ids, **VALUES}[p] for p in params[2:] if p in {**ids, **VALUES}}
            missing = [p for p in params[2:] if p not in args
                       and inspect.signature(method).parameters[p].default is inspect.Parameter.empty]
            assert not missing, f'{type(area).__name__}.{name}: give {missing} a value in VALUES'
            if name == 'get':  # a page asks whether the network is theirs: None is its refusal
                assert await method(bert, ids['network_id'], **args) is None
            else:
                with pytest.raises(Refused) as refused:
                    await method(bert, ids['network_id'], **args)
                assert refused.value.key == 'error.unknown_network', f'{type(area).__name__}.{name}'
            called.append(f'{type(area).__name__}.{name}')
    assert await state(networks, ids['facilitator_id'], ids['network_id']) == before  # nothing changed
    assert {'Members.all', 'Members.forget', 'Topics.delete', 'Agreements.delete', 'Networks.update',
            'Networks.delete', 'Planning.plan', 'Members.attendance'} <= set(called)
    listed = {(type(area).__name__, name) for area in areas(networks) for name, _ in public_methods(area)}
    assert set(NO_NETWORK) <= listed, f'listed but gone: {set(NO_NETWORK) - listed}'


async def test_what_takes_no_network_is_checked_its_own_way(repo: Repo, rooms: Rooms) -> None:
    networks = Networks(repo, rooms)
    ids = await owned_network(repo, rooms, networks)
    bert = (await repo.create_facilitator('bert', 'hash')).id
    room = await rooms.get(ids['meeting_id'])
    with pytest.raises(Refused) as refused:
        await networks.planning.save_template(bert, room, 'Van Anna')
    assert refused.value.key == 'error.unknown_meeting'
    other = await networks.create(bert, 'Ander netwerk')
    stranger = (await networks.members.add(bert, other, 'Eva Elders', '')).id  # a member, of another network
    network_id, topic_id = ids['network_id'], ids['topic_id']
    for call in (networks.topics.of_member(network_id, stranger), networks.topics.propose(network_id, stranger, 'X'),
                 networks.topics.dot(network_id, stranger, topic_id),
                 networks.topics.undot(network_id, stranger, topic_id)):
        with pytest.raises(Refused) as refused:
            await call
        assert refused.value.key == 'error.unknown_member'
    assert await networks.planning.preparer(ids['meeting_id'] + 1, None) is None
