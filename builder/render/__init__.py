"""Render stage: the Course model through the theme to pages, config and runtime."""
