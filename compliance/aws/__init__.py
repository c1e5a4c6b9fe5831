"""The only code that talks to AWS: sessions, the read-only guard, the API reader."""
