"""`python -m builder` runs the coursebuild command line."""

from .launch import main

main()
