"""``python -m tqa``: the same command line as ``tqa``."""

from tqa.cli import main

if __name__ == "__main__":
    main()
