"""Where things are, relative to the checkout (never a machine path)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO_ROOT / "node_modules"
XSD_CACHE = REPO_ROOT / ".cache" / "xsd"
# Third-party schemas whose licence lets them be committed, each with its licence beside it.
SCHEMAS = REPO_ROOT / "tests" / "schemas"

SETUP_HINT = "run `make setup` (scripts/setup.sh) first"


def require(path: Path, what: str) -> Path:
    """Return ``path`` if it exists, else fail with a message that says how to get it."""
    if not path.exists():
        raise FileNotFoundError(f"{what} not found at {path}: {SETUP_HINT}")
    return path
