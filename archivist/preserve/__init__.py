"""Preserve: what the build made in, fixity and a BagIt bag out.

``fixity`` writes and verifies a site's ``manifest-sha256.txt``; ``bag``
packs the originals, cleaned texts, export and glossary for a repository.
"""
