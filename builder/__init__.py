"""coursebuild: compile plain-text courses into LMS packages."""

__version__ = "0.2.0"
