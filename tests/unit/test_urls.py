import pytest

from app.domain.urls import is_local_host, public_base_url, short_url


def test_configured_url_wins() -> None:
    assert public_base_url('https://plek.example.org/', 'http://127.0.0.1:8080/', '10.0.0.5') == \
        'https://plek.example.org'


@pytest.mark.parametrize('request_base', ['http://localhost:8080/', 'http://127.0.0.1:8080/', 'http://[::1]:8080/'])
def test_loopback_request_becomes_lan_address(request_base: str) -> None:
    assert public_base_url('', request_base, '192.168.1.20') == 'http://192.168.1.20:8080'


def test_real_host_is_kept() -> None:
    assert public_base_url('', 'http://192.168.1.20:8080/', '10.0.0.1') == 'http://192.168.1.20:8080'


def test_loopback_without_lan_stays() -> None:
    assert public_base_url('', 'http://localhost:8080/', None) == 'http://localhost:8080'


def test_is_local_host() -> None:
    assert is_local_host('localhost') and is_local_host('127.0.1.1') and is_local_host('[::1]')
    assert not is_local_host('192.168.1.2') and not is_local_host('plek.example.org')


def test_short_url() -> None:
    assert short_url('http://192.168.1.20:8080', 'K7MW3P') == '192.168.1.20:8080/K7MW3P'
    assert short_url('https://plek.example.org/app', 'K7MW3P') == 'plek.example.org/app/K7MW3P'


def test_lan_address_comes_from_the_interfaces() -> None:
    from app.netaddr import Interface, choose_lan_address

    laptop = [Interface('lo', True, ('127.0.0.1',)), Interface('docker0', True, ('172.17.0.1',)),
              Interface('wlp2s0', True, ('192.168.1.23',)), Interface('enp3s0', False, ('10.0.0.5',))]
    assert choose_lan_address(laptop) == '192.168.1.23'  # up, private, a real card: not docker, not the cable
    assert choose_lan_address([Interface('lo', True, ('127.0.1.1',))]) is None
    assert choose_lan_address([Interface('eth0', True, ('169.254.3.4', '203.0.113.9'))]) == '203.0.113.9'
    assert choose_lan_address([Interface('docker0', True, ('172.17.0.1',))]) == '172.17.0.1'  # better than nothing
    assert choose_lan_address([Interface('eth0', True, ('not-an-address',))]) is None
