"""content: files in, checked content out. Imports errors, report, resources, speed; nothing above."""
