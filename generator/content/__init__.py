"""content: files in, checked content out. Imports errors, report, resources, write and speed."""
