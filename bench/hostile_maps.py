"""Generators of hostile but valid-looking maps, for the resource tests and bench_hostile.py.

Each function returns the text of one map of about `n` claims that makes some algorithm do more
work than its input suggests. Run `python bench/hostile_maps.py KIND N > map.yaml` for one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

HEAD = "argmap: 1\ntitle: T\nsources:\n  s:\n    title: S\n    kind: article\n"


def unknown_refs(n: int) -> str:
    """n premises, each with a ref to an id that does not exist (but is close to many that do)."""
    lines = [HEAD, "thesis:\n  id: t\n  claim: T.\n  cite: [s]\n  premises:\n"]
    for i in range(n):
        lines.append(f"    - id: claim-{i:05d}\n      claim: C.\n      cite: [s]\n      premises:\n")
        lines.append(f"        - ref: claim-{i:05d}x\n")
    return "".join(lines)


def self_refs(n: int) -> str:
    """n premises, each with a ref to itself: n support cycles of one claim."""
    lines = [HEAD, "thesis:\n  id: t\n  claim: T.\n  cite: [s]\n  premises:\n"]
    for i in range(n):
        lines.append(f"    - id: c{i}\n      claim: C.\n      cite: [s]\n      premises:\n        - ref: c{i}\n")
    return "".join(lines)


def attack_cycle(n: int) -> str:
    """One attack cycle of n claims through refs, with an `expect:` that makes validate evaluate it."""
    lines = [HEAD, "thesis:\n  id: t\n  claim: T.\n  cite: [s]\n  counterpoints:\n"]
    for i in range(n):
        lines.append(f"    - id: c{i}\n      claim: C.\n      cite: [s]\n      rebuttals:\n")
        lines.append(f"        - ref: c{(i + 1) % n}\n")
    lines.append("expect:\n  undecided: [t]\n")
    return "".join(lines)


KINDS: dict[str, Callable[[int], str]] = {
    "unknown-refs": unknown_refs,
    "self-refs": self_refs,
    "attack-cycle": attack_cycle,
}

if __name__ == "__main__":
    sys.stdout.write(KINDS[sys.argv[1]](int(sys.argv[2])))
