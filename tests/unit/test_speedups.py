"""app/pages/speedups.py patches NiceGUI: this fails when the patch stops applying (an upgrade moved the call)."""

from __future__ import annotations

from nicegui import helpers
from nicegui.observables import ObservableDict

from app.pages import speedups


def test_elements_ask_the_remembering_version(monkeypatch) -> None:
    monkeypatch.setattr(helpers, 'expects_arguments', helpers.expects_arguments)  # undone after the test
    speedups.install()
    asked: list[object] = []
    original = speedups._original
    monkeypatch.setattr(speedups, '_original', lambda func: asked.append(func) or original(func))
    speedups._known.clear()

    class Element:
        def _changed(self) -> None: ...

    first, second = Element(), Element()
    ObservableDict({}, on_change=first._changed)   # what every element's props, classes and style make
    ObservableDict({}, on_change=second._changed)
    assert asked == [first._changed], 'NiceGUI no longer calls helpers.expects_arguments where speedups patches it'


def test_the_remembered_answer_is_nicegui_s() -> None:
    def plain() -> None: ...

    def with_event(event: object) -> None: ...

    def with_default(event: object = None) -> None: ...

    for func in (plain, with_event, with_default, lambda: None, lambda e: None):
        assert speedups.expects_arguments(func) == speedups._original(func)
