"""Persistence: SQLAlchemy 2.0 models, the database, queries; alembic migrations."""
