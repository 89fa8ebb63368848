"""``luoshi backup`` then ``luoshi restore`` into a fresh database finds every row (issue 12 §5)."""

import sqlite3

from .conftest import REPO, run_luoshi


def _rows(path):
    with sqlite3.connect(path) as db:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: db.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


def test_backup_and_restore_into_a_fresh_database(production_env, tmp_path):
    ingest = run_luoshi("ingest", str(REPO / "data" / "jincheng-2020-02.txt"), env=production_env)
    assert ingest.returncode == 0, ingest.stderr
    backup = run_luoshi("backup", str(tmp_path / "luoshi.backup"), env=production_env)
    assert backup.returncode == 0, backup.stderr
    fresh = {**production_env, "LUOSHI_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    restore = run_luoshi("restore", str(tmp_path / "luoshi.backup"), env=fresh)
    assert restore.returncode == 0, restore.stderr
    original = _rows(tmp_path / "luoshi.sqlite3")
    assert sum(len(rows) for rows in original.values()) > 1000
    assert _rows(tmp_path / "fresh.sqlite3") == original
    documents = run_luoshi("documents", "--json", env=fresh)
    assert documents.returncode == 0 and "晋市政发" in documents.stdout


def test_restore_refuses_what_is_not_a_backup(production_env, tmp_path):
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database")
    result = run_luoshi("restore", str(junk), env=production_env)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
