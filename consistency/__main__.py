"""`python -m consistency` is the same as the `consistency` command."""

from consistency.cli import main

main()
