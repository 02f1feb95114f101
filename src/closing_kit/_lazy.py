"""Names a package loads on first use, so importing the package imports nothing else.

Used by ``closing_kit``, ``closing_kit.workbook`` and ``closing_kit.classroom``:
the engine stays standard-library-only at import, and each command or
exercise loads only the libraries it uses.
"""


def lazy_names(package: str, names: dict[str, str], namespace: dict):
    """``__getattr__`` and ``__dir__`` for ``package``.

    ``names`` maps a public name to the module defining it: a module of the
    package by its short name ("contacts"), or any module by its dotted path.
    A name is imported once, then kept in ``namespace`` (the package's globals).
    """

    def __getattr__(name: str):
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        path = module if "." in module else f"{package}.{module}"
        import importlib  # not at the top: MicroPython, which runs the engine, has none

        value = getattr(importlib.import_module(path), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(list(namespace) + list(names))

    return __getattr__, __dir__
