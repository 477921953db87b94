"""Digital signatures (ký số) of the documents the Department issues: PAdES with pyHanko."""
