"""The briefing generator: content folders in, a static site out; pipeline.py composes it."""
