"""The rules, one module per element (`eN_<element>.py`). Importing this package imports
every such module found in it, which registers its rules: a module is never listed by hand,
so none can be left out."""

import importlib
import pkgutil

MODULES = tuple(sorted(found.name for found in pkgutil.iter_modules(__path__)
                       if found.name[:1] == "e" and found.name[1:2].isdigit()))

for _name in MODULES:
    importlib.import_module(f"{__name__}.{_name}")
