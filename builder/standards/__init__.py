"""Every spec constant and data-type pattern the builder uses, each defined once.

Per standard its namespaces, vocabularies and schema versions (`scorm12`, `scorm2004`, `tincan`,
`xapi`, `cmi5`), the data types they share (`types`), and the one safe XML parser (`xml`, the
only module here that loads lxml). The others import only `re`, so `validate` and `--help` stay
light.
"""
