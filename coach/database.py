"""One place that says which database the coach uses (tracker store and progress store alike)."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "coach.db"
# Set by the /forget action once the user confirms; the tracker store then erases, not saves.
ERASE_SLOT = "erase_requested"


def database_url() -> str:
    """`DATABASE_URL` if set, else a SQLite file under var/ (created on first use)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"
