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
