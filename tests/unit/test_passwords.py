from app.domain.passwords import Throttle, hash_password, verify_password


def test_hash_and_verify() -> None:
    stored = hash_password('geheim123')
    assert stored.startswith('scrypt$') and 'geheim123' not in stored
    assert verify_password('geheim123', stored)
    assert not verify_password('geheim124', stored)
    assert hash_password('geheim123') != stored  # salted


def test_verify_garbage_is_false() -> None:
    assert not verify_password('x', 'not-a-hash')
    assert not verify_password('x', 'bcrypt$1$2$3$4$5')


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_throttle_after_a_few_failures_and_growing() -> None:
    clock = Clock()
    throttle = Throttle(clock=clock, free=3, base=2, cap=60)
    for _ in range(3):
        assert throttle.wait_seconds('anna') == 0
        throttle.failed('anna')
    assert throttle.wait_seconds('anna') == 2
    clock.now += 2
    assert throttle.wait_seconds('anna') == 0
    throttle.failed('anna')
    assert throttle.wait_seconds('anna') == 4
    assert throttle.wait_seconds('bert') == 0  # per key
    throttle.succeeded('anna')
    assert throttle.wait_seconds('anna') == 0


def test_throttle_is_capped() -> None:
    clock = Clock()
    throttle = Throttle(clock=clock, free=1, base=2, cap=10)
    for _ in range(20):
        throttle.failed('x')
    assert throttle.wait_seconds('x') == 10
