"""`python -m argmap` runs the command-line interface."""

from argmap.cli import main

if __name__ == "__main__":
    main()
