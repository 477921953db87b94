"""The shared base every app may use and that uses no app of ours: accent folding
(``text``), who is acting (``acting``), read-only history admin (``admin``), upload
checks and the abstract stored-upload model (``uploads``, ``models``), and the events
lower apps announce for higher ones to hear (``events``)."""
