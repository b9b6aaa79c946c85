"""The package's digest, which every job that runs the package takes as a parameter."""

from __future__ import annotations


def test_the_package_digest_covers_every_package_file_but_caches_and_hidden_files(tmp_path):
    """Data files and templates count as package code; bytecode and editors' lock files do not (a
    dangling lock symlink must not stop the workflow), and the digest moves with any such file."""
    from migration_evidence.package_digest import package_digest, package_files

    root = tmp_path / "pkg"
    (root / "sub" / "__pycache__").mkdir(parents=True)
    for name in ("a.py", "sub/page.css", "sub/table.yaml", "sub/__pycache__/a.cpython-311.pyc"):
        (root / name).write_text("x\n", encoding="utf-8")
    (root / ".#a.py").symlink_to(root / "missing")
    assert package_files(root) == [root / n for n in ("a.py", "sub/page.css", "sub/table.yaml")]
    before = package_digest(root)
    (root / "sub/__pycache__/a.cpython-311.pyc").write_text("y\n", encoding="utf-8")
    assert package_digest(root) == before
    (root / "sub/page.css").write_text("y\n", encoding="utf-8")
    assert package_digest(root) != before
