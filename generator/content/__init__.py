"""content: files in, checked content out. Imports errors, report, resources and speed only."""
