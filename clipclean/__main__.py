"""`python -m clipclean` runs the command line."""

from clipclean.cli import main

if __name__ == "__main__":  # not again in a worker process, which imports this module as __mp_main__
    main()
