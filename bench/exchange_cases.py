"""A test set for give-and-need matching: 15 people of 8 organisations, one offer and one need each (30 texts),
and the matches a facilitator would make by hand. Used by ``bench/exchange.py`` (recall and false matches) and by
``tests/unit/test_exchange.py`` (the matching finds every planted match)."""

from __future__ import annotations

# id: (organisation, offer, need)
PEOPLE: dict[str, tuple[str, str, str]] = {
    'p01': ('Woonzorg Brugge', 'Werving van vrijwilligers via de gemeente', 'Roosters maken voor het weekend'),
    'p02': ('Thuiszorg Kust', 'Planning van roosters en personeelsinzet', 'Vrijwilligers werven voor het dagcentrum'),
    'p03': ('OCMW Gent', 'Subsidieaanvragen schrijven', 'Een kwaliteitssysteem opzetten'),
    'p04': ('Zorgnet West', 'Ons ISO-kwaliteitshandboek', 'Subsidies aanvragen bij de provincie'),
    'p05': ('Huis van het Kind', 'Volunteer recruitment on social media', 'Omgaan met agressie aan het onthaal'),
    'p06': ('Woonzorg Brugge', 'Training agressiebeheersing voor onthaalmedewerkers', 'Een nieuwsbrief voor ouders'),
    'p07': ('CAW Oost', 'Onze digitale nieuwsbrief en het mailingprogramma', 'Burn-out bij collega’s voorkomen'),
    'p08': ('OCMW Gent', 'Een aanpak tegen burn-out en stress op het werk', 'Data over cliënttevredenheid verwerken'),
    'p09': ('Thuiszorg Kust', 'Tevredenheidsmetingen bij cliënten analyseren', 'Onboarding of new staff'),
    'p10': ('Zorgnet West', 'Een inwerkprogramma voor nieuwe medewerkers', 'Samenwerken met huisartsen'),
    'p11': ('CAW Oost', 'Overleg met huisartsen in de eerstelijnszone', 'Het GDPR-register bijhouden'),
    'p12': ('Huis van het Kind', 'Privacy en GDPR in de praktijk', 'Een meertalig onthaal voor nieuwkomers'),
    'p13': ('Buurtwerk Leuven', 'Tolken en vertaalde folders voor nieuwkomers', 'Budget voor vorming vinden'),
    'p14': ('Buurtwerk Leuven', 'Teamcoaching en intervisie', 'Meer jongeren bereiken'),
    'p15': ('Jeugdhuis Kortrijk', 'Jongerenwerk op straat', 'Intervisie begeleiden in een klein team'),
}

# (whose need, whose offer): the matches a person would make
PLANTED: frozenset[tuple[str, str]] = frozenset({
    ('p01', 'p02'),  # roosters
    ('p02', 'p01'),  # vrijwilligers werven <- werving van vrijwilligers
    ('p03', 'p04'),  # kwaliteitssysteem <- kwaliteitshandboek (compound prefix)
    ('p04', 'p03'),  # subsidies aanvragen <- subsidieaanvragen (compound)
    ('p05', 'p06'),  # agressie aan het onthaal <- agressiebeheersing onthaalmedewerkers (compounds)
    ('p06', 'p07'),  # nieuwsbrief
    ('p07', 'p08'),  # burn-out
    ('p08', 'p09'),  # cliënttevredenheid <- tevredenheidsmetingen bij cliënten
    ('p10', 'p11'),  # huisartsen
    ('p11', 'p12'),  # GDPR
    ('p12', 'p13'),  # nieuwkomers
    ('p14', 'p15'),  # jongeren <- jongerenwerk
    ('p15', 'p14'),  # intervisie
})
# Matches a person makes through translation, not spelling: p09's "onboarding of new staff" and p10's
# "inwerkprogramma voor nieuwe medewerkers", p02's "vrijwilligers werven" and p05's "volunteer recruitment". No
# stemmer sees them (that would take a dictionary of synonyms); the figures count them as misses.
HARD: frozenset[tuple[str, str]] = frozenset({('p09', 'p10'), ('p02', 'p05')})
