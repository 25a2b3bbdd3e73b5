"""argmap drill: sessions driven through piped stdin (CliRunner and a subprocess) and a real
pseudo-terminal, the order of items (seed, missed first), the state file (atomic, corrupt, --no-save)."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import run_in_process as run

from argmap.debate.drill import DrillIO, drill_items, order_items, run_session, state_path
from argmap.formats.argmap_yaml import load_bytes

ROOT = Path(__file__).resolve().parents[1]
ASSAD = ROOT / "maps" / "assad_isis.yaml"

SMALL = textwrap.dedent("""\
    argmap: 1
    title: Small
    sources:
      s: {title: The source, kind: article}
    thesis:
      id: t
      claim: The thesis.
      premises:
        - id: p
          claim: A premise.
          cite:
            - source: s
              quote: the words
      counterpoints:
        - id: a
          claim: "An attack with [bold red]markup[/] and :warning:"
          cite: [s]
          rebuttals:
            - id: r
              claim: The answer.
              cite: [s]
        - id: b
          claim: An unanswered attack.
          cite: [s]
""")


@pytest.fixture()
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def state_file(tmp_path: Path) -> Path:
    return tmp_path / "state" / "argmap" / "drill.json"


def test_items_for_each_side() -> None:
    m = load_bytes(SMALL.encode(), file="s.yaml").map
    assert m is not None
    assert [i.key for i in drill_items(m, side="for")] == ["evidence:p", "counter:a", "counter:b"]
    assert [i.key for i in drill_items(m, side="against")] == ["attack:t"]
    assert [i.key for i in drill_items(m, side="for", focus="a")] == ["counter:a"]
    assert drill_items(m, side="for")[1].prepared == ("r: The answer.", "  evidence: The source")


def test_order_puts_missed_first_and_is_reproducible() -> None:
    m = load_bytes(ASSAD.read_bytes(), file="a.yaml").map
    items = drill_items(m, side="for")  # type: ignore[arg-type]
    one = [i.key for i in order_items(items, seed=7)]
    assert one == [i.key for i in order_items(items, seed=7)]
    assert one != [i.key for i in order_items(items, seed=8)]
    missed = ["counter:defectors-unnamed", "gone:item", "evidence:saydnaya-releases"]
    ordered = [i.key for i in order_items(items, missed=missed, seed=7, count=5)]
    assert ordered[:2] == ["counter:defectors-unnamed", "evidence:saydnaya-releases"] and len(ordered) == 5


def test_session_logic_with_injected_io() -> None:
    m = load_bytes(SMALL.encode(), file="s.yaml").map
    items = drill_items(m, side="for")  # type: ignore[arg-type]
    answers = iter(["my evidence", "maybe", "y", "", "an answer", "n"])
    said: list[str] = []
    asked: list[str] = []

    def ask(prompt: str) -> str | None:
        asked.append(prompt)
        return next(answers, None)

    result = run_session(items, DrillIO(ask, lambda text, style: said.append(text)))
    assert (result.covered, result.missed, result.interrupted) == (["evidence:p"], ["counter:a"], False)
    # where the map prepared no answer it says so and does not ask whether the answer covered it
    assert result.unprepared == ["counter:b"]
    assert "Please answer y or n." in said and "  The map has NO PREPARED ANSWER to this." in said
    assert said[-1] == "Nothing to check your answer against: it is scored apart."
    assert asked.count("Did your answer cover it? [y/n] ") == 2 and asked[-1] == "Your answer (Enter to pass): "


def test_prompts_wrap_at_the_width_and_the_review_lists_claim_ids() -> None:
    from argmap.debate.drill import summary

    m = load_bytes(ASSAD.read_bytes(), file="a.yaml").map
    items = [i for i in drill_items(m, side="for") if i.key == "counter:motive-is-inferred"]  # type: ignore[arg-type]
    said: list[str] = []
    answers = iter(["", None])
    result = run_session(items, DrillIO(lambda p: next(answers), lambda text, style: said.append(text)), width=50)
    assert all(len(line) <= 50 for text in said for line in text.splitlines()), said
    assert said[1].splitlines()[0] == "The article states the regime's aim but shows no"
    assert said[1].splitlines()[1].startswith("  order, document")  # later lines indented under the first
    assert said[0].startswith("\n[1/1] ")  # a blank line before each item, the number at the line's start
    review = [text for text, _ in summary(items, result, width=50)]
    assert review[1:] == ["To review:", "  motive-is-inferred: The article states the…"]
    review = [text for text, _ in summary(items, result, width=100)]
    assert review[2] == "  motive-is-inferred: The article states the regime's aim but shows no order, document or…"
    assert len(review[2]) <= 100


def test_interrupt_keeps_the_score_so_far() -> None:
    m = load_bytes(SMALL.encode(), file="s.yaml").map
    items = drill_items(m, side="for")  # type: ignore[arg-type]
    replies = iter(["x", "y"])

    def ask(prompt: str) -> str | None:
        try:
            return next(replies)
        except StopIteration:
            raise KeyboardInterrupt from None

    result = run_session(items, DrillIO(ask, lambda text, style: None))
    assert (result.covered, result.missed, result.interrupted) == (["evidence:p"], [], True)


def test_piped_session_scores_saves_and_asks_missed_first(small: Path, tmp_path: Path) -> None:
    code, out, err = run("drill", str(small), "--seed", "1", input="ev\ny\n\nans\nn\n")
    assert code == 0 and err == ""
    assert "Score: 1/3 covered\n" in out
    assert "[bold red]markup[/] and :warning:" in out  # markup and emoji codes shown as typed
    assert out.index("[1/3]") < out.index("[2/3]") < out.index("[3/3]")
    state = json.loads(state_file(tmp_path).read_text())
    missed = state["maps"][f"path:{small.resolve()}"]["missed"]
    assert len(missed) == 2 and set(missed) < {"evidence:p", "counter:a", "counter:b"}
    assert "To review:\n  " + missed[0].split(":")[1] + ": " in out  # claim ids, not internal keys
    code, out, _ = run("drill", str(small), "--seed", "1", "--count", "2", input="")
    assert code == 0 and "Score: 0/0 covered (session ended early)" in out
    texts = {
        "evidence:p": "A premise.",
        "counter:a": "An attack with [bold red]markup[/] and :warning:",
        "counter:b": "An unanswered attack.",
    }
    assert out.split("[1/2] ", 1)[1].split("\n", 2)[1] == texts[missed[0]]


def test_covered_items_leave_the_review_list(small: Path, tmp_path: Path) -> None:
    run("drill", str(small), "--focus", "b", input="\n")
    path = f"path:{small.resolve()}"
    assert json.loads(state_file(tmp_path).read_text())["maps"][path]["missed"] == ["counter:b"]
    run("drill", str(small), "--focus", "b", input="answer\nyes\n")
    assert json.loads(state_file(tmp_path).read_text())["maps"][path]["missed"] == []


def test_no_save_writes_nothing(small: Path, tmp_path: Path) -> None:
    code, out, _ = run("drill", str(small), "--no-save", input="\n\n\n")
    assert code == 0 and "Score: 0/3 covered" in out
    assert not (tmp_path / "state").exists()


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b"[1, 2]", b'{"version": 99, "maps": {}}'])
def test_corrupt_state_is_ignored_with_a_warning(small: Path, tmp_path: Path, content: bytes) -> None:
    state_file(tmp_path).parent.mkdir(parents=True)
    state_file(tmp_path).write_bytes(content)
    code, out, err = run("drill", str(small), "--count", "1", input="\n")
    assert code == 0 and "Score: 0/1 covered" in out
    assert err.startswith("argmap: warning: ignoring ") and str(state_file(tmp_path)) in err
    assert json.loads(state_file(tmp_path).read_text())["version"] == 1  # replaced by a good one


def test_unknown_focus_and_stdin_map_are_usage_errors(small: Path) -> None:
    code, _, err = run("drill", str(small), "--focus", "rr")
    assert code == 2 and err == f"argmap: --focus: no claim 'rr' in {small}\n"
    assert run("drill", "-")[0] == 2


def test_state_path_follows_xdg() -> None:
    assert state_path({"XDG_STATE_HOME": "/x"}) == Path("/x/argmap/drill.json")
    default = Path(os.path.expanduser("~")) / ".local" / "state" / "argmap" / "drill.json"
    assert state_path({}) == default
    assert state_path({"XDG_STATE_HOME": "relative/dir"}) == default  # the spec: ignore relative values


def test_subprocess_with_piped_stdin(small: Path, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "drill", str(small), "--seed", "3"],
        input="a\ny\nb\ny\nc\ny\n",
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    # 'b' has no prepared answer: its answer is scored apart, and the review lists it by claim id
    assert "Score: 2/2 covered; 1 answered with no prepared answer to check (scored apart)" in proc.stdout
    assert proc.stdout.rstrip().endswith("No prepared answer in the map:\n  b: An unanswered attack.")
    assert json.loads(state_file(tmp_path).read_text())["maps"][f"path:{small.resolve()}"]["missed"] == []


def _read_until(fd: int, marker: bytes, timeout: float = 30.0) -> bytes:
    data = b""
    deadline = time.monotonic() + timeout
    while marker not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"timed out waiting for {marker!r}; got {data[-500:]!r}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
    return data


def test_real_pseudo_terminal_session_with_ctrl_c(small: Path, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "TERM": "xterm", "COLUMNS": "100"}
    pid, master = pty.fork()  # the child gets the terminal as its controlling tty, so ^C is SIGINT
    if pid == 0:
        try:
            os.execve(sys.executable, [sys.executable, "-m", "argmap", "drill", str(small), "--seed", "1"], env)
        finally:
            os._exit(127)
    try:
        _read_until(master, b"Your answer (Enter to pass): ")
        os.write(master, b"typed at a terminal\r")
        _read_until(master, b"[y/n] ")
        os.write(master, b"y\r")
        _read_until(master, b"Your answer (Enter to pass): ")
        os.write(master, b"\x03")  # Ctrl-C, turned into SIGINT by the terminal
        rest = _read_until(master, b"covered")
        rest += _read_until(master, b"\n", timeout=10)
        code = _wait(pid, timeout=30)
        pid = 0
        assert code == 0
    finally:
        if pid:  # still running after a failure: stop our own child
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(master)
    text = rest.decode("utf-8", "replace")
    assert "Score: 1/1 covered (session ended early)" in text.replace("\x1b[1m", "").replace("\x1b[0m", "")
    assert "Traceback" not in text


def _wait(pid: int, *, timeout: float) -> int:
    """The exit code of child `pid`, polling so that a hung child fails the test instead of hanging it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    raise AssertionError("drill did not exit")


def test_nothing_to_drill_below_a_focus_says_so(small: Path) -> None:
    code, out, _ = run("drill", str(small), "--focus", "r", "--no-save", input="")
    assert code == 0
    assert "Nothing to drill: there are no counterpoints or premises at or below 'r'." in out
