"""Where the files every build ships come from: templates, theme overrides, assets, schemas.

Every one of them is found through the package, never through a checkout's folders:
templates/ and site_config/ ship as generator.templates and generator.site_config
(pyproject.toml maps them), the schemas as generator/schemas. A briefing folder anywhere
builds with nothing but the installed package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def package_folder(package: str) -> Path:
    """The folder of an installed package (a zipped install is not supported)."""
    folder = resources.files(package)
    if not isinstance(folder, Path):
        raise RuntimeError(f"{package} is not installed as files on disk")
    return folder


TEMPLATES = package_folder("generator.templates")
SITE_CONFIG = package_folder("generator.site_config")
OVERRIDES = SITE_CONFIG / "overrides"
ASSETS = SITE_CONFIG / "assets"
VENDOR = SITE_CONFIG / "vendor"
SCHEMAS = package_folder("generator") / "schemas"
ASSET_PREFIX = "assets/briefing"


def site_assets() -> dict[str, bytes]:
    """The stylesheet and scripts every briefing site carries, by their path in the site."""
    return {
        f"{ASSET_PREFIX}/{path.name}": path.read_bytes()
        for path in sorted(ASSETS.iterdir())
        if path.is_file()
    }
