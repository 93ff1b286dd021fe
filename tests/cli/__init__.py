"""Tests of the commands as a user runs them: init, how they talk, serve."""
