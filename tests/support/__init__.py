"""Test support: official-schema validation, a local web server, Chromium and an LMS harness.

Imported as ``support`` (``tests/conftest.py`` puts ``tests/`` on ``sys.path``).
"""
