"""The theme overrides, stylesheet and vendored scripts every briefing site carries, shipped
inside the package as generator.site_config (see pyproject.toml). docs/ is the default
briefing's own (empty) MkDocs docs folder and does not ship."""
