"""Where the files every build ships come from: templates, theme overrides, assets, schemas."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
OVERRIDES = ROOT / "site_config" / "overrides"
ASSETS = ROOT / "site_config" / "assets"
VENDOR = ROOT / "site_config" / "vendor"
SCHEMAS = ROOT / "schemas"
ASSET_PREFIX = "assets/briefing"


def site_assets() -> dict[str, bytes]:
    """The stylesheet and scripts every briefing site carries, by their path in the site."""
    return {
        f"{ASSET_PREFIX}/{path.name}": path.read_bytes()
        for path in sorted(ASSETS.iterdir())
        if path.is_file()
    }
