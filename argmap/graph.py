"""Pure graph helpers over the model's edges: support cycles, reachability, subtrees.

Everything is iterative, so a chain of any depth is fine.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from argmap.model import ArgMap, Edge

N = TypeVar("N", bound=Hashable)


def support_graph(argmap: ArgMap) -> dict[str, list[str]]:
    """Claim id -> the ids it supports (premise and correlation edges, refs included)."""
    graph: dict[str, list[str]] = {}
    for edge in argmap.edges_resolved:
        if not edge.attacks:
            graph.setdefault(edge.child, []).append(edge.parent)
    return graph


def find_cycles(graph: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """One cycle per strongly connected component that has one (self-loops included).

    Each cycle is a list of node ids [a, b, ..., a], starting from its smallest id so the result is
    deterministic.
    """
    nodes = sorted(set(graph) | {n for targets in graph.values() for n in targets})
    components = strongly_connected_components(nodes, lambda node: graph.get(node, ()))
    return [
        _cycle_in(component, graph)
        for component in components
        if len(component) > 1 or component[0] in graph.get(component[0], ())
    ]


def strongly_connected_components(nodes: Iterable[N], succ: Callable[[N], Sequence[N]]) -> list[list[N]]:
    """Strongly connected components of the graph on `nodes`, reachable ones included (iterative Tarjan).

    Components come out in reverse topological order, each listed from its last-visited member.
    """
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    on_stack: set[N] = set()
    stack: list[N] = []
    components: list[list[N]] = []
    counter = 0
    for start in nodes:
        if start in index:
            continue
        work: list[tuple[N, Sequence[N], int]] = [(start, succ(start), 0)]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets, pos = work[-1]
            if pos < len(targets):
                work[-1] = (node, targets, pos + 1)
                target = targets[pos]
                if target not in index:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, succ(target), 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _cycle_in(component: list[str], graph: Mapping[str, Sequence[str]]) -> list[str]:
    """A simple cycle through the smallest id of a strongly connected component (BFS)."""
    members = set(component)
    start = min(component)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in graph.get(node, ()):
                if target not in members:
                    continue
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *list(reversed(path[:-1])), start] if node != start else [start, start]
                if target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    return [start, start]  # unreachable for a real component


def descendants(argmap: ArgMap, root: str, *, max_depth: int | None = None) -> list[str]:
    """Ids below `root` (following supporters and attackers, refs included), breadth first, once each."""
    seen = {root}
    order = [root]
    frontier = [root]
    depth = 0
    while frontier and (max_depth is None or depth < max_depth):
        following = []
        for node in frontier:
            for edge in argmap.children(node):
                if edge.child not in seen:
                    seen.add(edge.child)
                    order.append(edge.child)
                    following.append(edge.child)
        frontier = following
        depth += 1
    return order


def path_to_thesis(argmap: ArgMap, claim_id: str) -> list[str]:
    """The chain of ids from the thesis down to `claim_id` along written-out parents."""
    path = []
    current: str | None = claim_id
    seen = set()
    while current is not None and current not in seen:
        seen.add(current)
        path.append(current)
        claim = argmap.claim(current)
        current = claim.parent if claim else None
    return list(reversed(path))


def edges_from(argmap: ArgMap, ids: Iterable[str]) -> list[Edge]:
    """Resolved edges whose both ends are in `ids`."""
    keep = set(ids)
    return [e for e in argmap.edges_resolved if e.child in keep and e.parent in keep]
