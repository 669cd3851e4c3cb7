"""A legacy helper module, as a realistic file with exact expected findings."""
import logging  # expect: LOG001
from .common import shared  # expect: IMP001
from logging.handlers import RotatingFileHandler  # expect: LOG001

logger = logging.getLogger(__name__)  # expect: LOG001
retryCount = 3  # expect: NAM003


class config_loader:  # expect: NAM001,DOC001
    def __init__(self, path):  # expect: ANN001,ANN002
        self.filePath = path  # expect: NAM003

    def loadAll(self, strict=False) -> dict:  # expect: NAM002,ANN001,DOC002
        try:
            return {}
        except:  # expect: EXC001
            return {}

    def _hidden(self, value: int) -> int:
        try:
            return value
        except Exception:  # expect: EXC002
            return 0


def parse_items(items, *args, **kwargs):  # expect: ANN001,ANN001,ANN001,ANN002
    """Parse the items."""
    for itemIndex, item in enumerate(items):  # expect: NAM003
        print(item)  # expect: PRN002
    return items


def safe_call(func: object) -> object:
    """Call and translate errors."""
    try:
        return func()
    except BaseException as error:
        raise RuntimeError("call failed") from error
