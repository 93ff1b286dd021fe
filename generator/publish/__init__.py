"""publish: the view to bytes (Markdown, SVG, JSON, CSV, JSON-LD), pure. Imports view and below."""
