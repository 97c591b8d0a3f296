"""``python -m termcheck``; guarded so that worker processes can import it safely."""

from termcheck.cli import main

if __name__ == "__main__":
    main()
