"""Moving a district's laptop database (SQLite) into the database the suite runs on (the
state's PostgreSQL), everything in one transaction: ``manage.py move_district`` and
docs/laptop-to-state.md.

Every table of every installed app is taken, those referred to first (``tables``). Three passes
over the laptop, in one read transaction so that they see the same rows:

1. **Check.** The laptop must be at the state's release (the same migrations). Each row of a
   shared table (the area tree, designations, catalogues: ``rules.SHARED``) is looked up in the
   state by its natural keys (unique fields and constraints other than the id): found with the
   same ``same`` fields it is the state's row (matched), found otherwise it is a clash, not found
   it is new. Every other row is new, and each of its natural keys that does not go through a
   new row is looked up: found, it is a clash. Files named by new rows must be in the laptop's
   uploads and not in the state's storage. Any clash or problem refuses the move; nothing has
   been written.
2. **Write.** Each new row gets an id from the state's own sequence (in the laptop's order), then
   every row is written with each reference re-pointed: foreign keys, one-to-one and
   many-to-many rows, generic relations (by content type), the history tables' ids, and the ids
   the suite keeps in JSON, keys and links (``rules``); the area tree's paths are written from
   the new ids. Ledger entries are written unposted and posted at the end, so the database's own
   checks (legs balance) run again and its triggers build the month totals. The databases'
   references are checked, then the files are copied under the same names.
3. **Prove.** For each table, the moved rows are read back from the state and the laptop's rows
   read again and re-pointed: the counts and the checksums (the sum of every row's SHA-256,
   ids written as the state's ids) must be equal, or everything is rolled back.
"""

from degs.core.moving.engine import MoveRefused, ProofFailed, move_district
from degs.core.moving.report import Clash, MoveReport, TableProof

__all__ = ["Clash", "MoveRefused", "MoveReport", "ProofFailed", "TableProof", "move_district"]
