"""nox sessions: the test suite on every supported Python, lint, and type-check.

Run them all with `nox`; one with `nox -s lint`. Installs come from the dependency
groups in pyproject.toml, so the sessions and a developer's environment agree.
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = False

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The whole test suite (unit, CLI, process and doctests) against the installed package."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "test"))
    # the pre-commit hook test installs the hook's environment from scratch (about a minute and a
    # half) and the huge hostile inputs take a minute more; once, on the first Python, is enough:
    # they exercise the same code on every version
    first = session.python == PYTHONS[0]
    session.run("pytest", *session.posargs, env={"CLIPCLEAN_ONCE_TESTS": "1" if first else "0"})


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """ruff: lint rules and formatting."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python="3.11")
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package and the tests."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "typecheck"))
    session.run("mypy")


@nox.session(python="3.11", default=False)
def benchmark(session: nox.Session) -> None:
    """Throughput and memory at 10k and 100k clippings (hours; `nox -s benchmark -- --sizes 1000`)."""
    session.install(".")
    session.run("python", "benchmarks/scale.py", *session.posargs)
