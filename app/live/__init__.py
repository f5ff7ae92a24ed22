"""Live state: one Room per running meeting; the only place where meeting state changes."""
