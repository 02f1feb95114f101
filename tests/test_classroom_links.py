"""The class link: nbgitpuller's git-pull behind the hub's user-redirect, and bad addresses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from closing_kit.classroom.links import DEFAULT_REPO, LinkError, class_link, parse_class_link

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("hub", "base"),
    [
        ("https://hub.example.org", "https://hub.example.org"),
        ("https://hub.example.org/", "https://hub.example.org"),
        ("https://hub.example.org/hub/login", "https://hub.example.org"),
        ("https://uni.example.edu/jupyter/user/ana/lab", "https://uni.example.edu/jupyter"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_the_link_parses_and_round_trips(hub, base):
    """Parsing the link gives back the hub, repository, branch and the notebooks' path."""
    link = class_link(hub, "https://github.com/someone/closing-kit.git", "spring-2027")
    parts = parse_class_link(link)
    assert parts == {
        "hub": base,
        "repo": "https://github.com/someone/closing-kit.git",
        "branch": "spring-2027",
        "targetpath": "closing-kit",
        "urlpath": "lab/tree/closing-kit/notebooks",
    }
    assert urlsplit(link).path.endswith("/hub/user-redirect/git-pull")
    assert class_link(parts["hub"], parts["repo"], parts["branch"]) == link


def test_the_notebooks_folder_the_link_opens_exists():
    """The link lands in the repository's notebooks/ folder, which holds the practice notebooks."""
    urlpath = parse_class_link(class_link("https://h.example.org"))["urlpath"]
    folder = urlpath.split("/", 3)[3]
    assert sorted((ROOT / folder).glob("05-*.ipynb"))


def test_the_default_repository_is_the_books_own():
    """The default --repo is the repository _config.yml names."""
    assert f"url: {DEFAULT_REPO}" in (ROOT / "_config.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("hub", "repo", "branch", "says"),
    [
        ("", DEFAULT_REPO, "main", "give the hub's address"),
        ("hub.example.org", DEFAULT_REPO, "main", "needs to start with https://"),
        ("ftp://hub.example.org", DEFAULT_REPO, "main", "not ftp://"),
        ("https://", DEFAULT_REPO, "main", "no host name"),
        ("https://ana:secret@hub.example.org", DEFAULT_REPO, "main", "user name or password"),
        ("https://hub.example.org:99999", DEFAULT_REPO, "main", "port"),
        ("https://hub.example.org/?next=x", DEFAULT_REPO, "main", "without the part from ?"),
        ("https://hub example.org", DEFAULT_REPO, "main", "space"),
        ("https://hub.example.org", "", "main", "--repo"),
        ("https://hub.example.org", "javascript:alert(1)", "main", "should start with https://"),
        ("https://hub.example.org", "https://github.com/", "main", "names no repository"),
        ("https://hub.example.org", DEFAULT_REPO, "-x", "not a branch name"),
        ("https://hub.example.org", DEFAULT_REPO, "a..b", "not a branch name"),
    ],
)
def test_a_bad_address_is_refused_in_one_line(hub, repo, branch, says):
    """Each problem gets one line that says what is wrong."""
    with pytest.raises(LinkError) as err:
        class_link(hub, repo, branch)
    assert says in str(err.value) and "\n" not in str(err.value)


def test_the_command_prints_the_link_or_one_line(tmp_path):
    """closing-kit class-link prints the link (exit 0), or one line and exit 2."""
    ok = subprocess.run(
        [sys.executable, "-m", "closing_kit", "class-link", "--hub", "https://hub.example.org"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert parse_class_link(ok.stdout.strip())["repo"] == DEFAULT_REPO
    bad = subprocess.run(
        [sys.executable, "-m", "closing_kit", "class-link", "--hub", "hub.example.org"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
