"""The network page's "vergeet" with a simulated user: the browser hides (and so deletes) the dialog while the
forgetting runs; once the collector took the dialog's elements, the handler's slot has no parent ("The parent element
this slot belongs to has been deleted", 1 in 4 runs in the browser); the message and the refreshed list still come."""

import gc

import pytest
from nicegui import ui
from nicegui.testing import User
from nicegui.testing.user_notify import UserNotify

from app.services.network_members import Members
from tests.ui.conftest import make_facilitator
from tests.ui.test_networks import make_network


async def test_forget_refreshes_the_list_when_the_dialog_is_gone_first(user: User,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    await make_facilitator(user)
    network = await make_network(user)
    await user.open(f'/n/{network}')
    user.find('Je naam').type('Bert Claes')
    user.find('Lid toevoegen').click()
    await user.should_see('1 lid')

    forget = Members.forget
    hidden: list[int] = []

    async def forget_while_the_browser_hides_the_dialog(self: Members, facilitator_id: int, network_id: int,
                                                        member_id: int) -> None:
        client = ui.context.client
        await forget(self, facilitator_id, network_id, member_id)
        for element in list(client.elements.values()):  # as the dialog's "hide" event does (dialog.delete)
            if isinstance(element, ui.dialog):
                hidden.append(element.id)
                element.delete()
        del element
        gc.collect()  # what the collector does at some moment: the deleted dialog's elements are gone

    monkeypatch.setattr(Members, 'forget', forget_while_the_browser_hides_the_dialog)
    record = UserNotify.__call__

    def notify_as_nicegui_does(self: UserNotify, message: str, **kwargs: object) -> None:
        ui.context.client  # noqa: B018 - the real ui.notify sends through the current slot's client
        record(self, message, **kwargs)

    monkeypatch.setattr(UserNotify, '__call__', notify_as_nicegui_does)  # the simulated one records only
    user.find(marker='forget-member').click()
    await user.should_see(marker='forget-confirm')
    user.find(marker='forget-confirm').click()
    await user.should_see('Bert Claes is vergeten.')  # the message
    await user.should_see('0 leden')  # and the list without them
    await user.should_not_see(marker='forget-member')  # no member row left
    assert hidden  # the race happened: the dialog was gone before the message and the refresh
