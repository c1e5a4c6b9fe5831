"""The embedded demo organization: a moto server on 127.0.0.1, patched where
moto differs from AWS, and seeded with a realistic organization."""
