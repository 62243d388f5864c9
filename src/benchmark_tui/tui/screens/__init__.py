"""Provides the screens of the workshop app, one module each."""
