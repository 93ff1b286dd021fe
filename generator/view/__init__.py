"""view: the reader's view, pure. Imports content, errors, speed; never publish, site or cli."""
