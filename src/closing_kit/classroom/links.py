"""A class link for a JupyterHub: one click clones (or updates) the course and opens its notebooks.

The link is nbgitpuller's ``git-pull`` endpoint behind JupyterHub's
``/hub/user-redirect/``: each learner who follows it logs in, gets (or keeps) their
own copy of the repository in their home, and lands in JupyterLab's file browser
at ``<repository folder>/notebooks``. nbgitpuller must be installed on the hub's
user servers. Standard library only.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlencode, urlsplit

__all__ = ["DEFAULT_REPO", "LinkError", "class_link", "parse_class_link", "repo_folder"]

#: The course's public repository (as ``_config.yml``'s ``repository.url``).
DEFAULT_REPO = "https://github.com/closing-kit/closing-kit"
NOTEBOOKS = "notebooks"
_REPO_SCHEMES = ("https", "http", "git", "ssh", "file")
_SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:[^\s]+$")
_FOLDER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_BRANCH = re.compile(r"^(?!-)(?!.*\.\.)(?!.*//)[A-Za-z0-9._/-]+(?<![./])$")


class LinkError(ValueError):
    """An address or branch that cannot make a working link; ``str(err)`` is one line."""


def hub_base(hub: str) -> str:
    """The hub's base address (``https://host[/prefix]``), or ``LinkError`` saying what is wrong."""
    text = (hub or "").strip()
    if not text:
        raise LinkError("give the hub's address, e.g. --hub https://hub.example.org")
    if any(c.isspace() for c in text):
        raise LinkError(f"the hub address {text!r} has a space in it")
    if "://" not in text:
        raise LinkError(f"the hub address {text!r} needs to start with https:// (or http://)")
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        raise LinkError(
            f"the hub address should start with https:// or http://, not {parts.scheme}://"
        )
    if not parts.hostname:
        raise LinkError(f"the hub address {text!r} has no host name")
    if parts.username or parts.password:
        raise LinkError("the hub address should not hold a user name or password")
    try:
        parts.port  # noqa: B018  (raises for a port that is not a number in range)
    except ValueError:
        raise LinkError(f"the hub address {text!r} has a port that is not valid") from None
    if parts.query or parts.fragment:
        raise LinkError("give the hub's address only, without the part from ? or #")
    path = parts.path
    # A pasted address from inside the hub (".../hub/login", ".../user/ana/lab") keeps its prefix.
    for marker in ("/hub/", "/user/"):
        if marker in path + "/":
            path = (path + "/").split(marker, 1)[0]
    return f"{parts.scheme.lower()}://{parts.netloc}{path.rstrip('/')}"


def repo_folder(repo: str) -> str:
    """The folder the repository is cloned into: its last path part, without ``.git``."""
    name = repo.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return name[:-4] if name.endswith(".git") else name


def _check_repo(repo: str) -> str:
    text = (repo or "").strip()
    if not text:
        raise LinkError("give the repository's address with --repo")
    if any(c.isspace() for c in text):
        raise LinkError(f"the repository address {text!r} has a space in it")
    if not _SCP_LIKE.match(text):
        parts = urlsplit(text)
        if parts.scheme.lower() not in _REPO_SCHEMES:
            raise LinkError(
                f"the repository address {text!r} should start with https:// "
                "(or be a git, ssh or file:// address)"
            )
        if parts.scheme.lower() != "file" and not parts.hostname:
            raise LinkError(f"the repository address {text!r} has no host name")
        if parts.query or parts.fragment:
            raise LinkError("give the repository's address only, without the part from ? or #")
        if not parts.path.strip("/"):
            raise LinkError(f"the repository address {text!r} names no repository after the host")
    folder = repo_folder(text)
    if not _FOLDER.match(folder):
        raise LinkError(f"the repository address {text!r} does not end in a folder name")
    return text


def class_link(hub: str, repo: str = DEFAULT_REPO, branch: str = "main") -> str:
    """The nbgitpuller link that opens the practice notebooks on ``hub``."""
    base = hub_base(hub)
    repo = _check_repo(repo)
    if not _BRANCH.match(branch or ""):
        raise LinkError(f"{branch!r} is not a branch name git accepts")
    folder = repo_folder(repo)
    query = urlencode(
        {
            "repo": repo,
            "branch": branch,
            "targetpath": folder,
            "urlpath": f"lab/tree/{folder}/{NOTEBOOKS}",
        },
        quote_via=quote,
        safe="",
    )
    return f"{base}/hub/user-redirect/git-pull?{query}"


def parse_class_link(link: str) -> dict[str, str]:
    """The parts of a class link: ``hub``, ``repo``, ``branch``, ``targetpath``, ``urlpath``."""
    parts = urlsplit(link)
    marker = "/hub/user-redirect/git-pull"
    if not parts.path.endswith(marker):
        raise LinkError(
            "this is not a class link (it does not go to .../hub/user-redirect/git-pull)"
        )
    query = {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}
    hub = f"{parts.scheme}://{parts.netloc}{parts.path[: -len(marker)]}"
    return {"hub": hub, **query}
