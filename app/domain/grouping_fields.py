"""Finite fields GF(q) for the designs (``grouping_designs``, ``grouping_unital``): elements are the numbers
``0..q-1``."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import product


def prime_power(q: int) -> tuple[int, int] | None:
    """``(p, e)`` with ``p ** e == q`` and ``p`` prime, or None."""
    if q < 2:
        return None
    p = next(d for d in range(2, q + 1) if q % d == 0)
    e = 0
    while q % p == 0:
        q //= p
        e += 1
    return (p, e) if q == 1 else None


def _poly_mod(poly: list[int], modulus: Sequence[int], p: int) -> list[int]:
    """Remainder of ``poly`` divided by the monic ``modulus`` over GF(p); coefficients lowest degree first."""
    poly, e = list(poly), len(modulus) - 1
    for top in range(len(poly) - 1, e - 1, -1):
        c = poly[top]
        if c:
            for j in range(e + 1):
                poly[top - e + j] = (poly[top - e + j] - c * modulus[j]) % p
    return (poly + [0] * e)[:e]


@cache
def _irreducible(p: int, e: int) -> tuple[int, ...]:
    """The first monic irreducible polynomial of degree ``e`` over GF(p), lowest degree first."""
    for low in product(range(p), repeat=e):
        candidate = (*low, 1)
        divisors = ((*d, 1) for degree in range(1, e // 2 + 1) for d in product(range(p), repeat=degree))
        if low[0] and all(any(_poly_mod(list(candidate), d, p)) for d in divisors):
            return candidate
    raise AssertionError('there is an irreducible polynomial of every degree')


class Field:
    """GF(q) with elements ``0..q-1``: the base-p digits of a number are the coefficients of a polynomial."""

    def __init__(self, q: int) -> None:
        pe = prime_power(q)
        if pe is None:
            raise ValueError(f'{q} is not a prime power')
        self.q, (self.p, self.e) = q, pe
        self.modulus = _irreducible(*pe)

    def _digits(self, x: int) -> list[int]:
        return [x // self.p**j % self.p for j in range(self.e)]

    def _number(self, digits: Sequence[int]) -> int:
        return sum(d * self.p**j for j, d in enumerate(digits))

    def add(self, x: int, y: int) -> int:
        if self.p == 2:
            return x ^ y
        return self._number([(a + b) % self.p for a, b in zip(self._digits(x), self._digits(y), strict=True)])

    def mul(self, x: int, y: int) -> int:
        dx, dy = self._digits(x), self._digits(y)
        product_ = [0] * (2 * self.e - 1)
        for i, a in enumerate(dx):
            for j, b in enumerate(dy):
                product_[i + j] = (product_[i + j] + a * b) % self.p
        return self._number(_poly_mod(product_, self.modulus, self.p))
