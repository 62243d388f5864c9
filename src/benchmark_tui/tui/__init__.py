"""Provides the Textual workshop app, built on top of the domain core."""
