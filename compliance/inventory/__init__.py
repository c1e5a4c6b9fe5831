"""Inventory: small functions per service that ask AWS through ``AccountApi``
and return plain data. Controls read these; nothing else calls AWS."""
