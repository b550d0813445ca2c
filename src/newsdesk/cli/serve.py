"""newsdesk serve commands (registered on the shared Typer app)."""
from __future__ import annotations

from newsdesk.cli import app  # noqa: F401
