"""The application layer: the use cases the GUI and the CLI both call (a data folder's
``Workspace``, an open incident's ``IncidentSession``, the exports) and the one ``IncidentView``
of an incident that every page, document and command renders."""
