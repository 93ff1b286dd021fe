"""The briefing generator: content folders in, a static briefing site out (pipeline.py composes it)."""
