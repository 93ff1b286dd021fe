"""site: MkDocs hooks, navigation, page cache, site builds and the scan. Imports pipeline and below."""
