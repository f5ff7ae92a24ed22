"""The evaluation in real Chromium: added in one click, five phones score it (the "why" only below 4), the screen
shows the distribution and the average; a phone leaving early is asked once."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, create_meeting, figure, goto, join, login, save

QUESTION = 'Hoeveel heeft deze bijeenkomst je opgeleverd voor de tijd die je erin stak?'
LONG = ('Een heel concreet stappenplan om huisbezoeken samen met de collega’s van het OCMW en de thuiszorg voor te '
        'bereiden, en de namen van drie mensen die ik kan bellen als het vastloopt.')


def tap(phone: Page, score: str) -> None:
    expect(phone.get_by_test_id('activity-text')).to_have_text(QUESTION)  # the phone switched already
    phone.get_by_test_id(f'vote-{score}').click()
    expect(phone.get_by_test_id('received')).to_be_visible()
    expect(phone.get_by_test_id(f'vote-{score}')).to_have_attribute('aria-pressed', 'true')


def write(phone: Page, question: str, text: str) -> None:
    phone.get_by_test_id(f'block-{question}').locator('textarea').fill(text)
    phone.get_by_test_id(f'save-{question}').click()
    expect(phone.get_by_test_id(f'saved-{question}')).to_be_visible()


def test_evaluation_live(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, 'Lerend netwerk thuiszorg')
    code = control.get_by_test_id('join-code').inner_text().strip()
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    phones = [people.phone() for _ in range(5)]
    phones[0].set_viewport_size({'width': 360, 'height': 640})  # the smallest phone we expect
    for i, phone in enumerate(phones):
        join(phone, f'{server.url}/{code}', f'Deelnemer {i + 1}')

    control.get_by_role('button', name='Evaluatie toevoegen').click()  # one click, default questions
    item = control.get_by_test_id('agenda-item').filter(has_text=QUESTION)
    expect(item).to_be_visible()
    item.get_by_role('button', name='Nu tonen en laten antwoorden').click()
    expect(control.get_by_test_id('live-state')).to_contain_text('loopt')

    answered = screen.get_by_test_id('answered')
    expect(answered).to_have_text('0 van 5 geantwoord')
    for phone, score in zip(phones[:4], ['4', '5', '3', '2'], strict=True):
        tap(phone, score)
    started = time.perf_counter()
    phones[4].get_by_test_id('vote-2').click()
    expect(answered).to_have_text('5 van 5 geantwoord')
    figure(f'evaluation: phone taps a score -> screen shows the new count: '
           f'{(time.perf_counter() - started) * 1000:.0f} ms')
    expect(phones[4].get_by_test_id('received')).to_be_visible()

    why = 'Wat zou er één punt bij doen?'
    for phone in phones[2:]:  # 3, 2, 2: asked why
        expect(phone.get_by_test_id('question-why')).to_have_text(why)
        expect(phone.get_by_test_id('question-why')).to_be_visible()
    for phone in phones[:2]:  # 4, 5: not asked
        expect(phone.get_by_test_id('question-why')).to_be_hidden()
    for phone in phones:
        expect(phone.get_by_test_id('question-take_away')).to_have_text('Wat neem je mee naar je eigen werk?')
        expect(phone.get_by_test_id('question-change')).to_have_text('Wat mag anders?')

    summary = screen.get_by_test_id('result-summary')
    expect(summary).to_have_text('gemiddelde 3,2 · mediaan 3')
    chart = screen.get_by_test_id('result-chart')
    expect(chart.locator('text', has_text='2')).not_to_have_count(0)
    save(screen, 'screen-evaluation')
    assert screen.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')  # no scrolling

    phone = phones[0]  # the 4, on a 360 px phone: take-away and change, long texts
    write(phone, 'take_away', LONG)
    write(phone, 'change', 'Minder uitleg vooraf, meer tijd om in kleine groepjes echte casussen te bespreken.')
    write(phones[3], 'why', 'Meer tijd voor casussen')
    expect(screen.get_by_test_id('answer-wall')).to_be_hidden()  # the texts only when the facilitator shows them
    expect(control.get_by_test_id('answer-card')).to_have_count(3)
    control.get_by_role('button', name='Antwoorden op het scherm').click()
    expect(screen.get_by_test_id('answer-wall')).to_be_visible()
    expect(screen.get_by_test_id('answer-card')).to_have_count(3)
    expect(screen.get_by_test_id('answer-card').filter(has_text='Meer tijd voor casussen')).to_be_visible()
    expect(screen.get_by_test_id('answer-card').filter(has_text='Deelnemer')).to_have_count(0)  # never names
    expect(summary).to_have_text('gemiddelde 3,2 · mediaan 3')
    save(screen, 'screen-evaluation-texts')
    assert screen.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')
    save(control, 'control-evaluation')
    # the facilitator hides one person's texts: gone from the screen (both of them), the score still counts
    control.get_by_test_id('answer-card').filter(has_text='Minder uitleg vooraf').get_by_role('button').click()
    expect(screen.get_by_test_id('answer-card')).to_have_count(1)
    expect(control.get_by_test_id('answer-card')).to_have_count(1)
    expect(summary).to_have_text('gemiddelde 3,2 · mediaan 3')

    phone.reload()  # the stored answer comes back
    phone.wait_for_function('window.did_handshake === true')
    expect(phone.get_by_test_id('vote-4')).to_have_attribute('aria-pressed', 'true')
    expect(phone.get_by_test_id('block-take_away').locator('textarea')).to_have_value(LONG)
    expect(phone.get_by_test_id('received')).to_be_visible()
    assert phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth')  # nothing sticks out
    phone.evaluate('window.scrollTo(0, 0)')  # a reload keeps the place it was scrolled to
    save(phone, 'phone-evaluation')
    phone.get_by_test_id('block-change').scroll_into_view_if_needed()
    save(phone, 'phone-evaluation-texts')

    # someone who joins late and leaves early is asked once, and can skip
    late = people.phone()
    goto(late, f'{server.url}/{code}')
    late.get_by_label('Je naam').fill('Laatkomer')
    late.get_by_role('button', name='Ik doe mee').click()
    expect(late.get_by_test_id('activity-text')).to_have_text(QUESTION)
    late.get_by_role('button', name='Verlaten').click()
    asked = late.get_by_role('dialog')
    expect(asked.get_by_text('Voor je gaat')).to_be_visible()
    late.wait_for_timeout(500)  # the dialog's fade-in
    save(late, 'phone-evaluation-leaving')
    asked.get_by_test_id('vote-4').click()
    expect(late.get_by_text('Wil je de bijeenkomst verlaten?')).to_be_visible()
    late.get_by_role('dialog').get_by_role('button', name='Verlaten').click()
    expect(late.get_by_role('button', name='Ik doe mee')).to_be_visible()
    expect(summary).to_have_text('gemiddelde 3,3 · mediaan 3,5')  # 4, 5, 3, 2, 2 and the 4 before leaving

    # closed by the facilitator: the phones that took part can still answer (for 48 hours)
    control.get_by_role('button', name='Stemmen sluiten').click()
    expect(phones[1].get_by_test_id('late-open')).to_be_visible()
    phones[1].get_by_test_id('vote-3').click()
    expect(phones[1].get_by_test_id('received')).to_be_visible()
    expect(phones[1].get_by_test_id('question-why')).to_be_visible()  # 3: now asked why
    expect(screen.get_by_test_id('result-summary')).to_have_text('gemiddelde 3 · mediaan 3')

    # the meeting is over: who took part still sees the evaluation; a device that never joined is told why not
    control.get_by_text('Bijeenkomst afgesloten').click()
    expect(control.get_by_role('switch', name='Bijeenkomst afgesloten')).to_be_checked()
    goto(phones[2], phones[2].url)  # coming back later on the same phone
    expect(phones[2].get_by_test_id('late-open')).to_be_visible()
    expect(phones[2].get_by_test_id('vote-3')).to_have_attribute('aria-pressed', 'true')
    phones[2].get_by_test_id('vote-4').click()
    expect(phones[2].get_by_test_id('vote-4')).to_have_attribute('aria-pressed', 'true')
    stranger = people.phone()
    goto(stranger, f'{server.url}/{code}')
    expect(stranger.get_by_text('Deze evaluatie is voor wie aan de bijeenkomst deelnam')).to_be_visible()
    expect(stranger.get_by_test_id('vote-4')).to_have_count(0)
