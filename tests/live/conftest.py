"""The live layer runs on a real database: the store's fixtures (SQLite always, PostgreSQL where it runs)."""

from tests.store.conftest import database_url, repo, rooms

__all__ = ['database_url', 'repo', 'rooms']
