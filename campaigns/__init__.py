"""Emulation campaigns (phong trào thi đua): phases, the units' registrations and results
reports, and the nomination rounds that decide whether a new dossier is accepted."""
