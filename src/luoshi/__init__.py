"""Luoshi (落实): a city government's gazette turned into operations."""
