"""Loading ``forms/``, the procedure written as data (TOML): the types (``schema``), the typed
reader (``reader``), one loader per group of files (``procedure``, ``risk``, ``prevention``), where
the app's own folder is (``folder``), and ``load_procedure`` with its cache (``loader``).

The graph runs one way: schema <- reader <- procedure, risk, prevention <- loader."""

from .folder import bundled_forms_dir
from .loader import load_procedure
from .schema import Procedure, ProcedureError

__all__ = ["Procedure", "ProcedureError", "bundled_forms_dir", "load_procedure"]
