"""`archive bag DIR`: a valid BagIt bag of the originals, cleaned texts, export and glossary."""

from __future__ import annotations

import json
from pathlib import Path

import bagit
import pytest

from archivist.cli import main

from .conftest import ARCHIVE, ROOT

EPOCH = "1700000000"  # 2023-11-14T22:13:20Z


def bag(out: Path, *extra: str) -> int:
    return main(
        ["bag", str(out), "--archive", str(ARCHIVE), "--config", str(ROOT / "mkdocs.yml"), "--cache", "", *extra]
    )


@pytest.fixture(scope="module")
def bagged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        out = tmp_path_factory.mktemp("bags") / "bag"
        assert bag(out) == 0
    return out


def bag_info(out: Path) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in (out / "bag-info.txt").read_text(encoding="utf-8").splitlines())


def test_the_bag_validates(bagged: Path) -> None:
    assert bagit.Bag(str(bagged)).validate()
    assert sorted(p.name for p in bagged.iterdir() if p.is_file()) == [
        "bag-info.txt",
        "bagit.txt",
        "manifest-sha256.txt",
        "manifest-sha512.txt",
        "rights.txt",
        "tagmanifest-sha256.txt",
        "tagmanifest-sha512.txt",
    ]


def test_the_bag_holds_every_original_and_curator_file_byte_for_byte(bagged: Path) -> None:
    sources = sorted(
        p for p in (ARCHIVE / "articles").glob("*/*") if p.name.startswith("original.") or p.name == "article.yml"
    )
    assert len([p for p in sources if p.name.startswith("original.")]) == len(list((ARCHIVE / "articles").iterdir()))
    for source in sources:
        copy = bagged / "data" / source.relative_to(ROOT)
        assert copy.read_bytes() == source.read_bytes(), source


def test_the_bag_holds_the_export_the_site_publishes(bagged: Path, built_site: Path) -> None:
    export = (bagged / "data" / "articles.json").read_bytes()
    assert export == (built_site / "data" / "articles.json").read_bytes()
    for article in json.loads(export):  # each `source` names its original inside the bag
        assert (bagged / "data" / article["source"]).is_file(), article["source"]


def test_the_bag_holds_the_cleaned_texts_and_the_glossary(bagged: Path) -> None:
    articles = json.loads((bagged / "data" / "articles.json").read_text(encoding="utf-8"))
    cleaned = sorted(p.name for p in (bagged / "data" / "cleaned").iterdir())
    assert cleaned == sorted(f"{a['id']}.txt" for a in articles)
    for article in articles:
        text = (bagged / "data" / "cleaned" / f"{article['id']}.txt").read_text(encoding="utf-8")
        title, blank, first = text.split("\n")[:3]
        assert (title, blank) == (article["title"], "")
        assert first == next(b["text"] for b in article["body"] if b["kind"] != "break").split("\n")[0]
        for block in article["body"]:
            assert block["text"] in text
    glossary, copies = ARCHIVE / "glossary", bagged / "data" / "archive" / "glossary"
    names = sorted(p.name for p in glossary.glob("*.md"))
    assert sorted(p.name for p in copies.iterdir()) == names
    for name in names:
        assert (copies / name).read_bytes() == (glossary / name).read_bytes(), name


def test_bag_info_says_who_what_when_and_how_much(bagged: Path) -> None:
    info = bag_info(bagged)
    assert info["Source-Organization"] == "Immigration Enforcement News Archive"  # mkdocs.yml's site_name
    assert "cleaned texts" in info["External-Description"]
    assert info["Bagging-Date"] == "2023-11-14"  # from SOURCE_DATE_EPOCH
    payload = [p for p in (bagged / "data").rglob("*") if p.is_file()]
    assert info["Payload-Oxum"] == f"{sum(p.stat().st_size for p in payload)}.{len(payload)}"


def test_bag_info_and_rights_txt_give_the_rights_and_the_takedown_contact(bagged: Path) -> None:
    """mkdocs.yml's archive options: the archive's statement in bag-info.txt, each article's in rights.txt."""
    info = bag_info(bagged)
    assert info["Rights-Statement"] == "http://rightsstatements.org/vocab/InC/1.0/"
    assert info["Rights-Label"] == "In Copyright"
    assert info["Takedown-Contact"] == "https://github.com/immigration-news-archive/archive/issues/new"
    articles = json.loads((bagged / "data" / "articles.json").read_text(encoding="utf-8"))
    rows = [line.split("  ") for line in (bagged / "rights.txt").read_text(encoding="utf-8").splitlines()]
    assert sorted(folder for _, folder in rows) == sorted(f"data/archive/articles/{a['id']}/" for a in articles)
    by_folder = {folder: uri for uri, folder in rows}
    for article in articles:
        assert by_folder[f"data/archive/articles/{article['id']}/"] == article["rights"]["uri"]
        assert (bagged / f"data/archive/articles/{article['id']}").is_dir()


def test_two_bags_of_the_same_archive_are_identical(
    bagged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert bag(tmp_path / "again", "--organization", "Immigration Enforcement News Archive") == 0
    tags = [p.name for p in bagged.iterdir() if p.is_file()]  # bag-info, bagit, (tag)manifests
    for name in tags:
        assert (tmp_path / "again" / name).read_bytes() == (bagged / name).read_bytes(), name


def test_bag_refuses_a_non_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    assert bag(tmp_path) == 2
    assert capsys.readouterr().err == (
        f"archive bag: {tmp_path}: is not an empty folder (name a new or empty one: a bag is written whole)\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me\n"


def test_bag_writes_into_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bag(tmp_path) == 0
    assert bagit.Bag(str(tmp_path)).is_valid()
    assert capsys.readouterr().out.startswith(f"archive bag: wrote {tmp_path}: ")
