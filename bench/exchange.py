"""Benchmark of give-and-need matching: the time to match a market, and how well it matches a planted test set.

Run as ``.venv/bin/python bench/exchange.py``. It prints figures and asserts nothing.

- **Speed**: 60 participants × 3 offers × 3 needs (texts drawn from a vocabulary of a care sector's themes, with
  compounds and tags), the whole market matched from scratch (what every new answer costs the room once; all
  phones then share the result): median and worst of 20 runs, and the same for 15 and 120 participants.
- **Quality**: the 30 texts of ``bench/exchange_cases.py`` (15 people, 8 organisations): planted matches found,
  planted matches missed (the ones that need a translation), false matches.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.exchange import GiveNeed, Item, matches, pair_strengths
from app.domain.pairing import pair_preferring
from bench.exchange_cases import HARD, PEOPLE, PLANTED

THEMES = ['vrijwilligers', 'roosters', 'subsidies', 'kwaliteitssysteem', 'nieuwsbrief', 'huisartsen', 'GDPR',
          'onthaal', 'agressie', 'burn-out', 'intervisie', 'jongerenwerk', 'nieuwkomers', 'thuiszorg', 'mantelzorg',
          'dementie', 'valpreventie', 'medicatie', 'personeelsbeleid', 'onboarding', 'dagbesteding', 'wachtlijsten',
          'digitalisering', 'armoede', 'huisvesting', 'cliëntenraad', 'klachtenbehandeling', 'teamcoaching']
VERBS = ['werven', 'opzetten', 'verbeteren', 'organiseren', 'bespreken', 'plannen', 'evalueren', 'aanpakken',
         'meten', 'communiceren over', 'beleid rond', 'een aanpak voor', 'ervaring met', 'tools voor']
PLACES = ['in de thuiszorg', 'in een klein team', 'met de gemeente', 'op de werkvloer', 'voor ouderen', 'in Gent',
          'met vrijwilligers', 'bij nieuwe medewerkers', '']
TAGS = ('roosters', 'vrijwilligers', 'kwaliteitssysteem')


def text(rng: random.Random) -> str:
    theme = rng.choice(THEMES)
    if rng.random() < 0.3:  # a Dutch compound
        theme = theme + rng.choice(['beleid', 'werving', 'planning', 'systeem', 'werking'])
    return ' '.join(w for w in (rng.choice(VERBS), theme, rng.choice(PLACES)) if w)[:120]


def market(n: int, seed: int) -> tuple[dict[str, GiveNeed], dict[str, str]]:
    rng = random.Random(seed)

    def item() -> Item:
        return Item(text(rng), (rng.choice(TAGS),) if rng.random() < 0.25 else ())

    answers = {f'p{i:03}': GiveNeed(tuple(item() for _ in range(3)), tuple(item() for _ in range(3)))
               for i in range(n)}
    return answers, {pid: f'org{i % max(2, n // 4)}' for i, pid in enumerate(answers)}


def speed() -> None:
    print('matching a whole market from scratch (20 runs each)')
    print(f'{"participants":>12} {"texts":>6} {"matches":>8} {"median ms":>10} {"worst ms":>9} {"+pairing ms":>12}')
    for n in (15, 60, 120):
        times, pair_times, found = [], [], 0
        for run in range(20):
            answers, orgs = market(n, run)
            started = time.perf_counter()
            result = matches(answers, orgs)
            times.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            pair_preferring(sorted(orgs.items()), pair_strengths(result))
            pair_times.append((time.perf_counter() - started) * 1000)
            found = len(result)
        print(f'{n:>12} {n * 6:>6} {found:>8} {statistics.median(times):>10.1f} {max(times):>9.1f} '
              f'{statistics.median(pair_times):>12.1f}')


def quality() -> None:
    answers = {pid: GiveNeed((Item(offer),), (Item(need),)) for pid, (_, offer, need) in PEOPLE.items()}
    found = matches(answers, {pid: org for pid, (org, _, _) in PEOPLE.items()})
    pairs = {(m.need_of, m.offer_of) for m in found}
    planted = PLANTED | HARD
    print(f'\nplanted test set: {len(answers) * 2} offers and needs of {len(answers)} people, '
          f'{len(planted)} matches a person would make')
    print(f'  found: {len(pairs & planted)} of {len(planted)} '
          f'(all {len(PLANTED)} that share a word or a compound part; '
          f'{len(HARD - pairs)} need a translation or a synonym)')
    print(f'  false matches: {len(pairs - planted)}')
    for m in found:
        mark = ' ' if (m.need_of, m.offer_of) in planted else '✗'
        print(f'  {mark} {m.score:.2f}  "{m.need.text}" ← "{m.offer.text}"  ({", ".join(m.shared)})')


if __name__ == '__main__':
    speed()
    quality()
