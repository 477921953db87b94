# Roles are Django groups and object permissions live in guardian's tables (see roles.py
# and grants.py); this app owns no tables of its own.
