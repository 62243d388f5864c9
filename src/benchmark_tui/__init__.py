"""benchmark-tui: run a library service self-assessment workshop from a projected terminal."""

__version__ = "0.1.0"
