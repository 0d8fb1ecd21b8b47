r"""clipclean: messy web clippings in, clean deduplicated JSONL out.

The command line (`clipclean.cli`) is a thin layer over this library:

>>> from clipclean import Config, Clipping, clean_clipping
>>> clip = "Rain floods the old town\n\nHeavy rain flooded the old town on Monday.\n\n© 2024 Example News"
>>> stories, removed = clean_clipping(Clipping("memo.txt", clip.encode()), Config())
>>> stories[0].title, stories[0].text, removed[0].reason
('Rain floods the old town', 'Heavy rain flooded the old town on Monday.', 'copyright')
"""

from clipclean.config import Config
from clipclean.pipeline import Stats, clean_clipping, run
from clipclean.records import Clipping, Failure, Removal, Story

__version__ = "0.1.0"
__all__ = ["Clipping", "Config", "Failure", "Removal", "Stats", "Story", "clean_clipping", "run"]
