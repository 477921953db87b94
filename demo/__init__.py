"""The Đồng Nai demo: organisation, catalogue, campaign, users and dossiers at every step of
the flow, and the idempotent ``seed_demo`` command. The top layer: it may use every app."""
