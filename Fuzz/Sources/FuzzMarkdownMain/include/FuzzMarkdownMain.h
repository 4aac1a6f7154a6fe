// Nothing to import: the entry point only.
