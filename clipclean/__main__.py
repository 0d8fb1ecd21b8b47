"""`python -m clipclean` runs the command line."""

from clipclean.cli import main

main()
