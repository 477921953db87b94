"""The domain model: units, staff, the award catalogue, campaigns, dossiers (hồ sơ đề nghị
khen thưởng) with their evidence files, and the award history; dossier numbers. Pure data:
who may see a dossier is ``permissions``', how it moves is ``workflows``'."""
