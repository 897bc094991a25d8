"""What the Python suites share: the study notes' account, and checks that are counted."""

import sys

ACCOUNT = "123412341234"
failures = []


def check(name, condition, detail=""):
    """Prints `ok` or `FAIL` with the name (and, for a failure, what was found)."""
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))
    if not condition:
        failures.append(name)


def finish(client):
    """Prints how many checks failed, and exits 1 if any did."""
    print(f"{client}: {len(failures)} failed")
    sys.exit(1 if failures else 0)
