"""Tracebacks instead of messages: phase arguments, hostile plan text (ids with a
trailing newline, control characters, a zero node diameter), standard output closed,
full or cut, no X server, and the commands that must not import Qt at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PLANS, ROOT

from .conftest import BOUND, assert_ok, assert_refused, cli

PHASE_ARGS = {
    "²": 2,
    "٣": 2,
    "9" * 5000: 2,
    "-1": 2,
    "0": 2,
    "99999999999": 2,
    "1e3": 2,
    "": 2,
    " 3 ": 0,
    "+2": 0,
    "first": 0,
    "final": 0,
    "tianhe": 0,
    "nope\n": 2,
    "3\x1b[2J": 2,
}


@pytest.mark.parametrize("value", sorted(PHASE_ARGS), ids=lambda v: repr(v)[:20])
def test_phase_arguments(value):
    res = cli("info", "--plan", "tiangong", "--phase", value)
    if PHASE_ARGS[value]:
        assert_refused(res)
        assert len(res.err.strip().splitlines()) == 1, res.err
        assert "\x1b" not in res.err
    else:
        assert_ok(res)


# ------------------------------------------------------------------ hostile plan text


def gen_plan_variants() -> dict[str, tuple[str, int]]:
    """name -> (plan text derived from tiangong.toml, expected exit code)."""
    base = (PLANS / "tiangong.toml").read_text(encoding="utf-8")
    out = {
        "module_id_trailing_newline": (
            base.replace("modules.mengtian", 'modules."mengtian\\n"').replace(
                '"mengtian"', '"mengtian\\n"'
            ),
            2,
        ),
        "phase_id_trailing_newline": (
            base.replace('id = "wentian-dock"', 'id = "wentian-dock\\n"'),
            2,
        ),
        "control_characters_in_a_name": (
            base.replace(
                'en = "Tianhe core module"',
                'en = "Tianhe\\u001b[2J core\\u009b31m module\\u0007"',
            ),
            None,
        ),
        "core_node_diameter_zero": (
            base.replace(
                "[modules.tianhe.shape]", "[modules.tianhe.shape]\nnode_diameter = 0"
            ),
            2,
        ),
        "core_node_diameter_negative": (
            base.replace(
                "[modules.tianhe.shape]", "[modules.tianhe.shape]\nnode_diameter = -1"
            ),
            2,
        ),
    }
    for name, (text, _) in out.items():
        assert text != base, name  # the mutation found its place in the plan
    return out


@pytest.mark.parametrize("variant", sorted(gen_plan_variants()))
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_hostile_plan_text(variant, fmt, tmp_path):
    text, expected = gen_plan_variants()[variant]
    path = tmp_path / f"{variant}.toml"
    path.write_text(text, encoding="utf-8")
    res = cli("info", "--plan", str(path), *(["--json"] if fmt == "json" else []))
    assert "Traceback" not in res.err
    for stream in (res.out, res.err):
        assert not any(c in stream for c in "\x1b\x07\x9b"), stream[:300]
    if expected is None:
        assert res.code in (0, 2), res.err
    else:
        assert res.code == expected, (res.code, res.err)
    if res.code == 0 and fmt == "json":
        json.loads(res.out)
    if res.code == 2:
        assert_refused(res, path.name)


# ------------------------------------------------------------------ standard output


def _sh(script: str, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", "-c", script, "sh", sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        timeout=BOUND,
        **kw,
    )


@pytest.mark.parametrize("args", [("plans",), ("info", "--plan", "tiangong")])
def test_stdout_closed(args):
    res = _sh('p="$1"; m="$2"; shift 2; exec "$p" "$m" "$@" >&-', *args)
    err = res.stderr.decode()
    assert res.returncode == 2, err
    assert "Traceback" not in err
    assert "standard output is closed" in err


@pytest.mark.parametrize("args", [("plans",), ("info", "--plan", "iss")])
def test_stdout_full(args):
    with open("/dev/full", "w") as full:
        res = subprocess.run(
            [sys.executable, "main.py", *args],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=BOUND,
        )
    err = res.stderr.decode()
    assert res.returncode == 2, err
    assert "Traceback" not in err
    assert "No space left" in err
    assert len(err.strip().splitlines()) == 1, err


def test_stdout_cut_short():
    proc = subprocess.Popen(
        [sys.executable, "main.py", "info", "--plan", "iss"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(BOUND) == 0, err
    assert not err, err  # not even "Exception ignored ... BrokenPipeError"


def test_a_model_name_that_is_not_utf8_is_printed_escaped(tmp_path):
    path = os.fsencode(tmp_path) + b"/caf\xe9\x1b.obj"
    Path(os.fsdecode(path)).write_text("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n")
    for extra in ((), ("--json",)):
        res = cli("inspect", path, *extra, env={"PYTHONIOENCODING": "utf-8:strict"})
        assert_ok(res)
        text = res.stdout.decode("utf-8")
        assert "\x1b" not in text
        # text: the byte as \xe9; JSON: the name's surrogate escape, \udce9
        assert "\\xe9" in text or "\\udce9" in text, text


# ------------------------------------------------------------------ no display, no Qt


@pytest.mark.parametrize(
    "command",
    [("export", "--plan", "tiangong", "--size", "64x64", "--out", "{tmp}/a.png"), ()],
)
@pytest.mark.parametrize("display", [":97", None])
def test_no_x_server_is_one_line_not_an_abort(command, display, tmp_path):
    """The app says in one line that it needs a display (Qt would abort with exit 134
    and a hint to reinstall xcb-cursor0); an export either renders without X (the
    EGL route, where the machine has it) or says so in one line."""
    args = [a.format(tmp=tmp_path) for a in command]
    res = cli(
        *args,
        env={"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": None},
        timeout=BOUND,
    )
    assert "xcb-cursor0" not in res.err
    if command and res.code == 0:
        assert_ok(res)
        assert (tmp_path / "a.png").exists()
        return
    assert_refused(res, "display")
    assert len(res.err.strip().splitlines()) == 1, res.err
    assert not list(tmp_path.iterdir())


NO_QT_COMMANDS = {
    "plans": ("plans",),
    "plans-json": ("plans", "--json"),
    "info": ("info", "--plan", "tiangong"),
    "info-json": ("info", "--plan", "tiangong", "--phase", "2", "--json"),
    "inspect": ("inspect", "{tmp}/m.obj"),
    "export-glb": ("export", "--plan", "tiangong", "--out", "{tmp}/s.glb"),
    "export-obj": ("export", "--plan", "tiangong", "--out", "{tmp}/s.obj"),
    "export-stl-all": (
        "export",
        "--plan",
        "tiangong",
        "--phase",
        "all",
        "--out",
        "{tmp}/s.stl",
    ),
    "error": ("info", "--plan", "no-such-plan"),
}


@pytest.mark.parametrize("name", sorted(NO_QT_COMMANDS))
def test_commands_that_need_no_display_import_no_qt(name, tmp_path):
    (tmp_path / "m.obj").write_text("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n")
    args = [a.format(tmp=tmp_path) for a in NO_QT_COMMANDS[name]]
    res = cli(*args, env={"DISPLAY": None}, wrapper="_no_qt.py")
    assert "must not be imported" not in res.err, res.err
    assert "hostile test: loaded" not in res.err, res.err
    if name == "error":
        assert_refused(res, "no-such-plan")
    else:
        assert_ok(res)
