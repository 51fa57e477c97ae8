"""Test support: official-schema validation, a local web server, Chromium, the LMS harnesses,
the courses as their sources say (``seed.py``) and the learner who takes them in every browser
test (``learner.py``, with ``learner_pages.py``, ``learner_brisk.py``, ``learner_keyboard.py``).

Imported as ``support`` (``tests/conftest.py`` puts ``tests/`` on ``sys.path``).
"""
