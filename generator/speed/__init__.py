"""speed: makes builds faster, never different (memos, two cores). Imports nothing of the generator."""
