"""changes: git, diff and history of a content folder. Imports content, view, publish.escape, speed."""
