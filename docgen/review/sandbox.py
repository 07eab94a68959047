"""The environment an uploaded template is checked in: the one production renders in.

``docgen.render.sandbox.MeteredEnvironment`` (``docgen.render.engine.make_environment``)
refuses private/dunder attributes (``SecurityError``), changes to values
(``list.append``), expressions that would build huge values (``'x' * 10**9``,
``2 ** 10**9``, ``'%999999999s' % x``, ``|center(10**9)``, ``s ~ s`` ...; ``TooBig``) and
meters every render (time, operations, output: ``BudgetExceeded``). Checking an upload
therefore runs with exactly the limits a real render has; the child process of
``docgen.review.isolation`` adds a wall-clock and memory limit around the whole check.
"""

from __future__ import annotations

from docgen.render.budget import MAX_SIZE, BudgetExceeded, TooBig
from docgen.render.engine import make_environment
from docgen.render.sandbox import MeteredEnvironment

__all__ = ["MAX_SIZE", "SECURITY_MESSAGE", "BudgetExceeded", "MeteredEnvironment", "TooBig",
           "make_environment"]

SECURITY_MESSAGE = ("templat mencoba mengakses bagian internal Python; kode seperti ini "
                    "tidak diizinkan dalam templat")
