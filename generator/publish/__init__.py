"""publish: view to bytes (Markdown, SVG, JSON, CSV, JSON-LD), pure. Imports view, content, speed, resources."""
