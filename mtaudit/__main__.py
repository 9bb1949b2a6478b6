import sys

from mtaudit.cli import main

sys.exit(main())
