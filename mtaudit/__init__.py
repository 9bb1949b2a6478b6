"""mtaudit: find machine-translated sentences that could mislead a reader.

>>> from mtaudit import audit
>>> result = audit([Path("article.id.txt"), Path("article.en.txt")])
>>> result.pairs.sort_values("risk", ascending=False)   # a pandas DataFrame
"""

from mtaudit.model.encoder import Encoder
from mtaudit.pipeline import Audit, Options, audit, audit_pairs

__version__ = "0.1.0"
__all__ = ["Audit", "Encoder", "Options", "__version__", "audit", "audit_pairs"]
