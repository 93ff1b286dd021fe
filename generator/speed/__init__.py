"""speed: makes builds faster, never different (memos, two cores). Imports no generator module."""
