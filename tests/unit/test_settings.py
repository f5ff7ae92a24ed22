from pathlib import Path

import pytest
from pydantic import ValidationError

from app.settings import Settings, describe


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv('UITWISSELPLEK_DATA_DIR', str(tmp_path / 'data'))
    settings = Settings()
    assert settings.port == 8080 and settings.language == 'nl'
    assert settings.resolved_database_url() == f'sqlite:///{tmp_path / "data" / "uitwisselplek.db"}'


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('UITWISSELPLEK_PORT', '9000')
    monkeypatch.setenv('UITWISSELPLEK_LANGUAGE', 'EN')
    monkeypatch.setenv('UITWISSELPLEK_PUBLIC_URL', 'https://plek.example.org/')
    monkeypatch.setenv('UITWISSELPLEK_DATABASE_URL', 'postgresql://u@db/x')
    settings = Settings()
    assert settings.port == 9000 and settings.language == 'en'
    assert settings.public_url == 'https://plek.example.org'
    assert settings.resolved_database_url() == 'postgresql://u@db/x'


def test_bad_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('UITWISSELPLEK_LANGUAGE', 'fr')
    with pytest.raises(ValidationError):
        Settings()


def test_storage_secret_is_generated_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv('UITWISSELPLEK_DATA_DIR', str(tmp_path))
    first = Settings().resolved_storage_secret()
    assert len(first) >= 32
    assert Settings().resolved_storage_secret() == first
    monkeypatch.setenv('UITWISSELPLEK_STORAGE_SECRET', 'given')
    assert Settings().resolved_storage_secret() == 'given'


def test_every_setting_is_described() -> None:
    names = {name for name, _, _ in describe()}
    for expected in ('HOST', 'PORT', 'DATA_DIR', 'DATABASE_URL', 'PUBLIC_URL', 'STORAGE_SECRET', 'LANGUAGE'):
        assert f'UITWISSELPLEK_{expected}' in names
