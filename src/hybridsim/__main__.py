"""`python -m hybridsim` runs the command line."""

from .cli import main

main()
