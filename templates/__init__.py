"""The page templates, shipped inside the package as generator.templates (see pyproject.toml)."""
