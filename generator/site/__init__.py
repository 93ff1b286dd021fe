"""site: MkDocs hooks, the serving process, navigation, page cache, site builds, Zensical projects
and the scan.

Imports pipeline and below.
"""
