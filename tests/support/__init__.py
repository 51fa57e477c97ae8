"""Test support: official-schema validation, a local web server, Chromium, the LMS harnesses,
the seed courses as their sources say (``seed.py``) and a learner who takes them
(``seed_learner.py``).

Imported as ``support`` (``tests/conftest.py`` puts ``tests/`` on ``sys.path``).
"""
