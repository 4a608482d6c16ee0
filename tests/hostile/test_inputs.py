"""Hangs and unbounded reads: every input path that is not a regular file within its
bound (a FIFO, a device, a folder, a socket, a link to any of them or to nothing, a huge
sparse file) is refused at once with one line naming it, by every command that reads
one: plan files (info, export), model files (inspect) and, through the resolver,
textures and material files."""

from __future__ import annotations

import pytest

from tests.conftest import PLANS

from .conftest import KINDS, Snapshot, assert_ok, assert_refused, cli, gen_special_input


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("command", ["info", "export-glb", "inspect"])
def test_hostile_input_paths_are_refused_at_once(kind, command, short_tmp):
    suffix = ".obj" if command == "inspect" else ".toml"
    path = gen_special_input(kind, short_tmp, suffix)
    out = short_tmp / "out.glb"
    snap = Snapshot(short_tmp)
    if command == "info":
        res = cli("info", "--plan", str(path))
    elif command == "export-glb":
        res = cli("export", "--plan", str(path), "--out", str(out))
    else:
        res = cli("inspect", str(path))
    assert_refused(res, str(path), KINDS[kind])
    assert len(res.err.strip().splitlines()) == 1, res.err
    snap.assert_unchanged()


@pytest.mark.parametrize("kind", ["fifo", "link_to_zero", "sparse_1_5_gib", "folder"])
def test_textures_and_materials_that_are_not_files_are_named_not_read(kind, short_tmp):
    """An OBJ whose MTL, or an MTL whose texture, is a hostile path still loads; the
    path is listed as not loaded, with the reason."""
    cube = "\n".join(
        [
            "mtllib m.mtl",
            "v 0 0 0",
            "v 1 0 0",
            "v 1 1 0",
            "v 0 1 0",
            "vt 0 0",
            "vt 1 0",
            "vt 1 1",
            "vt 0 1",
            "usemtl skin",
            "f 1/1 2/2 3/3",
            "f 1/1 3/3 4/4",
        ]
    )
    (short_tmp / "model.obj").write_text(cube)
    tex = gen_special_input(kind, short_tmp, ".png")
    (short_tmp / "m.mtl").write_text(f"newmtl skin\nKd 1 1 1\nmap_Kd {tex.name}\n")
    res = cli("inspect", str(short_tmp / "model.obj"))
    assert_ok(res)
    assert tex.name in res.out
    assert "not loaded" in res.out
    line = next(ln for ln in res.out.splitlines() if "not loaded" in ln)
    reasons = (KINDS[kind].split()[0], "memory limit", "outside the model's folder")
    assert any(r in line for r in reasons), res.out
    # the material file itself hostile: the model loads without it
    (short_tmp / "m.mtl").unlink()
    gen_special_input(kind, short_tmp, ".mtl").rename(short_tmp / "m.mtl")
    res = cli("inspect", str(short_tmp / "model.obj"))
    assert_ok(res)
    assert "m.mtl" in res.out


def test_a_texture_bigger_than_the_import_budget_is_reported(short_tmp):
    """A 2 GiB texture file inside the model's folder is not read; inspect says so."""
    cube = "\n".join(
        [
            "mtllib m.mtl",
            "v 0 0 0",
            "v 1 0 0",
            "v 1 1 0",
            "vt 0 0",
            "vt 1 0",
            "vt 1 1",
            "usemtl skin",
            "f 1/1 2/2 3/3",
        ]
    )
    (short_tmp / "model.obj").write_text(cube)
    (short_tmp / "m.mtl").write_text("newmtl skin\nmap_Kd big.png\n")
    with open(short_tmp / "big.png", "wb") as f:
        f.truncate(2 * 2**30 + 1)
    res = cli("inspect", str(short_tmp / "model.obj"))
    assert_ok(res)
    line = next(ln for ln in res.out.splitlines() if "not loaded" in ln)
    assert "big.png" in line, res.out
    assert "memory limit" in line, res.out


def test_bundled_plans_still_open():
    res = cli("info", "--plan", str(PLANS / "mir.toml"))
    assert_ok(res)


def gen_chain_plan(modules: int, phases: int) -> str:
    """A valid plan of `modules` cylinders docked in a chain over `phases` phases,
    built on tiangong.toml's header and sources."""
    head = (PLANS / "tiangong.toml").read_text(encoding="utf-8").split("[modules.")[0]
    out = [head]
    for i in range(modules):
        out.append(
            f'[modules.m{i}]\nkind = "cylinder"\ncategory = "module"\n'
            f'name = {{ en = "Module {i}", ru = "Модуль {i}" }}\n'
            f'abbr = {{ en = "M{i}", ru = "М{i}" }}\n'
            'role = { en = "A laboratory.", ru = "Лаборатория." }\n'
            f"[modules.m{i}.shape]\nlength = 8.0\ndiameter = 4.0\n"
            'basis = "published"\n'
        )
    per, k = max(1, modules // phases), 0
    for p in range(phases):
        adds = []
        for _ in range(per if p < phases - 1 else modules - k):
            adds.append(
                '{ module = "m0" }'
                if k == 0
                else f'{{ module = "m{k}", to = "m{k - 1}", port = "fwd", '
                'own_port = "aft" }'
            )
            k += 1
        out.append(
            f'[[phases]]\nid = "p{p}"\nname = {{ en = "Phase {p}", '
            f'ru = "Этап {p}" }}\ndate = "2030-01-01"\nsources = ["T3"]\n'
            'confidence = "confirmed"\n'
            + ('root = "m0"\n' if p == 0 else "")
            + f"add = [ {', '.join(adds)} ]\n"
        )
    return "\n".join(out)


@pytest.mark.parametrize(
    ("modules", "phases", "words"),
    [
        (200, 200, None),  # the documented limits: opens (16 s before, now linear)
        (201, 201, "at most 200"),  # past them: refused at once
    ],
)
def test_large_plans_open_or_are_refused_quickly(modules, phases, words, tmp_path):
    path = tmp_path / "large.toml"
    path.write_text(gen_chain_plan(modules, phases), encoding="utf-8")
    res = cli("info", "--plan", str(path), "--phase", "final")
    if words is None:
        assert_ok(res)
        assert "200 modules" in res.out
    else:
        assert_refused(res, words)
