"""Every spec constant and data-type pattern the builder uses, each defined once.

Per standard its namespaces, vocabularies and schema versions (`scorm12`, `scorm2004`, `tincan`,
`xapi`, `cmi5`), and the data types they share (`types`). Only `re` is imported here, so
`validate` and `--help` stay light.
"""
