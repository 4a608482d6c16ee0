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
