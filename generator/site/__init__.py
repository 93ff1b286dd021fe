"""site: MkDocs hooks, navigation, page cache, site builds, Zensical projects and the scan.

Imports pipeline and below.
"""
