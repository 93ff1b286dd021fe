"""cli: the commands; the only place content errors become exit codes. Imports anything."""
