"""All configuration, read from UITWISSELPLEK_* environment variables."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Language = Literal['nl', 'en']


class Settings(BaseSettings):
    """Every setting can be given as an environment variable, e.g. ``UITWISSELPLEK_PORT=9000``."""

    model_config = SettingsConfigDict(env_prefix='UITWISSELPLEK_', extra='ignore')

    host: str = Field('0.0.0.0', description='address to listen on')
    port: int = Field(8080, ge=1, le=65535, description='port to listen on')
    data_dir: Path = Field(Path('data'), description='folder for the SQLite database, secret and sessions')
    database_url: str = Field('', description='SQLAlchemy URL; default: SQLite file in DATA_DIR')
    public_url: str = Field('', description='base URL that phones reach (QR target); default: from the request/LAN')
    storage_secret: str = Field('', description='cookie signing secret; default: generated once in DATA_DIR')
    language: Language = Field('nl', description='default language of the interface (nl or en)')
    redis_url: str = Field('', description='Redis URL: share live events between several instances')
    reconnect_seconds: float = Field(
        120.0, ge=3,
        description='how long a phone or screen that lost its connection keeps its live page on the server')
    joins_per_address: int = Field(
        60, ge=0, description='new participants one address may add to a meeting per 10 minutes (0: no limit)')
    joins_per_meeting: int = Field(150, ge=0, description='new participants per meeting per 10 minutes (0: no limit)')
    code_guesses_per_address: int = Field(
        20, ge=0, description='unknown join codes one address may try per 10 minutes (0: no limit)')
    page_loads_per_address: int = Field(
        300, ge=0, description='meeting pages one address may load per minute (0: no limit)')
    trusted_proxies: str = Field(
        '', description='comma-separated addresses of reverse proxies whose X-Forwarded-For is believed')

    screen_rotate_seconds: float = Field(
        12.0, ge=1, description='how long the screen shows one page of a wall of reasons that does not fit at once')

    plain_pages: bool = Field(
        True, description='the start page and the join form as plain HTML that a slow phone can use at once '
                          '(false: NiceGUI pages, for the simulated-user tests)')

    video_url: str = Field('', description='Jitsi Meet base URL: a video room per pair/group in online and hybrid '
                                           'meetings (e.g. https://meet.jit.si); a meeting may set its own')

    @field_validator('video_url')
    @classmethod
    def _video_url(cls, value: str) -> str:
        value = value.strip().rstrip('/')
        if value and not value.startswith(('http://', 'https://')):
            raise ValueError(f'UITWISSELPLEK_VIDEO_URL must start with http:// or https:// (got {value!r})')
        return value

    @field_validator('public_url')
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.strip().rstrip('/')

    @field_validator('language', mode='before')
    @classmethod
    def _short_language(cls, value: str) -> str:
        return str(value).strip().lower()[:2]

    def resolved_data_dir(self) -> Path:
        path = self.data_dir.expanduser().resolve()
        path.mkdir(parents=True, exist_ok=True)
        return path

    def resolved_database_url(self) -> str:
        """The configured URL, or an SQLite file in the data folder."""
        return self.database_url or f'sqlite:///{self.resolved_data_dir() / "uitwisselplek.db"}'

    def resolved_storage_secret(self) -> str:
        """The configured secret, or one generated on first start and kept in the data folder."""
        if self.storage_secret:
            return self.storage_secret
        path = self.resolved_data_dir() / 'storage_secret'
        if not path.exists():
            path.write_text(secrets.token_urlsafe(32))
            path.chmod(0o600)
        return path.read_text().strip()


def describe() -> list[tuple[str, str, str]]:
    """(variable, default, description) for every setting, for ``--help``."""
    rows = []
    for name, field in Settings.model_fields.items():
        default = '' if field.default is None else str(field.default)
        rows.append((f'UITWISSELPLEK_{name.upper()}', default, field.description or ''))
    return rows
