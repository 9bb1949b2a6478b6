from mtaudit.cli import entry

entry()
