"""changes: git, diff and history of a content folder. Imports content, view and publish.escape."""
