"""`python -m builder` runs the coursebuild command line."""

from .cli import main

main()
